#include "runstatistics.h"

#include <QTest>

using namespace nightshift;

namespace {

constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 HourMs = 60 * Minute;
constexpr qint64 DayMs = 24 * HourMs;

int serial = 0;

RunRecord run(const QString &agentId,
              qint64 startedMs,
              RunState state = RunState::Completed,
              qint64 durationMs = Second,
              qint64 tokens = 0)
{
    RunRecord record;
    record.runId = QString::number(++serial);
    record.agentId = agentId;
    record.state = state;
    record.occurrenceMs = startedMs;
    if (state != RunState::Skipped && state != RunState::Missed) {
        record.startedMs = startedMs;
        record.finishedMs = startedMs + durationMs;
    }
    record.usage.inputTokens = tokens / 2;
    record.usage.outputTokens = tokens - tokens / 2;
    return record;
}

} // namespace

class TestRunStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowsAndBuckets_data();
    void windowsAndBuckets();
    void bucketEdges();
    void localTimeAlignsBuckets();
    void countsRunsErrorsAndSkips();
    void durationsAndTokens();
    void agentOrFleet();
};

void TestRunStatistics::windowsAndBuckets_data()
{
    QTest::addColumn<StatsWindow>("window");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<qint64>("bucketLength");
    QTest::newRow("1 h") << StatsWindow::Hour << 60 << Minute;
    QTest::newRow("24 h") << StatsWindow::Day << 24 << HourMs;
    QTest::newRow("7 d") << StatsWindow::Week << 28 << 6 * HourMs;
    QTest::newRow("30 d") << StatsWindow::Month << 30 << DayMs;
}

void TestRunStatistics::windowsAndBuckets()
{
    QFETCH(StatsWindow, window);
    QFETCH(int, buckets);
    QFETCH(qint64, bucketLength);
    const qint64 now = T0 + 10 * DayMs + 5 * HourMs + 7 * Minute + 30 * Second;
    const RunStatistics stats(window, now);
    QCOMPARE(stats.buckets().size(), buckets);
    QCOMPARE(RunStatistics::bucketLength(window), bucketLength);
    QCOMPARE(RunStatistics::windowLength(window), buckets * bucketLength);
    // Whole periods, the last one holding now, one after the other.
    QCOMPARE(stats.startMs() % bucketLength, 0);
    QVERIFY(stats.buckets().last().startMs <= now);
    QVERIFY(now < stats.buckets().last().endMs);
    QCOMPARE(stats.endMs(), stats.buckets().last().endMs);
    for (qsizetype n = 1; n < stats.buckets().size(); ++n)
        QCOMPARE(stats.buckets().at(n).startMs, stats.buckets().at(n - 1).endMs);
    QCOMPARE(stats.endMs() - stats.startMs(), RunStatistics::windowLength(window));
}

void TestRunStatistics::bucketEdges()
{
    // now is 00:59:30 past T0: minutes 0..59 are the buckets.
    RunStatistics stats(StatsWindow::Hour, T0 + 59 * Minute + 30 * Second);
    QCOMPARE(stats.startMs(), T0);
    stats.addRun(run(QStringLiteral("a"), T0 - 1));               // before the window
    stats.addRun(run(QStringLiteral("a"), T0));                   // first bucket's start
    stats.addRun(run(QStringLiteral("a"), T0 + Minute - 1));      // first bucket's end
    stats.addRun(run(QStringLiteral("a"), T0 + Minute));          // second bucket's start
    stats.addRun(run(QStringLiteral("a"), T0 + 60 * Minute - 1)); // last bucket's end
    stats.addRun(run(QStringLiteral("a"), T0 + 60 * Minute));     // after the window
    QCOMPARE(stats.buckets().at(0).runs, 2);
    QCOMPARE(stats.buckets().at(1).runs, 1);
    QCOMPARE(stats.buckets().at(59).runs, 1);
    QCOMPARE(stats.total().runs, 4);
}

