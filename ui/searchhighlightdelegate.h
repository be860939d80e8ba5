#pragma once

#include <QStyledItemDelegate>

namespace nightshift {

/// Paints cells as usual, with every case-insensitive occurrence of the search text marked.
class SearchHighlightDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// The text to mark; empty marks nothing.
    void setSearchText(const QString &text) { m_text = text; }
    /// The text marked.
    QString searchText() const { return m_text; }

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QString m_text;
};

} // namespace nightshift
