#include "redismemoryrouter.h"

#include "rediscodec.h"
#include "redisconnection.h"
#include "redisownerlease.h"

#include "log.h"

#include <QMap>

#include <algorithm>

namespace nightshift {

namespace {

using Command = RedisConnection::Command;

// Only an agent that is stored gets a status, as in the in-memory store; one step so a
// concurrent removal cannot leave a status behind.
constexpr char SaveStatusScript[] = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
redis.call('HSET', KEYS[2], unpack(ARGV))
return 1
)lua";

// A new run goes to the end of the agent's order; a known one keeps its place. A finished run
// joins its class (ARGV[3]: KEYS[4] finished, KEYS[5] failed, anything else still open), and
// the class keeps only its newest ARGV[4] (finished) or ARGV[5] (failed) runs.
constexpr char SaveRunScript[] = R"lua(
if redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) == 1 then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
end
local class, keep
if ARGV[3] == 'finished' then
    class, keep = KEYS[4], tonumber(ARGV[4])
elseif ARGV[3] == 'failed' then
    class, keep = KEYS[5], tonumber(ARGV[5])
else
    return 1
end
redis.call('ZADD', class, redis.call('ZSCORE', KEYS[2], ARGV[1]), ARGV[1])
local excess = redis.call('ZCARD', class) - keep
if excess > 0 then
    local dropped = redis.call('ZRANGE', class, 0, excess - 1)
    redis.call('HDEL', KEYS[1], unpack(dropped))
    redis.call('ZREM', KEYS[2], unpack(dropped))
    redis.call('ZREMRANGEBYRANK', class, 0, excess - 1)
end
return 1
)lua";

const char *retentionClass(RunState state)
{
    if (!isFinal(state))
        return "open";
    const bool failed = state == RunState::Failed || state == RunState::TimedOut
                        || state == RunState::Interrupted;
    return failed ? "failed" : "finished";
}

// Answers are read by the CLI within seconds; a week keeps them for the curious.
constexpr int AnsweredCommandTtlSeconds = 7 * 24 * 3600;

// Status, run and session writes kept while Redis is away. Each agent, run and session takes
// one slot however often it is written, so this holds a long outage of a large fleet.
constexpr qsizetype MaxDeferredWrites = 100'000;

QByteArray unfinishedMember(const QString &agentId, const QString &runId)
{
    // Agent ids hold no '/', so the first one splits the member again.
    return agentId.toUtf8() + '/' + runId.toUtf8();
}

QHash<QByteArray, QByteArray> toHash(const RedisReply &reply)
{
    QHash<QByteArray, QByteArray> hash;
    for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2)
        hash.insert(reply.elements.at(i).string, reply.elements.at(i + 1).string);
    return hash;
}

nlohmann::json parseJson(const QByteArray &text)
{
    return nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
}

Error damaged(const QString &what)
{
    return makeError(
        ErrorCode::Io,
        QStringLiteral("%1 in Redis does not read back; save it again or remove it").arg(what));
}

} // namespace

RedisMemoryRouter::RedisMemoryRouter(std::shared_ptr<RedisConnection> connection,
                                     std::unique_ptr<RedisOwnerLease> lease,
                                     RetentionPolicy retention)
    : m_connection(std::move(connection))
    , m_lease(std::move(lease))
    , m_keys(m_connection->url().prefix)
    , m_retention(retention)
{
    QObject::connect(
        m_connection.get(), &RedisConnection::onlineChanged, &m_context, [this](bool online) {
            if (online)
                writeDeferred();
        });
}

RedisMemoryRouter::~RedisMemoryRouter()
{
    if (!m_deferred.empty())
        engineLog().warn("{} status, run or session writes were not written to Redis at {} "
                         "before closing",
                         m_deferred.size(),
                         m_connection->url().endpoint().toStdString());
}

