#include "chatprovider.h"
#include "enginefixture.h"
#include "fakellmserver.h"
#include "llmclient.h"
#include "secretstore.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

// The agent loop end to end: the service runs an agent on a ChatProvider, which talks through
// LlmClient to a fake provider on the loopback interface that checks every request against the
// provider's API reference. Tools, retries and timeouts run in simulated time.
class TestAgentLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolRoundTrip_data();
    void toolRoundTrip();
    void parallelToolCalls_data();
    void parallelToolCalls();
    void refusedToolCallsGoBackToTheModel_data();
    void refusedToolCallsGoBackToTheModel();
    void botchedArgumentsAreRefusedInTheOpen();
    void limitsFailTheRun_data();
    void limitsFailTheRun();
    void sessionCarriesOverBetweenRuns();
    void memoryConfigTrimsWhatTheModelSees_data();
    void memoryConfigTrimsWhatTheModelSees();
    void withoutSessionEachRunStartsFresh();
    void retriedRequestIsReported();
    void rejectedKeyFailsTheRunWithoutLeakingIt_data();
    void rejectedKeyFailsTheRunWithoutLeakingIt();
    void missingKeyIsNamed_data();
    void missingKeyIsNamed();
    void keylessProvidersRunWithoutAKey_data();
    void keylessProvidersRunWithoutAKey();
    void stopAbortsTheRequest();
    void stopDuringAToolCallSendsNothingMore();
    void trimmedMemory_data();
    void trimmedMemory();
};

namespace {

const QString Key = u"sk-loop-7c1e9a4b2d6f8e30a5"_s;
const QString AgentId = u"ops"_s;
const QString Query = u"How full is the disk?"_s;
const QString Srv = u"{\"mount\":\"/srv\",\"used_percent\":93}"_s;
const QString Home = u"{\"mount\":\"/home\",\"used_percent\":41}"_s;

/// `disk_usage`: how full a mount is, after that mount's latency in simulated time (at once
/// when it has none).
class DiskUsageTool final : public Tool
{
public:
    ToolDescriptor descriptor() const override
    {
        return {u"disk_usage"_s,
                u"How full a mounted file system is."_s,
                Json{{"type", "object"},
                     {"properties", {{"mount", {{"type", "string"}}}}},
                     {"required", {"mount"}},
                     {"additionalProperties", false}}};
    }
    void invoke(const ToolCall &call, ToolDone done) override
    {
        const std::string mount = call.arguments.at("mount").get<std::string>();
        const Json result{{"mount", mount}, {"used_percent", mount == "/home" ? 41 : 93}};
        const qint64 latency = latencyMs.value(QString::fromStdString(mount));
        if (latency == 0) {
            done(result);
            return;
        }
        call.scheduler->schedule(call.scheduler->nowMs() + latency,
                                 [done, result] { done(result); });
    }

    QHash<QString, qint64> latencyMs;
};

/// Keys by name, answered later through the context as the real stores do.
class TestSecretStore final : public SecretStore
{
public:
    void read(const QString &name, QObject *context, ReadDone done) override
    {
        reads.append(name);
        Result<QString> result
            = makeError(ErrorCode::NotFound, u"no key named %1 in the test store"_s.arg(name));
        if (keys.contains(name))
            result = keys.value(name);
        // Answers come later, never from inside the call.
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
    }
    void write(const QString &, const QString &, QObject *context, WriteDone done) override
    {
        QMetaObject::invokeMethod(
            context,
            [done] { done(makeError(ErrorCode::Unavailable, u"read-only"_s)); },
            Qt::QueuedConnection);
    }
    void remove(const QString &, QObject *context, WriteDone done) override
    {
        write({}, {}, context, std::move(done));
    }

