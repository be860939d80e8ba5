// The tray icon's counts and its pause-all / resume-all on a real engine.

#include "backgroundagentservice.h"
#include "enginehost.h"
#include "mainwindow.h"
#include "trayicon.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

AgentSpec hourly(const QString &id)
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = u"none"_s;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 3'600'000;
    return spec;
}

AgentStatus status(const QString &id, AgentState state)
{
    AgentStatus status;
    status.agentId = id;
    status.state = state;
    return status;
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    return texts;
}

} // namespace

class TestTrayIcon : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsFollowStatuses();
    void pauseAllAndResumeAll();
    void menuAsksTheEngineWhenItOpens();
    void actionsAskForWindowSettingsAndQuit();
    void withoutATrayClosingTheWindowQuits();
    void closingToTheTrayKeepsAgentsRunning();
    void closingWithTheTrayTurnedOffQuits();
};

void TestTrayIcon::countsFollowStatuses()
{
    EngineHost host; // not started: the tray knows only what it is told
    TrayIcon tray(&host);
    QCOMPARE(tray.counts(), TrayIcon::Counts());
    tray.applyStatuses({status(u"a"_s, AgentState::Running),
                        status(u"b"_s, AgentState::Scheduled),
                        status(u"c"_s, AgentState::Scheduled),
                        status(u"d"_s, AgentState::Paused),
                        status(u"e"_s, AgentState::Error),
                        status(u"f"_s, AgentState::Idle)});
    QCOMPARE(tray.counts(), (TrayIcon::Counts{1, 2, 1, 1}));
    // A later status replaces the agent's earlier one.
    tray.applyStatuses({status(u"a"_s, AgentState::Scheduled)});
    QCOMPARE(tray.counts(), (TrayIcon::Counts{0, 3, 1, 1}));
    QVERIFY(actionTexts(tray.menu()).contains(u"Scheduled: 3"_s));
    QVERIFY(actionTexts(tray.menu()).contains(u"Errored: 1"_s));
    QVERIFY(tray.trayIcon()->toolTip().contains(u"3 scheduled"_s));
    QVERIFY(!tray.trayIcon()->icon().isNull());
}

