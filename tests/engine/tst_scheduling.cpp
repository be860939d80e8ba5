#include "attempt.h"
#include "enginefixture.h"
#include "provider.h"
#include "runtiming.h"

#include <QDateTime>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace nightshift;
using namespace nightshift::test;

namespace {

/// A model that answers at once, using 100 input and 20 output tokens and costing 0.25 $.
class MeteredProvider final : public Provider
{
public:
    QString id() const override { return QStringLiteral("metered"); }
    void execute(const std::shared_ptr<Attempt> &attempt) override
    {
        Usage usage;
        usage.requests = 1;
        usage.inputTokens = 100;
        usage.outputTokens = 20;
        usage.cost = 0.25;
        attempt->complete(QStringLiteral("fine"), usage);
    }
};

/// An engine that can be stopped and started again on the same store and clock, as a process
/// restart does.
class RestartableEngine
{
public:
    RestartableEngine() { boot(); }

    void boot()
    {
        if (service)
            service->shutdown();
        service = std::make_unique<BackgroundAgentService>(&memory, &events, &scheduler, &tools);
        QObject::connect(service.get(),
                         &BackgroundAgentService::eventAppended,
                         service.get(),
                         [this](const Event &event) { seen.append(event); });
        QVERIFY(service->startManager().ok());
    }

    EventList ofType(const char *type) const
    {
        EventList result;
        for (const Event &event : seen) {
            if (event.type == QLatin1String(type))
                result.append(event);
        }
        return result;
    }

    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    VolatileMemoryRouter memory;
    FaultyEventRouter events;
    ToolRegistry tools;
    std::unique_ptr<BackgroundAgentService> service;
    EventList seen;
};

qint64 occurrenceOf(const Event &event)
{
    return QDateTime::fromString(QString::fromStdString(event.payload.at("occurrence")),
                                 Qt::ISODateWithMs)
        .toMSecsSinceEpoch();
}

QList<RunRecord> runsIn(const QList<RunRecord> &runs, RunState state)
{
    QList<RunRecord> result;
    for (const RunRecord &run : runs) {
        if (run.state == state)
            result.append(run);
    }
    return result;
}

QList<qint64> occurrences(const QList<RunRecord> &runs)
{
    QList<qint64> result;
    for (const RunRecord &run : runs)
        result.prepend(run.occurrenceMs); // runs come newest first
    return result;
}

AgentSpec sleeper(const QString &id, qint64 intervalMs, int sleepSeconds)
{
    return intervalSpec(
        id, intervalMs, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", sleepSeconds}}}});
}

AgentSpec metered(const QString &id, qint64 intervalMs)
{
    AgentSpec spec = intervalSpec(id, intervalMs);
    spec.model.provider = QStringLiteral("metered");
    return spec;
}

} // namespace

Q_DECLARE_METATYPE(nightshift::RunPolicies::Misfire)

class TestScheduling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void misfireAfterAnEightHourSleep_data();
    void misfireAfterAnEightHourSleep();
    void graceLetsALateRunRun();
    void missedWhileNotRunningFollowsThePolicy();
    void catchUpsOfAFleetAreSpreadOut();
    void clockSetBackDoesNotRepeatRuns();
    void overlapQueueOne();
    void overlapCancelPrevious();
    void overlapAllowsUpToN();
    void runNowObeysTheOverlapPolicy();
    void timedPauseResumesAcrossARestart();
    void timedPauseThatEndedWhileDown();
    void autoPauseAfterFailuresAndReset();
    void budgetSkipsAtTheExactCrossing();
    void budgetPausesTheAgent();
    void costAndFleetCaps();
    void globalLimitQueuesRuns();
    void jitterIsStableAndBounded();
    void maxRunsEndsTheSchedule();
    void cronScheduleRunsInItsZone();
};

