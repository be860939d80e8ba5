#pragma once

#include "event.h"
#include "eventlogmodel.h"
#include "result.h"

#include <QDockWidget>
#include <QList>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <chrono>

class QCheckBox;
class QElapsedTimer;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace nightshift {

class EventLogEncoder;
class EventLogFilter;
class SearchHighlightDelegate;

/// The live event log: every agent's events as they happen, filtered by agent, type and level,
/// searchable, following the newest row until the user scrolls up.
///
/// Wiring: connect EngineHost::eventsAppended to appendEvents(), and the fleet table's selection
/// to setAgentFilter().
///
/// However fast events come, the table takes them in rounds at most once per AppendInterval:
/// the oldest rows a round needs room for go in one removal (which costs a view time in
/// proportion to all its rows), then the new rows follow in parts of a few milliseconds each.
class EventLogDock final : public QDockWidget
{
    Q_OBJECT
public:
    /// The shortest time from one round of appends to the next.
    static constexpr std::chrono::milliseconds AppendInterval{250};

    /// A dock whose log keeps the newest capacity events.
    explicit EventLogDock(QWidget *parent = nullptr, int capacity = EventLogModel::DefaultCapacity);
    ~EventLogDock() override;

    /// All events the log holds.
    EventLogModel *model() const { return m_model; }
    /// The events as the user filters them, as the table shows them.
    EventLogFilter *filter() const { return m_filter; }
    /// The table.
    QTableView *view() const { return m_view; }

    /// Whether the table keeps the newest row in view.
    bool isFollowing() const { return m_following; }
    /// Keeps the newest row in view, or stops doing so.
    void setFollowing(bool follow);
    /// Searches for text, marking it in the table.
    void setSearchText(const QString &text);
    /// Makes the next row that matches the search current; false if none does.
    bool findNext();
    /// Makes the previous row that matches the search current; false if none does.
    bool findPrevious();
    /// Puts the selected rows on the clipboard: tab-separated text, and as JSON lines under
    /// the application/x-ndjson type; or, asJsonLines, JSON lines as the text.
    void copySelectedRows(bool asJsonLines = false) const;
    /// Writes the rows the table shows, as JSON lines, to a file; says how many.
    Result<qint64> exportTo(const QString &path) const;

public Q_SLOTS:
    /// Takes a batch of new events (from EngineHost::eventsAppended). They are encoded on a
    /// thread of the dock's own and reach the table shortly after, in order.
    void appendEvents(const nightshift::EventList &events);
    /// The agents selected in the fleet table; the log shows only theirs while "Selected agents
    /// only" is on (and every agent's when none is selected).
    void setAgentFilter(const QStringList &agentIds);

private:
    /// An encoded batch waiting to be shown, and how much of it has been.
    struct PendingBatch
    {
        EventLogModel::Batch batch;
        qsizetype next = 0;
    };

    void queueBatch(const nightshift::EventLogModel::Batch &batch);
    void startRound();
    void appendSlices(const QElapsedTimer &turn);
    void applyAgentFilter();
    void fillTypesMenu();
    void applyTypes();
    bool find(bool forward);
    void exportWithDialog();
    void onScrolled(int value);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved();
    void showRows();
    void updateCount();

    EventLogModel *m_model;
    QList<PendingBatch> m_pending;
    qsizetype m_pendingRows = 0;
    qsizetype m_roundRows = 0; ///< Rows the current round has made room for and not yet added.
    QTimer m_roundPause;       ///< Runs for AppendInterval after a round starts.
    EventLogFilter *m_filter;
    QThread m_encoderThread;
    EventLogEncoder *m_encoder;
    QTableView *m_view;
    SearchHighlightDelegate *m_delegate;
    QCheckBox *m_selectedOnly;
    QToolButton *m_typesButton;
    QToolButton *m_followButton;
    QLineEdit *m_searchEdit;
    QCheckBox *m_onlyMatching;
    QLabel *m_countLabel;
    QLabel *m_searchLabel;
    QStringList m_selectedAgents;
    bool m_following = true;
    /// Rows dropped above a paused view, to scroll back by once they are gone.
    int m_droppedAbove = 0;
};

} // namespace nightshift
