#include "runstatistics.h"

#include <algorithm>

namespace nightshift {

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

qint64 floorToMultiple(qint64 value, qint64 step)
{
    const qint64 remainder = value % step;
    return value - (remainder < 0 ? remainder + step : remainder);
}

// The states of runs that did the agent's work and ended.
bool isCountedRun(RunState state)
{
    switch (state) {
    case RunState::Completed:
    case RunState::Failed:
    case RunState::Cancelled:
    case RunState::TimedOut:
    case RunState::Interrupted:
        return true;
    case RunState::Queued:
    case RunState::Running:
    case RunState::Skipped:
    case RunState::Missed:
        return false;
    }
    return false;
}

bool isError(RunState state)
{
    return state == RunState::Failed || state == RunState::TimedOut
           || state == RunState::Interrupted;
}

} // namespace

RunStatistics::RunStatistics(StatsWindow window, qint64 nowMs, qint64 utcOffsetMs)
    : m_window(window)
    , m_bucketMs(bucketLength(window))
{
    const qint64 count = windowLength(window) / m_bucketMs;
    const qint64 lastStart = floorToMultiple(nowMs + utcOffsetMs, m_bucketMs) - utcOffsetMs;
    m_startMs = lastStart - (count - 1) * m_bucketMs;
    m_buckets.resize(count);
    for (qint64 n = 0; n < count; ++n) {
        StatsBucket &bucket = m_buckets[n];
        bucket.startMs = m_startMs + n * m_bucketMs;
        bucket.endMs = bucket.startMs + m_bucketMs;
    }
}

qint64 RunStatistics::windowLength(StatsWindow window)
{
    switch (window) {
    case StatsWindow::Hour:
        return Hour;
    case StatsWindow::Day:
        return Day;
    case StatsWindow::Week:
        return 7 * Day;
    case StatsWindow::Month:
        return 30 * Day;
    }
    return Hour;
}

qint64 RunStatistics::bucketLength(StatsWindow window)
{
    // Between 24 and 60 periods each: enough to show a trend, few enough to read as bars.
    switch (window) {
    case StatsWindow::Hour:
        return Minute;
    case StatsWindow::Day:
        return Hour;
    case StatsWindow::Week:
        return 6 * Hour;
    case StatsWindow::Month:
        return Day;
    }
    return Minute;
}

void RunStatistics::addRuns(const QList<RunRecord> &runs, const QString &agentId)
{
    for (const RunRecord &run : runs) {
        if (agentId.isEmpty() || run.agentId == agentId)
            addRun(run);
    }
}

void RunStatistics::addRun(const RunRecord &run)
{
    const qint64 timeMs = run.timeMs();
    if (timeMs < m_startMs || timeMs >= endMs())
        return;
    StatsBucket &bucket = m_buckets[(timeMs - m_startMs) / m_bucketMs];
    if (run.state == RunState::Skipped || run.state == RunState::Missed) {
        ++bucket.skipped;
        return;
    }
    if (!isCountedRun(run.state))
        return;
    ++bucket.runs;
    if (isError(run.state))
        ++bucket.errors;
    bucket.totalDurationMs += run.durationMs();
    bucket.maxDurationMs = std::max(bucket.maxDurationMs, run.durationMs());
    bucket.tokens += run.usage.totalTokens();
}

StatsBucket RunStatistics::total() const
{
    StatsBucket sum;
    sum.startMs = m_startMs;
    sum.endMs = endMs();
    for (const StatsBucket &bucket : m_buckets) {
        sum.runs += bucket.runs;
        sum.errors += bucket.errors;
        sum.skipped += bucket.skipped;
        sum.totalDurationMs += bucket.totalDurationMs;
        sum.maxDurationMs = std::max(sum.maxDurationMs, bucket.maxDurationMs);
        sum.tokens += bucket.tokens;
    }
    return sum;
}

} // namespace nightshift
