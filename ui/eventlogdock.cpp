#include "eventlogdock.h"

#include "eventlogencoder.h"
#include "eventlogfilter.h"
#include "searchhighlightdelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace nightshift {

namespace {

// How long one pass of the event loop appends rows at most, and in parts of how many rows.
constexpr qint64 SliceNs = 4'000'000;
constexpr qsizetype SliceRows = 2'000;

QToolButton *toggleButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setObjectName(name);
    button->setCheckable(true);
    button->setChecked(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

// The types the engine names, so they can be chosen before one has happened.
QStringList knownTypes()
{
    using namespace EventType;
    QStringList types;
    for (const char *type : {TaskStarted,
                             TaskCompleted,
                             TaskError,
                             AgentStatus,
                             RunSkipped,
                             RetryScheduled,
                             LlmRequest,
                             LlmResponse,
                             LlmRetry,
                             RequestQueued,
                             RunQueued,
                             BudgetExceeded,
                             AutoPaused,
                             ClockJumped,
                             PriceUnknown,
                             ToolCallStarted,
                             ToolCallCompleted,
                             ToolCallError,
                             Notification})
        types.append(QString::fromLatin1(type));
    return types;
}

} // namespace

EventLogDock::EventLogDock(QWidget *parent, int capacity)
    : QDockWidget(parent)
    , m_model(new EventLogModel(capacity, this))
    , m_filter(new EventLogFilter(m_model, this))
    , m_encoder(new EventLogEncoder)
    , m_view(new QTableView(this))
    , m_delegate(new SearchHighlightDelegate(this))
    , m_selectedOnly(new QCheckBox(tr("Selected agents only"), this))
    , m_typesButton(new QToolButton(this))
    , m_followButton(toggleButton(tr("Follow"), QStringLiteral("followButton"), this))
    , m_searchEdit(new QLineEdit(this))
    , m_onlyMatching(new QCheckBox(tr("Only matching rows"), this))
    , m_countLabel(new QLabel(this))
    , m_searchLabel(new QLabel(this))
{
    setWindowTitle(tr("Event log"));
    setObjectName(QStringLiteral("eventLogDock"));

    m_encoder->moveToThread(&m_encoderThread);
    m_encoderThread.setObjectName(QStringLiteral("event log encoder"));
    connect(&m_encoderThread, &QThread::finished, m_encoder, &QObject::deleteLater);
    // Encoded batches come back from the encoder's thread, queued, in the order they left.
    connect(m_encoder, &EventLogEncoder::encoded, this, &EventLogDock::queueBatch);
    m_encoderThread.start();
    m_roundPause.setSingleShot(true);
    m_roundPause.setInterval(AppendInterval);
    connect(&m_roundPause, &QTimer::timeout, this, [this] {
        if (m_roundRows == 0 && m_pendingRows > 0)
            startRound();
    });

    m_selectedOnly->setObjectName(QStringLiteral("selectedAgentsBox"));
    m_selectedOnly->setToolTip(tr("Show only the events of the agents selected in the table"));
    m_typesButton->setObjectName(QStringLiteral("typesButton"));
    m_typesButton->setText(tr("Types: all"));
    m_typesButton->setPopupMode(QToolButton::InstantPopup);
    auto *typesMenu = new QMenu(m_typesButton);
    m_typesButton->setMenu(typesMenu);
    auto *infoButton = toggleButton(tr("Info"), QStringLiteral("infoButton"), this);
    auto *warningButton = toggleButton(tr("Warnings"), QStringLiteral("warningButton"), this);
    auto *errorButton = toggleButton(tr("Errors"), QStringLiteral("errorButton"), this);
    auto *utcButton = toggleButton(tr("UTC"), QStringLiteral("utcButton"), this);
    utcButton->setChecked(false);
    utcButton->setToolTip(tr("Show times in UTC instead of local time"));
    m_followButton->setToolTip(
        tr("Keep the newest event in view; scrolling up pauses, scrolling to the end resumes"));
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the events shown as JSON lines"));

    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Search agent, type, run or payload"));
    m_searchEdit->setClearButtonEnabled(true);
    auto *previousButton = new QToolButton(this);
    previousButton->setObjectName(QStringLiteral("previousButton"));
    previousButton->setArrowType(Qt::UpArrow);
    previousButton->setToolTip(tr("Previous match (Shift+F3)"));
    auto *nextButton = new QToolButton(this);
    nextButton->setObjectName(QStringLiteral("nextButton"));
    nextButton->setArrowType(Qt::DownArrow);
    nextButton->setToolTip(tr("Next match (F3, Enter)"));
    m_onlyMatching->setObjectName(QStringLiteral("onlyMatchingBox"));
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // As wide as a full log's count, so the controls beside it do not shift as rows arrive.
    m_countLabel->setMinimumWidth(m_countLabel->fontMetrics().horizontalAdvance(
        tr("%1 events").arg(QLocale().toString(9'999'999))));
    m_searchLabel->setObjectName(QStringLiteral("searchLabel"));

    m_view->setObjectName(QStringLiteral("eventTable"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    // Scrolling by rows makes the scroll position a row number, which the ring's drops adjust.
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // A million rows: every row the same height, and no header that measures them.
    QHeaderView *rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = 4 * metrics.averageCharWidth();
    columns->resizeSection(EventLogModel::TimeColumn,
                           metrics.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000"))
                               + padding);
    columns->resizeSection(EventLogModel::AgentColumn, 16 * metrics.averageCharWidth());
    columns->resizeSection(EventLogModel::TypeColumn,
                           metrics.horizontalAdvance(QStringLiteral("background_task_completed"))
                               + padding);
    columns->resizeSection(EventLogModel::LevelColumn,
                           metrics.horizontalAdvance(tr("Warning")) + padding);
    columns->resizeSection(EventLogModel::RunColumn, 12 * metrics.averageCharWidth());

    auto *copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *copyJsonAction = new QAction(tr("Copy as JSON Lines"), m_view);
    copyJsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyJsonAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addActions({copyAction, copyJsonAction});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *nextAction = new QAction(tr("Find Next"), this);
    nextAction->setShortcut(QKeySequence::FindNext);
    nextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *previousAction = new QAction(tr("Find Previous"), this);
    previousAction->setShortcut(QKeySequence::FindPrevious);
    previousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    auto *content = new QWidget(this);
    content->addActions({nextAction, previousAction});
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_selectedOnly);
    filters->addWidget(m_typesButton);
    filters->addWidget(infoButton);
    filters->addWidget(warningButton);
    filters->addWidget(errorButton);
    filters->addStretch();
    filters->addWidget(utcButton);
    filters->addWidget(m_followButton);
    filters->addWidget(exportButton);
    auto *search = new QHBoxLayout;
    m_searchEdit->setMinimumWidth(12 * m_searchEdit->fontMetrics().averageCharWidth());
    search->addWidget(m_searchEdit, 1);
    search->addWidget(previousButton);
    search->addWidget(nextButton);
    search->addWidget(m_onlyMatching);
    search->addWidget(m_searchLabel);
    search->addWidget(m_countLabel);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addLayout(search);
    layout->addWidget(m_view, 1);
    setWidget(content);

    connect(m_selectedOnly, &QCheckBox::toggled, this, &EventLogDock::applyAgentFilter);
    connect(typesMenu, &QMenu::aboutToShow, this, &EventLogDock::fillTypesMenu);
    const auto levelToggle = [this](QToolButton *button, EventLevel level) {
        connect(button, &QToolButton::toggled, m_filter, [this, level](bool shown) {
            m_filter->setLevelShown(level, shown);
        });
    };
    levelToggle(infoButton, EventLevel::Info);
    levelToggle(warningButton, EventLevel::Warning);
    levelToggle(errorButton, EventLevel::Error);
    connect(utcButton, &QToolButton::toggled, m_model, &EventLogModel::setUtc);
    connect(m_followButton, &QToolButton::toggled, this, &EventLogDock::setFollowing);
    connect(exportButton, &QToolButton::clicked, this, &EventLogDock::exportWithDialog);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &EventLogDock::setSearchText);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &EventLogDock::findNext);
    connect(nextButton, &QToolButton::clicked, this, &EventLogDock::findNext);
    connect(previousButton, &QToolButton::clicked, this, &EventLogDock::findPrevious);
    connect(nextAction, &QAction::triggered, this, &EventLogDock::findNext);
    connect(previousAction, &QAction::triggered, this, &EventLogDock::findPrevious);
    connect(m_onlyMatching, &QCheckBox::toggled, m_filter, &EventLogFilter::setSearchFilters);
    connect(copyAction, &QAction::triggered, this, [this] { copySelectedRows(false); });
    connect(copyJsonAction, &QAction::triggered, this, [this] { copySelectedRows(true); });

