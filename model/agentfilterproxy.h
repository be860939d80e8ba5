#pragma once

#include "agentstatus.h"

#include <QList>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <array>

namespace nightshift {

class AgentTableModel;
struct AgentRow;

/// The fleet table as the user narrowed it: one status filter (the sidebar, the cards) and a
/// search (`status:paused provider:openai model:gpt nightly`), with per-filter counts of the
/// agents the search matches.
class AgentFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    /// Which agents the table shows, besides what the search says.
    enum class StatusFilter {
        All,
        Running,
        Scheduled,
        Paused,
        Stopped,
        Errored,
        RanToday,        ///< Finished a run today.
        UsedTokensToday, ///< Spent tokens today.
    };
    static constexpr int StatusFilterCount = 8;

    explicit AgentFilterProxy(AgentTableModel *source, QObject *parent = nullptr);

    /// Shows only the agents a status filter takes.
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_filter; }
    /// Shows only the agents the search matches: words separated by spaces, all of which must
    /// match; `status:`, `provider:` and `model:` look at that field only (comma-separated
    /// values: any of them), other words look at the id, provider and model.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }

    /// How many agents a status filter would show with the current search.
    int count(StatusFilter filter) const;
    /// The filter's name as the sidebar shows it, translated.
    static QString filterText(StatusFilter filter);

Q_SIGNALS:
    /// Some count() changed; one signal for however many changes an event-loop pass brought.
    void countsChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    enum class Field { Any, Status, Provider, Model };
    struct Term
    {
        Field field = Field::Any;
        QStringList values; ///< Any one of them matches.
    };

    bool matchesSearch(const AgentRow &row) const;
    bool matchesFilter(const AgentRow &row, StatusFilter filter) const;
    void markCountsStale();
    void recount() const;

    AgentTableModel *m_source;
    StatusFilter m_filter = StatusFilter::All;
    QString m_searchText;
    QList<Term> m_terms;
    mutable std::array<int, StatusFilterCount> m_counts{};
    mutable bool m_countsStale = true;
    bool m_countsSignalPending = false;
};

} // namespace nightshift
