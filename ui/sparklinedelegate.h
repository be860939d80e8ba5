#pragma once

#include <QStyledItemDelegate>

namespace nightshift {

/// Draws a cell's list of numbers (a QList<qint64> under a role) as a small line chart, for
/// the recent run durations in the fleet table.
class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    /// valuesRole is the role under which the model gives the numbers, oldest first.
    explicit SparklineDelegate(int valuesRole, QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_valuesRole;
};

} // namespace nightshift
