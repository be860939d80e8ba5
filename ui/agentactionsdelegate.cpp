#include "agentactionsdelegate.h"

#include "agenttablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionButton>
#include <QToolTip>

#include <algorithm>

namespace nightshift {

namespace {

constexpr int Margin = 4;
constexpr int Spacing = 4;
constexpr int TextPadding = 16;

int buttonWidth(const QFontMetrics &metrics)
{
    int widest = 0;
    for (AgentAction action : AgentActionsDelegate::buttons())
        widest
            = std::max(widest, metrics.horizontalAdvance(AgentActionsDelegate::buttonText(action)));
    return widest + TextPadding;
}

AgentActions actionsOf(const QModelIndex &index)
{
    return AgentActions(index.data(AgentTableModel::ActionsRole).toInt());
}

QString buttonToolTip(AgentAction action)
{
    switch (action) {
    case AgentAction::Start:
        return AgentActionsDelegate::tr("Start the agent's schedule");
    case AgentAction::Pause:
        return AgentActionsDelegate::tr("Hold the schedule; a running run finishes");
    case AgentAction::Resume:
        return AgentActionsDelegate::tr("Continue the schedule on its original phase");
    case AgentAction::Stop:
        return AgentActionsDelegate::tr("Take the agent off its schedule and cancel its run");
    default:
        return {};
    }
}

} // namespace

QList<AgentAction> AgentActionsDelegate::buttons()
{
    return {AgentAction::Start, AgentAction::Pause, AgentAction::Resume, AgentAction::Stop};
}

QString AgentActionsDelegate::buttonText(AgentAction action)
{
    switch (action) {
    case AgentAction::Start:
        return tr("Start");
    case AgentAction::Pause:
        return tr("Pause");
    case AgentAction::Resume:
        return tr("Resume");
    case AgentAction::Stop:
        return tr("Stop");
    case AgentAction::RunNow:
        return tr("Run now");
    case AgentAction::Delete:
        return tr("Delete");
    }
    return {};
}

QRect AgentActionsDelegate::buttonRect(const QRect &cell,
                                       const QFontMetrics &metrics,
                                       AgentAction action)
{
    const int slot = int(buttons().indexOf(action));
    if (slot < 0)
        return {};
    const int width = buttonWidth(metrics);
    const int height = std::min(cell.height() - 2, metrics.height() + 8);
    const int left = cell.left() + Margin + slot * (width + Spacing);
    return QRect(left, cell.top() + (cell.height() - height) / 2, width, height);
}

void AgentActionsDelegate::paint(QPainter *painter,
                                 const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    // The cell's own background and selection first; the cell has no text of its own.
    QStyledItemDelegate::paint(painter, option, index);
    const AgentActions available = actionsOf(index);
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    for (AgentAction action : buttons()) {
        QStyleOptionButton button;
        button.initFrom(option.widget);
        button.rect = buttonRect(option.rect, option.fontMetrics, action);
        button.text = buttonText(action);
        button.fontMetrics = option.fontMetrics;
        button.state = QStyle::State_Raised;
        if (available.testFlag(action))
            button.state |= QStyle::State_Enabled;
        else
            button.palette.setCurrentColorGroup(QPalette::Disabled);
        if (m_pressedButton == action && m_pressedIndex == index)
            button.state |= QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &button, painter, option.widget);
    }
}

QSize AgentActionsDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    const int count = int(buttons().size());
    const int width = 2 * Margin + count * buttonWidth(option.fontMetrics) + (count - 1) * Spacing;
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {width, std::max(base.height(), option.fontMetrics.height() + 10)};
}

bool AgentActionsDelegate::editorEvent(QEvent *event,
                                       QAbstractItemModel *model,
                                       const QStyleOptionViewItem &option,
                                       const QModelIndex &index)
{
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease
        && type != QEvent::MouseButtonDblClick)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    const std::optional<AgentAction> hit = buttonAt(option, mouse->position().toPoint());
    const bool enabled = hit && actionsOf(index).testFlag(*hit);
    if (type == QEvent::MouseButtonPress) {
        m_pressedIndex = enabled ? QPersistentModelIndex(index) : QPersistentModelIndex();
        m_pressedButton = enabled ? hit : std::nullopt;
        return hit.has_value();
    }
    if (type == QEvent::MouseButtonDblClick)
        return hit.has_value();
    // A release counts where the press was on the same button, or where the view kept the
    // press to itself (it selects the row first).
    const bool samePress = !m_pressedButton || (m_pressedButton == hit && m_pressedIndex == index);
    m_pressedIndex = QPersistentModelIndex();
    m_pressedButton.reset();
    if (!enabled || !samePress)
        return hit.has_value();
    Q_EMIT actionTriggered(*hit, index.data(AgentTableModel::AgentIdRole).toString());
    return true;
}

bool AgentActionsDelegate::helpEvent(QHelpEvent *event,
                                     QAbstractItemView *view,
                                     const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip) {
        if (const std::optional<AgentAction> hit = buttonAt(option, event->pos())) {
            QToolTip::showText(event->globalPos(), buttonToolTip(*hit), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

std::optional<AgentAction> AgentActionsDelegate::buttonAt(const QStyleOptionViewItem &option,
                                                          const QPoint &pos)
{
    for (AgentAction action : buttons()) {
        if (buttonRect(option.rect, option.fontMetrics, action).contains(pos))
            return action;
    }
    return std::nullopt;
}

} // namespace nightshift
