#pragma once

#include "agentstatus.h"
#include "event.h"

#include <QObject>
#include <QSet>
#include <QStringList>

namespace nightshift {

class AgentTableModel;
class EngineHost;

/// Keeps an AgentTableModel in step with the engine: the first load, status batches, the specs
/// of new and edited agents, removals, and the runs finished today.
///
/// Runs today: the status has no such counter, so at load the store's run lists are counted,
/// a few agents per event-loop pass and only for agents whose last run is recent; after that
/// every run EngineHost::runsFinished reports today adds one.
class FleetFeed final : public QObject
{
    Q_OBJECT
public:
    /// Feeds model from host; both must outlive the feed.
    FleetFeed(EngineHost *host, AgentTableModel *model, QObject *parent = nullptr);

    /// Loads every agent with its spec, then starts counting today's runs from the store.
    void load();
    /// Drops agents this process removed, without waiting for the engine's news of it.
    void noteRemoved(const QStringList &agentIds);
    /// Whether today's runs are still being counted from the store.
    bool isCountingRuns() const { return !m_toCount.isEmpty(); }

    /// The most runs of one agent read from the store to count its runs today.
    static constexpr int RunHistoryLimit = 10'000;

Q_SIGNALS:
    /// Every agent's runs today have been counted from the store.
    void runsCounted();

private:
    void applyStatuses(const QList<AgentStatus> &statuses);
    void applyEvents(const EventList &events);
    void fetchSpecs(const QStringList &agentIds);
    void countNextAgents();

    EngineHost *m_host;
    AgentTableModel *m_model;
    QSet<QString> m_removed; ///< Removed agents whose last statuses may still be on their way.
    QStringList m_toCount;
    qint64 m_countingDayStartMs = 0;
};

} // namespace nightshift