void TestScheduling::misfireAfterAnEightHourSleep_data()
{
    QTest::addColumn<RunPolicies::Misfire>("policy");
    QTest::addColumn<int>("missed");
    QTest::addColumn<QList<qint64>>("catchUps");

    QTest::newRow("skip") << RunPolicies::Misfire::Skip << 8 << QList<qint64>{};
    QTest::newRow("run_once") << RunPolicies::Misfire::RunOnce << 7 << QList<qint64>{T0 + 8 * Hour};
    QTest::newRow("run_all up to 3") << RunPolicies::Misfire::RunAll << 5
                                     << QList<qint64>{T0 + 6 * Hour, T0 + 7 * Hour, T0 + 8 * Hour};
}

void TestScheduling::misfireAfterAnEightHourSleep()
{
    QFETCH(RunPolicies::Misfire, policy);
    QFETCH(int, missed);
    QFETCH(QList<qint64>, catchUps);

    EngineFixture engine;
    AgentSpec spec = intervalSpec(QStringLiteral("hourly"), Hour);
    spec.policies.misfire = policy;
    spec.policies.catchUpLimit = 3;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(30 * Minute);
    // The machine sleeps from 00:30 to 08:30: the wall clock moves, the monotonic one does not.
    engine.clock.jumpBy(8 * Hour);
    QCOMPARE(engine.ofType(EventType::ClockJumped).size(), 1);

    const QList<RunRecord> missedRuns = runsIn(engine.runs(spec.agentId), RunState::Missed);
    QCOMPARE(missedRuns.size(), missed);
    QCOMPARE(missedRuns.last().occurrenceMs, T0 + Hour);
    QCOMPARE(missedRuns.first().skipReason, QStringLiteral("clock_jump"));
    QCOMPARE(engine.status(spec.agentId).nextRunMs, T0 + 9 * Hour);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 0); // spread, not all at once

    engine.clock.advanceBy(Minute);
    QList<RunRecord> caughtUp;
    for (const RunRecord &run : engine.runs(spec.agentId)) {
        if (run.origin == RunOrigin::CatchUp) {
            QCOMPARE(run.state, RunState::Completed);
            caughtUp.prepend(run);
        }
    }
    std::sort(caughtUp.begin(), caughtUp.end(), [](const RunRecord &a, const RunRecord &b) {
        return a.occurrenceMs > b.occurrenceMs;
    });
    QCOMPARE(occurrences(caughtUp), catchUps);
    // They ran one after another, oldest first.
    QList<qint64> startedOrder;
    for (const Event &event : engine.ofType(EventType::TaskStarted))
        startedOrder.append(occurrenceOf(event));
    QCOMPARE(startedOrder, catchUps);
    // Every one of the eight occurrences has its row: missed or caught up.
    QCOMPARE(missed + caughtUp.size(), 8);
    engine.clock.advanceTo(T0 + 9 * Hour);
    QCOMPARE(engine.runs(spec.agentId).first().occurrenceMs, T0 + 9 * Hour);
    QCOMPARE(engine.runs(spec.agentId).first().origin, RunOrigin::Scheduled);
}

void TestScheduling::graceLetsALateRunRun()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(QStringLiteral("graceful"), Hour);
    spec.policies.misfireGraceMs = Hour;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(30 * Minute);
    engine.clock.jumpBy(8 * Hour);

    // 08:00 is 30 minutes late, inside the hour of grace: it simply runs, late.
    const QList<RunRecord> runs = engine.runs(spec.agentId);
    const QList<RunRecord> ran = runsIn(runs, RunState::Completed);
    QCOMPARE(ran.size(), 1);
    QCOMPARE(ran.first().occurrenceMs, T0 + 8 * Hour);
    QCOMPARE(ran.first().origin, RunOrigin::Scheduled);
    QCOMPARE(ran.first().startedMs - ran.first().occurrenceMs, 30 * Minute);
    QCOMPARE(runsIn(runs, RunState::Missed).size(), 7);
}

