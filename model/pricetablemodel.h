#pragma once

#include "pricetable.h"
#include "result.h"

#include <QAbstractTableModel>
#include <QList>

namespace nightshift {

/// The rows of Settings → Prices: one editable row per provider and model, in the table's
/// order. Rows may be incomplete while being edited; validate() says what is wrong.
class PriceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ProviderColumn, ModelColumn, InputColumn, OutputColumn, ColumnCount };
    /// The raw value of a cell (a price as a double), for sorting.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit PriceTableModel(QObject *parent = nullptr);

    /// Shows prices' entries, replacing every row.
    void setPrices(const PriceTable &prices);
    /// The rows as a table, as validate() would accept them; the as-of date stays the one last
    /// set.
    PriceTable prices() const;
    /// Why the rows cannot be saved (a row without a name, a provider and model listed twice),
    /// naming the row; empty when they can.
    QString validate() const;

    /// Appends a row for provider with no model yet, at $0; its index in the model column.
    QModelIndex appendRow(const QString &provider);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    QList<ModelPrice> m_rows;
    QString m_asOf;
};

} // namespace nightshift