Result<void> RedisMemoryRouter::writeOrDefer(QByteArray key, std::function<Result<void>()> write)
{
    // Writes go out in the order they were made: while some wait, new ones wait behind them.
    if (m_deferred.empty() && m_connection->isOnline()) {
        const Result<void> written = write();
        if (written || !isOutage(written.error()))
            return written;
    }
    const auto known = m_deferredByKey.constFind(key);
    if (known != m_deferredByKey.constEnd()) {
        // A status, run or session is written whole: the newer one takes the older one's place.
        (*known)->write = std::move(write);
        return {};
    }
    if (qsizetype(m_deferred.size()) >= MaxDeferredWrites)
        return makeError(ErrorCode::Io,
                         QStringLiteral("Redis at %1 has been unreachable for %2 status and run "
                                        "writes; new runs wait until it is back")
                             .arg(m_connection->url().endpoint())
                             .arg(m_deferred.size()));
    if (m_deferred.empty())
        engineLog().warn("Redis at {} is unreachable; status and run writes wait in memory",
                         m_connection->url().endpoint().toStdString());
    m_deferred.push_back({key, std::move(write)});
    m_deferredByKey.insert(key, std::prev(m_deferred.end()));
    return {};
}

void RedisMemoryRouter::writeDeferred()
{
    const std::size_t waiting = m_deferred.size();
    while (!m_deferred.empty() && m_connection->isOnline()) {
        const Result<void> written = m_deferred.front().write();
        if (!written && isOutage(written.error()))
            return;
        if (!written)
            engineLog().warn("a write kept while Redis was away was refused: {}",
                             written.errorMessage().toStdString());
        m_deferredByKey.remove(m_deferred.front().key);
        m_deferred.pop_front();
    }
    if (m_deferred.empty() && waiting > 0)
        engineLog().info("wrote {} status, run and session writes kept while Redis was away",
                         waiting);
}

bool RedisMemoryRouter::isOutage(const Error &error)
{
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Timeout;
}

Result<QList<RedisReply>> RedisMemoryRouter::run(const QList<QList<QByteArray>> &commands,
                                                 const QString &what)
{
    Result<QList<RedisReply>> replies = m_connection->execute(commands);
    if (!replies)
        return makeError(replies.error().code,
                         QStringLiteral("%1: %2").arg(what, replies.error().message));
    for (const RedisReply &reply : *replies) {
        if (reply.isError())
            return makeError(ErrorCode::Io,
                             QStringLiteral("%1: Redis at %2 answered %3")
                                 .arg(what,
                                      m_connection->url().endpoint(),
                                      m_connection->redact(reply.errorText())));
    }
    return replies;
}

Result<void> RedisMemoryRouter::saveSpec(const AgentSpec &spec)
{
    const Result<QList<RedisReply>> replies
        = run({{"HSET",
                m_keys.spec(spec.agentId),
                "json",
                redisJsonText(spec.toJson()),
                "revision",
                QByteArray::number(spec.revision)},
               {"SADD", m_keys.agents(), spec.agentId.toUtf8()}},
              QStringLiteral("cannot save agent \"%1\"").arg(spec.agentId));
    if (!replies)
        return replies.error();
    return {};
}

Result<void> RedisMemoryRouter::saveStatus(const AgentStatus &status)
{
    return writeOrDefer("status/" + status.agentId.toUtf8(),
                        [this, status] { return writeStatus(status); });
}

Result<void> RedisMemoryRouter::writeStatus(const AgentStatus &status)
{
    const QString what
        = QStringLiteral("cannot save the status of agent \"%1\"").arg(status.agentId);
    Command save{
        "EVAL", SaveStatusScript, "2", m_keys.spec(status.agentId), m_keys.status(status.agentId)};
    save.append(redisStatusFields(status));
    const Result<QList<RedisReply>> saved = run({save}, what);
    if (!saved)
        return saved.error();
    if (saved->first().integer == 0)
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("no stored agent \"%1\" to save a status for").arg(status.agentId));
    // The due set lives outside the agent's slot, so a Cluster cannot take it in the script.
    const Command due = status.nextRunMs > 0
                            ? Command{"ZADD",
                                      m_keys.due(),
                                      QByteArray::number(status.nextRunMs),
                                      status.agentId.toUtf8()}
                            : Command{"ZREM", m_keys.due(), status.agentId.toUtf8()};
    const Result<QList<RedisReply>> scheduled = run({due}, what);
    if (!scheduled)
        return scheduled.error();
    return {};
}