    QHash<QString, QString> keys;
    QStringList reads;
};

/// A tool answer in a request, whatever the provider's dialect.
struct Answer
{
    QString ref;     ///< The call it answers: its id, or (Gemini) its name.
    QString content; ///< The result as JSON text, or the error's text.
    bool isError = false;
};

/// An answer from the JSON a provider carries it in: `{"error": text}` for a failure.
Answer answerFrom(const QString &ref, const Json &value)
{
    if (value.is_object() && value.size() == 1 && value.contains("error"))
        return {ref, QString::fromStdString(value["error"].get<std::string>()), true};
    return {ref, QString::fromStdString(value.dump()), false};
}

/// What a test needs to speak one provider's wire format through the fake server.
struct Dialect
{
    QString provider;
    QString basePath;
    QString model;
    std::function<Json(const QList<openai::Call> &calls, int in, int out)> toolCalls;
    std::function<Json(const std::string &text, int in, int out)> text;
    std::function<Problems(const FakeHttpRequest &request)> check;
    /// The tool answers that end the request's conversation, in order.
    std::function<QList<Answer>(const Json &body)> answers;
    std::function<QStringList(const Json &body)> toolNames;
};

QString qs(const Json &value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

Dialect openAiDialect()
{
    Dialect d;
    d.provider = u"openai"_s;
    d.basePath = u"/v1"_s;
    d.model = u"gpt-4o-mini"_s;
    d.toolCalls = openai::toolCallsReply;
    d.text = openai::textReply;
    d.check = [](const FakeHttpRequest &request) {
        return openai::checkRequest(request, u"/v1/chat/completions"_s, Key.toUtf8());
    };
    d.answers = [](const Json &body) {
        QList<Answer> answers;
        const Json &messages = body["messages"];
        for (std::size_t i = messages.size(); i > 0 && messages[i - 1]["role"] == "tool"; --i) {
            const Json &message = messages[i - 1];
            answers.prepend(answerFrom(qs(message["tool_call_id"]),
                                       Json::parse(message.value("content", ""), nullptr, false)));
        }
        return answers;
    };
    d.toolNames = [](const Json &body) {
        QStringList names;
        for (const Json &tool : body.value("tools", Json::array()))
            names.append(qs(tool["function"]["name"]));
        return names;
    };
    return d;
}

Dialect anthropicDialect()
{
    Dialect d;
    d.provider = u"anthropic"_s;
    d.basePath = u"/v1"_s;
    d.model = u"claude-sonnet-4-20250514"_s;
    d.toolCalls = [](const QList<openai::Call> &calls, int in, int out) {
        Json blocks = Json::array({anthropic::textBlock("Let me look.")});
        for (const openai::Call &call : calls)
            blocks.push_back(anthropic::toolUse(call.id, call.name, call.arguments));
        return anthropic::message(blocks, "tool_use", in, out);
    };
    d.text = [](const std::string &text, int in, int out) {
        return anthropic::message(Json::array({anthropic::textBlock(text)}), "end_turn", in, out);
    };
    d.check = [](const FakeHttpRequest &request) {
        return anthropic::checkRequest(request, Key.toUtf8());
    };
    d.answers = [](const Json &body) {
        QList<Answer> answers;
        const Json &last = body["messages"].back();
        if (last["content"].is_array()) {
            for (const Json &block : last["content"]) {
                if (block.value("type", "") == "tool_result")
                    answers.append({qs(block["tool_use_id"]),
                                    qs(block["content"]),
                                    block.value("is_error", false)});
            }
        }
        return answers;
    };
    d.toolNames = [](const Json &body) {
        QStringList names;
        for (const Json &tool : body.value("tools", Json::array()))
            names.append(qs(tool["name"]));
        return names;
    };
    return d;
}

Dialect geminiDialect()
{
    Dialect d;
    d.provider = u"gemini"_s;
    d.basePath = u"/v1beta"_s;
    d.model = u"gemini-2.0-flash"_s;
    d.toolCalls = [](const QList<openai::Call> &calls, int in, int out) {
        Json parts = Json::array();
        for (const openai::Call &call : calls)
            parts.push_back(gemini::functionCallPart(call.name, call.arguments));
        return gemini::response(parts, "STOP", in, out);
    };
    d.text = [](const std::string &text, int in, int out) {
        return gemini::response(Json::array({gemini::textPart(text)}), "STOP", in, out);
    };
    d.check = [](const FakeHttpRequest &request) {
        return gemini::checkRequest(request, u"gemini-2.0-flash"_s, Key.toUtf8());
    };
    d.answers = [](const Json &body) {
        QList<Answer> answers;
        for (const Json &part : body["contents"].back()["parts"]) {
            if (part.contains("functionResponse")) {
                answers.append(answerFrom(qs(part["functionResponse"]["name"]),
                                          part["functionResponse"]["response"]));
            }
        }
        return answers;
    };
    d.toolNames = [](const Json &body) {
        QStringList names;
        for (const Json &tools : body.value("tools", Json::array())) {
            for (const Json &declaration : tools.value("functionDeclarations", Json::array()))
                names.append(qs(declaration["name"]));
        }
        return names;
    };
    return d;
}

Dialect dialectFor(const QString &provider)
{
    if (provider == u"anthropic")
        return anthropicDialect();
    if (provider == u"gemini")
        return geminiDialect();
    return openAiDialect();
}

void addProviderRows()
{
    QTest::addColumn<QString>("provider");
    for (const char *provider : {"openai", "anthropic", "gemini"})
        QTest::newRow(provider) << QString::fromLatin1(provider);
}

/// An OpenAI request's conversation after the system message, one line per message:
/// `user: text`, `assistant: text`, `assistant: calls disk_usage`, `tool: content`.
QStringList transcript(const Json &body)
{
    QStringList lines;
    for (const Json &message : body["messages"]) {
        const QString role = qs(message["role"]);
        if (role == u"system")
            continue;
        if (message.contains("tool_calls")) {
            QStringList names;
            for (const Json &call : message["tool_calls"])
                names.append(qs(call["function"]["name"]));
            lines.append(role + u": calls "_s + names.join(u", "_s));
        } else {
            lines.append(role + u": "_s + qs(message["content"]));
        }
    }
    return lines;
}

/// An engine with every chat provider, its keys in a test store, and a fake provider.
class LoopBench
{
public:
    explicit LoopBench(const LlmCallOptions &options = {})
    {
        network.setProxy(QNetworkProxy::NoProxy);
        auto disk = std::make_unique<DiskUsageTool>();
        diskTool = disk.get();
        engine.tools.add(std::move(disk));
        auto services = std::make_shared<ChatServices>();
        services->client = &client;
        services->secrets = &secrets;
        services->memory = &engine.memory;
        services->callOptions = options;
        for (std::unique_ptr<Provider> &provider : ChatProvider::all(services))
            engine.service.addProvider(std::move(provider));
        QObject::connect(&engine.service,
                         &BackgroundAgentService::runFinished,
                         &engine.service,
                         [this](const RunRecord &run) { finished.append(run); });
        secrets.keys = {
            {u"OPENAI_API_KEY"_s, Key}, {u"ANTHROPIC_API_KEY"_s, Key}, {u"GEMINI_API_KEY"_s, Key}};
    }

    /// A manually run agent on dialect's provider at the fake server, listing tools.
    AgentSpec spec(const Dialect &dialect, const QStringList &tools = {u"disk_usage"_s}) const
    {
        AgentSpec spec;
        spec.agentId = AgentId;
        spec.systemInstruction = u"You watch over servers."_s;
        spec.model.provider = dialect.provider;
        spec.model.model = dialect.model;
        spec.model.baseUrl = server.url(dialect.basePath);
        spec.schedule.kind = Schedule::Kind::Manual;
        spec.task.query = Query;
        spec.task.maxRetries = 0;
        spec.tools = tools;
        spec.limits.toolCallTimeoutMs = Minute;
        return spec;
    }

    /// Starts a run of the agent, creating it first if needed; the run's id.
    QString runNow(const AgentSpec &spec)
    {
        if (!engine.service.getAgentStatus(spec.agentId))
            engine.service.create(spec).value();
        return engine.service.runNow(spec.agentId).value();
    }

    /// The run's events without the agent's status changes, in order.
    EventList eventsOf(const QString &runId) const
    {
        EventList result;
        for (const Event &event : engine.events) {
            if (event.runId == runId && event.type != QLatin1String(EventType::AgentStatus))
                result.append(event);
        }
        return result;
    }

    QStringList typesOf(const QString &runId) const
    {
        QStringList types;
        for (const Event &event : eventsOf(runId))
            types.append(event.type);
        return types;
    }

    EventList ofType(const QString &runId, const char *type) const
    {
        EventList result;
        for (const Event &event : eventsOf(runId)) {
            if (event.type == QLatin1String(type))
                result.append(event);
        }
        return result;
    }

    /// Everything the engine kept or told about the agent, as text.
    QString everythingRecorded() const
    {
        QString all;
        for (const Event &event : engine.events)
            all += QString::fromStdString(event.toJson().dump()) + u'\n';
        for (const RunRecord &run : engine.runs(AgentId))
            all += QString::fromStdString(run.toJson().dump()) + u'\n';
        for (const RunRecord &run : finished)
            all += QString::fromStdString(run.toJson().dump()) + u'\n';
        all += QString::fromStdString(engine.status(AgentId).toJson().dump());
        return all;
    }

    EngineFixture engine;
    FakeLlmServer server;
    QNetworkAccessManager network;
    LlmClient client{&network, &engine.scheduler};
    TestSecretStore secrets;
    DiskUsageTool *diskTool = nullptr;
    QList<RunRecord> finished;
};

Json requestJson(const LoopBench &bench, qsizetype index)
{
    return bench.server.requests().at(index).json;
}

// A conversation of three exchanges, two of them with a tool call: what memory keeps.
Conversation sampleConversation(qsizetype paddedIndex = -1)
{
    const auto call = [](const QString &id, const char *mount) {
        ChatToolCall c;
        c.id = id;
        c.name = u"disk_usage"_s;
        c.arguments = Json{{"mount", mount}};
        return c;
    };
    const ChatToolCall srv = call(u"call_srv"_s, "/srv");
    const ChatToolCall home = call(u"call_home"_s, "/home");
    Conversation conversation{
        ChatMessage::user(Query),
        ChatMessage::assistant({}, {srv}),
        ChatMessage::toolResult(srv, Json::parse(Srv.toStdString())),
        ChatMessage::assistant(u"The disk /srv is 93% full."_s),
        ChatMessage::user(u"And /home?"_s),
        ChatMessage::assistant({}, {home}),
        ChatMessage::toolResult(home, Json::parse(Home.toStdString())),
        ChatMessage::assistant(u"/home is 41% full."_s),
        ChatMessage::user(u"Thanks."_s),
        ChatMessage::assistant(u"You're welcome."_s),
    };
    // About 1000 tokens in one message, where the small ones are a few dozen at most.
    if (paddedIndex >= 0) {
        ChatMessage &padded = conversation[paddedIndex];
        const QString padding(4000, u'x');
        if (padded.role == ChatRole::Tool)
            padded.result["log"] = padding.toStdString();
        else
            padded.text += padding;
    }
    return conversation;
}

} // namespace

void TestAgentLoop::toolRoundTrip_data()
{
    addProviderRows();
}

void TestAgentLoop::toolRoundTrip()
{
    QFETCH(QString, provider);
    const Dialect dialect = dialectFor(provider);
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        200, dialect.toolCalls({{"call_srv", "disk_usage", Json{{"mount", "/srv"}}}}, 82, 17)));
    bench.server.enqueue(
        FakeHttpResponse::json(200, dialect.text("The disk /srv is 93% full.", 140, 9)));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QCOMPARE(run.runId, runId);
    QVERIFY2(run.state == RunState::Completed, qPrintable(run.error));
    QCOMPARE(run.result, u"The disk /srv is 93% full."_s);

    QCOMPARE(bench.typesOf(runId),
             QStringList({u"background_task_started"_s,
                          u"llm_request"_s,
                          u"llm_response"_s,
                          u"tool_call_started"_s,
                          u"tool_call_completed"_s,
                          u"llm_request"_s,
                          u"llm_response"_s,
                          u"background_task_completed"_s}));
    const EventList events = bench.eventsOf(runId);
    QCOMPARE(text(events.at(0).payload.at("session_id")), u"run-"_s + runId);
    QCOMPARE(text(events.at(1).payload.at("provider")), provider);
    QCOMPARE(text(events.at(1).payload.at("model")), dialect.model);
    QCOMPARE(events.at(1).payload.at("messages").get<int>(), 1);
    QCOMPARE(events.at(1).payload.at("tools").get<int>(), 1);
    QCOMPARE(events.at(2).payload.at("input_tokens").get<int>(), 82);
    QCOMPARE(events.at(2).payload.at("output_tokens").get<int>(), 17);
    QCOMPARE(text(events.at(2).payload.at("finish_reason")), u"tool_calls"_s);
    QCOMPARE(text(events.at(3).payload.at("tool")), u"disk_usage"_s);
    QCOMPARE(text(events.at(3).payload.at("arguments")), uR"({"mount":"/srv"})"_s);
    QCOMPARE(text(events.at(4).payload.at("result")), Srv);
    QCOMPARE(events.at(5).payload.at("messages").get<int>(), 3);
    QCOMPARE(events.at(5).payload.at("step").get<int>(), 2);
    QCOMPARE(events.at(6).payload.at("input_tokens").get<int>(), 140);
    QCOMPARE(text(events.at(6).payload.at("finish_reason")), u"stop"_s);

    // Usage of both steps, in the run, its completion event and the agent's counters.
    QCOMPARE(run.usage.requests, 2);
    QCOMPARE(run.usage.inputTokens, 82 + 140);
    QCOMPARE(run.usage.outputTokens, 17 + 9);
    QCOMPARE(bench.engine.runs(AgentId).first(), run);
    QCOMPARE(events.at(7).payload.at("usage").at("input_tokens").get<int>(), 222);
    QCOMPARE(bench.engine.status(AgentId).tokensTotal, 222 + 26);

    // Both requests as the provider documents them; the second carries the tool's result.
    QCOMPARE(bench.server.requests().size(), 2);
    for (const FakeHttpRequest &request : bench.server.requests()) {
        const Problems problems = dialect.check(request);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    }
    QCOMPARE(dialect.toolNames(requestJson(bench, 0)), QStringList{u"disk_usage"_s});
    QVERIFY(dialect.answers(requestJson(bench, 0)).isEmpty());
    const QList<Answer> answers = dialect.answers(requestJson(bench, 1));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).content, Srv);
    QVERIFY(!answers.at(0).isError);
    QCOMPARE(answers.at(0).ref, provider == u"gemini" ? u"disk_usage"_s : u"call_srv"_s);
}

