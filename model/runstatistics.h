#pragma once

#include "run.h"

#include <QList>
#include <QString>

namespace nightshift {

/// How far back the charts look.
enum class StatsWindow { Hour, Day, Week, Month };

/// What the runs of one period add up to.
struct StatsBucket
{
    qint64 startMs = 0;
    qint64 endMs = 0; ///< Exclusive.
    int runs = 0;     ///< Runs that did the agent's work (see RunStatistics).
    int errors = 0;   ///< Of those, failed, timed out or interrupted.
    int skipped = 0;  ///< Occurrences skipped or missed: no work, so not runs.
    qint64 totalDurationMs = 0;
    qint64 maxDurationMs = 0;
    qint64 tokens = 0;

    /// The runs' mean duration; 0 without runs.
    qint64 meanDurationMs() const { return runs > 0 ? totalDurationMs / runs : 0; }
    /// The runs' mean tokens; 0 without runs.
    qint64 tokensPerRun() const { return runs > 0 ? tokens / runs : 0; }
    bool operator==(const StatsBucket &) const = default;
};

/// Runs sorted into equal periods over a window ending now, for the charts; no GUI.
///
/// A run counts where it started. Counted as runs are the ones that did the agent's work and
/// ended: completed, failed, timed out, interrupted and cancelled, as the agent's status counts
/// them. Errors are the failed, timed out and interrupted ones (a cancel is asked for, not an
/// error). Skipped and missed occurrences never ran, so they are counted apart, with no
/// duration or tokens. Queued and running runs are left out until they finish.
class RunStatistics final
{
public:
    /// Buckets aligned on whole periods of local time (utcOffsetMs east of UTC), the last one
    /// holding nowMs, so they stay put while the window slides.
    RunStatistics(StatsWindow window, qint64 nowMs, qint64 utcOffsetMs = 0);

    /// How long a window is.
    static qint64 windowLength(StatsWindow window);
    /// How long one of its periods is: 1 h by minutes, 24 h by hours, 7 d by 6 hours, 30 d by
    /// days.
    static qint64 bucketLength(StatsWindow window);

    /// Counts a run of agentId's, or of any agent when agentId is empty; runs outside the
    /// window are ignored.
    void addRuns(const QList<RunRecord> &runs, const QString &agentId = {});
    /// Counts one run; outside the window it is ignored.
    void addRun(const RunRecord &run);

    /// The window the buckets cover.
    StatsWindow window() const { return m_window; }
    /// Where the first bucket starts.
    qint64 startMs() const { return m_startMs; }
    /// Where the last bucket ends (exclusive).
    qint64 endMs() const { return m_startMs + qint64(m_buckets.size()) * m_bucketMs; }
    /// The periods, oldest first.
    const QList<StatsBucket> &buckets() const { return m_buckets; }
    /// The buckets added up.
    StatsBucket total() const;

private:
    StatsWindow m_window;
    qint64 m_bucketMs;
    qint64 m_startMs;
    QList<StatsBucket> m_buckets;
};

} // namespace nightshift
