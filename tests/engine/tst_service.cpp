#include "attempt.h"
#include "enginefixture.h"
#include "provider.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;

namespace {

qint64 occurrenceOf(const Event &event)
{
    return QDateTime::fromString(QString::fromStdString(event.payload.at("occurrence")),
                                 Qt::ISODateWithMs)
        .toMSecsSinceEpoch();
}

} // namespace

class TestService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simulatedDayLandsEveryRunOnTime_data();
    void simulatedDayLandsEveryRunOnTime();
    void slowRunsDoNotShiftThePhase();
    void overlappingOccurrenceIsSkipped();
    void pauseAndResumeKeepThePhase();
    void runNowDoesNotShiftTheSchedule();
    void failedAttemptsAreRetried();
    void retriesRunOut();
    void exponentialBackoffIsCapped();
    void attemptTimesOut();
    void toolCallTimesOut();
    void stopCancelsTheRunningRun();
    void cancelRunKeepsTheSchedule();
    void onceAndManualSchedules();
    void updateBumpsRevisionAndAppliesAtNextRun();
    void shutdownDrainsRunningRuns();
    void removeForgetsTheAgent();
    void statusCounters();
    void tokensAddUpPerRunAndPerDay();
    void wrongCallsReturnClearErrors();
    void listsItsProvidersAndTools();
    void failingStoreHoldsRunsUntilItRecovers();
};

void TestService::simulatedDayLandsEveryRunOnTime_data()
{
    QTest::addColumn<qint64>("interval");
    QTest::newRow("1 s") << Second;
    QTest::newRow("5 min") << 5 * Minute;
    QTest::newRow("1 h") << Hour;
}

void TestService::simulatedDayLandsEveryRunOnTime()
{
    QFETCH(qint64, interval);
    EngineFixture engine;
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("a"), interval)).ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("a")).ok());

    engine.clock.advanceBy(24 * Hour);

    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 24 * Hour / interval);
    for (qsizetype n = 0; n < started.size(); ++n) {
        const qint64 due = T0 + (n + 1) * interval;
        QCOMPARE(started.at(n).timestampMs, due);
        QCOMPARE(occurrenceOf(started.at(n)), due);
    }
    QCOMPARE(engine.ofType(EventType::TaskCompleted).size(), started.size());
    const AgentStatus status = engine.status(QStringLiteral("a"));
    QCOMPARE(status.runCount, started.size());
    QCOMPARE(status.errorCount, 0);
    QCOMPARE(status.nextRunMs, T0 + 24 * Hour + interval);
    QCOMPARE(status.state, AgentState::Scheduled);
}

void TestService::slowRunsDoNotShiftThePhase()
{
    EngineFixture engine;
    QVERIFY(engine.service
                .create(intervalSpec(QStringLiteral("slow"),
                                     Minute,
                                     {QStringLiteral("sleep")},
                                     {{"sleep", {{"seconds", 50}}}}))
                .ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("slow")).ok());
    engine.clock.advanceBy(10 * Minute);

    const EventList started = engine.ofType(EventType::TaskStarted);
    const EventList completed = engine.ofType(EventType::TaskCompleted);
    QCOMPARE(started.size(), 10);
    QCOMPARE(completed.size(), 9); // the tenth ends at 10:50
    for (qsizetype n = 0; n < started.size(); ++n)
        QCOMPARE(started.at(n).timestampMs, T0 + (n + 1) * Minute);
    for (qsizetype n = 0; n < completed.size(); ++n) {
        QCOMPARE(completed.at(n).timestampMs, T0 + (n + 1) * Minute + 50 * Second);
        QCOMPARE(completed.at(n).payload.at("duration_ms").get<qint64>(), 50 * Second);
    }
}