void TestAgentLoop::parallelToolCalls_data()
{
    addProviderRows();
}

void TestAgentLoop::parallelToolCalls()
{
    QFETCH(QString, provider);
    const Dialect dialect = dialectFor(provider);
    LoopBench bench;
    // The first call is the slower: answers come back in the order the calls were made.
    bench.diskTool->latencyMs = {{u"/srv"_s, 10 * Second}, {u"/home"_s, 4 * Second}};
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        dialect.toolCalls({{"call_srv", "disk_usage", {{"mount", "/srv"}}},
                           {"call_home", "disk_usage", {{"mount", "/home"}}}},
                          100,
                          20)));
    bench.server.enqueue(
        FakeHttpResponse::json(200, dialect.text("/srv 93%, /home 41%.", 200, 10)));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.ofType(runId, EventType::ToolCallStarted).size(), 2);
    const qint64 start = bench.engine.clock.nowMs();
    QCOMPARE(bench.ofType(runId, EventType::ToolCallCompleted).size(), 0);

    bench.engine.clock.advanceBy(4 * Second);
    QCOMPARE(bench.ofType(runId, EventType::ToolCallCompleted).size(), 1);
    QCOMPARE(bench.ofType(runId, EventType::LlmRequest).size(), 1); // waits for the other
    bench.engine.clock.advanceBy(6 * Second);
    const EventList completed = bench.ofType(runId, EventType::ToolCallCompleted);
    QCOMPARE(completed.size(), 2);
    // Both ran at once: the pair took as long as the slower, not the sum.
    QCOMPARE(completed.at(0).timestampMs, start + 4 * Second);
    QCOMPARE(completed.at(1).timestampMs, start + 10 * Second);
    QCOMPARE(bench.ofType(runId, EventType::LlmRequest).size(), 2);

    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QVERIFY2(run.state == RunState::Completed, qPrintable(run.error));
    QCOMPARE(run.result, u"/srv 93%, /home 41%."_s);
    QCOMPARE(bench.server.requests().size(), 2);
    const Problems problems = dialect.check(bench.server.requests().at(1));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const QList<Answer> answers = dialect.answers(requestJson(bench, 1));
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers.at(0).content, Srv);
    QCOMPARE(answers.at(1).content, Home);
    if (provider != u"gemini") {
        QCOMPARE(answers.at(0).ref, u"call_srv"_s);
        QCOMPARE(answers.at(1).ref, u"call_home"_s);
    }
}