Result<void> RedisMemoryRouter::removeAgent(const QString &agentId)
{
    const QString what = QStringLiteral("cannot remove agent \"%1\"").arg(agentId);
    const Result<QList<RedisReply>> runIds = run({{"HKEYS", m_keys.runs(agentId)}}, what);
    if (!runIds)
        return runIds.error();
    QList<Command> commands = {{"DEL",
                                m_keys.spec(agentId),
                                m_keys.status(agentId),
                                m_keys.runs(agentId),
                                m_keys.runOrder(agentId),
                                m_keys.runCounter(agentId),
                                m_keys.finishedRuns(agentId),
                                m_keys.failedRuns(agentId)},
                               {"SREM", m_keys.agents(), agentId.toUtf8()},
                               {"ZREM", m_keys.due(), agentId.toUtf8()}};
    const QList<RedisReply> &ids = runIds->first().elements;
    if (!ids.isEmpty()) {
        Command forget{"SREM", m_keys.unfinishedRuns()};
        for (const RedisReply &id : ids)
            forget.append(unfinishedMember(agentId, id.text()));
        commands.append(forget);
    }
    const Result<QList<RedisReply>> removed = run(commands, what);
    if (!removed)
        return removed.error();
    return {};
}

Result<QList<StoredAgent>> RedisMemoryRouter::loadAgents()
{
    const QString what = QStringLiteral("cannot load the agents");
    const Result<QList<RedisReply>> members = run({{"SMEMBERS", m_keys.agents()}}, what);
    if (!members)
        return members.error();
    QStringList ids;
    for (const RedisReply &member : members->first().elements)
        ids.append(member.text());
    std::sort(ids.begin(), ids.end());

    QList<Command> commands;
    for (const QString &id : std::as_const(ids)) {
        commands.append({"HGETALL", m_keys.spec(id)});
        commands.append({"HGETALL", m_keys.status(id)});
    }
    const Result<QList<RedisReply>> replies = run(commands, what);
    if (!replies)
        return replies.error();

    QList<StoredAgent> agents;
    agents.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QHash<QByteArray, QByteArray> specFields = toHash(replies->at(2 * i));
        // Removed between the two round trips.
        if (specFields.isEmpty())
            continue;
        const QString agent = QStringLiteral("the spec of agent \"%1\"").arg(ids.at(i));
        const nlohmann::json json = parseJson(specFields.value("json"));
        if (!json.is_object())
            return damaged(agent);
        const ConfigParseResult parsed = parseAgentSpec(json);
        if (!parsed.ok() || parsed.agents.size() != 1)
            return damaged(agent);
        StoredAgent stored;
        stored.spec = parsed.agents.first();
        stored.spec.revision = specFields.value("revision").toInt();
        const QHash<QByteArray, QByteArray> statusFields = toHash(replies->at(2 * i + 1));
        if (!statusFields.isEmpty())
            stored.status = redisStatusFromFields(statusFields);
        // As the in-memory store: the status always names its agent and the spec it follows.
        stored.status.agentId = ids.at(i);
        stored.status.specRevision = stored.spec.revision;
        agents.append(stored);
    }
    return agents;
}

Result<void> RedisMemoryRouter::saveRun(const RunRecord &run)
{
    return writeOrDefer("run/" + run.runId.toUtf8(), [this, run] { return writeRun(run); });
}

