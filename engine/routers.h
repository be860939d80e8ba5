#pragma once

#include "agentspec.h"
#include "agentstatus.h"
#include "event.h"
#include "result.h"
#include "run.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace nightshift {

/// An agent as the store keeps it: its spec and its last known status.
struct StoredAgent
{
    AgentSpec spec;
    AgentStatus status;
};

/// The seed's MemoryRouter: specs, status and counters, runs, and conversation memory.
class MemoryRouter
{
public:
    virtual ~MemoryRouter() = default;

    virtual Result<void> saveSpec(const AgentSpec &spec) = 0;
    virtual Result<void> saveStatus(const AgentStatus &status) = 0;
    /// Forgets the agent with its status and runs.
    virtual Result<void> removeAgent(const QString &agentId) = 0;
    virtual Result<QList<StoredAgent>> loadAgents() = 0;

    /// Inserts or replaces a run, keyed by its run id.
    virtual Result<void> saveRun(const RunRecord &run) = 0;
    /// The agent's runs, newest first, at most limit of them.
    virtual Result<QList<RunRecord>> listRuns(const QString &agentId, int limit) = 0;

    /// A session's conversation, as a JSON array of messages (empty when new).
    virtual Result<nlohmann::json> loadSession(const QString &sessionId) = 0;
    virtual Result<void> saveSession(const QString &sessionId, const nlohmann::json &messages) = 0;
};

/// The seed's EventRouter: append, read a range, subscribe.
class EventRouter
{
public:
    using SubscriptionId = quint64;
    using Sink = std::function<void(const Event &)>;

    virtual ~EventRouter() = default;

    /// Stores the event with the agent's next seq and delivers it to subscribers.
    virtual Result<Event> append(Event event) = 0;
    /// The agent's events with seq >= fromSeq, in order, at most limit of them.
    virtual Result<EventList> read(const QString &agentId, qint64 fromSeq, int limit) = 0;
    /// The agent's highest seq so far, 0 when it has none.
    virtual qint64 lastSeq(const QString &agentId) const = 0;
    /// Delivers each of the agent's events with seq >= fromSeq once, in order: the stored ones
    /// at once, then new ones as they are appended, with no gap and no duplicate. An empty agentId means every agent, live only.
    /// The subscription ends with context or with unsubscribe().
    virtual SubscriptionId subscribe(const QString &agentId,
                                     qint64 fromSeq,
                                     QObject *context,
                                     Sink sink)
        = 0;
    virtual void unsubscribe(SubscriptionId id) = 0;
};

/// The two routers a store URL opens.
struct Store
{
    std::unique_ptr<MemoryRouter> memory;
    std::unique_ptr<EventRouter> events;
    QString url;
};

/// Opens the store a URL names. Today: `memory:`.
Result<Store> openStore(const QString &url);

} // namespace nightshift
