#pragma once

#include "agentspec.h"
#include "agentstatus.h"
#include "attempt.h"
#include "conversation.h"
#include "event.h"
#include "pricetable.h"
#include "result.h"
#include "routers.h"
#include "run.h"
#include "scheduler.h"
#include "scheduletimes.h"
#include "tool.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace nightshift {

class Provider;
class ToolRegistry;

/// The one facade over the engine, with the seed's verbs. It lives on the engine thread; every
/// call returns at once with a value or an Error, and nothing throws.
class BackgroundAgentService final : public QObject
{
    Q_OBJECT
public:
    BackgroundAgentService(MemoryRouter *memory,
                           EventRouter *events,
                           Scheduler *scheduler,
                           ToolRegistry *tools,
                           QObject *parent = nullptr);
    ~BackgroundAgentService() override;

    /// Makes a provider available to agents naming its id; `none` is always there.
    void addProvider(std::unique_ptr<Provider> provider);
    /// The provider ids agents may name here, `none` included, sorted.
    QStringList providerIds() const;
    /// What each tool agents may list here does, by name.
    QList<ToolDescriptor> toolDescriptors() const;
    /// The prices runs' `usage.cost` comes from (until set, the shipped ones). A model without a
    /// price costs 0, and the first run that uses it says so with a `price_unknown` event.
    void setPriceTable(PriceTable prices);

    /// Loads the stored agents, without scheduling them: enough to change them from the CLI.
    Result<void> loadStoredAgents();
    /// Loads the stored agents, settles what a crash cut off (interrupted runs, missed
    /// occurrences) and starts scheduling the started ones.
    Result<void> startManager();
    /// Stops scheduling, lets running runs finish, then emits drained().
    void shutdown();
    bool isManagerRunning() const { return m_managerRunning; }
    /// The engine clock's time, UTC ms: what timed pauses count from.
    qint64 nowMs() const { return m_scheduler->nowMs(); }
    bool hasActiveRuns() const;
    /// Whether writes to the store are failing, so new runs are held.
    bool isStoreFaulty() const { return m_storeFault; }
    /// Whether the store is reachable. While it is not, runs go on (the store keeps what it is
    /// given until it is back) and every agent's status says `store_offline`.
    bool isStoreOnline() const { return m_storeOnline; }
    void setStoreOnline(bool online);

    /// Registers a new agent (idle until started). Its tools and provider must exist.
    Result<AgentStatus> create(AgentSpec spec);
    /// Replaces an agent's spec and bumps its revision; a running run finishes on the old one.
    Result<AgentStatus> update(AgentSpec spec);
    /// Stops the agent and forgets it.
    Result<void> remove(const QString &agentId);

    /// Begins the agent's schedule.
    Result<AgentStatus> startAgent(const QString &agentId);
    /// Holds the schedule, keeping its phase; a running run finishes. With untilMs (later than
    /// now) the agent resumes by itself then, after a restart too. Occurrences that fall due
    /// while paused are recorded as skipped.
    Result<AgentStatus> pauseAgent(const QString &agentId,
                                   const QString &reason = {},
                                   qint64 untilMs = 0);
    /// Continues a paused schedule on its original phase.
    Result<AgentStatus> resumeAgent(const QString &agentId);
    /// Takes the agent off the schedule and cancels its running run.
    Result<AgentStatus> stopAgent(const QString &agentId);
    /// Runs the agent now without shifting its schedule, as its overlap policy allows (a
    /// queued run starts when the running one ends); returns the run id.
    Result<QString> runNow(const QString &agentId);
    /// Cancels one running run.
    Result<void> cancelRun(const QString &runId);

    /// The most attempts in progress at once across the fleet (0: no limit). Further ones wait,
    /// in the order they came, as queued runs.
    void setMaxConcurrentRuns(int limit);
    int maxConcurrentRuns() const { return m_maxConcurrentRuns; }
    /// Caps on what the whole fleet spends a day and a month; a run that would pass one is
    /// skipped or pauses its agent, as budget.onExceeded says.
    void setFleetBudget(const Budget &budget);
    /// The fleet's caps last set.
    const Budget &fleetBudget() const { return m_fleetBudget; }