Result<void> RedisMemoryRouter::writeRun(const RunRecord &run)
{
    const QByteArray member = unfinishedMember(run.agentId, run.runId);
    const Result<QList<RedisReply>> saved = this->run(
        {{"EVAL",
          SaveRunScript,
          "5",
          m_keys.runs(run.agentId),
          m_keys.runOrder(run.agentId),
          m_keys.runCounter(run.agentId),
          m_keys.finishedRuns(run.agentId),
          m_keys.failedRuns(run.agentId),
          run.runId.toUtf8(),
          redisEncodeRun(run),
          retentionClass(run.state),
          QByteArray::number(m_retention.keepRuns),
          QByteArray::number(m_retention.keepFailedRuns)},
         {isFinal(run.state) ? "SREM" : "SADD", m_keys.unfinishedRuns(), member}},
        QStringLiteral("cannot save run %1 of agent \"%2\"").arg(run.runId, run.agentId));
    if (!saved)
        return saved.error();
    return {};
}

Result<QList<RunRecord>> RedisMemoryRouter::runsById(const QString &agentId,
                                                     const QList<QByteArray> &runIds)
{
    QList<RunRecord> runs;
    if (runIds.isEmpty())
        return runs;
    Command fetch{"HMGET", m_keys.runs(agentId)};
    fetch.append(runIds);
    const Result<QList<RedisReply>> replies = run({fetch},
                                                  QStringLiteral("cannot read the runs of agent "
                                                                 "\"%1\"")
                                                      .arg(agentId));
    if (!replies)
        return replies.error();
    for (const RedisReply &text : replies->first().elements) {
        if (text.isNil())
            continue;
        const std::optional<RunRecord> decoded = redisDecodeRun(text.string);
        if (!decoded)
            return damaged(QStringLiteral("a run of agent \"%1\"").arg(agentId));
        runs.append(*decoded);
    }
    return runs;
}

Result<QList<RunRecord>> RedisMemoryRouter::listRuns(const QString &agentId, int limit)
{
    if (limit <= 0)
        return QList<RunRecord>();
    const Result<QList<RedisReply>> ids
        = run({{"ZREVRANGE", m_keys.runOrder(agentId), "0", QByteArray::number(limit - 1)}},
              QStringLiteral("cannot list the runs of agent \"%1\"").arg(agentId));
    if (!ids)
        return ids.error();
    QList<QByteArray> runIds;
    for (const RedisReply &id : ids->first().elements)
        runIds.append(id.string);
    return runsById(agentId, runIds);
}

Result<QList<RunRecord>> RedisMemoryRouter::listUnfinishedRuns()
{
    const Result<QList<RedisReply>> members = run({{"SMEMBERS", m_keys.unfinishedRuns()}},
                                                  QStringLiteral("cannot list unfinished runs"));
    if (!members)
        return members.error();
    QMap<QString, QList<QByteArray>> byAgent;
    for (const RedisReply &member : members->first().elements) {
        const qsizetype slash = member.string.indexOf('/');
        if (slash > 0)
            byAgent[QString::fromUtf8(member.string.left(slash))].append(
                member.string.mid(slash + 1));
    }
    QList<RunRecord> result;
    for (auto it = byAgent.cbegin(); it != byAgent.cend(); ++it) {
        const Result<QList<RunRecord>> runs = runsById(it.key(), it.value());
        if (!runs)
            return runs.error();
        for (const RunRecord &run : *runs) {
            if (!isFinal(run.state))
                result.append(run);
        }
    }
    std::stable_sort(result.begin(), result.end(), [](const RunRecord &a, const RunRecord &b) {
        return std::tie(a.agentId, a.occurrenceMs, a.runId)
               < std::tie(b.agentId, b.occurrenceMs, b.runId);
    });
    return result;
}

Result<nlohmann::json> RedisMemoryRouter::loadSession(const QString &sessionId)
{
    const QString what = QStringLiteral("cannot load session \"%1\"").arg(sessionId);
    const Result<QList<RedisReply>> text = run({{"GET", m_keys.session(sessionId)}}, what);
    if (!text)
        return text.error();
    if (text->first().isNil())
        return nlohmann::json::array();
    nlohmann::json messages = parseJson(text->first().string);
    if (messages.is_discarded())
        return damaged(QStringLiteral("session \"%1\"").arg(sessionId));
    return messages;
}