void TestScheduling::missedWhileNotRunningFollowsThePolicy()
{
    RestartableEngine engine;
    AgentSpec spec = intervalSpec(QStringLiteral("restarted"), Hour);
    spec.policies.misfire = RunPolicies::Misfire::RunOnce;
    QVERIFY(engine.service->create(spec).ok());
    QVERIFY(engine.service->startAgent(spec.agentId).ok());
    engine.clock.advanceBy(90 * Minute);
    engine.service->shutdown();
    engine.clock.advanceBy(5 * Hour); // the process is away from 01:30 to 06:30
    engine.boot();
    engine.clock.advanceBy(Minute);

    const QList<RunRecord> runs = engine.service->listRuns(spec.agentId, 100).value();
    QCOMPARE(occurrences(runsIn(runs, RunState::Missed)),
             (QList<qint64>{T0 + 2 * Hour, T0 + 3 * Hour, T0 + 4 * Hour, T0 + 5 * Hour}));
    QCOMPARE(runsIn(runs, RunState::Missed).first().skipReason, QStringLiteral("not_running"));
    QCOMPARE(runs.first().origin, RunOrigin::CatchUp);
    QCOMPARE(runs.first().occurrenceMs, T0 + 6 * Hour);
    QCOMPARE(runs.first().state, RunState::Completed);
}

void TestScheduling::catchUpsOfAFleetAreSpreadOut()
{
    EngineFixture engine;
    for (int i = 0; i < 20; ++i) {
        AgentSpec spec = intervalSpec(QStringLiteral("fleet-%1").arg(i), Hour);
        spec.policies.misfire = RunPolicies::Misfire::RunOnce;
        QVERIFY(engine.service.create(spec).ok());
        QVERIFY(engine.service.startAgent(spec.agentId).ok());
    }
    engine.clock.advanceBy(30 * Minute);
    engine.clock.jumpBy(3 * Hour);
    const qint64 woke = engine.clock.nowMs();
    engine.clock.advanceBy(Minute);

    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 20);
    QSet<qint64> instants;
    for (const Event &event : started) {
        QVERIFY(event.timestampMs >= woke && event.timestampMs < woke + Minute);
        instants.insert(event.timestampMs);
    }
    // Twenty agents over a minute: not one burst.
    QVERIFY2(instants.size() >= 15, qPrintable(QString::number(instants.size())));
}

void TestScheduling::clockSetBackDoesNotRepeatRuns()
{
    EngineFixture engine;
    const QString id = QStringLiteral("steady");
    QVERIFY(engine.service.create(intervalSpec(id, 10 * Minute)).ok());
    QVERIFY(engine.service.startAgent(id).ok());
    engine.clock.advanceBy(35 * Minute); // ran at 10, 20, 30
    engine.clock.jumpBy(-30 * Minute);   // the time is set back to 00:05
    engine.clock.advanceBy(40 * Minute); // to 00:45

    const QList<qint64> ran = occurrences(runsIn(engine.runs(id), RunState::Completed));
    QCOMPARE(
        ran,
        (QList<qint64>{T0 + 10 * Minute, T0 + 20 * Minute, T0 + 30 * Minute, T0 + 40 * Minute}));
    QCOMPARE(engine.ofType(EventType::ClockJumped).size(), 0); // nothing was missed
}

void TestScheduling::overlapQueueOne()
{
    EngineFixture engine;
    AgentSpec spec = sleeper(QStringLiteral("queued"), Minute, 150);
    spec.policies.overlap = RunPolicies::Overlap::QueueOne;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 200 * Second);

    // 1:00 runs until 3:30; 2:00 waits; 3:00 finds the queue taken and is skipped.
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);
    const EventList queued = engine.ofType(EventType::RunQueued);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(occurrenceOf(queued.first()), T0 + 2 * Minute);
    const EventList skipped = engine.ofType(EventType::RunSkipped);
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(occurrenceOf(skipped.first()), T0 + 3 * Minute);

    engine.clock.advanceTo(T0 + 215 * Second);
    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(1).timestampMs, T0 + 210 * Second);
    QCOMPARE(started.at(1).runId, queued.first().runId);
    QCOMPARE(occurrenceOf(started.at(1)), T0 + 2 * Minute);
    QCOMPARE(engine.status(spec.agentId).nextRunMs, T0 + 4 * Minute);
}

