#pragma once

#include "routers.h"

#include <QHash>
#include <QPointer>

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
    Result<nlohmann::json> loadSession(const QString &sessionId) override;
    Result<void> saveSession(const QString &sessionId, const nlohmann::json &messages) override;

private:
    std::map<QString, StoredAgent> m_agents;
    // Per agent, oldest first, with each run id's position for in-place updates.
    QHash<QString, std::deque<RunRecord>> m_runs;
    QHash<QString, QHash<QString, qint64>> m_runIndex;
    QHash<QString, nlohmann::json> m_sessions;
};

/// `memory:` EventRouter: per-agent logs in this process, with synchronous delivery.
class VolatileEventRouter final : public EventRouter
{
public:
    Result<Event> append(Event event) override;
    Result<EventList> read(const QString &agentId, qint64 fromSeq, int limit) override;
    qint64 lastSeq(const QString &agentId) const override;
    SubscriptionId subscribe(const QString &agentId,
                             qint64 fromSeq,
                             QObject *context,
                             Sink sink) override;
    void unsubscribe(SubscriptionId id) override;

private:
    struct Subscription
    {
        QString agentId;
        qint64 fromSeq;
        QPointer<QObject> context;
        Sink sink;
    };

    QHash<QString, std::vector<Event>> m_logs;
    std::map<SubscriptionId, Subscription> m_subscriptions;
    SubscriptionId m_nextSubscription = 1;
};

} // namespace nightshift
