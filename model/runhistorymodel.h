#pragma once

#include "run.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace nightshift {

/// One agent's run history, newest first: every run with its origin, times, how late it started,
/// outcome, tokens and error, and the occurrences that were skipped or missed with the reason.
class RunHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartedColumn,
        OriginColumn,
        DurationColumn,
        OutcomeColumn,
        LateColumn,
        TokensColumn,
        ErrorColumn,
        ColumnCount
    };
    /// The raw value behind a cell, for sorting.
    static constexpr int SortRole = Qt::UserRole + 1;
    /// The run id of a row, in every column.
    static constexpr int RunIdRole = Qt::UserRole + 2;
    /// The most runs kept; live ones push the oldest out.
    static constexpr int RowLimit = 1000;

    using QAbstractTableModel::QAbstractTableModel;

    /// The agent whose runs applyFinishedRuns() takes; setting it empties the model.
    void setAgentId(const QString &agentId);
    /// The agent shown; empty when none is.
    QString agentId() const { return m_agentId; }
    /// Shows the loaded history of the agent (any order; runs of other agents are dropped).
    void setRuns(const QList<RunRecord> &runs);
    /// Takes a batch of finished runs: the shown agent's are added, or replace the row with
    /// their run id.
    void applyFinishedRuns(const QList<RunRecord> &runs);

    /// The run on a row, or nullptr.
    const RunRecord *runAt(int row) const;
    /// The row of a run id, or -1.
    int rowOf(const QString &runId) const { return m_rowById.value(runId, -1); }

    /// A run origin for people.
    static QString originText(RunOrigin origin);
    /// A run state for people.
    static QString stateText(RunState state);
    /// Why an occurrence did not run, for people.
    static QString skipReasonText(const QString &reason);
    /// A duration for people: "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min".
    static QString durationText(qint64 ms);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void insertRun(const RunRecord &run);
    void dropBeyondLimit();
    void reindexFrom(int row);

    QString m_agentId;
    QList<RunRecord> m_rows;
    QHash<QString, int> m_rowById;
};

} // namespace nightshift
