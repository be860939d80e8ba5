#include "sqlitememoryrouter.h"

#include "log.h"
#include "sqlitedatabase.h"

#include <QSqlQuery>
#include <QVariant>

namespace nightshift {

namespace {

QString text(const std::string &utf8)
{
    return QString::fromStdString(utf8);
}

Result<nlohmann::json> parseJson(const QString &textValue, const QString &what)
{
    nlohmann::json value = nlohmann::json::parse(textValue.toStdString(), nullptr, false);
    if (value.is_discarded())
        return makeError(ErrorCode::Io,
                         QStringLiteral("%1 in the store is not valid JSON; the file may be "
                                        "damaged")
                             .arg(what));
    return value;
}

const QString RunColumns = QStringLiteral(
    "run_id, agent_id, spec_revision, origin, occurrence, state, attempts, started, finished, "
    "requests, input_tokens, output_tokens, cost, result, error, skip_reason");

RunRecord runFromRow(const QSqlQuery &query)
{
    RunRecord run;
    run.runId = query.value(0).toString();
    run.agentId = query.value(1).toString();
    run.specRevision = query.value(2).toInt();
    run.origin = runOriginFromName(query.value(3).toString()).value_or(RunOrigin::Scheduled);
    run.occurrenceMs = query.value(4).toLongLong();
    run.state = runStateFromName(query.value(5).toString()).value_or(RunState::Interrupted);
    run.attempts = query.value(6).toInt();
    run.startedMs = query.value(7).toLongLong();
    run.finishedMs = query.value(8).toLongLong();
    run.usage.requests = query.value(9).toLongLong();
    run.usage.inputTokens = query.value(10).toLongLong();
    run.usage.outputTokens = query.value(11).toLongLong();
    run.usage.cost = query.value(12).toDouble();
    run.result = query.value(13).toString();
    run.error = query.value(14).toString();
    run.skipReason = query.value(15).toString();
    return run;
}

} // namespace

SqliteMemoryRouter::SqliteMemoryRouter(std::shared_ptr<SqliteDatabase> database,
                                       RetentionPolicy retention)
    : m_database(std::move(database))
    , m_retention(retention)
{}

Result<void> SqliteMemoryRouter::saveSpec(const AgentSpec &spec)
{
    QSqlQuery query = m_database->prepare(QStringLiteral(
        "INSERT INTO agents (agent_id, revision, spec) VALUES (?, ?, ?) "
        "ON CONFLICT (agent_id) DO UPDATE SET revision = excluded.revision, spec = excluded.spec"));
    query.addBindValue(spec.agentId);
    query.addBindValue(spec.revision);
    query.addBindValue(text(spec.toJson().dump()));
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot save agent %1").arg(spec.agentId), query);
    return {};
}

Result<void> SqliteMemoryRouter::saveStatus(const AgentStatus &status)
{
    QSqlQuery &query = m_database->cached(QStringLiteral(
        "UPDATE agents SET desired = ?, state = ?, anchor = ?, next_run = ?, run_count = ?, "
        "error_count = ?, consecutive_failures = ?, last_run = ?, last_outcome = ?, "
        "last_error = ?, last_duration_ms = ?, total_duration_ms = ?, pause_reason = ?, "
        "paused_at = ?, tokens_total = ?, tokens_today = ?, tokens_day = ?, paused_until = ?, "
        "served_count = ?, cost_total = ?, cost_today = ?, tokens_month = ?, cost_month = ?, "
        "spend_month = ? WHERE agent_id = ?"));
    int index = 0;
    for (const QVariant &value : {QVariant(desiredName(status.desired)),
                                  QVariant(stateName(status.state)),
                                  QVariant(status.anchorMs),
                                  QVariant(status.nextRunMs),
                                  QVariant(status.runCount),
                                  QVariant(status.errorCount),
                                  QVariant(status.consecutiveFailures),
                                  QVariant(status.lastRunMs),
                                  SqliteDatabase::text(status.lastOutcome),
                                  SqliteDatabase::text(status.lastError),
                                  QVariant(status.lastDurationMs),
                                  QVariant(status.totalDurationMs),
                                  SqliteDatabase::text(status.pauseReason),
                                  QVariant(status.pausedAtMs),
                                  QVariant(status.tokensTotal),
                                  QVariant(status.tokensToday),
                                  SqliteDatabase::text(status.tokensDay),
                                  QVariant(status.pausedUntilMs),
                                  QVariant(status.servedCount),
                                  QVariant(status.costTotal),
                                  QVariant(status.costToday),
                                  QVariant(status.tokensMonth),
                                  QVariant(status.costMonth),
                                  SqliteDatabase::text(status.spendMonth),
                                  QVariant(status.agentId)})
        query.bindValue(index++, value);
    if (!query.exec())
        return m_database->failure(
            QStringLiteral("cannot save the status of %1").arg(status.agentId), query);
    if (query.numRowsAffected() == 0)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("no stored agent \"%1\" to save a status for").arg(status.agentId));
    return {};
}

