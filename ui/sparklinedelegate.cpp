#include "sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace nightshift {

namespace {

constexpr int Margin = 3;
constexpr qreal DotRadius = 1.5;

} // namespace

SparklineDelegate::SparklineDelegate(int valuesRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_valuesRole(valuesRole)
{}

void SparklineDelegate::paint(QPainter *painter,
                              const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    // The style draws the cell's background and selection; the line goes on top.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const QList<qint64> values = index.data(m_valuesRole).value<QList<qint64>>();
    const QRectF area = QRectF(option.rect).adjusted(Margin, Margin, -Margin, -Margin);
    if (values.isEmpty() || area.width() <= 0 || area.height() <= 0)
        return;
    const qint64 top = std::max<qint64>(1, *std::max_element(values.cbegin(), values.cend()));
    const qreal step = values.size() > 1 ? area.width() / qreal(values.size() - 1) : 0;
    const auto pointAt = [&](qsizetype n) {
        const qreal x = values.size() > 1 ? area.left() + step * qreal(n) : area.center().x();
        return QPointF(x, area.bottom() - area.height() * qreal(values.at(n)) / qreal(top));
    };
    QPainterPath line(pointAt(0));
    for (qsizetype n = 1; n < values.size(); ++n)
        line.lineTo(pointAt(n));

    const bool selected = option.state & QStyle::State_Selected;
    const QColor color
        = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(line);
    // The latest run stands out: that is the one people look for.
    painter->setBrush(color);
    painter->drawEllipse(pointAt(values.size() - 1), DotRadius, DotRadius);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(text.width(), 90), text.height()};
}

} // namespace nightshift