void TestRunStatistics::localTimeAlignsBuckets()
{
    // Two hours east of UTC, a day bucket starts at 22:00 UTC, the local midnight.
    const qint64 offset = 2 * HourMs;
    RunStatistics stats(StatsWindow::Month, T0 + 12 * HourMs, offset);
    QCOMPARE(stats.buckets().last().startMs, T0 - offset);
    QCOMPARE(stats.buckets().last().endMs, T0 + DayMs - offset);
    stats.addRun(run(QStringLiteral("a"), T0 - offset - 1));
    stats.addRun(run(QStringLiteral("a"), T0 - offset));
    QCOMPARE(stats.buckets().at(28).runs, 1);
    QCOMPARE(stats.buckets().at(29).runs, 1);
}

void TestRunStatistics::countsRunsErrorsAndSkips()
{
    RunStatistics stats(StatsWindow::Day, T0 + 23 * HourMs);
    const qint64 at = T0 + 3 * HourMs;
    for (const RunState state : {RunState::Completed,
                                 RunState::Completed,
                                 RunState::Failed,
                                 RunState::TimedOut,
                                 RunState::Interrupted,
                                 RunState::Cancelled,
                                 RunState::Skipped,
                                 RunState::Missed,
                                 RunState::Queued,
                                 RunState::Running})
        stats.addRun(run(QStringLiteral("a"), at, state));
    const StatsBucket &bucket = stats.buckets().at(3);
    QCOMPARE(bucket.runs, 6);    // everything that ran and ended, the cancelled one included
    QCOMPARE(bucket.errors, 3);  // failed, timed out, interrupted
    QCOMPARE(bucket.skipped, 2); // skipped and missed: no work done, so no runs
    QCOMPARE(stats.total().runs, 6);
    QCOMPARE(stats.total().errors, 3);
    QCOMPARE(stats.total().skipped, 2);
    // A skipped occurrence counts where it was due.
    RunRecord skipped = run(QStringLiteral("a"), T0 + 5 * HourMs, RunState::Skipped);
    QCOMPARE(skipped.startedMs, 0);
    stats.addRun(skipped);
    QCOMPARE(stats.buckets().at(5).skipped, 1);
}

void TestRunStatistics::durationsAndTokens()
{
    RunStatistics stats(StatsWindow::Hour, T0 + 30 * Minute);
    const qint64 start = stats.startMs();
    stats.addRun(run(QStringLiteral("a"), start, RunState::Completed, 2 * Second, 100));
    stats.addRun(run(QStringLiteral("a"), start + Second, RunState::Failed, 6 * Second, 301));
    stats.addRun(run(QStringLiteral("a"), start + 2 * Second, RunState::Skipped, 0, 0));
    const StatsBucket &bucket = stats.buckets().first();
    QCOMPARE(bucket.runs, 2);
    QCOMPARE(bucket.totalDurationMs, 8 * Second);
    QCOMPARE(bucket.meanDurationMs(), 4 * Second);
    QCOMPARE(bucket.maxDurationMs, 6 * Second);
    QCOMPARE(bucket.tokens, 401);
    QCOMPARE(bucket.tokensPerRun(), 200);
    const StatsBucket &empty = stats.buckets().at(1);
    QCOMPARE(empty.meanDurationMs(), 0);
    QCOMPARE(empty.tokensPerRun(), 0);
}

void TestRunStatistics::agentOrFleet()
{
    const QList<RunRecord> runs{run(QStringLiteral("a"), T0 + Minute),
                                run(QStringLiteral("a"), T0 + 2 * Minute, RunState::Failed),
                                run(QStringLiteral("b"), T0 + 2 * Minute),
                                run(QStringLiteral("c"), T0 + 3 * Minute, RunState::Failed)};
    RunStatistics fleet(StatsWindow::Hour, T0 + 10 * Minute);
    fleet.addRuns(runs);
    QCOMPARE(fleet.total().runs, 4);
    QCOMPARE(fleet.total().errors, 2);
    RunStatistics one(StatsWindow::Hour, T0 + 10 * Minute);
    one.addRuns(runs, QStringLiteral("a"));
    QCOMPARE(one.total().runs, 2);
    QCOMPARE(one.total().errors, 1);
}

QTEST_GUILESS_MAIN(TestRunStatistics)
#include "tst_runstatistics.moc"
