#include "enginefixture.h"

#include <QTest>

#include <algorithm>

using namespace nightshift;
using namespace nightshift::test;

namespace {

EventList eventsOfRun(const EventList &events, const QString &runId)
{
    EventList result;
    std::copy_if(events.cbegin(),
                 events.cend(),
                 std::back_inserter(result),
                 [&](const Event &event) { return event.runId == runId; });
    return result;
}

} // namespace

// The service's read side for the dashboard: the fleet's runs over a span, one run's events,
// and the conversation memory a run uses.
class TestServiceHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fleetRunsSinceATime();
    void fleetRunsReadPastTheFirstPage();
    void fleetRunsKeepToTheLimit();
    void runEventsAreTheRunsOwn();
    void failedRunEndsAtItsLastError();
    void skippedRunHasItsSkipEvent();
    void sessionMemoryOfSharedAndOwnSessions();
    void sessionMemoryErrors();
};

void TestServiceHistory::fleetRunsSinceATime()
{
    EngineFixture engine;
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("a"), Minute)).ok());
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("b"), 2 * Minute)).ok());
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("idle"), Minute)).ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("a")).ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("b")).ok());
    engine.clock.advanceBy(Hour);

    const Result<QList<RunRecord>> runs = engine.service.listFleetRuns(T0 + 30 * Minute);
    QVERIFY(runs.ok());
    // a ran at minutes 1..60, b at 2, 4, ... 60: from minute 30 on, 31 and 16 of them.
    const auto countOf = [&](const QString &agentId) {
        return std::count_if(runs->cbegin(), runs->cend(), [&](const RunRecord &run) {
            return run.agentId == agentId;
        });
    };
    QCOMPARE(countOf(QStringLiteral("a")), 31);
    QCOMPARE(countOf(QStringLiteral("b")), 16);
    QCOMPARE(runs->size(), 47);
    for (const RunRecord &run : runs.value())
        QVERIFY(run.timeMs() >= T0 + 30 * Minute);
}

void TestServiceHistory::fleetRunsReadPastTheFirstPage()
{
    EngineFixture engine;
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("fast"), Second)).ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("fast")).ok());
    engine.clock.advanceBy(Hour);

    const Result<QList<RunRecord>> runs = engine.service.listFleetRuns(T0 + 30 * Minute);
    QVERIFY(runs.ok());
    QCOMPARE(runs->size(), 30 * 60 + 1);
    QCOMPARE(runs->first().startedMs, T0 + Hour);
    QCOMPARE(runs->last().startedMs, T0 + 30 * Minute);
}

void TestServiceHistory::fleetRunsKeepToTheLimit()
{
    EngineFixture engine;
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("a"), Minute)).ok());
    QVERIFY(engine.service.startAgent(QStringLiteral("a")).ok());
    engine.clock.advanceBy(Hour);

    const Result<QList<RunRecord>> runs = engine.service.listFleetRuns(T0, 10);
    QVERIFY(runs.ok());
    QCOMPARE(runs->size(), 10);
    QCOMPARE(runs->first().startedMs, T0 + Hour);
}

void TestServiceHistory::runEventsAreTheRunsOwn()
{
    // Two failures before a success: the first run has retries; the later ones do not.
    EngineFixture engine(2);
    AgentSpec spec = intervalSpec(QStringLiteral("r"), Hour, {QStringLiteral("flaky")});
    spec.task.maxRetries = 3;
    spec.task.retryDelayMs = 10 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(24 * Hour);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 24);
    for (const int index : {0, 11, 23}) {
        const RunRecord &run = runs.at(index);
        const Result<EventList> events = engine.service.listRunEvents(run);
        QVERIFY(events.ok());
        const EventList expected = eventsOfRun(engine.events, run.runId);
        QVERIFY(expected.size() >= 4);
        QCOMPARE(events.value(), expected);
        QCOMPARE(events->first().type, QString::fromLatin1(EventType::TaskStarted));
        QCOMPARE(events->last().type, QString::fromLatin1(EventType::TaskCompleted));
    }
    const RunRecord &retried = runs.last();
    QCOMPARE(retried.attempts, 3);
    QCOMPARE(engine.service.listRunEvents(retried)->size(),
             eventsOfRun(engine.events, retried.runId).size());
    QCOMPARE(engine.service.listRunEvents(retried, 2)->size(), 2);
    // A store slow to save the record writes the closing events after finishedMs was taken.
    RunRecord slowlySaved = retried;
    slowlySaved.finishedMs = slowlySaved.startedMs;
    QCOMPARE(engine.service.listRunEvents(slowlySaved).value(),
             eventsOfRun(engine.events, retried.runId));
}

