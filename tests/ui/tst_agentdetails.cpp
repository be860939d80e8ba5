#include "agentdetailspanel.h"
#include "backgroundagentservice.h"
#include "chartspanel.h"
#include "enginehost.h"
#include "runeventsmodel.h"
#include "runhistorymodel.h"

#include <QAbstractItemModelTester>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace nightshift;

namespace {

AgentSpec everySecond(const QString &id, const QStringList &tools = {})
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = QStringLiteral("none");
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 1000;
    spec.task.query = QStringLiteral("check");
    spec.task.maxRetries = 0;
    spec.tools = tools;
    return spec;
}

bool createAndStart(EngineHost &host, const AgentSpec &spec)
{
    return host.call([&](BackgroundAgentService &service) {
        return service.create(spec).ok() && service.startAgent(spec.agentId).ok();
    });
}

QList<RunRecord> runsOf(EngineHost &host, const QString &agentId)
{
    return host.call(
        [&](BackgroundAgentService &service) { return service.listRuns(agentId, 1000).value(); });
}

void connectPanel(EngineHost &host, AgentDetailsPanel &panel)
{
    QObject::connect(
        &host, &EngineHost::runsFinished, &panel, &AgentDetailsPanel::applyFinishedRuns);
    QObject::connect(&host, &EngineHost::agentsUpdated, &panel, &AgentDetailsPanel::applyStatuses);
    QObject::connect(&host, &EngineHost::eventsAppended, &panel, &AgentDetailsPanel::applyEvents);
}

const RunHistoryModel *historyOf(const AgentDetailsPanel &panel)
{
    const auto *view = panel.findChild<QTableView *>(QStringLiteral("runHistory"));
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(view->model());
    return qobject_cast<const RunHistoryModel *>(proxy->sourceModel());
}

const RunEventsModel *eventsOf(const AgentDetailsPanel &panel)
{
    const auto *view = panel.findChild<QTableView *>(QStringLiteral("runEvents"));
    return qobject_cast<const RunEventsModel *>(view->model());
}

QString textOf(const AgentDetailsPanel &panel, const QString &name)
{
    return panel.findChild<QPlainTextEdit *>(name)->toPlainText();
}

QBarSeries *barsOf(const ChartsPanel &panel)
{
    const auto *view = panel.findChild<QChartView *>(QStringLiteral("runsChart"));
    const QList<QAbstractSeries *> series = view->chart()->series();
    for (QAbstractSeries *one : series) {
        if (auto *bars = qobject_cast<QBarSeries *>(one))
            return bars;
    }
    return nullptr;
}

// The sum of a bar set's values, by its label.
int barTotal(const ChartsPanel &panel, const QString &label)
{
    const QList<QBarSet *> sets = barsOf(panel)->barSets();
    const auto set = std::find_if(
        sets.cbegin(), sets.cend(), [&](const QBarSet *s) { return s->label() == label; });
    if (set == sets.cend())
        return -1;
    int total = 0;
    for (int n = 0; n < (*set)->count(); ++n)
        total += int((*set)->at(n));
    return total;
}

int finishedRuns(const QList<RunRecord> &runs, qint64 sinceMs)
{
    return int(std::count_if(runs.cbegin(), runs.cend(), [&](const RunRecord &run) {
        return isFinal(run.state) && run.state != RunState::Skipped && run.state != RunState::Missed
               && run.timeMs() >= sinceMs;
    }));
}

} // namespace

class TestAgentDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectingAnAgentFillsThePanel();
    void finishedRunsAppearLive();
    void notRunAsScheduledFilterNarrowsTheHistory();
    void chartsCountTheStoredRuns();
    void chartsTakeFinishedRunsLive();
};

