#include "agentactions.h"
#include "agenttablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

// Noon, local time, so that "today" around it does not depend on the time zone.
const qint64 Noon = QDateTime(QDate(2026, 3, 10), QTime(12, 0)).toMSecsSinceEpoch();
constexpr qint64 Second = 1000;
constexpr qint64 Hour = 3600 * Second;

AgentStatus status(const QString &id, AgentState state, qint64 runs = 0)
{
    AgentStatus s;
    s.agentId = id;
    s.state = state;
    s.runCount = runs;
    s.specRevision = 1;
    return s;
}

AgentSpec spec(const QString &id, const QString &provider, const QString &model, qint64 intervalMs)
{
    AgentSpec s;
    s.agentId = id;
    s.model.provider = provider;
    s.model.model = model;
    s.schedule.kind = Schedule::Kind::Interval;
    s.schedule.intervalMs = intervalMs;
    s.revision = 1;
    return s;
}

RunRecord run(const QString &agentId, RunState state, qint64 finishedMs)
{
    RunRecord r;
    r.runId = agentId + QString::number(finishedMs);
    r.agentId = agentId;
    r.state = state;
    r.startedMs = finishedMs - Second;
    r.finishedMs = finishedMs;
    return r;
}

QString cell(const AgentTableModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

Q_DECLARE_METATYPE(nightshift::AgentActions)
Q_DECLARE_METATYPE(nightshift::AgentState)
Q_DECLARE_METATYPE(nightshift::DesiredState)

class TestAgentTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsNewAgentsAndUpdatesKnownOnes();
    void anAgentNamedTwiceEndsWithItsLastStatus();
    void asksForASpecOncePerRevision();
    void fewChangesSignalPerRowManyAsOneRange();
    void asksForSpecsOfNewAndEditedAgents();
    void showsEveryColumnInWords();
    void sortsByRawValues();
    void countdownTicksOnlyTheNextRunColumn();
    void removesAgentsAndKeepsTheIndex();
    void totalsCountStatesRunsAndTokensOfToday();
    void runsTodayStartFromTheStoreCountAndAddLaterRuns();
    void recentDurationsForTheSparkline();
    void actionsFollowTheStatus_data();
    void actionsFollowTheStatus();
};

void TestAgentTableModel::addsNewAgentsAndUpdatesKnownOnes()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.applyStatuses({status(QStringLiteral("a"), AgentState::Idle, 0),
                         status(QStringLiteral("b"), AgentState::Scheduled, 2)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), int(AgentTableModel::ColumnCount));
    QCOMPARE(cell(model, 1, AgentTableModel::AgentIdColumn), QStringLiteral("b"));
    QCOMPARE(cell(model, 1, AgentTableModel::StatusColumn), QStringLiteral("Scheduled"));
    QCOMPARE(
        model.index(1, AgentTableModel::RunsColumn).data(AgentTableModel::SortRole).toLongLong(),
        2);

    model.applyStatuses({status(QStringLiteral("a"), AgentState::Running, 1),
                         status(QStringLiteral("c"), AgentState::Paused, 0)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, AgentTableModel::StatusColumn), QStringLiteral("Running"));
    QCOMPARE(model.index(0, AgentTableModel::StatusColumn).data(Qt::DecorationRole).value<QColor>(),
             AgentTableModel::stateColor(AgentState::Running));
    QCOMPARE(cell(model, 2, AgentTableModel::AgentIdColumn), QStringLiteral("c"));
    QCOMPARE(model.rowOf(QStringLiteral("c")), 2);
    QCOMPARE(model.headerData(AgentTableModel::NextRunColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             QStringLiteral("Next run"));
}

void TestAgentTableModel::anAgentNamedTwiceEndsWithItsLastStatus()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Idle)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // Batches that waited together: a known agent and a new one, each named twice.
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Scheduled, 1),
                         status(QStringLiteral("new"), AgentState::Scheduled, 1),
                         status(QStringLiteral("a"), AgentState::Running, 2),
                         status(QStringLiteral("new"), AgentState::Paused, 2)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.agentAt(model.rowOf(QStringLiteral("a"))).status.state, AgentState::Running);
    QCOMPARE(model.agentAt(model.rowOf(QStringLiteral("new"))).status.state, AgentState::Paused);
    QCOMPARE(model.agentAt(model.rowOf(QStringLiteral("new"))).status.runCount, 2);
}