void TestAgentLoop::refusedToolCallsGoBackToTheModel_data()
{
    addProviderRows();
}

void TestAgentLoop::refusedToolCallsGoBackToTheModel()
{
    QFETCH(QString, provider);
    const Dialect dialect = dialectFor(provider);
    LoopBench bench;
    bench.server.enqueue(
        FakeHttpResponse::json(200,
                               dialect.toolCalls({{"call_sleep", "sleep", {{"seconds", 1}}},
                                                  {"call_bad", "disk_usage", {{"mount", 42}}},
                                                  {"call_srv", "disk_usage", {{"mount", "/srv"}}}},
                                                 100,
                                                 20)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("/srv is 93% full.", 200, 10)));

    // `sleep` is a tool of this build, but not one the agent lists.
    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QVERIFY2(run.state == RunState::Completed, qPrintable(run.error));
    QCOMPARE(run.result, u"/srv is 93% full."_s);
    const EventList errors = bench.ofType(runId, EventType::ToolCallError);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(text(errors.at(0).payload.at("tool")), u"sleep"_s);
    QCOMPARE(text(errors.at(1).payload.at("tool")), u"disk_usage"_s);
    QCOMPARE(bench.ofType(runId, EventType::ToolCallCompleted).size(), 1);

    const Problems problems = dialect.check(bench.server.requests().at(1));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const QList<Answer> answers = dialect.answers(requestJson(bench, 1));
    QCOMPARE(answers.size(), 3);
    QVERIFY(answers.at(0).isError);
    QVERIFY2(answers.at(0).content.contains(u"\"sleep\" is not in this agent's tools list"_s),
             qPrintable(answers.at(0).content));
    QVERIFY(answers.at(1).isError);
    QVERIFY2(answers.at(1).content.contains(u"\"disk_usage\" was called with invalid arguments"_s),
             qPrintable(answers.at(1).content));
    QVERIFY(!answers.at(2).isError);
    QCOMPARE(answers.at(2).content, Srv);
}

