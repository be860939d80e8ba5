#include "scheduletimes.h"

namespace nightshift {

qint64 nextOccurrence(const Schedule &schedule, qint64 anchorMs, qint64 afterMs)
{
    switch (schedule.kind) {
    case Schedule::Kind::Interval: {
        if (schedule.intervalMs <= 0)
            return -1;
        // The n-th occurrence is anchor + n × interval, so late runs never shift the phase.
        const qint64 first = anchorMs + schedule.intervalMs;
        if (afterMs < first)
            return first;
        const qint64 n = (afterMs - anchorMs) / schedule.intervalMs + 1;
        return anchorMs + n * schedule.intervalMs;
    }
    case Schedule::Kind::Once:
        return schedule.atMs > afterMs ? schedule.atMs : -1;
    case Schedule::Kind::Manual:
        return -1;
    }
    return -1;
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
