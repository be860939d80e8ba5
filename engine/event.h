#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <nlohmann/json.hpp>

namespace nightshift {

/// Names of the event types. The first four are the seed's and keep its spelling.
namespace EventType {
inline constexpr char TaskStarted[] = "background_task_started";
inline constexpr char TaskCompleted[] = "background_task_completed";
inline constexpr char TaskError[] = "background_task_error";
inline constexpr char AgentStatus[] = "background_agent_status";
inline constexpr char RunSkipped[] = "run_skipped";
inline constexpr char RetryScheduled[] = "retry_scheduled";
/// A run waits: for the running one (overlap queue_one) or for the fleet's concurrency limit.
inline constexpr char RunQueued[] = "run_queued";
/// A run would pass a budget cap: {"cap", "scope", "limit", "spent", "estimate", "action"}.
inline constexpr char BudgetExceeded[] = "budget_exceeded";
/// The agent paused itself after failures in a row: {"failures", "last_error"}.
inline constexpr char AutoPaused[] = "agent_auto_paused";
/// The wall clock jumped (suspend, changed time) past a due run: {"delta_ms", "missed_from"}.
inline constexpr char ClockJumped[] = "clock_jumped";
inline constexpr char LlmRequest[] = "llm_request";
inline constexpr char LlmResponse[] = "llm_response";
inline constexpr char LlmRetry[] = "llm_retry";
/// A model request waits for its provider's limits: {"provider", "reason" (`concurrency` or
/// `rate`), "position" (1 = next), "step", "try"}.
inline constexpr char RequestQueued[] = "request_queued";
inline constexpr char ToolCallStarted[] = "tool_call_started";
inline constexpr char ToolCallCompleted[] = "tool_call_completed";
inline constexpr char ToolCallError[] = "tool_call_error";
/// From the `notify` tool: {"title", "body", "level"}, for a desktop notification.
inline constexpr char Notification[] = "notification";
/// A run used a model the price table has no price for: {"provider", "model", "reason"}. Its
/// runs count as $0; said once per model until the table changes.
inline constexpr char PriceUnknown[] = "price_unknown";
} // namespace EventType

/// One append-only record of something an agent did.
struct Event
{
    qint64 seq = 0; ///< Per agent, from 1, increasing by one.
    QString agentId;
    QString runId; ///< Empty for events outside a run.
    QString type;
    qint64 timestampMs = 0; ///< UTC.
    nlohmann::json payload = nlohmann::json::object();

    /// `{"seq":…,"agent_id":…,"run_id":…,"type":…,"timestamp":"…Z","payload":{…}}`
    nlohmann::json toJson() const;
    /// One line for people: time, agent, type and the payload's gist.
    QString toText() const;
    /// The payload's gist for people: the few fields that say what happened, as key=value.
    QString summary() const;

    bool operator==(const Event &) const = default;
};

using EventList = QList<Event>;

/// UTC ISO 8601 with milliseconds: 2026-11-24T09:00:00.000Z.
QString isoTimestamp(qint64 msSinceEpoch);

/// value with the password of every URL in its strings replaced by `***`
/// (`https://user:***@host/`), for events that show what a tool was called with.
nlohmann::json withoutUrlPasswords(const nlohmann::json &value);

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::Event)
