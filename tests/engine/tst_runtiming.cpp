#include "runtiming.h"

#include <QTest>

using namespace nightshift;

namespace {

constexpr qint64 Due = 1'767'225'600'000; // 2026-01-01T00:00:00Z

RunRecord ran(RunOrigin origin, qint64 lateMs, RunState state = RunState::Completed)
{
    RunRecord run;
    run.origin = origin;
    run.occurrenceMs = Due;
    run.startedMs = Due + lateMs;
    run.finishedMs = run.startedMs + 500;
    run.state = state;
    return run;
}

RunRecord notRun(RunState state, const QString &reason)
{
    RunRecord run;
    run.occurrenceMs = Due;
    run.state = state;
    run.skipReason = reason;
    return run;
}

} // namespace

class TestRunTiming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lateness_data();
    void lateness();
    void notAsScheduled_data();
    void notAsScheduled();
};

void TestRunTiming::lateness_data()
{
    QTest::addColumn<RunRecord>("run");
    QTest::addColumn<qint64>("lateMs"); // -1: none
    QTest::addColumn<bool>("late");
    QTest::newRow("to the ms") << ran(RunOrigin::Scheduled, 0) << qint64(0) << false;
    QTest::newRow("within a second") << ran(RunOrigin::Scheduled, 1000) << qint64(1000) << false;
    QTest::newRow("just past a second") << ran(RunOrigin::Scheduled, 1001) << qint64(1001) << true;
    QTest::newRow("two minutes") << ran(RunOrigin::Scheduled, 125'000) << qint64(125'000) << true;
    QTest::newRow("early counts as on time") << ran(RunOrigin::Scheduled, -3) << qint64(0) << false;
    QTest::newRow("catch-up, hours after")
        << ran(RunOrigin::CatchUp, 3 * 3'600'000) << qint64(3 * 3'600'000) << true;
    QTest::newRow("manual has no due time")
        << ran(RunOrigin::Manual, 90'000) << qint64(-1) << false;
    QTest::newRow("skipped never started")
        << notRun(RunState::Skipped, QStringLiteral("overlap")) << qint64(-1) << false;
    QTest::newRow("missed never started")
        << notRun(RunState::Missed, QStringLiteral("not_running")) << qint64(-1) << false;
    QTest::newRow("queued not started yet")
        << notRun(RunState::Queued, QString()) << qint64(-1) << false;
}

void TestRunTiming::lateness()
{
    QFETCH(RunRecord, run);
    QFETCH(qint64, lateMs);
    QFETCH(bool, late);
    QCOMPARE(runLateMs(run).value_or(-1), lateMs);
    QCOMPARE(startedLate(run), late);
}

void TestRunTiming::notAsScheduled_data()
{
    QTest::addColumn<RunRecord>("run");
    QTest::addColumn<bool>("notAsScheduled");
    QTest::newRow("on time, completed") << ran(RunOrigin::Scheduled, 200) << false;
    QTest::newRow("late by a minute exactly") << ran(RunOrigin::Scheduled, 60'000) << false;
    QTest::newRow("late beyond a minute") << ran(RunOrigin::Scheduled, 60'001) << true;
    QTest::newRow("a few seconds late") << ran(RunOrigin::Scheduled, 5000) << false;
    QTest::newRow("manual, whenever") << ran(RunOrigin::Manual, 600'000) << false;
    QTest::newRow("retry") << ran(RunOrigin::Retry, 30'000) << false;
    QTest::newRow("catch-up, even on time") << ran(RunOrigin::CatchUp, 0) << true;
    QTest::newRow("failed") << ran(RunOrigin::Scheduled, 0, RunState::Failed) << true;
    QTest::newRow("timed out") << ran(RunOrigin::Scheduled, 0, RunState::TimedOut) << true;
    QTest::newRow("interrupted") << ran(RunOrigin::Scheduled, 0, RunState::Interrupted) << true;
    QTest::newRow("manual and failed") << ran(RunOrigin::Manual, 0, RunState::Failed) << true;
    QTest::newRow("cancelled by someone")
        << ran(RunOrigin::Scheduled, 0, RunState::Cancelled) << false;
    QTest::newRow("running") << ran(RunOrigin::Scheduled, 0, RunState::Running) << false;
    QTest::newRow("skipped") << notRun(RunState::Skipped, QStringLiteral("overlap")) << true;
    QTest::newRow("missed") << notRun(RunState::Missed, QStringLiteral("not_running")) << true;
}

void TestRunTiming::notAsScheduled()
{
    QFETCH(RunRecord, run);
    QFETCH(bool, notAsScheduled);
    QCOMPARE(wentNotAsScheduled(run), notAsScheduled);
}

QTEST_GUILESS_MAIN(TestRunTiming)
#include "tst_runtiming.moc"
