#include "backgroundagentservice.h"
#include "enginehost.h"
#include "mainwindow.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace nightshift;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheFleetLiveFromTheEngineThread();
    void saysWhyTheEngineDidNotStart();
};

void TestMainWindow::showsTheFleetLiveFromTheEngineThread()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    AgentSpec spec;
    spec.agentId = QStringLiteral("tick");
    spec.model.provider = QStringLiteral("none");
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 1000;
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }).ok());

    MainWindow window(&host);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(window.statusBar()->findChildren<QWidget *>().size() > 0);

    QVERIFY(
        host.call([&](BackgroundAgentService &service) { return service.startAgent(spec.agentId); })
            .ok());
    // Runs complete on the engine thread; their batches reach the table on this one.
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->index(0, 2).data().toInt() >= 1, 10'000);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
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
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