void TestAgentTableModel::asksForASpecOncePerRevision()
{
    AgentTableModel model;
    QSignalSpy needed(&model, &AgentTableModel::specsNeeded);
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Idle)});
    QCOMPARE(needed.count(), 1);
    // Whoever was asked had no spec to give; more statuses of that revision do not ask again.
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Scheduled, 1)});
    model.applyStatusBatches({{status(QStringLiteral("a"), AgentState::Running, 2)},
                              {status(QStringLiteral("a"), AgentState::Scheduled, 3)}});
    QCOMPARE(needed.count(), 1);
    QCOMPARE(model.agentAt(0).status.runCount, 3);
    AgentStatus edited = status(QStringLiteral("a"), AgentState::Scheduled, 3);
    edited.specRevision = 2;
    model.applyStatuses({edited});
    QCOMPARE(needed.count(), 2);
    QCOMPARE(needed.last().at(0).toStringList(), QStringList{QStringLiteral("a")});
}

void TestAgentTableModel::fewChangesSignalPerRowManyAsOneRange()
{
    AgentTableModel model;
    QList<AgentStatus> fleet;
    for (int i = 0; i < 200; ++i)
        fleet.append(status(QStringLiteral("agent%1").arg(i), AgentState::Scheduled));
    model.applyStatuses(fleet);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyStatuses({status(QStringLiteral("agent3"), AgentState::Running),
                         status(QStringLiteral("agent150"), AgentState::Running)});
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 3);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 150);

    changed.clear();
    QList<AgentStatus> many;
    for (int i = 10; i < 110; ++i)
        many.append(status(QStringLiteral("agent%1").arg(i), AgentState::Running));
    model.applyStatuses(many);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 109);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), AgentTableModel::ColumnCount - 1);
}

