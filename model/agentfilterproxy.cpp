#include "agentfilterproxy.h"

#include "agenttablemodel.h"

#include <QMetaObject>

#include <algorithm>

namespace nightshift {

namespace {

bool containsAny(const QString &text, const QStringList &values)
{
    return std::any_of(values.cbegin(), values.cend(), [&](const QString &value) {
        return text.contains(value, Qt::CaseInsensitive);
    });
}

} // namespace

AgentFilterProxy::AgentFilterProxy(AgentTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(AgentTableModel::SortRole);
    // The countdown's once-a-second updates carry only the display role; with filter and sort
    // on other roles they neither re-filter nor re-sort thousands of rows.
    setFilterRole(AgentTableModel::FilterRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);

    connect(source,
            &QAbstractItemModel::dataChanged,
            this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(AgentTableModel::FilterRole)
                    || roles.contains(AgentTableModel::SortRole))
                    markCountsStale();
            });
    connect(source, &QAbstractItemModel::rowsInserted, this, &AgentFilterProxy::markCountsStale);
    connect(source, &QAbstractItemModel::rowsRemoved, this, &AgentFilterProxy::markCountsStale);
    connect(source, &QAbstractItemModel::modelReset, this, &AgentFilterProxy::markCountsStale);
    connect(source, &AgentTableModel::totalsChanged, this, [this] {
        markCountsStale();
        // Runs today change no cell, so the filter on them is re-run by hand.
        if (m_filter == StatusFilter::RanToday)
            invalidateRowsFilter();
    });
}

void AgentFilterProxy::setStatusFilter(StatusFilter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateRowsFilter();
}

void AgentFilterProxy::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_terms.clear();
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        Term term;
        const qsizetype colon = word.indexOf(u':');
        const QString key = colon > 0 ? word.left(colon).toLower() : QString();
        if (key == u"status")
            term.field = Field::Status;
        else if (key == u"provider")
            term.field = Field::Provider;
        else if (key == u"model")
            term.field = Field::Model;
        if (term.field == Field::Any) {
            term.values = {word};
        } else {
            term.values = word.mid(colon + 1).toLower().split(u',', Qt::SkipEmptyParts);
            // A prefix with nothing after it yet is still being typed.
            if (term.values.isEmpty())
                continue;
        }
        if (term.field == Field::Status) {
            for (QString &value : term.values) {
                if (value == u"errored")
                    value = stateName(AgentState::Error);
            }
        }
        m_terms.append(term);
    }
    invalidateRowsFilter();
    markCountsStale();
}

int AgentFilterProxy::count(StatusFilter filter) const
{
    if (m_countsStale)
        recount();
    return m_counts.at(std::size_t(filter));
}

QString AgentFilterProxy::filterText(StatusFilter filter)
{
    switch (filter) {
    case StatusFilter::All:
        return tr("All");
    case StatusFilter::Running:
        return tr("Running");
    case StatusFilter::Scheduled:
        return tr("Scheduled");
    case StatusFilter::Paused:
        return tr("Paused");
    case StatusFilter::Stopped:
        return tr("Stopped");
    case StatusFilter::Errored:
        return tr("Errored");
    case StatusFilter::RanToday:
        return tr("Ran today");
    case StatusFilter::UsedTokensToday:
        return tr("Used tokens today");
    }
    return {};
}

bool AgentFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const AgentRow &row = m_source->agentAt(sourceRow);
    return matchesFilter(row, m_filter) && matchesSearch(row);
}

bool AgentFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // A batch of statuses checks the order of thousands of rows; the model compares its raw
    // values without the two QVariants per comparison that SortRole would cost. The order is
    // SortRole's, compared as the base class compares it.
    if (sortRole() != AgentTableModel::SortRole || isSortLocaleAware())
        return QSortFilterProxyModel::lessThan(left, right);
    return m_source->lessThan(left.row(), right.row(), left.column(), sortCaseSensitivity());
}

bool AgentFilterProxy::matchesSearch(const AgentRow &row) const
{
    for (const Term &term : m_terms) {
        switch (term.field) {
        case Field::Any:
            if (!containsAny(row.status.agentId, term.values)
                && !containsAny(row.provider, term.values) && !containsAny(row.model, term.values)
                && !containsAny(row.scheduleText, term.values))
                return false;
            break;
        case Field::Status: {
            const QString state = stateName(row.status.state);
            if (std::none_of(term.values.cbegin(), term.values.cend(), [&](const QString &value) {
                    return state.startsWith(value);
                }))
                return false;
            break;
        }
        case Field::Provider:
            if (!containsAny(row.provider, term.values))
                return false;
            break;
        case Field::Model:
            if (!containsAny(row.model, term.values))
                return false;
            break;
        }
    }
    return true;
}

bool AgentFilterProxy::matchesFilter(const AgentRow &row, StatusFilter filter) const
{
    switch (filter) {
    case StatusFilter::All:
        return true;
    case StatusFilter::Running:
        return row.status.state == AgentState::Running;
    case StatusFilter::Scheduled:
        return row.status.state == AgentState::Scheduled;
    case StatusFilter::Paused:
        return row.status.state == AgentState::Paused;
    case StatusFilter::Stopped:
        return row.status.state == AgentState::Stopped;
    case StatusFilter::Errored:
        return row.status.state == AgentState::Error;
    case StatusFilter::RanToday:
        return row.runsToday > 0;
    case StatusFilter::UsedTokensToday:
        return m_source->tokensToday(row) > 0;
    }
    return false;
}

void AgentFilterProxy::markCountsStale()
{
    m_countsStale = true;
    if (m_countsSignalPending)
        return;
    m_countsSignalPending = true;
    // Queued to itself: a batch of changes is counted once, when someone asks after it.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_countsSignalPending = false;
            Q_EMIT countsChanged();
        },
        Qt::QueuedConnection);
}

void AgentFilterProxy::recount() const
{
    m_counts.fill(0);
    for (int i = 0; i < m_source->rowCount(); ++i) {
        const AgentRow &row = m_source->agentAt(i);
        if (!matchesSearch(row))
            continue;
        for (int filter = 0; filter < StatusFilterCount; ++filter) {
            if (matchesFilter(row, StatusFilter(filter)))
                ++m_counts.at(std::size_t(filter));
        }
    }
    m_countsStale = false;
}

} // namespace nightshift
