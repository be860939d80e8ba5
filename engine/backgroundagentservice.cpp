#include "backgroundagentservice.h"

#include "provider.h"
#include "scheduletimes.h"
#include "toolregistry.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QScopeGuard>
#include <QUuid>

#include <algorithm>

#include "log.h"

namespace nightshift {

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

Error unknownAgent(const QString &agentId)
{
    return makeError(
        ErrorCode::NotFound,
        QStringLiteral("no agent \"%1\"; `nightshift agents list` shows the known ones")
            .arg(agentId));
}

// How often a failing store is tried again while runs are held.
constexpr qint64 StoreProbeIntervalMs = 1000;

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0);
}

// Catch-up runs after a gap start within this window, each agent at its own offset, so that a
// fleet waking from a long sleep does not fire everything at once.
constexpr qint64 CatchUpSpreadMs = 60'000;

// Rows written for one gap at most; a summary event counts the rest.
constexpr int MaxRecordedPerGap = 1000;

// A number from text that is the same in every process and on every machine (qHash is seeded
// per process), so a jitter or an offset survives restarts.
quint64 stableHash(const QString &text)
{
    const QByteArray digest = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint8(digest.at(i));
    return value;
}

// The last event a run writes: its completion, or the error it is not retried after.
bool isClosingEvent(const Event &event)
{
    if (event.type == QLatin1String(EventType::TaskCompleted))
        return true;
    if (event.type != QLatin1String(EventType::TaskError))
        return false;
    const auto willRetry = event.payload.find("will_retry");
    return willRetry != event.payload.end() && willRetry->is_boolean() && !willRetry->get<bool>();
}

} // namespace

BackgroundAgentService::BackgroundAgentService(MemoryRouter *memory,
                                               EventRouter *events,
                                               Scheduler *scheduler,
                                               ToolRegistry *tools,
                                               QObject *parent)
    : QObject(parent)
    , m_memory(memory)
    , m_events(events)
    , m_scheduler(scheduler)
    , m_tools(tools)
{
    addProvider(std::make_unique<NoneProvider>());
    connect(m_scheduler, &Scheduler::clockJumped, this, &BackgroundAgentService::onClockJumped);
}

BackgroundAgentService::~BackgroundAgentService()
{
    m_scheduler->cancel(m_storeProbe);
    for (auto &[id, agent] : m_agents) {
        unschedule(*agent);
        m_scheduler->cancel(agent->pendingTimer);
        m_scheduler->cancel(agent->resumeTimer);
        for (const std::unique_ptr<ActiveRun> &run : agent->runs) {
            m_scheduler->cancel(run->timeoutTimer);
            m_scheduler->cancel(run->retryTimer);
        }
    }
}

void BackgroundAgentService::addProvider(std::unique_ptr<Provider> provider)
{
    const QString id = provider->id();
    m_providers[id] = std::move(provider);
}

QStringList BackgroundAgentService::providerIds() const
{
    QStringList ids;
    for (const auto &[id, provider] : m_providers)
        ids.append(id);
    return ids;
}

QList<ToolDescriptor> BackgroundAgentService::toolDescriptors() const
{
    QList<ToolDescriptor> descriptors;
    for (const QString &name : m_tools->names())
        descriptors.append(m_tools->find(name)->descriptor());
    return descriptors;
}

void BackgroundAgentService::setPriceTable(PriceTable prices)
{
    m_prices = std::move(prices);
    // A model the new table still lacks is worth saying again; one it prices now is not.
    m_unpricedModels.clear();
}

Result<void> BackgroundAgentService::loadStoredAgents()
{
    if (m_loaded)
        return {};
    Result<QList<StoredAgent>> stored = m_memory->loadAgents();
    if (!stored)
        return stored.error();
    for (StoredAgent &entry : stored.value()) {
        const QString id = entry.spec.agentId;
        if (m_agents.contains(id))
            continue;
        auto agent = std::make_unique<Agent>();
        agent->status = std::move(entry.status);
        agent->status.agentId = id;
        agent->status.specRevision = entry.spec.revision;
        agent->setSpec(std::move(entry.spec));
        m_agents.emplace(id, std::move(agent));
    }
    m_loaded = true;
    return {};
}

Result<void> BackgroundAgentService::startManager()
{
    if (m_managerRunning)
        return makeError(ErrorCode::WrongState, QStringLiteral("the manager is already running"));
    if (const Result<void> loaded = loadStoredAgents(); !loaded)
        return loaded;
    const Result<QList<RunRecord>> unfinished = m_memory->listUnfinishedRuns();
    if (!unfinished)
        return unfinished.error();
    m_managerRunning = true;
    m_draining = false;
    const qint64 now = m_scheduler->nowMs();
    for (const RunRecord &run : unfinished.value())
        recoverInterruptedRun(run);
    // Every started agent's status is saved in one write, then announced.
    std::vector<std::pair<Agent *, AgentState>> started;
    QList<AgentStatus> statuses;
    for (auto &[id, agent] : m_agents) {
        if (agent->status.desired == DesiredState::Paused && agent->status.pausedUntilMs > 0) {
            if (agent->status.pausedUntilMs > now) {
                armResume(*agent);
                continue;
            }
            // The pause ran out while the process was away: resume as of its end.
            const AgentState previous = agent->status.state;
            resume(*agent, QStringLiteral("pause_expired"), agent->status.pausedUntilMs);
            refreshState(*agent);
            started.emplace_back(agent.get(), previous);
            statuses.append(agent->status);
            continue;
        }
        if (agent->status.desired != DesiredState::Started)
            continue;
        const qint64 missedFrom = agent->status.nextRunMs;
        scheduleNext(*agent, now - 1);
        if (missedFrom > 0 && missedFrom < now)
            settleMissed(*agent, missedFrom, now, QStringLiteral("not_running"));
        started.emplace_back(agent.get(), agent->status.state);
        refreshState(*agent);
        statuses.append(agent->status);
    }
    if (const Result<void> saved = m_memory->saveStatuses(statuses); !saved)
        noteStoreFailure(saved.error());
    for (const auto &[agent, previous] : started)
        announceStatus(*agent, previous, QStringLiteral("manager_started"));
    engineLog().info("manager started with {} agents", m_agents.size());
    return {};
}

void BackgroundAgentService::recoverInterruptedRun(const RunRecord &stored)
{
    Agent *agent = findAgent(stored.agentId);
    if (!agent) {
        RunRecord orphan = stored;
        orphan.state = RunState::Interrupted;
        orphan.finishedMs = m_scheduler->nowMs();
        orphan.error = QStringLiteral("the process stopped during this run");
        saveRun(orphan);
        return;
    }
    // The run is picked up where the crash left it and ends through the normal failure path,
    // so the interruption counts against max_retries like any failed attempt.
    auto active = std::make_unique<ActiveRun>();
    active->spec = agent->spec;
    active->record = stored;
    active->record.state = RunState::Running;
    m_agentByRunId.insert(stored.runId, stored.agentId);
    agent->runs.push_back(std::move(active));
    Attempt::Outcome outcome;
    outcome.state = RunState::Interrupted;
    outcome.error
        = stored.state == RunState::Running
              ? QStringLiteral("the process stopped during attempt %1").arg(stored.attempts)
              : QStringLiteral("the process stopped while retry %1 was waiting")
                    .arg(stored.attempts);
    onAttemptFinished(stored.agentId, stored.runId, outcome);
}

