#include "agentactionsdelegate.h"
#include "agentdetailspanel.h"
#include "agenteditor.h"
#include "agentfilterproxy.h"
#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "chartspanel.h"
#include "enginehost.h"
#include "fleetfeed.h"
#include "mainwindow.h"
#include "summarycards.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace nightshift;

namespace {

using Filter = AgentFilterProxy::StatusFilter;

AgentSpec hourlySpec(const QString &id, const QString &provider = QStringLiteral("none"))
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = provider;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 3'600'000;
    return spec;
}

// Clicks a button of the delete confirmation once it is up; keeps looking until it is.
void answerDeleteConfirmation(QMessageBox::StandardButton answer)
{
    QTimer::singleShot(0, qApp, [answer] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (box && box->isVisible() && box->objectName() == u"confirmDeleteBox") {
                QTest::mouseClick(box->button(answer), Qt::LeftButton);
                return;
            }
        }
        answerDeleteConfirmation(answer);
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheFleetLiveFromTheEngineThread();
    void saysWhyTheEngineDidNotStart();
    void showsAtOnceAndFillsWhenTheEngineHasStarted();
    void rowButtonsChangeTheEngineAndTheRow();
    void disabledRowButtonsDoNothing();
    void runNowFromTheToolbar();
    void deleteAsksFirst();
    void multiSelectionPausesEveryAgentThatIsStarted();
    void pauseForTwoHoursFromTheMenu();
    void contextMenuListsOnlyValidActions();
    void sidebarFiltersWithLiveCounts();
    void searchBoxFilters();
    void cardsShowTotalsAndFilter();
    void layoutIsRememberedAcrossWindows();
    void importsAndExportsConfigFiles();
    void refusesABrokenConfigFile();
    void statusBarShowsStoreConnectionAndEngine();
    void hooksForTheEditorAndSettings();
    void editorCreatesFromATemplateAndUpdates();
    void detailsAndChartsFollowTheSelection();
    void showsBeforeALargeFleetsSpecsThenHasThemAll();
    void chartsReadTheStoreOnceShown();

private:
    void create(const AgentSpec &spec);
    AgentState engineState(const QString &id);
    QModelIndex rowIndex(MainWindow &window, const QString &id, int column);
    QString cell(MainWindow &window, const QString &id, int column);
    void clickRowButton(MainWindow &window, const QString &id, AgentAction action);
    void selectAgents(MainWindow &window, const QStringList &ids);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<EngineHost> m_host;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    // Window layouts go to a folder of the test's own, never to the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("NightshiftTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_host = std::make_unique<EngineHost>();
    QVERIFY(m_host->start(QStringLiteral("memory:")).ok());
}

void TestMainWindow::cleanup()
{
    QSignalSpy drained(m_host.get(), &EngineHost::drained);
    m_host->shutdown();
    QVERIFY(drained.wait(10'000));
    m_host.reset();
}

void TestMainWindow::create(const AgentSpec &spec)
{
    const Result<AgentStatus> created
        = m_host->call([&](BackgroundAgentService &service) { return service.create(spec); });
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
}

AgentState TestMainWindow::engineState(const QString &id)
{
    const Result<AgentStatus> status
        = m_host->call([&](BackgroundAgentService &service) { return service.getAgentStatus(id); });
    return status ? status->state : AgentState::Idle;
}

QModelIndex TestMainWindow::rowIndex(MainWindow &window, const QString &id, int column)
{
    QAbstractItemModel *model = window.agentTable()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, column);
        if (index.data(AgentTableModel::AgentIdRole).toString() == id)
            return index;
    }
    return {};
}

QString TestMainWindow::cell(MainWindow &window, const QString &id, int column)
{
    return rowIndex(window, id, column).data().toString();
}

void TestMainWindow::clickRowButton(MainWindow &window, const QString &id, AgentAction action)
{
    QAbstractItemView *table = window.agentTable();
    const QModelIndex index = rowIndex(window, id, AgentTableModel::ActionsColumn);
    QVERIFY(index.isValid());
    table->scrollTo(index);
    const QRect button
        = AgentActionsDelegate::buttonRect(table->visualRect(index), table->fontMetrics(), action);
    QVERIFY(table->viewport()->rect().contains(button));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, button.center());
}

