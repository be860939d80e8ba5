#include "runtiming.h"

#include <algorithm>

namespace nightshift {

namespace {

bool isOrdinaryState(RunState state)
{
    // Cancelled is someone's decision, not the schedule failing; queued and running have no
    // outcome yet.
    return state == RunState::Queued || state == RunState::Running || state == RunState::Completed
           || state == RunState::Cancelled;
}

bool isOrdinaryOrigin(RunOrigin origin)
{
    return origin == RunOrigin::Scheduled || origin == RunOrigin::Manual
           || origin == RunOrigin::Retry;
}

} // namespace

std::optional<qint64> runLateMs(const RunRecord &run)
{
    if (run.origin == RunOrigin::Manual || run.startedMs <= 0 || run.occurrenceMs <= 0)
        return std::nullopt;
    // The clock may fire a few milliseconds early; that is on time, not early.
    return std::max<qint64>(0, run.startedMs - run.occurrenceMs);
}

bool startedLate(const RunRecord &run)
{
    return runLateMs(run).value_or(0) > OnTimeToleranceMs;
}

bool wentNotAsScheduled(const RunRecord &run)
{
    return !isOrdinaryState(run.state) || !isOrdinaryOrigin(run.origin)
           || runLateMs(run).value_or(0) > NotableLatenessMs;
}

} // namespace nightshift
