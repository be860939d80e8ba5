#include "runhistorymodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 Minute = 60'000;

RunRecord run(const QString &id,
              qint64 startedMs,
              RunState state = RunState::Completed,
              const QString &agentId = QStringLiteral("a"))
{
    RunRecord record;
    record.runId = id;
    record.agentId = agentId;
    record.state = state;
    record.occurrenceMs = startedMs;
    record.attempts = 1;
    if (state != RunState::Skipped && state != RunState::Missed) {
        record.startedMs = startedMs;
        record.finishedMs = isFinal(state) ? startedMs + 2500 : 0;
        record.usage.inputTokens = 30;
        record.usage.outputTokens = 12;
    }
    return record;
}

QStringList runIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(RunHistoryModel::RunIdRole).toString());
    return ids;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestRunHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadedHistoryIsNewestFirst();
    void showsEveryKindOfRun();
    void lateByIsEmptyUnlessTheRunStartedLate();
    void finishedRunsArriveOnTop();
    void finishedRunReplacesItsRow();
    void olderRunsGoInTheirPlace();
    void othersAgentsRunsAreIgnored();
    void keepsToTheRowLimit();
    void durations_data();
    void durations();
};

void TestRunHistoryModel::loadedHistoryIsNewestFirst()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns(
        {run(QStringLiteral("r1"), T0 + Minute),
         run(QStringLiteral("r3"), T0 + 3 * Minute),
         run(QStringLiteral("x"), T0 + 4 * Minute, RunState::Completed, QStringLiteral("b")),
         run(QStringLiteral("r2"), T0 + 2 * Minute, RunState::Skipped)});
    QCOMPARE(runIds(model),
             (QStringList{QStringLiteral("r3"), QStringLiteral("r2"), QStringLiteral("r1")}));
    QCOMPARE(model.rowOf(QStringLiteral("r1")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("x")), -1);
    QCOMPARE(model.columnCount(), int(RunHistoryModel::ColumnCount));
    QCOMPARE(
        model.headerData(RunHistoryModel::ErrorColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Error or reason"));
}

void TestRunHistoryModel::showsEveryKindOfRun()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    RunRecord failed = run(QStringLiteral("f"), T0 + 3 * Minute, RunState::Failed);
    failed.origin = RunOrigin::Manual;
    failed.error = QStringLiteral("HTTP 401\nbody follows");
    RunRecord missed = run(QStringLiteral("m"), T0 + 2 * Minute, RunState::Missed);
    missed.skipReason = QStringLiteral("not_running");
    RunRecord skipped = run(QStringLiteral("s"), T0 + Minute, RunState::Skipped);
    skipped.skipReason = QStringLiteral("overlap");
    model.setRuns({failed, missed, skipped});

    using M = RunHistoryModel;
    QCOMPARE(cell(model, 0, M::StartedColumn),
             QDateTime::fromMSecsSinceEpoch(T0 + 3 * Minute)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(cell(model, 0, M::OriginColumn), QStringLiteral("manual"));
    QCOMPARE(cell(model, 0, M::DurationColumn), QStringLiteral("2.5 s"));
    QCOMPARE(model.index(0, M::DurationColumn).data(M::SortRole).toLongLong(), 2500);
    QCOMPARE(cell(model, 0, M::OutcomeColumn), QStringLiteral("failed"));
    QVERIFY(model.index(0, M::OutcomeColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(cell(model, 0, M::TokensColumn), QStringLiteral("42"));
    QCOMPARE(cell(model, 0, M::ErrorColumn), QStringLiteral("HTTP 401"));
    QCOMPARE(model.index(0, M::ErrorColumn).data(Qt::ToolTipRole).toString(), failed.error);

    // Occurrences that never ran: when they were due, why, and no duration or tokens.
    QCOMPARE(cell(model, 1, M::StartedColumn),
             QDateTime::fromMSecsSinceEpoch(T0 + 2 * Minute)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(cell(model, 1, M::OutcomeColumn), QStringLiteral("missed"));
    QCOMPARE(cell(model, 1, M::ErrorColumn), QStringLiteral("Nightshift was not running"));
    QCOMPARE(cell(model, 1, M::DurationColumn), QString());
    QCOMPARE(cell(model, 1, M::TokensColumn), QString());
    QCOMPARE(cell(model, 2, M::OutcomeColumn), QStringLiteral("skipped"));
    QCOMPARE(cell(model, 2, M::ErrorColumn), QStringLiteral("the previous run was still running"));
    QVERIFY(!model.index(2, M::OutcomeColumn).data(Qt::ForegroundRole).isValid());
}

void TestRunHistoryModel::lateByIsEmptyUnlessTheRunStartedLate()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    const auto startedAfter = [](const QString &id, int minute, qint64 lateMs) {
        RunRecord record = run(id, T0 + minute * Minute + lateMs);
        record.occurrenceMs = T0 + minute * Minute;
        return record;
    };
    RunRecord manual = startedAfter(QStringLiteral("manual"), 5, 30'000);
    manual.origin = RunOrigin::Manual;
    model.setRuns({startedAfter(QStringLiteral("late"), 4, 125'000),
                   startedAfter(QStringLiteral("seconds"), 3, 4'500),
                   startedAfter(QStringLiteral("in time"), 2, 1'000),
                   manual,
                   run(QStringLiteral("skipped"), T0 + Minute, RunState::Skipped)});

    using M = RunHistoryModel;
    QCOMPARE(model.headerData(M::LateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Late by"));
    const auto late = [&](const QString &id) {
        return cell(model, model.rowOf(id), M::LateColumn);
    };
    QCOMPARE(late(QStringLiteral("late")), QStringLiteral("2 min 5 s"));
    QCOMPARE(late(QStringLiteral("seconds")), QStringLiteral("4.5 s"));
    QCOMPARE(late(QStringLiteral("in time")), QString());
    QCOMPARE(late(QStringLiteral("manual")), QString());
    QCOMPARE(late(QStringLiteral("skipped")), QString());

    const QModelIndex lateCell = model.index(model.rowOf(QStringLiteral("late")), M::LateColumn);
    QCOMPARE(lateCell.data(M::SortRole).toLongLong(), 125'000);
    QVERIFY(lateCell.data(Qt::ToolTipRole).toString().contains(u"2 min 5 s"));
    // Over a minute late stands out; a few seconds do not.
    QVERIFY(lateCell.data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(model.rowOf(QStringLiteral("seconds")), M::LateColumn)
                 .data(Qt::ForegroundRole)
                 .isValid());
    QCOMPARE(model.index(model.rowOf(QStringLiteral("manual")), M::LateColumn)
                 .data(M::SortRole)
                 .toLongLong(),
             -1);
}

void TestRunHistoryModel::finishedRunsArriveOnTop()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns({run(QStringLiteral("r1"), T0 + Minute)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.applyFinishedRuns(
        {run(QStringLiteral("r2"), T0 + 2 * Minute), run(QStringLiteral("r3"), T0 + 3 * Minute)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(runIds(model),
             (QStringList{QStringLiteral("r3"), QStringLiteral("r2"), QStringLiteral("r1")}));
    QCOMPARE(model.rowOf(QStringLiteral("r1")), 2);
}

void TestRunHistoryModel::finishedRunReplacesItsRow()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns({run(QStringLiteral("r2"), T0 + 2 * Minute, RunState::Running),
                   run(QStringLiteral("r1"), T0 + Minute)});
    QCOMPARE(model.index(0, RunHistoryModel::OutcomeColumn).data().toString(),
             QStringLiteral("running"));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    RunRecord done = run(QStringLiteral("r2"), T0 + 2 * Minute, RunState::Completed);
    model.applyFinishedRuns({done});
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, RunHistoryModel::OutcomeColumn).data().toString(),
             QStringLiteral("completed"));
    QCOMPARE(*model.runAt(0), done);
}

void TestRunHistoryModel::olderRunsGoInTheirPlace()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.setRuns(
        {run(QStringLiteral("r4"), T0 + 4 * Minute), run(QStringLiteral("r1"), T0 + Minute)});
    // Missed occurrences recorded at start-up can be older than runs already shown.
    model.applyFinishedRuns({run(QStringLiteral("r2"), T0 + 2 * Minute, RunState::Missed),
                             run(QStringLiteral("r5"), T0 + 5 * Minute),
                             run(QStringLiteral("r3"), T0 + 3 * Minute, RunState::Missed)});
    QCOMPARE(runIds(model),
             (QStringList{QStringLiteral("r5"),
                          QStringLiteral("r4"),
                          QStringLiteral("r3"),
                          QStringLiteral("r2"),
                          QStringLiteral("r1")}));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(runIds(model).at(row)), row);
}

void TestRunHistoryModel::othersAgentsRunsAreIgnored()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    model.applyFinishedRuns(
        {run(QStringLiteral("b1"), T0, RunState::Completed, QStringLiteral("b"))});
    QCOMPARE(model.rowCount(), 0);
    model.applyFinishedRuns({run(QStringLiteral("a1"), T0)});
    QCOMPARE(model.rowCount(), 1);
    model.setAgentId(QStringLiteral("b"));
    QCOMPARE(model.rowCount(), 0);
}

void TestRunHistoryModel::keepsToTheRowLimit()
{
    RunHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAgentId(QStringLiteral("a"));
    QList<RunRecord> history;
    for (int n = 0; n < RunHistoryModel::RowLimit + 5; ++n)
        history.append(run(QStringLiteral("old%1").arg(n), T0 + n * Minute));
    model.setRuns(history);
    QCOMPARE(model.rowCount(), RunHistoryModel::RowLimit);
    QCOMPARE(model.rowOf(QStringLiteral("old4")), -1);
    QCOMPARE(model.rowOf(QStringLiteral("old5")), RunHistoryModel::RowLimit - 1);

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.applyFinishedRuns({run(QStringLiteral("new"), T0 + 2000 * Minute)});
    QCOMPARE(model.rowCount(), RunHistoryModel::RowLimit);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowOf(QStringLiteral("new")), 0);
    QCOMPARE(model.rowOf(QStringLiteral("old5")), -1);
}

void TestRunHistoryModel::durations_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("ms") << qint64(850) << QStringLiteral("850 ms");
    QTest::newRow("s") << qint64(12'440) << QStringLiteral("12.4 s");
    QTest::newRow("min") << qint64(185'000) << QStringLiteral("3 min 5 s");
    QTest::newRow("h") << qint64(7'800'000) << QStringLiteral("2 h 10 min");
}

void TestRunHistoryModel::durations()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(RunHistoryModel::durationText(ms), text);
}

QTEST_GUILESS_MAIN(TestRunHistoryModel)
#include "tst_runhistorymodel.moc"