    Result<AgentStatus> getAgentStatus(const QString &agentId) const;
    Result<AgentSpec> getAgentSpec(const QString &agentId) const;
    QList<AgentStatus> listAgents() const;
    /// The agent's runs, newest first.
    Result<QList<RunRecord>> listRuns(const QString &agentId, int limit = 100) const;
    /// Replays the agent's events from fromSeq, then delivers live ones to sink until context
    /// is destroyed.
    Result<EventRouter::SubscriptionId> streamAgentEvents(const QString &agentId,
                                                          qint64 fromSeq,
                                                          QObject *context,
                                                          EventRouter::Sink sink);
    /// Every agent's runs that started (or, never run, were due) at sinceMs or later, newest
    /// first per agent, at most limitPerAgent of each: the fleet's history in one call.
    Result<QList<RunRecord>> listFleetRuns(qint64 sinceMs, int limitPerAgent = 10'000) const;
    /// One run's events in order, at most limit of them.
    Result<EventList> listRunEvents(const RunRecord &run, int limit = 2'000) const;
    /// The conversation memory a run of the agent uses under its current spec: the shared
    /// task_config.session_id, or the run's own. With no run id, the shared one (none without a
    /// session_id).
    Result<SessionMemory> sessionMemory(const QString &agentId, const QString &runId) const;

Q_SIGNALS:
    void agentStatusChanged(const nightshift::AgentStatus &status);
    void runFinished(const nightshift::RunRecord &run);
    void eventAppended(const nightshift::Event &event);
    void storeError(const QString &message);
    void drained();

private:
    struct ActiveRun
    {
        AgentSpec spec; ///< The revision the run started on; retries keep it.
        RunRecord record;
        std::shared_ptr<Attempt> attempt;
        Scheduler::TimerId timeoutTimer = 0;
        Scheduler::TimerId retryTimer = 0;
        bool holdsSlot = false;    ///< Counts against the fleet's concurrent-run limit.
        bool waitsForSlot = false; ///< Queued until the fleet's limit lets it run.
    };
    /// An occurrence owed a run that waits for the running one: queue_one, a queued run-now,
    /// or a catch-up.
    struct PendingRun
    {
        QString runId;
        RunOrigin origin = RunOrigin::Scheduled;
        qint64 occurrenceMs = 0;
    };
    struct Agent
    {
        /// Sets the spec and the due times of its schedule.
        void setSpec(AgentSpec newSpec)
        {
            if (!(newSpec.schedule == times.schedule()))
                times = ScheduleTimes(newSpec.schedule);
            spec = std::move(newSpec);
        }

        AgentSpec spec;
        /// Due times of spec's schedule, parsed once rather than on every occurrence.
        ScheduleTimes times;
        AgentStatus status;
        qint64 nextDueMs = 0;
        Scheduler::TimerId dueTimer = 0;
        Scheduler::TimerId pendingTimer = 0; ///< When the first pending run may start.
        Scheduler::TimerId resumeTimer = 0;  ///< The end of a timed pause.
        std::vector<std::unique_ptr<ActiveRun>> runs;
        std::deque<PendingRun> pending;
    };
    /// Which budget cap a run would pass, if any.
    struct BudgetCheck
    {
        QString cap;   ///< daily_tokens, monthly_tokens, daily_cost or monthly_cost; empty: none.
        QString scope; ///< agent or fleet.
        double limit = 0;
        double spent = 0;
        double estimate = 0;
        Budget::Action action = Budget::Action::Skip;
    };

    Agent *findAgent(const QString &agentId) const;
    Result<Agent *> requireAgent(const QString &agentId) const;
    Result<void> checkRunnable(const AgentSpec &spec) const;

    static ActiveRun *findRun(const Agent &agent, const QString &runId);

    void recoverInterruptedRun(const RunRecord &stored);
    /// Settles every occurrence from firstMs up to nowMs that did not run when due, as the
    /// agent's misfire policy says; reason says why they were missed.
    void settleMissed(Agent &agent, qint64 firstMs, qint64 nowMs, const QString &reason);
    void onClockJumped(qint64 deltaMs);
    void scheduleNext(Agent &agent, qint64 afterMs);
    void unschedule(Agent &agent);
    qint64 nextOccurrenceAfter(const Agent &agent, qint64 afterMs) const;
    qint64 jitterFor(const Agent &agent, qint64 occurrenceMs) const;
    void onDue(const QString &agentId, qint64 occurrenceMs);
    /// Gives a due occurrence a run, or records why it gets none.
    void serveOccurrence(Agent &agent, RunOrigin origin, qint64 occurrenceMs);
    bool hasRoom(const Agent &agent) const;
    void startPendingAt(Agent &agent, qint64 dueMs);
    void startPending(const QString &agentId);
    void dropPending(Agent &agent, const QString &reason);

    void setPaused(Agent &agent, const QString &reason, qint64 untilMs);
    void resume(Agent &agent, const QString &reason, qint64 resumedAtMs);
    void armResume(Agent &agent);

    void rollSpend(AgentStatus &status, qint64 nowMs) const;
    BudgetCheck checkBudget(Agent &agent);
    /// Whether a budget stops this run; records the skip or pauses the agent if it does.
    bool budgetStops(Agent &agent, qint64 occurrenceMs, const QString &runId);

    QString startRun(Agent &agent, RunOrigin origin, qint64 occurrenceMs, QString runId = {});
    void recordSkipped(Agent &agent,
                       qint64 occurrenceMs,
                       const QString &reason,
                       RunOrigin origin = RunOrigin::Scheduled,
                       const QString &runId = {});
    void recordMissed(Agent &agent, qint64 occurrenceMs, const QString &reason);
    void startAttempt(Agent &agent, ActiveRun &active);
    void releaseSlot(ActiveRun &active);
    void startWaitingRuns();
    void onAttemptFinished(const QString &agentId,
                           const QString &runId,
                           const Attempt::Outcome &outcome);
    void finishRun(Agent &agent, ActiveRun &active, RunState state);
    void cancelRun(Agent &agent, ActiveRun &active, RunState state, const QString &reason);
    void cancelActive(Agent &agent, RunState state, const QString &reason);

    void refreshState(Agent &agent);
    void publishStatus(Agent &agent, const QString &reason);
    /// Emits the status event and signal for a status already saved.
    void announceStatus(Agent &agent, AgentState previous, const QString &reason);
    void emitEvent(const QString &agentId,
                   const QString &runId,
                   const char *type,
                   nlohmann::json payload);
    void saveRun(const RunRecord &run);
    void checkDrained();
    static bool isOutage(const Error &error);
    void noteStoreFailure(const Error &error);
    void probeStore();
    QString newRunId();

    MemoryRouter *m_memory;
    EventRouter *m_events;
    Scheduler *m_scheduler;
    ToolRegistry *m_tools;
    std::map<QString, std::unique_ptr<Provider>> m_providers;
    std::map<QString, std::unique_ptr<Agent>> m_agents;
    QHash<QString, QString> m_agentByRunId;
    bool m_loaded = false;
    bool m_managerRunning = false;
    bool m_draining = false;
    bool m_storeFault = false;
    bool m_storeOnline = true;
    int m_maxConcurrentRuns = 0;
    int m_runningAttempts = 0;
    std::deque<std::pair<QString, QString>> m_slotQueue; ///< (agent id, run id), oldest first.
    Budget m_fleetBudget;
    Scheduler::TimerId m_storeProbe = 0;
    QString m_lastStoreError;
    QHash<QString, RunRecord> m_unsavedRuns; ///< Records the store refused, by run id.
    PriceTable m_prices = PriceTable::shipped();
    QSet<QString> m_unpricedModels; ///< `provider/model` keys already reported unpriced.
};

} // namespace nightshift
