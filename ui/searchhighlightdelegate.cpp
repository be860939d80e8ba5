#include "searchhighlightdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace nightshift {

void SearchHighlightDelegate::paint(QPainter *painter,
                                    const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (m_text.isEmpty() || !opt.text.contains(m_text, Qt::CaseInsensitive)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // The style's own text margins, so marked and unmarked cells line up.
    QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    textRect.adjust(margin, 0, -margin, 0);
    // Matches are looked for in the text as shown, so one cut by the ellipsis is not marked.
    const QString shown = opt.fontMetrics.elidedText(text, opt.textElideMode, textRect.width());

    QList<QTextLayout::FormatRange> marks;
    for (qsizetype at = shown.indexOf(m_text, 0, Qt::CaseInsensitive); at >= 0;
         at = shown.indexOf(m_text, at + m_text.size(), Qt::CaseInsensitive)) {
        QTextLayout::FormatRange mark;
        mark.start = int(at);
        mark.length = int(m_text.size());
        mark.format.setBackground(QColor(0xff, 0xd5, 0x4f));
        mark.format.setForeground(QColor(Qt::black));
        marks.append(mark);
    }
    QTextLayout layout(shown, opt.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.setFormats(marks);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(textRect.width());
    layout.endLayout();

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
        = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    painter->save();
    painter->setClipRect(textRect);
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const qreal top = textRect.top() + (textRect.height() - line.height()) / 2;
    layout.draw(painter, QPointF(textRect.left(), top));
    painter->restore();
}

} // namespace nightshift
