#pragma once

#include "agentactions.h"
#include "agentspec.h"
#include "agentstatus.h"
#include "run.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDate>
#include <QHash>
#include <QList>
#include <QTimer>

#include <array>
#include <functional>

namespace nightshift {

/// One row of the fleet table: the agent's last status and what the table shows of its spec.
struct AgentRow
{
    AgentStatus status;
    QString provider;
    QString model;
    Schedule schedule;
    QString scheduleText;
    int specRevision = -1; ///< The revision provider, model and schedule come from; -1: none yet.
    int specAsked = -1;    ///< The revision specsNeeded() last asked for.
    qint64 runsToday = 0;  ///< Runs (not skipped or missed occurrences) finished today.
    qint64 runsCountedUntilMs = 0; ///< Runs finished at or before this were counted from the store.
    QList<qint64> recentDurations; ///< Of its latest runs in ms, oldest first, for the sparkline.
};

/// An agent's runs today as the store counted them.
struct RunsTodayCount
{
    QString agentId;
    qint64 count = 0;
    qint64 newestFinishedMs = 0;        ///< Runs that finished later were not in the count.
    QList<qint64> recentDurations = {}; ///< Of its latest runs in ms, oldest first.
};

/// Tallies over the whole fleet, for the summary cards.
struct FleetTotals
{
    int agents = 0;
    std::array<int, 6> byState{}; ///< Indexed by AgentState.
    qint64 runsToday = 0;
    qint64 tokensToday = 0;

    int count(AgentState state) const { return byState.at(std::size_t(state)); }
};

/// The fleet as a table: one row per agent, fed by batches of status snapshots, with the
/// schedule, provider and model of each agent's spec.
class AgentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        AgentIdColumn,
        ActionsColumn,
        ScheduleColumn,
        NextRunColumn,
        LastRunColumn,
        RunsColumn,
        ErrorsColumn,
        FailuresColumn,
        AverageDurationColumn,
        RecentDurationsColumn,
        TokensTodayColumn,
        ModelColumn,
        ColumnCount
    };
    enum Role {
        /// The raw value behind a cell, for sorting.
        SortRole = Qt::UserRole + 1,
        /// The agent id, in every column.
        AgentIdRole,
        /// The AgentActions the agent accepts now, as an int, in every column.
        ActionsRole,
        /// Changes only when what filters can match changes (state, spec), never with the clock.
        FilterRole,
        /// The durations of the agent's latest runs in ms, oldest first, as a QList<qint64>.
        DurationsRole,
    };
    /// How many recent durations an agent keeps for its sparkline.
    static constexpr int SparklinePoints = 20;

    explicit AgentTableModel(QObject *parent = nullptr);

    /// Replaces the wall clock the countdowns and "today" are measured on (for tests).
    void setClock(std::function<qint64()> nowMs);
    /// The clock's current time, in ms since the epoch.
    qint64 nowMs() const { return m_now(); }

    /// Starts over with these agents, specs included (the first load).
    void resetAgents(const QList<AgentStatus> &statuses, const QList<AgentSpec> &specs);
    /// Adds agents not seen before and refreshes the others, one signal per kind of change;
    /// emits specsNeeded() for those whose spec the table lacks, once per agent and revision.
    /// Statuses apply in order, so an agent named more than once ends with its last.
    void applyStatuses(const QList<AgentStatus> &statuses);
    /// Applies several lists of statuses in order as applyStatuses() applies one, with the
    /// signals of one, without joining them into one list first.
    void applyStatusBatches(const QList<QList<AgentStatus>> &batches);
    /// Takes schedule, provider and model from specs of agents in the table.
    void applySpecs(const QList<AgentSpec> &specs);
    /// Drops the rows of these agents; unknown ids are ignored.
    void removeAgents(const QStringList &agentIds);
    /// Counts the finished runs of today that the store's count did not include, and adds
    /// their durations to the agents' recent durations.
    void applyFinishedRuns(const QList<RunRecord> &runs);
    /// Sets agents' runs today and recent durations as the store counted them; later runs are
    /// counted on top.
    void setRunsToday(const QList<RunsTodayCount> &counts);
    /// Re-reads the clock now: countdowns move, and counts for "today" start over at midnight.
    void refreshTime();

    /// The row of an agent, or -1.
    int rowOf(const QString &agentId) const { return m_rowById.value(agentId, -1); }
    /// The agent in a row; row must be valid.
    const AgentRow &agentAt(int row) const { return m_rows.at(row); }
    /// Every agent's id, in row order.
    QStringList agentIds() const;
    /// Counts over the whole fleet.
    FleetTotals totals() const;
    /// Tokens an agent used today, by the clock's date.
    qint64 tokensToday(const AgentRow &row) const;
    /// Whether leftRow comes before rightRow by column's SortRole values, compared as a
    /// QSortFilterProxyModel compares them (text with caseSensitivity), without a QVariant.
    bool lessThan(int leftRow, int rightRow, int column, Qt::CaseSensitivity caseSensitivity) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The colour that marks a state, in the table and on the cards.
    static QColor stateColor(AgentState state);
    /// A state as people read it, translated.
    static QString stateText(AgentState state);
    /// Time until a due instant as a countdown ("in 4 min 10 s").
    static QString countdownText(qint64 untilMs);
    /// A duration in the largest fitting units ("350 ms", "2.5 s", "3 min 5 s").
    static QString durationText(qint64 ms);

Q_SIGNALS:
    /// These agents' specs are unknown or older than their status says; applySpecs() them.
    void specsNeeded(const QStringList &agentIds);
    /// Some count of totals() may have changed.
    void totalsChanged();

private:
    void emitRowsChanged(const QList<int> &rows, int firstColumn, int lastColumn);
    void scheduleTick();
    void rebuildIndex();
    QVariant display(const AgentRow &row, int column) const;
    QVariant sortValue(const AgentRow &row, int column) const;
    qint64 numericSortValue(const AgentRow &row, int column) const;
    static QString modelSortText(const AgentRow &row);
    static void takeSpec(AgentRow &row, const AgentSpec &spec);

    QList<AgentRow> m_rows;
    QHash<QString, int> m_rowById;
    std::function<qint64()> m_now;
    QDate m_today;
    QString m_todayText; ///< m_today as ISO text, to compare with AgentStatus::tokensDay.
    QTimer m_tick;
};

} // namespace nightshift