void TestService::overlappingOccurrenceIsSkipped()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("long"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 90}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(4 * Minute);

    // Runs at 1:00 (until 2:30) and 3:00 (until 4:30); 2:00 and 4:00 overlap and are skipped.
    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(0).timestampMs, T0 + Minute);
    QCOMPARE(started.at(1).timestampMs, T0 + 3 * Minute);
    const EventList skipped = engine.ofType(EventType::RunSkipped);
    QCOMPARE(skipped.size(), 2);
    QCOMPARE(text(skipped.at(0).payload.at("reason")), QStringLiteral("overlap"));
    QCOMPARE(occurrenceOf(skipped.at(0)), T0 + 2 * Minute);
    QCOMPARE(skipped.at(0).payload.at("running_run_id").get<std::string>(),
             started.at(0).runId.toStdString());
    QCOMPARE(occurrenceOf(skipped.at(1)), T0 + 4 * Minute);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 4);
    QCOMPARE(runs.at(0).state, RunState::Skipped); // newest first: 4:00
    QCOMPARE(runs.at(0).skipReason, QStringLiteral("overlap"));
    QCOMPARE(runs.at(1).state, RunState::Running);
    QCOMPARE(runs.at(2).state, RunState::Skipped);
    QCOMPARE(runs.at(3).state, RunState::Completed);
    QCOMPARE(engine.status(spec.agentId).runCount, 1);
}

void TestService::pauseAndResumeKeepThePhase()
{
    EngineFixture engine;
    const QString id = QStringLiteral("p");
    QVERIFY(engine.service.create(intervalSpec(id, Minute)).ok());
    QVERIFY(engine.service.startAgent(id).ok());
    engine.clock.advanceBy(90 * Second);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);

    const Result<AgentStatus> paused = engine.service.pauseAgent(id, QStringLiteral("maintenance"));
    QVERIFY(paused.ok());
    QCOMPARE(paused->state, AgentState::Paused);
    QCOMPARE(paused->pauseReason, QStringLiteral("maintenance"));
    QCOMPARE(paused->pausedAtMs, T0 + 90 * Second);
    QCOMPARE(paused->nextRunMs, 0);
    engine.clock.advanceTo(T0 + 250 * Second);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);

    const Result<AgentStatus> resumed = engine.service.resumeAgent(id);
    QVERIFY(resumed.ok());
    QCOMPARE(resumed->state, AgentState::Scheduled);
    QCOMPARE(resumed->nextRunMs, T0 + 5 * Minute); // not 250 s + 60 s
    QVERIFY(resumed->pauseReason.isEmpty());
    engine.clock.advanceTo(T0 + 7 * Minute);
    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 4);
    QCOMPARE(started.at(1).timestampMs, T0 + 5 * Minute);
    QCOMPARE(started.at(2).timestampMs, T0 + 6 * Minute);
    QCOMPARE(started.at(3).timestampMs, T0 + 7 * Minute);
}

void TestService::runNowDoesNotShiftTheSchedule()
{
    EngineFixture engine;
    const QString id = QStringLiteral("n");
    QVERIFY(engine.service.create(intervalSpec(id, Minute)).ok());
    QVERIFY(engine.service.startAgent(id).ok());
    engine.clock.advanceBy(25 * Second);
    const Result<QString> runId = engine.service.runNow(id);
    QVERIFY(runId.ok());
    QVERIFY(!runId->isEmpty());
    QCOMPARE(engine.status(id).nextRunMs, T0 + Minute);
    engine.clock.advanceTo(T0 + 2 * Minute);

    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 3);
    QCOMPARE(started.at(0).runId, runId.value());
    QCOMPARE(text(started.at(0).payload.at("origin")), QStringLiteral("manual"));
    QCOMPARE(started.at(0).timestampMs, T0 + 25 * Second);
    QCOMPARE(text(started.at(1).payload.at("origin")), QStringLiteral("scheduled"));
    QCOMPARE(started.at(1).timestampMs, T0 + Minute);
    QCOMPARE(started.at(2).timestampMs, T0 + 2 * Minute);
}