Result<void> RedisMemoryRouter::saveSession(const QString &sessionId,
                                            const nlohmann::json &messages)
{
    return writeOrDefer("session/" + sessionId.toUtf8(), [this, sessionId, messages] {
        const Result<QList<RedisReply>> saved
            = run({{"SET", m_keys.session(sessionId), redisJsonText(messages)}},
                  QStringLiteral("cannot save session \"%1\"").arg(sessionId));
        if (!saved)
            return Result<void>(saved.error());
        return Result<void>();
    });
}

Result<qint64> RedisMemoryRouter::submitCommand(const StoreCommand &command)
{
    const QString what = QStringLiteral("cannot queue the %1 command").arg(command.verb);
    const Result<QList<RedisReply>> counter = run({{"INCR", m_keys.commandCounter()}}, what);
    if (!counter)
        return counter.error();
    const qint64 id = counter->first().integer;
    const QByteArray idText = QByteArray::number(id);
    const Result<QList<RedisReply>> queued
        = run({{"HSET",
                m_keys.command(id),
                "verb",
                command.verb.toUtf8(),
                "agent_id",
                command.agentId.toUtf8(),
                "arguments",
                redisJsonText(command.arguments)},
               {"ZADD", m_keys.pendingCommands(), idText, idText}},
              what);
    if (!queued)
        return queued.error();
    return id;
}

Result<QList<StoreCommand>> RedisMemoryRouter::pendingCommands()
{
    const QString what = QStringLiteral("cannot list pending commands");
    const Result<QList<RedisReply>> ids
        = run({{"ZRANGE", m_keys.pendingCommands(), "0", "-1"}}, what);
    if (!ids)
        return ids.error();
    QList<Command> fetches;
    QList<qint64> numbers;
    for (const RedisReply &id : ids->first().elements) {
        numbers.append(id.string.toLongLong());
        fetches.append({"HMGET", m_keys.command(numbers.last()), "verb", "agent_id", "arguments"});
    }
    QList<StoreCommand> commands;
    if (fetches.isEmpty())
        return commands;
    const Result<QList<RedisReply>> replies = run(fetches, what);
    if (!replies)
        return replies.error();
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const QList<RedisReply> &fields = replies->at(i).elements;
        if (fields.size() != 3 || fields.at(0).isNil())
            continue;
        StoreCommand command;
        command.id = numbers.at(i);
        command.verb = fields.at(0).text();
        command.agentId = fields.at(1).text();
        command.arguments = parseJson(fields.at(2).string);
        if (command.arguments.is_discarded())
            return damaged(QStringLiteral("command %1").arg(command.id));
        commands.append(command);
    }
    return commands;
}

Result<void> RedisMemoryRouter::answerCommand(qint64 id, const nlohmann::json &answer)
{
    const QByteArray idText = QByteArray::number(id);
    const Result<QList<RedisReply>> answered
        = run({{"ZREM", m_keys.pendingCommands(), idText},
               {"HSET", m_keys.command(id), "answer", redisJsonText(answer)},
               {"EXPIRE", m_keys.command(id), QByteArray::number(AnsweredCommandTtlSeconds)}},
              QStringLiteral("cannot answer command %1").arg(id));
    if (!answered)
        return answered.error();
    return {};
}

Result<nlohmann::json> RedisMemoryRouter::commandAnswer(qint64 id)
{
    const Result<QList<RedisReply>> text = run({{"HGET", m_keys.command(id), "answer"}},
                                               QStringLiteral("cannot read the answer to "
                                                              "command %1")
                                                   .arg(id));
    if (!text)
        return text.error();
    if (text->first().isNil())
        return nlohmann::json();
    nlohmann::json answer = parseJson(text->first().string);
    if (answer.is_discarded())
        return damaged(QStringLiteral("the answer to command %1").arg(id));
    return answer;
}

} // namespace nightshift
