#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "enginehost.h"
#include "fleetfeed.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

AgentSpec manualSpec(const QString &id)
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = QStringLiteral("none");
    spec.schedule.kind = Schedule::Kind::Manual;
    return spec;
}

QString scheduleOf(const AgentTableModel &model, const QString &id)
{
    const int row = model.rowOf(id);
    return row < 0 ? QString()
                   : model.index(row, AgentTableModel::ScheduleColumn).data().toString();
}

} // namespace

class TestFleetFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loadsAgentsWithSpecsAndFollowsTheEngine();
    void countsRunsTodayFromTheStoreThenLive();
    void staysEmptyWithoutAnEngine();

private:
    Result<void> runOnce(const QString &agentId);

    std::unique_ptr<EngineHost> m_host;
};

void TestFleetFeed::init()
{
    m_host = std::make_unique<EngineHost>();
    QVERIFY(m_host->start(QStringLiteral("memory:")).ok());
}

void TestFleetFeed::cleanup()
{
    QSignalSpy drained(m_host.get(), &EngineHost::drained);
    m_host->shutdown();
    QVERIFY(drained.wait(10'000));
    m_host.reset();
}

Result<void> TestFleetFeed::runOnce(const QString &agentId)
{
    QSignalSpy finished(m_host.get(), &EngineHost::runsFinished);
    const Result<QString> started
        = m_host->call([&](BackgroundAgentService &service) { return service.runNow(agentId); });
    if (!started)
        return started.error();
    if (!finished.wait(10'000))
        return makeError(ErrorCode::Timeout, QStringLiteral("the run did not finish"));
    return {};
}

void TestFleetFeed::loadsAgentsWithSpecsAndFollowsTheEngine()
{
    AgentSpec hourly = manualSpec(QStringLiteral("hourly"));
    hourly.schedule.kind = Schedule::Kind::Interval;
    hourly.schedule.intervalMs = 3'600'000;
    QVERIFY(m_host->call([&](BackgroundAgentService &s) { return s.create(hourly); }).ok());

    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FleetFeed feed(m_host.get(), &model);
    feed.load();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(scheduleOf(model, QStringLiteral("hourly")), QStringLiteral("every hour"));

    // A new agent arrives with a status batch; its spec is fetched for the schedule.
    QVERIFY(m_host
                ->call([&](BackgroundAgentService &s) {
                    return s.create(manualSpec(QStringLiteral("later")));
                })
                .ok());
    QTRY_COMPARE(scheduleOf(model, QStringLiteral("later")), QStringLiteral("manual only"));

    // An edit bumps the revision; the new spec is fetched.
    hourly.schedule.intervalMs = 300'000;
    QVERIFY(m_host->call([&](BackgroundAgentService &s) { return s.update(hourly); }).ok());
    QTRY_COMPARE(scheduleOf(model, QStringLiteral("hourly")), QStringLiteral("every 5 minutes"));

    // A removal made elsewhere (the CLI, another dashboard) arrives as an event.
    QVERIFY(
        m_host->call([&](BackgroundAgentService &s) { return s.remove(QStringLiteral("hourly")); })
            .ok());
    QTRY_COMPARE(model.rowOf(QStringLiteral("hourly")), -1);
    QCOMPARE(model.rowCount(), 1);

    // The same id created again is a new agent, not a removed one.
    QVERIFY(m_host->call([&](BackgroundAgentService &s) { return s.create(hourly); }).ok());
    QTRY_VERIFY(model.rowOf(QStringLiteral("hourly")) >= 0);
    QTRY_COMPARE(scheduleOf(model, QStringLiteral("hourly")), QStringLiteral("every 5 minutes"));
}

void TestFleetFeed::countsRunsTodayFromTheStoreThenLive()
{
    const QString id = QStringLiteral("worker");
    QVERIFY(m_host->call([&](BackgroundAgentService &s) { return s.create(manualSpec(id)); }).ok());
    QVERIFY(m_host
                ->call([&](BackgroundAgentService &s) {
                    return s.create(manualSpec(QStringLiteral("idle")));
                })
                .ok());
    QVERIFY(runOnce(id).ok());
    QVERIFY(runOnce(id).ok());

    AgentTableModel model;
    FleetFeed feed(m_host.get(), &model);
    QSignalSpy counted(&feed, &FleetFeed::runsCounted);
    feed.load();
    QVERIFY(feed.isCountingRuns());
    QVERIFY(counted.wait(5000));
    QVERIFY(!feed.isCountingRuns());
    QCOMPARE(model.totals().runsToday, 2);
    QCOMPARE(model.agentAt(model.rowOf(id)).runsToday, 2);
    // The sparkline starts from the same runs.
    const auto durations = [&] {
        return model.index(model.rowOf(id), AgentTableModel::RecentDurationsColumn)
            .data(AgentTableModel::DurationsRole)
            .value<QList<qint64>>();
    };
    QCOMPARE(durations().size(), 2);

    QVERIFY(runOnce(id).ok());
    QTRY_COMPARE(model.totals().runsToday, 3);
    QCOMPARE(durations().size(), 3);
}

void TestFleetFeed::staysEmptyWithoutAnEngine()
{
    EngineHost stopped;
    AgentTableModel model;
    FleetFeed feed(&stopped, &model);
    feed.load();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!feed.isCountingRuns());
}

QTEST_GUILESS_MAIN(TestFleetFeed)
#include "tst_fleetfeed.moc"