void TestAgentTableModel::asksForSpecsOfNewAndEditedAgents()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy needed(&model, &AgentTableModel::specsNeeded);

    model.applyStatuses({status(QStringLiteral("a"), AgentState::Idle),
                         status(QStringLiteral("b"), AgentState::Idle)});
    QCOMPARE(needed.count(), 1);
    QCOMPARE(needed.at(0).at(0).toStringList(),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(cell(model, 0, AgentTableModel::ScheduleColumn), QString());

    model.applySpecs(
        {spec(QStringLiteral("a"), QStringLiteral("openai"), QStringLiteral("gpt-4o"), 300'000),
         spec(QStringLiteral("b"), QStringLiteral("none"), QString(), 15'000),
         spec(QStringLiteral("unknown"), QStringLiteral("none"), QString(), 1000)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, AgentTableModel::ScheduleColumn), QStringLiteral("every 5 minutes"));
    QCOMPARE(cell(model, 0, AgentTableModel::ModelColumn), QStringLiteral("openai / gpt-4o"));
    QCOMPARE(cell(model, 1, AgentTableModel::ModelColumn), QStringLiteral("none"));

    needed.clear();
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Scheduled)});
    QCOMPARE(needed.count(), 0);
    AgentStatus edited = status(QStringLiteral("b"), AgentState::Idle);
    edited.specRevision = 2;
    model.applyStatuses({edited});
    QCOMPARE(needed.count(), 1);
    QCOMPARE(needed.at(0).at(0).toStringList(), QStringList{QStringLiteral("b")});

    // The first load brings specs along and asks for none.
    needed.clear();
    model.resetAgents(
        {status(QStringLiteral("x"), AgentState::Idle)},
        {spec(QStringLiteral("x"), QStringLiteral("gemini"), QStringLiteral("flash"), 60'000)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(needed.count(), 0);
    QCOMPARE(cell(model, 0, AgentTableModel::ScheduleColumn), QStringLiteral("every minute"));
}

void TestAgentTableModel::showsEveryColumnInWords()
{
    AgentTableModel model;
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    AgentStatus s = status(QStringLiteral("a"), AgentState::Error, 4);
    s.errorCount = 2;
    s.consecutiveFailures = 2;
    s.nextRunMs = Noon + 65 * Second;
    s.lastRunMs = QDateTime(QDate(2026, 3, 10), QTime(11, 58, 7)).toMSecsSinceEpoch();
    s.lastOutcome = QStringLiteral("timed_out");
    s.lastError = QStringLiteral("took too long");
    s.totalDurationMs = 10'000;
    s.tokensToday = 1234;
    s.tokensDay = QStringLiteral("2026-03-10");
    model.applyStatuses({s});

    QCOMPARE(cell(model, 0, AgentTableModel::StatusColumn), QStringLiteral("Error"));
    QVERIFY(model.index(0, AgentTableModel::StatusColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"took too long"));
    QCOMPARE(cell(model, 0, AgentTableModel::NextRunColumn), QStringLiteral("in 1 min 5 s"));
    QCOMPARE(cell(model, 0, AgentTableModel::LastRunColumn),
             QStringLiteral("11:58:07 \u00b7 timed out"));
    QCOMPARE(model.index(0, AgentTableModel::RunsColumn).data().toLongLong(), 4);
    QCOMPARE(model.index(0, AgentTableModel::ErrorsColumn).data().toLongLong(), 2);
    QCOMPARE(model.index(0, AgentTableModel::FailuresColumn).data().toInt(), 2);
    QCOMPARE(cell(model, 0, AgentTableModel::AverageDurationColumn), QStringLiteral("2.5 s"));
    QCOMPARE(model.index(0, AgentTableModel::TokensTodayColumn).data().toLongLong(), 1234);
    QCOMPARE(model.index(0, AgentTableModel::RunsColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));

    // Yesterday's tokens are not today's; a run of an earlier day shows its date.
    s.tokensDay = QStringLiteral("2026-03-09");
    s.lastRunMs -= 24 * Hour;
    s.nextRunMs = 0;
    model.applyStatuses({s});
    QCOMPARE(model.index(0, AgentTableModel::TokensTodayColumn).data().toLongLong(), 0);
    QCOMPARE(cell(model, 0, AgentTableModel::LastRunColumn),
             QStringLiteral("2026-03-09 11:58 \u00b7 timed out"));
    QCOMPARE(cell(model, 0, AgentTableModel::NextRunColumn), QString(QChar(0x2014)));

    QCOMPARE(AgentTableModel::countdownText(0), QStringLiteral("due now"));
    QCOMPARE(AgentTableModel::countdownText(1), QStringLiteral("in 1 s"));
    QCOMPARE(AgentTableModel::countdownText(2 * Hour + 60 * Second),
             QStringLiteral("in 2 h 1 min"));
    QCOMPARE(AgentTableModel::countdownText(50 * Hour), QStringLiteral("in 2 d 2 h"));
    QCOMPARE(AgentTableModel::durationText(350), QStringLiteral("350 ms"));
    QCOMPARE(AgentTableModel::durationText(185 * Second), QStringLiteral("3 min 5 s"));
}

void TestAgentTableModel::sortsByRawValues()
{
    AgentTableModel model;
    AgentStatus soon = status(QStringLiteral("soon"), AgentState::Scheduled);
    soon.nextRunMs = Noon + Second;
    AgentStatus never = status(QStringLiteral("never"), AgentState::Stopped);
    model.applyStatuses({soon, never, status(QStringLiteral("busy"), AgentState::Running)});
    const auto sortValue = [&](const QString &id, int column) {
        return model.index(model.rowOf(id), column).data(AgentTableModel::SortRole);
    };
    // Nothing due sorts after every due time; running sorts before scheduled, which sorts
    // before stopped.
    QVERIFY(sortValue(QStringLiteral("soon"), AgentTableModel::NextRunColumn).toLongLong()
            < sortValue(QStringLiteral("never"), AgentTableModel::NextRunColumn).toLongLong());
    QVERIFY(sortValue(QStringLiteral("busy"), AgentTableModel::StatusColumn).toInt()
            < sortValue(QStringLiteral("soon"), AgentTableModel::StatusColumn).toInt());
    QVERIFY(sortValue(QStringLiteral("soon"), AgentTableModel::StatusColumn).toInt()
            < sortValue(QStringLiteral("never"), AgentTableModel::StatusColumn).toInt());
}

void TestAgentTableModel::countdownTicksOnlyTheNextRunColumn()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    AgentStatus s = status(QStringLiteral("a"), AgentState::Scheduled);
    s.nextRunMs = Noon + 65 * Second;
    model.applyStatuses({s, status(QStringLiteral("b"), AgentState::Idle)});
    QCOMPARE(cell(model, 0, AgentTableModel::NextRunColumn), QStringLiteral("in 1 min 5 s"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now += 5 * Second;
    // The model's own timer fires on the next second boundary.
    QVERIFY(changed.wait(2000));
    QCOMPARE(cell(model, 0, AgentTableModel::NextRunColumn), QStringLiteral("in 1 min 0 s"));
    const QList<QVariant> tick = changed.first();
    QCOMPARE(tick.at(0).toModelIndex().column(), int(AgentTableModel::NextRunColumn));
    QCOMPARE(tick.at(1).toModelIndex().column(), int(AgentTableModel::NextRunColumn));
    QCOMPARE(tick.at(0).toModelIndex().row(), 0);
    QCOMPARE(tick.at(1).toModelIndex().row(), 1);
    QCOMPARE(tick.at(2).value<QList<int>>(), QList<int>{Qt::DisplayRole});

    now += 70 * Second;
    model.refreshTime();
    QCOMPARE(cell(model, 0, AgentTableModel::NextRunColumn), QStringLiteral("due now"));
}

void TestAgentTableModel::removesAgentsAndKeepsTheIndex()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<AgentStatus> fleet;
    for (const char *id : {"a", "b", "c", "d", "e", "f"})
        fleet.append(status(QString::fromLatin1(id), AgentState::Idle));
    model.applyStatuses(fleet);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.removeAgents(
        {QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("e"), QStringLiteral("nobody")});
    QCOMPARE(model.rowCount(), 3);
    // b and c are neighbours: one removal for both.
    QCOMPARE(removed.count(), 2);
    QCOMPARE(model.agentIds(),
             (QStringList{QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("f")}));
    QCOMPARE(model.rowOf(QStringLiteral("f")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("c")), -1);

    AgentStatus f = status(QStringLiteral("f"), AgentState::Running);
    model.applyStatuses({f});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 2, AgentTableModel::StatusColumn), QStringLiteral("Running"));
}