void TestService::failedAttemptsAreRetried()
{
    EngineFixture engine(2);
    AgentSpec spec = intervalSpec(QStringLiteral("r"), Hour, {QStringLiteral("flaky")});
    spec.task.maxRetries = 3;
    spec.task.retryDelayMs = 10 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + Minute);

    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 3);
    QCOMPARE(started.at(0).timestampMs, T0 + Hour);
    QCOMPARE(started.at(1).timestampMs, T0 + Hour + 10 * Second);
    QCOMPARE(started.at(2).timestampMs, T0 + Hour + 20 * Second);
    QCOMPARE(started.at(2).payload.at("attempt").get<qint64>(), qint64(3));
    for (const Event &event : started)
        QCOMPARE(event.runId, started.at(0).runId);

    const EventList errors = engine.ofType(EventType::TaskError);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).payload.at("will_retry").get<bool>(), true);
    QVERIFY(QString::fromStdString(errors.at(0).payload.at("error")).contains(u"flaky failure 1"));
    const EventList retries = engine.ofType(EventType::RetryScheduled);
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries.at(0).payload.at("attempt").get<qint64>(), qint64(2));
    QCOMPARE(retries.at(0).payload.at("delay_ms").get<qint64>(), qint64(10 * Second));
    QCOMPARE(engine.ofType(EventType::TaskCompleted).size(), 1);

    const RunRecord run = engine.runs(spec.agentId).first();
    QCOMPARE(run.state, RunState::Completed);
    QCOMPARE(run.attempts, 3);
    const AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.runCount, 1);
    QCOMPARE(status.errorCount, 0);
    QCOMPARE(status.consecutiveFailures, 0);
}

void TestService::retriesRunOut()
{
    EngineFixture engine(100);
    AgentSpec spec = intervalSpec(QStringLiteral("r"), Hour, {QStringLiteral("flaky")});
    spec.task.maxRetries = 2;
    spec.task.retryDelayMs = 5 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + Minute);

    QCOMPARE(engine.flaky->calls(), 3);
    const EventList errors = engine.ofType(EventType::TaskError);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(errors.last().payload.at("will_retry").get<bool>(), false);
    QCOMPARE(text(errors.last().payload.at("state")), QStringLiteral("failed"));
    QCOMPARE(engine.ofType(EventType::RetryScheduled).size(), 2);
    QCOMPARE(engine.ofType(EventType::TaskCompleted).size(), 0);
    const RunRecord run = engine.runs(spec.agentId).first();
    QCOMPARE(run.state, RunState::Failed);
    QCOMPARE(run.attempts, 3);
    QVERIFY(run.error.contains(u"flaky failure 3"));
    const AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.state, AgentState::Error);
    QCOMPARE(status.errorCount, 1);
    QCOMPARE(status.consecutiveFailures, 1);
    QVERIFY(status.lastError.contains(u"flaky failure 3"));
    QCOMPARE(status.nextRunMs, T0 + 2 * Hour);
}

void TestService::exponentialBackoffIsCapped()
{
    EngineFixture engine(4);
    AgentSpec spec = intervalSpec(QStringLiteral("x"), Hour, {QStringLiteral("flaky")});
    spec.task.maxRetries = 4;
    spec.task.retryDelayMs = 10 * Second;
    spec.task.retryBackoff = TaskConfig::Backoff::Exponential;
    spec.task.retryDelayMaxMs = 25 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + 10 * Minute);

    const EventList retries = engine.ofType(EventType::RetryScheduled);
    QCOMPARE(retries.size(), 4);
    const qint64 expected[] = {10 * Second, 20 * Second, 25 * Second, 25 * Second};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(retries.at(i).payload.at("delay_ms").get<qint64>(), expected[i]);
    QCOMPARE(engine.runs(spec.agentId).first().state, RunState::Completed);
}

void TestService::attemptTimesOut()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("t"), Hour, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 100}}}});
    spec.task.timeoutMs = 30 * Second;
    spec.task.maxRetries = 0;
    spec.limits.toolCallTimeoutMs = 1000 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + 5 * Minute);

    const RunRecord run = engine.runs(spec.agentId).first();
    QCOMPARE(run.state, RunState::TimedOut);
    QCOMPARE(run.finishedMs, T0 + Hour + 30 * Second);
    QVERIFY(run.error.contains(u"task_config.timeout"));
    const EventList errors = engine.ofType(EventType::TaskError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(text(errors.first().payload.at("state")), QStringLiteral("timed_out"));
    // The tool's late answer after the timeout is not reported as a completion.
    QCOMPARE(engine.ofType(EventType::ToolCallCompleted).size(), 0);
    QCOMPARE(engine.status(spec.agentId).errorCount, 1);
}

