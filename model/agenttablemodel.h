#pragma once

#include "agentstatus.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace nightshift {

/// The fleet as a table: one row per agent, fed by batches of status snapshots.
class AgentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        AgentIdColumn,
        StateColumn,
        RunsColumn,
        ErrorsColumn,
        NextRunColumn,
        LastOutcomeColumn,
        ColumnCount
    };
    /// The raw value behind a cell, for sorting.
    static constexpr int SortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    /// Adds agents not seen before and refreshes the others, one signal per kind of change.
    void applyStatuses(const QList<AgentStatus> &statuses);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<AgentStatus> m_rows;
    QHash<QString, int> m_rowById;
};

} // namespace nightshift