void TestMainWindow::selectAgents(MainWindow &window, const QStringList &ids)
{
    QAbstractItemView *table = window.agentTable();
    table->clearSelection();
    for (const QString &id : ids) {
        table->selectionModel()->select(rowIndex(window, id, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void TestMainWindow::showsTheFleetLiveFromTheEngineThread()
{
    AgentSpec spec = hourlySpec(QStringLiteral("tick"));
    spec.schedule.intervalMs = 1000;
    create(spec);

    MainWindow window(m_host.get());
    QAbstractItemModelTester tester(window.agentTable()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModel *model = window.agentTable()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(cell(window, spec.agentId, AgentTableModel::ScheduleColumn),
             QStringLiteral("every second"));

    QVERIFY(m_host
                ->call([&](BackgroundAgentService &service) {
                    return service.startAgent(spec.agentId);
                })
                .ok());
    // Runs complete on the engine thread; their batches reach the table on this one.
    QTRY_VERIFY_WITH_TIMEOUT(
        rowIndex(window, spec.agentId, AgentTableModel::RunsColumn).data().toInt() >= 1, 10'000);
    QTRY_COMPARE(cell(window, spec.agentId, AgentTableModel::LastRunColumn).contains(u"completed"),
                 true);
}

void TestMainWindow::saysWhyTheEngineDidNotStart()
{
    EngineHost host;
    const Result<void> started = host.start(QStringLiteral("bogus:"));
    QVERIFY(!started.ok());
    QVERIFY(started.errorMessage().contains(u"unknown scheme"));
    MainWindow window(&host);
    window.showStartupError(started.errorMessage());
    QVERIFY(window.statusBar()->currentMessage().contains(u"unknown scheme"));
    QVERIFY(window.statusText().contains(u"Engine not running"));
    QVERIFY(!window.agentAction(AgentAction::Start)->isEnabled());

    // Started in the background, the failure reaches the window as it comes.
    EngineHost later;
    QSignalSpy failed(&later, &EngineHost::startFailed);
    later.startInBackground(QStringLiteral("bogus:"));
    MainWindow waiting(&later);
    QVERIFY(failed.wait(10'000));
    QVERIFY(failed.first().first().toString().contains(u"unknown scheme"));
    QVERIFY(!later.isStarting());
    QVERIFY(!later.isStarted());
    QVERIFY(waiting.statusBar()->currentMessage().contains(u"unknown scheme"));
    QVERIFY(waiting.statusText().contains(u"Engine not running"));
}

void TestMainWindow::showsAtOnceAndFillsWhenTheEngineHasStarted()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("fleet.db"));
    {
        EngineHost first;
        QVERIFY(first.start(store).ok());
        QVERIFY(first.call([](BackgroundAgentService &service) {
            for (const char *id : {"one", "two", "three"}) {
                if (!service.create(hourlySpec(QString::fromLatin1(id))))
                    return false;
            }
            return true;
        }));
        QSignalSpy drained(&first, &EngineHost::drained);
        first.shutdown();
        QVERIFY(drained.wait(10'000));
    }

    EngineHost host;
    QSignalSpy started(&host, &EngineHost::started);
    host.startInBackground(store);
    QVERIFY(host.isStarting());
    MainWindow window(&host);
    QAbstractItemModelTester tester(window.agentTable()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Built before the engine has loaded anything: empty, and saying so.
    QCOMPARE(window.agentTable()->model()->rowCount(), 0);
    QVERIFY2(window.statusText().endsWith(u"Starting the engine…"),
             qPrintable(window.statusText()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(started.count(), 1);
    QVERIFY(!host.isStarting());
    QCOMPARE(window.agentTable()->model()->rowCount(), 3);
    QVERIFY2(window.statusText().contains(u"fleet.db"), qPrintable(window.statusText()));
    QVERIFY2(window.statusText().endsWith(u"Connected | Engine running"),
             qPrintable(window.statusText()));
    selectAgents(window, {QStringLiteral("two")});
    QTRY_VERIFY(window.agentAction(AgentAction::Start)->isEnabled());

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestMainWindow::rowButtonsChangeTheEngineAndTheRow()
{
    const QString id = QStringLiteral("hourly");
    create(hourlySpec(id));
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(cell(window, id, AgentTableModel::StatusColumn), QStringLiteral("Idle"));

    const struct
    {
        AgentAction button;
        AgentState state;
        const char *text;
    } steps[] = {
        {AgentAction::Start, AgentState::Scheduled, "Scheduled"},
        {AgentAction::Pause, AgentState::Paused, "Paused"},
        {AgentAction::Resume, AgentState::Scheduled, "Scheduled"},
        {AgentAction::Stop, AgentState::Stopped, "Stopped"},
        {AgentAction::Start, AgentState::Scheduled, "Scheduled"},
    };
    for (const auto &step : steps) {
        clickRowButton(window, id, step.button);
        // The click reaches the engine at once; the row follows with the next status batch.
        QCOMPARE(engineState(id), step.state);
        QTRY_COMPARE(cell(window, id, AgentTableModel::StatusColumn),
                     QString::fromLatin1(step.text));
    }
    const QString nextRun = cell(window, id, AgentTableModel::NextRunColumn);
    QVERIFY2(nextRun.startsWith(u"in 59 min") || nextRun == u"in 1 h 0 min", qPrintable(nextRun));
}

void TestMainWindow::disabledRowButtonsDoNothing()
{
    const QString id = QStringLiteral("idle");
    create(hourlySpec(id));
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (AgentAction button : {AgentAction::Pause, AgentAction::Resume, AgentAction::Stop})
        clickRowButton(window, id, button);
    QCOMPARE(engineState(id), AgentState::Idle);
    QVERIFY(window.statusBar()->currentMessage().isEmpty());
    clickRowButton(window, id, AgentAction::Start);
    QCOMPARE(engineState(id), AgentState::Scheduled);
}

void TestMainWindow::runNowFromTheToolbar()
{
    const QString id = QStringLiteral("manual");
    create(hourlySpec(id));
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *runNow = window.agentAction(AgentAction::RunNow);
    QVERIFY(!runNow->isEnabled());
    selectAgents(window, {id});
    QVERIFY(runNow->isEnabled());
    QCOMPARE(runNow->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    QSignalSpy finished(m_host.get(), &EngineHost::runsFinished);
    runNow->trigger();
    QVERIFY(finished.wait(10'000));
    QTRY_COMPARE(rowIndex(window, id, AgentTableModel::RunsColumn).data().toInt(), 1);
    const Result<AgentStatus> status
        = m_host->call([&](BackgroundAgentService &service) { return service.getAgentStatus(id); });
    QCOMPARE(status->runCount, 1);
    QCOMPARE(status->lastOutcome, QStringLiteral("completed"));
}

void TestMainWindow::deleteAsksFirst()
{
    create(hourlySpec(QStringLiteral("keep")));
    create(hourlySpec(QStringLiteral("doomed")));
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    selectAgents(window, {QStringLiteral("doomed")});
    QAction *remove = window.agentAction(AgentAction::Delete);
    QVERIFY(remove->isEnabled());

    answerDeleteConfirmation(QMessageBox::Cancel);
    remove->trigger();
    QCOMPARE(window.agentTable()->model()->rowCount(), 2);
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    return service.getAgentStatus(QStringLiteral("doomed"));
                })
                .ok());

    answerDeleteConfirmation(QMessageBox::Yes);
    remove->trigger();
    const Result<AgentStatus> gone = m_host->call([](BackgroundAgentService &service) {
        return service.getAgentStatus(QStringLiteral("doomed"));
    });
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
    QVERIFY(!rowIndex(window, QStringLiteral("doomed"), 0).isValid());
    QCOMPARE(window.agentTable()->model()->rowCount(), 1);
    QVERIFY(window.selectedAgentIds().isEmpty());
    QTRY_VERIFY(!remove->isEnabled());
    // The engine's own news of the removal and any status still on its way change nothing.
    QSignalSpy events(m_host.get(), &EngineHost::eventsAppended);
    QVERIFY(events.wait(2000));
    QCoreApplication::processEvents();
    QCOMPARE(window.agentTable()->model()->rowCount(), 1);
    QVERIFY(rowIndex(window, QStringLiteral("keep"), 0).isValid());
}

void TestMainWindow::multiSelectionPausesEveryAgentThatIsStarted()
{
    const QStringList started{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    for (const QString &id : started) {
        create(hourlySpec(id));
        QVERIFY(
            m_host->call([&](BackgroundAgentService &service) { return service.startAgent(id); })
                .ok());
    }
    create(hourlySpec(QStringLiteral("never_started")));
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy selected(&window, &MainWindow::selectedAgentsChanged);
    window.agentTable()->selectAll();
    QVERIFY(selected.count() >= 1);
    QCOMPARE(selected.last().at(0).toStringList().size(), 4);
    QCOMPARE(window.selectedAgentIds().size(), 4);

    window.agentAction(AgentAction::Pause)->trigger();
    for (const QString &id : started) {
        QCOMPARE(engineState(id), AgentState::Paused);
        QTRY_COMPARE(cell(window, id, AgentTableModel::StatusColumn), QStringLiteral("Paused"));
    }
    QCOMPARE(engineState(QStringLiteral("never_started")), AgentState::Idle);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Paused 3 agent(s)"));
    // With every started agent paused, the selection takes resume but no longer pause.
    QTRY_VERIFY(!window.agentAction(AgentAction::Pause)->isEnabled());
    QVERIFY(window.agentAction(AgentAction::Resume)->isEnabled());
    QVERIFY(!window.findChild<QMenu *>(QStringLiteral("pauseForMenu"))->isEnabled());
}

void TestMainWindow::pauseForTwoHoursFromTheMenu()
{
    create(hourlySpec(QStringLiteral("nap")));
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    return service.startAgent(QStringLiteral("nap"));
                })
                .ok());
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    selectAgents(window, {QStringLiteral("nap")});
    auto *menu = window.findChild<QMenu *>(QStringLiteral("pauseForMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(menu->isEnabled());
    auto *twoHours = window.findChild<QAction *>(QStringLiteral("pauseFor2hAction"));
    QVERIFY(twoHours);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    twoHours->trigger();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const Result<AgentStatus> status = m_host->call([](BackgroundAgentService &service) {
        return service.getAgentStatus(QStringLiteral("nap"));
    });
    QCOMPARE(status->state, AgentState::Paused);
    QVERIFY(status->pausedUntilMs >= before + 2 * 3'600'000);
    QVERIFY(status->pausedUntilMs <= after + 2 * 3'600'000);
    QVERIFY2(status->pauseReason.contains(QStringLiteral("2 hour")),
             qPrintable(status->pauseReason));
    QTRY_COMPARE(cell(window, QStringLiteral("nap"), AgentTableModel::StatusColumn),
                 QStringLiteral("Paused"));
}

void TestMainWindow::contextMenuListsOnlyValidActions()
{
    create(hourlySpec(QStringLiteral("paused")));
    create(hourlySpec(QStringLiteral("fresh")));
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    service.startAgent(QStringLiteral("paused"));
                    return service.pauseAgent(QStringLiteral("paused"));
                })
                .ok());
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const auto menuFor = [&](const QString &id) {
        QAbstractItemView *table = window.agentTable();
        const QPoint pos
            = table->visualRect(rowIndex(window, id, AgentTableModel::AgentIdColumn)).center();
        Q_EMIT table->customContextMenuRequested(pos);
        QStringList names;
        QMenu *menu = window.findChild<QMenu *>(QStringLiteral("agentContextMenu"));
        if (!menu)
            return names;
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator())
                names.append(action->objectName());
        }
        menu->close();
        // The menu deletes itself on close; let it go before the next one opens.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        return names;
    };
    QCOMPARE(menuFor(QStringLiteral("paused")),
             (QStringList{QStringLiteral("resumeAction"),
                          QStringLiteral("stopAction"),
                          QStringLiteral("runNowAction"),
                          QStringLiteral("exportAction"),
                          QStringLiteral("deleteAction")}));
    // A right click outside the selection selects the row under the mouse.
    QCOMPARE(window.selectedAgentIds(), QStringList{QStringLiteral("paused")});
    QCOMPARE(menuFor(QStringLiteral("fresh")),
             (QStringList{QStringLiteral("startAction"),
                          QStringLiteral("runNowAction"),
                          QStringLiteral("exportAction"),
                          QStringLiteral("deleteAction")}));
    QCOMPARE(window.selectedAgentIds(), QStringList{QStringLiteral("fresh")});
}

void TestMainWindow::sidebarFiltersWithLiveCounts()
{
    for (const char *id : {"p1", "p2", "s1", "idle"})
        create(hourlySpec(QString::fromLatin1(id)));
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    for (const char *id : {"p1", "p2", "s1"})
                        service.startAgent(QString::fromLatin1(id));
                    service.pauseAgent(QStringLiteral("p1"));
                    return service.pauseAgent(QStringLiteral("p2"));
                })
                .ok());
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("statusSidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), 6);
    const auto item = [&](Filter filter) {
        for (int row = 0; row < sidebar->count(); ++row) {
            if (sidebar->item(row)->data(Qt::UserRole).toInt() == int(filter))
                return sidebar->item(row);
        }
        return static_cast<QListWidgetItem *>(nullptr);
    };
    QCOMPARE(item(Filter::All)->text(), QStringLiteral("All (4)"));
    QCOMPARE(item(Filter::Paused)->text(), QStringLiteral("Paused (2)"));
    QCOMPARE(item(Filter::Scheduled)->text(), QStringLiteral("Scheduled (1)"));

    const QRect pausedRect = sidebar->visualItemRect(item(Filter::Paused));
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, pausedRect.center());
    QCOMPARE(window.filterProxy()->statusFilter(), Filter::Paused);
    QCOMPARE(window.agentTable()->model()->rowCount(), 2);
    QVERIFY(rowIndex(window, QStringLiteral("p1"), 0).isValid());
    QVERIFY(!rowIndex(window, QStringLiteral("s1"), 0).isValid());

    // Counts and the filtered table follow the engine.
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    return service.pauseAgent(QStringLiteral("s1"));
                })
                .ok());
    QTRY_COMPARE(item(Filter::Paused)->text(), QStringLiteral("Paused (3)"));
    QCOMPARE(item(Filter::Scheduled)->text(), QStringLiteral("Scheduled (0)"));
    QCOMPARE(window.agentTable()->model()->rowCount(), 3);

    QTest::mouseClick(sidebar->viewport(),
                      Qt::LeftButton,
                      {},
                      sidebar->visualItemRect(item(Filter::All)).center());
    QCOMPARE(window.agentTable()->model()->rowCount(), 4);
}

void TestMainWindow::searchBoxFilters()
{
    create(hourlySpec(QStringLiteral("local_check")));
    create(hourlySpec(QStringLiteral("remote_check")));
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    service.startAgent(QStringLiteral("remote_check"));
                    return service.pauseAgent(QStringLiteral("remote_check"));
                })
                .ok());
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("agentSearch"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("status:paused"));
    QCOMPARE(window.agentTable()->model()->rowCount(), 1);
    QVERIFY(rowIndex(window, QStringLiteral("remote_check"), 0).isValid());
    search->clear();
    QTest::keyClicks(search, QStringLiteral("local"));
    QCOMPARE(window.agentTable()->model()->rowCount(), 1);
    QVERIFY(rowIndex(window, QStringLiteral("local_check"), 0).isValid());
    search->clear();
    QTest::keyClicks(search, QStringLiteral("provider:openai"));
    QCOMPARE(window.agentTable()->model()->rowCount(), 0);
    search->clear();
    QCOMPARE(window.agentTable()->model()->rowCount(), 2);
    // Ctrl+F goes to the search box.
    window.activateWindow();
    window.agentTable()->setFocus();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
}