void TestService::toolCallTimesOut()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("tc"), Hour, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 50}}}});
    spec.limits.toolCallTimeoutMs = 20 * Second;
    spec.task.maxRetries = 0;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + 5 * Minute);

    const EventList toolErrors = engine.ofType(EventType::ToolCallError);
    QCOMPARE(toolErrors.size(), 1);
    QCOMPARE(toolErrors.first().timestampMs, T0 + Hour + 20 * Second);
    QCOMPARE(text(toolErrors.first().payload.at("tool")), QStringLiteral("sleep"));
    QVERIFY(QString::fromStdString(toolErrors.first().payload.at("error"))
                .contains(u"tool_call_timeout"));
    QCOMPARE(engine.runs(spec.agentId).first().state, RunState::Failed);
}

void TestService::stopCancelsTheRunningRun()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("s"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 40}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second);
    QCOMPARE(engine.status(spec.agentId).state, AgentState::Running);

    const Result<AgentStatus> stopped = engine.service.stopAgent(spec.agentId);
    QVERIFY(stopped.ok());
    QCOMPARE(stopped->state, AgentState::Stopped);
    QCOMPARE(stopped->nextRunMs, 0);
    engine.clock.advanceBy(10 * Minute);

    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);
    QCOMPARE(engine.ofType(EventType::ToolCallCompleted).size(), 0);
    const EventList errors = engine.ofType(EventType::TaskError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(text(errors.first().payload.at("state")), QStringLiteral("cancelled"));
    QCOMPARE(errors.first().payload.at("will_retry").get<bool>(), false);
    const RunRecord run = engine.runs(spec.agentId).first();
    QCOMPARE(run.state, RunState::Cancelled);
    QCOMPARE(run.finishedMs, T0 + 70 * Second);
    const AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.errorCount, 0);
    QCOMPARE(status.runCount, 1);
    // A stopped agent starts again from a fresh phase.
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    QCOMPARE(engine.status(spec.agentId).nextRunMs, engine.clock.nowMs() + Minute);
}

void TestService::cancelRunKeepsTheSchedule()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("c"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 30}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second);
    const QString runId = engine.ofType(EventType::TaskStarted).first().runId;
    QVERIFY(engine.service.cancelRun(runId).ok());
    QCOMPARE(engine.service.cancelRun(runId).error().code, ErrorCode::NotFound);
    engine.clock.advanceTo(T0 + 2 * Minute + 40 * Second);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(1).state, RunState::Cancelled);
    QCOMPARE(runs.at(0).state, RunState::Completed);
    QCOMPARE(runs.at(0).occurrenceMs, T0 + 2 * Minute);
}

void TestService::onceAndManualSchedules()
{
    EngineFixture engine;
    AgentSpec once = intervalSpec(QStringLiteral("once"), 0);
    once.schedule.kind = Schedule::Kind::Once;
    once.schedule.atMs = T0 + 100 * Second;
    AgentSpec manual = intervalSpec(QStringLiteral("manual"), 0);
    manual.schedule.kind = Schedule::Kind::Manual;
    QVERIFY(engine.service.create(once).ok());
    QVERIFY(engine.service.create(manual).ok());
    QCOMPARE(engine.service.startAgent(once.agentId)->nextRunMs, T0 + 100 * Second);
    QCOMPARE(engine.service.startAgent(manual.agentId)->nextRunMs, 0);
    engine.clock.advanceBy(Hour);

    const EventList onceRuns = engine.ofType(EventType::TaskStarted, once.agentId);
    QCOMPARE(onceRuns.size(), 1);
    QCOMPARE(onceRuns.first().timestampMs, T0 + 100 * Second);
    QCOMPARE(engine.status(once.agentId).nextRunMs, 0);
    QCOMPARE(engine.status(once.agentId).state, AgentState::Idle);
    QCOMPARE(engine.ofType(EventType::TaskStarted, manual.agentId).size(), 0);
    QVERIFY(engine.service.runNow(manual.agentId).ok());
    QCOMPARE(engine.ofType(EventType::TaskCompleted, manual.agentId).size(), 1);
}

