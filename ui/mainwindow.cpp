#include "mainwindow.h"

#include "agentactionsdelegate.h"
#include "agentdetailspanel.h"
#include "agenteditor.h"
#include "agentinstaller.h"
#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "budgetforecast.h"
#include "chartspanel.h"
#include "enginehost.h"
#include "eventlogdock.h"
#include "fleetfeed.h"
#include "scheduledescription.h"
#include "sparklinedelegate.h"
#include "summarycards.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace nightshift {

namespace {

using Filter = AgentFilterProxy::StatusFilter;

// How long a message stays in the status bar.
constexpr int ErrorMessageMs = 15'000;
constexpr int InfoMessageMs = 6'000;
// The most agent ids a delete confirmation lists by name.
constexpr int NamedInConfirmation = 10;
// The editor's forecast averages the last AveragedRunsLimit runs that used tokens; an agent
// whose budget skips many occurrences has more runs between them.
constexpr int SpendingRunsRead = 4 * AveragedRunsLimit;

const QString GeometryKey = QStringLiteral("MainWindow/geometry");
const QString StateKey = QStringLiteral("MainWindow/state");
const QString HeaderKey = QStringLiteral("MainWindow/tableHeader");
const QString SideSplitterKey = QStringLiteral("MainWindow/sideSplitter");
const QString DetailsSplitterKey = QStringLiteral("MainWindow/detailsSplitter");

template<typename T>
QString failureOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.errorMessage();
}

QIcon themedIcon(const char *name, QStyle *style, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}

// A coloured dot, the size of a list's icon, marking a state.
QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    return QIcon(pixmap);
}

QString storeDescription(const QString &url)
{
    if (url.isEmpty())
        return MainWindow::tr("No store");
    if (url.startsWith(u"sqlite:"))
        return MainWindow::tr("SQLite: %1").arg(url.mid(7));
    if (url.startsWith(u"redis"))
        return MainWindow::tr("Redis: %1").arg(url);
    if (url.startsWith(u"memory:"))
        return MainWindow::tr("In memory (nothing is kept)");
    return MainWindow::tr("Store: %1").arg(url);
}

QString failureText(AgentAction action, const QString &agentId, const QString &message)
{
    switch (action) {
    case AgentAction::Start:
        return MainWindow::tr("Could not start %1: %2").arg(agentId, message);
    case AgentAction::Pause:
        return MainWindow::tr("Could not pause %1: %2").arg(agentId, message);
    case AgentAction::Resume:
        return MainWindow::tr("Could not resume %1: %2").arg(agentId, message);
    case AgentAction::Stop:
        return MainWindow::tr("Could not stop %1: %2").arg(agentId, message);
    case AgentAction::RunNow:
        return MainWindow::tr("Could not run %1: %2").arg(agentId, message);
    case AgentAction::Delete:
        return MainWindow::tr("Could not delete %1: %2").arg(agentId, message);
    }
    return message;
}

QString successText(AgentAction action, int count)
{
    switch (action) {
    case AgentAction::Start:
        return MainWindow::tr("Started %n agent(s)", nullptr, count);
    case AgentAction::Pause:
        return MainWindow::tr("Paused %n agent(s)", nullptr, count);
    case AgentAction::Resume:
        return MainWindow::tr("Resumed %n agent(s)", nullptr, count);
    case AgentAction::Stop:
        return MainWindow::tr("Stopped %n agent(s)", nullptr, count);
    case AgentAction::RunNow:
        return MainWindow::tr("Started a run of %n agent(s)", nullptr, count);
    case AgentAction::Delete:
        return MainWindow::tr("Deleted %n agent(s)", nullptr, count);
    }
    return {};
}

} // namespace