void TestAgentLoop::botchedArgumentsAreRefusedInTheOpen()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    // Arguments cut off mid-object, as a model that ran out of tokens writes them.
    const Json call{{"id", "call_cut"},
                    {"type", "function"},
                    {"function", {{"name", "disk_usage"}, {"arguments", R"({"mount": "/sr)"}}}};
    bench.server.enqueue(FakeHttpResponse::json(200,
                                                openai::completion(Json{{"role", "assistant"},
                                                                        {"content", nullptr},
                                                                        {"tool_calls", {call}},
                                                                        {"refusal", nullptr}},
                                                                   "tool_calls",
                                                                   50,
                                                                   10)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("I could not check.", 80, 5)));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.finished.size(), 1);
    QVERIFY2(bench.finished.at(0).state == RunState::Completed,
             qPrintable(bench.finished.at(0).error));
    // The model is told, and so is whoever watches the run.
    const QList<Answer> answers = dialect.answers(requestJson(bench, 1));
    QCOMPARE(answers.size(), 1);
    QVERIFY(answers.at(0).isError);
    QCOMPARE(answers.at(0).ref, u"call_cut"_s);
    QVERIFY2(answers.at(0).content.contains(u"not a JSON object"_s),
             qPrintable(answers.at(0).content));
    const EventList errors = bench.ofType(runId, EventType::ToolCallError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(text(errors.at(0).payload.at("tool")), u"disk_usage"_s);
    QCOMPARE(text(errors.at(0).payload.at("arguments")), uR"({"mount": "/sr)"_s);
    QCOMPARE(text(errors.at(0).payload.at("error")), answers.at(0).content);
    QCOMPARE(bench.ofType(runId, EventType::ToolCallCompleted).size(), 0);
}

void TestAgentLoop::limitsFailTheRun_data()
{
    QTest::addColumn<int>("maxSteps");
    QTest::addColumn<qint64>("requestLimit");
    QTest::addColumn<qint64>("tokenLimit");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("error");
    // Every reply asks for a tool again, at 100 + 20 tokens.
    QTest::newRow("max_steps") << 3 << qint64(0) << qint64(0) << 3
                               << u"max_steps (3) reached before the model gave a final answer"_s;
    QTest::newRow("request_limit")
        << 15 << qint64(2) << qint64(0) << 2
        << u"request_limit (2) reached before the model gave a final answer"_s;
    QTest::newRow("total_tokens_limit") << 15 << qint64(0) << qint64(300) << 3
                                        << u"total_tokens_limit (300) passed: the run used 360 "
                                           "tokens"_s;
}

void TestAgentLoop::limitsFailTheRun()
{
    QFETCH(int, maxSteps);
    QFETCH(qint64, requestLimit);
    QFETCH(qint64, tokenLimit);
    QFETCH(int, requests);
    QFETCH(QString, error);
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    for (int i = 0; i < 10; ++i) {
        const std::string id = "call_" + std::to_string(i);
        bench.server.enqueue(FakeHttpResponse::json(
            200, dialect.toolCalls({{id, "disk_usage", {{"mount", "/srv"}}}}, 100, 20)));
    }
    AgentSpec spec = bench.spec(dialect);
    spec.limits.maxSteps = maxSteps;
    spec.limits.requestLimit = requestLimit;
    spec.limits.totalTokensLimit = tokenLimit;

    const QString runId = bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QCOMPARE(run.state, RunState::Failed);
    QCOMPARE(run.error, error);
    QVERIFY(run.result.isEmpty());
    QCOMPARE(run.attempts, 1);
    QCOMPARE(run.usage.requests, requests);
    QCOMPARE(bench.server.requests().size(), requests);
    QCOMPARE(bench.ofType(runId, EventType::LlmRequest).size(), requests);
    // The tools the last reply asked for never run: nothing would hear back from them.
    QCOMPARE(bench.ofType(runId, EventType::ToolCallStarted).size(), requests - 1);
    QCOMPARE(bench.ofType(runId, EventType::TaskCompleted).size(), 0);
    const EventList errors = bench.ofType(runId, EventType::TaskError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(text(errors.at(0).payload.at("error")), error);
    QCOMPARE(errors.at(0).payload.at("will_retry").get<bool>(), false);
    QCOMPARE(bench.engine.status(AgentId).lastError, error);
}

void TestAgentLoop::sessionCarriesOverBetweenRuns()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        200, dialect.toolCalls({{"call_srv", "disk_usage", {{"mount", "/srv"}}}}, 80, 10)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("93% full.", 120, 5)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("Still 93%.", 160, 5)));
    AgentSpec spec = bench.spec(dialect);
    spec.task.sessionId = u"disk-watch"_s;

    const QString first = bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    QCOMPARE(bench.finished.at(0).state, RunState::Completed);
    const QString second = bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 2);
    QCOMPARE(bench.finished.at(1).state, RunState::Completed);
    QCOMPARE(bench.finished.at(1).result, u"Still 93%."_s);

    for (const QString &runId : {first, second}) {
        QCOMPARE(text(bench.ofType(runId, EventType::TaskStarted).at(0).payload.at("session_id")),
                 u"disk-watch"_s);
        QCOMPARE(text(bench.ofType(runId, EventType::LlmRequest).at(0).payload.at("session_id")),
                 u"disk-watch"_s);
    }
    QCOMPARE(bench.server.requests().size(), 3);
    const Problems problems = dialect.check(bench.server.requests().at(2));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(transcript(requestJson(bench, 2)),
             QStringList({u"user: "_s + Query,
                          u"assistant: calls disk_usage"_s,
                          u"tool: "_s + Srv,
                          u"assistant: 93% full."_s,
                          u"user: "_s + Query}));
    QCOMPARE(qs(requestJson(bench, 2)["messages"][0]["content"]), u"You watch over servers."_s);

    // The session holds both runs' conversations.
    const Result<Conversation> stored
        = conversationFromJson(bench.engine.memory.loadSession(u"disk-watch"_s).value());
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 6);
    QCOMPARE(stored->last().text, u"Still 93%."_s);
}