void TestAgentDetails::selectingAnAgentFillsThePanel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("nightshift.db"));
    {
        // The agent's shared session, as an earlier run with a model would have left it.
        Result<Store> store = openStore(url);
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        const Conversation memory{ChatMessage::user(QStringLiteral("remember the number 42")),
                                  ChatMessage::assistant(QStringLiteral("I will remember 42."))};
        QVERIFY(
            store->memory->saveSession(QStringLiteral("team"), conversationToJson(memory)).ok());
    }
    EngineHost host;
    QVERIFY(host.start(url).ok());
    AgentSpec spec = everySecond(QStringLiteral("tick"));
    spec.task.sessionId = QStringLiteral("team");
    QVERIFY(createAndStart(host, spec));
    QVERIFY(createAndStart(host, everySecond(QStringLiteral("other"))));
    QTRY_VERIFY_WITH_TIMEOUT(runsOf(host, spec.agentId).size() >= 2, 10'000);

    AgentDetailsPanel panel(&host);
    connectPanel(host, panel);
    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setAgent(spec.agentId);

    const RunHistoryModel *history = historyOf(panel);
    QVERIFY(history->rowCount() >= 2);
    for (int row = 0; row < history->rowCount(); ++row)
        QCOMPARE(history->runAt(row)->agentId, spec.agentId);
    QCOMPARE(panel.selectedRunId(), history->runAt(0)->runId);
    // The newest run may have been loaded while it ran; it ends moments later.
    QTRY_VERIFY(history->runAt(0)->state == RunState::Completed
                && panel.selectedRunId() == history->runAt(0)->runId);
    const RunRecord newest = *history->runAt(0);
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("counts"))->text().contains(u"finished"));
    QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("state"))->text().isEmpty());

    // The selected run: its result, its own events from start to end, the agent's memory.
    QCOMPARE(textOf(panel, QStringLiteral("runResult")), newest.result);
    const RunEventsModel *events = eventsOf(panel);
    QVERIFY(events->rowCount() >= 2);
    QCOMPARE(events->eventAt(0)->type, QString::fromLatin1(EventType::TaskStarted));
    QCOMPARE(events->eventAt(events->rowCount() - 1)->type,
             QString::fromLatin1(EventType::TaskCompleted));
    for (int row = 0; row < events->rowCount(); ++row)
        QCOMPARE(events->eventAt(row)->runId, newest.runId);
    QVERIFY(textOf(panel, QStringLiteral("memory")).contains(u"remember the number 42"));
    QVERIFY(textOf(panel, QStringLiteral("memory")).contains(u"I will remember 42."));

    // An older run, chosen by the user.
    const QString older = history->runAt(1)->runId;
    QVERIFY(panel.selectRun(older));
    QCOMPARE(panel.selectedRunId(), older);
    QCOMPARE(eventsOf(panel)->eventAt(0)->runId, older);

    panel.setAgent({});
    QCOMPARE(history->rowCount(), 0);
    QCOMPARE(events->rowCount(), 0);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestAgentDetails::finishedRunsAppearLive()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    const AgentSpec spec = everySecond(QStringLiteral("tick"));
    QVERIFY(createAndStart(host, spec));
    QTRY_VERIFY_WITH_TIMEOUT(!runsOf(host, spec.agentId).isEmpty(), 10'000);

    AgentDetailsPanel panel(&host);
    connectPanel(host, panel);
    panel.setAgent(spec.agentId);
    const RunHistoryModel *history = historyOf(panel);
    const int loaded = history->rowCount();
    const QString loadedNewest = history->runAt(0)->runId;

    // A run that starts after the history was read arrives through runsFinished alone.
    QSignalSpy finished(&host, &EngineHost::runsFinished);
    QTRY_VERIFY_WITH_TIMEOUT(history->rowCount() > loaded, 10'000);
    QVERIFY(!finished.isEmpty());
    const QString fresh = history->runAt(0)->runId;
    QVERIFY(fresh != loadedNewest);
    QVERIFY(history->rowOf(loadedNewest) > 0);
    QVERIFY(std::any_of(finished.cbegin(), finished.cend(), [&](const QList<QVariant> &signal) {
        const auto runs = signal.at(0).value<QList<RunRecord>>();
        return std::any_of(
            runs.cbegin(), runs.cend(), [&](const RunRecord &run) { return run.runId == fresh; });
    }));
    // The newest run was selected, so the selection follows the new one with its events.
    QTRY_COMPARE(panel.selectedRunId(), history->runAt(0)->runId);
    QVERIFY(eventsOf(panel)->rowCount() >= 2);
    QCOMPARE(eventsOf(panel)->eventAt(0)->runId, panel.selectedRunId());

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestAgentDetails::notRunAsScheduledFilterNarrowsTheHistory()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    AgentSpec spec = everySecond(QStringLiteral("nightly"));
    spec.schedule.intervalMs = 3'600'000;
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec).ok(); }));

    AgentDetailsPanel panel(&host);
    panel.resize(1000, 640);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setAgent(spec.agentId);
    auto *view = panel.findChild<QTableView *>(QStringLiteral("runHistory"));
    auto *filter = panel.findChild<QCheckBox *>(QStringLiteral("notAsScheduled"));
    QVERIFY(view && filter);
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Every kind of occurrence, an hour apart, as the engine reports them.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto occurrence = [&](const QString &id, int hoursAgo, RunState state) {
        RunRecord run;
        run.runId = id;
        run.agentId = spec.agentId;
        run.state = state;
        run.occurrenceMs = now - hoursAgo * 3'600'000LL;
        if (state != RunState::Skipped && state != RunState::Missed) {
            run.attempts = 1;
            run.startedMs = run.occurrenceMs + 200;
            run.finishedMs = run.startedMs + 3200;
            run.usage = {1, 800, 150, 0};
        }
        return run;
    };
    RunRecord late = occurrence(QStringLiteral("late"), 2, RunState::Completed);
    late.startedMs = late.occurrenceMs + 125'000;
    late.finishedMs = late.startedMs + 3200;
    RunRecord overlap = occurrence(QStringLiteral("overlap"), 3, RunState::Skipped);
    overlap.skipReason = QStringLiteral("overlap");
    RunRecord failed = occurrence(QStringLiteral("failed"), 5, RunState::Failed);
    failed.error = QStringLiteral("HTTP 503: the provider is overloaded");
    RunRecord manual = occurrence(QStringLiteral("manual"), 6, RunState::Completed);
    manual.origin = RunOrigin::Manual;
    manual.startedMs = manual.occurrenceMs;
    RunRecord missed = occurrence(QStringLiteral("missed"), 7, RunState::Missed);
    missed.skipReason = QStringLiteral("not_running");
    RunRecord catchUp = occurrence(QStringLiteral("catch-up"), 8, RunState::Completed);
    catchUp.origin = RunOrigin::CatchUp;
    RunRecord budget = occurrence(QStringLiteral("budget"), 4, RunState::Skipped);
    budget.skipReason = QStringLiteral("budget");
    const RunRecord onTime = occurrence(QStringLiteral("on-time"), 1, RunState::Completed);
    panel.applyFinishedRuns({occurrence(QStringLiteral("first"), 9, RunState::Completed),
                             catchUp,
                             missed,
                             manual,
                             failed,
                             budget,
                             overlap,
                             late,
                             onTime});
    const auto shownIds = [&] {
        QStringList ids;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            ids.append(view->model()->index(row, 0).data(RunHistoryModel::RunIdRole).toString());
        return ids;
    };
    const QStringList everything = {QStringLiteral("on-time"),
                                    QStringLiteral("late"),
                                    QStringLiteral("overlap"),
                                    QStringLiteral("budget"),
                                    QStringLiteral("failed"),
                                    QStringLiteral("manual"),
                                    QStringLiteral("missed"),
                                    QStringLiteral("catch-up"),
                                    QStringLiteral("first")};
    QCOMPARE(shownIds(), everything);
    QCOMPARE(panel.selectedRunId(), QStringLiteral("on-time"));
    const QString lateBy
        = view->model()->headerData(RunHistoryModel::LateColumn, Qt::Horizontal).toString();
    QCOMPARE(lateBy, QStringLiteral("Late by"));
    QCOMPARE(view->model()->index(1, RunHistoryModel::LateColumn).data().toString(),
             QStringLiteral("2 min 5 s"));
    QCOMPARE(view->model()->index(0, RunHistoryModel::LateColumn).data().toString(), QString());
    QVERIFY(!filter->isChecked());
    QVERIFY(!filter->text().isEmpty());

    // The filter keeps exactly the occurrences that did not go as scheduled; the selected run
    // went as scheduled, so the newest one shown takes its place.
    filter->click();
    QVERIFY(filter->isChecked());
    QCOMPARE(shownIds(),
             (QStringList{QStringLiteral("late"),
                          QStringLiteral("overlap"),
                          QStringLiteral("budget"),
                          QStringLiteral("failed"),
                          QStringLiteral("missed"),
                          QStringLiteral("catch-up")}));
    QCOMPARE(panel.selectedRunId(), QStringLiteral("late"));
    QVERIFY(view->selectionModel()->isRowSelected(0, {}));
    panel.grab().save(QDir::temp().filePath(QStringLiteral("nightshift-history-filter.png")));

    // A run shown stays selected as the filter goes off and on.
    QVERIFY(panel.selectRun(QStringLiteral("failed")));
    filter->click();
    QCOMPARE(shownIds(), everything);
    QCOMPARE(panel.selectedRunId(), QStringLiteral("failed"));
    filter->click();
    QCOMPARE(panel.selectedRunId(), QStringLiteral("failed"));

    // New occurrences arrive under the filter: a skipped one shows, an on-time one does not.
    QVERIFY(panel.selectRun(QStringLiteral("late")));
    RunRecord skippedNow = occurrence(QStringLiteral("skipped-now"), 0, RunState::Skipped);
    skippedNow.skipReason = QStringLiteral("overlap");
    RunRecord fineNow = occurrence(QStringLiteral("fine-now"), 0, RunState::Completed);
    fineNow.occurrenceMs += 1000;
    fineNow.startedMs += 1000;
    fineNow.finishedMs += 1000;
    panel.applyFinishedRuns({skippedNow, fineNow});
    QCOMPARE(shownIds().first(), QStringLiteral("skipped-now"));
    QVERIFY(!shownIds().contains(QStringLiteral("fine-now")));
    // Whoever watched the newest one shown follows the new newest one shown.
    QCOMPARE(panel.selectedRunId(), QStringLiteral("skipped-now"));

    // Asked for a run the filter hides (a notification's), the panel shows it unfiltered.
    QVERIFY(panel.selectRun(QStringLiteral("manual")));
    QVERIFY(!filter->isChecked());
    QCOMPARE(panel.selectedRunId(), QStringLiteral("manual"));
    panel.grab().save(QDir::temp().filePath(QStringLiteral("nightshift-history-all.png")));

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestAgentDetails::chartsCountTheStoredRuns()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    // file_read without a path fails every run of "bad".
    QVERIFY(createAndStart(host, everySecond(QStringLiteral("ok"))));
    QVERIFY(
        createAndStart(host, everySecond(QStringLiteral("bad"), {QStringLiteral("file_read")})));
    QTRY_VERIFY_WITH_TIMEOUT(runsOf(host, QStringLiteral("ok")).size() >= 3
                                 && runsOf(host, QStringLiteral("bad")).size() >= 3,
                             10'000);
    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
    const QList<RunRecord> ok = runsOf(host, QStringLiteral("ok"));
    const QList<RunRecord> bad = runsOf(host, QStringLiteral("bad"));
    QCOMPARE(bad.first().state, RunState::Failed);

    ChartsPanel charts(&host);
    charts.setWindow(StatsWindow::Hour);
    charts.reload();
    const qint64 since = charts.statistics().startMs();
    const int okRuns = finishedRuns(ok, since);
    const int badRuns = finishedRuns(bad, since);
    QVERIFY(okRuns >= 3);
    QVERIFY(badRuns >= 3);

    QCOMPARE(charts.agentId(), QString());
    QCOMPARE(charts.statistics().total().runs, okRuns + badRuns);
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), okRuns + badRuns);
    QCOMPARE(barTotal(charts, QStringLiteral("Errors")), badRuns);
    QCOMPARE(barsOf(charts)->barSets().first()->count(), 60);

    charts.setAgent(QStringLiteral("bad"));
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), badRuns);
    QCOMPARE(barTotal(charts, QStringLiteral("Errors")), badRuns);
    charts.setAgent(QStringLiteral("ok"));
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), okRuns);
    QCOMPARE(barTotal(charts, QStringLiteral("Errors")), 0);
    const auto *durations = charts.findChild<QChartView *>(QStringLiteral("durationChart"));
    const auto *mean = qobject_cast<QLineSeries *>(durations->chart()->series().first());
    QVERIFY(mean->count() >= 1);

    charts.setWindow(StatsWindow::Month);
    QCOMPARE(barsOf(charts)->barSets().first()->count(), 30);
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), finishedRuns(ok, 0));
}

