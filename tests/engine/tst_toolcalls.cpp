#include "attempt.h"
#include "enginefixture.h"
#include "event.h"
#include "tools/notifytool.h"

#include <QTest>

#include <optional>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// `name` takes {"n": integer >= 1} and answers {"n": n}; it records every call that reaches it.
class CountingTool final : public Tool
{
public:
    explicit CountingTool(QString name)
        : m_name(std::move(name))
    {}
    ToolDescriptor descriptor() const override
    {
        return {m_name, u"Counts."_s, Json::parse(R"({"type": "object",
                                "properties": {"n": {"type": "integer", "minimum": 1}},
                                "required": ["n"],
                                "additionalProperties": false})")};
    }
    void invoke(const ToolCall &call, ToolDone done) override
    {
        ++calls;
        allowedPaths = call.allowedPaths;
        done(Json{{"n", call.arguments.at("n")}});
    }

    int calls = 0;
    QStringList allowedPaths;

private:
    QString m_name;
};

// One attempt of an agent that lists `count` and `notify` (and `missing`, which no registry
// has), with every event it emits.
class AttemptFixture
{
public:
    AttemptFixture()
    {
        auto countTool = std::make_unique<CountingTool>(u"count"_s);
        count = countTool.get();
        tools.add(std::move(countTool));
        auto otherTool = std::make_unique<CountingTool>(u"other"_s);
        other = otherTool.get();
        tools.add(std::move(otherTool));
        tools.add(std::make_unique<NotifyTool>());

        AgentSpec spec = intervalSpec(u"agent"_s, Hour, {u"count"_s, u"notify"_s, u"missing"_s});
        spec.allowedPaths = {u"/srv/reports"_s, u"/tmp/notes"_s};
        attempt = std::make_shared<Attempt>(
            spec,
            u"run-1"_s,
            1,
            &scheduler,
            &tools,
            &context,
            [this](const char *type, Json payload) {
                events.append({QString::fromLatin1(type), payload});
            },
            [](const Attempt::Outcome &) {});
    }

    Result<Json> call(const QString &name, const Json &arguments)
    {
        std::optional<Result<Json>> result;
        attempt->callTool(
            name, arguments, [&result](Result<Json> done) { result = std::move(done); });
        // Every tool here answers at once; a missing answer is a bug, not a wait.
        if (!result)
            return makeError(ErrorCode::Internal, u"no answer"_s);
        return *result;
    }

    QList<std::pair<QString, Json>> ofType(const char *type) const
    {
        QList<std::pair<QString, Json>> found;
        for (const auto &event : events) {
            if (event.first == QLatin1String(type))
                found.append(event);
        }
        return found;
    }

    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    ToolRegistry tools;
    QObject context;
    CountingTool *count = nullptr;
    CountingTool *other = nullptr;
    std::shared_ptr<Attempt> attempt;
    QList<std::pair<QString, Json>> events;
};

} // namespace

class TestToolCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validCallReachesTheTool();
    void refusesAToolTheAgentDoesNotList();
    void refusesAToolThisBuildLacks();
    void refusesInvalidArguments_data();
    void refusesInvalidArguments();
    void notifyEmitsANotificationEvent();
    void notifyRefusesABadLevel();
    void runWithBadToolArgumentsFailsWithThePath();
};