void TestScheduling::overlapCancelPrevious()
{
    EngineFixture engine;
    AgentSpec spec = sleeper(QStringLiteral("replaced"), Minute, 90);
    spec.policies.overlap = RunPolicies::Overlap::CancelPrevious;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 130 * Second);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(1).state, RunState::Cancelled);
    QCOMPARE(runs.at(1).finishedMs, T0 + 2 * Minute);
    QVERIFY2(runs.at(1).error.contains(QStringLiteral("replaced by the run due at")),
             qPrintable(runs.at(1).error));
    QCOMPARE(runs.at(0).state, RunState::Running);
    QCOMPARE(runs.at(0).occurrenceMs, T0 + 2 * Minute);
    QCOMPARE(runs.at(0).startedMs, T0 + 2 * Minute);
}

void TestScheduling::overlapAllowsUpToN()
{
    EngineFixture engine;
    AgentSpec spec = sleeper(QStringLiteral("parallel"), Minute, 150);
    spec.policies.overlap = RunPolicies::Overlap::Allow;
    spec.policies.maxParallel = 2;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 200 * Second);

    // 1:00 and 2:00 run side by side; 3:00 would be a third and is skipped.
    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(1).timestampMs, T0 + 2 * Minute);
    const EventList skipped = engine.ofType(EventType::RunSkipped);
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(occurrenceOf(skipped.first()), T0 + 3 * Minute);
    QCOMPARE(text(skipped.first().payload.at("reason")), QStringLiteral("overlap"));
    engine.clock.advanceTo(T0 + 5 * Minute);
    QCOMPARE(runsIn(engine.runs(spec.agentId), RunState::Completed).size(), 2);
}

void TestScheduling::runNowObeysTheOverlapPolicy()
{
    EngineFixture engine;
    AgentSpec skip = sleeper(QStringLiteral("skip"), Hour, 240);
    AgentSpec queue = sleeper(QStringLiteral("queue"), Hour, 240);
    queue.policies.overlap = RunPolicies::Overlap::QueueOne;
    for (const AgentSpec &spec : {skip, queue}) {
        QVERIFY(engine.service.create(spec).ok());
        QVERIFY(engine.service.startAgent(spec.agentId).ok());
        QVERIFY(engine.service.runNow(spec.agentId).ok());
    }
    engine.clock.advanceBy(Minute);

    const Result<QString> refused = engine.service.runNow(skip.agentId);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("already running")),
             qPrintable(refused.errorMessage()));

    const Result<QString> waiting = engine.service.runNow(queue.agentId);
    QVERIFY2(waiting.ok(), qPrintable(waiting.errorMessage()));
    QVERIFY(!engine.service.runNow(queue.agentId).ok()); // one queued at most
    QCOMPARE(engine.status(queue.agentId).nextRunMs, T0 + Hour);
    engine.clock.advanceTo(T0 + 4 * Minute);
    const QList<RunRecord> runs = engine.runs(queue.agentId);
    const auto queued = std::find_if(runs.cbegin(), runs.cend(), [&](const RunRecord &run) {
        return run.runId == waiting.value();
    });
    QVERIFY(queued != runs.cend());
    QCOMPARE(queued->origin, RunOrigin::Manual);
    QCOMPARE(queued->startedMs, T0 + 4 * Minute);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(engine.status(queue.agentId).nextRunMs, T0 + Hour);
}

