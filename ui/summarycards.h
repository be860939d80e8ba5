#pragma once

#include "agentfilterproxy.h"

#include <QHash>
#include <QWidget>

class QAbstractButton;

namespace nightshift {

struct FleetTotals;

/// The row of cards above the fleet table: running, scheduled, paused, errored, runs today and
/// tokens today. Each card is a button that asks to filter the table by what it counts.
class SummaryCards final : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryCards(QWidget *parent = nullptr);

    /// Shows the fleet's totals on the cards.
    void showTotals(const FleetTotals &totals);
    /// Marks the card of the table's filter; no card is marked for a filter without one.
    void setActiveFilter(AgentFilterProxy::StatusFilter filter);
    /// The card that filters by filter, or nullptr.
    QAbstractButton *card(AgentFilterProxy::StatusFilter filter) const;
    /// The number a card shows now, as text.
    QString valueText(AgentFilterProxy::StatusFilter filter) const;

Q_SIGNALS:
    /// A card was clicked: the table should show what it counts.
    void filterClicked(nightshift::AgentFilterProxy::StatusFilter filter);

private:
    QHash<int, QAbstractButton *> m_cards;
};

} // namespace nightshift