    connect(
        m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &EventLogDock::onScrolled);
    // New rows come in rounds, which follow and count them once they are all in.
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &EventLogDock::showRows);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &EventLogDock::showRows);
    connect(m_filter,
            &QAbstractItemModel::rowsAboutToBeRemoved,
            this,
            &EventLogDock::onRowsAboutToBeRemoved);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &EventLogDock::onRowsRemoved);
    updateCount();
}

EventLogDock::~EventLogDock()
{
    m_encoderThread.quit();
    m_encoderThread.wait();
    // The children outlive this destructor; what they signal while going must not reach it.
    disconnect(m_filter, nullptr, this, nullptr);
    disconnect(m_view->verticalScrollBar(), nullptr, this, nullptr);
}

void EventLogDock::setFollowing(bool follow)
{
    m_following = follow;
    {
        const QSignalBlocker blocker(m_followButton);
        m_followButton->setChecked(follow);
    }
    if (follow)
        m_view->scrollToBottom();
}

void EventLogDock::setSearchText(const QString &text)
{
    if (m_searchEdit->text() != text) {
        // The edit's textChanged comes back here.
        m_searchEdit->setText(text);
        return;
    }
    m_filter->setSearchText(text);
    m_delegate->setSearchText(text);
    m_searchLabel->clear();
    m_view->viewport()->update();
}

