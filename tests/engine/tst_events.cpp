#include "enginefixture.h"

#include <QRegularExpression>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;

class TestEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRunEmitsTheExpectedSequence();
    void everyEventCarriesItsEnvelope();
    void streamReplaysThenDeliversLive_data();
    void streamReplaysThenDeliversLive();
    void streamEndsWithItsContext();
    void jsonAndTextForms();
    void urlPasswordsAreMasked_data();
    void urlPasswordsAreMasked();
};

void TestEvents::oneRunEmitsTheExpectedSequence()
{
    EngineFixture engine;
    const AgentSpec spec = intervalSpec(
        QStringLiteral("e"), Minute, {QStringLiteral("sleep")}, {{"sleep", {{"seconds", 2}}}});
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Minute + 2 * Second);

    QStringList types;
    QStringList reasons;
    for (const Event &event : std::as_const(engine.events)) {
        types.append(event.type);
        if (event.type == QLatin1String(EventType::AgentStatus))
            reasons.append(QString::fromStdString(event.payload.at("reason")));
    }
    const QStringList expected = {QStringLiteral("background_agent_status"),
                                  QStringLiteral("background_agent_status"),
                                  QStringLiteral("background_task_started"),
                                  QStringLiteral("background_agent_status"),
                                  QStringLiteral("tool_call_started"),
                                  QStringLiteral("tool_call_completed"),
                                  QStringLiteral("background_task_completed"),
                                  QStringLiteral("background_agent_status")};
    QCOMPARE(types, expected);
    QCOMPARE(reasons,
             (QStringList{QStringLiteral("created"),
                          QStringLiteral("started"),
                          QStringLiteral("run_started"),
                          QStringLiteral("run_finished")}));

    const Event &started = engine.events.at(2);
    QCOMPARE(text(started.payload.at("origin")), QStringLiteral("scheduled"));
    QCOMPARE(text(started.payload.at("occurrence")), QStringLiteral("2026-01-01T00:01:00.000Z"));
    QCOMPARE(started.payload.at("attempt").get<qint64>(), qint64(1));
    QCOMPARE(text(started.payload.at("query")), QStringLiteral("check"));
    QCOMPARE(text(started.payload.at("provider")), QStringLiteral("none"));
    const Event &toolStarted = engine.events.at(4);
    QCOMPARE(text(toolStarted.payload.at("tool")), QStringLiteral("sleep"));
    QVERIFY(toolStarted.payload.at("arguments") == (nlohmann::json{{"seconds", 2}}));
    const Event &toolDone = engine.events.at(5);
    QCOMPARE(toolDone.payload.at("duration_ms").get<qint64>(), qint64(2000));
    QVERIFY(toolDone.payload.at("result") == (nlohmann::json{{"slept", 2}}));
    const Event &completed = engine.events.at(6);
    QCOMPARE(completed.payload.at("duration_ms").get<qint64>(), qint64(2000));
    QCOMPARE(completed.payload.at("attempts").get<qint64>(), qint64(1));
    QVERIFY(nlohmann::json::parse(completed.payload.at("result").get<std::string>())
            == (nlohmann::json{{"sleep", {{"slept", 2}}}}));
    QCOMPARE(completed.payload.at("usage").at("total_tokens").get<qint64>(), qint64(0));
    const Event &finished = engine.events.at(7);
    QCOMPARE(text(finished.payload.at("state")), QStringLiteral("scheduled"));
    QCOMPARE(text(finished.payload.at("previous_state")), QStringLiteral("running"));
    QCOMPARE(finished.payload.at("run_count").get<qint64>(), qint64(1));
    QCOMPARE(text(finished.payload.at("next_run")), QStringLiteral("2026-01-01T00:02:00.000Z"));
}

void TestEvents::everyEventCarriesItsEnvelope()
{
    EngineFixture engine(1);
    AgentSpec spec = intervalSpec(QStringLiteral("env"), Minute, {QStringLiteral("flaky")});
    spec.task.retryDelayMs = 5 * Second;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(3 * Minute);
    QVERIFY(engine.events.size() > 10);

    qint64 expectedSeq = 1;
    qint64 lastTimestamp = 0;
    for (const Event &event : std::as_const(engine.events)) {
        QCOMPARE(event.seq, expectedSeq++);
        QCOMPARE(event.agentId, spec.agentId);
        QVERIFY(event.timestampMs >= lastTimestamp);
        lastTimestamp = event.timestampMs;
        const bool runEvent = event.type != QLatin1String(EventType::AgentStatus);
        QCOMPARE(!event.runId.isEmpty(), runEvent);
    }
    QCOMPARE(engine.eventRouter.lastSeq(spec.agentId), engine.events.size());
}

