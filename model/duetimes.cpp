#include "duetimes.h"

#include "scheduletimes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace nightshift {

using namespace Qt::StringLiterals;

QList<qint64> upcomingDueTimes(const Schedule &schedule, qint64 anchorMs, qint64 nowMs, int count)
{
    if (schedule.maxRuns > 0)
        count = std::min(count, schedule.maxRuns);
    return nextOccurrences(schedule, anchorMs, nowMs, count);
}

bool isOtherThanLocalZone(const QString &timeZone)
{
    if (timeZone.isEmpty())
        return false;
    const QByteArray id = timeZone.toUtf8();
    return id != QTimeZone::systemTimeZoneId() && QTimeZone(id).isValid();
}

QString dueTimeText(qint64 ms, const QString &timeZone, const QLocale &locale)
{
    const QString time = ms % 60'000 == 0 ? u"HH:mm"_s : u"HH:mm:ss"_s;
    const QString dayAndTime = u"ddd yyyy-MM-dd "_s + time;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms);
    if (!isOtherThanLocalZone(timeZone))
        return locale.toString(local, dayAndTime);
    const QDateTime there = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(timeZone.toUtf8()));
    //: A due time in an agent's time zone (%1 the time, %2 the zone) and in local time (%3).
    return QCoreApplication::translate("DueTimes", "%1 %2 — %3 local")
        .arg(locale.toString(there, dayAndTime),
             timeZone,
             locale.toString(local, local.date() == there.date() ? time : dayAndTime));
}

} // namespace nightshift