void TestMainWindow::cardsShowTotalsAndFilter()
{
    for (const char *id : {"s1", "s2", "p1", "idle"})
        create(hourlySpec(QString::fromLatin1(id)));
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    for (const char *id : {"s1", "s2", "p1"})
                        service.startAgent(QString::fromLatin1(id));
                    return service.pauseAgent(QStringLiteral("p1"));
                })
                .ok());
    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *cards = window.findChild<SummaryCards *>();
    QVERIFY(cards);
    QCOMPARE(cards->valueText(Filter::Scheduled), QStringLiteral("2"));
    QCOMPARE(cards->valueText(Filter::Paused), QStringLiteral("1"));
    QCOMPARE(cards->valueText(Filter::Running), QStringLiteral("0"));
    QCOMPARE(cards->valueText(Filter::RanToday), QStringLiteral("0"));

    QTest::mouseClick(cards->card(Filter::Scheduled), Qt::LeftButton);
    QCOMPARE(window.filterProxy()->statusFilter(), Filter::Scheduled);
    QVERIFY(cards->card(Filter::Scheduled)->isChecked());
    QCOMPARE(window.agentTable()->model()->rowCount(), 2);
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("statusSidebar"));
    QCOMPARE(Filter(sidebar->currentItem()->data(Qt::UserRole).toInt()), Filter::Scheduled);

    // A run today shows on its card, and that card filters to the agents that ran.
    QSignalSpy finished(m_host.get(), &EngineHost::runsFinished);
    QVERIFY(m_host
                ->call([](BackgroundAgentService &service) {
                    return service.runNow(QStringLiteral("idle"));
                })
                .ok());
    QVERIFY(finished.wait(10'000));
    QTRY_COMPARE(cards->valueText(Filter::RanToday), QStringLiteral("1"));
    QTest::mouseClick(cards->card(Filter::RanToday), Qt::LeftButton);
    QCOMPARE(window.agentTable()->model()->rowCount(), 1);
    QVERIFY(rowIndex(window, QStringLiteral("idle"), 0).isValid());
    QVERIFY(!cards->card(Filter::Scheduled)->isChecked());
    QVERIFY(!sidebar->currentItem());

    // A second click on the active card shows everything again.
    QTest::mouseClick(cards->card(Filter::RanToday), Qt::LeftButton);
    QCOMPARE(window.filterProxy()->statusFilter(), Filter::All);
    QCOMPARE(window.agentTable()->model()->rowCount(), 4);
    QVERIFY(!cards->card(Filter::RanToday)->isChecked());
}

void TestMainWindow::layoutIsRememberedAcrossWindows()
{
    create(hourlySpec(QStringLiteral("a")));
    create(hourlySpec(QStringLiteral("b")));
    {
        MainWindow first(m_host.get());
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.resize(1000, 640);
        auto *table = qobject_cast<QTableView *>(first.agentTable());
        table->horizontalHeader()->resizeSection(AgentTableModel::ScheduleColumn, 333);
        table->horizontalHeader()->moveSection(AgentTableModel::ModelColumn, 2);
        table->horizontalHeader()->setSectionHidden(AgentTableModel::FailuresColumn, true);
        table->sortByColumn(AgentTableModel::AgentIdColumn, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, 0).data(AgentTableModel::AgentIdRole).toString(),
                 QStringLiteral("b"));
        QVERIFY(first.close());
    }
    MainWindow second(m_host.get());
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    auto *table = qobject_cast<QTableView *>(second.agentTable());
    QHeaderView *header = table->horizontalHeader();
    QCOMPARE(second.size(), QSize(1000, 640));
    QCOMPARE(header->sectionSize(AgentTableModel::ScheduleColumn), 333);
    QCOMPARE(header->visualIndex(AgentTableModel::ModelColumn), 2);
    QVERIFY(header->isSectionHidden(AgentTableModel::FailuresColumn));
    QCOMPARE(header->sortIndicatorSection(), int(AgentTableModel::AgentIdColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, 0).data(AgentTableModel::AgentIdRole).toString(),
             QStringLiteral("b"));
}

