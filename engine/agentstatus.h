#pragma once

#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

namespace nightshift {

/// Where an agent stands.
enum class AgentState { Idle, Scheduled, Running, Paused, Stopped, Error };

/// What the user asked of an agent; it survives restarts, while AgentState follows from it.
enum class DesiredState { Idle, Started, Paused, Stopped };

QString stateName(AgentState state);
QString desiredName(DesiredState desired);
/// The DesiredState a desiredName() names; Idle for anything else.
DesiredState desiredFromName(const QString &name);

/// A value snapshot of one agent's status and counters.
struct AgentStatus
{
    QString agentId;
    AgentState state = AgentState::Idle;
    DesiredState desired = DesiredState::Idle;
    int specRevision = 0;
    qint64 runCount = 0;   ///< Finished runs, whatever their outcome.
    qint64 errorCount = 0; ///< Runs that ended failed, timed out or interrupted.
    int consecutiveFailures = 0;
    qint64 lastRunMs = 0; ///< When the last finished run started; 0 if none.
    QString lastOutcome;  ///< State name of the last finished run.
    QString lastError;
    qint64 nextRunMs = 0; ///< 0 when nothing is due.
    qint64 anchorMs = 0;  ///< Where an interval schedule's phase counts from; 0 until started.
    qint64 lastDurationMs = 0;
    qint64 totalDurationMs = 0;
    QString pauseReason;
    qint64 pausedAtMs = 0;
    qint64 pausedUntilMs = 0; ///< A timed pause resumes by itself then; 0: until resumed.
    qint64 servedCount = 0;   ///< Occurrences that got a run: what schedule.max_runs counts.
    qint64 tokensTotal = 0;
    qint64 tokensToday = 0;    ///< Tokens of the runs that finished on tokensDay.
    QString tokensDay;         ///< The local date (YYYY-MM-DD) tokensToday counts; empty if none.
    double costTotal = 0;      ///< US dollars, from the price table.
    double costToday = 0;      ///< Cost of the runs that finished on tokensDay.
    qint64 tokensMonth = 0;    ///< Tokens of the runs that finished in spendMonth.
    double costMonth = 0;      ///< Cost of the runs that finished in spendMonth.
    QString spendMonth;        ///< The local month (YYYY-MM) the month's totals count.
    bool storeOffline = false; ///< The store is unreachable; what the agent does waits for it.

    qint64 averageDurationMs() const { return runCount > 0 ? totalDurationMs / runCount : 0; }
    nlohmann::json toJson() const;
    bool operator==(const AgentStatus &) const = default;
};

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::AgentStatus)