MainWindow::MainWindow(EngineHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_model(new AgentTableModel(this))
    , m_proxy(new AgentFilterProxy(m_model, this))
    , m_feed(new FleetFeed(host, m_model, this))
    , m_actionsDelegate(new AgentActionsDelegate(this))
{
    setWindowTitle(tr("Nightshift"));
    createActions();
    createMenusAndToolBar();
    setCentralWidget(createCentralArea());
    createStatusBar();
    resize(1200, 700);

    m_refreshActions.setSingleShot(true);
    m_refreshActions.setInterval(0);
    connect(&m_refreshActions, &QTimer::timeout, this, &MainWindow::refreshActions);
    connect(m_proxy,
            &QAbstractItemModel::dataChanged,
            this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                // The countdown's ticks change no action; status updates (all roles) may.
                if (roles.isEmpty())
                    m_refreshActions.start();
            });
    connect(m_proxy, &AgentFilterProxy::countsChanged, this, &MainWindow::refreshSidebar);
    connect(m_model, &AgentTableModel::totalsChanged, this, &MainWindow::refreshCards);
    connect(
        m_actionsDelegate,
        &AgentActionsDelegate::actionTriggered,
        this,
        [this](AgentAction action, const QString &agentId) { runAgentAction(action, {agentId}); });

    createDocks();
    connect(this, &MainWindow::newAgentRequested, this, [this] { openEditor({}); });
    connect(this, &MainWindow::newAgentFromTemplateRequested, this, [this](const AgentSpec &spec) {
        openEditor({}, spec);
    });
    connect(this, &MainWindow::agentActivated, this, [this](const QString &agentId) {
        openEditor(agentId);
    });
    connect(host, &EngineHost::started, this, &MainWindow::engineStarted);
    connect(host, &EngineHost::startFailed, this, &MainWindow::showStartupError);
    if (host->isStarted())
        engineStarted();
    restoreLayout();
    refreshSidebar();
    refreshCards();
    refreshActions();
}

void MainWindow::engineStarted()
{
    m_storeLabel->setText(storeDescription(m_host->storeUrl()));
    const auto [online, scheduling] = m_host->call([](BackgroundAgentService &service) {
        return std::pair(service.isStoreOnline(), service.isManagerRunning());
    });
    setConnectionText(online);
    m_engineLabel->setText(scheduling ? tr("Engine running") : tr("Engine not scheduling"));
    m_feed->load();
    if (m_chartsShown)
        QMetaObject::invokeMethod(m_charts, &ChartsPanel::reload, Qt::QueuedConnection);
    refreshActions();
}

void MainWindow::openEditor(const QString &agentId, const std::optional<AgentSpec> &templateSpec)
{
    if (m_host->storeUrl().isEmpty()) {
        showError(tr("The engine is not running; agents cannot be changed."));
        return;
    }
    struct Offer
    {
        QStringList providers;
        QList<ToolDescriptor> tools;
        std::optional<AgentSpec> existing;
        qint64 anchorMs = 0;
        AgentSpending spending;
    };
    const Offer offer = m_host->call([&agentId](BackgroundAgentService &service) {
        Offer answer{service.providerIds(), service.toolDescriptors(), std::nullopt, 0, {}};
        if (agentId.isEmpty())
            return answer;
        if (Result<AgentSpec> spec = service.getAgentSpec(agentId))
            answer.existing = *spec;
        if (const Result<AgentStatus> status = service.getAgentStatus(agentId)) {
            answer.anchorMs = status->anchorMs;
            // Skipped and missed occurrences use no tokens: more runs are read than averaged.
            const Result<QList<RunRecord>> runs = service.listRuns(agentId, SpendingRunsRead);
            answer.spending
                = agentSpending(*status, runs ? *runs : QList<RunRecord>(), service.nowMs());
        }
        return answer;
    });
    if (!agentId.isEmpty() && !offer.existing) {
        showError(tr("Agent %1 no longer exists.").arg(agentId));
        return;
    }
    auto *editor = new AgentEditorDialog(offer.providers, offer.tools, offer.existing, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    if (templateSpec)
        editor->startFromTemplate(*templateSpec);
    if (offer.anchorMs > 0)
        editor->setScheduleAnchor(offer.anchorMs);
    if (offer.existing)
        editor->setSpending(offer.spending);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const AgentSpec spec = editor->spec();
        const bool editing = editor->isEditing();
        const Result<AgentStatus> saved
            = m_host->call([&spec, editing](BackgroundAgentService &service) {
                  return editing ? service.update(spec) : service.create(spec);
              });
        if (!saved) {
            showError(tr("Could not save %1: %2").arg(spec.agentId, saved.errorMessage()));
            return;
        }
        statusBar()->showMessage(editing ? tr("Saved %1 as revision %2; it applies from its next "
                                              "run.")
                                               .arg(spec.agentId)
                                               .arg(saved->specRevision)
                                         : tr("Created %1.").arg(spec.agentId),
                                 InfoMessageMs);
    });
    editor->open();
}

