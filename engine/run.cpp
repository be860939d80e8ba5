#include "run.h"

#include "event.h"

namespace nightshift {

QString originName(RunOrigin origin)
{
    switch (origin) {
    case RunOrigin::Scheduled:
        return QStringLiteral("scheduled");
    case RunOrigin::Manual:
        return QStringLiteral("manual");
    case RunOrigin::Retry:
        return QStringLiteral("retry");
    case RunOrigin::CatchUp:
        return QStringLiteral("catch_up");
    }
    return {};
}

QString stateName(RunState state)
{
    switch (state) {
    case RunState::Queued:
        return QStringLiteral("queued");
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Completed:
        return QStringLiteral("completed");
    case RunState::Failed:
        return QStringLiteral("failed");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    case RunState::TimedOut:
        return QStringLiteral("timed_out");
    case RunState::Interrupted:
        return QStringLiteral("interrupted");
    case RunState::Skipped:
        return QStringLiteral("skipped");
    case RunState::Missed:
        return QStringLiteral("missed");
    }
    return {};
}

std::optional<RunState> runStateFromName(const QString &name)
{
    for (int i = 0; i <= int(RunState::Missed); ++i) {
        if (stateName(RunState(i)) == name)
            return RunState(i);
    }
    return std::nullopt;
}

std::optional<RunOrigin> runOriginFromName(const QString &name)
{
    for (int i = 0; i <= int(RunOrigin::CatchUp); ++i) {
        if (originName(RunOrigin(i)) == name)
            return RunOrigin(i);
    }
    return std::nullopt;
}

bool isFinal(RunState state)
{
    return state != RunState::Queued && state != RunState::Running;
}

Usage &Usage::operator+=(const Usage &other)
{
    requests += other.requests;
    inputTokens += other.inputTokens;
    outputTokens += other.outputTokens;
    cost += other.cost;
    return *this;
}

nlohmann::json Usage::toJson() const
{
    return {{"requests", requests},
            {"input_tokens", inputTokens},
            {"output_tokens", outputTokens},
            {"total_tokens", totalTokens()},
            {"cost", cost}};
}

nlohmann::json RunRecord::toJson() const
{
    nlohmann::json json = {
        {"run_id", runId.toStdString()},
        {"agent_id", agentId.toStdString()},
        {"spec_revision", specRevision},
        {"origin", originName(origin).toStdString()},
        {"occurrence", isoTimestamp(occurrenceMs).toStdString()},
        {"state", stateName(state).toStdString()},
        {"attempts", attempts},
        {"started",
         startedMs > 0 ? nlohmann::json(isoTimestamp(startedMs).toStdString()) : nlohmann::json()},
        {"finished",
         finishedMs > 0 ? nlohmann::json(isoTimestamp(finishedMs).toStdString())
                        : nlohmann::json()},
        {"duration_ms", durationMs()},
        {"usage", usage.toJson()},
    };
    if (!result.isEmpty())
        json["result"] = result.toStdString();
    if (!error.isEmpty())
        json["error"] = error.toStdString();
    if (!skipReason.isEmpty())
        json["skip_reason"] = skipReason.toStdString();
    return json;
}

} // namespace nightshift