void TestAgentLoop::memoryConfigTrimsWhatTheModelSees_data()
{
    QTest::addColumn<MemoryConfig::Mode>("mode");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<int>("paddedIndex");
    QTest::addColumn<int>("firstKept");
    const auto window = MemoryConfig::Mode::SlidingWindow;
    const auto budget = MemoryConfig::Mode::TokenBudget;
    QTest::newRow("window keeps all") << window << qint64(20) << -1 << 0;
    QTest::newRow("window of two") << window << qint64(2) << -1 << 8;
    // The newest five start with a tool call: the window starts at the next user message.
    QTest::newRow("window cutting a tool exchange") << window << qint64(5) << -1 << 8;
    QTest::newRow("window of six") << window << qint64(6) << -1 << 4;
    QTest::newRow("budget keeps all") << budget << qint64(100'000) << -1 << 0;
    QTest::newRow("budget without the long answer") << budget << qint64(500) << 3 << 4;
    QTest::newRow("budget cutting a tool exchange") << budget << qint64(500) << 6 << 8;
}

void TestAgentLoop::memoryConfigTrimsWhatTheModelSees()
{
    QFETCH(MemoryConfig::Mode, mode);
    QFETCH(qint64, value);
    QFETCH(int, paddedIndex);
    QFETCH(int, firstKept);
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    const Conversation earlier = sampleConversation(paddedIndex);
    QVERIFY(bench.engine.memory.saveSession(u"disk-watch"_s, conversationToJson(earlier)).ok());
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("93% full.", 120, 5)));
    AgentSpec spec = bench.spec(dialect);
    spec.task.sessionId = u"disk-watch"_s;
    spec.memory = {mode, value};

    bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    QVERIFY2(bench.finished.at(0).state == RunState::Completed,
             qPrintable(bench.finished.at(0).error));
    const Problems problems = dialect.check(bench.server.requests().at(0));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const Json messages = requestJson(bench, 0)["messages"];
    // The system instruction, what memory kept, the query.
    QCOMPARE(messages.size(), std::size_t(1 + earlier.size() - firstKept + 1));
    if (firstKept < earlier.size())
        QCOMPARE(qs(messages[1]["content"]), earlier.at(firstKept).text);
    QCOMPARE(qs(messages.back()["content"]), Query);
}

void TestAgentLoop::withoutSessionEachRunStartsFresh()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("93% full.", 120, 5)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("94% full.", 120, 5)));
    const AgentSpec spec = bench.spec(dialect);

    const QString first = bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    const QString second = bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 2);
    QCOMPARE(bench.finished.at(1).result, u"94% full."_s);

    QCOMPARE(transcript(requestJson(bench, 1)), QStringList{u"user: "_s + Query});
    for (const QString &runId : {first, second}) {
        // Known before the run starts, in its first event.
        const EventList events = bench.eventsOf(runId);
        QCOMPARE(events.first().type, QLatin1String(EventType::TaskStarted));
        QCOMPARE(text(events.first().payload.at("session_id")), u"run-"_s + runId);
        QCOMPARE(text(bench.ofType(runId, EventType::LlmRequest).at(0).payload.at("session_id")),
                 u"run-"_s + runId);
        QVERIFY(!bench.engine.memory.loadSession(u"run-"_s + runId)->is_null());
    }
}

