#include "agenttablemodel.h"

#include <QDateTime>

#include <algorithm>

namespace nightshift {

void AgentTableModel::applyStatuses(const QList<AgentStatus> &statuses)
{
    QList<AgentStatus> added;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const AgentStatus &status : statuses) {
        const auto it = m_rowById.constFind(status.agentId);
        if (it == m_rowById.constEnd()) {
            added.append(status);
            continue;
        }
        m_rows[*it] = status;
        firstChanged = firstChanged < 0 ? *it : std::min(firstChanged, *it);
        lastChanged = std::max(lastChanged, *it);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (added.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (const AgentStatus &status : added) {
        m_rowById.insert(status.agentId, int(m_rows.size()));
        m_rows.append(status);
    }
    endInsertRows();
}

int AgentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AgentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.row() >= m_rows.size())
        return {};
    const AgentStatus &status = m_rows.at(index.row());
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case AgentIdColumn:
        return status.agentId;
    case StateColumn:
        return stateName(status.state);
    case RunsColumn:
        return status.runCount;
    case ErrorsColumn:
        return status.errorCount;
    case NextRunColumn:
        if (role == SortRole)
            return status.nextRunMs;
        return status.nextRunMs > 0 ? QDateTime::fromMSecsSinceEpoch(status.nextRunMs)
                                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    : QString();
    case LastOutcomeColumn:
        return status.lastOutcome;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AgentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case AgentIdColumn:
        return tr("Agent");
    case StateColumn:
        return tr("State");
    case RunsColumn:
        return tr("Runs");
    case ErrorsColumn:
        return tr("Errors");
    case NextRunColumn:
        return tr("Next run");
    case LastOutcomeColumn:
        return tr("Last outcome");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace nightshift
