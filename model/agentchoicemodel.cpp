#include "agentchoicemodel.h"

#include <algorithm>

namespace nightshift {

AgentChoiceModel::AgentChoiceModel(const QString &fleetText, QObject *parent)
    : QAbstractListModel(parent)
    , m_fleetText(fleetText)
{}

void AgentChoiceModel::addAgents(const QStringList &agentIds)
{
    QStringList fresh;
    for (const QString &id : agentIds) {
        if (!id.isEmpty() && rowOf(id) < 0)
            fresh.append(id);
    }
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    // Each run of new ids that falls between the same two listed ones goes in at once.
    qsizetype next = 0;
    while (next < fresh.size()) {
        const auto at = std::lower_bound(m_agentIds.cbegin(), m_agentIds.cend(), fresh.at(next))
                        - m_agentIds.cbegin();
        qsizetype end = next + 1;
        while (end < fresh.size() && (at == m_agentIds.size() || fresh.at(end) < m_agentIds.at(at)))
            ++end;
        const int first = int(at) + 1;
        beginInsertRows({}, first, first + int(end - next) - 1);
        m_agentIds.insert(at, end - next, QString());
        std::copy(fresh.cbegin() + next, fresh.cbegin() + end, m_agentIds.begin() + at);
        endInsertRows();
        next = end;
    }
}

int AgentChoiceModel::rowOf(const QString &agentId) const
{
    if (agentId.isEmpty())
        return 0;
    const auto at = std::lower_bound(m_agentIds.cbegin(), m_agentIds.cend(), agentId);
    return at != m_agentIds.cend() && *at == agentId ? int(at - m_agentIds.cbegin()) + 1 : -1;
}

int AgentChoiceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_agentIds.size()) + 1;
}

QVariant AgentChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return row == 0 ? m_fleetText : m_agentIds.at(row - 1);
    case AgentIdRole:
        return row == 0 ? QString() : m_agentIds.at(row - 1);
    default:
        return {};
    }
}

} // namespace nightshift