void TestAgentLoop::retriedRequestIsReported()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        429,
        openai::error("Rate limit reached", "requests", "rate_limit_exceeded"),
        {{"Retry-After", "3"}}));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("93% full.", 120, 5)));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.ofType(runId, EventType::LlmRetry).size(), 1);
    const Json retry = bench.ofType(runId, EventType::LlmRetry).at(0).payload;
    QCOMPARE(retry.at("status").get<int>(), 429);
    QCOMPARE(retry.at("retry_in_ms").get<int>(), 3000);
    QCOMPARE(bench.finished.size(), 0);
    bench.engine.clock.advanceBy(3 * Second);
    QTRY_COMPARE(bench.finished.size(), 1);
    QCOMPARE(bench.finished.at(0).state, RunState::Completed);
    const EventList responses = bench.ofType(runId, EventType::LlmResponse);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).payload.at("tries").get<int>(), 2);
    QCOMPARE(bench.finished.at(0).usage.requests, 1);
}

void TestAgentLoop::rejectedKeyFailsTheRunWithoutLeakingIt_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    // Providers quote the key they refused; this one quotes it whole.
    const std::string quoted = "Incorrect API key provided: " + Key.toStdString() + ".";
    QTest::newRow("openai")
        << u"openai"_s << 401
        << QByteArray::fromStdString(
               openai::error(quoted, "invalid_request_error", "invalid_api_key").dump())
        << u"provider openai rejected the API key (401): set a key in "
           "Settings → Providers or OPENAI_API_KEY."_s;
    QTest::newRow("anthropic")
        << u"anthropic"_s << 401
        << QByteArray::fromStdString(anthropic::error("authentication_error", quoted).dump())
        << u"provider anthropic rejected the API key (401): set a key in Settings → Providers "
           "or ANTHROPIC_API_KEY."_s;
    QTest::newRow("gemini")
        << u"gemini"_s << 400
        << QByteArray::fromStdString(gemini::error(400,
                                                   "API key not valid: " + Key.toStdString(),
                                                   "INVALID_ARGUMENT",
                                                   "API_KEY_INVALID")
                                         .dump())
        << u"provider gemini rejected the request (400): set a key in Settings → Providers or "
           "GEMINI_API_KEY."_s;
}

void TestAgentLoop::rejectedKeyFailsTheRunWithoutLeakingIt()
{
    QFETCH(QString, provider);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const Dialect dialect = dialectFor(provider);
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::raw(status, body));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY2(run.error.startsWith(expected), qPrintable(run.error));
    QCOMPARE(bench.server.requests().size(), 1); // Not retried.
    // The key went to the provider, and nowhere else.
    const Problems problems = dialect.check(bench.server.requests().at(0));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const QString recorded = bench.everythingRecorded();
    QVERIFY(recorded.contains(expected));
    QVERIFY(!recorded.contains(Key));
    QVERIFY(!recorded.contains(Key.mid(8)));
    QCOMPARE(bench.ofType(runId, EventType::TaskError).size(), 1);
}

void TestAgentLoop::missingKeyIsNamed_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("expectedName");
    QTest::newRow("openai's usual name") << u"openai"_s << QString() << u"OPENAI_API_KEY"_s;
    QTest::newRow("anthropic's usual name")
        << u"anthropic"_s << QString() << u"ANTHROPIC_API_KEY"_s;
    QTest::newRow("a name in the config") << u"gemini"_s << u"TEAM_GEMINI"_s << u"TEAM_GEMINI"_s;
}

void TestAgentLoop::missingKeyIsNamed()
{
    QFETCH(QString, provider);
    QFETCH(QString, keyName);
    QFETCH(QString, expectedName);
    const Dialect dialect = dialectFor(provider);
    LoopBench bench;
    bench.secrets.keys.clear();
    AgentSpec spec = bench.spec(dialect);
    spec.model.apiKey = keyName;

    bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    const RunRecord run = bench.finished.first();
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY2(run.error.contains(expectedName), qPrintable(run.error));
    QCOMPARE(bench.secrets.reads, QStringList{expectedName});
    QCOMPARE(bench.server.requests().size(), 0);
}

void TestAgentLoop::keylessProvidersRunWithoutAKey_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QStringList>("reads");
    QTest::newRow("ollama") << u"ollama"_s << QString() << QStringList();
    // A key a local server may take, named but not stored: it runs without.
    QTest::newRow("vllm, key named but absent")
        << u"vllm"_s << u"VLLM_KEY"_s << QStringList{u"VLLM_KEY"_s};
}

void TestAgentLoop::keylessProvidersRunWithoutAKey()
{
    QFETCH(QString, provider);
    QFETCH(QString, keyName);
    QFETCH(QStringList, reads);
    Dialect dialect = openAiDialect();
    dialect.provider = provider;
    LoopBench bench;
    bench.secrets.keys.clear();
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("93% full.", 120, 5)));
    AgentSpec spec = bench.spec(dialect);
    spec.model.apiKey = keyName;

    bench.runNow(spec);
    QTRY_COMPARE(bench.finished.size(), 1);
    QVERIFY2(bench.finished.at(0).state == RunState::Completed,
             qPrintable(bench.finished.at(0).error));
    QCOMPARE(bench.secrets.reads, reads);
    const Problems problems = openai::checkRequest(
        bench.server.requests().at(0), u"/v1/chat/completions"_s, QByteArray());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
}