void TestAgentTableModel::totalsCountStatesRunsAndTokensOfToday()
{
    AgentTableModel model;
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    AgentStatus a = status(QStringLiteral("a"), AgentState::Running);
    a.tokensToday = 100;
    a.tokensDay = QStringLiteral("2026-03-10");
    AgentStatus b = status(QStringLiteral("b"), AgentState::Error);
    b.tokensToday = 50;
    b.tokensDay = QStringLiteral("2026-03-09");
    QSignalSpy totalsChanged(&model, &AgentTableModel::totalsChanged);
    model.applyStatuses({a,
                         b,
                         status(QStringLiteral("c"), AgentState::Running),
                         status(QStringLiteral("d"), AgentState::Paused)});
    QCOMPARE(totalsChanged.count(), 1);

    FleetTotals totals = model.totals();
    QCOMPARE(totals.agents, 4);
    QCOMPARE(totals.count(AgentState::Running), 2);
    QCOMPARE(totals.count(AgentState::Error), 1);
    QCOMPARE(totals.count(AgentState::Paused), 1);
    QCOMPARE(totals.count(AgentState::Scheduled), 0);
    QCOMPARE(totals.tokensToday, 100);

    model.applyFinishedRuns({run(QStringLiteral("a"), RunState::Completed, Noon - Hour),
                             run(QStringLiteral("a"), RunState::Failed, Noon - 2 * Hour),
                             run(QStringLiteral("b"), RunState::Skipped, Noon - Hour),
                             run(QStringLiteral("b"), RunState::Completed, Noon - 13 * Hour),
                             run(QStringLiteral("gone"), RunState::Completed, Noon)});
    QCOMPARE(model.totals().runsToday, 2);

    // Past midnight, today's counts start over.
    now = Noon + 13 * Hour;
    model.refreshTime();
    totals = model.totals();
    QCOMPARE(totals.runsToday, 0);
    QCOMPARE(totals.tokensToday, 0);
}

void TestAgentTableModel::runsTodayStartFromTheStoreCountAndAddLaterRuns()
{
    AgentTableModel model;
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Scheduled)});
    // A run reported before the store was counted is part of that count, which replaces it.
    model.applyFinishedRuns({run(QStringLiteral("a"), RunState::Completed, Noon - 3 * Hour)});
    model.setRunsToday({{QStringLiteral("a"), 5, Noon - Hour}});
    QCOMPARE(model.totals().runsToday, 5);
    // Reported after the count: counted already if it finished before the newest counted run.
    model.applyFinishedRuns({run(QStringLiteral("a"), RunState::Completed, Noon - Hour),
                             run(QStringLiteral("a"), RunState::Completed, Noon - 10 * Second)});
    QCOMPARE(model.totals().runsToday, 6);
    QCOMPARE(model.index(0, AgentTableModel::RunsColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("6 run(s) today"));
}

