#pragma once

#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace nightshift {

/// Why a run exists.
enum class RunOrigin { Scheduled, Manual, Retry, CatchUp };

/// queued → running → completed | failed | cancelled | timed_out | interrupted; an occurrence
/// that did not run at all is skipped (with a reason) or missed (the process was not running).
enum class RunState {
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    TimedOut,
    Interrupted,
    Skipped,
    Missed,
};

QString originName(RunOrigin origin);
QString stateName(RunState state);
bool isFinal(RunState state);
/// The RunState a stateName() names, if any.
std::optional<RunState> runStateFromName(const QString &name);
/// The RunOrigin an originName() names, if any.
std::optional<RunOrigin> runOriginFromName(const QString &name);

/// What a run consumed.
struct Usage
{
    qint64 requests = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double cost = 0;

    qint64 totalTokens() const { return inputTokens + outputTokens; }
    Usage &operator+=(const Usage &other);
    nlohmann::json toJson() const;
    bool operator==(const Usage &) const = default;
};

/// One execution of an agent's task, serving one occurrence.
struct RunRecord
{
    QString runId;
    QString agentId;
    int specRevision = 0;
    RunOrigin origin = RunOrigin::Scheduled;
    qint64 occurrenceMs = 0; ///< The due time it serves.
    RunState state = RunState::Queued;
    int attempts = 0;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    Usage usage;
    QString result;
    QString error;
    QString skipReason; ///< For skipped runs: overlap, …

    qint64 durationMs() const { return finishedMs > startedMs ? finishedMs - startedMs : 0; }
    /// When it started; for an occurrence that never ran (skipped, missed), when it was due.
    qint64 timeMs() const { return startedMs > 0 ? startedMs : occurrenceMs; }
    nlohmann::json toJson() const;
    bool operator==(const RunRecord &) const = default;
};

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::RunRecord)