void TestEvents::streamReplaysThenDeliversLive_data()
{
    QTest::addColumn<qint64>("fromSeq");
    QTest::newRow("from the start (0)") << qint64(0);
    QTest::newRow("from 1") << qint64(1);
    QTest::newRow("from the middle") << qint64(5);
    QTest::newRow("from the last") << qint64(8);
    QTest::newRow("past the end") << qint64(1000);
}

void TestEvents::streamReplaysThenDeliversLive()
{
    QFETCH(qint64, fromSeq);
    EngineFixture engine;
    const AgentSpec spec = intervalSpec(QStringLiteral("s"), Minute);
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Minute);
    const qint64 stored = engine.eventRouter.lastSeq(spec.agentId);
    QCOMPARE(stored, 6);

    QObject context;
    QList<qint64> seen;
    const auto subscribed = engine.service.streamAgentEvents(
        spec.agentId, fromSeq, &context, [&](const Event &event) { seen.append(event.seq); });
    QVERIFY(subscribed.ok());
    engine.clock.advanceBy(2 * Minute);
    const qint64 last = engine.eventRouter.lastSeq(spec.agentId);
    QCOMPARE(last, 14);

    // Every event with seq >= fromSeq, once, in order; none before it.
    QList<qint64> expected;
    for (qint64 seq = std::max<qint64>(1, fromSeq); seq <= last; ++seq)
        expected.append(seq);
    QCOMPARE(seen, expected);
}

void TestEvents::streamEndsWithItsContext()
{
    EngineFixture engine;
    const AgentSpec spec = intervalSpec(QStringLiteral("c"), Minute);
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    int delivered = 0;
    {
        QObject context;
        QVERIFY(
            engine.service
                .streamAgentEvents(spec.agentId, 0, &context, [&](const Event &) { ++delivered; })
                .ok());
        QCOMPARE(delivered, 2);
    }
    engine.clock.advanceBy(Minute);
    QCOMPARE(delivered, 2);
}

void TestEvents::jsonAndTextForms()
{
    Event event;
    event.seq = 7;
    event.agentId = QStringLiteral("system_health");
    event.runId = QStringLiteral("r-1");
    event.type = QString::fromLatin1(EventType::TaskError);
    event.timestampMs = T0 + 1234;
    event.payload = {{"error", "disk full"}, {"attempt", 2}, {"state", "failed"}};
    const nlohmann::json json = event.toJson();
    QCOMPARE(json.at("seq").get<qint64>(), qint64(7));
    QCOMPARE(text(json.at("agent_id")), QStringLiteral("system_health"));
    QCOMPARE(text(json.at("run_id")), QStringLiteral("r-1"));
    QCOMPARE(text(json.at("type")), QStringLiteral("background_task_error"));
    QCOMPARE(text(json.at("timestamp")), QStringLiteral("2026-01-01T00:00:01.234Z"));
    QCOMPARE(text(json.at("payload").at("error")), QStringLiteral("disk full"));
    QCOMPARE(event.toText(),
             QStringLiteral("2026-01-01T00:00:01.234Z system_health background_task_error [r-1] "
                            "state=failed error=disk full attempt=2"));
    QVERIFY(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"))
                .match(isoTimestamp(T0))
                .hasMatch());
}

void TestEvents::urlPasswordsAreMasked_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("shown");
    QTest::newRow("user and password")
        << QStringLiteral("{\"url\": \"https://ann:s3cr3t@example.com/feed?a=1\"}")
        << QStringLiteral("{\"url\":\"https://ann:***@example.com/feed?a=1\"}");
    QTest::newRow("password only, '@' in it") << QStringLiteral("[\"redis://:p@ss@db:6379/0\"]")
                                              << QStringLiteral("[\"redis://:***@db:6379/0\"]");
    QTest::newRow("in text, nested")
        << QStringLiteral("{\"a\": {\"b\": [\"see ftp://u:pw@h/x and mail bob@example.com\"]}}")
        << QStringLiteral("{\"a\":{\"b\":[\"see ftp://u:***@h/x and mail bob@example.com\"]}}");
    QTest::newRow("user without password")
        << QStringLiteral("{\"url\": \"https://ann@example.com/\"}")
        << QStringLiteral("{\"url\":\"https://ann@example.com/\"}");
    QTest::newRow("no URL") << QStringLiteral("{\"n\": 3, \"s\": \"a:b@c\"}")
                            << QStringLiteral("{\"n\":3,\"s\":\"a:b@c\"}");
}

void TestEvents::urlPasswordsAreMasked()
{
    QFETCH(QString, given);
    QFETCH(QString, shown);
    const nlohmann::json masked = withoutUrlPasswords(nlohmann::json::parse(given.toStdString()));
    QCOMPARE(QString::fromStdString(masked.dump()), shown);
}

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