void TestAgentLoop::stopAbortsTheRequest()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    bench.server.enqueue(FakeHttpResponse::stalled());
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("too late", 10, 1)));
    QSignalSpy received(&bench.server, &FakeLlmServer::requestReceived);
    QSignalSpy hungUp(&bench.server, &FakeLlmServer::clientDisconnected);

    const QString runId = bench.runNow(bench.spec(dialect));
    QVERIFY(received.wait());
    QVERIFY(bench.engine.service.stopAgent(AgentId).ok());
    QCOMPARE(bench.finished.size(), 1);
    QCOMPARE(bench.finished.at(0).state, RunState::Cancelled);
    QTRY_COMPARE(hungUp.size(), 1);
    // Nothing more: no reply read, no retry, however long one waits.
    bench.engine.clock.advanceBy(10 * Minute);
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(bench.ofType(runId, EventType::LlmResponse).size(), 0);
    QCOMPARE(bench.ofType(runId, EventType::LlmRetry).size(), 0);
    QCOMPARE(bench.engine.status(AgentId).state, AgentState::Stopped);
}

void TestAgentLoop::stopDuringAToolCallSendsNothingMore()
{
    const Dialect dialect = openAiDialect();
    LoopBench bench;
    bench.diskTool->latencyMs = {{u"/srv"_s, 30 * Second}};
    bench.server.enqueue(FakeHttpResponse::json(
        200, dialect.toolCalls({{"call_srv", "disk_usage", {{"mount", "/srv"}}}}, 80, 10)));
    bench.server.enqueue(FakeHttpResponse::json(200, dialect.text("too late", 10, 1)));

    const QString runId = bench.runNow(bench.spec(dialect));
    QTRY_COMPARE(bench.ofType(runId, EventType::ToolCallStarted).size(), 1);
    QVERIFY(bench.engine.service.stopAgent(AgentId).ok());
    QCOMPARE(bench.finished.size(), 1);
    QCOMPARE(bench.finished.at(0).state, RunState::Cancelled);
    bench.engine.clock.advanceBy(10 * Minute);
    QCOMPARE(bench.ofType(runId, EventType::LlmRequest).size(), 1);
    QCOMPARE(bench.server.requests().size(), 1);
}

void TestAgentLoop::trimmedMemory_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<MemoryConfig::Mode>("mode");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<int>("paddedIndex");
    QTest::addColumn<int>("firstKept");
    const auto window = MemoryConfig::Mode::SlidingWindow;
    const auto budget = MemoryConfig::Mode::TokenBudget;
    // The sample: 0 user, 1 call, 2 result, 3 answer, 4 user, 5 call, 6 result, 7 answer,
    // 8 user, 9 answer.
    QTest::newRow("empty") << 0 << window << qint64(5) << -1 << 0;
    QTest::newRow("window larger") << 10 << window << qint64(20) << -1 << 0;
    QTest::newRow("window exact") << 10 << window << qint64(10) << -1 << 0;
    QTest::newRow("window at a user message") << 10 << window << qint64(6) << -1 << 4;
    QTest::newRow("window of two") << 10 << window << qint64(2) << -1 << 8;
    QTest::newRow("window at a tool result") << 10 << window << qint64(4) << -1 << 8;
    QTest::newRow("window at a tool call") << 10 << window << qint64(5) << -1 << 8;
    QTest::newRow("window at an answer") << 10 << window << qint64(3) << -1 << 8;
    QTest::newRow("window of one") << 10 << window << qint64(1) << -1 << 10;
    QTest::newRow("window of zero") << 10 << window << qint64(0) << -1 << 10;
    QTest::newRow("window over a cut conversation") << 8 << window << qint64(5) << -1 << 4;
    QTest::newRow("budget larger") << 10 << budget << qint64(100'000) << -1 << 0;
    QTest::newRow("budget with the long answer") << 10 << budget << qint64(2'000) << 3 << 0;
    QTest::newRow("budget without the long answer") << 10 << budget << qint64(500) << 3 << 4;
    QTest::newRow("budget at a long tool result") << 10 << budget << qint64(500) << 6 << 8;
    QTest::newRow("budget below the last message") << 10 << budget << qint64(5) << -1 << 10;
    QTest::newRow("budget of zero") << 10 << budget << qint64(0) << -1 << 10;
    QTest::newRow("budget below the long last answer") << 10 << budget << qint64(500) << 9 << 10;
}

void TestAgentLoop::trimmedMemory()
{
    QFETCH(int, size);
    QFETCH(MemoryConfig::Mode, mode);
    QFETCH(qint64, value);
    QFETCH(int, paddedIndex);
    QFETCH(int, firstKept);
    const Conversation conversation = sampleConversation(paddedIndex).mid(0, size);
    const Conversation trimmed = nightshift::trimmedMemory(conversation, {mode, value});
    QCOMPARE(trimmed.size(), conversation.size() - firstKept);
    QVERIFY(trimmed == conversation.mid(firstKept));
    if (!trimmed.isEmpty())
        QCOMPARE(trimmed.first().role, ChatRole::User);
}

QTEST_GUILESS_MAIN(TestAgentLoop)
#include "tst_agentloop.moc"
