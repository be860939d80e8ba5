#include "runhistoryfilterproxy.h"
#include "runhistorymodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace nightshift;

namespace {

constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 Hour = 3'600'000;

/// A run due at T0 + n hours that started lateMs after it.
RunRecord ran(const QString &id,
              int n,
              qint64 lateMs,
              RunState state = RunState::Completed,
              RunOrigin origin = RunOrigin::Scheduled)
{
    RunRecord run;
    run.runId = id;
    run.agentId = QStringLiteral("a");
    run.origin = origin;
    run.occurrenceMs = T0 + n * Hour;
    run.startedMs = run.occurrenceMs + lateMs;
    run.finishedMs = isFinal(state) ? run.startedMs + 4000 : 0;
    run.state = state;
    run.attempts = 1;
    return run;
}

RunRecord notRun(const QString &id, int n, RunState state, const QString &reason)
{
    RunRecord run;
    run.runId = id;
    run.agentId = QStringLiteral("a");
    run.occurrenceMs = T0 + n * Hour;
    run.state = state;
    run.skipReason = reason;
    return run;
}

QStringList shownIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(RunHistoryModel::RunIdRole).toString());
    return ids;
}

} // namespace

class TestRunHistoryFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsExactlyTheOccurrencesNotRunAsScheduled();
    void followsRunsAsTheyChange();
    void sortsByRawValues();
};

void TestRunHistoryFilterProxy::showsExactlyTheOccurrencesNotRunAsScheduled()
{
    RunHistoryModel model;
    RunHistoryFilterProxy proxy(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(RunHistoryModel::StartedColumn, Qt::DescendingOrder);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns({
        ran(QStringLiteral("on-time"), 13, 300),
        ran(QStringLiteral("seconds-late"), 12, 45'000),
        ran(QStringLiteral("minutes-late"), 11, 125'000),
        ran(QStringLiteral("manual"), 10, 600'000, RunState::Completed, RunOrigin::Manual),
        ran(QStringLiteral("catch-up"), 9, 0, RunState::Completed, RunOrigin::CatchUp),
        ran(QStringLiteral("failed"), 8, 0, RunState::Failed),
        ran(QStringLiteral("timed-out"), 7, 0, RunState::TimedOut),
        ran(QStringLiteral("interrupted"), 6, 0, RunState::Interrupted),
        ran(QStringLiteral("cancelled"), 5, 0, RunState::Cancelled),
        notRun(QStringLiteral("skipped"), 4, RunState::Skipped, QStringLiteral("overlap")),
        notRun(QStringLiteral("missed"), 3, RunState::Missed, QStringLiteral("not_running")),
        ran(QStringLiteral("retry"), 2, 20'000, RunState::Completed, RunOrigin::Retry),
    });
    const QStringList all = shownIds(proxy);
    QCOMPARE(all.size(), 12);
    QVERIFY(!proxy.notAsScheduledOnly());

    proxy.setNotAsScheduledOnly(true);
    QVERIFY(proxy.notAsScheduledOnly());
    QCOMPARE(shownIds(proxy),
             (QStringList{QStringLiteral("minutes-late"),
                          QStringLiteral("catch-up"),
                          QStringLiteral("failed"),
                          QStringLiteral("timed-out"),
                          QStringLiteral("interrupted"),
                          QStringLiteral("skipped"),
                          QStringLiteral("missed")}));

    proxy.setNotAsScheduledOnly(false);
    QCOMPARE(shownIds(proxy), all);
}

void TestRunHistoryFilterProxy::followsRunsAsTheyChange()
{
    RunHistoryModel model;
    RunHistoryFilterProxy proxy(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns({ran(QStringLiteral("running"), 2, 0, RunState::Running),
                   ran(QStringLiteral("done"), 1, 0)});
    proxy.setNotAsScheduledOnly(true);
    QCOMPARE(proxy.rowCount(), 0);

    // The running run ends failed: it replaces its row and the filter takes it in.
    model.applyFinishedRuns({ran(QStringLiteral("running"), 2, 0, RunState::Failed)});
    QCOMPARE(shownIds(proxy), QStringList{QStringLiteral("running")});
    // A new occurrence skipped, and a new one on time: only the first shows.
    model.applyFinishedRuns(
        {notRun(QStringLiteral("overlapped"), 3, RunState::Skipped, QStringLiteral("overlap")),
         ran(QStringLiteral("fine"), 4, 10)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(proxy.rowCount(), 2);
    QVERIFY(shownIds(proxy).contains(QStringLiteral("overlapped")));
    QVERIFY(!shownIds(proxy).contains(QStringLiteral("fine")));
}

void TestRunHistoryFilterProxy::sortsByRawValues()
{
    RunHistoryModel model;
    RunHistoryFilterProxy proxy(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    // As text "9.0 s" would sort after "2 min 5 s"; by raw value it is less late.
    model.setRuns({ran(QStringLiteral("nine-seconds"), 1, 9000),
                   ran(QStringLiteral("two-minutes"), 2, 125'000),
                   ran(QStringLiteral("on-time"), 3, 0),
                   ran(QStringLiteral("manual"), 4, 0, RunState::Completed, RunOrigin::Manual)});
    proxy.sort(RunHistoryModel::LateColumn, Qt::DescendingOrder);
    QCOMPARE(shownIds(proxy),
             (QStringList{QStringLiteral("two-minutes"),
                          QStringLiteral("nine-seconds"),
                          QStringLiteral("on-time"),
                          QStringLiteral("manual")}));
}

QTEST_GUILESS_MAIN(TestRunHistoryFilterProxy)
#include "tst_runhistoryfilterproxy.moc"
