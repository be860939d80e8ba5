#pragma once

#include "agentspec.h"

#include <QList>
#include <QTimeZone>

namespace nightshift {

/// The zone a schedule's wall-clock times are in: its own, else the system's.
QTimeZone scheduleZone(const Schedule &schedule);

/// The first due time of schedule strictly after afterMs, or -1 when none is left. An interval
/// counts its phase from anchorMs (the schedule's own anchor, else when the agent started).
qint64 nextOccurrence(const Schedule &schedule, qint64 anchorMs, qint64 afterMs);

/// Up to count due times after afterMs, in order, as nextOccurrence() finds them.
QList<qint64> nextOccurrences(const Schedule &schedule, qint64 anchorMs, qint64 afterMs, int count);

} // namespace nightshift
