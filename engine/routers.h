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

/// An agent as the store keeps it: its spec and its last known status, whose agent id and
/// revision are always the spec's.
struct StoredAgent
{
    AgentSpec spec;
    AgentStatus status;
};

/// A request from another process (the CLI) to the one that owns the scheduler, which carries
/// it out with the service's verbs and answers through the store.
struct StoreCommand
{
    qint64 id = 0;
    QString verb; ///< create, update, delete, start, pause, resume, stop, run-now
    QString agentId;
    nlohmann::json arguments = nlohmann::json::object();
};

/// The seed's MemoryRouter: specs, status and counters, runs, and conversation memory.
class MemoryRouter
{
public:
    virtual ~MemoryRouter() = default;

    virtual Result<void> saveSpec(const AgentSpec &spec) = 0;
    virtual Result<void> saveStatus(const AgentStatus &status) = 0;
    /// Saves each status; a backend may write them all at once. Stops at the first failure.
    virtual Result<void> saveStatuses(const QList<AgentStatus> &statuses);
    /// Forgets the agent with its status and runs.
    virtual Result<void> removeAgent(const QString &agentId) = 0;
    virtual Result<QList<StoredAgent>> loadAgents() = 0;

    /// Inserts or replaces a run, keyed by its run id.
    virtual Result<void> saveRun(const RunRecord &run) = 0;
    /// The agent's runs, newest first, at most limit of them.
    virtual Result<QList<RunRecord>> listRuns(const QString &agentId, int limit) = 0;
    /// Runs of every agent still queued or running: after a crash, the ones it cut off.
    virtual Result<QList<RunRecord>> listUnfinishedRuns() = 0;

    /// A session's conversation, as a JSON array of messages (empty when new).
    virtual Result<nlohmann::json> loadSession(const QString &sessionId) = 0;
    virtual Result<void> saveSession(const QString &sessionId, const nlohmann::json &messages) = 0;

    /// Queues a command for the process that owns the scheduler; returns its id.
    virtual Result<qint64> submitCommand(const StoreCommand &command) = 0;
    /// Commands not yet answered, oldest first.
    virtual Result<QList<StoreCommand>> pendingCommands() = 0;
    /// Records a command's answer: {"ok": true, ...} or {"ok": false, "error": "..."}.
    virtual Result<void> answerCommand(qint64 id, const nlohmann::json &answer) = 0;
    /// A command's answer, or null while it has none.
    virtual Result<nlohmann::json> commandAnswer(qint64 id) = 0;
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
    /// Makes every appended event durable before it returns (a no-op where append already is).
    virtual Result<void> flush() = 0;
    /// Forgets the agent's events.
    virtual Result<void> removeAgent(const QString &agentId) = 0;
    /// Delivers each of the agent's events with seq >= fromSeq once, in order: the stored ones
    /// at once, then new ones as they are appended, with no gap and no duplicate. An empty
    /// agentId means every agent, live only. The subscription ends with context or with
    /// unsubscribe().
    virtual SubscriptionId subscribe(const QString &agentId,
                                     qint64 fromSeq,
                                     QObject *context,
                                     Sink sink)
        = 0;
    virtual void unsubscribe(SubscriptionId id) = 0;
};

/// How much history a store keeps per agent; older rows go first. Queued and running runs are
/// never dropped, and failed runs are kept longer than the rest.
struct RetentionPolicy
{
    qint64 keepRuns = 10'000;
    qint64 keepFailedRuns = 50'000;
    qint64 keepEvents = 100'000;
};

/// The two routers a store URL opens.
struct Store
{
    std::unique_ptr<MemoryRouter> memory;
    std::unique_ptr<EventRouter> events;
    QString url;        ///< As given, for messages; a password in it is masked.
    bool owner = false; ///< Whether this process may run the scheduler on it.
};

/// How a process uses a store: one owner runs the scheduler, any number of clients read it and
/// queue commands for the owner.
enum class StoreRole { Owner, Client };

/// The default store: `sqlite:` and nightshift.db in the user's data folder.
QString defaultStoreUrl();

/// Opens the store a URL names: `memory:`, `sqlite:PATH[?keep_runs=N&keep_failed_runs=N&
/// keep_events=N&max_size=BYTES]`, `redis://…`. Must be called on the thread that will use it.
Result<Store> openStore(const QString &url, StoreRole role = StoreRole::Owner);

} // namespace nightshift
