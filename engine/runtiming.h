#pragma once

#include "run.h"

#include <optional>

namespace nightshift {

/// A run that starts within this long of its due time started on time.
inline constexpr qint64 OnTimeToleranceMs = 1000;
/// A run that starts later than this after its due time did not run as scheduled.
inline constexpr qint64 NotableLatenessMs = 60'000;

/// How long after its due time the run started; nothing for a manual run, which has no due
/// time, or for an occurrence that has not started (queued, skipped, missed).
std::optional<qint64> runLateMs(const RunRecord &run);

/// Whether the run started more than OnTimeToleranceMs after its due time.
bool startedLate(const RunRecord &run);

/// Whether the occurrence went otherwise than its schedule promised: it did not run (skipped,
/// missed), ran as a catch-up, started more than NotableLatenessMs late, or ended failed, timed
/// out or interrupted. States and origins beyond the ordinary ones count as well, so that a new
/// kind of outcome shows up rather than hides.
bool wentNotAsScheduled(const RunRecord &run);

} // namespace nightshift