bool EventLogDock::findNext()
{
    return find(true);
}

bool EventLogDock::findPrevious()
{
    return find(false);
}

void EventLogDock::copySelectedRows(bool asJsonLines) const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    const QByteArray json = m_filter->jsonLines(rows);
    auto *mime = new QMimeData;
    mime->setText(asJsonLines ? QString::fromUtf8(json) : m_filter->tabSeparated(rows));
    mime->setData(QStringLiteral("application/x-ndjson"), json);
    QApplication::clipboard()->setMimeData(mime);
}

Result<qint64> EventLogDock::exportTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::Io,
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    const Result<qint64> written = m_filter->writeJsonLines(file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return makeError(
            ErrorCode::Io,
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return written;
}

void EventLogDock::appendEvents(const EventList &events)
{
    if (events.isEmpty())
        return;
    // Encoding (and freeing the events' JSON) is most of a batch's cost: it runs on the
    // encoder's thread, queued, and the result comes back through encoded().
    QMetaObject::invokeMethod(
        m_encoder,
        [encoder = m_encoder, events] { encoder->encode(events); },
        Qt::QueuedConnection);
}

void EventLogDock::setAgentFilter(const QStringList &agentIds)
{
    m_selectedAgents = agentIds;
    applyAgentFilter();
}

void EventLogDock::queueBatch(const EventLogModel::Batch &batch)
{
    if (batch.items.isEmpty())
        return;
    m_pending.append({batch, 0});
    m_pendingRows += batch.items.size();
    // The first batch after a quiet spell shows at once; while more keep coming, they wait for
    // the pause to end and go in together.
    if (m_roundRows == 0 && !m_roundPause.isActive())
        startRound();
}

void EventLogDock::startRound()
{
    QElapsedTimer turn;
    turn.start();
    // Rows beyond what the log holds would be dropped again at once: they are never shown.
    const qsizetype capacity = m_model->capacity();
    while (m_pendingRows > capacity) {
        PendingBatch &oldest = m_pending.first();
        const qsizetype skipped
            = std::min(m_pendingRows - capacity, oldest.batch.items.size() - oldest.next);
        oldest.next += skipped;
        m_pendingRows -= skipped;
        if (oldest.next == oldest.batch.items.size())
            m_pending.removeFirst();
    }
    m_roundRows = m_pendingRows;
    // The table is painted once the round is in, not after each part.
    m_view->setUpdatesEnabled(false);
    m_model->dropOldest(int(m_model->rowCount() + m_roundRows - capacity));
    m_roundPause.start();
    appendSlices(turn);
}

void EventLogDock::appendSlices(const QElapsedTimer &turn)
{
    while (m_roundRows > 0 && turn.nsecsElapsed() < SliceNs) {
        PendingBatch &oldest = m_pending.first();
        const qsizetype count
            = std::min({SliceRows, m_roundRows, oldest.batch.items.size() - oldest.next});
        m_model->appendBatch(oldest.batch, oldest.next, count);
        oldest.next += count;
        m_roundRows -= count;
        m_pendingRows -= count;
        if (oldest.next == oldest.batch.items.size())
            m_pending.removeFirst();
    }
    if (m_roundRows > 0) {
        // Queued to itself: the rest of the round in a later pass, after whatever else waits.
        QMetaObject::invokeMethod(
            this,
            [this] {
                QElapsedTimer next;
                next.start();
                appendSlices(next);
            },
            Qt::QueuedConnection);
        return;
    }
    m_view->setUpdatesEnabled(true);
    showRows();
    if (m_pendingRows > 0 && !m_roundPause.isActive())
        startRound();
}

void EventLogDock::showRows()
{
    if (m_following)
        m_view->scrollToBottom();
    updateCount();
}

void EventLogDock::applyAgentFilter()
{
    m_filter->setAgents(m_selectedOnly->isChecked() ? m_selectedAgents : QStringList());
}

void EventLogDock::fillTypesMenu()
{
    QMenu *menu = m_typesButton->menu();
    menu->clear();
    QStringList types = knownTypes();
    for (const QString &type : m_model->typeNames()) {
        if (!types.contains(type))
            types.append(type);
    }
    std::sort(types.begin(), types.end());
    const QStringList shown = m_filter->types();
    QAction *all = menu->addAction(tr("Show All Types"));
    connect(all, &QAction::triggered, m_filter, [this] {
        m_filter->setTypes({});
        m_typesButton->setText(tr("Types: all"));
    });
    menu->addSeparator();
    for (const QString &type : std::as_const(types)) {
        QAction *action = menu->addAction(type);
        action->setData(type);
        action->setCheckable(true);
        action->setChecked(shown.isEmpty() || shown.contains(type));
        connect(action, &QAction::triggered, this, &EventLogDock::applyTypes);
    }
}

void EventLogDock::applyTypes()
{
    QStringList checked;
    qsizetype choices = 0;
    for (QAction *action : m_typesButton->menu()->actions()) {
        if (!action->isCheckable())
            continue;
        ++choices;
        if (action->isChecked())
            checked.append(action->data().toString());
    }
    // An empty list shows every type, so the last type shown cannot be taken away; the menu
    // shows it checked again when it next opens.
    if (checked.isEmpty())
        return;
    if (checked.size() == choices) {
        m_filter->setTypes({});
        m_typesButton->setText(tr("Types: all"));
        return;
    }
    m_filter->setTypes(checked);
    m_typesButton->setText(tr("Types: %1").arg(checked.size()));
}

bool EventLogDock::find(bool forward)
{
    if (m_filter->searchText().isEmpty())
        return false;
    const QModelIndex current = m_view->currentIndex();
    const int row = m_filter->findMatch(current.isValid() ? current.row() : -1, forward);
    if (row < 0) {
        m_searchLabel->setText(tr("No match"));
        return false;
    }
    m_searchLabel->clear();
    const QModelIndex match = m_filter->index(row, current.isValid() ? current.column() : 0);
    m_view->setCurrentIndex(match);
    m_view->scrollTo(match, QAbstractItemView::PositionAtCenter);
    return true;
}

void EventLogDock::exportWithDialog()
{
    const QString path
        = QFileDialog::getSaveFileName(this,
                                       tr("Export Events"),
                                       QDir::home().filePath(QStringLiteral("events.jsonl")),
                                       tr("JSON Lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    const Result<qint64> written = exportTo(path);
    if (!written) {
        QMessageBox::warning(this, tr("Export Events"), written.errorMessage());
        return;
    }
    m_searchLabel->setText(tr("Exported %n event(s)", nullptr, int(written.value())));
}

void EventLogDock::onScrolled(int value)
{
    // Anything that leaves the end in view follows; anything that leaves it pauses.
    const bool atEnd = value >= m_view->verticalScrollBar()->maximum();
    if (atEnd == m_following)
        return;
    m_following = atEnd;
    const QSignalBlocker blocker(m_followButton);
    m_followButton->setChecked(atEnd);
}

void EventLogDock::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (!parent.isValid() && first == 0 && !m_following)
        m_droppedAbove = last + 1;
}

void EventLogDock::onRowsRemoved()
{
    // The ring dropped rows above a paused view: scroll back by as many, so the rows being
    // read stay where they are.
    if (m_droppedAbove > 0) {
        QScrollBar *bar = m_view->verticalScrollBar();
        bar->setValue(std::max(0, bar->value() - m_droppedAbove));
        m_droppedAbove = 0;
    }
}

void EventLogDock::updateCount()
{
    const QLocale locale;
    const int shown = m_filter->rowCount();
    const int all = m_model->rowCount();
    m_countLabel->setText(
        shown == all ? tr("%1 events").arg(locale.toString(all))
                     : tr("%1 of %2 events").arg(locale.toString(shown), locale.toString(all)));
}

} // namespace nightshift