Result<void> SqliteMemoryRouter::saveStatuses(const QList<AgentStatus> &statuses)
{
    QSqlQuery control(m_database->connection());
    if (!control.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return m_database->failure(QStringLiteral("cannot save statuses"), control);
    for (const AgentStatus &status : statuses) {
        if (const Result<void> saved = saveStatus(status); !saved) {
            control.exec(QStringLiteral("ROLLBACK"));
            return saved;
        }
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const Error error = m_database->failure(QStringLiteral("cannot save statuses"), control);
        control.exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    return {};
}

Result<void> SqliteMemoryRouter::removeAgent(const QString &agentId)
{
    // Runs go with the agent through ON DELETE CASCADE.
    QSqlQuery query = m_database->prepare(QStringLiteral("DELETE FROM agents WHERE agent_id = ?"));
    query.addBindValue(agentId);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot delete agent %1").arg(agentId), query);
    return {};
}

Result<QList<StoredAgent>> SqliteMemoryRouter::loadAgents()
{
    QSqlQuery query = m_database->prepare(QStringLiteral(
        "SELECT agent_id, revision, spec, desired, state, anchor, next_run, run_count, "
        "error_count, consecutive_failures, last_run, last_outcome, last_error, last_duration_ms, "
        "total_duration_ms, pause_reason, paused_at, tokens_total, tokens_today, tokens_day, "
        "paused_until, served_count, cost_total, cost_today, tokens_month, cost_month, spend_month "
        "FROM agents ORDER BY agent_id"));
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read the agents"), query);
    QList<StoredAgent> agents;
    while (query.next()) {
        const QString agentId = query.value(0).toString();
        const Result<nlohmann::json> json
            = parseJson(query.value(2).toString(), QStringLiteral("the spec of %1").arg(agentId));
        if (!json)
            return json.error();
        ConfigParseResult parsed = parseAgentSpec(json.value());
        if (!parsed.ok() || parsed.agents.isEmpty())
            return makeError(ErrorCode::Io,
                             QStringLiteral("the stored spec of %1 no longer validates (%2); fix "
                                            "it with `nightshift agents update`")
                                 .arg(agentId, parsed.errors.value(0).toString()));
        StoredAgent agent;
        agent.spec = std::move(parsed.agents.first());
        agent.spec.revision = query.value(1).toInt();
        AgentStatus &status = agent.status;
        status.agentId = agentId;
        status.specRevision = agent.spec.revision;
        status.desired = desiredFromName(query.value(3).toString());
        status.anchorMs = query.value(5).toLongLong();
        status.nextRunMs = query.value(6).toLongLong();
        status.runCount = query.value(7).toLongLong();
        status.errorCount = query.value(8).toLongLong();
        status.consecutiveFailures = query.value(9).toInt();
        status.lastRunMs = query.value(10).toLongLong();
        status.lastOutcome = query.value(11).toString();
        status.lastError = query.value(12).toString();
        status.lastDurationMs = query.value(13).toLongLong();
        status.totalDurationMs = query.value(14).toLongLong();
        status.pauseReason = query.value(15).toString();
        status.pausedAtMs = query.value(16).toLongLong();
        status.tokensTotal = query.value(17).toLongLong();
        status.tokensToday = query.value(18).toLongLong();
        status.tokensDay = query.value(19).toString();
        status.pausedUntilMs = query.value(20).toLongLong();
        status.servedCount = query.value(21).toLongLong();
        status.costTotal = query.value(22).toDouble();
        status.costToday = query.value(23).toDouble();
        status.tokensMonth = query.value(24).toLongLong();
        status.costMonth = query.value(25).toDouble();
        status.spendMonth = query.value(26).toString();
        const QString state = query.value(4).toString();
        for (int i = 0; i <= int(AgentState::Error); ++i) {
            if (stateName(AgentState(i)) == state)
                status.state = AgentState(i);
        }
        agents.append(std::move(agent));
    }
    return agents;
}

Result<void> SqliteMemoryRouter::saveRun(const RunRecord &run)
{
    // An upsert, not INSERT OR REPLACE: the row keeps its rowid, which orders runs by when they
    // were first written.
    QSqlQuery &query = m_database->cached(
        QStringLiteral("INSERT INTO runs (") + RunColumns
        + QStringLiteral(
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id) DO UPDATE SET spec_revision = excluded.spec_revision, "
            "origin = excluded.origin, occurrence = excluded.occurrence, "
            "state = excluded.state, attempts = excluded.attempts, "
            "started = excluded.started, finished = excluded.finished, "
            "requests = excluded.requests, input_tokens = excluded.input_tokens, "
            "output_tokens = excluded.output_tokens, cost = excluded.cost, "
            "result = excluded.result, error = excluded.error, "
            "skip_reason = excluded.skip_reason"));
    int index = 0;
    for (const QVariant &value : {QVariant(run.runId),
                                  QVariant(run.agentId),
                                  QVariant(run.specRevision),
                                  QVariant(originName(run.origin)),
                                  QVariant(run.occurrenceMs),
                                  QVariant(stateName(run.state)),
                                  QVariant(run.attempts),
                                  QVariant(run.startedMs),
                                  QVariant(run.finishedMs),
                                  QVariant(run.usage.requests),
                                  QVariant(run.usage.inputTokens),
                                  QVariant(run.usage.outputTokens),
                                  QVariant(run.usage.cost),
                                  SqliteDatabase::text(run.result),
                                  SqliteDatabase::text(run.error),
                                  SqliteDatabase::text(run.skipReason)})
        query.bindValue(index++, value);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot save run %1").arg(run.runId), query);
    // Finding the cut-off walks the kept rows, so it is done once per tenth of what is kept.
    if (isFinal(run.state)) {
        qint64 &finished = m_finishedSinceCleanup[run.agentId];
        if (++finished >= std::max<qint64>(1, m_retention.keepRuns / 10)) {
            finished = 0;
            pruneRuns(run.agentId);
        }
    }
    return {};
}

void SqliteMemoryRouter::pruneRuns(const QString &agentId)
{
    // Failed runs (what someone investigates later) get their own, longer allowance; queued and
    // running runs are never dropped.
    const QString failed = QStringLiteral("('failed', 'timed_out', 'interrupted')");
    const QString open = QStringLiteral("('queued', 'running')");
    const QString sql = QStringLiteral(
        "DELETE FROM runs WHERE agent_id = ? AND state %1 IN %2 AND state NOT IN %3 AND rowid <= "
        "(SELECT rowid FROM runs WHERE agent_id = ? AND state %1 IN %2 AND state NOT IN %3 "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?)");
    for (const auto &[kind, keep] : {std::pair{QStringLiteral("NOT"), m_retention.keepRuns},
                                     std::pair{QString(), m_retention.keepFailedRuns}}) {
        QSqlQuery query = m_database->prepare(sql.arg(kind, failed, open));
        query.addBindValue(agentId);
        query.addBindValue(agentId);
        query.addBindValue(keep);
        if (!query.exec())
            engineLog().warn("retention: {}",
                             m_database->failure(QStringLiteral("cannot drop old runs"), query)
                                 .message.toStdString());
    }
}

Result<QList<RunRecord>> SqliteMemoryRouter::selectRuns(const QString &where,
                                                        const QVariantList &values,
                                                        const QString &tail)
{
    QSqlQuery query
        = m_database->prepare(QStringLiteral("SELECT ") + RunColumns
                              + QStringLiteral(" FROM runs WHERE ") + where + u' ' + tail);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read runs"), query);
    QList<RunRecord> runs;
    while (query.next())
        runs.append(runFromRow(query));
    return runs;
}

Result<QList<RunRecord>> SqliteMemoryRouter::listRuns(const QString &agentId, int limit)
{
    return selectRuns(QStringLiteral("agent_id = ?"),
                      {agentId, std::max(0, limit)},
                      QStringLiteral("ORDER BY rowid DESC LIMIT ?"));
}

Result<QList<RunRecord>> SqliteMemoryRouter::listUnfinishedRuns()
{
    return selectRuns(
        QStringLiteral("state IN ('queued', 'running')"), {}, QStringLiteral("ORDER BY rowid"));
}

Result<nlohmann::json> SqliteMemoryRouter::loadSession(const QString &sessionId)
{
    QSqlQuery query
        = m_database->prepare(QStringLiteral("SELECT messages FROM sessions WHERE session_id = ?"));
    query.addBindValue(sessionId);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read session %1").arg(sessionId), query);
    if (!query.next())
        return nlohmann::json::array();
    return parseJson(query.value(0).toString(), QStringLiteral("session %1").arg(sessionId));
}

Result<void> SqliteMemoryRouter::saveSession(const QString &sessionId,
                                             const nlohmann::json &messages)
{
    QSqlQuery query = m_database->prepare(
        QStringLiteral("INSERT OR REPLACE INTO sessions (session_id, messages) VALUES (?, ?)"));
    query.addBindValue(sessionId);
    query.addBindValue(text(messages.dump()));
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot save session %1").arg(sessionId), query);
    return {};
}

Result<qint64> SqliteMemoryRouter::submitCommand(const StoreCommand &command)
{
    QSqlQuery query = m_database->prepare(
        QStringLiteral("INSERT INTO commands (verb, agent_id, arguments) VALUES (?, ?, ?)"));
    query.addBindValue(command.verb);
    query.addBindValue(SqliteDatabase::text(command.agentId));
    query.addBindValue(text(command.arguments.dump()));
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot queue the command"), query);
    return query.lastInsertId().toLongLong();
}

Result<QList<StoreCommand>> SqliteMemoryRouter::pendingCommands()
{
    QSqlQuery query = m_database->prepare(QStringLiteral(
        "SELECT id, verb, agent_id, arguments FROM commands WHERE answer IS NULL ORDER BY id"));
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read commands"), query);
    QList<StoreCommand> commands;
    while (query.next()) {
        StoreCommand command;
        command.id = query.value(0).toLongLong();
        command.verb = query.value(1).toString();
        command.agentId = query.value(2).toString();
        const Result<nlohmann::json> arguments
            = parseJson(query.value(3).toString(), QStringLiteral("a command"));
        command.arguments = arguments ? arguments.value() : nlohmann::json::object();
        commands.append(command);
    }
    return commands;
}

Result<void> SqliteMemoryRouter::answerCommand(qint64 id, const nlohmann::json &answer)
{
    QSqlQuery query
        = m_database->prepare(QStringLiteral("UPDATE commands SET answer = ? WHERE id = ?"));
    query.addBindValue(text(answer.dump()));
    query.addBindValue(id);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot answer command %1").arg(id), query);
    return {};
}

Result<nlohmann::json> SqliteMemoryRouter::commandAnswer(qint64 id)
{
    QSqlQuery query
        = m_database->prepare(QStringLiteral("SELECT answer FROM commands WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read command %1").arg(id), query);
    if (!query.next() || query.value(0).isNull())
        return nlohmann::json();
    return parseJson(query.value(0).toString(), QStringLiteral("the answer to command %1").arg(id));
}

} // namespace nightshift