void BackgroundAgentService::settleMissed(Agent &agent,
                                          qint64 firstMs,
                                          qint64 nowMs,
                                          const QString &reason)
{
    const RunPolicies &policies = agent.spec.policies;
    // The occurrences from firstMs up to now, oldest first: those still within the grace window
    // run as they are (late); the others are missed, and the policy picks which get a catch-up.
    std::vector<qint64> missed;
    std::vector<qint64> inGrace;
    qint64 total = 0;
    for (qint64 occurrence = firstMs; occurrence > 0 && occurrence < nowMs;
         occurrence = nextOccurrenceAfter(agent, occurrence)) {
        if (nowMs - (occurrence + jitterFor(agent, occurrence)) <= policies.misfireGraceMs) {
            inGrace.push_back(occurrence);
            continue;
        }
        ++total;
        missed.push_back(occurrence);
        // Only the newest ones can get a run or a row; older ones are counted.
        if (qsizetype(missed.size()) > MaxRecordedPerGap + policies.catchUpLimit)
            missed.erase(missed.begin());
    }
    qsizetype catchUps = 0;
    if (inGrace.empty() && policies.misfire == RunPolicies::Misfire::RunOnce)
        catchUps = std::min<qsizetype>(1, qsizetype(missed.size()));
    else if (policies.misfire == RunPolicies::Misfire::RunAll)
        catchUps = std::min<qsizetype>(policies.catchUpLimit, qsizetype(missed.size()));
    const auto firstCatchUp = missed.end() - catchUps;
    const auto firstRecorded
        = firstCatchUp - std::min<qsizetype>(firstCatchUp - missed.begin(), MaxRecordedPerGap);
    for (auto it = firstRecorded; it != firstCatchUp; ++it)
        recordMissed(agent, *it, reason);
    const qint64 recorded = firstCatchUp - firstRecorded;
    if (total - catchUps > recorded)
        emitEvent(agent.spec.agentId,
                  QString(),
                  EventType::RunSkipped,
                  {{"reason", "missed"},
                   {"missed", total - catchUps},
                   {"recorded", recorded},
                   {"from", str(isoTimestamp(firstMs))},
                   {"until", str(isoTimestamp(nowMs))}});
    for (auto it = firstCatchUp; it != missed.end(); ++it)
        agent.pending.push_back({newRunId(), RunOrigin::CatchUp, *it});
    if (catchUps > 0) {
        const qint64 offset = qint64(stableHash(agent.spec.agentId) % quint64(CatchUpSpreadMs));
        startPendingAt(agent, nowMs + offset);
    }
    for (const qint64 occurrence : inGrace)
        serveOccurrence(agent, RunOrigin::Scheduled, occurrence);
}

void BackgroundAgentService::onClockJumped(qint64 deltaMs)
{
    const qint64 now = m_scheduler->nowMs();
    engineLog().warn("the wall clock jumped by {} s; checking for missed runs", deltaMs / 1000);
    for (auto &[id, agent] : m_agents) {
        if (agent->status.desired != DesiredState::Started || agent->nextDueMs <= 0)
            continue;
        const qint64 due = agent->nextDueMs;
        if (now - (due + jitterFor(*agent, due)) <= agent->spec.policies.misfireGraceMs)
            continue;
        emitEvent(id,
                  QString(),
                  EventType::ClockJumped,
                  {{"delta_ms", deltaMs}, {"missed_from", str(isoTimestamp(due))}});
        scheduleNext(*agent, now - 1);
        settleMissed(*agent, due, now, QStringLiteral("clock_jump"));
        publishStatus(*agent, QStringLiteral("clock_jumped"));
    }
}

void BackgroundAgentService::shutdown()
{
    m_managerRunning = false;
    m_draining = true;
    for (auto &[id, agent] : m_agents) {
        unschedule(*agent);
        // A timed pause is saved with its end; the next start arms it again.
        m_scheduler->cancel(agent->resumeTimer);
        agent->resumeTimer = 0;
        dropPending(*agent, QStringLiteral("shutdown"));
        // A run waiting out its retry delay or for a free slot is not worth holding the shutdown
        // for.
        std::vector<ActiveRun *> waiting;
        for (const std::unique_ptr<ActiveRun> &run : agent->runs) {
            if (run->record.state == RunState::Queued)
                waiting.push_back(run.get());
        }
        for (ActiveRun *run : waiting)
            cancelRun(*agent, *run, RunState::Cancelled, QStringLiteral("shut down before it ran"));
    }
    engineLog().info("manager shutting down");
    checkDrained();
}

bool BackgroundAgentService::hasActiveRuns() const
{
    return std::any_of(m_agents.begin(), m_agents.end(), [](const auto &entry) {
        return !entry.second->runs.empty();
    });
}

Result<void> BackgroundAgentService::checkRunnable(const AgentSpec &spec) const
{
    if (!m_providers.contains(spec.model.provider)) {
        QStringList available;
        for (const auto &[id, provider] : m_providers)
            available.append(id);
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("%1: model_config.provider \"%2\" is not available in this "
                           "build (available: %3)")
                .arg(spec.agentId, spec.model.provider, available.join(QStringLiteral(", "))));
    }
    for (qsizetype i = 0; i < spec.tools.size(); ++i) {
        if (!m_tools->find(spec.tools.at(i)))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1: tools[%2]: unknown tool \"%3\" (available: %4)")
                    .arg(spec.agentId)
                    .arg(i)
                    .arg(spec.tools.at(i), m_tools->names().join(QStringLiteral(", "))));
    }
    return {};
}

Result<AgentStatus> BackgroundAgentService::create(AgentSpec spec)
{
    if (!isValidAgentId(spec.agentId))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("agent_id \"%1\" is not valid: use 1 to 64 of "
                                        "A-Z a-z 0-9 _ . -")
                             .arg(spec.agentId));
    if (m_agents.contains(spec.agentId))
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("agent \"%1\" already exists; update it instead").arg(spec.agentId));
    if (const Result<void> runnable = checkRunnable(spec); !runnable)
        return runnable.error();
    spec.revision = 1;
    if (const Result<void> saved = m_memory->saveSpec(spec); !saved)
        return saved.error();
    auto agent = std::make_unique<Agent>();
    agent->setSpec(spec);
    agent->status.agentId = spec.agentId;
    agent->status.specRevision = spec.revision;
    Agent &ref = *agent;
    m_agents.emplace(spec.agentId, std::move(agent));
    publishStatus(ref, QStringLiteral("created"));
    return ref.status;
}

Result<AgentStatus> BackgroundAgentService::update(AgentSpec spec)
{
    const Result<Agent *> found = requireAgent(spec.agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (const Result<void> runnable = checkRunnable(spec); !runnable)
        return runnable.error();
    spec.revision = agent.spec.revision + 1;
    if (const Result<void> saved = m_memory->saveSpec(spec); !saved)
        return saved.error();
    const bool scheduleChanged = !(spec.schedule == agent.spec.schedule);
    if (scheduleChanged)
        agent.status.servedCount = 0;
    agent.setSpec(spec);
    agent.status.specRevision = spec.revision;
    if (scheduleChanged && agent.status.desired == DesiredState::Started) {
        unschedule(agent);
        agent.status.anchorMs = spec.schedule.anchorMs.value_or(m_scheduler->nowMs());
        scheduleNext(agent, m_scheduler->nowMs() - 1);
    }
    publishStatus(agent, QStringLiteral("updated"));
    return agent.status;
}

Result<void> BackgroundAgentService::remove(const QString &agentId)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    unschedule(agent);
    m_scheduler->cancel(agent.resumeTimer);
    dropPending(agent, QStringLiteral("removed"));
    cancelActive(agent, RunState::Cancelled, QStringLiteral("the agent was removed"));
    if (const Result<void> removed = m_memory->removeAgent(agentId); !removed)
        return removed.error();
    emitEvent(
        agentId, QString(), EventType::AgentStatus, {{"state", "removed"}, {"reason", "removed"}});
    if (const Result<void> removed = m_events->removeAgent(agentId); !removed)
        return removed.error();
    m_agents.erase(agentId);
    checkDrained();
    return {};
}