void TestMainWindow::importsAndExportsConfigFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = dir.filePath(QStringLiteral("fleet.json"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([
  {"agent_id": "imported_one", "model_config": {"provider": "none"}, "interval": 300,
   "task_config": {"query": "check"}},
  {"agent_id": "imported_two", "model_config": {"provider": "openai", "model": "gpt-4o-mini"},
   "interval": 60, "task_config": {"query": "summarise", "max_retries": 1}}
])");
    file.close();

    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.importAgents(config));
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Imported 2 agent(s) from fleet.json"));
    const Result<AgentSpec> two = m_host->call([](BackgroundAgentService &service) {
        return service.getAgentSpec(QStringLiteral("imported_two"));
    });
    QVERIFY(two.ok());
    QCOMPARE(two->model.model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(engineState(QStringLiteral("imported_two")), AgentState::Idle);
    QTRY_COMPARE(cell(window, QStringLiteral("imported_two"), AgentTableModel::ModelColumn),
                 QStringLiteral("openai / gpt-4o-mini"));
    QCOMPARE(cell(window, QStringLiteral("imported_one"), AgentTableModel::ScheduleColumn),
             QStringLiteral("every 5 minutes"));

    const QString exported = dir.filePath(QStringLiteral("out.json"));
    selectAgents(window, {QStringLiteral("imported_two")});
    QVERIFY(window.agentAction(AgentAction::Delete)->isEnabled());
    QVERIFY(window.exportAgents(exported, window.selectedAgentIds()));
    const ConfigParseResult readBack = parseAgentConfigFile(exported);
    QVERIFY(readBack.ok());
    QCOMPARE(readBack.agents.size(), 1);
    AgentSpec expected = two.value();
    expected.revision = readBack.agents.first().revision;
    QCOMPARE(readBack.agents.first(), expected);
}

void TestMainWindow::refusesABrokenConfigFile()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("broken.json"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"agent_id": "bad", "model_config": {"provider": "none"}, "interval": "often"})");
    file.close();
    MainWindow window(m_host.get());
    QVERIFY(!window.importAgents(config));
    QVERIFY(window.statusBar()->currentMessage().startsWith(u"broken.json was not imported: "));
    QVERIFY(window.statusBar()->currentMessage().contains(u"interval"));
    QVERIFY(m_host->call([](BackgroundAgentService &service) { return service.listAgents(); })
                .isEmpty());
}