void MainWindow::createDocks()
{
    m_eventLog = new EventLogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventLog);
    m_viewMenu->addAction(m_eventLog->toggleViewAction());
    connect(m_host, &EngineHost::eventsAppended, m_eventLog, &EventLogDock::appendEvents);
    connect(this, &MainWindow::selectedAgentsChanged, m_eventLog, &EventLogDock::setAgentFilter);

    m_details = new AgentDetailsPanel(m_host, this);
    auto *detailsDock = new QDockWidget(tr("Agent details"), this);
    detailsDock->setObjectName(QStringLiteral("agentDetailsDock"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    m_viewMenu->addAction(detailsDock->toggleViewAction());
    connect(m_host, &EngineHost::agentsUpdated, m_details, &AgentDetailsPanel::applyStatuses);
    connect(m_host, &EngineHost::runsFinished, m_details, &AgentDetailsPanel::applyFinishedRuns);
    connect(m_host, &EngineHost::eventsAppended, m_details, &AgentDetailsPanel::applyEvents);

    m_charts = new ChartsPanel(m_host, this);
    auto *chartsDock = new QDockWidget(tr("Charts"), this);
    chartsDock->setObjectName(QStringLiteral("chartsDock"));
    chartsDock->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, chartsDock);
    tabifyDockWidget(m_eventLog, chartsDock);
    m_eventLog->raise();
    m_viewMenu->addAction(chartsDock->toggleViewAction());
    connect(m_host, &EngineHost::agentsUpdated, m_charts, &ChartsPanel::applyStatuses);
    connect(m_host, &EngineHost::runsFinished, m_charts, &ChartsPanel::applyFinishedRuns);
    // Listing the fleet's runs keeps a large store busy for a while: they are read once the
    // charts are first shown (or the engine has started, if they showed before), not while the
    // window opens.
    connect(chartsDock, &QDockWidget::visibilityChanged, m_charts, [this](bool visible) {
        if (!visible || m_chartsShown)
            return;
        m_chartsShown = true;
        // Queued: the dock paints first, then the runs fill it.
        if (m_host->isStarted())
            QMetaObject::invokeMethod(m_charts, &ChartsPanel::reload, Qt::QueuedConnection);
    });

    // One selected agent is shown in detail and charted; otherwise the charts show the fleet.
    connect(this, &MainWindow::selectedAgentsChanged, this, [this](const QStringList &ids) {
        const QString one = ids.size() == 1 ? ids.first() : QString();
        m_details->setAgent(one);
        m_charts->setAgent(one);
    });
}