void TestToolCalls::validCallReachesTheTool()
{
    AttemptFixture f;
    const Result<Json> result = f.call(u"count"_s, {{"n", 3}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->at("n").get<int>(), 3);
    QCOMPARE(f.count->calls, 1);
    QCOMPARE(f.count->allowedPaths, QStringList({u"/srv/reports"_s, u"/tmp/notes"_s}));
    QCOMPARE(f.ofType(EventType::ToolCallCompleted).size(), 1);
}

void TestToolCalls::refusesAToolTheAgentDoesNotList()
{
    AttemptFixture f;
    const Result<Json> result = f.call(u"other"_s, {{"n", 1}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(result.errorMessage(),
             u"tool \"other\" is not in this agent's tools list (count, notify, missing)"_s);
    QCOMPARE(f.other->calls, 0);
    const auto errors = f.ofType(EventType::ToolCallError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(QString::fromStdString(errors.first().second.at("error")), result.errorMessage());
}

void TestToolCalls::refusesAToolThisBuildLacks()
{
    AttemptFixture f;
    const Result<Json> result = f.call(u"missing"_s, Json::object());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::NotFound);
    QVERIFY2(result.errorMessage().contains(u"not available in this build"_s),
             qPrintable(result.errorMessage()));
}

void TestToolCalls::refusesInvalidArguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray("{}") << u"arguments.n: required, but missing"_s;
    QTest::newRow("wrong type") << QByteArray(R"({"n": "3"})")
                                << u"arguments.n: expected an integer, got \"3\""_s;
    QTest::newRow("below minimum")
        << QByteArray(R"({"n": 0})") << u"arguments.n: expected an integer >= 1, got 0"_s;
    QTest::newRow("unknown") << QByteArray(R"({"n": 1, "m": 2})")
                             << u"arguments.m: unknown argument (known: n)"_s;
    QTest::newRow("not an object")
        << QByteArray("[1]") << u"arguments: expected an object, got [1]"_s;
}

void TestToolCalls::refusesInvalidArguments()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QString, message);
    AttemptFixture f;
    const Result<Json> result = f.call(u"count"_s, Json::parse(arguments.toStdString()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(result.errorMessage(),
             u"tool \"count\" was called with invalid arguments: "_s + message);
    QCOMPARE(f.count->calls, 0);
    QCOMPARE(f.ofType(EventType::ToolCallError).size(), 1);
}

void TestToolCalls::notifyEmitsANotificationEvent()
{
    AttemptFixture f;
    const Result<Json> result
        = f.call(u"notify"_s,
                 {{"title", "Disk almost full"}, {"body", "/ is 95% full"}, {"level", "warning"}});
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(result->dump(), std::string(R"({"notified":true})"));
    const auto notifications = f.ofType(EventType::Notification);
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(
        notifications.first().second.dump(),
        std::string(R"({"body":"/ is 95% full","level":"warning","title":"Disk almost full"})"));

    // Body and level have defaults.
    QVERIFY(f.call(u"notify"_s, {{"title", "Done"}}).ok());
    QCOMPARE(f.ofType(EventType::Notification).last().second.dump(),
             std::string(R"({"body":"","level":"info","title":"Done"})"));
}

void TestToolCalls::notifyRefusesABadLevel()
{
    AttemptFixture f;
    const Result<Json> result = f.call(u"notify"_s, {{"title", "x"}, {"level", "urgent"}});
    QVERIFY(!result.ok());
    QVERIFY2(
        result.errorMessage().contains(
            uR"(arguments.level: expected one of "info", "warning", "critical", got "urgent")"_s),
        qPrintable(result.errorMessage()));
    QVERIFY(f.ofType(EventType::Notification).isEmpty());
}

void TestToolCalls::runWithBadToolArgumentsFailsWithThePath()
{
    EngineFixture engine;
    auto countTool = std::make_unique<CountingTool>(u"count"_s);
    CountingTool *count = countTool.get();
    engine.tools.add(std::move(countTool));
    AgentSpec spec = intervalSpec(u"bad-args"_s, Hour, {u"count"_s}, {{"count", {{"n", 0}}}});
    spec.task.maxRetries = 0;
    QVERIFY(engine.service.create(spec).ok());
    QVERIFY(engine.service.startAgent(spec.agentId).ok());
    engine.clock.advanceBy(Hour + Minute);

    const QList<RunRecord> runs = engine.runs(spec.agentId);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().state, RunState::Failed);
    QVERIFY2(runs.first().error.contains(u"arguments.n: expected an integer >= 1, got 0"_s),
             qPrintable(runs.first().error));
    QCOMPARE(count->calls, 0);
}

QTEST_GUILESS_MAIN(TestToolCalls)
#include "tst_toolcalls.moc"