void TestMainWindow::statusBarShowsStoreConnectionAndEngine()
{
    MainWindow window(m_host.get());
    QCOMPARE(window.statusText(),
             QStringLiteral("In memory (nothing is kept) | Connected | Engine running"));
    QSignalSpy drained(m_host.get(), &EngineHost::drained);
    m_host->shutdown();
    QVERIFY(drained.wait(10'000));
    QVERIFY(window.statusText().endsWith(u"Engine stopped"));
}

void TestMainWindow::hooksForTheEditorAndSettings()
{
    MainWindow window(m_host.get());
    auto *templates = window.findChild<QMenu *>(QStringLiteral("templatesMenu"));
    QVERIFY(templates);
    QStringList names;
    for (QAction *action : templates->actions())
        names.append(action->text());
    QVERIFY2(names.size() >= 5, qPrintable(names.join(u", ")));
    QVERIFY(names.contains(QStringLiteral("system_monitor (every 5 minutes)")));

    QSignalSpy fromTemplate(&window, &MainWindow::newAgentFromTemplateRequested);
    templates->actions().first()->trigger();
    QCOMPARE(fromTemplate.count(), 1);
    QCOMPARE(fromTemplate.first().first().value<AgentSpec>().agentId,
             QStringLiteral("database_archival"));

    QSignalSpy newAgent(&window, &MainWindow::newAgentRequested);
    QSignalSpy settings(&window, &MainWindow::settingsRequested);
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->objectName() == u"newAgentAction" || action->objectName() == u"settingsAction")
            action->trigger();
    }
    QCOMPARE(newAgent.count(), 1);
    QCOMPARE(settings.count(), 1);
}

