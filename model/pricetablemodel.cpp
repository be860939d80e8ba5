#include "pricetablemodel.h"

#include <QLocale>

namespace nightshift {

namespace {

// Prices go down to fractions of a cent per million tokens (gemini-1.5-flash: $0.075).
constexpr int PriceDecimals = 4;

QString priceText(double dollars)
{
    const QLocale locale;
    QString text = locale.toString(dollars, 'f', PriceDecimals);
    const QString point = locale.decimalPoint();
    // Two decimals at least, as money is written; more only where the price has them.
    while (text.endsWith(u'0') && text.indexOf(point) < text.size() - 3)
        text.chop(1);
    return text;
}

} // namespace

PriceTableModel::PriceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PriceTableModel::setPrices(const PriceTable &prices)
{
    beginResetModel();
    m_rows = prices.entries();
    m_asOf = prices.asOf();
    endResetModel();
}

PriceTable PriceTableModel::prices() const
{
    return PriceTable(m_rows, m_asOf);
}

QString PriceTableModel::validate() const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const ModelPrice &price = m_rows.at(row);
        if (price.provider.isEmpty() || price.model.isEmpty())
            return tr("Row %1 needs a provider and a model (* for every model).").arg(row + 1);
        for (qsizetype earlier = 0; earlier < row; ++earlier) {
            if (m_rows.at(earlier).isFor(price.provider, price.model))
                return tr("Rows %1 and %2 both price %3 %4; keep one.")
                    .arg(earlier + 1)
                    .arg(row + 1)
                    .arg(price.provider, price.model);
        }
    }
    return {};
}

QModelIndex PriceTableModel::appendRow(const QString &provider)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({provider, QString(), 0, 0});
    endInsertRows();
    return index(row, ModelColumn);
}

int PriceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PriceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PriceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelPrice &price = m_rows.at(index.row());
    const bool isPrice = index.column() == InputColumn || index.column() == OutputColumn;
    const double dollars
        = index.column() == InputColumn ? price.inputPerMillion : price.outputPerMillion;
    switch (role) {
    case Qt::DisplayRole:
        if (isPrice)
            return priceText(dollars);
        [[fallthrough]];
    case Qt::EditRole:
    case SortRole:
        if (isPrice)
            return dollars;
        return index.column() == ProviderColumn ? price.provider : price.model;
    case Qt::TextAlignmentRole:
        if (isPrice)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

bool PriceTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    ModelPrice &price = m_rows[index.row()];
    switch (index.column()) {
    case ProviderColumn:
    case ModelColumn: {
        const QString text = value.toString().trimmed();
        if (text.isEmpty())
            return false;
        (index.column() == ProviderColumn ? price.provider : price.model) = text;
        break;
    }
    case InputColumn:
    case OutputColumn: {
        bool ok = false;
        const double dollars = value.toDouble(&ok);
        if (!ok || dollars < 0 || !qIsFinite(dollars))
            return false;
        (index.column() == InputColumn ? price.inputPerMillion : price.outputPerMillion) = dollars;
        break;
    }
    default:
        return false;
    }
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags PriceTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QVariant PriceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case ModelColumn:
        return tr("Model");
    case InputColumn:
        return tr("Input $/M");
    case OutputColumn:
        return tr("Output $/M");
    default:
        return {};
    }
}

bool PriceTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    return true;
}

} // namespace nightshift