Result<AgentStatus> BackgroundAgentService::startAgent(const QString &agentId)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (agent.status.desired == DesiredState::Started)
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" is already started").arg(agentId));
    if (agent.status.desired == DesiredState::Paused)
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" is paused; resume it instead").arg(agentId));
    agent.status.desired = DesiredState::Started;
    agent.status.anchorMs = agent.spec.schedule.anchorMs.value_or(m_scheduler->nowMs());
    agent.status.pauseReason.clear();
    agent.status.pausedAtMs = 0;
    agent.status.pausedUntilMs = 0;
    agent.status.servedCount = 0;
    scheduleNext(agent, m_scheduler->nowMs() - 1);
    publishStatus(agent, QStringLiteral("started"));
    return agent.status;
}

Result<AgentStatus> BackgroundAgentService::pauseAgent(const QString &agentId,
                                                       const QString &reason,
                                                       qint64 untilMs)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (agent.status.desired == DesiredState::Paused)
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" is already paused").arg(agentId));
    if (agent.status.desired != DesiredState::Started)
        return makeError(
            ErrorCode::WrongState,
            QStringLiteral("agent \"%1\" is not started, so it cannot be paused").arg(agentId));
    if (untilMs != 0 && untilMs <= m_scheduler->nowMs())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the pause of \"%1\" would end at %2, which has passed; "
                                        "give a later time")
                             .arg(agentId, isoTimestamp(untilMs)));
    setPaused(agent, reason, untilMs);
    publishStatus(agent, QStringLiteral("paused"));
    return agent.status;
}

void BackgroundAgentService::setPaused(Agent &agent, const QString &reason, qint64 untilMs)
{
    agent.status.desired = DesiredState::Paused;
    unschedule(agent);
    dropPending(agent, QStringLiteral("paused"));
    agent.status.pauseReason = reason;
    agent.status.pausedAtMs = m_scheduler->nowMs();
    agent.status.pausedUntilMs = untilMs;
    armResume(agent);
}

void BackgroundAgentService::armResume(Agent &agent)
{
    m_scheduler->cancel(agent.resumeTimer);
    agent.resumeTimer = 0;
    const qint64 until = agent.status.pausedUntilMs;
    if (until <= 0 || !m_managerRunning)
        return;
    const QString agentId = agent.spec.agentId;
    agent.resumeTimer = m_scheduler->schedule(until, [this, agentId, until] {
        Agent *paused = findAgent(agentId);
        if (!paused || paused->status.desired != DesiredState::Paused)
            return;
        paused->resumeTimer = 0;
        resume(*paused, QStringLiteral("pause_expired"), until);
        publishStatus(*paused, QStringLiteral("pause_expired"));
    });
}

void BackgroundAgentService::resume(Agent &agent, const QString &reason, qint64 resumedAtMs)
{
    const qint64 now = m_scheduler->nowMs();
    const qint64 pausedAt = agent.status.pausedAtMs;
    m_scheduler->cancel(agent.resumeTimer);
    agent.resumeTimer = 0;
    agent.status.desired = DesiredState::Started;
    agent.status.pauseReason.clear();
    agent.status.pausedAtMs = 0;
    agent.status.pausedUntilMs = 0;
    // Every occurrence that fell due during the pause is accounted for as skipped; one due at
    // the very instant of resuming runs.
    qint64 skipped = 0;
    qint64 occurrence = nextOccurrenceAfter(agent, pausedAt);
    for (; pausedAt > 0 && occurrence > 0 && occurrence < resumedAtMs;
         occurrence = nextOccurrenceAfter(agent, occurrence)) {
        if (skipped++ < MaxRecordedPerGap)
            recordSkipped(agent, occurrence, QStringLiteral("paused"));
    }
    if (skipped > MaxRecordedPerGap)
        emitEvent(agent.spec.agentId,
                  QString(),
                  EventType::RunSkipped,
                  {{"reason", "paused"},
                   {"skipped", skipped},
                   {"recorded", MaxRecordedPerGap},
                   {"from", str(isoTimestamp(pausedAt))},
                   {"until", str(isoTimestamp(resumedAtMs))}});
    // The anchor is kept, so the schedule continues on its original phase.
    scheduleNext(agent, now - 1);
    // A pause that ended while the process was away leaves a gap like any downtime.
    if (occurrence > 0 && occurrence < now)
        settleMissed(agent, occurrence, now, QStringLiteral("not_running"));
    engineLog().info("agent {} resumed ({})", str(agent.spec.agentId), str(reason));
}

Result<AgentStatus> BackgroundAgentService::resumeAgent(const QString &agentId)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (agent.status.desired != DesiredState::Paused)
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" is not paused").arg(agentId));
    resume(agent, QStringLiteral("resumed"), m_scheduler->nowMs());
    publishStatus(agent, QStringLiteral("resumed"));
    return agent.status;
}

Result<AgentStatus> BackgroundAgentService::stopAgent(const QString &agentId)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (agent.status.desired != DesiredState::Started
        && agent.status.desired != DesiredState::Paused && agent.runs.empty())
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" is not started").arg(agentId));
    agent.status.desired = DesiredState::Stopped;
    agent.status.pausedUntilMs = 0;
    unschedule(agent);
    m_scheduler->cancel(agent.resumeTimer);
    agent.resumeTimer = 0;
    dropPending(agent, QStringLiteral("stopped"));
    cancelActive(agent, RunState::Cancelled, QStringLiteral("stopped by request"));
    publishStatus(agent, QStringLiteral("stopped"));
    return agent.status;
}

Result<QString> BackgroundAgentService::runNow(const QString &agentId)
{
    const Result<Agent *> found = requireAgent(agentId);
    if (!found)
        return found.error();
    Agent &agent = *found.value();
    if (m_draining)
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("the manager is shutting down; no new runs start"));
    if (const BudgetCheck check = checkBudget(agent); !check.cap.isEmpty())
        return makeError(ErrorCode::WrongState,
                         QStringLiteral("agent \"%1\" would pass the %2 %3 cap (%4 spent of %5); "
                                        "raise the budget or wait")
                             .arg(agentId, check.scope, check.cap)
                             .arg(check.spent)
                             .arg(check.limit));
    const qint64 now = m_scheduler->nowMs();
    if (hasRoom(agent))
        return startRun(agent, RunOrigin::Manual, now);
    const QString running = agent.runs.front()->record.runId;
    switch (agent.spec.policies.overlap) {
    case RunPolicies::Overlap::QueueOne: {
        if (!agent.pending.empty())
            return makeError(ErrorCode::WrongState,
                             QStringLiteral("agent \"%1\" is running (run %2) and has a run "
                                            "queued already")
                                 .arg(agentId, running));
        PendingRun queued{newRunId(), RunOrigin::Manual, now};
        agent.pending.push_back(queued);
        emitEvent(agentId,
                  queued.runId,
                  EventType::RunQueued,
                  {{"reason", "overlap"}, {"origin", "manual"}, {"running_run_id", str(running)}});
        return queued.runId;
    }
    case RunPolicies::Overlap::CancelPrevious:
        cancelActive(agent, RunState::Cancelled, QStringLiteral("replaced by a run started now"));
        return startRun(agent, RunOrigin::Manual, now);
    case RunPolicies::Overlap::Skip:
    case RunPolicies::Overlap::Allow:
        break;
    }
    return makeError(ErrorCode::WrongState,
                     QStringLiteral("agent \"%1\" is already running (run %2); wait for it or "
                                    "stop it")
                         .arg(agentId, running));
}