void TestScheduling::timedPauseResumesAcrossARestart()
{
    RestartableEngine engine;
    const QString id = QStringLiteral("nap");
    QVERIFY(engine.service->create(intervalSpec(id, 10 * Minute)).ok());
    QVERIFY(engine.service->startAgent(id).ok());
    engine.clock.advanceBy(5 * Minute);
    const Result<AgentStatus> past = engine.service->pauseAgent(id, {}, T0);
    QVERIFY(!past.ok());
    QVERIFY2(past.errorMessage().contains(QStringLiteral("has passed")),
             qPrintable(past.errorMessage()));
    const Result<AgentStatus> paused
        = engine.service->pauseAgent(id, QStringLiteral("for an hour"), T0 + Hour);
    QVERIFY(paused.ok());
    QCOMPARE(paused->pausedUntilMs, T0 + Hour);

    engine.clock.advanceBy(25 * Minute);
    engine.boot(); // restarted at 00:30, still paused
    AgentStatus status = engine.service->getAgentStatus(id).value();
    QCOMPARE(status.state, AgentState::Paused);
    QCOMPARE(status.pausedUntilMs, T0 + Hour);
    QCOMPARE(status.pauseReason, QStringLiteral("for an hour"));

    engine.clock.advanceTo(T0 + Hour);
    status = engine.service->getAgentStatus(id).value();
    QCOMPARE(status.state, AgentState::Scheduled);
    QCOMPARE(status.pausedUntilMs, 0);
    QCOMPARE(status.nextRunMs, T0 + 70 * Minute);
    const QList<RunRecord> runs = engine.service->listRuns(id, 100).value();
    const QList<RunRecord> skipped = runsIn(runs, RunState::Skipped);
    QCOMPARE(occurrences(skipped),
             (QList<qint64>{T0 + 10 * Minute,
                            T0 + 20 * Minute,
                            T0 + 30 * Minute,
                            T0 + 40 * Minute,
                            T0 + 50 * Minute}));
    QCOMPARE(skipped.first().skipReason, QStringLiteral("paused"));
    // Due at the very end of the pause, 01:00 runs.
    QCOMPARE(runs.first().occurrenceMs, T0 + Hour);
    QCOMPARE(runs.first().state, RunState::Completed);
}

void TestScheduling::timedPauseThatEndedWhileDown()
{
    RestartableEngine engine;
    const QString id = QStringLiteral("away");
    QVERIFY(engine.service->create(intervalSpec(id, 10 * Minute)).ok());
    QVERIFY(engine.service->startAgent(id).ok());
    engine.clock.advanceBy(5 * Minute);
    QVERIFY(engine.service->pauseAgent(id, {}, T0 + 25 * Minute).ok());
    engine.service->shutdown();
    engine.clock.advanceTo(T0 + 52 * Minute);
    engine.boot();

    const QList<RunRecord> runs = engine.service->listRuns(id, 100).value();
    QCOMPARE(occurrences(runsIn(runs, RunState::Skipped)),
             (QList<qint64>{T0 + 10 * Minute, T0 + 20 * Minute}));
    QCOMPARE(occurrences(runsIn(runs, RunState::Missed)),
             (QList<qint64>{T0 + 30 * Minute, T0 + 40 * Minute, T0 + 50 * Minute}));
    QCOMPARE(engine.service->getAgentStatus(id)->state, AgentState::Scheduled);
}

void TestScheduling::autoPauseAfterFailuresAndReset()
{
    EngineFixture engine(3);
    AgentSpec spec = intervalSpec(QStringLiteral("fragile"), Minute, {QStringLiteral("flaky")});
    spec.task.maxRetries = 0;
    spec.policies.pauseAfterFailures = 3;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 2 * Minute);
    QCOMPARE(engine.status(spec.agentId).consecutiveFailures, 2);
    QCOMPARE(engine.status(spec.agentId).state, AgentState::Error);

    engine.clock.advanceTo(T0 + 3 * Minute);
    AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.state, AgentState::Paused);
    QVERIFY2(status.pauseReason.contains(QStringLiteral("3 failures in a row"))
                 && status.pauseReason.contains(QStringLiteral("flaky failure 3")),
             qPrintable(status.pauseReason));
    const EventList autoPaused = engine.ofType(EventType::AutoPaused);
    QCOMPARE(autoPaused.size(), 1);
    QCOMPARE(autoPaused.first().payload.at("failures").get<int>(), 3);
    QVERIFY(text(autoPaused.first().payload.at("last_error"))
                .contains(QStringLiteral("flaky failure 3")));
    engine.clock.advanceTo(T0 + 10 * Minute);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 3);

    // Resumed, the next run succeeds and the count starts over.
    QVERIFY(engine.service.resumeAgent(spec.agentId).ok());
    QCOMPARE(engine.status(spec.agentId).consecutiveFailures, 3);
    engine.clock.advanceTo(T0 + 12 * Minute);
    status = engine.status(spec.agentId);
    QCOMPARE(status.consecutiveFailures, 0);
    QCOMPARE(status.state, AgentState::Scheduled);
    QCOMPARE(status.lastOutcome, QStringLiteral("completed"));
}

