#include "rediscodec.h"

namespace nightshift {

namespace {

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

// Round-trips a double exactly: 17 significant digits.
QByteArray decimal(double value)
{
    return QByteArray::number(value, 'g', 17);
}

double decimalField(const QHash<QByteArray, QByteArray> &fields, const char *name)
{
    return fields.value(name).toDouble();
}

qint64 numberField(const QHash<QByteArray, QByteArray> &fields, const char *name)
{
    return fields.value(name).toLongLong();
}

QString textField(const QHash<QByteArray, QByteArray> &fields, const char *name)
{
    return QString::fromUtf8(fields.value(name));
}

AgentState agentStateFromName(const QString &name)
{
    for (int i = 0; i <= int(AgentState::Error); ++i) {
        if (stateName(AgentState(i)) == name)
            return AgentState(i);
    }
    return AgentState::Idle;
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString jsonString(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                 : QString();
}

template<typename T>
T jsonNumber(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<T>() : T{};
}

} // namespace

QList<QByteArray> redisStatusFields(const AgentStatus &status)
{
    return {"agent_id",
            status.agentId.toUtf8(),
            "state",
            stateName(status.state).toUtf8(),
            "desired",
            desiredName(status.desired).toUtf8(),
            "spec_revision",
            number(status.specRevision),
            "run_count",
            number(status.runCount),
            "error_count",
            number(status.errorCount),
            "consecutive_failures",
            number(status.consecutiveFailures),
            "last_run_ms",
            number(status.lastRunMs),
            "last_outcome",
            status.lastOutcome.toUtf8(),
            "last_error",
            status.lastError.toUtf8(),
            "next_run_ms",
            number(status.nextRunMs),
            "anchor_ms",
            number(status.anchorMs),
            "last_duration_ms",
            number(status.lastDurationMs),
            "total_duration_ms",
            number(status.totalDurationMs),
            "pause_reason",
            status.pauseReason.toUtf8(),
            "paused_at_ms",
            number(status.pausedAtMs),
            "tokens_total",
            number(status.tokensTotal),
            "tokens_today",
            number(status.tokensToday),
            "tokens_day",
            status.tokensDay.toUtf8(),
            "paused_until_ms",
            number(status.pausedUntilMs),
            "served_count",
            number(status.servedCount),
            "cost_total",
            decimal(status.costTotal),
            "cost_today",
            decimal(status.costToday),
            "tokens_month",
            number(status.tokensMonth),
            "cost_month",
            decimal(status.costMonth),
            "spend_month",
            status.spendMonth.toUtf8()};
}

AgentStatus redisStatusFromFields(const QHash<QByteArray, QByteArray> &fields)
{
    AgentStatus status;
    status.agentId = textField(fields, "agent_id");
    status.state = agentStateFromName(textField(fields, "state"));
    status.desired = desiredFromName(textField(fields, "desired"));
    status.specRevision = int(numberField(fields, "spec_revision"));
    status.runCount = numberField(fields, "run_count");
    status.errorCount = numberField(fields, "error_count");
    status.consecutiveFailures = int(numberField(fields, "consecutive_failures"));
    status.lastRunMs = numberField(fields, "last_run_ms");
    status.lastOutcome = textField(fields, "last_outcome");
    status.lastError = textField(fields, "last_error");
    status.nextRunMs = numberField(fields, "next_run_ms");
    status.anchorMs = numberField(fields, "anchor_ms");
    status.lastDurationMs = numberField(fields, "last_duration_ms");
    status.totalDurationMs = numberField(fields, "total_duration_ms");
    status.pauseReason = textField(fields, "pause_reason");
    status.pausedAtMs = numberField(fields, "paused_at_ms");
    status.tokensTotal = numberField(fields, "tokens_total");
    status.tokensToday = numberField(fields, "tokens_today");
    status.tokensDay = textField(fields, "tokens_day");
    status.pausedUntilMs = numberField(fields, "paused_until_ms");
    status.servedCount = numberField(fields, "served_count");
    status.costTotal = decimalField(fields, "cost_total");
    status.costToday = decimalField(fields, "cost_today");
    status.tokensMonth = numberField(fields, "tokens_month");
    status.costMonth = decimalField(fields, "cost_month");
    status.spendMonth = textField(fields, "spend_month");
    return status;
}

QByteArray redisEncodeRun(const RunRecord &run)
{
    const nlohmann::json json = {
        {"run_id", utf8(run.runId)},
        {"agent_id", utf8(run.agentId)},
        {"spec_revision", run.specRevision},
        {"origin", utf8(originName(run.origin))},
        {"occurrence_ms", run.occurrenceMs},
        {"state", utf8(stateName(run.state))},
        {"attempts", run.attempts},
        {"started_ms", run.startedMs},
        {"finished_ms", run.finishedMs},
        {"requests", run.usage.requests},
        {"input_tokens", run.usage.inputTokens},
        {"output_tokens", run.usage.outputTokens},
        {"cost", run.usage.cost},
        {"result", utf8(run.result)},
        {"error", utf8(run.error)},
        {"skip_reason", utf8(run.skipReason)},
    };
    return redisJsonText(json);
}

std::optional<RunRecord> redisDecodeRun(const QByteArray &text)
{
    const nlohmann::json json
        = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    const std::optional<RunOrigin> origin = runOriginFromName(jsonString(json, "origin"));
    const std::optional<RunState> state = runStateFromName(jsonString(json, "state"));
    if (!origin || !state)
        return std::nullopt;
    RunRecord run;
    run.runId = jsonString(json, "run_id");
    run.agentId = jsonString(json, "agent_id");
    run.specRevision = jsonNumber<int>(json, "spec_revision");
    run.origin = *origin;
    run.occurrenceMs = jsonNumber<qint64>(json, "occurrence_ms");
    run.state = *state;
    run.attempts = jsonNumber<int>(json, "attempts");
    run.startedMs = jsonNumber<qint64>(json, "started_ms");
    run.finishedMs = jsonNumber<qint64>(json, "finished_ms");
    run.usage.requests = jsonNumber<qint64>(json, "requests");
    run.usage.inputTokens = jsonNumber<qint64>(json, "input_tokens");
    run.usage.outputTokens = jsonNumber<qint64>(json, "output_tokens");
    run.usage.cost = jsonNumber<double>(json, "cost");
    run.result = jsonString(json, "result");
    run.error = jsonString(json, "error");
    run.skipReason = jsonString(json, "skip_reason");
    return run;
}

QList<QByteArray> redisEventFields(const Event &event)
{
    return {"seq",
            number(event.seq),
            "agent_id",
            event.agentId.toUtf8(),
            "run_id",
            event.runId.toUtf8(),
            "type",
            event.type.toUtf8(),
            "timestamp",
            number(event.timestampMs),
            "payload",
            redisJsonText(event.payload)};
}

std::optional<Event> redisEventFromFields(const QHash<QByteArray, QByteArray> &fields)
{
    bool ok = false;
    Event event;
    event.seq = fields.value("seq").toLongLong(&ok);
    if (!ok || event.seq <= 0)
        return std::nullopt;
    event.agentId = textField(fields, "agent_id");
    event.runId = textField(fields, "run_id");
    event.type = textField(fields, "type");
    event.timestampMs = numberField(fields, "timestamp");
    const QByteArray payload = fields.value("payload");
    event.payload = nlohmann::json::parse(
        payload.constData(), payload.constData() + payload.size(), nullptr, false);
    if (event.payload.is_discarded())
        return std::nullopt;
    return event;
}

QByteArray redisJsonText(const nlohmann::json &value)
{
    const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace nightshift