Result<void> BackgroundAgentService::cancelRun(const QString &runId)
{
    const QString agentId = m_agentByRunId.value(runId);
    Agent *agent = findAgent(agentId);
    ActiveRun *active = agent ? findRun(*agent, runId) : nullptr;
    if (!active)
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no run \"%1\" is in progress").arg(runId));
    cancelRun(*agent, *active, RunState::Cancelled, QStringLiteral("cancelled by request"));
    return {};
}

void BackgroundAgentService::setMaxConcurrentRuns(int limit)
{
    m_maxConcurrentRuns = std::max(limit, 0);
    if (m_maxConcurrentRuns > 0)
        engineLog().info("at most {} runs at once across the fleet", m_maxConcurrentRuns);
    else
        engineLog().info("no limit on runs at once across the fleet");
    startWaitingRuns();
}

void BackgroundAgentService::startWaitingRuns()
{
    while (!m_slotQueue.empty()
           && (m_maxConcurrentRuns == 0 || m_runningAttempts < m_maxConcurrentRuns)) {
        const auto [agentId, runId] = m_slotQueue.front();
        m_slotQueue.pop_front();
        Agent *agent = findAgent(agentId);
        ActiveRun *active = agent ? findRun(*agent, runId) : nullptr;
        if (active && active->waitsForSlot)
            startAttempt(*agent, *active);
    }
}

void BackgroundAgentService::setFleetBudget(const Budget &budget)
{
    m_fleetBudget = budget;
}

Result<AgentStatus> BackgroundAgentService::getAgentStatus(const QString &agentId) const
{
    const Agent *agent = findAgent(agentId);
    if (!agent)
        return unknownAgent(agentId);
    return agent->status;
}

Result<AgentSpec> BackgroundAgentService::getAgentSpec(const QString &agentId) const
{
    const Agent *agent = findAgent(agentId);
    if (!agent)
        return unknownAgent(agentId);
    return agent->spec;
}

QList<AgentStatus> BackgroundAgentService::listAgents() const
{
    QList<AgentStatus> result;
    result.reserve(qsizetype(m_agents.size()));
    for (const auto &[id, agent] : m_agents)
        result.append(agent->status);
    return result;
}

Result<QList<RunRecord>> BackgroundAgentService::listRuns(const QString &agentId, int limit) const
{
    if (!findAgent(agentId))
        return unknownAgent(agentId);
    return m_memory->listRuns(agentId, limit);
}

Result<EventRouter::SubscriptionId> BackgroundAgentService::streamAgentEvents(
    const QString &agentId, qint64 fromSeq, QObject *context, EventRouter::Sink sink)
{
    if (!findAgent(agentId))
        return unknownAgent(agentId);
    if (fromSeq < 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("from_seq must be 0 or more, got %1").arg(fromSeq));
    return m_events->subscribe(agentId, fromSeq, context, std::move(sink));
}

Result<QList<RunRecord>> BackgroundAgentService::listFleetRuns(qint64 sinceMs,
                                                               int limitPerAgent) const
{
    QList<RunRecord> result;
    for (const auto &[id, agent] : m_agents) {
        // Runs come newest first and the store has no time filter: read a short page and grow
        // it only while its oldest run is still inside the span, so a short span reads little.
        int page = std::min(limitPerAgent, 200);
        for (;;) {
            const Result<QList<RunRecord>> runs = m_memory->listRuns(id, page);
            if (!runs)
                return runs.error();
            const bool reachedStart
                = runs->size() < page || page >= limitPerAgent || runs->last().timeMs() < sinceMs;
            if (!reachedStart) {
                page = int(std::min<qint64>(qint64(page) * 4, limitPerAgent));
                continue;
            }
            for (const RunRecord &run : runs.value()) {
                if (run.timeMs() >= sinceMs)
                    result.append(run);
            }
            break;
        }
    }
    return result;
}

Result<EventList> BackgroundAgentService::listRunEvents(const RunRecord &run, int limit) const
{
    if (!findAgent(run.agentId))
        return unknownAgent(run.agentId);
    // Events carry their run id but are stored by agent and seq. Their timestamps grow with
    // seq, so a binary search finds the first event at or after the run began, in a few reads
    // however long the agent's log is.
    const qint64 beginMs = run.timeMs();
    qint64 low = 1;
    qint64 high = m_events->lastSeq(run.agentId) + 1;
    while (low < high) {
        const qint64 middle = low + (high - low) / 2;
        const Result<EventList> probe = m_events->read(run.agentId, middle, 1);
        if (!probe)
            return probe.error();
        if (!probe->isEmpty() && probe->first().timestampMs < beginMs)
            low = probe->first().seq + 1;
        else
            high = middle;
    }
    const bool neverRan = run.state == RunState::Skipped || run.state == RunState::Missed;
    // The closing events are written after finishedMs is taken, as long after as the store
    // takes to save the record; past this margin the run has nothing more in the log.
    constexpr qint64 ClosingMarginMs = 60'000;
    constexpr int Page = 500;
    EventList result;
    for (qint64 from = low; result.size() < limit;) {
        const Result<EventList> page = m_events->read(run.agentId, from, Page);
        if (!page)
            return page.error();
        for (const Event &event : page.value()) {
            if (run.finishedMs > 0 && event.timestampMs > run.finishedMs + ClosingMarginMs)
                return result;
            if (event.runId != run.runId)
                continue;
            result.append(event);
            // An occurrence that never ran has one event, its run_skipped.
            if (neverRan || isClosingEvent(event) || result.size() >= limit)
                return result;
        }
        if (page->size() < Page)
            break;
        from = page->last().seq + 1;
    }
    return result;
}

Result<SessionMemory> BackgroundAgentService::sessionMemory(const QString &agentId,
                                                            const QString &runId) const
{
    const Agent *agent = findAgent(agentId);
    if (!agent)
        return unknownAgent(agentId);
    SessionMemory memory;
    if (runId.isEmpty() && agent->spec.task.sessionId.isEmpty())
        return memory;
    memory.sessionId = sessionIdFor(agent->spec, runId);
    const Result<nlohmann::json> stored = m_memory->loadSession(memory.sessionId);
    if (!stored)
        return stored.error();
    Result<Conversation> conversation = conversationFromJson(stored.value());
    if (!conversation)
        return makeError(conversation.error().code,
                         QStringLiteral("the memory of session \"%1\" does not read back: %2")
                             .arg(memory.sessionId, conversation.errorMessage()));
    memory.messages = std::move(conversation).value();
    return memory;
}

BackgroundAgentService::Agent *BackgroundAgentService::findAgent(const QString &agentId) const
{
    const auto it = m_agents.find(agentId);
    return it == m_agents.end() ? nullptr : it->second.get();
}

Result<BackgroundAgentService::Agent *> BackgroundAgentService::requireAgent(
    const QString &agentId) const
{
    Agent *agent = findAgent(agentId);
    if (!agent)
        return unknownAgent(agentId);
    return agent;
}