void TestMainWindow::editorCreatesFromATemplateAndUpdates()
{
    MainWindow window(m_host.get());
    window.show();
    const auto openEditor = [&window]() -> AgentEditorDialog * {
        AgentEditorDialog *found = nullptr;
        for (auto *editor : window.findChildren<AgentEditorDialog *>()) {
            if (editor->isVisible())
                found = editor;
        }
        return found;
    };
    auto *templates = window.findChild<QMenu *>(QStringLiteral("templatesMenu"));
    QVERIFY(templates);
    templates->actions().first()->trigger();
    AgentEditorDialog *editor = openEditor();
    QVERIFY(editor);
    QVERIFY(!editor->isEditing());
    QVERIFY(editor->isValid());
    QCOMPARE(editor->spec().agentId, QStringLiteral("database_archival"));
    editor->accept();
    QTRY_VERIFY(!openEditor());
    const auto revision = [this]() -> qint64 {
        return m_host->call([](BackgroundAgentService &service) {
            const Result<AgentSpec> spec
                = service.getAgentSpec(QStringLiteral("database_archival"));
            return spec ? spec->revision : qint64(-1);
        });
    };
    QCOMPARE(revision(), qint64(1));
    QTRY_VERIFY(rowIndex(window, QStringLiteral("database_archival"), 0).isValid());

    // Activating the row edits that agent; saving bumps its revision.
    Q_EMIT window.agentActivated(QStringLiteral("database_archival"));
    editor = openEditor();
    QVERIFY(editor);
    QVERIFY(editor->isEditing());
    editor->accept();
    QTRY_VERIFY(!openEditor());
    QCOMPARE(revision(), qint64(2));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"revision 2"),
             qPrintable(window.statusBar()->currentMessage()));
}

