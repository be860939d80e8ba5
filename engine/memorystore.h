#pragma once

#include "eventsubscribers.h"
#include "routers.h"

#include <QHash>

#include <deque>
#include <map>

namespace nightshift {

/// `memory:` MemoryRouter: everything in this process, gone when it exits. For tests and
/// throw-away workers.
class VolatileMemoryRouter final : public MemoryRouter
{
public:
    Result<void> saveSpec(const AgentSpec &spec) override;
    Result<void> saveStatus(const AgentStatus &status) override;
    Result<void> removeAgent(const QString &agentId) override;
    Result<QList<StoredAgent>> loadAgents() override;
    Result<void> saveRun(const RunRecord &run) override;
    Result<QList<RunRecord>> listRuns(const QString &agentId, int limit) override;
    Result<QList<RunRecord>> listUnfinishedRuns() override;
    Result<nlohmann::json> loadSession(const QString &sessionId) override;
    Result<void> saveSession(const QString &sessionId, const nlohmann::json &messages) override;
    Result<qint64> submitCommand(const StoreCommand &command) override;
    Result<QList<StoreCommand>> pendingCommands() override;
    Result<void> answerCommand(qint64 id, const nlohmann::json &answer) override;
    Result<nlohmann::json> commandAnswer(qint64 id) override;

private:
    std::map<QString, StoredAgent> m_agents;
    // Per agent, oldest first, with each run id's position for in-place updates.
    QHash<QString, std::deque<RunRecord>> m_runs;
    QHash<QString, QHash<QString, qint64>> m_runIndex;
    QHash<QString, nlohmann::json> m_sessions;
    std::map<qint64, StoreCommand> m_pendingCommands;
    QHash<qint64, nlohmann::json> m_commandAnswers;
    qint64 m_nextCommandId = 1;
};

/// `memory:` EventRouter: per-agent logs in this process, with synchronous delivery.
class VolatileEventRouter final : public EventRouter
{
public:
    Result<Event> append(Event event) override;
    Result<EventList> read(const QString &agentId, qint64 fromSeq, int limit) override;
    qint64 lastSeq(const QString &agentId) const override;
    Result<void> flush() override { return {}; }
    Result<void> removeAgent(const QString &agentId) override;
    SubscriptionId subscribe(const QString &agentId,
                             qint64 fromSeq,
                             QObject *context,
                             Sink sink) override;
    void unsubscribe(SubscriptionId id) override;

private:
    QHash<QString, std::vector<Event>> m_logs;
    EventSubscribers m_subscribers;
};

} // namespace nightshift