void TestServiceHistory::failedRunEndsAtItsLastError()
{
    EngineFixture engine(1000);
    AgentSpec spec = intervalSpec(QStringLiteral("f"), Minute, {QStringLiteral("flaky")});
    spec.task.maxRetries = 1;
    spec.task.retryDelayMs = 10 * Second;
    spec.policies.pauseAfterFailures = 0; // ten failed runs in a row, not an auto-pause
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(10 * Minute + 30 * Second);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 10);
    for (const RunRecord &run : runs) {
        QCOMPARE(run.state, RunState::Failed);
        RunRecord slowlySaved = run;
        slowlySaved.finishedMs = run.startedMs;
        const Result<EventList> events = engine.service.listRunEvents(slowlySaved);
        QVERIFY(events.ok());
        QCOMPARE(events.value(), eventsOfRun(engine.events, run.runId));
        QCOMPARE(events->last().type, QString::fromLatin1(EventType::TaskError));
        QCOMPARE(events->last().payload.at("will_retry").get<bool>(), false);
    }
}

void TestServiceHistory::skippedRunHasItsSkipEvent()
{
    EngineFixture engine;
    AgentSpec spec = intervalSpec(
        QStringLiteral("long"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 90}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(5 * Minute);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    const auto skipped = std::find_if(runs.cbegin(), runs.cend(), [](const RunRecord &run) {
        return run.state == RunState::Skipped;
    });
    QVERIFY(skipped != runs.cend());
    const Result<EventList> events = engine.service.listRunEvents(*skipped);
    QVERIFY(events.ok());
    QCOMPARE(events->size(), 1);
    QCOMPARE(events->first().type, QString::fromLatin1(EventType::RunSkipped));
    QCOMPARE(events->first().runId, skipped->runId);
    QCOMPARE(test::text(events->first().payload.at("reason")), QStringLiteral("overlap"));
}

void TestServiceHistory::sessionMemoryOfSharedAndOwnSessions()
{
    EngineFixture engine;
    const Conversation shared{ChatMessage::user(QStringLiteral("remember 42")),
                              ChatMessage::assistant(QStringLiteral("noted"))};
    const Conversation own{ChatMessage::user(QStringLiteral("once"))};
    QVERIFY(engine.memory.saveSession(QStringLiteral("team"), conversationToJson(shared)).ok());
    QVERIFY(engine.memory.saveSession(QStringLiteral("run-r1"), conversationToJson(own)).ok());

    AgentSpec withSession = intervalSpec(QStringLiteral("with"), Hour);
    withSession.task.sessionId = QStringLiteral("team");
    QVERIFY(engine.service.create(withSession).ok());
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("without"), Hour)).ok());

    for (const QString &runId : {QString(), QStringLiteral("r1")}) {
        const Result<SessionMemory> memory
            = engine.service.sessionMemory(withSession.agentId, runId);
        QVERIFY(memory.ok());
        QCOMPARE(memory->sessionId, QStringLiteral("team"));
        QCOMPARE(memory->messages, shared);
    }
    const Result<SessionMemory> ownMemory
        = engine.service.sessionMemory(QStringLiteral("without"), QStringLiteral("r1"));
    QVERIFY(ownMemory.ok());
    QCOMPARE(ownMemory->sessionId, QStringLiteral("run-r1"));
    QCOMPARE(ownMemory->messages, own);
    const Result<SessionMemory> none = engine.service.sessionMemory(QStringLiteral("without"), {});
    QVERIFY(none.ok());
    QVERIFY(none->sessionId.isEmpty());
    QVERIFY(none->messages.isEmpty());
    const Result<SessionMemory> fresh
        = engine.service.sessionMemory(QStringLiteral("without"), QStringLiteral("r2"));
    QVERIFY(fresh.ok());
    QCOMPARE(fresh->sessionId, QStringLiteral("run-r2"));
    QVERIFY(fresh->messages.isEmpty());
}

void TestServiceHistory::sessionMemoryErrors()
{
    EngineFixture engine;
    QVERIFY(engine.service.create(intervalSpec(QStringLiteral("a"), Hour)).ok());
    QVERIFY(engine.memory.saveSession(QStringLiteral("run-bad"), {{{"role", "wizard"}}}).ok());

    const Result<SessionMemory> unknown
        = engine.service.sessionMemory(QStringLiteral("nobody"), QStringLiteral("x"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    const Result<SessionMemory> bad
        = engine.service.sessionMemory(QStringLiteral("a"), QStringLiteral("bad"));
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorMessage().contains(u"run-bad"), qPrintable(bad.errorMessage()));
    RunRecord stranger;
    stranger.agentId = QStringLiteral("nobody");
    QCOMPARE(engine.service.listRunEvents(stranger).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestServiceHistory)
#include "tst_servicehistory.moc"