void TestMainWindow::detailsAndChartsFollowTheSelection()
{
    create(hourlySpec(QStringLiteral("alpha")));
    create(hourlySpec(QStringLiteral("beta")));
    MainWindow window(m_host.get());
    window.show();
    QTRY_COMPARE(window.agentTable()->model()->rowCount(), 2);
    QCOMPARE(window.details()->agentId(), QString());
    QCOMPARE(window.charts()->agentId(), QString());

    selectAgents(window, {QStringLiteral("beta")});
    QCOMPARE(window.details()->agentId(), QStringLiteral("beta"));
    QCOMPARE(window.charts()->agentId(), QStringLiteral("beta"));

    // Two agents: no single one to detail, so the charts show the fleet.
    selectAgents(window, {QStringLiteral("alpha"), QStringLiteral("beta")});
    QCOMPARE(window.details()->agentId(), QString());
    QCOMPARE(window.charts()->agentId(), QString());
}

void TestMainWindow::showsBeforeALargeFleetsSpecsThenHasThemAll()
{
    const int fleet = 2 * FleetFeed::SpecsPerPage + 5;
    QVERIFY(m_host->call([&](BackgroundAgentService &service) {
        for (int i = 0; i < fleet; ++i) {
            if (!service.create(
                    hourlySpec(QStringLiteral("agent-%1").arg(i, 4, 10, QLatin1Char('0')))))
                return false;
        }
        return true;
    }));
    const auto withoutSchedule = [](const QAbstractItemModel *model) {
        int count = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, AgentTableModel::ScheduleColumn).data().toString().isEmpty())
                ++count;
        }
        return count;
    };

    MainWindow window(m_host.get());
    QAbstractItemModelTester tester(window.agentTable()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModel *model = window.agentTable()->model();
    // Every agent has its row before the window shows; most of their specs come after.
    QCOMPARE(model->rowCount(), fleet);
    QCOMPARE(withoutSchedule(model), fleet - FleetFeed::SpecsPerPage);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(withoutSchedule(model), 0);
    QCOMPARE(model->rowCount(), fleet);
    QCOMPARE(cell(window,
                  QStringLiteral("agent-%1").arg(fleet - 1, 4, 10, QLatin1Char('0')),
                  AgentTableModel::ScheduleColumn),
             QStringLiteral("every hour"));
}

void TestMainWindow::chartsReadTheStoreOnceShown()
{
    AgentSpec spec = hourlySpec(QStringLiteral("ran"));
    create(spec);
    QSignalSpy finished(m_host.get(), &EngineHost::runsFinished);
    QVERIFY(m_host->call(
        [&](BackgroundAgentService &service) { return service.runNow(spec.agentId); }));
    QVERIFY(finished.wait(10'000));

    MainWindow window(m_host.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Behind the event log's tab, the charts have not asked the store for the fleet's runs.
    QVERIFY(window.charts()->visibleRegion().isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(window.charts()->statistics().total().runs, 0);

    auto *dock = qobject_cast<QDockWidget *>(window.charts()->parentWidget());
    QVERIFY(dock);
    dock->raise();
    QTRY_VERIFY(!window.charts()->visibleRegion().isEmpty());
    QTRY_COMPARE(window.charts()->statistics().total().runs, 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
