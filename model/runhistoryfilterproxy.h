#pragma once

#include <QSortFilterProxyModel>

namespace nightshift {

class RunHistoryModel;

/// An agent's run history as the user narrowed it: every occurrence, or only those that did not
/// go as scheduled (wentNotAsScheduled()); sorted by the model's raw values.
class RunHistoryFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunHistoryFilterProxy(RunHistoryModel *source, QObject *parent = nullptr);

    /// Shows only the occurrences that did not go as scheduled, or all of them.
    void setNotAsScheduledOnly(bool only);
    /// Whether only the occurrences that did not go as scheduled are shown.
    bool notAsScheduledOnly() const { return m_notAsScheduledOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RunHistoryModel *m_source;
    bool m_notAsScheduledOnly = false;
};

} // namespace nightshift
