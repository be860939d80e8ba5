#pragma once

#include "agentstatus.h"
#include "event.h"
#include "run.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace nightshift {

class AgentTableModel;
class EngineHost;

/// Keeps an AgentTableModel in step with the engine: the first load, status batches, the specs
/// of new and edited agents, removals, and the runs finished today.
///
/// Nothing it does holds the GUI thread for long on a large fleet: every agent's status is
/// listed at once, but specs come a page per event-loop pass; status batches reach the model at
/// most once per StatusInterval, all that came in meanwhile together; and today's runs are
/// counted from the store a few agents per pass, only for agents whose last run is recent. After
/// that every run EngineHost::runsFinished reports today adds one.
class FleetFeed final : public QObject
{
    Q_OBJECT
public:
    /// Feeds model from host; both must outlive the feed.
    FleetFeed(EngineHost *host, AgentTableModel *model, QObject *parent = nullptr);

    /// Loads every agent, with the specs of the first SpecsPerPage of them. The other specs
    /// follow a page per event-loop pass, while today's runs are counted from the store.
    void load();
    /// Drops agents this process removed, without waiting for the engine's news of it.
    void noteRemoved(const QStringList &agentIds);
    /// Whether today's runs are still being counted from the store.
    bool isCountingRuns() const { return !m_toCount.isEmpty(); }
    /// Whether specs the table lacks are still being fetched.
    bool isFetchingSpecs() const { return !m_specsWanted.isEmpty(); }

    /// The most runs of one agent read from the store to count its runs today.
    static constexpr int RunHistoryLimit = 10'000;
    /// The most specs fetched and applied in one event-loop pass.
    static constexpr int SpecsPerPage = 250;
    /// Status batches reach the model at most this often; those that arrive meanwhile are
    /// applied together, in order.
    static constexpr std::chrono::milliseconds StatusInterval{250};

Q_SIGNALS:
    /// Every agent's runs today have been counted from the store.
    void runsCounted();
    /// Every spec the table asked for has been fetched.
    void specsFetched();

private:
    void queueStatuses(const QList<AgentStatus> &statuses);
    void applyPendingStatuses();
    void dropPending(const QStringList &agentIds);
    bool isPending(const QString &agentId) const;
    void applyFinishedRuns(const QList<RunRecord> &runs);
    void applyEvents(const EventList &events);
    void wantSpecs(const QStringList &agentIds);
    void fetchNextSpecs();
    void forget(const QStringList &agentIds);
    void countNextAgents();

    EngineHost *m_host;
    AgentTableModel *m_model;
    QSet<QString> m_removed; ///< Removed agents whose last statuses may still be on their way.
    QList<QList<AgentStatus>> m_pending; ///< Batches waiting for the pause to end, as they came.
    QTimer m_statusPause;                ///< Runs for StatusInterval after statuses were applied.
    QStringList m_specsWanted;
    QSet<QString> m_specsQueued; ///< The ids in m_specsWanted.
    QStringList m_toCount;
    qint64 m_countingDayStartMs = 0;
};

} // namespace nightshift
