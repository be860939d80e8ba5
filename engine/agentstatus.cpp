#include "agentstatus.h"

#include "event.h"

namespace nightshift {

QString stateName(AgentState state)
{
    switch (state) {
    case AgentState::Idle:
        return QStringLiteral("idle");
    case AgentState::Scheduled:
        return QStringLiteral("scheduled");
    case AgentState::Running:
        return QStringLiteral("running");
    case AgentState::Paused:
        return QStringLiteral("paused");
    case AgentState::Stopped:
        return QStringLiteral("stopped");
    case AgentState::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString desiredName(DesiredState desired)
{
    switch (desired) {
    case DesiredState::Idle:
        return QStringLiteral("idle");
    case DesiredState::Started:
        return QStringLiteral("started");
    case DesiredState::Paused:
        return QStringLiteral("paused");
    case DesiredState::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

DesiredState desiredFromName(const QString &name)
{
    for (DesiredState desired :
         {DesiredState::Started, DesiredState::Paused, DesiredState::Stopped}) {
        if (desiredName(desired) == name)
            return desired;
    }
    return DesiredState::Idle;
}

namespace {

nlohmann::json instantOrNull(qint64 ms)
{
    return ms > 0 ? nlohmann::json(isoTimestamp(ms).toStdString()) : nlohmann::json();
}

} // namespace

nlohmann::json AgentStatus::toJson() const
{
    nlohmann::json json = {
        {"agent_id", agentId.toStdString()},
        {"state", stateName(state).toStdString()},
        {"desired", desiredName(desired).toStdString()},
        {"spec_revision", specRevision},
        {"run_count", runCount},
        {"error_count", errorCount},
        {"consecutive_failures", consecutiveFailures},
        {"last_run", instantOrNull(lastRunMs)},
        {"last_outcome",
         lastOutcome.isEmpty() ? nlohmann::json() : nlohmann::json(lastOutcome.toStdString())},
        {"next_run", instantOrNull(nextRunMs)},
        {"last_duration_ms", lastDurationMs},
        {"average_duration_ms", averageDurationMs()},
        {"tokens_total", tokensTotal},
        {"tokens_today", tokensToday},
        {"tokens_day",
         tokensDay.isEmpty() ? nlohmann::json() : nlohmann::json(tokensDay.toStdString())},
        {"tokens_month", tokensMonth},
        {"cost_total", costTotal},
        {"cost_today", costToday},
        {"cost_month", costMonth},
        {"served_count", servedCount},
    };
    if (!lastError.isEmpty())
        json["last_error"] = lastError.toStdString();
    if (storeOffline)
        json["store"] = "offline";
    if (state == AgentState::Paused) {
        json["pause_reason"] = pauseReason.toStdString();
        json["paused_at"] = instantOrNull(pausedAtMs);
        json["paused_until"] = instantOrNull(pausedUntilMs);
    }
    return json;
}

} // namespace nightshift
