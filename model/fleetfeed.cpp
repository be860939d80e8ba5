#include "fleetfeed.h"

#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>

namespace nightshift {

namespace {

// The most agents whose runs are counted in one call.
constexpr int AgentsPerCount = 50;
// How long one call counts runs at most, so the GUI thread never waits long for the engine.
constexpr qint64 CountSliceNs = 4'000'000;
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
    m_statusPause.setSingleShot(true);
    m_statusPause.setInterval(StatusInterval);
    connect(&m_statusPause, &QTimer::timeout, this, &FleetFeed::applyPendingStatuses);
    connect(host, &EngineHost::agentsUpdated, this, &FleetFeed::queueStatuses);
    connect(host, &EngineHost::eventsAppended, this, &FleetFeed::applyEvents);
    connect(host, &EngineHost::runsFinished, this, &FleetFeed::applyFinishedRuns);
    connect(model, &AgentTableModel::specsNeeded, this, &FleetFeed::wantSpecs);
}

void FleetFeed::load()
{
    // Without a started engine there is nothing to ask.
    if (m_host->storeUrl().isEmpty())
        return;
    struct FirstPage
    {
        QList<AgentStatus> statuses;
        QList<AgentSpec> specs;
    };
    const FirstPage first = m_host->call([](BackgroundAgentService &service) {
        FirstPage page{service.listAgents(), {}};
        const qsizetype count = std::min<qsizetype>(page.statuses.size(), SpecsPerPage);
        page.specs.reserve(count);
        for (qsizetype i = 0; i < count; ++i) {
            if (Result<AgentSpec> spec = service.getAgentSpec(page.statuses.at(i).agentId))
                page.specs.append(std::move(spec).value());
        }
        return page;
    });
    // Asks, through specsNeeded, for the specs of the rest; they follow a page at a time.
    m_model->resetAgents(first.statuses, first.specs);

    m_countingDayStartMs
        = QDateTime::fromMSecsSinceEpoch(m_model->nowMs()).date().startOfDay().toMSecsSinceEpoch();
    m_toCount.clear();
    for (const AgentStatus &status : first.statuses) {
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
    forget(agentIds);
}

void FleetFeed::forget(const QStringList &agentIds)
{
    dropPending(agentIds);
    m_model->removeAgents(agentIds);
}

void FleetFeed::queueStatuses(const QList<AgentStatus> &statuses)
{
    if (statuses.isEmpty())
        return;
    // Kept as they came (a shared list, not a copy): each status is copied once, into the table.
    m_pending.append(statuses);
    // The first batch after a quiet spell shows at once; while more keep coming, they wait for
    // the pause to end and go to the table together, which then sorts, filters and repaints once.
    if (!m_statusPause.isActive())
        applyPendingStatuses();
}

void FleetFeed::applyPendingStatuses()
{
    if (m_pending.isEmpty())
        return;
    QList<QList<AgentStatus>> batches = std::exchange(m_pending, {});
    if (!m_removed.isEmpty()) {
        const auto isRemoved = [this](const AgentStatus &status) {
            return m_removed.contains(status.agentId);
        };
        for (QList<AgentStatus> &batch : batches) {
            if (std::any_of(batch.cbegin(), batch.cend(), isRemoved))
                batch.removeIf(isRemoved);
        }
    }
    m_model->applyStatusBatches(batches);
    m_statusPause.start();
}

void FleetFeed::dropPending(const QStringList &agentIds)
{
    const auto isDropped = [&agentIds](const AgentStatus &status) {
        return agentIds.contains(status.agentId);
    };
    for (QList<AgentStatus> &batch : m_pending) {
        if (std::any_of(batch.cbegin(), batch.cend(), isDropped))
            batch.removeIf(isDropped);
    }
}

bool FleetFeed::isPending(const QString &agentId) const
{
    return std::any_of(m_pending.cbegin(), m_pending.cend(), [&agentId](const auto &batch) {
        return std::any_of(batch.cbegin(), batch.cend(), [&agentId](const AgentStatus &status) {
            return status.agentId == agentId;
        });
    });
}

void FleetFeed::applyFinishedRuns(const QList<RunRecord> &runs)
{
    // A run of an agent whose first status is still waiting would find no row to count in.
    if (std::any_of(runs.cbegin(), runs.cend(), [this](const RunRecord &run) {
            return m_model->rowOf(run.agentId) < 0 && isPending(run.agentId);
        }))
        applyPendingStatuses();
    m_model->applyFinishedRuns(runs);
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
        forget(removed);
}

void FleetFeed::wantSpecs(const QStringList &agentIds)
{
    const bool idle = m_specsWanted.isEmpty();
    for (const QString &id : agentIds) {
        if (m_specsQueued.contains(id))
            continue;
        m_specsQueued.insert(id);
        m_specsWanted.append(id);
    }
    // Queued to itself: a page per pass of the event loop, however many agents are new.
    if (idle && !m_specsWanted.isEmpty())
        QMetaObject::invokeMethod(this, &FleetFeed::fetchNextSpecs, Qt::QueuedConnection);
}

void FleetFeed::fetchNextSpecs()
{
    const QStringList page = m_specsWanted.mid(0, SpecsPerPage);
    m_specsWanted.remove(0, page.size());
    for (const QString &id : page)
        m_specsQueued.remove(id);
    if (!page.isEmpty() && m_host->isStarted()) {
        m_model->applySpecs(m_host->call([&page](BackgroundAgentService &service) {
            QList<AgentSpec> specs;
            specs.reserve(page.size());
            for (const QString &id : page) {
                if (Result<AgentSpec> spec = service.getAgentSpec(id))
                    specs.append(std::move(spec).value());
            }
            return specs;
        }));
    }
    if (m_specsWanted.isEmpty()) {
        Q_EMIT specsFetched();
        return;
    }
    QMetaObject::invokeMethod(this, &FleetFeed::fetchNextSpecs, Qt::QueuedConnection);
}

void FleetFeed::countNextAgents()
{
    if (!m_toCount.isEmpty()) {
        const qint64 dayStartMs = m_countingDayStartMs;
        const QStringList candidates = m_toCount.mid(0, AgentsPerCount);
        const QList<RunsTodayCount> counts
            = m_host->call([&candidates, dayStartMs](BackgroundAgentService &service) {
                  QElapsedTimer spent;
                  spent.start();
                  QList<RunsTodayCount> counted;
                  for (const QString &id : candidates) {
                      counted.append(countRunsToday(service, id, dayStartMs));
                      if (spent.nsecsElapsed() >= CountSliceNs)
                          break;
                  }
                  return counted;
              });
        m_toCount.remove(0, counts.size());
        m_model->setRunsToday(counts);
    }
    if (m_toCount.isEmpty()) {
        Q_EMIT runsCounted();
        return;
    }
    QMetaObject::invokeMethod(this, &FleetFeed::countNextAgents, Qt::QueuedConnection);
}

} // namespace nightshift