void MainWindow::createActions()
{
    QStyle *style = this->style();
    m_newAction = new QAction(
        themedIcon("document-new", style, QStyle::SP_FileIcon), tr("&New agent…"), this);
    m_newAction->setObjectName(QStringLiteral("newAgentAction"));
    m_newAction->setIconText(tr("New"));
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setToolTip(tr("Create an agent in the editor"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newAgentRequested);

    m_importAction = new QAction(
        themedIcon("document-open", style, QStyle::SP_DialogOpenButton), tr("&Import…"), this);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setIconText(tr("Import"));
    m_importAction->setShortcut(QKeySequence::Open);
    m_importAction->setToolTip(tr("Create agents from a JSON config file"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::askImport);

    m_exportAction = new QAction(
        themedIcon("document-save-as", style, QStyle::SP_DialogSaveButton), tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setIconText(tr("Export"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write the selected agents' configs to a JSON file"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::askExport);

    m_settingsAction = new QAction(
        themedIcon("configure", style, QStyle::SP_FileDialogDetailedView), tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setIconText(tr("Settings"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);

    m_findAction = new QAction(tr("&Find agents"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    // Quit ends the application even when closing the window would only hide it in the tray.
    connect(m_quitAction, &QAction::triggered, this, [this] {
        saveLayout();
        QCoreApplication::quit();
    });

    const struct
    {
        AgentAction action;
        const char *objectName;
        QString text;
        QString toolTip;
        QKeySequence shortcut;
        QIcon icon;
    } agentActions[] = {
        {AgentAction::Start,
         "startAction",
         tr("&Start"),
         tr("Start the selected agents' schedules"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
         themedIcon("media-playback-start", style, QStyle::SP_MediaPlay)},
        {AgentAction::Pause,
         "pauseAction",
         tr("&Pause"),
         tr("Hold the selected agents' schedules"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         themedIcon("media-playback-pause", style, QStyle::SP_MediaPause)},
        {AgentAction::Resume,
         "resumeAction",
         tr("&Resume"),
         tr("Continue the selected paused agents"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
         themedIcon("media-seek-forward", style, QStyle::SP_MediaSeekForward)},
        {AgentAction::Stop,
         "stopAction",
         tr("S&top"),
         tr("Take the selected agents off their schedules and cancel their runs"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
         themedIcon("media-playback-stop", style, QStyle::SP_MediaStop)},
        {AgentAction::RunNow,
         "runNowAction",
         tr("Run &now"),
         tr("Run the selected agents once now, without moving their schedules"),
         QKeySequence(Qt::CTRL | Qt::Key_R),
         themedIcon("media-skip-forward", style, QStyle::SP_MediaSkipForward)},
        {AgentAction::Delete,
         "deleteAction",
         tr("&Delete…"),
         tr("Delete the selected agents with their runs and events"),
         QKeySequence(QKeySequence::Delete),
         themedIcon("edit-delete", style, QStyle::SP_TrashIcon)},
    };
    for (const auto &spec : agentActions) {
        auto *action = new QAction(spec.icon, spec.text, this);
        action->setObjectName(QString::fromLatin1(spec.objectName));
        action->setToolTip(spec.toolTip);
        // The toolbar shows the plain verb, without the menu's mnemonic and ellipsis.
        action->setIconText(QString(spec.text).remove(u'&').remove(QChar(0x2026)));
        action->setShortcut(spec.shortcut);
        const AgentAction which = spec.action;
        connect(action, &QAction::triggered, this, [this, which] {
            runAgentAction(which, selectedAgentIds());
        });
        m_agentActions.insert(which, action);
    }

    m_pauseForMenu = new QMenu(tr("Pause f&or"), this);
    m_pauseForMenu->setObjectName(QStringLiteral("pauseForMenu"));
    m_pauseForMenu->setToolTip(tr("Hold the selected agents' schedules for a while"));
    for (const int hours : {1, 2, 8, 24}) {
        QAction *action = m_pauseForMenu->addAction(tr("%n hour(s)", nullptr, hours));
        action->setObjectName(QStringLiteral("pauseFor%1hAction").arg(hours));
        const qint64 pauseForMs = qint64(hours) * 3'600'000;
        connect(action, &QAction::triggered, this, [this, pauseForMs] {
            runAgentAction(AgentAction::Pause, selectedAgentIds(), pauseForMs);
        });
    }
}

void MainWindow::createMenusAndToolBar()
{
    m_templatesMenu = new QMenu(tr("New from &template"), this);
    m_templatesMenu->setObjectName(QStringLiteral("templatesMenu"));
    m_templatesMenu->menuAction()->setIconText(tr("Template"));
    m_templatesMenu->menuAction()->setToolTip(tr("Create an agent from a bundled example"));
    m_templatesMenu->setIcon(
        themedIcon("document-new-from-template", style(), QStyle::SP_FileLinkIcon));
    for (const AgentSpec &spec : bundledTemplates()) {
        QAction *action = m_templatesMenu->addAction(
            tr("%1 (%2)").arg(spec.agentId, describeSchedule(spec.schedule)));
        connect(action, &QAction::triggered, this, [this, spec] {
            Q_EMIT newAgentFromTemplateRequested(spec);
        });
    }
    m_templatesMenu->setEnabled(!m_templatesMenu->isEmpty());
    // A submenu has no shortcut of its own; this one opens it where the table is.
    auto *templateShortcut = new QAction(tr("New from template"), this);
    templateShortcut->setObjectName(QStringLiteral("newFromTemplateAction"));
    templateShortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(templateShortcut, &QAction::triggered, this, [this] {
        m_templatesMenu->popup(m_table->viewport()->mapToGlobal(QPoint(0, 0)));
    });
    addAction(templateShortcut);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addMenu(m_templatesMenu);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *agent = menuBar()->addMenu(tr("&Agent"));
    for (AgentAction action : {AgentAction::Start,
                               AgentAction::Pause,
                               AgentAction::Resume,
                               AgentAction::Stop,
                               AgentAction::RunNow}) {
        agent->addAction(m_agentActions.value(action));
    }
    agent->insertMenu(m_agentActions.value(AgentAction::Resume), m_pauseForMenu);
    agent->addSeparator();
    agent->addAction(m_agentActions.value(AgentAction::Delete));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_findAction);
    m_viewMenu->addSeparator();

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_templatesMenu->menuAction());
    if (auto *button
        = qobject_cast<QToolButton *>(toolBar->widgetForAction(m_templatesMenu->menuAction())))
        button->setPopupMode(QToolButton::InstantPopup);
    toolBar->addAction(m_importAction);
    toolBar->addAction(m_exportAction);
    toolBar->addSeparator();
    for (AgentAction action : {AgentAction::Start,
                               AgentAction::Pause,
                               AgentAction::Resume,
                               AgentAction::Stop,
                               AgentAction::RunNow,
                               AgentAction::Delete}) {
        toolBar->addAction(m_agentActions.value(action));
    }
    toolBar->addSeparator();
    toolBar->addAction(m_settingsAction);
    m_viewMenu->addAction(toolBar->toggleViewAction());
}

QWidget *MainWindow::createCentralArea()
{
    m_sidebar = new QListWidget;
    m_sidebar->setObjectName(QStringLiteral("statusSidebar"));
    m_sidebar->setAccessibleName(tr("Status filter"));
    for (Filter filter : {Filter::All,
                          Filter::Running,
                          Filter::Scheduled,
                          Filter::Paused,
                          Filter::Stopped,
                          Filter::Errored}) {
        auto *item = new QListWidgetItem(AgentFilterProxy::filterText(filter), m_sidebar);
        item->setData(Qt::UserRole, int(filter));
        const std::optional<AgentState> state
            = filter == Filter::Running     ? std::optional(AgentState::Running)
              : filter == Filter::Scheduled ? std::optional(AgentState::Scheduled)
              : filter == Filter::Paused    ? std::optional(AgentState::Paused)
              : filter == Filter::Stopped   ? std::optional(AgentState::Stopped)
              : filter == Filter::Errored   ? std::optional(AgentState::Error)
                                            : std::nullopt;
        item->setIcon(
            dotIcon(state ? AgentTableModel::stateColor(*state) : QColor(Qt::transparent)));
    }
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setMinimumWidth(
        fontMetrics().horizontalAdvance(tr("%1 (%2)").arg(
            AgentFilterProxy::filterText(Filter::Scheduled), QStringLiteral("00000")))
        + m_sidebar->iconSize().width() + 32);
    m_sidebar->setCurrentRow(0);
    connect(m_sidebar, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            setStatusFilter(Filter(item->data(Qt::UserRole).toInt()));
    });

    m_cards = new SummaryCards;
    m_cards->setObjectName(QStringLiteral("summaryCards"));
    connect(m_cards, &SummaryCards::filterClicked, this, [this](Filter filter) {
        // A second click on the active card shows everything again.
        setStatusFilter(filter == m_proxy->statusFilter() ? Filter::All : filter);
    });

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("agentSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        tr("Search agents: words, status:paused, provider:openai, model:gpt"));
    connect(m_search, &QLineEdit::textChanged, m_proxy, &AgentFilterProxy::setSearchText);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("agentTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(AgentTableModel::ActionsColumn, m_actionsDelegate);
    m_table->setItemDelegateForColumn(
        AgentTableModel::RecentDurationsColumn,
        new SparklineDelegate(AgentTableModel::DurationsRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Fixed row heights keep ten thousand rows cheap to lay out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const QFontMetrics metrics = fontMetrics();
    const auto widthFor = [&](int column, const QString &sample) {
        const QString title
            = m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        return std::max(metrics.horizontalAdvance(title) + 32,
                        metrics.horizontalAdvance(sample) + 20);
    };
    header->resizeSection(AgentTableModel::StatusColumn,
                          widthFor(AgentTableModel::StatusColumn, tr("Scheduled")) + 20);
    header->resizeSection(
        AgentTableModel::AgentIdColumn,
        widthFor(AgentTableModel::AgentIdColumn, QStringLiteral("system_health_check")));
    header->resizeSection(
        AgentTableModel::ScheduleColumn,
        widthFor(AgentTableModel::ScheduleColumn, QStringLiteral("every 15 minutes")));
    header->resizeSection(AgentTableModel::NextRunColumn,
                          widthFor(AgentTableModel::NextRunColumn, tr("in 59 min 59 s")));
    header->resizeSection(
        AgentTableModel::LastRunColumn,
        widthFor(AgentTableModel::LastRunColumn, tr("23:59:59 \u00b7 completed")));
    for (int column : {AgentTableModel::RunsColumn,
                       AgentTableModel::ErrorsColumn,
                       AgentTableModel::FailuresColumn,
                       AgentTableModel::TokensTodayColumn})
        header->resizeSection(column, widthFor(column, QStringLiteral("0000000")));
    header->resizeSection(AgentTableModel::AverageDurationColumn,
                          widthFor(AgentTableModel::AverageDurationColumn, tr("59 min 59 s")));
    header->resizeSection(AgentTableModel::RecentDurationsColumn,
                          widthFor(AgentTableModel::RecentDurationsColumn, QString()));
    header->resizeSection(
        AgentTableModel::ModelColumn,
        widthFor(AgentTableModel::ModelColumn, QStringLiteral("openai / gpt-4o-mini")));
    QStyleOptionViewItem option;
    option.initFrom(m_table);
    header->resizeSection(AgentTableModel::ActionsColumn,
                          m_actionsDelegate->sizeHint(option, {}).width());
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AgentTableModel::AgentIdColumn, Qt::AscendingOrder);

    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showTableContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderContextMenu);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &MainWindow::onSelectionChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT agentActivated(index.data(AgentTableModel::AgentIdRole).toString());
    });

    m_detailsSplitter = new QSplitter(Qt::Horizontal);
    m_detailsSplitter->setObjectName(QStringLiteral("detailsSplitter"));
    m_detailsSplitter->setChildrenCollapsible(false);
    m_detailsSplitter->addWidget(m_table);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_cards);
    layout->addWidget(m_search);
    layout->addWidget(m_detailsSplitter, 1);

    m_sideSplitter = new QSplitter(Qt::Horizontal);
    m_sideSplitter->setObjectName(QStringLiteral("sideSplitter"));
    m_sideSplitter->addWidget(m_sidebar);
    m_sideSplitter->addWidget(content);
    m_sideSplitter->setStretchFactor(1, 1);
    m_sideSplitter->setStretchFactor(0, 0);
    m_sideSplitter->setSizes({m_sidebar->minimumWidth(), 1000});

    auto *central = new QWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(6, 6, 6, 0);
    outer->addWidget(m_sideSplitter);
    return central;
}

void MainWindow::createStatusBar()
{
    m_storeLabel = new QLabel(storeDescription(m_host->storeUrl()), this);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_engineLabel = new QLabel(this);
    m_engineLabel->setObjectName(QStringLiteral("engineLabel"));
    statusBar()->addPermanentWidget(m_storeLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_engineLabel);

    // engineStarted() says more once the engine runs.
    m_connectionLabel->setText(tr("Not connected"));
    m_engineLabel->setText(m_host->isStarting() ? tr("Starting the engine…")
                                                : tr("Engine not running"));
    connect(m_host, &EngineHost::storeOnlineChanged, this, &MainWindow::setConnectionText);
    connect(m_host, &EngineHost::storeError, this, [this](const QString &message) {
        showError(tr("Store: %1").arg(message));
    });
    connect(m_host, &EngineHost::drained, this, [this] {
        m_engineLabel->setText(tr("Engine stopped"));
    });
    connect(m_host, &EngineHost::ownershipLost, this, [this](const QString &holder) {
        m_engineLabel->setText(tr("Engine stopped: %1 runs the store now").arg(holder));
    });
}

void MainWindow::setConnectionText(bool online)
{
    m_connectionLabel->setText(online ? tr("Connected") : tr("Offline"));
}

void MainWindow::showStartupError(const QString &message)
{
    m_engineLabel->setText(tr("Engine not running"));
    statusBar()->showMessage(tr("The engine did not start: %1").arg(message));
}

QAbstractItemView *MainWindow::agentTable() const
{
    return m_table;
}

QStringList MainWindow::selectedAgentIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() < b.row();
    });
    QStringList ids;
    ids.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(AgentTableModel::AgentIdRole).toString());
    return ids;
}

QString MainWindow::statusText() const
{
    return QStringList{m_storeLabel->text(), m_connectionLabel->text(), m_engineLabel->text()}.join(
        u" | ");
}

void MainWindow::runAgentAction(AgentAction action, const QStringList &agentIds, qint64 pauseForMs)
{
    if (m_host->storeUrl().isEmpty()) {
        showError(tr("The engine is not running."));
        return;
    }
    // A selection may mix states: each agent gets the action only if it takes it.
    QStringList targets;
    for (const QString &id : agentIds) {
        const int row = m_model->rowOf(id);
        if (row >= 0 && availableActions(m_model->agentAt(row).status).testFlag(action))
            targets.append(id);
    }
    if (targets.isEmpty())
        return;
    if (action == AgentAction::Delete && !confirmDelete(targets))
        return;

    QList<std::pair<QString, QString>> failures;
    m_host->call([&](BackgroundAgentService &service) {
        for (const QString &id : std::as_const(targets)) {
            QString failure;
            switch (action) {
            case AgentAction::Start:
                failure = failureOf(service.startAgent(id));
                break;
            case AgentAction::Pause:
                failure = failureOf(
                    pauseForMs > 0 ? service.pauseAgent(id,
                                                        tr("paused by the user for %n hour(s)",
                                                           nullptr,
                                                           int(pauseForMs / 3'600'000)),
                                                        service.nowMs() + pauseForMs)
                                   : service.pauseAgent(id, QStringLiteral("paused by the user")));
                break;
            case AgentAction::Resume:
                failure = failureOf(service.resumeAgent(id));
                break;
            case AgentAction::Stop:
                failure = failureOf(service.stopAgent(id));
                break;
            case AgentAction::RunNow:
                failure = failureOf(service.runNow(id));
                break;
            case AgentAction::Delete:
                failure = failureOf(service.remove(id));
                break;
            }
            if (!failure.isEmpty())
                failures.append({id, failure});
        }
    });

    if (action == AgentAction::Delete) {
        QStringList removed = targets;
        for (const auto &failure : std::as_const(failures))
            removed.removeAll(failure.first);
        m_feed->noteRemoved(removed);
    }
    if (failures.isEmpty()) {
        statusBar()->showMessage(successText(action, int(targets.size())), InfoMessageMs);
        return;
    }
    QString message = failureText(action, failures.first().first, failures.first().second);
    if (failures.size() > 1)
        message += tr(" (and %n more)", nullptr, int(failures.size() - 1));
    showError(message);
}

bool MainWindow::confirmDelete(const QStringList &agentIds)
{
    const QString question
        = agentIds.size() == 1
              ? tr("Delete the agent \"%1\" with all its runs and events?").arg(agentIds.first())
              : tr("Delete %n agents with all their runs and events?",
                   nullptr,
                   int(agentIds.size()));
    QMessageBox box(QMessageBox::Warning,
                    tr("Delete agents"),
                    question,
                    QMessageBox::Yes | QMessageBox::Cancel,
                    this);
    box.setObjectName(QStringLiteral("confirmDeleteBox"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.button(QMessageBox::Yes)->setText(tr("Delete"));
    if (agentIds.size() > 1) {
        QString names = agentIds.mid(0, NamedInConfirmation).join(u", ");
        if (agentIds.size() > NamedInConfirmation)
            names += tr(" and %n more", nullptr, int(agentIds.size() - NamedInConfirmation));
        box.setInformativeText(names);
    }
    return box.exec() == QMessageBox::Yes;
}

void MainWindow::setStatusFilter(AgentFilterProxy::StatusFilter filter)
{
    m_proxy->setStatusFilter(filter);
    m_cards->setActiveFilter(filter);
    const QSignalBlocker blocker(m_sidebar);
    m_sidebar->clearSelection();
    m_sidebar->setCurrentItem(nullptr);
    for (int row = 0; row < m_sidebar->count(); ++row) {
        if (m_sidebar->item(row)->data(Qt::UserRole).toInt() == int(filter))
            m_sidebar->setCurrentRow(row);
    }
}

bool MainWindow::importAgents(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (m_host->storeUrl().isEmpty()) {
        showError(tr("The engine is not running."));
        return false;
    }
    const ConfigParseResult parsed = parseAgentConfigFile(path);
    if (!parsed.ok()) {
        QString message = tr("%1 was not imported: %2").arg(name, parsed.errors.first().toString());
        if (parsed.errors.size() > 1)
            message += tr(" (and %n more problem(s))", nullptr, int(parsed.errors.size() - 1));
        showError(message);
        return false;
    }
    if (parsed.agents.isEmpty()) {
        showError(tr("%1 holds no agents.").arg(name));
        return false;
    }
    if (const Result<void> installed = installAgents(*m_host, parsed.agents, false); !installed) {
        showError(tr("Importing %1 stopped: %2").arg(name, installed.errorMessage()));
        return false;
    }
    statusBar()->showMessage(
        tr("Imported %n agent(s) from %1", nullptr, int(parsed.agents.size())).arg(name),
        InfoMessageMs);
    return true;
}

bool MainWindow::exportAgents(const QString &path, const QStringList &agentIds)
{
    if (m_host->storeUrl().isEmpty()) {
        showError(tr("The engine is not running."));
        return false;
    }
    nlohmann::json agents = nlohmann::json::array();
    QString failure;
    m_host->call([&](BackgroundAgentService &service) {
        for (const QString &id : agentIds) {
            const Result<AgentSpec> spec = service.getAgentSpec(id);
            if (!spec) {
                failure = tr("%1: %2").arg(id, spec.errorMessage());
                return;
            }
            agents.push_back(spec->toJson());
        }
    });
    if (!failure.isEmpty()) {
        showError(tr("Nothing was exported: %1").arg(failure));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showError(tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(QByteArray::fromStdString(agents.dump(2)));
    file.write("\n");
    if (!file.commit()) {
        showError(tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %n agent(s) to %1", nullptr, int(agentIds.size()))
                                 .arg(QFileInfo(path).fileName()),
                             InfoMessageMs);
    return true;
}

void MainWindow::askImport()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import agents"), QString(), tr("Agent configs (*.json);;All files (*)"));
    if (!path.isEmpty())
        importAgents(path);
}

void MainWindow::askExport()
{
    const QStringList ids = selectedAgentIds();
    if (ids.isEmpty())
        return;
    const QString suggested
        = ids.size() == 1 ? ids.first() + QStringLiteral(".json") : QStringLiteral("agents.json");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export agents"), suggested, tr("Agent configs (*.json);;All files (*)"));
    if (!path.isEmpty())
        exportAgents(path, ids);
}

void MainWindow::showTableContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    // A right click outside the selection acts on the row under the mouse, as file managers do.
    if (!m_table->selectionModel()->isRowSelected(index.row(), index.parent())) {
        m_table->selectionModel()->select(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    refreshActions();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("agentContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (AgentAction action : {AgentAction::Start,
                               AgentAction::Pause,
                               AgentAction::Resume,
                               AgentAction::Stop,
                               AgentAction::RunNow}) {
        QAction *item = m_agentActions.value(action);
        if (item->isEnabled())
            menu->addAction(item);
        if (action == AgentAction::Pause && item->isEnabled())
            menu->addMenu(m_pauseForMenu);
    }
    menu->addSeparator();
    menu->addAction(m_exportAction);
    menu->addAction(m_agentActions.value(AgentAction::Delete));
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

void MainWindow::showHeaderContextMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int column = 0; column < AgentTableModel::ColumnCount; ++column) {
        QAction *toggle = menu->addAction(
            m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        // The agent id names the row; it stays.
        toggle->setEnabled(column != AgentTableModel::AgentIdColumn);
        connect(toggle, &QAction::toggled, header, [header, column](bool shown) {
            header->setSectionHidden(column, !shown);
        });
    }
    menu->popup(header->mapToGlobal(pos));
}

void MainWindow::refreshActions()
{
    const bool engine = !m_host->storeUrl().isEmpty();
    AgentActions available;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        available |= AgentActions(index.data(AgentTableModel::ActionsRole).toInt());
    for (auto it = m_agentActions.cbegin(); it != m_agentActions.cend(); ++it)
        it.value()->setEnabled(engine && available.testFlag(it.key()));
    m_pauseForMenu->setEnabled(m_agentActions.value(AgentAction::Pause)->isEnabled());
    m_exportAction->setEnabled(engine && !rows.isEmpty());
    m_importAction->setEnabled(engine);
}

void MainWindow::refreshSidebar()
{
    for (int row = 0; row < m_sidebar->count(); ++row) {
        QListWidgetItem *item = m_sidebar->item(row);
        const auto filter = Filter(item->data(Qt::UserRole).toInt());
        item->setText(
            tr("%1 (%2)").arg(AgentFilterProxy::filterText(filter)).arg(m_proxy->count(filter)));
    }
}

void MainWindow::refreshCards()
{
    m_cards->showTotals(m_model->totals());
}

void MainWindow::onSelectionChanged()
{
    refreshActions();
    Q_EMIT selectedAgentsChanged(selectedAgentIds());
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, ErrorMessageMs);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray());
    m_sideSplitter->restoreState(settings.value(SideSplitterKey).toByteArray());
    m_detailsSplitter->restoreState(settings.value(DetailsSplitterKey).toByteArray());
    QHeaderView *header = m_table->horizontalHeader();
    if (header->restoreState(settings.value(HeaderKey).toByteArray()))
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(SideSplitterKey, m_sideSplitter->saveState());
    settings.setValue(DetailsSplitterKey, m_detailsSplitter->saveState());
    settings.setValue(HeaderKey, m_table->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace nightshift