void TestService::updateBumpsRevisionAndAppliesAtNextRun()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("u"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 20}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second); // run 1 in progress on revision 1

    spec.task.query = QStringLiteral("changed");
    const Result<AgentStatus> updated = engine.service.update(spec);
    QVERIFY(updated.ok());
    QCOMPARE(updated->specRevision, 2);
    QCOMPARE(engine.service.getAgentSpec(spec.agentId)->revision, 2);
    engine.clock.advanceTo(T0 + 2 * Minute + 30 * Second);

    const EventList started = engine.ofType(EventType::TaskStarted);
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(0).payload.at("spec_revision").get<qint64>(), qint64(1));
    QCOMPARE(started.at(1).payload.at("spec_revision").get<qint64>(), qint64(2));
    QCOMPARE(text(started.at(1).payload.at("query")), QStringLiteral("changed"));
    QCOMPARE(engine.runs(spec.agentId).last().specRevision, 1);
}

void TestService::shutdownDrainsRunningRuns()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("d"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 30}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second);
    QSignalSpy drained(&engine.service, &BackgroundAgentService::drained);

    engine.service.shutdown();
    QVERIFY(!engine.service.isManagerRunning());
    QCOMPARE(engine.service.runNow(spec.agentId).error().code, ErrorCode::WrongState);
    QCoreApplication::processEvents();
    QCOMPARE(drained.count(), 0);
    engine.clock.advanceBy(20 * Second);
    QVERIFY(drained.wait(1000));
    QCOMPARE(engine.runs(spec.agentId).first().state, RunState::Completed);
    engine.clock.advanceBy(Hour);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);
}

void TestService::removeForgetsTheAgent()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("gone"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 30}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second);
    QVERIFY(engine.service.remove(spec.agentId).ok());
    QCOMPARE(engine.service.getAgentStatus(spec.agentId).error().code, ErrorCode::NotFound);
    QVERIFY(engine.service.listAgents().isEmpty());
    QVERIFY(!engine.service.hasActiveRuns());
    engine.clock.advanceBy(Hour);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 1);
    QVERIFY(engine.service.create(spec).ok());
}

namespace {

/// A model that answers at once, using 100 input and 20 output tokens each time.
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
        attempt->complete(QStringLiteral("fine"), usage);
    }
};

} // namespace

void TestService::listsItsProvidersAndTools()
{
    EngineFixture engine;
    QCOMPARE(engine.service.providerIds(), QStringList{QStringLiteral("none")});
    engine.service.addProvider(std::make_unique<MeteredProvider>());
    QCOMPARE(engine.service.providerIds(),
             (QStringList{QStringLiteral("metered"), QStringLiteral("none")}));
    QStringList names;
    for (const ToolDescriptor &tool : engine.service.toolDescriptors()) {
        QVERIFY2(!tool.description.isEmpty(), qPrintable(tool.name));
        names.append(tool.name);
    }
    QCOMPARE(names, engine.tools.names());
    QVERIFY(names.contains(QStringLiteral("sleep")));
}

void TestService::tokensAddUpPerRunAndPerDay()
{
    EngineFixture engine;
    engine.service.addProvider(std::make_unique<MeteredProvider>());
    AgentSpec spec = intervalSpec(QStringLiteral("metered"), Hour);
    spec.model.provider = QStringLiteral("metered");
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    // Thirty hourly runs cross a local midnight whatever the time zone.
    QHash<QString, qint64> perDay;
    for (int hour = 1; hour <= 30; ++hour) {
        engine.clock.advanceBy(Hour);
        const QString day
            = QDateTime::fromMSecsSinceEpoch(engine.clock.nowMs()).date().toString(Qt::ISODate);
        perDay[day] += 120;
        const AgentStatus status = engine.status(spec.agentId);
        QCOMPARE(status.runCount, hour);
        QCOMPARE(status.tokensTotal, 120 * hour);
        QCOMPARE(status.tokensDay, day);
        QCOMPARE(status.tokensToday, perDay.value(day));
    }
    QVERIFY(perDay.size() >= 2);
    QCOMPARE(engine.runs(spec.agentId).first().usage.totalTokens(), 120);
}