BackgroundAgentService::ActiveRun *BackgroundAgentService::findRun(const Agent &agent,
                                                                   const QString &runId)
{
    for (const std::unique_ptr<ActiveRun> &run : agent.runs) {
        if (run->record.runId == runId)
            return run.get();
    }
    return nullptr;
}

qint64 BackgroundAgentService::nextOccurrenceAfter(const Agent &agent, qint64 afterMs) const
{
    return agent.times.next(agent.status.anchorMs, afterMs);
}

qint64 BackgroundAgentService::jitterFor(const Agent &agent, qint64 occurrenceMs) const
{
    const qint64 jitter = agent.spec.schedule.jitterMs;
    if (jitter <= 0)
        return 0;
    const QString key = agent.spec.agentId + u'@' + QString::number(occurrenceMs);
    return qint64(stableHash(key) % quint64(jitter + 1));
}

void BackgroundAgentService::scheduleNext(Agent &agent, qint64 afterMs)
{
    unschedule(agent);
    if (agent.status.desired != DesiredState::Started)
        return;
    const int maxRuns = agent.spec.schedule.maxRuns;
    if (maxRuns > 0 && agent.status.servedCount + qint64(agent.pending.size()) >= maxRuns)
        return;
    const qint64 due = nextOccurrenceAfter(agent, afterMs);
    if (due < 0)
        return;
    agent.nextDueMs = due;
    agent.status.nextRunMs = due;
    // Without a running manager (a CLI changing the store) the due time is recorded, not armed.
    if (!m_managerRunning)
        return;
    const QString agentId = agent.spec.agentId;
    agent.dueTimer = m_scheduler->schedule(due + jitterFor(agent, due),
                                           [this, agentId, due] { onDue(agentId, due); });
}

void BackgroundAgentService::unschedule(Agent &agent)
{
    if (agent.dueTimer != 0)
        m_scheduler->cancel(agent.dueTimer);
    agent.dueTimer = 0;
    agent.nextDueMs = 0;
    agent.status.nextRunMs = 0;
}

void BackgroundAgentService::onDue(const QString &agentId, qint64 occurrenceMs)
{
    Agent *agent = findAgent(agentId);
    if (!agent)
        return;
    agent->dueTimer = 0;
    const qint64 now = m_scheduler->nowMs();
    // Woken this late (a stalled process, a jump the clock check missed): a gap, not a run.
    if (now - (occurrenceMs + jitterFor(*agent, occurrenceMs))
        > agent->spec.policies.misfireGraceMs) {
        scheduleNext(*agent, now - 1);
        settleMissed(*agent, occurrenceMs, now, QStringLiteral("late"));
        publishStatus(*agent, QStringLiteral("missed"));
        return;
    }
    scheduleNext(*agent, occurrenceMs);
    serveOccurrence(*agent, RunOrigin::Scheduled, occurrenceMs);
}

void BackgroundAgentService::serveOccurrence(Agent &agent, RunOrigin origin, qint64 occurrenceMs)
{
    // A queued run already holds the last of max_runs: there is no such occurrence.
    const int maxRuns = agent.spec.schedule.maxRuns;
    if (maxRuns > 0 && agent.status.servedCount + qint64(agent.pending.size()) >= maxRuns) {
        unschedule(agent);
        return;
    }
    if (m_storeFault) {
        recordSkipped(agent, occurrenceMs, QStringLiteral("store_unavailable"), origin);
        return;
    }
    if (hasRoom(agent)) {
        if (!budgetStops(agent, occurrenceMs, QString()))
            startRun(agent, origin, occurrenceMs);
        return;
    }
    const RunPolicies &policies = agent.spec.policies;
    const QString running = agent.runs.front()->record.runId;
    switch (policies.overlap) {
    case RunPolicies::Overlap::QueueOne:
        if (agent.pending.empty()) {
            PendingRun queued{newRunId(), origin, occurrenceMs};
            agent.pending.push_back(queued);
            emitEvent(agent.spec.agentId,
                      queued.runId,
                      EventType::RunQueued,
                      {{"reason", "overlap"},
                       {"occurrence", str(isoTimestamp(occurrenceMs))},
                       {"running_run_id", str(running)}});
            return;
        }
        break;
    case RunPolicies::Overlap::CancelPrevious:
        if (budgetStops(agent, occurrenceMs, QString()))
            return;
        cancelActive(
            agent,
            RunState::Cancelled,
            QStringLiteral("replaced by the run due at %1").arg(isoTimestamp(occurrenceMs)));
        startRun(agent, origin, occurrenceMs);
        return;
    case RunPolicies::Overlap::Skip:
    case RunPolicies::Overlap::Allow:
        break;
    }
    recordSkipped(agent, occurrenceMs, QStringLiteral("overlap"), origin);
}

bool BackgroundAgentService::hasRoom(const Agent &agent) const
{
    if (agent.runs.empty())
        return true;
    const RunPolicies &policies = agent.spec.policies;
    return policies.overlap == RunPolicies::Overlap::Allow
           && qsizetype(agent.runs.size()) < policies.maxParallel;
}

void BackgroundAgentService::startPendingAt(Agent &agent, qint64 dueMs)
{
    m_scheduler->cancel(agent.pendingTimer);
    const QString agentId = agent.spec.agentId;
    agent.pendingTimer = m_scheduler->schedule(dueMs, [this, agentId] {
        if (Agent *waiting = findAgent(agentId)) {
            waiting->pendingTimer = 0;
            startPending(agentId);
        }
    });
}

void BackgroundAgentService::startPending(const QString &agentId)
{
    Agent *agent = findAgent(agentId);
    if (!agent || agent->pendingTimer != 0 || m_draining
        || agent->status.desired != DesiredState::Started)
        return;
    while (!agent->pending.empty() && hasRoom(*agent)) {
        const PendingRun next = agent->pending.front();
        agent->pending.pop_front();
        if (m_storeFault) {
            recordSkipped(*agent,
                          next.occurrenceMs,
                          QStringLiteral("store_unavailable"),
                          next.origin,
                          next.runId);
            continue;
        }
        if (!budgetStops(*agent, next.occurrenceMs, next.runId))
            startRun(*agent, next.origin, next.occurrenceMs, next.runId);
    }
}

void BackgroundAgentService::dropPending(Agent &agent, const QString &reason)
{
    m_scheduler->cancel(agent.pendingTimer);
    agent.pendingTimer = 0;
    std::deque<PendingRun> dropped;
    dropped.swap(agent.pending);
    for (const PendingRun &run : dropped)
        recordSkipped(agent, run.occurrenceMs, reason, run.origin, run.runId);
}

QString BackgroundAgentService::newRunId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString BackgroundAgentService::startRun(Agent &agent,
                                         RunOrigin origin,
                                         qint64 occurrenceMs,
                                         QString runId)
{
    auto active = std::make_unique<ActiveRun>();
    active->spec = agent.spec;
    RunRecord &run = active->record;
    run.runId = runId.isEmpty() ? newRunId() : std::move(runId);
    run.agentId = agent.spec.agentId;
    run.specRevision = agent.spec.revision;
    run.origin = origin;
    run.occurrenceMs = occurrenceMs;
    run.startedMs = m_scheduler->nowMs();
    if (origin == RunOrigin::Scheduled || origin == RunOrigin::CatchUp) {
        ++agent.status.servedCount;
        const int maxRuns = agent.spec.schedule.maxRuns;
        if (maxRuns > 0 && agent.status.servedCount >= maxRuns)
            unschedule(agent);
    }
    const QString id = run.runId;
    m_agentByRunId.insert(id, run.agentId);
    ActiveRun &ref = *active;
    agent.runs.push_back(std::move(active));
    startAttempt(agent, ref);
    return id;
}

