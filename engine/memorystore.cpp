#include "memorystore.h"

#include <algorithm>

namespace nightshift {

Result<void> VolatileMemoryRouter::saveSpec(const AgentSpec &spec)
{
    m_agents[spec.agentId].spec = spec;
    return {};
}

Result<void> VolatileMemoryRouter::saveStatus(const AgentStatus &status)
{
    const auto it = m_agents.find(status.agentId);
    if (it == m_agents.end())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("no stored agent \"%1\" to save a status for").arg(status.agentId));
    it->second.status = status;
    return {};
}

Result<void> VolatileMemoryRouter::removeAgent(const QString &agentId)
{
    m_agents.erase(agentId);
    m_runs.remove(agentId);
    m_runIndex.remove(agentId);
    return {};
}

Result<QList<StoredAgent>> VolatileMemoryRouter::loadAgents()
{
    QList<StoredAgent> agents;
    agents.reserve(qsizetype(m_agents.size()));
    for (const auto &[id, agent] : m_agents) {
        agents.append(agent);
        agents.last().status.agentId = id;
        agents.last().status.specRevision = agent.spec.revision;
    }
    return agents;
}

Result<void> VolatileMemoryRouter::saveRun(const RunRecord &run)
{
    std::deque<RunRecord> &runs = m_runs[run.agentId];
    QHash<QString, qint64> &index = m_runIndex[run.agentId];
    const auto it = index.constFind(run.runId);
    if (it != index.constEnd()) {
        runs[std::size_t(*it)] = run;
        return {};
    }
    index.insert(run.runId, qint64(runs.size()));
    runs.push_back(run);
    return {};
}

Result<QList<RunRecord>> VolatileMemoryRouter::listRuns(const QString &agentId, int limit)
{
    QList<RunRecord> result;
    const auto it = m_runs.constFind(agentId);
    if (it == m_runs.constEnd())
        return result;
    const std::deque<RunRecord> &runs = *it;
    const auto count = std::min<std::size_t>(runs.size(), std::size_t(std::max(0, limit)));
    result.reserve(qsizetype(count));
    for (auto run = runs.rbegin(); run != runs.rbegin() + qsizetype(count); ++run)
        result.append(*run);
    return result;
}

Result<QList<RunRecord>> VolatileMemoryRouter::listUnfinishedRuns()
{
    QList<RunRecord> result;
    for (const std::deque<RunRecord> &runs : std::as_const(m_runs)) {
        for (const RunRecord &run : runs) {
            if (!isFinal(run.state))
                result.append(run);
        }
    }
    return result;
}

Result<nlohmann::json> VolatileMemoryRouter::loadSession(const QString &sessionId)
{
    return m_sessions.value(sessionId, nlohmann::json::array());
}

Result<void> VolatileMemoryRouter::saveSession(const QString &sessionId,
                                               const nlohmann::json &messages)
{
    m_sessions.insert(sessionId, messages);
    return {};
}

Result<qint64> VolatileMemoryRouter::submitCommand(const StoreCommand &command)
{
    StoreCommand queued = command;
    queued.id = m_nextCommandId++;
    m_pendingCommands.emplace(queued.id, queued);
    return queued.id;
}

Result<QList<StoreCommand>> VolatileMemoryRouter::pendingCommands()
{
    QList<StoreCommand> result;
    for (const auto &[id, command] : m_pendingCommands)
        result.append(command);
    return result;
}

Result<void> VolatileMemoryRouter::answerCommand(qint64 id, const nlohmann::json &answer)
{
    m_pendingCommands.erase(id);
    m_commandAnswers.insert(id, answer);
    return {};
}

Result<nlohmann::json> VolatileMemoryRouter::commandAnswer(qint64 id)
{
    return m_commandAnswers.value(id, nlohmann::json());
}

Result<Event> VolatileEventRouter::append(Event event)
{
    std::vector<Event> &log = m_logs[event.agentId];
    event.seq = qint64(log.size()) + 1;
    log.push_back(event);
    m_subscribers.deliver(event);
    return event;
}

Result<EventList> VolatileEventRouter::read(const QString &agentId, qint64 fromSeq, int limit)
{
    EventList result;
    const auto it = m_logs.constFind(agentId);
    if (it == m_logs.constEnd())
        return result;
    const std::vector<Event> &log = *it;
    for (qint64 seq = std::max<qint64>(1, fromSeq);
         seq <= qint64(log.size()) && result.size() < limit;
         ++seq)
        result.append(log[std::size_t(seq - 1)]);
    return result;
}

qint64 VolatileEventRouter::lastSeq(const QString &agentId) const
{
    const auto it = m_logs.constFind(agentId);
    return it == m_logs.constEnd() ? 0 : qint64(it->size());
}

EventRouter::SubscriptionId VolatileEventRouter::subscribe(const QString &agentId,
                                                           qint64 fromSeq,
                                                           QObject *context,
                                                           Sink sink)
{
    return m_subscribers.subscribe(*this, agentId, fromSeq, context, std::move(sink));
}

Result<void> VolatileEventRouter::removeAgent(const QString &agentId)
{
    m_logs.remove(agentId);
    return {};
}

void VolatileEventRouter::unsubscribe(SubscriptionId id)
{
    m_subscribers.unsubscribe(id);
}

} // namespace nightshift