void TestService::statusCounters()
{
    EngineFixture engine(1);
    AgentSpec spec = intervalSpec(QStringLiteral("k"),
                                  Minute,
                                  {QStringLiteral("sleep"), QStringLiteral("flaky")},
                                  {{"sleep", {{"seconds", 4}}}});
    spec.task.maxRetries = 0;
    QVERIFY(engine.service.create(spec).ok());
    QCOMPARE(engine.status(spec.agentId).state, AgentState::Idle);
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    QCOMPARE(engine.status(spec.agentId).state, AgentState::Scheduled);
    engine.clock.advanceTo(T0 + Minute + 4 * Second); // run 1: flaky fails after 4 s
    AgentStatus status = engine.status(spec.agentId);
    QCOMPARE(status.state, AgentState::Error);
    QCOMPARE(status.runCount, 1);
    QCOMPARE(status.errorCount, 1);
    QCOMPARE(status.consecutiveFailures, 1);
    QCOMPARE(status.lastOutcome, QStringLiteral("failed"));

    engine.clock.advanceTo(T0 + 3 * Minute + 4 * Second); // runs 2 and 3 succeed
    status = engine.status(spec.agentId);
    QCOMPARE(status.state, AgentState::Scheduled);
    QCOMPARE(status.runCount, 3);
    QCOMPARE(status.errorCount, 1);
    QCOMPARE(status.consecutiveFailures, 0);
    QCOMPARE(status.lastRunMs, T0 + 3 * Minute);
    QCOMPARE(status.lastDurationMs, 4 * Second);
    QCOMPARE(status.averageDurationMs(), 4 * Second);
    QCOMPARE(status.lastOutcome, QStringLiteral("completed"));
    QVERIFY(status.lastError.isEmpty());
    QCOMPARE(status.nextRunMs, T0 + 4 * Minute);
    QCOMPARE(engine.service.listAgents().size(), 1);
}

