#include "scheduledescription.h"

#include "cronexpression.h"
#include "event.h"

#include <QCoreApplication>

namespace nightshift {

namespace {

QString describeInterval(qint64 ms)
{
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    // "every day", not "every 1 day": the count of one has words of its own.
    if (ms % day == 0) {
        return ms == day ? QCoreApplication::translate("ScheduleDescription", "every day")
                         : QCoreApplication::translate(
                             "ScheduleDescription", "every %n days", nullptr, int(ms / day));
    }
    if (ms % hour == 0) {
        return ms == hour ? QCoreApplication::translate("ScheduleDescription", "every hour")
                          : QCoreApplication::translate(
                              "ScheduleDescription", "every %n hours", nullptr, int(ms / hour));
    }
    if (ms % minute == 0) {
        return ms == minute
                   ? QCoreApplication::translate("ScheduleDescription", "every minute")
                   : QCoreApplication::translate(
                       "ScheduleDescription", "every %n minutes", nullptr, int(ms / minute));
    }
    if (ms % second == 0) {
        return ms == second
                   ? QCoreApplication::translate("ScheduleDescription", "every second")
                   : QCoreApplication::translate(
                       "ScheduleDescription", "every %n seconds", nullptr, int(ms / second));
    }
    return QCoreApplication::translate("ScheduleDescription", "every %1 seconds")
        .arg(double(ms) / 1000.0);
}

} // namespace

QString describeSchedule(const Schedule &schedule)
{
    switch (schedule.kind) {
    case Schedule::Kind::Interval: {
        const QString interval = describeInterval(schedule.intervalMs);
        if (!schedule.anchorMs)
            return interval;
        return QCoreApplication::translate("ScheduleDescription", "%1 from %2")
            .arg(interval, isoTimestamp(*schedule.anchorMs));
    }
    case Schedule::Kind::Cron: {
        const Result<CronExpression> cron = CronExpression::parse(schedule.cron);
        const QString times = cron ? cron->describe() : schedule.cron;
        if (schedule.timeZone.isEmpty())
            return times;
        return QCoreApplication::translate("ScheduleDescription", "%1 (%2)", "times, time zone")
            .arg(times, schedule.timeZone);
    }
    case Schedule::Kind::Once:
        return QCoreApplication::translate("ScheduleDescription", "once at %1")
            .arg(isoTimestamp(schedule.atMs));
    case Schedule::Kind::Manual:
        return QCoreApplication::translate("ScheduleDescription", "manual only");
    }
    return {};
}

} // namespace nightshift
