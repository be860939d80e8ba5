#include "scheduletimes.h"

#include <algorithm>

namespace nightshift {

QTimeZone scheduleZone(const Schedule &schedule)
{
    if (schedule.timeZone.isEmpty())
        return QTimeZone::systemTimeZone();
    return QTimeZone(schedule.timeZone.toUtf8());
}

ScheduleTimes::ScheduleTimes(const Schedule &schedule)
    : m_schedule(schedule)
{
    if (schedule.kind != Schedule::Kind::Cron)
        return;
    if (const Result<CronExpression> cron = CronExpression::parse(schedule.cron))
        m_cron = *cron;
    if (!schedule.timeZone.isEmpty())
        m_zone = QTimeZone(schedule.timeZone.toUtf8());
}

const QTimeZone &ScheduleTimes::zone() const
{
    if (!m_schedule.timeZone.isEmpty())
        return m_zone;
    const QByteArray systemId = QTimeZone::systemTimeZoneId();
    if (systemId != m_systemZoneId || !m_zone.isValid()) {
        m_zone = QTimeZone::systemTimeZone();
        m_systemZoneId = systemId;
    }
    return m_zone;
}

qint64 ScheduleTimes::nextUnbounded(qint64 anchorMs, qint64 afterMs) const
{
    switch (m_schedule.kind) {
    case Schedule::Kind::Interval: {
        const qint64 intervalMs = m_schedule.intervalMs;
        if (intervalMs <= 0)
            return -1;
        // A start_at without an anchor sets the phase: the first run is at start_at itself.
        if (m_schedule.startAtMs && !m_schedule.anchorMs)
            anchorMs = *m_schedule.startAtMs - intervalMs;
        // The n-th occurrence is anchor + n × interval, so late runs never shift the phase.
        const qint64 first = anchorMs + intervalMs;
        if (afterMs < first)
            return first;
        const qint64 n = (afterMs - anchorMs) / intervalMs + 1;
        return anchorMs + n * intervalMs;
    }
    case Schedule::Kind::Cron:
        return m_cron.isNull() ? -1 : m_cron.nextAfter(afterMs, zone());
    case Schedule::Kind::Once:
        return m_schedule.atMs > afterMs ? m_schedule.atMs : -1;
    case Schedule::Kind::Manual:
        return -1;
    }
    return -1;
}

qint64 ScheduleTimes::next(qint64 anchorMs, qint64 afterMs) const
{
    if (m_schedule.startAtMs)
        afterMs = std::max(afterMs, *m_schedule.startAtMs - 1);
    const qint64 next = nextUnbounded(anchorMs, afterMs);
    if (next < 0 || (m_schedule.endAtMs && next > *m_schedule.endAtMs))
        return -1;
    return next;
}

QList<qint64> ScheduleTimes::next(qint64 anchorMs, qint64 afterMs, int count) const
{
    QList<qint64> due;
    qint64 after = afterMs;
    while (due.size() < count) {
        const qint64 time = next(anchorMs, after);
        if (time < 0)
            break;
        due.append(time);
        after = time;
    }
    return due;
}

qint64 nextOccurrence(const Schedule &schedule, qint64 anchorMs, qint64 afterMs)
{
    return ScheduleTimes(schedule).next(anchorMs, afterMs);
}

QList<qint64> nextOccurrences(const Schedule &schedule, qint64 anchorMs, qint64 afterMs, int count)
{
    return ScheduleTimes(schedule).next(anchorMs, afterMs, count);
}

} // namespace nightshift