void TestScheduling::budgetSkipsAtTheExactCrossing()
{
    // 120 tokens a run: a cap of 360 lets exactly three runs through, a cap of 359 two.
    for (const qint64 cap : {qint64(360), qint64(359)}) {
        EngineFixture engine;
        engine.service.addProvider(std::make_unique<MeteredProvider>());
        AgentSpec spec = metered(QStringLiteral("capped"), Minute);
        spec.budget.dailyTokens = cap;
        QVERIFY(engine.service.create(spec).ok());
        QVERIFY(engine.service.startAgent(spec.agentId).ok());
        engine.clock.advanceTo(T0 + 5 * Minute);

        const int allowed = cap == 360 ? 3 : 2;
        const QList<RunRecord> runs = engine.runs(spec.agentId);
        QCOMPARE(runsIn(runs, RunState::Completed).size(), allowed);
        const QList<RunRecord> skipped = runsIn(runs, RunState::Skipped);
        QCOMPARE(skipped.size(), 5 - allowed);
        QCOMPARE(skipped.last().skipReason, QStringLiteral("budget"));
        QCOMPARE(skipped.last().occurrenceMs, T0 + (allowed + 1) * Minute);
        QCOMPARE(engine.status(spec.agentId).tokensToday, allowed * 120);
        const EventList exceeded = engine.ofType(EventType::BudgetExceeded);
        QCOMPARE(exceeded.size(), 5 - allowed);
        QCOMPARE(text(exceeded.first().payload.at("cap")), QStringLiteral("daily_tokens"));
        QCOMPARE(text(exceeded.first().payload.at("scope")), QStringLiteral("agent"));
        QCOMPARE(engine.status(spec.agentId).state, AgentState::Scheduled);
        // A new day starts the count over.
        engine.clock.advanceTo(T0 + 24 * Hour + 10 * Minute);
        QCOMPARE(engine.status(spec.agentId).tokensToday, allowed * 120);
    }
}

void TestScheduling::budgetPausesTheAgent()
{
    EngineFixture engine;
    engine.service.addProvider(std::make_unique<MeteredProvider>());
    AgentSpec spec = metered(QStringLiteral("pausing"), Minute);
    spec.budget.monthlyTokens = 360;
    spec.budget.onExceeded = Budget::Action::Pause;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 4 * Minute);

    const AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.state, AgentState::Paused);
    QVERIFY2(status.pauseReason.contains(QStringLiteral("monthly_tokens")),
             qPrintable(status.pauseReason));
    QCOMPARE(status.runCount, 3);
    QCOMPARE(engine.runs(spec.agentId).first().skipReason, QStringLiteral("budget"));
    QVERIFY(!engine.service.runNow(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 10 * Minute);
    QCOMPARE(engine.status(spec.agentId).runCount, 3);
}

void TestScheduling::costAndFleetCaps()
{
    EngineFixture engine;
    engine.service.addProvider(std::make_unique<MeteredProvider>());
    AgentSpec costly = metered(QStringLiteral("costly"), Minute);
    costly.budget.dailyCost = 1.0; // 0.25 a run: four runs
    QVERIFY(engine.service.create(costly).ok());
    QVERIFY(engine.service.startAgent(costly.agentId).ok());
    engine.clock.advanceTo(T0 + 6 * Minute);
    QCOMPARE(engine.status(costly.agentId).runCount, 4);
    QCOMPARE(engine.status(costly.agentId).costToday, 1.0);
    QVERIFY(engine.service.stopAgent(costly.agentId).ok());

    // The fleet's cap counts every agent: 480 tokens already, 240 more fit under 720.
    Budget fleet;
    fleet.dailyTokens = 720;
    engine.service.setFleetBudget(fleet);
    AgentSpec other = metered(QStringLiteral("other"), Minute);
    QVERIFY(engine.service.create(other).ok());
    QVERIFY(engine.service.startAgent(other.agentId).ok());
    engine.clock.advanceTo(T0 + 12 * Minute);
    QCOMPARE(engine.status(other.agentId).runCount, 2);
    const EventList exceeded = engine.ofType(EventType::BudgetExceeded, other.agentId);
    QVERIFY(!exceeded.isEmpty());
    QCOMPARE(text(exceeded.first().payload.at("scope")), QStringLiteral("fleet"));
}

