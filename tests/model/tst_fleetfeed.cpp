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

AgentStatus statusOf(const QString &id, AgentState state, qint64 runs = 0, int revision = 1)
{
    AgentStatus status;
    status.agentId = id;
    status.state = state;
    status.runCount = runs;
    status.specRevision = revision;
    return status;
}

int rowsWithSpecs(const AgentTableModel &model)
{
    int count = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.agentAt(row).specRevision >= 0)
            ++count;
    }
    return count;
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
    void listsEveryAgentAtOnceAndSpecsInPages();
    void statusBatchesWaitForThePauseAndGoInTogether();
    void asksNoMoreForASpecTheEngineLacks();
    void dropsWaitingStatusesOfRemovedAgents();

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

void TestFleetFeed::listsEveryAgentAtOnceAndSpecsInPages()
{
    const int fleet = 2 * FleetFeed::SpecsPerPage + 10;
    QVERIFY(m_host->call([&](BackgroundAgentService &s) {
        for (int i = 0; i < fleet; ++i) {
            const Result<AgentStatus> created
                = s.create(manualSpec(QStringLiteral("agent-%1").arg(i, 4, 10, QLatin1Char('0'))));
            if (!created)
                return false;
        }
        return true;
    }));

    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FleetFeed feed(m_host.get(), &model);
    QSignalSpy fetched(&feed, &FleetFeed::specsFetched);
    feed.load();
    // Every agent has its row at once; the first page has its spec, the others follow.
    QCOMPARE(model.rowCount(), fleet);
    QCOMPARE(rowsWithSpecs(model), FleetFeed::SpecsPerPage);
    QVERIFY(feed.isFetchingSpecs());
    QList<int> progress{FleetFeed::SpecsPerPage};
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
        if (const int withSpecs = rowsWithSpecs(model); withSpecs != progress.last())
            progress.append(withSpecs);
    });

    QVERIFY(fetched.wait(10'000));
    QVERIFY(!feed.isFetchingSpecs());
    QCOMPARE(rowsWithSpecs(model), fleet);
    QCOMPARE(scheduleOf(model, QStringLiteral("agent-%1").arg(fleet - 1, 4, 10, QLatin1Char('0'))),
             QStringLiteral("manual only"));
    // A page at a time.
    QCOMPARE(progress, (QList<int>{FleetFeed::SpecsPerPage, 2 * FleetFeed::SpecsPerPage, fleet}));
}

void TestFleetFeed::statusBatchesWaitForThePauseAndGoInTogether()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FleetFeed feed(m_host.get(), &model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");

    // The first batch after a quiet spell shows at once.
    Q_EMIT m_host->agentsUpdated({statusOf(a, AgentState::Scheduled, 1)});
    QCOMPARE(model.rowCount(), 1);

    // Batches right after it wait for the pause, each agent's latest status kept.
    Q_EMIT m_host->agentsUpdated(
        {statusOf(a, AgentState::Running, 2), statusOf(b, AgentState::Idle)});
    Q_EMIT m_host->agentsUpdated({statusOf(a, AgentState::Paused, 3)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.agentAt(model.rowOf(a)).status.state, AgentState::Scheduled);

    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.agentAt(model.rowOf(a)).status.state, AgentState::Paused);
    QCOMPARE(model.agentAt(model.rowOf(a)).status.runCount, 3);
    QCOMPARE(model.agentAt(model.rowOf(b)).status.state, AgentState::Idle);
}

void TestFleetFeed::asksNoMoreForASpecTheEngineLacks()
{
    AgentTableModel model;
    FleetFeed feed(m_host.get(), &model);
    QSignalSpy fetched(&feed, &FleetFeed::specsFetched);
    const QString ghost = QStringLiteral("ghost");

    Q_EMIT m_host->agentsUpdated({statusOf(ghost, AgentState::Scheduled, 1)});
    QVERIFY(feed.isFetchingSpecs());
    QVERIFY(fetched.wait(5000));
    QCOMPARE(model.agentAt(model.rowOf(ghost)).specRevision, -1);

    // The same revision again: the engine's answer would be the same.
    Q_EMIT m_host->agentsUpdated({statusOf(ghost, AgentState::Running, 2)});
    QTRY_COMPARE(model.agentAt(model.rowOf(ghost)).status.runCount, 2);
    QVERIFY(!feed.isFetchingSpecs());
    QCoreApplication::processEvents();
    QCOMPARE(fetched.count(), 1);

    // A new revision is asked for.
    Q_EMIT m_host->agentsUpdated({statusOf(ghost, AgentState::Running, 3, 2)});
    QTRY_COMPARE(fetched.count(), 2);
}

void TestFleetFeed::dropsWaitingStatusesOfRemovedAgents()
{
    const QString doomed = QStringLiteral("doomed");
    AgentTableModel model;
    FleetFeed feed(m_host.get(), &model);
    Q_EMIT m_host->agentsUpdated({statusOf(doomed, AgentState::Scheduled, 1)});
    QCOMPARE(model.rowCount(), 1);
    // Its last status waits for the pause while the agent is deleted here.
    Q_EMIT m_host->agentsUpdated({statusOf(doomed, AgentState::Stopped, 2)});
    feed.noteRemoved({doomed});
    QCOMPARE(model.rowCount(), 0);

    Q_EMIT m_host->agentsUpdated({statusOf(QStringLiteral("other"), AgentState::Idle)});
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(doomed), -1);
}

QTEST_GUILESS_MAIN(TestFleetFeed)
#include "tst_fleetfeed.moc"