void TestService::wrongCallsReturnClearErrors()
{
    EngineFixture engine;
    const QString nobody = QStringLiteral("nobody");
    QCOMPARE(engine.service.startAgent(nobody).error().code, ErrorCode::NotFound);
    QVERIFY(engine.service.startAgent(nobody).errorMessage().contains(u"no agent \"nobody\""));
    QCOMPARE(engine.service.pauseAgent(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.resumeAgent(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.stopAgent(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.runNow(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.remove(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.listRuns(nobody).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.update(intervalSpec(nobody, Minute)).error().code, ErrorCode::NotFound);
    QCOMPARE(engine.service.cancelRun(QStringLiteral("no-such-run")).error().code,
             ErrorCode::NotFound);
    QCOMPARE(engine.service.streamAgentEvents(nobody, 0, &engine.service, [](const Event &) {})
                 .error()
                 .code,
             ErrorCode::NotFound);

    const AgentSpec spec = intervalSpec(
        QStringLiteral("a"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 90}}}});
    QVERIFY(engine.service.create(spec).ok());
    QCOMPARE(engine.service.create(spec).error().code, ErrorCode::AlreadyExists);
    QCOMPARE(engine.service.pauseAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QCOMPARE(engine.service.resumeAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QCOMPARE(engine.service.stopAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    QCOMPARE(engine.service.startAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QVERIFY(engine.service.pauseAgent(spec.agentId).ok());
    QCOMPARE(engine.service.pauseAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QCOMPARE(engine.service.startAgent(spec.agentId).error().code, ErrorCode::WrongState);
    QVERIFY(engine.service.resumeAgent(spec.agentId).ok());
    engine.clock.advanceBy(70 * Second);
    const Result<QString> busy = engine.service.runNow(spec.agentId);
    QCOMPARE(busy.error().code, ErrorCode::WrongState);
    QVERIFY(busy.errorMessage().contains(u"already running"));
    QCOMPARE(
        engine.service.streamAgentEvents(spec.agentId, -1, &engine.service, [](const Event &) {})
            .error()
            .code,
        ErrorCode::InvalidArgument);

    AgentSpec badTool = intervalSpec(QStringLiteral("b"), Minute, {QStringLiteral("teleport")});
    const Result<AgentStatus> refusedTool = engine.service.create(badTool);
    QCOMPARE(refusedTool.error().code, ErrorCode::InvalidArgument);
    QVERIFY(refusedTool.errorMessage().contains(u"tools[0]: unknown tool \"teleport\""));
    AgentSpec badProvider = intervalSpec(QStringLiteral("c"), Minute);
    badProvider.model.provider = QStringLiteral("openai");
    const Result<AgentStatus> refusedProvider = engine.service.create(badProvider);
    QCOMPARE(refusedProvider.error().code, ErrorCode::Unavailable);
    QVERIFY(refusedProvider.errorMessage().contains(u"model_config.provider \"openai\""));
    AgentSpec badId = intervalSpec(QStringLiteral("no spaces"), Minute);
    QCOMPARE(engine.service.create(badId).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(engine.service.listAgents().size(), 1);
}

void TestService::failingStoreHoldsRunsUntilItRecovers()
{
    EngineFixture engine;
    QSignalSpy errors(&engine.service, &BackgroundAgentService::storeError);
    const QString id = QStringLiteral("f");
    QVERIFY(engine.service.create(intervalSpec(id, Minute)).ok());
    QVERIFY(engine.service.startAgent(id).ok());
    engine.clock.advanceBy(Minute);
    QCOMPARE(engine.ofType(EventType::TaskCompleted).size(), 1);
    QVERIFY(!engine.service.isStoreFaulty());

    // The disk fills: the run at 2:00 cannot make its events durable, so it fails and says why.
    engine.eventRouter.failWrites = true;
    engine.clock.advanceBy(Minute);
    QVERIFY(engine.service.isStoreFaulty());
    QVERIFY(errors.count() >= 1);
    QVERIFY(errors.first().first().toString().contains(u"disk is full"));
    QCOMPARE(engine.ofType(EventType::TaskCompleted).size(), 1);
    const EventList failed = engine.ofType(EventType::TaskError);
    QCOMPARE(failed.size(), 1);
    QVERIFY(text(failed.first().payload.at("error")).contains(u"events could not be saved"));
    QVERIFY(text(failed.first().payload.at("error")).contains(u"disk is full"));
    QCOMPARE(engine.status(id).lastOutcome, QStringLiteral("failed"));
    // 3:00 and 4:00 are held, not run and not silently dropped.
    engine.clock.advanceTo(T0 + 4 * Minute + 30 * Second);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 2);
    const EventList held = engine.ofType(EventType::RunSkipped);
    QCOMPARE(held.size(), 2);
    QCOMPARE(text(held.at(0).payload.at("reason")), QStringLiteral("store_unavailable"));
    QCOMPARE(occurrenceOf(held.at(1)), T0 + 4 * Minute);

    // Space returns: within a probe interval the store is writable and runs resume.
    engine.eventRouter.failWrites = false;
    engine.clock.advanceBy(Second);
    QVERIFY(!engine.service.isStoreFaulty());
    bool announced = false;
    for (const Event &event : engine.ofType(EventType::AgentStatus))
        announced = announced || text(event.payload.at("reason")) == u"store_recovered";
    QVERIFY(announced);
    engine.clock.advanceTo(T0 + 5 * Minute);
    QCOMPARE(engine.ofType(EventType::TaskStarted).size(), 3);
    QCOMPARE(engine.ofType(EventType::TaskStarted).last().timestampMs, T0 + 5 * Minute);
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
