#include "scheduletimes.h"

#include "cronexpression.h"

#include <algorithm>

namespace nightshift {

QTimeZone scheduleZone(const Schedule &schedule)
{
    if (schedule.timeZone.isEmpty())
        return QTimeZone::systemTimeZone();
    return QTimeZone(schedule.timeZone.toUtf8());
}

namespace {

qint64 nextUnbounded(const Schedule &schedule, qint64 anchorMs, qint64 afterMs)
{
    switch (schedule.kind) {
    case Schedule::Kind::Interval: {
        if (schedule.intervalMs <= 0)
            return -1;
        // A start_at without an anchor sets the phase: the first run is at start_at itself.
        if (schedule.startAtMs && !schedule.anchorMs)
            anchorMs = *schedule.startAtMs - schedule.intervalMs;
        // The n-th occurrence is anchor + n × interval, so late runs never shift the phase.
        const qint64 first = anchorMs + schedule.intervalMs;
        if (afterMs < first)
            return first;
        const qint64 n = (afterMs - anchorMs) / schedule.intervalMs + 1;
        return anchorMs + n * schedule.intervalMs;
    }
    case Schedule::Kind::Cron: {
        const Result<CronExpression> cron = CronExpression::parse(schedule.cron);
        return cron ? cron->nextAfter(afterMs, scheduleZone(schedule)) : -1;
    }
    case Schedule::Kind::Once:
        return schedule.atMs > afterMs ? schedule.atMs : -1;
    case Schedule::Kind::Manual:
        return -1;
    }
    return -1;
}

} // namespace

qint64 nextOccurrence(const Schedule &schedule, qint64 anchorMs, qint64 afterMs)
{
    if (schedule.startAtMs)
        afterMs = std::max(afterMs, *schedule.startAtMs - 1);
    const qint64 next = nextUnbounded(schedule, anchorMs, afterMs);
    if (next < 0 || (schedule.endAtMs && next > *schedule.endAtMs))
        return -1;
    return next;
}

QList<qint64> nextOccurrences(const Schedule &schedule, qint64 anchorMs, qint64 afterMs, int count)
{
    QList<qint64> due;
    qint64 after = afterMs;
    while (due.size() < count) {
        const qint64 next = nextOccurrence(schedule, anchorMs, after);
        if (next < 0)
            break;
        due.append(next);
        after = next;
    }
    return due;
}

} // namespace nightshift
