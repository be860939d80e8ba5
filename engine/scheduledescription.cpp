#include "scheduledescription.h"

#include "cronexpression.h"
#include "event.h"

namespace nightshift {

namespace {

QString every(qint64 count, const char *singular, const char *plural)
{
    if (count == 1)
        return QStringLiteral("every ") + QString::fromLatin1(singular);
    return QStringLiteral("every %1 ").arg(count) + QString::fromLatin1(plural);
}

QString describeInterval(qint64 ms)
{
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    if (ms % day == 0)
        return every(ms / day, "day", "days");
    if (ms % hour == 0)
        return every(ms / hour, "hour", "hours");
    if (ms % minute == 0)
        return every(ms / minute, "minute", "minutes");
    if (ms % second == 0)
        return every(ms / second, "second", "seconds");
    return QStringLiteral("every %1 seconds").arg(double(ms) / 1000.0);
}

} // namespace

QString describeSchedule(const Schedule &schedule)
{
    switch (schedule.kind) {
    case Schedule::Kind::Interval: {
        QString text = describeInterval(schedule.intervalMs);
        if (schedule.anchorMs)
            text += QStringLiteral(" from ") + isoTimestamp(*schedule.anchorMs);
        return text;
    }
    case Schedule::Kind::Cron: {
        const Result<CronExpression> cron = CronExpression::parse(schedule.cron);
        QString text = cron ? cron->describe() : schedule.cron;
        if (!schedule.timeZone.isEmpty())
            text += QStringLiteral(" (%1)").arg(schedule.timeZone);
        return text;
    }
    case Schedule::Kind::Once:
        return QStringLiteral("once at ") + isoTimestamp(schedule.atMs);
    case Schedule::Kind::Manual:
        return QStringLiteral("manual only");
    }
    return {};
}

} // namespace nightshift