void TestAgentDetails::chartsTakeFinishedRunsLive()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    ChartsPanel charts(&host);
    QObject::connect(&host, &EngineHost::runsFinished, &charts, &ChartsPanel::applyFinishedRuns);
    QObject::connect(&host, &EngineHost::agentsUpdated, &charts, &ChartsPanel::applyStatuses);
    charts.setWindow(StatsWindow::Hour);
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), 0);

    QVERIFY(createAndStart(host, everySecond(QStringLiteral("tick"))));
    QTRY_VERIFY_WITH_TIMEOUT(barTotal(charts, QStringLiteral("Runs")) >= 2, 10'000);
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), charts.statistics().total().runs);
    QCOMPARE(barTotal(charts, QStringLiteral("Errors")), 0);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
    charts.reload();
    const int stored = barTotal(charts, QStringLiteral("Runs"));
    // Runs reported again count once; a new one counts at the next redraw.
    QList<RunRecord> again = runsOf(host, QStringLiteral("tick"));
    RunRecord fresh;
    fresh.runId = QStringLiteral("fresh");
    fresh.agentId = QStringLiteral("tick");
    fresh.state = RunState::Failed;
    fresh.finishedMs = QDateTime::currentMSecsSinceEpoch();
    fresh.startedMs = fresh.finishedMs - 1500;
    again.append(fresh);
    charts.applyFinishedRuns(again);
    QTRY_COMPARE(barTotal(charts, QStringLiteral("Runs")), stored + 1);
    QCOMPARE(barTotal(charts, QStringLiteral("Errors")), 1);
    charts.setAgent(QStringLiteral("tick"));
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), stored + 1);
    charts.setAgent(QStringLiteral("someone else"));
    QCOMPARE(barTotal(charts, QStringLiteral("Runs")), 0);
}

QTEST_MAIN(TestAgentDetails)
#include "tst_agentdetails.moc"