void TestScheduling::globalLimitQueuesRuns()
{
    EngineFixture engine;
    engine.service.setMaxConcurrentRuns(1);
    for (const QString &id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
        QVERIFY(engine.service.create(sleeper(id, 10 * Minute, 90)).ok());
        QVERIFY(engine.service.startAgent(id).ok());
    }
    engine.clock.advanceTo(T0 + 10 * Minute);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);
    const EventList queued = engine.ofType(EventType::RunQueued);
    QCOMPARE(queued.size(), 2);
    QCOMPARE(text(queued.first().payload.at("reason")), QStringLiteral("concurrency"));
    QCOMPARE(engine.runs(queued.first().agentId).first().state, RunState::Queued);

    engine.clock.advanceTo(T0 + 15 * Minute);
    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 3);
    QCOMPARE(started.at(1).timestampMs, T0 + 11 * Minute + 30 * Second);
    QCOMPARE(started.at(2).timestampMs, T0 + 13 * Minute);
    QCOMPARE(started.at(1).agentId, queued.at(0).agentId);
    // Its lateness is the wait for the slot.
    const RunRecord waited = engine.runs(queued.first().agentId).first();
    QCOMPARE(waited.startedMs, T0 + 11 * Minute + 30 * Second);
    QCOMPARE(runLateMs(waited), std::optional<qint64>(90 * Second));
    // Raising the limit lets waiting runs go at once.
    engine.clock.advanceTo(T0 + 20 * Minute);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 4);
    engine.service.setMaxConcurrentRuns(0);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 6);
}

void TestScheduling::jitterIsStableAndBounded()
{
    QList<qint64> firstStarts;
    for (int round = 0; round < 2; ++round) {
        EngineFixture engine;
        AgentSpec spec = intervalSpec(QStringLiteral("jittery"), 10 * Minute);
        spec.schedule.jitterMs = 5 * Minute;
        QVERIFY(engine.service.create(spec).ok());
        QVERIFY(engine.service.startAgent(spec.agentId).ok());
        engine.clock.advanceTo(T0 + 125 * Minute);
        QList<qint64> delays;
        for (const Event &event : engine.ofType(EventType::TaskStarted)) {
            const qint64 delay = event.timestampMs - occurrenceOf(event);
            QVERIFY(delay >= 0 && delay <= 5 * Minute);
            delays.append(delay);
        }
        QCOMPARE(delays.size(), 12);
        QVERIFY(std::count(delays.begin(), delays.end(), delays.first()) < delays.size());
        if (round == 0)
            firstStarts = delays;
        else
            QCOMPARE(delays, firstStarts);
    }
}

void TestScheduling::maxRunsEndsTheSchedule()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(QStringLiteral("thrice"), Minute);
    spec.schedule.maxRuns = 3;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    QVERIFY(engine.service.runNow(spec.agentId).ok()); // manual runs do not count
    engine.clock.advanceTo(T0 + 10 * Minute);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 4);
    QCOMPARE(engine.status(spec.agentId).nextRunMs, 0);
    QCOMPARE(engine.status(spec.agentId).servedCount, 3);
    QCOMPARE(engine.status(spec.agentId).state, AgentState::Idle);
}

void TestScheduling::cronScheduleRunsInItsZone()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(QStringLiteral("weekdays"), Minute);
    spec.schedule = {};
    spec.schedule.kind = Schedule::Kind::Cron;
    spec.schedule.cron = QStringLiteral("0 9 * * mon-fri");
    spec.schedule.timeZone = QStringLiteral("America/New_York");
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceTo(T0 + 7 * 24 * Hour);

    // Thursday 1 January 2026 to Wednesday the 7th: five weekdays at 09:00 EST (14:00Z).
    QList<qint64> expected;
    for (const int day : {0, 1, 4, 5, 6})
        expected.append(T0 + day * 24 * Hour + 14 * Hour);
    QCOMPARE(occurrences(runsIn(engine.runs(spec.agentId), RunState::Completed)), expected);
}

QTEST_GUILESS_MAIN(TestScheduling)
#include "tst_scheduling.moc"
