#include "fleetfeed.h"

#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>

namespace nightshift {

namespace {

// Agents whose runs are counted in one call, so the GUI thread never waits long for the engine.
constexpr int AgentsPerCount = 50;
// A run may start up to this long before midnight and still finish today.
constexpr qint64 LongestRunMs = 24LL * 3600 * 1000;

RunsTodayCount countRunsToday(const BackgroundAgentService &service,
                              const QString &agentId,
                              qint64 dayStartMs)
{
    RunsTodayCount counted{agentId};
    // Runs come newest first: a short list is read first, a longer one only for busy agents.
    for (int limit = 100;; limit *= 10) {
        const Result<QList<RunRecord>> runs = service.listRuns(agentId, limit);
        if (!runs)
            return counted;
        counted.count = 0;
        counted.recentDurations.clear();
        for (const RunRecord &run : runs.value()) {
            counted.newestFinishedMs = std::max(counted.newestFinishedMs, run.finishedMs);
            const bool didWork = isFinal(run.state) && run.state != RunState::Skipped
                                 && run.state != RunState::Missed;
            if (didWork && counted.recentDurations.size() < AgentTableModel::SparklinePoints)
                counted.recentDurations.prepend(run.durationMs());
            if (run.finishedMs >= dayStartMs && didWork)
                ++counted.count;
        }
        const bool complete
            = runs->size() < limit || limit >= FleetFeed::RunHistoryLimit
              || std::max(runs->last().startedMs, runs->last().finishedMs) < dayStartMs;
        if (complete)
            return counted;
    }
}

} // namespace

FleetFeed::FleetFeed(EngineHost *host, AgentTableModel *model, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_model(model)
{
    connect(host, &EngineHost::agentsUpdated, this, &FleetFeed::applyStatuses);
    connect(host, &EngineHost::eventsAppended, this, &FleetFeed::applyEvents);
    connect(host, &EngineHost::runsFinished, model, &AgentTableModel::applyFinishedRuns);
    connect(model, &AgentTableModel::specsNeeded, this, &FleetFeed::fetchSpecs);
}

void FleetFeed::load()
{
    // Without a started engine there is nothing to ask.
    if (m_host->storeUrl().isEmpty())
        return;
    QList<AgentStatus> statuses;
    QList<AgentSpec> specs;
    m_host->call([&](BackgroundAgentService &service) {
        statuses = service.listAgents();
        specs.reserve(statuses.size());
        for (const AgentStatus &status : std::as_const(statuses)) {
            if (Result<AgentSpec> spec = service.getAgentSpec(status.agentId))
                specs.append(std::move(spec).value());
        }
    });
    m_model->resetAgents(statuses, specs);

    m_countingDayStartMs
        = QDateTime::fromMSecsSinceEpoch(m_model->nowMs()).date().startOfDay().toMSecsSinceEpoch();
    m_toCount.clear();
    for (const AgentStatus &status : std::as_const(statuses)) {
        if (status.lastRunMs > 0 && status.lastRunMs >= m_countingDayStartMs - LongestRunMs)
            m_toCount.append(status.agentId);
    }
    // Queued to itself: the window shows first, the counting follows in small steps.
    QMetaObject::invokeMethod(this, &FleetFeed::countNextAgents, Qt::QueuedConnection);
}

void FleetFeed::noteRemoved(const QStringList &agentIds)
{
    for (const QString &id : agentIds)
        m_removed.insert(id);
    m_model->removeAgents(agentIds);
}

void FleetFeed::applyStatuses(const QList<AgentStatus> &statuses)
{
    if (m_removed.isEmpty()) {
        m_model->applyStatuses(statuses);
        return;
    }
    QList<AgentStatus> kept;
    kept.reserve(statuses.size());
    std::copy_if(statuses.cbegin(),
                 statuses.cend(),
                 std::back_inserter(kept),
                 [this](const AgentStatus &status) { return !m_removed.contains(status.agentId); });
    m_model->applyStatuses(kept);
}

void FleetFeed::applyEvents(const EventList &events)
{
    QStringList removed;
    for (const Event &event : events) {
        if (event.type != QLatin1String(EventType::AgentStatus))
            continue;
        const auto state = event.payload.find("state");
        const bool isRemoval = state != event.payload.end() && *state == "removed";
        if (isRemoval) {
            m_removed.insert(event.agentId);
            removed.append(event.agentId);
        } else if (!m_removed.isEmpty()) {
            // A status after the removal: the agent was created again under the same id.
            m_removed.remove(event.agentId);
            removed.removeAll(event.agentId);
        }
    }
    if (!removed.isEmpty())
        m_model->removeAgents(removed);
}

void FleetFeed::fetchSpecs(const QStringList &agentIds)
{
    QList<AgentSpec> specs;
    m_host->call([&](BackgroundAgentService &service) {
        for (const QString &id : agentIds) {
            if (Result<AgentSpec> spec = service.getAgentSpec(id))
                specs.append(std::move(spec).value());
        }
    });
    m_model->applySpecs(specs);
}

void FleetFeed::countNextAgents()
{
    const QStringList batch = m_toCount.mid(0, AgentsPerCount);
    m_toCount.remove(0, batch.size());
    if (!batch.isEmpty()) {
        const qint64 dayStartMs = m_countingDayStartMs;
        m_model->setRunsToday(m_host->call([&](BackgroundAgentService &service) {
            QList<RunsTodayCount> counts;
            for (const QString &id : batch)
                counts.append(countRunsToday(service, id, dayStartMs));
            return counts;
        }));
    }
    if (m_toCount.isEmpty()) {
        Q_EMIT runsCounted();
        return;
    }
    QMetaObject::invokeMethod(this, &FleetFeed::countNextAgents, Qt::QueuedConnection);
}

} // namespace nightshift
