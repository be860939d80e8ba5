#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace nightshift {

/// What a chart can be drawn for, as a combo box lists it: the whole fleet first, then every
/// agent seen, sorted by id. Thousands of new agents go in with one insertion per run of rows
/// that land together, not one each, which a combo box would answer with thousands of updates.
class AgentChoiceModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    /// The role holding the agent id of a row (empty for the fleet), as QComboBox::currentData()
    /// reads it.
    static constexpr int AgentIdRole = Qt::UserRole;

    /// A list with only the fleet's row, shown as fleetText.
    explicit AgentChoiceModel(const QString &fleetText, QObject *parent = nullptr);

    /// Adds the agents not listed yet, each in its sorted place; empty ids are skipped.
    void addAgents(const QStringList &agentIds);
    /// The row of an agent, 0 (the fleet) for an empty id, -1 for an agent not listed.
    int rowOf(const QString &agentId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString m_fleetText;
    QStringList m_agentIds; ///< Sorted; row r shows m_agentIds[r - 1].
};

} // namespace nightshift
