#pragma once

#include "eventlogmodel.h"
#include "result.h"

#include <QAbstractProxyModel>
#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <array>
#include <deque>
#include <memory>
#include <vector>

class QIODevice;

namespace nightshift {

/// The event log as the user filters it: by agents, types, levels and search text.
///
/// Not a QSortFilterProxyModel: that one remaps all of its rows whenever the source drops or
/// adds rows, which a million-row log does ten times a second. This proxy knows that the log
/// only drops its oldest rows and appends new ones, and pays only for the rows that change.
class EventLogFilter final : public QAbstractProxyModel
{
    Q_OBJECT
public:
    /// A filter showing every row of source.
    explicit EventLogFilter(EventLogModel *source = nullptr, QObject *parent = nullptr);
    ~EventLogFilter() override;

    /// Takes an EventLogModel; any other model leaves the filter empty.
    void setSourceModel(QAbstractItemModel *source) override;
    /// The log being filtered.
    EventLogModel *logModel() const { return m_log; }

    /// Shows only the events of these agents; an empty list shows every agent.
    void setAgents(const QStringList &agentIds);
    /// The agents shown; empty for all.
    QStringList agents() const { return m_agentIds; }
    /// Shows only events of these types; an empty list shows every type.
    void setTypes(const QStringList &types);
    /// The types shown; empty for all.
    QStringList types() const { return m_typeNames; }
    /// Shows or hides the events of one level.
    void setLevelShown(EventLevel level, bool shown);
    /// Whether events of level are shown.
    bool isLevelShown(EventLevel level) const { return m_levelShown[size_t(level)]; }
    /// The text searched for, case-insensitively, in an event's agent, type, run and payload.
    void setSearchText(const QString &text);
    /// The text searched for.
    QString searchText() const { return m_searchText; }
    /// Hides the rows that do not match the search text.
    void setSearchFilters(bool filters);
    /// Whether rows that do not match the search text are hidden.
    bool searchFilters() const { return m_searchFilters; }

    /// Whether a row of this filter matches the search text (false while there is none).
    bool rowMatchesSearch(int row) const;
    /// The next row after from (or before it, backwards) that matches the search text, going
    /// round the end; from itself comes last. -1 if none does. from may be -1.
    int findMatch(int from, bool forward) const;
    /// The given rows of this filter as JSON lines, each ending in a newline.
    QByteArray jsonLines(const QList<int> &rows) const;
    /// The given rows' cells as tab-separated text, a line per row.
    QString tabSeparated(const QList<int> &rows) const;
    /// Writes every row this filter shows as JSON lines; says how many it wrote.
    Result<qint64> writeJsonLines(QIODevice &device) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    class Search;

    int sourceRow(int row) const { return int(m_rows[size_t(row)] - m_dropped); }
    qsizetype shown() const { return qsizetype(m_rows.size()); }
    bool accepts(int sourceRow) const;
    bool matches(int sourceRow) const;
    void refilter();
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft,
                       const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void onHeaderDataChanged(Qt::Orientation orientation, int first, int last);
    void onAboutToReset();
    void onReset();
    int lowerBound(qint64 absoluteRow) const;

    QPointer<EventLogModel> m_log;
    QList<QMetaObject::Connection> m_connections;
    /// The shown rows as absolute source rows (source row plus m_dropped), ascending. A deque:
    /// the log drops rows at the front as it appends at the back, which a QList answers by
    /// moving or reallocating all of its million rows.
    std::deque<qint64> m_rows;
    /// Source rows dropped from the front since the last reset.
    qint64 m_dropped = 0;
    /// The shown rows a source removal takes away, between its two signals.
    int m_removingFrom = 0;
    int m_removingTo = 0;

    QStringList m_agentIds;
    QSet<QString> m_agents;
    QStringList m_typeNames;
    QSet<QString> m_types;
    std::array<bool, 3> m_levelShown{true, true, true};
    QString m_searchText;
    bool m_searchFilters = false;
    std::unique_ptr<Search> m_search;

    // Per agent and type key: -1 not yet known, 0 no, 1 yes; keys are stable in the log.
    mutable std::vector<qint8> m_agentAccepted;
    mutable std::vector<qint8> m_typeAccepted;
    mutable std::vector<qint8> m_agentMatches;
    mutable std::vector<qint8> m_typeMatches;
};

} // namespace nightshift