void TestTrayIcon::pauseAllAndResumeAll()
{
    EngineHost host;
    QVERIFY(host.start(u"memory:"_s).ok());
    for (const QString &id : {u"one"_s, u"two"_s, u"idle"_s}) {
        QVERIFY(
            host.call([&](BackgroundAgentService &service) { return service.create(hourly(id)); })
                .ok());
    }
    for (const QString &id : {u"one"_s, u"two"_s}) {
        QVERIFY(host.call([&](BackgroundAgentService &service) { return service.startAgent(id); })
                    .ok());
    }
    TrayIcon tray(&host);
    QCOMPARE(tray.counts().scheduled, 2);

    tray.pauseAll();
    QCOMPARE(tray.counts().paused, 2);
    QCOMPARE(tray.counts().scheduled, 0);
    const auto states = [&host] {
        QHash<QString, AgentState> byId;
        for (const AgentStatus &s :
             host.call([](BackgroundAgentService &service) { return service.listAgents(); }))
            byId.insert(s.agentId, s.state);
        return byId;
    };
    QCOMPARE(states().value(u"one"_s), AgentState::Paused);
    QCOMPARE(states().value(u"two"_s), AgentState::Paused);
    QCOMPARE(states().value(u"idle"_s), AgentState::Idle);
    QCOMPARE(
        host.call([](BackgroundAgentService &service) { return service.getAgentStatus(u"one"_s); })
            ->pauseReason,
        u"paused from the tray"_s);

    tray.resumeAll();
    QCOMPARE(tray.counts().scheduled, 2);
    QCOMPARE(states().value(u"one"_s), AgentState::Scheduled);
    QCOMPARE(states().value(u"idle"_s), AgentState::Idle);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestTrayIcon::menuAsksTheEngineWhenItOpens()
{
    EngineHost host;
    QVERIFY(host.start(u"memory:"_s).ok());
    TrayIcon tray(&host);
    QVERIFY(
        host.call([](BackgroundAgentService &service) { return service.create(hourly(u"gone"_s)); })
            .ok());
    QVERIFY(host.call([](BackgroundAgentService &service) { return service.startAgent(u"gone"_s); })
                .ok());
    QTRY_COMPARE(tray.counts().scheduled, 0); // nothing fed it yet
    Q_EMIT tray.menu()->aboutToShow();
    QCOMPARE(tray.counts().scheduled, 1);
    // A deleted agent sends no status; opening the menu forgets it all the same.
    QVERIFY(
        host.call([](BackgroundAgentService &service) { return service.remove(u"gone"_s); }).ok());
    Q_EMIT tray.menu()->aboutToShow();
    QCOMPARE(tray.counts().scheduled, 0);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestTrayIcon::actionsAskForWindowSettingsAndQuit()
{
    EngineHost host;
    TrayIcon tray(&host);
    QSignalSpy showWindow(&tray, &TrayIcon::showWindowRequested);
    QSignalSpy settings(&tray, &TrayIcon::settingsRequested);
    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    for (QAction *action : tray.menu()->actions()) {
        if (action->text() == u"Show window"_s || action->text() == u"Settings…"_s
            || action->text() == u"Quit"_s)
            action->trigger();
    }
    QCOMPARE(showWindow.size(), 1);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(quit.size(), 1);
    QVERIFY(actionTexts(tray.menu()).contains(u"Pause all"_s));
    QVERIFY(actionTexts(tray.menu()).contains(u"Resume all"_s));
}

void TestTrayIcon::withoutATrayClosingTheWindowQuits()
{
    EngineHost host;
    TrayIcon tray(&host);
    tray.show();
    // The offscreen platform has no tray, as some desktops do not.
    QVERIFY(!tray.isUsable());
    QWidget window;
    tray.keepRunningInTray(&window, [] { return true; });
    QVERIFY(!QGuiApplication::quitOnLastWindowClosed());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Not hidden to a tray that is not there: the close goes through (and the app quits).
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
}

void TestTrayIcon::closingToTheTrayKeepsAgentsRunning()
{
    EngineHost host;
    QVERIFY(host.start(u"memory:"_s).ok());
    QVERIFY(host.call([](BackgroundAgentService &service) {
                    return service.create(hourly(u"nightly"_s));
                })
                .ok());
    MainWindow window(&host);
    TrayIcon tray(&host);
    // The offscreen platform has no tray; this stands in for a desktop with one.
    tray.setTrayAvailable([] { return true; });
    tray.show();
    QVERIFY(tray.isUsable());
    tray.keepRunningInTray(&window, [] { return true; });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // QCoreApplication::quit() acts only inside exec(), so the application's loop runs here as
    // in the dashboard: a quit would end it with 0, a finished run ends it with RunCompleted.
    constexpr int RunCompleted = 7;
    bool closed = true;
    QString runId;
    QTimer::singleShot(0, &window, [&] {
        closed = window.close();
        const Result<QString> run = host.call(
            [](BackgroundAgentService &service) { return service.runNow(u"nightly"_s); });
        // Without a run the loop ends only by giving up, which the test reports.
        runId = run ? *run : QString();
    });
    connect(&host, &EngineHost::runsFinished, &window, [&runId](const QList<RunRecord> &runs) {
        for (const RunRecord &run : runs) {
            if (run.runId == runId && run.state == RunState::Completed)
                QCoreApplication::exit(RunCompleted);
        }
    });
    QTimer giveUp;
    giveUp.setSingleShot(true);
    connect(&giveUp, &QTimer::timeout, &window, [] { QCoreApplication::exit(1); });
    giveUp.start(20'000);
    QCOMPARE(QCoreApplication::exec(), RunCompleted);
    QVERIFY(!closed);
    QVERIFY(!window.isVisible());
    QVERIFY(host.isStarted());

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestTrayIcon::closingWithTheTrayTurnedOffQuits()
{
    EngineHost host;
    QVERIFY(host.start(u"memory:"_s).ok());
    MainWindow window(&host);
    TrayIcon tray(&host);
    tray.setTrayAvailable([] { return true; });
    tray.show();
    bool closeToTray = true;
    tray.keepRunningInTray(&window, [&closeToTray] { return closeToTray; });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Turned off in Settings while the window is open: the next close takes it at its word.
    closeToTray = false;
    bool closed = false;
    QTimer::singleShot(0, &window, [&] { closed = window.close(); });
    QTimer giveUp;
    giveUp.setSingleShot(true);
    connect(&giveUp, &QTimer::timeout, &window, [] { QCoreApplication::exit(1); });
    giveUp.start(20'000);
    QCOMPARE(QCoreApplication::exec(), 0);
    QVERIFY(closed);
    QVERIFY(!window.isVisible());

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
