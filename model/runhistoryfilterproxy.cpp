#include "runhistoryfilterproxy.h"

#include "runhistorymodel.h"
#include "runtiming.h"

namespace nightshift {

RunHistoryFilterProxy::RunHistoryFilterProxy(RunHistoryModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(RunHistoryModel::SortRole);
    // A run that ends failed replaces its row; the filter takes it in as it changes.
    setDynamicSortFilter(true);
}

void RunHistoryFilterProxy::setNotAsScheduledOnly(bool only)
{
    if (only == m_notAsScheduledOnly)
        return;
    m_notAsScheduledOnly = only;
    invalidateRowsFilter();
}

bool RunHistoryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (!m_notAsScheduledOnly)
        return true;
    const RunRecord *run = m_source->runAt(sourceRow);
    return run && wentNotAsScheduled(*run);
}

} // namespace nightshift