void BackgroundAgentService::recordSkipped(Agent &agent,
                                           qint64 occurrenceMs,
                                           const QString &reason,
                                           RunOrigin origin,
                                           const QString &runId)
{
    RunRecord run;
    run.runId = runId.isEmpty() ? newRunId() : runId;
    run.agentId = agent.spec.agentId;
    run.specRevision = agent.spec.revision;
    run.origin = origin;
    run.occurrenceMs = occurrenceMs;
    run.state = RunState::Skipped;
    run.skipReason = reason;
    saveRun(run);
    nlohmann::json payload
        = {{"occurrence", str(isoTimestamp(occurrenceMs))}, {"reason", str(reason)}};
    if (!agent.runs.empty())
        payload["running_run_id"] = str(agent.runs.front()->record.runId);
    emitEvent(run.agentId, run.runId, EventType::RunSkipped, std::move(payload));
    Q_EMIT runFinished(run);
}

void BackgroundAgentService::recordMissed(Agent &agent, qint64 occurrenceMs, const QString &reason)
{
    RunRecord run;
    run.runId = newRunId();
    run.agentId = agent.spec.agentId;
    run.specRevision = agent.spec.revision;
    run.origin = RunOrigin::Scheduled;
    run.occurrenceMs = occurrenceMs;
    run.state = RunState::Missed;
    run.skipReason = reason;
    saveRun(run);
    emitEvent(run.agentId,
              run.runId,
              EventType::RunSkipped,
              {{"occurrence", str(isoTimestamp(occurrenceMs))},
               {"reason", "missed"},
               {"why", str(reason)}});
    Q_EMIT runFinished(run);
}

void BackgroundAgentService::startAttempt(Agent &agent, ActiveRun &active)
{
    RunRecord &run = active.record;
    active.retryTimer = 0;
    if (m_maxConcurrentRuns > 0 && m_runningAttempts >= m_maxConcurrentRuns) {
        if (!active.waitsForSlot) {
            active.waitsForSlot = true;
            run.state = RunState::Queued;
            saveRun(run);
            m_slotQueue.emplace_back(run.agentId, run.runId);
            emitEvent(run.agentId,
                      run.runId,
                      EventType::RunQueued,
                      {{"reason", "concurrency"},
                       {"limit", m_maxConcurrentRuns},
                       {"position", qint64(m_slotQueue.size())}});
            publishStatus(agent, QStringLiteral("run_queued"));
        }
        return;
    }
    active.waitsForSlot = false;
    active.holdsSlot = true;
    ++m_runningAttempts;
    // A run that waited for a fleet slot starts now: its lateness includes the wait.
    if (run.attempts == 0)
        run.startedMs = m_scheduler->nowMs();
    ++run.attempts;
    run.state = RunState::Running;
    saveRun(run);
    const QString agentId = run.agentId;
    const QString runId = run.runId;
    emitEvent(agentId,
              runId,
              EventType::TaskStarted,
              {{"origin", str(originName(run.origin))},
               {"occurrence", str(isoTimestamp(run.occurrenceMs))},
               {"attempt", run.attempts},
               {"spec_revision", run.specRevision},
               {"provider", str(active.spec.model.provider)},
               {"session_id", str(sessionIdFor(active.spec, runId))},
               {"query", str(active.spec.task.query)}});
    publishStatus(agent, QStringLiteral("run_started"));

    auto attempt = std::make_shared<Attempt>(
        active.spec,
        runId,
        run.attempts,
        m_scheduler,
        m_tools,
        this,
        [this, agentId, runId](const char *type, nlohmann::json payload) {
            emitEvent(agentId, runId, type, std::move(payload));
        },
        [this, agentId, runId](const Attempt::Outcome &outcome) {
            onAttemptFinished(agentId, runId, outcome);
        });
    active.attempt = attempt;
    const qint64 timeoutMs = active.spec.task.timeoutMs;
    const int number = run.attempts;
    std::weak_ptr<Attempt> weak = attempt;
    active.timeoutTimer
        = m_scheduler->schedule(m_scheduler->nowMs() + timeoutMs, [weak, number, timeoutMs] {
              if (const auto timedOut = weak.lock())
                  timedOut->abort(RunState::TimedOut,
                                  QStringLiteral("attempt %1 took longer than "
                                                 "task_config.timeout (%2 s)")
                                      .arg(number)
                                      .arg(seconds(timeoutMs)));
          });
    Provider *provider = m_providers.at(active.spec.model.provider).get();
    provider->execute(attempt);
}

void BackgroundAgentService::onAttemptFinished(const QString &agentId,
                                               const QString &runId,
                                               const Attempt::Outcome &outcome)
{
    Agent *agent = findAgent(agentId);
    ActiveRun *found = agent ? findRun(*agent, runId) : nullptr;
    if (!found)
        return;
    ActiveRun &active = *found;
    RunRecord &run = active.record;
    m_scheduler->cancel(active.timeoutTimer);
    active.timeoutTimer = 0;
    active.attempt.reset();
    releaseSlot(active);
    // Runs waiting for the freed slot start once this one is settled.
    const auto startOthers = qScopeGuard([this] { startWaitingRuns(); });
    Usage usage = outcome.usage;
    const ModelConfig &model = active.spec.model;
    if (const std::optional<double> cost
        = m_prices.cost(model.provider, model.model, usage.inputTokens, usage.outputTokens)) {
        usage.cost = *cost;
    } else if (usage.totalTokens() > 0) {
        const QString key = model.provider + u'/' + model.model;
        if (!m_unpricedModels.contains(key)) {
            m_unpricedModels.insert(key);
            emitEvent(agentId,
                      runId,
                      EventType::PriceUnknown,
                      {{"provider", str(model.provider)},
                       {"model", str(model.model)},
                       {"reason",
                        str(QStringLiteral("no price for %1 %2 in the price table: its runs count "
                                           "as $0 until one is added in Settings > Prices")
                                .arg(model.provider, model.model))}});
        }
    }
    run.usage += usage;
    if (outcome.state == RunState::Completed) {
        // A run counts as done only once its record and events are durable. A store that cannot
        // take them (a full disk) fails the run, with an error event kept until it takes writes.
        const Result<void> flushed = m_events->flush();
        const bool recordSaved = !m_unsavedRuns.contains(runId);
        if (recordSaved && (flushed || isOutage(flushed.error()))) {
            run.result = outcome.result;
            run.error.clear();
            finishRun(*agent, active, RunState::Completed);
            return;
        }
        if (!flushed)
            noteStoreFailure(flushed.error());
        const QString error
            = recordSaved
                  ? QStringLiteral("the run's events could not be saved: ") + flushed.errorMessage()
                  : QStringLiteral("the run's record could not be saved: ") + m_lastStoreError;
        run.error = error;
        emitEvent(agentId,
                  runId,
                  EventType::TaskError,
                  {{"state", str(stateName(RunState::Failed))},
                   {"error", str(error)},
                   {"attempt", run.attempts},
                   {"will_retry", false}});
        finishRun(*agent, active, RunState::Failed);
        return;
    }
    run.error = outcome.error;
    const bool retryable = outcome.state == RunState::Failed || outcome.state == RunState::TimedOut
                           || outcome.state == RunState::Interrupted;
    const bool willRetry = retryable && !m_draining && run.attempts <= active.spec.task.maxRetries;
    emitEvent(agentId,
              runId,
              EventType::TaskError,
              {{"state", str(stateName(outcome.state))},
               {"error", str(outcome.error)},
               {"attempt", run.attempts},
               {"will_retry", willRetry}});
    if (!willRetry) {
        finishRun(*agent, active, outcome.state);
        return;
    }
    const qint64 delayMs = active.spec.task.retryDelayFor(run.attempts);
    const qint64 dueMs = m_scheduler->nowMs() + delayMs;
    run.state = RunState::Queued;
    saveRun(run);
    emitEvent(agentId,
              runId,
              EventType::RetryScheduled,
              {{"attempt", run.attempts + 1},
               {"delay_ms", delayMs},
               {"due", str(isoTimestamp(dueMs))},
               {"error", str(outcome.error)}});
    active.retryTimer = m_scheduler->schedule(dueMs, [this, agentId, runId] {
        Agent *waiting = findAgent(agentId);
        if (ActiveRun *retry = waiting ? findRun(*waiting, runId) : nullptr)
            startAttempt(*waiting, *retry);
    });
}

