#pragma once

#include "agentactions.h"

#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

#include <optional>

class QFontMetrics;

namespace nightshift {

/// Paints a row's start, pause, resume and stop buttons in one cell, enabled as the agent's
/// ActionsRole says, and turns a click on one into actionTriggered(): one delegate for every
/// row instead of a widget per row, so ten thousand rows cost nothing until painted.
class AgentActionsDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// The buttons, in the order they are painted.
    static QList<AgentAction> buttons();
    /// A button's label, translated.
    static QString buttonText(AgentAction action);
    /// Where a button sits in a cell, for a view's font.
    static QRect buttonRect(const QRect &cell, const QFontMetrics &metrics, AgentAction action);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event,
                     QAbstractItemModel *model,
                     const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event,
                   QAbstractItemView *view,
                   const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

Q_SIGNALS:
    /// A button was clicked in the row of agentId; it was enabled when clicked.
    void actionTriggered(nightshift::AgentAction action, const QString &agentId);

private:
    static std::optional<AgentAction> buttonAt(const QStyleOptionViewItem &option,
                                               const QPoint &pos);

    QPersistentModelIndex m_pressedIndex;
    std::optional<AgentAction> m_pressedButton;
};

} // namespace nightshift