void TestAgentTableModel::recentDurationsForTheSparkline()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    model.applyStatuses({status(QStringLiteral("a"), AgentState::Scheduled),
                         status(QStringLiteral("b"), AgentState::Scheduled)});
    const auto durations = [&](const QString &id) {
        return model.index(model.rowOf(id), AgentTableModel::RecentDurationsColumn)
            .data(AgentTableModel::DurationsRole)
            .value<QList<qint64>>();
    };
    const auto runTaking = [](qint64 durationMs, qint64 finishedMs, RunState state) {
        RunRecord r = run(QStringLiteral("a"), state, finishedMs);
        r.startedMs = finishedMs - durationMs;
        return r;
    };
    QCOMPARE(
        model.headerData(AgentTableModel::RecentDurationsColumn, Qt::Horizontal, Qt::DisplayRole)
            .toString(),
        QStringLiteral("Recent durations"));

    // The store's latest durations, then live runs after them; skipped ones did no work.
    model.setRunsToday({{QStringLiteral("a"), 2, Noon - Hour, {300, 500}}});
    QCOMPARE(durations(QStringLiteral("a")), (QList<qint64>{300, 500}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyFinishedRuns({runTaking(400, Noon - 2 * Hour, RunState::Completed),
                             runTaking(0, Noon - 30 * 60 * Second, RunState::Skipped),
                             runTaking(700, Noon - 20 * 60 * Second, RunState::Failed),
                             runTaking(900, Noon - 10 * 60 * Second, RunState::Completed)});
    QCOMPARE(durations(QStringLiteral("a")), (QList<qint64>{300, 500, 700, 900}));
    QVERIFY(durations(QStringLiteral("b")).isEmpty());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(),
             int(AgentTableModel::RecentDurationsColumn));
    const QModelIndex cellIndex
        = model.index(model.rowOf(QStringLiteral("a")), AgentTableModel::RecentDurationsColumn);
    QCOMPARE(cellIndex.data(AgentTableModel::SortRole).toLongLong(), 900);
    QVERIFY(cellIndex.data(Qt::ToolTipRole).toString().contains(u"300 ms"));
    QVERIFY(cellIndex.data().toString().isEmpty());

    // The list keeps to its length, dropping the oldest.
    QList<RunRecord> many;
    for (int n = 0; n < AgentTableModel::SparklinePoints; ++n)
        many.append(runTaking(1000 + n, Noon + n * Second, RunState::Completed));
    model.applyFinishedRuns(many);
    const QList<qint64> kept = durations(QStringLiteral("a"));
    QCOMPARE(kept.size(), AgentTableModel::SparklinePoints);
    QCOMPARE(kept.first(), 1000);
    QCOMPARE(kept.last(), 1000 + AgentTableModel::SparklinePoints - 1);
}

void TestAgentTableModel::actionsFollowTheStatus_data()
{
    QTest::addColumn<AgentState>("state");
    QTest::addColumn<DesiredState>("desired");
    QTest::addColumn<AgentActions>("expected");
    const AgentActions always = AgentAction::Delete;
    QTest::newRow("new") << AgentState::Idle << DesiredState::Idle
                         << (always | AgentAction::Start | AgentAction::RunNow);
    QTest::newRow("scheduled") << AgentState::Scheduled << DesiredState::Started
                               << (always | AgentAction::Pause | AgentAction::Stop
                                   | AgentAction::RunNow);
    QTest::newRow("running") << AgentState::Running << DesiredState::Started
                             << (always | AgentAction::Pause | AgentAction::Stop);
    QTest::newRow("manual run of an idle agent")
        << AgentState::Running << DesiredState::Idle
        << (always | AgentAction::Start | AgentAction::Stop);
    QTest::newRow("paused") << AgentState::Paused << DesiredState::Paused
                            << (always | AgentAction::Resume | AgentAction::Stop
                                | AgentAction::RunNow);
    QTest::newRow("stopped") << AgentState::Stopped << DesiredState::Stopped
                             << (always | AgentAction::Start | AgentAction::RunNow);
    QTest::newRow("errored") << AgentState::Error << DesiredState::Started
                             << (always | AgentAction::Pause | AgentAction::Stop
                                 | AgentAction::RunNow);
}

void TestAgentTableModel::actionsFollowTheStatus()
{
    QFETCH(AgentState, state);
    QFETCH(DesiredState, desired);
    QFETCH(AgentActions, expected);
    AgentStatus s = status(QStringLiteral("a"), state);
    s.desired = desired;
    QCOMPARE(availableActions(s), expected);
    AgentTableModel model;
    model.applyStatuses({s});
    QCOMPARE(AgentActions(model.index(0, AgentTableModel::ActionsColumn)
                              .data(AgentTableModel::ActionsRole)
                              .toInt()),
             expected);
}

QTEST_GUILESS_MAIN(TestAgentTableModel)
#include "tst_agenttablemodel.moc"