void BackgroundAgentService::rollSpend(AgentStatus &status, qint64 nowMs) const
{
    // Days and months are the engine clock's local ones; the counts start over on the first
    // look in a new one.
    const QDate date = QDateTime::fromMSecsSinceEpoch(nowMs).date();
    const QString today = date.toString(Qt::ISODate);
    if (status.tokensDay != today) {
        status.tokensDay = today;
        status.tokensToday = 0;
        status.costToday = 0;
    }
    const QString month = today.left(7);
    if (status.spendMonth != month) {
        status.spendMonth = month;
        status.tokensMonth = 0;
        status.costMonth = 0;
    }
}

BackgroundAgentService::BudgetCheck BackgroundAgentService::checkBudget(Agent &agent)
{
    const qint64 now = m_scheduler->nowMs();
    AgentStatus &status = agent.status;
    rollSpend(status, now);
    // What the next run will likely take: the agent's average so far (nothing known: 0, so a
    // first run only stops at a cap already reached).
    const double runs = double(std::max<qint64>(status.runCount, 1));
    const double tokenEstimate = double(status.tokensTotal) / runs;
    const double costEstimate = status.costTotal / runs;
    BudgetCheck check;
    const auto test = [&check](const char *cap,
                               const char *scope,
                               double limit,
                               double spent,
                               double estimate,
                               Budget::Action action) {
        if (!check.cap.isEmpty() || limit <= 0)
            return;
        if (spent >= limit || spent + estimate > limit)
            check = {QString::fromLatin1(cap),
                     QString::fromLatin1(scope),
                     limit,
                     spent,
                     estimate,
                     action};
    };
    const Budget &own = agent.spec.budget;
    test("daily_tokens",
         "agent",
         double(own.dailyTokens),
         double(status.tokensToday),
         tokenEstimate,
         own.onExceeded);
    test("monthly_tokens",
         "agent",
         double(own.monthlyTokens),
         double(status.tokensMonth),
         tokenEstimate,
         own.onExceeded);
    test("daily_cost", "agent", own.dailyCost, status.costToday, costEstimate, own.onExceeded);
    test("monthly_cost", "agent", own.monthlyCost, status.costMonth, costEstimate, own.onExceeded);
    if (!check.cap.isEmpty() || !m_fleetBudget.hasCap())
        return check;
    qint64 tokensToday = 0;
    qint64 tokensMonth = 0;
    double costToday = 0;
    double costMonth = 0;
    for (auto &[id, other] : m_agents) {
        rollSpend(other->status, now);
        tokensToday += other->status.tokensToday;
        tokensMonth += other->status.tokensMonth;
        costToday += other->status.costToday;
        costMonth += other->status.costMonth;
    }
    const Budget &fleet = m_fleetBudget;
    test("daily_tokens",
         "fleet",
         double(fleet.dailyTokens),
         double(tokensToday),
         tokenEstimate,
         fleet.onExceeded);
    test("monthly_tokens",
         "fleet",
         double(fleet.monthlyTokens),
         double(tokensMonth),
         tokenEstimate,
         fleet.onExceeded);
    test("daily_cost", "fleet", fleet.dailyCost, costToday, costEstimate, fleet.onExceeded);
    test("monthly_cost", "fleet", fleet.monthlyCost, costMonth, costEstimate, fleet.onExceeded);
    return check;
}

bool BackgroundAgentService::budgetStops(Agent &agent, qint64 occurrenceMs, const QString &runId)
{
    const BudgetCheck check = checkBudget(agent);
    if (check.cap.isEmpty())
        return false;
    const bool pause = check.action == Budget::Action::Pause;
    emitEvent(agent.spec.agentId,
              runId,
              EventType::BudgetExceeded,
              {{"cap", str(check.cap)},
               {"scope", str(check.scope)},
               {"limit", check.limit},
               {"spent", check.spent},
               {"estimate", check.estimate},
               {"occurrence", str(isoTimestamp(occurrenceMs))},
               {"action", pause ? "pause" : "skip"}});
    recordSkipped(agent, occurrenceMs, QStringLiteral("budget"), RunOrigin::Scheduled, runId);
    if (pause && agent.status.desired == DesiredState::Started) {
        setPaused(agent,
                  QStringLiteral("budget: the %1 %2 cap of %3 would be passed")
                      .arg(check.scope, check.cap)
                      .arg(check.limit),
                  0);
        publishStatus(agent, QStringLiteral("budget"));
    }
    return true;
}

void BackgroundAgentService::releaseSlot(ActiveRun &active)
{
    if (!active.holdsSlot)
        return;
    active.holdsSlot = false;
    --m_runningAttempts;
}

void BackgroundAgentService::finishRun(Agent &agent, ActiveRun &finished, RunState state)
{
    const auto it = std::find_if(agent.runs.begin(), agent.runs.end(), [&](const auto &run) {
        return run.get() == &finished;
    });
    std::unique_ptr<ActiveRun> active = std::move(*it);
    agent.runs.erase(it);
    RunRecord &run = active->record;
    m_scheduler->cancel(active->timeoutTimer);
    m_scheduler->cancel(active->retryTimer);
    releaseSlot(*active);
    if (active->waitsForSlot)
        std::erase(m_slotQueue, std::pair(run.agentId, run.runId));
    run.state = state;
    run.finishedMs = m_scheduler->nowMs();
    saveRun(run);
    m_agentByRunId.remove(run.runId);

    AgentStatus &status = agent.status;
    ++status.runCount;
    status.lastRunMs = run.startedMs;
    status.lastOutcome = stateName(state);
    status.lastDurationMs = run.durationMs();
    status.totalDurationMs += run.durationMs();
    rollSpend(status, run.finishedMs);
    status.tokensTotal += run.usage.totalTokens();
    status.tokensToday += run.usage.totalTokens();
    status.tokensMonth += run.usage.totalTokens();
    status.costTotal += run.usage.cost;
    status.costToday += run.usage.cost;
    status.costMonth += run.usage.cost;
    QString reason = QStringLiteral("run_finished");
    if (state == RunState::Completed) {
        status.consecutiveFailures = 0;
        status.lastError.clear();
        emitEvent(run.agentId,
                  run.runId,
                  EventType::TaskCompleted,
                  {{"result", str(run.result)},
                   {"attempts", run.attempts},
                   {"duration_ms", run.durationMs()},
                   {"usage", run.usage.toJson()}});
    } else if (state != RunState::Cancelled) {
        ++status.errorCount;
        ++status.consecutiveFailures;
        status.lastError = run.error;
        const int pauseAfter = agent.spec.policies.pauseAfterFailures;
        if (pauseAfter > 0 && status.consecutiveFailures >= pauseAfter
            && status.desired == DesiredState::Started) {
            emitEvent(run.agentId,
                      run.runId,
                      EventType::AutoPaused,
                      {{"failures", status.consecutiveFailures}, {"last_error", str(run.error)}});
            setPaused(agent,
                      QStringLiteral("%1 failures in a row; last error: %2")
                          .arg(status.consecutiveFailures)
                          .arg(run.error),
                      0);
            reason = QStringLiteral("auto_paused");
        }
    }
    publishStatus(agent, reason);
    // A run is reported finished only once its events are durable.
    if (const Result<void> flushed = m_events->flush(); !flushed)
        noteStoreFailure(flushed.error());
    Q_EMIT runFinished(run);
    startPending(agent.spec.agentId);
    checkDrained();
}

void BackgroundAgentService::cancelRun(Agent &agent,
                                       ActiveRun &active,
                                       RunState state,
                                       const QString &reason)
{
    if (const std::shared_ptr<Attempt> attempt = active.attempt) {
        // The attempt reports back through onAttemptFinished(), which ends the run.
        attempt->abort(state, reason);
        return;
    }
    RunRecord &run = active.record;
    run.error = reason;
    emitEvent(run.agentId,
              run.runId,
              EventType::TaskError,
              {{"state", str(stateName(state))},
               {"error", str(reason)},
               {"attempt", run.attempts},
               {"will_retry", false}});
    finishRun(agent, active, state);
}

void BackgroundAgentService::cancelActive(Agent &agent, RunState state, const QString &reason)
{
    std::vector<QString> runIds;
    for (const std::unique_ptr<ActiveRun> &run : agent.runs)
        runIds.push_back(run->record.runId);
    // Each cancel may end its run at once, which changes agent.runs.
    for (const QString &runId : runIds) {
        if (ActiveRun *run = findRun(agent, runId))
            cancelRun(agent, *run, state, reason);
    }
}

void BackgroundAgentService::refreshState(Agent &agent)
{
    agent.status.storeOffline = !m_storeOnline;
    AgentStatus &status = agent.status;
    if (!agent.runs.empty()) {
        status.state = AgentState::Running;
        return;
    }
    switch (status.desired) {
    case DesiredState::Idle:
        status.state = AgentState::Idle;
        return;
    case DesiredState::Paused:
        status.state = AgentState::Paused;
        return;
    case DesiredState::Stopped:
        status.state = AgentState::Stopped;
        return;
    case DesiredState::Started:
        if (status.consecutiveFailures > 0)
            status.state = AgentState::Error;
        else
            status.state = agent.nextDueMs > 0 ? AgentState::Scheduled : AgentState::Idle;
        return;
    }
}

void BackgroundAgentService::publishStatus(Agent &agent, const QString &reason)
{
    const AgentState previous = agent.status.state;
    refreshState(agent);
    if (const Result<void> saved = m_memory->saveStatus(agent.status); !saved)
        noteStoreFailure(saved.error());
    announceStatus(agent, previous, reason);
}

void BackgroundAgentService::announceStatus(Agent &agent,
                                            AgentState previous,
                                            const QString &reason)
{
    const AgentStatus &status = agent.status;
    emitEvent(status.agentId,
              QString(),
              EventType::AgentStatus,
              {{"state", str(stateName(status.state))},
               {"previous_state", str(stateName(previous))},
               {"reason", str(reason)},
               {"run_count", status.runCount},
               {"error_count", status.errorCount},
               {"consecutive_failures", status.consecutiveFailures},
               {"next_run",
                status.nextRunMs > 0 ? nlohmann::json(str(isoTimestamp(status.nextRunMs)))
                                     : nlohmann::json()},
               {"store", status.storeOffline ? "offline" : "online"}});
    Q_EMIT agentStatusChanged(status);
}

void BackgroundAgentService::emitEvent(const QString &agentId,
                                       const QString &runId,
                                       const char *type,
                                       nlohmann::json payload)
{
    Event event;
    event.agentId = agentId;
    event.runId = runId;
    event.type = QString::fromLatin1(type);
    event.timestampMs = m_scheduler->nowMs();
    event.payload = std::move(payload);
    const Result<Event> appended = m_events->append(std::move(event));
    if (!appended) {
        noteStoreFailure(appended.error());
        return;
    }
    Q_EMIT eventAppended(appended.value());
}

void BackgroundAgentService::saveRun(const RunRecord &run)
{
    const Result<void> saved = m_memory->saveRun(run);
    if (saved || isOutage(saved.error())) {
        m_unsavedRuns.remove(run.runId);
        return;
    }
    // Kept until the store takes it: a run record is never dropped for a full disk.
    m_unsavedRuns.insert(run.runId, run);
    noteStoreFailure(saved.error());
}

bool BackgroundAgentService::isOutage(const Error &error)
{
    // An unreachable store that keeps what it is given (Redis while it reconnects) is not a
    // fault: runs go on, and the status says the store is offline.
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Timeout;
}

void BackgroundAgentService::noteStoreFailure(const Error &error)
{
    if (isOutage(error)) {
        engineLog().warn("store: {}", str(error.message));
        return;
    }
    engineLog().error("store: {}", str(error.message));
    m_lastStoreError = error.message;
    Q_EMIT storeError(error.message);
    if (m_storeFault)
        return;
    // Runs that cannot be recorded are not started: the scheduler holds (each due occurrence is
    // reported as skipped, in events kept in memory) until a probe finds the store writable.
    m_storeFault = true;
    engineLog().warn("store: holding new runs until writes succeed again");
    m_storeProbe = m_scheduler->schedule(m_scheduler->nowMs() + StoreProbeIntervalMs,
                                         [this] { probeStore(); });
}

void BackgroundAgentService::probeStore()
{
    m_storeProbe = 0;
    bool writable = m_events->flush().ok();
    for (auto it = m_unsavedRuns.begin(); writable && it != m_unsavedRuns.end();) {
        writable = m_memory->saveRun(it.value()).ok();
        it = writable ? m_unsavedRuns.erase(it) : it;
    }
    if (!writable) {
        m_storeProbe = m_scheduler->schedule(m_scheduler->nowMs() + StoreProbeIntervalMs,
                                             [this] { probeStore(); });
        return;
    }
    m_storeFault = false;
    engineLog().info("store: writes succeed again; runs resume");
    for (auto &[id, agent] : m_agents)
        publishStatus(*agent, QStringLiteral("store_recovered"));
}

void BackgroundAgentService::setStoreOnline(bool online)
{
    if (m_storeOnline == online)
        return;
    m_storeOnline = online;
    for (auto &[id, agent] : m_agents)
        publishStatus(*agent,
                      online ? QStringLiteral("store_online") : QStringLiteral("store_offline"));
}

void BackgroundAgentService::checkDrained()
{
    if (!m_draining || hasActiveRuns())
        return;
    m_draining = false;
    // Queued, so a caller that connects to drained() right after shutdown() still hears it.
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT drained(); }, Qt::QueuedConnection);
}

} // namespace nightshift
