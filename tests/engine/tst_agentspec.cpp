#include "agentspec.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(nightshift::AgentSpec)
Q_DECLARE_METATYPE(nightshift::TaskConfig::Backoff)

namespace {

// The seed's agent_config example (docs: Background Agent System), as JSON.
const QByteArray SeedConfig = R"({
    "agent_id": "system_monitor",
    "system_instruction": "Monitor system resources and alert if usage is high.",
    "model_config": {"provider": "openai", "model": "gpt-4o-mini"},
    "interval": 300,
    "task_config": {
        "query": "Check local CPU and Memory usage.",
        "max_retries": 2
    }
})";

// Every table row changes this valid agent in one place.
const QByteArray BaseAgent = R"({
    "agent_id": "base",
    "model_config": {"provider": "openai", "model": "gpt-4o-mini"},
    "interval": 60,
    "task_config": {"query": "Check the disks."},
    "tools": ["system_info"]
})";

constexpr qint64 Nov24At9Utc = 1795510800000;
constexpr qint64 Dec1AtMidnightUtc = 1796083200000;

// Applies an RFC 7386 merge patch (null deletes), then sets or, with an empty value, removes
// the member at pointer.
Json agentWith(const QByteArray &patch, const QString &pointer = {}, const QByteArray &value = {})
{
    Json agent = Json::parse(BaseAgent.toStdString());
    agent.merge_patch(Json::parse(patch.toStdString()));
    if (pointer.isEmpty())
        return agent;
    const Json::json_pointer at(pointer.toStdString());
    if (value.isEmpty())
        agent[at.parent_pointer()].erase(at.back());
    else
        agent[at] = Json::parse(value.toStdString());
    return agent;
}

QByteArray bytes(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}

QString dumped(const Json &json)
{
    return QString::fromStdString(json.dump());
}

QString describe(const QList<ConfigError> &errors)
{
    QStringList lines;
    for (const ConfigError &error : errors)
        lines.append(error.toString());
    return lines.isEmpty() ? u"(no errors)"_s : lines.join(u'\n');
}

// Reads one named AgentSpec member as JSON, straight from the struct rather than via toJson().
Json memberAsJson(const AgentSpec &spec, const QString &name)
{
    const auto optional = [](const auto &value) {
        return value ? Json(*value) : Json();
    };
    if (name == u"agentId")
        return spec.agentId.toStdString();
    if (name == u"systemInstruction")
        return spec.systemInstruction.toStdString();
    if (name == u"model.provider")
        return spec.model.provider.toStdString();
    if (name == u"model.model")
        return spec.model.model.toStdString();
    if (name == u"model.baseUrl")
        return spec.model.baseUrl.toStdString();
    if (name == u"model.temperature")
        return optional(spec.model.temperature);
    if (name == u"model.maxTokens")
        return optional(spec.model.maxTokens);
    if (name == u"model.topP")
        return optional(spec.model.topP);
    if (name == u"model.apiKey")
        return spec.model.apiKey.toStdString();
    if (name == u"memory")
        return {{"mode",
                 spec.memory.mode == MemoryConfig::Mode::SlidingWindow ? "sliding_window"
                                                                       : "token_budget"},
                {"value", spec.memory.value}};
    if (name == u"allowedPaths") {
        Json paths = Json::array();
        for (const QString &path : spec.allowedPaths)
            paths.push_back(path.toStdString());
        return paths;
    }
    if (name == u"task.query")
        return spec.task.query.toStdString();
    if (name == u"task.maxRetries")
        return spec.task.maxRetries;
    if (name == u"task.retryDelayMs")
        return spec.task.retryDelayMs;
    if (name == u"task.retryBackoff")
        return spec.task.retryBackoff == TaskConfig::Backoff::Fixed ? "fixed" : "exponential";
    if (name == u"task.retryDelayMaxMs")
        return spec.task.retryDelayMaxMs;
    if (name == u"task.timeoutMs")
        return spec.task.timeoutMs;
    if (name == u"task.sessionId")
        return spec.task.sessionId.toStdString();
    if (name == u"task.toolArguments")
        return spec.task.toolArguments;
    if (name == u"limits.toolCallTimeoutMs")
        return spec.limits.toolCallTimeoutMs;
    if (name == u"limits.maxSteps")
        return spec.limits.maxSteps;
    if (name == u"limits.requestLimit")
        return spec.limits.requestLimit;
    if (name == u"limits.totalTokensLimit")
        return spec.limits.totalTokensLimit;
    if (name == u"tools") {
        Json tools = Json::array();
        for (const QString &tool : spec.tools)
            tools.push_back(tool.toStdString());
        return tools;
    }
    if (name == u"schedule.intervalMs")
        return spec.schedule.intervalMs;
    qFatal("memberAsJson(): unknown name %s", qPrintable(name));
}

QString kindName(Schedule::Kind kind)
{
    switch (kind) {
    case Schedule::Kind::Interval:
        return u"interval"_s;
    case Schedule::Kind::Cron:
        return u"cron"_s;
    case Schedule::Kind::Once:
        return u"once"_s;
    case Schedule::Kind::Manual:
        return u"manual"_s;
    }
    return {};
}

// One field of BaseAgent under test: each call adds a row that sets it to value (or, with an
// empty value, removes it) and expects one error at path whose message contains message.
struct BadField
{
    const char *pointer;
    const char *path;

    void operator()(const char *value, const char *message, const char *patch = "{}") const
    {
        const QByteArray tag
            = QByteArray(pointer) + " = " + (*value ? value : "(removed)")
              + (qstrcmp(patch, "{}") == 0 ? QByteArray() : " with " + QByteArray(patch));
        QTest::newRow(tag.constData())
            << QString::fromUtf8(pointer) << QByteArray(value) << QByteArray(patch)
            << QString::fromUtf8(path) << QString::fromUtf8(message);
    }
};

void addGood(const char *patch, const char *member, const char *expected)
{
    QTest::addRow("%s after %s", member, patch)
        << QByteArray(patch) << QString::fromUtf8(member) << QByteArray(expected);
}

AgentSpec minimalSpec()
{
    AgentSpec spec;
    spec.agentId = u"minimal"_s;
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini"_s;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 300'000;
    spec.task.query = u"Check the disks."_s;
    return spec;
}

} // namespace

class TestAgentSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedConfigLoadsWithDefaults();
    void seedConfigLoadsFromFileAndList();
    void acceptsGoodValues_data();
    void acceptsGoodValues();
    void rejectsBadValues_data();
    void rejectsBadValues();
    void reportsUnknownKeys_data();
    void reportsUnknownKeys();
    void collectsEveryError();
    void apiKeyErrorsNeverRepeatTheKey_data();
    void apiKeyErrorsNeverRepeatTheKey();
    void showsValuesCompactly();
    void readsListForms_data();
    void readsListForms();
    void reportsDuplicateIds();
    void validatesAgentIds_data();
    void validatesAgentIds();
    void readsSchedules_data();
    void readsSchedules();
    void rejectsBadSchedules_data();
    void rejectsBadSchedules();
    void refusesLargeAndUnreadableFiles();
    void reportsInvalidJson_data();
    void reportsInvalidJson();
    void rejectsNonObjectAgents();
    void writesCanonicalJson();
    void roundTrips_data();
    void roundTrips();
    void computesRetryDelays_data();
    void computesRetryDelays();
    void formatsErrors();
};

void TestAgentSpec::seedConfigLoadsWithDefaults()
{
    const ConfigParseResult result = parseAgentConfigs(SeedConfig);
    QVERIFY2(result.ok(), qPrintable(describe(result.errors)));
    QCOMPARE(result.agents.size(), 1);
    const AgentSpec &spec = result.agents.first();

    QCOMPARE(spec.agentId, u"system_monitor"_s);
    QCOMPARE(spec.systemInstruction, u"Monitor system resources and alert if usage is high."_s);
    QCOMPARE(spec.model.provider, u"openai"_s);
    QCOMPARE(spec.model.model, u"gpt-4o-mini"_s);
    QVERIFY(spec.model.baseUrl.isEmpty());
    QVERIFY(!spec.model.temperature);
    QVERIFY(!spec.model.maxTokens);
    QVERIFY(!spec.model.topP);

    QCOMPARE(spec.schedule.kind, Schedule::Kind::Interval);
    QCOMPARE(spec.schedule.intervalMs, 300'000);
    QVERIFY(!spec.schedule.anchorMs);

    QCOMPARE(spec.task.query, u"Check local CPU and Memory usage."_s);
    QCOMPARE(spec.task.maxRetries, 2);
    QCOMPARE(spec.task.retryDelayMs, 60'000);
    QCOMPARE(spec.task.retryBackoff, TaskConfig::Backoff::Fixed);
    QCOMPARE(spec.task.retryDelayMaxMs, 3'600'000);
    QCOMPARE(spec.task.timeoutMs, 300'000);
    QVERIFY(spec.task.sessionId.isEmpty());
    QCOMPARE(dumped(spec.task.toolArguments), u"{}"_s);

    QCOMPARE(spec.limits.toolCallTimeoutMs, 30'000);
    QCOMPARE(spec.limits.maxSteps, 15);
    QCOMPARE(spec.limits.requestLimit, 0);
    QCOMPARE(spec.limits.totalTokensLimit, 0);
    QCOMPARE(spec.memory.mode, MemoryConfig::Mode::SlidingWindow);
    QCOMPARE(spec.memory.value, 20);
    QVERIFY(spec.allowedPaths.isEmpty());
    QVERIFY(spec.model.apiKey.isEmpty());
    QVERIFY(spec.tools.isEmpty());
    QCOMPARE(spec.revision, 0);
}

void TestAgentSpec::seedConfigLoadsFromFileAndList()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"seed.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(SeedConfig);
    file.close();

    const ConfigParseResult fromFile = parseAgentConfigFile(path);
    QVERIFY2(fromFile.ok(), qPrintable(describe(fromFile.errors)));
    const ConfigParseResult direct = parseAgentConfigs(SeedConfig);
    QCOMPARE(fromFile.agents.size(), 1);
    QVERIFY(fromFile.agents.first() == direct.agents.first());

    const ConfigParseResult inList = parseAgentConfigs("{\"agents\": [" + SeedConfig + "]}");
    QVERIFY2(inList.ok(), qPrintable(describe(inList.errors)));
    QCOMPARE(inList.agents.size(), 1);
    QVERIFY(inList.agents.first() == direct.agents.first());
}

void TestAgentSpec::acceptsGoodValues_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray id64(64, 'a');
    QTest::newRow("agent_id of 64 characters") << QByteArray("{\"agent_id\": \"" + id64 + "\"}")
                                               << u"agentId"_s << QByteArray("\"" + id64 + "\"");
    addGood(R"({"agent_id": "a"})", "agentId", R"("a")");
    addGood(R"({"agent_id": "Web-Check_2.0"})", "agentId", R"("Web-Check_2.0")");
    addGood(R"({"system_instruction": "Be brief."})", "systemInstruction", R"("Be brief.")");
    addGood(R"({"system_instruction": ""})", "systemInstruction", R"("")");
    addGood(R"({})", "systemInstruction", R"("")");

    for (const char *provider : {"openai",
                                 "anthropic",
                                 "gemini",
                                 "azure",
                                 "ollama",
                                 "lmstudio",
                                 "vllm",
                                 "llamacpp",
                                 "groq",
                                 "deepseek",
                                 "mistral",
                                 "openrouter",
                                 "together"}) {
        const QByteArray patch
            = R"({"model_config": {"provider": ")" + QByteArray(provider) + R"("}})";
        const QByteArray expected = "\"" + QByteArray(provider) + "\"";
        addGood(patch.constData(), "model.provider", expected.constData());
    }
    addGood(
        R"({"model_config": {"provider": "none", "model": null}})", "model.provider", R"("none")");
    addGood(
        R"({"model_config": {"provider": "none", "model": "echo"}})", "model.model", R"("echo")");
    addGood(R"({"model_config": {"model": "llama3.1:8b"}})", "model.model", R"("llama3.1:8b")");
    addGood(R"({"model_config": {"base_url": "http://localhost:11434"}})",
            "model.baseUrl",
            R"("http://localhost:11434")");
    addGood(R"({"model_config": {"base_url": "https://api.example.com/v1"}})",
            "model.baseUrl",
            R"("https://api.example.com/v1")");
    addGood(R"({})", "model.baseUrl", R"("")");
    addGood(R"({"model_config": {"temperature": 0}})", "model.temperature", "0.0");
    addGood(R"({"model_config": {"temperature": 2}})", "model.temperature", "2.0");
    addGood(R"({"model_config": {"temperature": 0.7}})", "model.temperature", "0.7");
    addGood(R"({})", "model.temperature", "null");
    addGood(R"({"model_config": {"max_tokens": 1}})", "model.maxTokens", "1");
    addGood(R"({"model_config": {"max_tokens": 4096.0}})", "model.maxTokens", "4096");
    addGood(R"({"model_config": {"max_tokens": 9223372036854775807}})",
            "model.maxTokens",
            "9223372036854775807");
    addGood(R"({})", "model.maxTokens", "null");
    addGood(R"({"model_config": {"top_p": 1}})", "model.topP", "1.0");
    addGood(R"({"model_config": {"top_p": 0.05}})", "model.topP", "0.05");

    addGood(R"({"interval": 1})", "schedule.intervalMs", "1000");
    addGood(R"({"interval": 1.5})", "schedule.intervalMs", "1500");
    addGood(R"({"interval": 86400})", "schedule.intervalMs", "86400000");
    addGood(
        R"({"interval": null, "task_config": {"interval": 45}})", "schedule.intervalMs", "45000");

    addGood(R"({"task_config": {"query": "What changed?"}})", "task.query", R"("What changed?")");
    addGood(
        R"({"model_config": {"provider": "none", "model": null}, "task_config": {"query": ""}})",
        "task.query",
        R"("")");
    addGood(R"({"task_config": {"max_retries": 0}})", "task.maxRetries", "0");
    addGood(R"({"task_config": {"max_retries": 5.0}})", "task.maxRetries", "5");
    addGood(R"({"task_config": {"max_retries": 2147483647}})", "task.maxRetries", "2147483647");
    addGood(R"({})", "task.maxRetries", "3");
    addGood(R"({"task_config": {"retry_delay": 0}})", "task.retryDelayMs", "0");
    addGood(R"({"task_config": {"retry_delay": 1.5}})", "task.retryDelayMs", "1500");
    addGood(R"({})", "task.retryDelayMs", "60000");
    addGood(R"({"task_config": {"retry_backoff": "exponential"}})",
            "task.retryBackoff",
            R"("exponential")");
    addGood(R"({"task_config": {"retry_backoff": "fixed"}})", "task.retryBackoff", R"("fixed")");
    addGood(R"({})", "task.retryBackoff", R"("fixed")");
    addGood(R"({"task_config": {"retry_delay_max": 60}})", "task.retryDelayMaxMs", "60000");
    addGood(R"({"task_config": {"retry_delay_max": 7200}})", "task.retryDelayMaxMs", "7200000");
    addGood(R"({"task_config": {"retry_delay": 5, "retry_delay_max": 5}})",
            "task.retryDelayMaxMs",
            "5000");
    addGood(R"({"task_config": {"retry_delay": 7200}})", "task.retryDelayMaxMs", "7200000");
    addGood(R"({})", "task.retryDelayMaxMs", "3600000");
    addGood(R"({"task_config": {"timeout": 0.5}})", "task.timeoutMs", "500");
    addGood(R"({"task_config": {"timeout": 0.001}})", "task.timeoutMs", "1");
    addGood(R"({"task_config": {"timeout": 3600}})", "task.timeoutMs", "3600000");
    addGood(R"({})", "task.timeoutMs", "300000");
    addGood(R"({"task_config": {"session_id": "s-1"}})", "task.sessionId", R"("s-1")");
    addGood(R"({"task_config": {"tool_arguments": {"system_info": {"detail": "full"}}}})",
            "task.toolArguments",
            R"({"system_info": {"detail": "full"}})");
    addGood(R"({"task_config": {"tool_arguments": {}}})", "task.toolArguments", "{}");

    addGood(R"({"agent_config": {"tool_call_timeout": 0.25}})", "limits.toolCallTimeoutMs", "250");
    addGood(R"({})", "limits.toolCallTimeoutMs", "30000");
    addGood(R"({"agent_config": {"max_steps": 1}})", "limits.maxSteps", "1");
    addGood(R"({"agent_config": {"max_steps": 100}})", "limits.maxSteps", "100");
    addGood(R"({})", "limits.maxSteps", "15");
    addGood(R"({"agent_config": {"request_limit": 0}})", "limits.requestLimit", "0");
    addGood(R"({"agent_config": {"request_limit": 50}})", "limits.requestLimit", "50");
    addGood(R"({"agent_config": {"total_tokens_limit": 1000000}})",
            "limits.totalTokensLimit",
            "1000000");
    addGood(R"({"agent_config": {}})", "limits.totalTokensLimit", "0");
    addGood(R"({})", "memory", R"({"mode": "sliding_window", "value": 20})");
    addGood(R"({"agent_config": {"memory_config": {"mode": "sliding_window", "value": 5}}})",
            "memory",
            R"({"mode": "sliding_window", "value": 5})");
    addGood(R"({"agent_config": {"memory_config": {"mode": "token_budget", "value": 8000.0}}})",
            "memory",
            R"({"mode": "token_budget", "value": 8000})");
    addGood(R"({})", "allowedPaths", "[]");
    addGood(R"({"agent_config": {"allowed_paths": []}})", "allowedPaths", "[]");
    addGood(R"({"agent_config": {"allowed_paths": ["/srv/reports", "/tmp/a/../b/"]}})",
            "allowedPaths",
            R"(["/srv/reports", "/tmp/b"])");
    addGood(R"({})", "model.apiKey", R"("")");
    addGood(R"({"model_config": {"api_key": "OPENAI_API_KEY"}})",
            "model.apiKey",
            R"("OPENAI_API_KEY")");
    addGood(R"({"model_config": {"api_key": "work-openai.v2"}})",
            "model.apiKey",
            R"("work-openai.v2")");
    addGood(R"({"model_config": {"api_key": "MY_COMPANY_PRODUCTION_OPENAI_API_KEY_2026"}})",
            "model.apiKey",
            R"("MY_COMPANY_PRODUCTION_OPENAI_API_KEY_2026")");

    addGood(R"({"tools": []})", "tools", "[]");
    addGood(R"({"tools": null})", "tools", "[]");
    addGood(
        R"({"tools": ["web_search", "system_info"]})", "tools", R"(["web_search", "system_info"])");
}

void TestAgentSpec::acceptsGoodValues()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, member);
    QFETCH(QByteArray, expected);

    const ConfigParseResult result = parseAgentSpec(agentWith(patch));
    QVERIFY2(result.ok(), qPrintable(describe(result.errors)));
    QCOMPARE(result.agents.size(), 1);
    QCOMPARE(dumped(memberAsJson(result.agents.first(), member)),
             dumped(Json::parse(expected.toStdString())));
}

void TestAgentSpec::rejectsBadValues_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const BadField agentId{"/agent_id", "agent_id"};
    const char *idExpectation = "expected an id matching [A-Za-z0-9_.-]{1,64}";
    agentId("", "missing; expected an id matching [A-Za-z0-9_.-]{1,64}");
    agentId("42", "expected an id matching [A-Za-z0-9_.-]{1,64}, got 42");
    agentId("null", idExpectation);
    agentId("true", idExpectation);
    agentId(R"("")", idExpectation);
    agentId(R"("two words")", R"(, got "two words")");
    agentId(R"("a/b")", idExpectation);
    agentId(R"("caf\u00e9")", idExpectation);
    agentId(R"(["a"])", idExpectation);

    const BadField instruction{"/system_instruction", "system_instruction"};
    instruction("5", "expected a string, got 5");
    instruction("null", "expected a string, got null");
    instruction(R"(["a"])", R"(expected a string, got ["a"])");

    const BadField model{"/model_config", "model_config"};
    model("", "missing; expected an object with provider and model");
    model(R"("openai")", R"(expected an object with provider and model, got "openai")");
    model("[]", "expected an object");

    const BadField provider{"/model_config/provider", "model_config.provider"};
    const char *providers = R"(expected one of "none", "openai", "anthropic", "gemini", "azure", )"
                            R"("ollama", "lmstudio", "vllm", "llamacpp", "groq", "deepseek", )"
                            R"("mistral", "openrouter", "together")";
    provider("", R"(missing; expected one of "none")");
    provider("3", providers);
    provider(R"("")", providers);
    provider("null", providers);
    provider(R"("opnai")", R"(got "opnai"; did you mean "openai"?)");
    provider(R"("OpenAI")", R"(did you mean "openai"?)");
    provider(R"("antropic")", R"(did you mean "anthropic"?)");
    provider(R"("skynet")", providers);
    provider(R"("grok")", R"(got "grok"; did you mean "groq"?)");

    const BadField modelName{"/model_config/model", "model_config.model"};
    modelName("", "missing; expected a model name");
    modelName(R"("")", "expected a model name");
    modelName(R"("  ")", "expected a model name");
    modelName("4", "expected a model name");
    modelName("4", "expected a model name", R"({"model_config": {"provider": "none"}})");

    const BadField baseUrl{"/model_config/base_url", "model_config.base_url"};
    const char *url = "expected an http or https URL";
    baseUrl(R"("ftp://example.com")", R"(expected an http or https URL, got "ftp://example.com")");
    baseUrl(R"("localhost:11434")", url);
    baseUrl(R"("http://")", url);
    baseUrl(R"("")", url);
    baseUrl("80", url);

    const BadField temperature{"/model_config/temperature", "model_config.temperature"};
    const char *zeroToTwo = "expected a number from 0 to 2";
    temperature("-0.1", "expected a number from 0 to 2, got -0.1");
    temperature("2.01", zeroToTwo);
    temperature(R"("0.5")", zeroToTwo);
    temperature("true", zeroToTwo);
    temperature("null", zeroToTwo);

    const BadField maxTokens{"/model_config/max_tokens", "model_config.max_tokens"};
    maxTokens("0", "expected a whole number >= 1, got 0");
    maxTokens("-1", "expected a whole number >= 1");
    maxTokens("1.5", "expected a whole number >= 1");
    maxTokens(R"("100")", R"(expected a whole number >= 1, got "100")");
    maxTokens("true", "expected a whole number >= 1");
    maxTokens("9223372036854775808", "expected a whole number <= 9223372036854775807");
    maxTokens("1e300", "expected a whole number <= 9223372036854775807");

    const BadField topP{"/model_config/top_p", "model_config.top_p"};
    const char *probability = "expected a number > 0 and <= 1";
    topP("0", "expected a number > 0 and <= 1, got 0");
    topP("1.1", probability);
    topP("-1", probability);
    topP(R"("1")", probability);

    const BadField interval{"/interval", "interval"};
    const char *atLeastOne = "expected a number of seconds >= 1";
    interval("0", "expected a number of seconds >= 1, got 0");
    interval("0.5", atLeastOne);
    interval("-5", atLeastOne);
    interval(R"("300")", R"(expected a number of seconds >= 1, got "300")");
    interval("true", atLeastOne);
    interval("null", atLeastOne);
    interval("{}", atLeastOne);
    interval("1e12", "expected a number of seconds <= 315360000");
    const BadField taskInterval{"/task_config/interval", "task_config.interval"};
    taskInterval("0", atLeastOne, R"({"interval": null})");
    taskInterval(R"("5m")", atLeastOne, R"({"interval": null})");

    const BadField task{"/task_config", "task_config"};
    task("", "missing; expected an object");
    task("[]", "expected an object with at least a query, got []");
    task(R"("Check the disks.")", "expected an object");

    const BadField query{"/task_config/query", "task_config.query"};
    const char *queryExpectation = R"(expected a string (empty only with provider "none"))";
    query("", "missing; expected a string");
    query("1", queryExpectation);
    query(R"("")", queryExpectation);
    query(R"(" ")", queryExpectation);
    query("null", queryExpectation, R"({"model_config": {"provider": "none"}})");

    const BadField retries{"/task_config/max_retries", "task_config.max_retries"};
    const char *atLeastZero = "expected a whole number >= 0";
    retries(R"("three")", R"(expected a whole number >= 0, got "three")");
    retries("-1", atLeastZero);
    retries("2.5", "expected a whole number >= 0, got 2.5");
    retries("true", atLeastZero);
    retries("null", atLeastZero);
    retries("2147483648", "expected a whole number <= 2147483647, got 2147483648");
    retries("3e9", "expected a whole number <= 2147483647");

    const BadField retryDelay{"/task_config/retry_delay", "task_config.retry_delay"};
    retryDelay("-1", "expected a number of seconds >= 0, got -1");
    retryDelay(R"("60")", "expected a number of seconds >= 0");
    retryDelay("false", "expected a number of seconds >= 0");

    const BadField backoff{"/task_config/retry_backoff", "task_config.retry_backoff"};
    backoff(R"("linear")", R"(expected one of "fixed", "exponential", got "linear")");
    backoff(R"("exponental")", R"(did you mean "exponential"?)");
    backoff("1", R"(expected one of "fixed", "exponential")");

    const BadField delayMax{"/task_config/retry_delay_max", "task_config.retry_delay_max"};
    delayMax("30", "expected a number of seconds >= retry_delay (60), got 30");
    delayMax("100",
             "expected a number of seconds >= retry_delay (120), got 100",
             R"({"task_config": {"retry_delay": 120}})");
    delayMax("-1", "expected a number of seconds >= 0");
    delayMax(R"("1h")", "expected a number of seconds >= 0");

    const BadField timeout{"/task_config/timeout", "task_config.timeout"};
    timeout("0", "expected a number of seconds > 0, got 0");
    timeout("-1", "expected a number of seconds > 0");
    timeout("0.0001", "expected a number of seconds of at least 0.001");
    timeout(R"("300")", "expected a number of seconds > 0");

    const BadField session{"/task_config/session_id", "task_config.session_id"};
    session("5", "expected a string, got 5");
    session("null", "expected a string");

    const BadField arguments{"/task_config/tool_arguments", "task_config.tool_arguments"};
    arguments("[]", "expected an object keyed by tool name, got []");
    const BadField systemInfoArguments{"/task_config/tool_arguments/system_info",
                                       "task_config.tool_arguments.system_info"};
    systemInfoArguments("5", "expected an object of arguments, got 5");
    systemInfoArguments("{}", R"("system_info" is not in tools)", R"({"tools": null})");
    const BadField shellArguments{"/task_config/tool_arguments/shell",
                                  "task_config.tool_arguments.shell"};
    shellArguments("{}", R"("shell" is not in tools)");
    const BadField oddArguments{"/task_config/tool_arguments/my tool",
                                R"(task_config.tool_arguments["my tool"])"};
    oddArguments("{}", R"("my tool" is not in tools)");

    const BadField limits{"/agent_config", "agent_config"};
    limits("5", "expected an object, got 5");

    const BadField toolTimeout{"/agent_config/tool_call_timeout", "agent_config.tool_call_timeout"};
    toolTimeout("0", "expected a number of seconds > 0, got 0");
    toolTimeout(R"("30")", "expected a number of seconds > 0");

    const BadField steps{"/agent_config/max_steps", "agent_config.max_steps"};
    steps("0", "expected a whole number >= 1, got 0");
    steps("1.5", "expected a whole number >= 1");
    steps("2147483648", "expected a whole number <= 2147483647");

    const BadField requests{"/agent_config/request_limit", "agent_config.request_limit"};
    requests("-1", "expected a whole number >= 0, got -1");
    requests(R"("10")", "expected a whole number >= 0");

    const BadField tokens{"/agent_config/total_tokens_limit", "agent_config.total_tokens_limit"};
    tokens("-5", "expected a whole number >= 0");
    tokens("false", "expected a whole number >= 0, got false");

    const BadField memory{"/agent_config/memory_config", "agent_config.memory_config"};
    memory("20", R"(expected an object like {"mode": "sliding_window", "value": 20}, got 20)");
    const BadField memoryMode{"/agent_config/memory_config/mode",
                              "agent_config.memory_config.mode"};
    memoryMode(R"("fifo")",
               R"(expected one of "sliding_window", "token_budget", got "fifo")",
               R"({"agent_config": {"memory_config": {"value": 3}}})");
    memoryMode("",
               R"(missing; expected one of "sliding_window", "token_budget")",
               R"({"agent_config": {"memory_config": {"value": 3}}})");
    const BadField memoryValue{"/agent_config/memory_config/value",
                               "agent_config.memory_config.value"};
    memoryValue("0",
                "expected a whole number >= 1, got 0",
                R"({"agent_config": {"memory_config": {"mode": "token_budget"}}})");
    memoryValue("",
                "missing; expected a whole number >= 1: messages kept (sliding_window) or tokens",
                R"({"agent_config": {"memory_config": {"mode": "token_budget"}}})");

    const char *cronBlock
        = R"({"interval": null, "schedule": {"kind": "cron", "expression": "0 9 * * *"}})";
    const BadField cronExpression{"/schedule/expression", "schedule.expression"};
    cronExpression(
        "", R"(missing; expected a cron expression such as "0 9 * * mon-fri")", cronBlock);
    cronExpression("9", "expected a string, got 9", cronBlock);
    const BadField timeZone{"/schedule/timezone", "schedule.timezone"};
    timeZone(R"("Europe/Berlni")",
             R"(unknown time zone "Europe/Berlni"; give an IANA name such as "Europe/Berlin")",
             cronBlock);
    timeZone("1", "expected a string, got 1", cronBlock);
    const BadField startAt{"/schedule/start_at", "schedule.start_at"};
    startAt(R"("tomorrow")", "expected an ISO 8601 time with a zone", cronBlock);
    const BadField endAt{"/schedule/end_at", "schedule.end_at"};
    endAt(R"("2026-01-01T00:00:00Z")",
          "must be later than start_at",
          R"({"interval": null, "schedule": {"kind": "cron", "expression": "0 9 * * *",)"
          R"( "start_at": "2026-02-01T00:00:00Z"}})");
    const BadField maxRuns{"/schedule/max_runs", "schedule.max_runs"};
    maxRuns("-1", "expected a whole number >= 0, got -1", cronBlock);
    const BadField jitter{"/schedule/jitter", "schedule.jitter"};
    jitter("-3", "expected a number of seconds >= 0, got -3", cronBlock);
    const BadField manualJitter{"/schedule/jitter", "schedule.jitter"};
    manualJitter("5",
                 R"(not used when kind is "manual", which takes: kind)",
                 R"({"interval": null, "schedule": {"kind": "manual"}})");

    const BadField policies{"/policies", "policies"};
    policies(R"("skip")", R"(expected an object, got "skip")");
    const BadField misfire{"/policies/misfire", "policies.misfire"};
    misfire(
        R"("run_one")",
        R"(expected one of "skip", "run_once", "run_all", got "run_one"; did you mean "run_once"?)",
        R"({"policies": {}})");
    const BadField grace{"/policies/misfire_grace", "policies.misfire_grace"};
    grace("-1", "expected a number of seconds >= 0, got -1", R"({"policies": {}})");
    const BadField catchUp{"/policies/catch_up_limit", "policies.catch_up_limit"};
    catchUp("0", "expected a whole number >= 1, got 0", R"({"policies": {}})");
    const BadField overlap{"/policies/overlap", "policies.overlap"};
    overlap(R"("queue")",
            R"(expected one of "skip", "queue_one", "cancel_previous", "allow", got "queue")",
            R"({"policies": {}})");
    const BadField parallel{"/policies/max_parallel", "policies.max_parallel"};
    parallel("0", "expected a whole number >= 1, got 0", R"({"policies": {}})");
    parallel("101", "expected a whole number <= 100, got 101", R"({"policies": {}})");
    const BadField failures{"/policies/pause_after_failures", "policies.pause_after_failures"};
    failures("true", "expected a whole number >= 0, got true", R"({"policies": {}})");
    const BadField policyKey{"/policies/overlpa", "policies.overlpa"};
    policyKey(R"("skip")", R"(unknown key; did you mean "overlap"?)", R"({"policies": {}})");

    const BadField budget{"/budget", "budget"};
    budget("100", "expected an object, got 100");
    const BadField dailyTokens{"/budget/daily_tokens", "budget.daily_tokens"};
    dailyTokens("1.5", "expected a whole number >= 0", R"({"budget": {}})");
    const BadField monthlyCost{"/budget/monthly_cost", "budget.monthly_cost"};
    monthlyCost("-2", "expected an amount in US dollars >= 0, got -2", R"({"budget": {}})");
    monthlyCost(
        R"("5$")", R"(expected an amount in US dollars >= 0, got "5$")", R"({"budget": {}})");
    const BadField onExceeded{"/budget/on_exceeded", "budget.on_exceeded"};
    onExceeded(R"("stop")", R"(expected one of "skip", "pause", got "stop")", R"({"budget": {}})");

    const BadField paths{"/agent_config/allowed_paths", "agent_config.allowed_paths"};
    paths(R"("/srv")", R"(expected an array of absolute folder paths, got "/srv")");
    const BadField firstPath{"/agent_config/allowed_paths/0", "agent_config.allowed_paths[0]"};
    firstPath(R"("docs")",
              R"("docs" is relative; give an absolute path)",
              R"({"agent_config": {"allowed_paths": []}})");
    firstPath(R"("./out")", "is relative", R"({"agent_config": {"allowed_paths": []}})");
    firstPath(R"("~/notes")",
              R"("~/notes": ~ is not expanded; write the full path)",
              R"({"agent_config": {"allowed_paths": []}})");
    firstPath(R"("")",
              R"(expected an absolute folder path, got "")",
              R"({"agent_config": {"allowed_paths": []}})");
    firstPath("5",
              "expected an absolute folder path, got 5",
              R"({"agent_config": {"allowed_paths": []}})");

    const BadField apiKey{"/model_config/api_key", "model_config.api_key"};
    const char *keyInstead = "this looks like an API key itself, not the name of one";
    apiKey(R"("sk-proj-4fG7hJ2kL9mN3pQ8rS5tU1vW6xY0zA")", keyInstead);
    apiKey(R"("sk-ant-api03-aBcD")", keyInstead);
    apiKey(R"("AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY")", keyInstead);
    apiKey(R"("gsk_8Jk2LmN4pQ6rS8tU0vW2xY4zA6bC8dE0")", keyInstead);
    apiKey(R"("3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e")", keyInstead);
    apiKey(R"("dGhpcyBpcyBub3QgYSByZWFsIGtleQ==")", keyInstead);
    apiKey(R"("Bearer abc")", keyInstead);
    const char *nameExpected = "expected the name of a key (1 to 64 of A-Z a-z 0-9 _ . -)";
    apiKey(R"("my key")", nameExpected);
    apiKey(R"("")", nameExpected);
    apiKey("42", nameExpected);
    apiKey("null", nameExpected);

    const BadField tools{"/tools", "tools"};
    tools(R"("system_info")", R"(expected an array of tool names, got "system_info")");
    tools("{}", "expected an array of tool names");
    const BadField firstTool{"/tools/0", "tools[0]"};
    firstTool(R"("")", R"(expected a non-empty tool name, got "")");
    firstTool("null", "expected a non-empty tool name, got null");
    const BadField secondTool{"/tools/1", "tools[1]"};
    secondTool("1", "expected a non-empty tool name, got 1");
    secondTool(R"("system_info")", R"("system_info" is already listed at tools[0])");
}

void TestAgentSpec::rejectsBadValues()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, patch);
    QFETCH(QString, path);
    QFETCH(QString, message);

    const ConfigParseResult result = parseAgentSpec(agentWith(patch, pointer, value));
    QVERIFY(result.agents.isEmpty());
    QVERIFY2(result.errors.size() == 1, qPrintable(describe(result.errors)));
    QCOMPARE(result.errors.first().path, path);
    QVERIFY2(result.errors.first().message.contains(message),
             qPrintable(result.errors.first().toString()));
}

void TestAgentSpec::reportsUnknownKeys_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("task_config typo")
        << QByteArray(R"({"task_config": {"max_retrys": 2}})") << u"task_config.max_retrys"_s
        << u"unknown key; did you mean \"max_retries\"?"_s;
    QTest::newRow("top-level case") << QByteArray(R"({"Agent_ID": "x"})") << u"Agent_ID"_s
                                    << u"unknown key; did you mean \"agent_id\"?"_s;
    QTest::newRow("top-level swapped letters")
        << QByteArray(R"({"modle_config": {}})") << u"modle_config"_s
        << u"did you mean \"model_config\"?"_s;
    QTest::newRow("model_config typo")
        << QByteArray(R"({"model_config": {"temprature": 1}})") << u"model_config.temprature"_s
        << u"did you mean \"temperature\"?"_s;
    QTest::newRow("model_config short") << QByteArray(R"({"model_config": {"mode": "x"}})")
                                        << u"model_config.mode"_s << u"did you mean \"model\"?"_s;
    QTest::newRow("agent_config typo")
        << QByteArray(R"({"agent_config": {"max_step": 3}})") << u"agent_config.max_step"_s
        << u"did you mean \"max_steps\"?"_s;
    QTest::newRow("allowed_paths typo")
        << QByteArray(R"({"agent_config": {"allowed_path": ["/srv"]}})")
        << u"agent_config.allowed_path"_s << u"did you mean \"allowed_paths\"?"_s;
    QTest::newRow("memory_config key")
        << QByteArray(R"({"agent_config": {"memory_config": {"mode": "sliding_window", "value": 3,
                         "size": 4}}})")
        << u"agent_config.memory_config.size"_s
        << u"unknown key; the known keys are: mode, value"_s;
    QTest::newRow("schedule typo") << QByteArray(
        R"({"interval": null, "schedule": {"kind": "interval", "second": 5, "seconds": 5}})")
                                   << u"schedule.second"_s << u"did you mean \"seconds\"?"_s;
    QTest::newRow("revision is not config")
        << QByteArray(R"({"revision": 3})") << u"revision"_s
        << u"unknown key; the known keys are: agent_id, system_instruction, model_config, "
           "interval, schedule, task_config, agent_config, tools"_s;
    QTest::newRow("far from everything") << QByteArray(R"({"colour": "red"})") << u"colour"_s
                                         << u"unknown key; the known keys are: agent_id"_s;
    QTest::newRow("nothing close in task_config")
        << QByteArray(R"({"task_config": {"priority": 1}})") << u"task_config.priority"_s
        << u"unknown key; the known keys are: query, max_retries"_s;
    QTest::newRow("odd characters") << QByteArray(R"({"task_config": {"my key": 1}})")
                                    << uR"(task_config["my key"])"_s << u"unknown key"_s;
}

void TestAgentSpec::reportsUnknownKeys()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, path);
    QFETCH(QString, message);

    const ConfigParseResult result = parseAgentSpec(agentWith(patch));
    QVERIFY(result.agents.isEmpty());
    QVERIFY2(result.errors.size() == 1, qPrintable(describe(result.errors)));
    QCOMPARE(result.errors.first().path, path);
    QVERIFY2(result.errors.first().message.contains(message),
             qPrintable(result.errors.first().toString()));
}

void TestAgentSpec::collectsEveryError()
{
    const Json agent = Json::parse(R"({
        "agent_id": "bad id",
        "model_config": {"provider": "opnai", "model": "x", "top_p": 2},
        "task_config": {"query": "q", "max_retries": "three", "timeout": 0, "colour": 1},
        "agent_config": {"max_steps": 0},
        "tools": ["a", "a"]
    })");
    const ConfigParseResult result = parseAgentSpec(agent, u"agents[7]"_s);
    QVERIFY(result.agents.isEmpty());

    QStringList paths;
    for (const ConfigError &error : result.errors)
        paths.append(error.path);
    paths.sort();
    QStringList expected{u"agents[7].agent_id"_s,
                         u"agents[7].model_config.provider"_s,
                         u"agents[7].model_config.top_p"_s,
                         u"agents[7].task_config.max_retries"_s,
                         u"agents[7].task_config.timeout"_s,
                         u"agents[7].task_config.colour"_s,
                         u"agents[7].agent_config.max_steps"_s,
                         u"agents[7].tools[1]"_s,
                         u"agents[7].interval"_s};
    expected.sort();
    QCOMPARE(paths, expected);
}

void TestAgentSpec::apiKeyErrorsNeverRepeatTheKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("OpenAI") << u"sk-proj-Zx81Qw2Er3Ty4Ui5Op6As7Df8Gh9Jk0L"_s;
    QTest::newRow("Gemini") << u"AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"_s;
    QTest::newRow("random") << u"q8W2e4R6t8Y0u2I4o6P8a0S2d4F6g8H0"_s;
    QTest::newRow("with a space") << u"abc def"_s;
    QTest::newRow("very long name-like") << QString(80, u'K');
}

void TestAgentSpec::apiKeyErrorsNeverRepeatTheKey()
{
    QFETCH(QString, key);
    const Json agent = agentWith("{}", u"/model_config/api_key"_s, bytes(Json(key.toStdString())));
    // Through a file too: a broken config file is the likeliest way a key ends up in a log.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"agents.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes(agent));
    file.close();
    for (const ConfigParseResult &result : {parseAgentSpec(agent), parseAgentConfigFile(path)}) {
        QCOMPARE(result.errors.size(), 1);
        const QString message = result.errors.first().toString();
        QCOMPARE(result.errors.first().path, u"model_config.api_key"_s);
        QVERIFY2(!message.contains(key.left(8)), qPrintable(message));
    }
}

void TestAgentSpec::showsValuesCompactly()
{
    const Json longId = agentWith("{}", u"/agent_id"_s, "\"" + QByteArray(100, 'x') + "\"");
    const ConfigParseResult tooLong = parseAgentSpec(longId);
    QCOMPARE(tooLong.errors.size(), 1);
    QCOMPARE(tooLong.errors.first().message,
             u"expected an id matching [A-Za-z0-9_.-]{1,64}, got \""_s + QString(39, u'x') + u'…');

    const Json nested = agentWith("{}", u"/system_instruction"_s, R"({"a": [1, 2.5, "b"]})");
    const ConfigParseResult compact = parseAgentSpec(nested);
    QCOMPARE(compact.errors.size(), 1);
    QCOMPARE(compact.errors.first().message, uR"(expected a string, got {"a":[1,2.5,"b"]})"_s);

    const Json huge = agentWith("{}",
                                u"/system_instruction"_s,
                                bytes(Json::array({Json(QByteArray(5000, 'y').toStdString()), 1})));
    const ConfigParseResult truncated = parseAgentSpec(huge);
    QCOMPARE(truncated.errors.size(), 1);
    QVERIFY(truncated.errors.first().message.size() < 100);
    QVERIFY(truncated.errors.first().message.endsWith(u'…'));
}

void TestAgentSpec::readsListForms_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("errorPaths");

    const QByteArray one = bytes(agentWith(R"({"agent_id": "one"})"));
    const QByteArray two = bytes(agentWith(R"({"agent_id": "two"})"));
    const QByteArray badRetries
        = bytes(agentWith(R"({"agent_id": "bad", "task_config": {"max_retries": "three"}})"));
    const QByteArray badSchedule
        = bytes(agentWith(R"({"agent_id": "clash", "schedule": {"kind": "manual"}})"));

    QTest::newRow("single object") << one << QStringList{u"one"_s} << QStringList{};
    QTest::newRow("array") << "[" + one + "," + two + "]" << QStringList{u"one"_s, u"two"_s}
                           << QStringList{};
    QTest::newRow("agents key") << "{\"agents\": [" + one + "," + two + "]}"
                                << QStringList{u"one"_s, u"two"_s} << QStringList{};
    QTest::newRow("empty array") << QByteArray("[]") << QStringList{} << QStringList{};
    QTest::newRow("empty agents") << QByteArray(R"({"agents": []})") << QStringList{}
                                  << QStringList{};
    QTest::newRow("single object error has no prefix")
        << badRetries << QStringList{} << QStringList{u"task_config.max_retries"_s};
    QTest::newRow("array error has prefix")
        << "[" + one + "," + badRetries + "]" << QStringList{u"one"_s}
        << QStringList{u"agents[1].task_config.max_retries"_s};
    QTest::newRow("agents key error has prefix")
        << "{\"agents\": [" + badRetries + "," + two + "]}" << QStringList{u"two"_s}
        << QStringList{u"agents[0].task_config.max_retries"_s};
    QTest::newRow("schedule conflict in a list")
        << "[" + one + "," + badSchedule + "]" << QStringList{u"one"_s}
        << QStringList{u"agents[1].schedule"_s};
    QTest::newRow("non-object item")
        << "[" + one + ", 42]" << QStringList{u"one"_s} << QStringList{u"agents[1]"_s};
    QTest::newRow("agents beside other keys") << "{\"agents\": [" + one + "], \"version\": 2}"
                                              << QStringList{u"one"_s} << QStringList{u"version"_s};
    QTest::newRow("agents not an array") << QByteArray(R"({"agents": {"agent_id": "x"}})")
                                         << QStringList{} << QStringList{u"agents"_s};
    QTest::newRow("a number") << QByteArray("42") << QStringList{} << QStringList{QString()};
    QTest::newRow("a string") << QByteArray(R"("agents")") << QStringList{}
                              << QStringList{QString()};
}

void TestAgentSpec::readsListForms()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, errorPaths);

    const ConfigParseResult result = parseAgentConfigs(json);
    QStringList parsedIds;
    for (const AgentSpec &spec : result.agents)
        parsedIds.append(spec.agentId);
    QStringList paths;
    for (const ConfigError &error : result.errors)
        paths.append(error.path);
    QCOMPARE(parsedIds, ids);
    QVERIFY2(paths == errorPaths, qPrintable(describe(result.errors)));
    QCOMPARE(result.ok(), errorPaths.isEmpty());
}

void TestAgentSpec::reportsDuplicateIds()
{
    const QByteArray x = bytes(agentWith(R"({"agent_id": "x"})"));
    const QByteArray y = bytes(agentWith(R"({"agent_id": "y"})"));
    const QByteArray z = bytes(agentWith(R"({"agent_id": "z"})"));
    const QByteArray upperX = bytes(agentWith(R"({"agent_id": "X"})"));

    const ConfigParseResult result
        = parseAgentConfigs("[" + x + "," + y + "," + z + "," + x + "," + upperX + "]");
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().toString(),
             u"agents[3].agent_id: \"x\" is already used by agents[0]"_s);
    QCOMPARE(result.agents.size(), 4);
    QCOMPARE(result.agents.at(3).agentId, u"X"_s);

    // The first holder of an id may be broken itself; the later one is still a duplicate.
    const QByteArray brokenX
        = bytes(agentWith(R"({"agent_id": "x", "task_config": {"timeout": -1}})"));
    const ConfigParseResult second
        = parseAgentConfigs("{\"agents\": [" + brokenX + "," + y + "," + x + "]}");
    QStringList errors;
    for (const ConfigError &error : second.errors)
        errors.append(error.toString());
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.contains(u"agents[2].agent_id: \"x\" is already used by agents[0]"_s));
    QCOMPARE(second.agents.size(), 1);
}

void TestAgentSpec::validatesAgentIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("one character") << u"a"_s << true;
    QTest::newRow("64 characters") << QString(64, u'a') << true;
    QTest::newRow("65 characters") << QString(65, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("every allowed class") << u"AZaz09_.-"_s << true;
    QTest::newRow("digits only") << u"2024"_s << true;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("backslash") << u"a\\b"_s << false;
    QTest::newRow("colon") << u"a:b"_s << false;
    QTest::newRow("plus") << u"a+b"_s << false;
    QTest::newRow("at") << u"a@b"_s << false;
    QTest::newRow("accented letter") << u"café"_s << false;
    QTest::newRow("fullwidth digit") << u"a１"_s << false;
    QTest::newRow("trailing newline") << u"a\n"_s << false;
    QTest::newRow("nul") << QString(u"a\0b"_s) << false;
}

void TestAgentSpec::validatesAgentIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);

    QCOMPARE(isValidAgentId(id), valid);
    Json agent = agentWith("{}");
    agent["agent_id"] = id.toStdString();
    const ConfigParseResult result = parseAgentSpec(agent);
    QVERIFY2(result.ok() == valid, qPrintable(describe(result.errors)));
    if (valid)
        QCOMPARE(result.agents.first().agentId, id);
    else
        QCOMPARE(result.errors.first().path, u"agent_id"_s);
}

void TestAgentSpec::readsSchedules_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<qint64>("anchorMs");
    QTest::addColumn<qint64>("atMs");

    constexpr qint64 none = -1;
    QTest::newRow("top-level interval") << QByteArray(R"({"interval": 300})") << u"interval"_s
                                        << qint64(300'000) << none << qint64(0);
    QTest::newRow("fractional interval") << QByteArray(R"({"interval": 2.5})") << u"interval"_s
                                         << qint64(2'500) << none << qint64(0);
    QTest::newRow("task_config interval")
        << QByteArray(R"({"interval": null, "task_config": {"interval": 90}})") << u"interval"_s
        << qint64(90'000) << none << qint64(0);
    QTest::newRow("interval block")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 60}})")
        << u"interval"_s << qint64(60'000) << none << qint64(0);
    QTest::newRow("interval block with Z anchor")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 3600,)"
                      R"( "anchor": "2026-11-24T09:00:00Z"}})")
        << u"interval"_s << qint64(3'600'000) << Nov24At9Utc << qint64(0);
    QTest::newRow("interval block with offset anchor")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 3600,)"
                      R"( "anchor": "2026-11-24T11:00:00+02:00"}})")
        << u"interval"_s << qint64(3'600'000) << Nov24At9Utc << qint64(0);
    QTest::newRow("anchor with milliseconds")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 60,)"
                      R"( "anchor": "2026-11-24T09:00:00.250Z"}})")
        << u"interval"_s << qint64(60'000) << Nov24At9Utc + 250 << qint64(0);
    QTest::newRow("once") << QByteArray(
        R"({"interval": null, "schedule": {"kind": "once", "at": "2026-12-01T00:00:00Z"}})")
                          << u"once"_s << qint64(0) << none << Dec1AtMidnightUtc;
    QTest::newRow("once with negative offset")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "once",)"
                      R"( "at": "2026-11-30T19:00:00-05:00"}})")
        << u"once"_s << qint64(0) << none << Dec1AtMidnightUtc;
    QTest::newRow("manual") << QByteArray(R"({"interval": null, "schedule": {"kind": "manual"}})")
                            << u"manual"_s << qint64(0) << none << qint64(0);
}

void TestAgentSpec::readsSchedules()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, kind);
    QFETCH(qint64, intervalMs);
    QFETCH(qint64, anchorMs);
    QFETCH(qint64, atMs);

    const ConfigParseResult result = parseAgentSpec(agentWith(patch));
    QVERIFY2(result.ok(), qPrintable(describe(result.errors)));
    const Schedule &schedule = result.agents.first().schedule;
    QCOMPARE(kindName(schedule.kind), kind);
    QCOMPARE(schedule.intervalMs, intervalMs);
    QCOMPARE(schedule.anchorMs.value_or(-1), anchorMs);
    QCOMPARE(schedule.atMs, atMs);
}

void TestAgentSpec::rejectsBadSchedules_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("errorCount");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QString zone = u"expected an ISO 8601 time with a zone, e.g. 2026-11-24T09:00:00Z"_s;
    QTest::newRow("none given")
        << QByteArray(R"({"interval": null})") << 1 << u"interval"_s
        << u"a schedule is required: give interval (seconds) or a schedule block"_s;
    QTest::newRow("interval and schedule") << QByteArray(R"({"schedule": {"kind": "manual"}})") << 1
                                           << u"schedule"_s << u"conflicts with interval"_s;
    QTest::newRow("interval and task_config.interval")
        << QByteArray(R"({"task_config": {"interval": 60}})") << 1 << u"task_config.interval"_s
        << u"conflicts with interval"_s;
    QTest::newRow("task_config.interval and schedule") << QByteArray(
        R"({"interval": null, "task_config": {"interval": 60}, "schedule": {"kind": "manual"}})")
                                                       << 1 << u"schedule"_s
                                                       << u"conflicts with task_config.interval"_s;
    QTest::newRow("all three") << QByteArray(
        R"({"task_config": {"interval": 60}, "schedule": {"kind": "manual"}})")
                               << 2 << u"schedule"_s << u"conflicts with interval"_s;
    QTest::newRow("conflict with an invalid one")
        << QByteArray(R"({"interval": 0, "schedule": {"kind": "manual"}})") << 2 << u"schedule"_s
        << u"conflicts with interval"_s;
    QTest::newRow("not an object")
        << QByteArray(R"({"interval": null, "schedule": "daily"})") << 1 << u"schedule"_s
        << uR"(expected an object with a kind of "interval", "cron", "once", "manual", got "daily")"_s;
    QTest::newRow("no kind")
        << QByteArray(R"({"interval": null, "schedule": {}})") << 1 << u"schedule.kind"_s
        << uR"(missing; expected one of "interval", "cron", "once", "manual")"_s;
    QTest::newRow("unknown kind")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "weekly"}})") << 1
        << u"schedule.kind"_s
        << uR"(expected one of "interval", "cron", "once", "manual", got "weekly")"_s;
    QTest::newRow("misspelt kind")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "intreval", "seconds": 5}})") << 1
        << u"schedule.kind"_s << uR"(did you mean "interval"?)"_s;
    QTest::newRow("interval without seconds")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval"}})") << 1
        << u"schedule.seconds"_s << u"missing; expected a number of seconds >= 1"_s;
    QTest::newRow("interval too short")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 0.5}})")
        << 1 << u"schedule.seconds"_s << u"expected a number of seconds >= 1, got 0.5"_s;
    QTest::newRow("anchor without zone")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 5,)"
                      R"( "anchor": "2026-11-24T09:00:00"}})")
        << 1 << u"schedule.anchor"_s << zone + u", got \"2026-11-24T09:00:00\""_s;
    QTest::newRow("anchor as a date")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 5,)"
                      R"( "anchor": "2026-11-24"}})")
        << 1 << u"schedule.anchor"_s << zone;
    QTest::newRow("anchor in words")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 5,)"
                      R"( "anchor": "tomorrow"}})")
        << 1 << u"schedule.anchor"_s << zone;
    QTest::newRow("anchor as a number")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 5,)"
                      R"( "anchor": 1795510800}})")
        << 1 << u"schedule.anchor"_s << zone;
    QTest::newRow("once without at")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "once"}})") << 1
        << u"schedule.at"_s << u"missing; "_s + zone;
    QTest::newRow("once at local time") << QByteArray(
        R"({"interval": null, "schedule": {"kind": "once", "at": "2026-12-01T00:00"}})")
                                        << 1 << u"schedule.at"_s << zone;
    QTest::newRow("once with seconds")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "once", "seconds": 5,)"
                      R"( "at": "2026-12-01T00:00:00Z"}})")
        << 1 << u"schedule.seconds"_s
        << uR"(not used when kind is "once", which takes: kind, at, jitter)"_s;
    QTest::newRow("manual with at")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "manual",)"
                      R"( "at": "2026-12-01T00:00:00Z"}})")
        << 1 << u"schedule.at"_s << uR"(not used when kind is "manual")"_s;
    QTest::newRow("interval with at")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "interval", "seconds": 5,)"
                      R"( "at": "2026-12-01T00:00:00Z"}})")
        << 1 << u"schedule.at"_s << uR"(not used when kind is "interval")"_s;
    QTest::newRow("short unknown key")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "once", "a": 1,)"
                      R"( "at": "2026-12-01T00:00:00Z"}})")
        << 1 << u"schedule.a"_s << uR"(unknown key; did you mean "at"?)"_s;
    QTest::newRow("short unknown key too far to guess")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "once", "x": 1,)"
                      R"( "at": "2026-12-01T00:00:00Z"}})")
        << 1 << u"schedule.x"_s << u"unknown key; the known keys are: kind, at"_s;
    QTest::newRow("manual with unknown key")
        << QByteArray(R"({"interval": null, "schedule": {"kind": "manual", "cron": "* * * * *"}})")
        << 1 << u"schedule.cron"_s << u"unknown key; the known keys are: kind"_s;
}

void TestAgentSpec::rejectsBadSchedules()
{
    QFETCH(QByteArray, patch);
    QFETCH(int, errorCount);
    QFETCH(QString, path);
    QFETCH(QString, message);

    const ConfigParseResult result = parseAgentSpec(agentWith(patch));
    QVERIFY(result.agents.isEmpty());
    QVERIFY2(result.errors.size() == errorCount, qPrintable(describe(result.errors)));
    const auto match
        = std::find_if(result.errors.cbegin(), result.errors.cend(), [&](const auto &e) {
              return e.path == path && e.message.contains(message);
          });
    QVERIFY2(match != result.errors.cend(), qPrintable(describe(result.errors)));
}

void TestAgentSpec::refusesLargeAndUnreadableFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const QString &name, const QByteArray &content) {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    };

    // Whitespace padding keeps the JSON valid, so only the size decides.
    QByteArray atLimit = SeedConfig;
    atLimit.append(MaxConfigFileBytes - atLimit.size(), ' ');
    const ConfigParseResult fits = parseAgentConfigFile(write(u"limit.json"_s, atLimit));
    QVERIFY2(fits.ok(), qPrintable(describe(fits.errors)));
    QCOMPARE(fits.agents.size(), 1);

    const QString largePath = write(u"large.json"_s, atLimit + ' ');
    const ConfigParseResult tooLarge = parseAgentConfigFile(largePath);
    QVERIFY(tooLarge.agents.isEmpty());
    QCOMPARE(tooLarge.errors.size(), 1);
    const QString message = tooLarge.errors.first().toString();
    QVERIFY2(message.contains(largePath), qPrintable(message));
    QVERIFY2(message.contains(u"1048576"_s), qPrintable(message));

    const QString missingPath = dir.filePath(u"missing.json"_s);
    const ConfigParseResult missing = parseAgentConfigFile(missingPath);
    QCOMPARE(missing.errors.size(), 1);
    QVERIFY2(missing.errors.first().toString().contains(missingPath),
             qPrintable(missing.errors.first().toString()));

    const ConfigParseResult directory = parseAgentConfigFile(dir.path());
    QCOMPARE(directory.errors.size(), 1);
    QVERIFY2(directory.errors.first().toString().contains(dir.path()),
             qPrintable(directory.errors.first().toString()));

    const ConfigParseResult broken
        = parseAgentConfigFile(write(u"broken.json"_s, "{\n  \"a\": \n"));
    QCOMPARE(broken.errors.size(), 1);
    QVERIFY2(broken.errors.first().message.contains(u"line 3, column 1"_s),
             qPrintable(broken.errors.first().toString()));
}

void TestAgentSpec::reportsInvalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("bad literal") << QByteArray(R"({"interval": tru})")
                                 << u"invalid JSON at line 1, column 17: "_s;
    QTest::newRow("third line") << QByteArray("{\n  \"agent_id\": \"x\",\n  \"interval\": 3O0\n}")
                                << u"invalid JSON at line 3, column 16: "_s;
    QTest::newRow("trailing comma")
        << QByteArray("{\n  \"a\": 1,\n}") << u"invalid JSON at line 3, column 1: "_s;
    QTest::newRow("empty") << QByteArray() << u"invalid JSON at line 1, column 1: "_s;
    QTest::newRow("unterminated") << QByteArray("[\n{\n")
                                  << u"invalid JSON at line 3, column 1: "_s;
    QTest::newRow("columns count characters")
        << QByteArray("{\"caf\xc3\xa9\": 1, x}") << u"invalid JSON at line 1, column 13: "_s;
    QTest::newRow("explains the problem") << QByteArray("{\"a\" 1}") << u"expected ':'"_s;
    QTest::newRow("comments are not JSON")
        << QByteArray("// agents\n[]") << u"invalid JSON at line 1, column "_s;
    QTest::newRow("number overflow")
        << QByteArray("[1e999]") << u"invalid JSON: number overflow parsing '1e999'"_s;
    QTest::newRow("too deep") << QByteArray(100, '[') + QByteArray(100, ']')
                              << u"invalid JSON: nested deeper than 64 levels"_s;
    QTest::newRow("very deep") << QByteArray(500'000, '[') + QByteArray(500'000, ']')
                               << u"invalid JSON: nested deeper than 64 levels"_s;
}

void TestAgentSpec::reportsInvalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    const ConfigParseResult result = parseAgentConfigs(json);
    QVERIFY(result.agents.isEmpty());
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().path, QString());
    QVERIFY2(result.errors.first().message.startsWith(message)
                 || result.errors.first().message.contains(message),
             qPrintable(result.errors.first().message));
}

void TestAgentSpec::rejectsNonObjectAgents()
{
    const ConfigParseResult bare = parseAgentSpec(Json(5));
    QCOMPARE(bare.errors.size(), 1);
    QCOMPARE(bare.errors.first().toString(), u"agent: expected an object, got 5"_s);

    const ConfigParseResult prefixed = parseAgentSpec(Json::array({1, 2}), u"agents[4]"_s);
    QCOMPARE(prefixed.errors.size(), 1);
    QCOMPARE(prefixed.errors.first().toString(), u"agents[4]: expected an object, got [1,2]"_s);

    const ConfigParseResult valid = parseAgentSpec(agentWith("{}"), u"agents[4]"_s);
    QVERIFY2(valid.ok(), qPrintable(describe(valid.errors)));
    QCOMPARE(valid.agents.size(), 1);
}

void TestAgentSpec::writesCanonicalJson()
{
    AgentSpec spec = minimalSpec();
    spec.revision = 7;
    const Json json = spec.toJson();
    QVERIFY(!json.contains("revision"));
    QVERIFY(!json.contains("schedule"));
    QVERIFY(json["interval"].is_number_integer());
    QCOMPARE(json["interval"].get<int>(), 300);
    QVERIFY(json["task_config"]["retry_delay"].is_number_integer());
    QVERIFY(!json["model_config"].contains("base_url"));
    QVERIFY(!json["model_config"].contains("temperature"));
    QVERIFY(!json["model_config"].contains("max_tokens"));
    QVERIFY(!json["model_config"].contains("top_p"));
    for (const char *key : {"max_retries",
                            "retry_delay",
                            "retry_backoff",
                            "retry_delay_max",
                            "timeout",
                            "session_id",
                            "tool_arguments"})
        QVERIFY2(json["task_config"].contains(key), key);
    for (const char *key : {"tool_call_timeout",
                            "max_steps",
                            "request_limit",
                            "total_tokens_limit",
                            "memory_config",
                            "allowed_paths"})
        QVERIFY2(json["agent_config"].contains(key), key);
    QCOMPARE(dumped(json["agent_config"]["memory_config"]),
             uR"({"mode":"sliding_window","value":20})"_s);
    QCOMPARE(dumped(json["agent_config"]["allowed_paths"]), u"[]"_s);
    QVERIFY(!json["model_config"].contains("api_key"));

    spec.schedule.intervalMs = 1'500;
    spec.task.timeoutMs = 250;
    const Json fractional = spec.toJson();
    QVERIFY(fractional["interval"].is_number_float());
    QCOMPARE(fractional["interval"].get<double>(), 1.5);
    QCOMPARE(fractional["task_config"]["timeout"].get<double>(), 0.25);

    spec.schedule.anchorMs = Nov24At9Utc;
    const Json anchored = spec.toJson();
    QVERIFY(!anchored.contains("interval"));
    QCOMPARE(dumped(anchored["schedule"]),
             uR"({"anchor":"2026-11-24T09:00:00.000Z","kind":"interval","seconds":1.5})"_s);

    const ConfigParseResult reread = parseAgentSpec(spec.toJson());
    QVERIFY2(reread.ok(), qPrintable(describe(reread.errors)));
    spec.revision = 0;
    QVERIFY(reread.agents.first() == spec);
}

void TestAgentSpec::roundTrips_data()
{
    QTest::addColumn<AgentSpec>("spec");

    QTest::newRow("minimal") << minimalSpec();
    QTest::newRow("seed") << parseAgentConfigs(SeedConfig).agents.value(0);

    AgentSpec full = minimalSpec();
    full.agentId = u"full.spec-1"_s;
    full.systemInstruction = u"Report in one line.\nNo emoji: ✓"_s;
    full.model = {u"ollama"_s,
                  u"llama3.1:8b"_s,
                  u"http://localhost:11434/v1"_s,
                  0.3,
                  512,
                  0.9,
                  u"OLLAMA_PROXY_KEY"_s};
    full.schedule.intervalMs = 90'500;
    full.schedule.anchorMs = Nov24At9Utc + 123;
    full.task.query = u"Summarise the log."_s;
    full.task.maxRetries = 0;
    full.task.retryDelayMs = 1'500;
    full.task.retryBackoff = TaskConfig::Backoff::Exponential;
    full.task.retryDelayMaxMs = 600'000;
    full.task.timeoutMs = 45'250;
    full.task.sessionId = u"session-9"_s;
    full.task.toolArguments = Json::parse(R"({"system_info": {"detail": "full", "limit": 3}})");
    full.limits = {250, 40, 100, 2'000'000};
    full.memory = {MemoryConfig::Mode::TokenBudget, 12'000};
    full.allowedPaths = {u"/srv/reports"_s, u"/home/me/notes"_s};
    full.tools = {u"system_info"_s, u"web_search"_s};
    QTest::newRow("every field") << full;

    AgentSpec once = minimalSpec();
    once.schedule = {};
    once.schedule.kind = Schedule::Kind::Once;
    once.schedule.atMs = Dec1AtMidnightUtc;
    once.task.retryDelayMs = 0;
    QTest::newRow("once") << once;

    AgentSpec cron = minimalSpec();
    cron.schedule = {};
    cron.schedule.kind = Schedule::Kind::Cron;
    cron.schedule.cron = u"0 9 * * mon-fri"_s;
    cron.schedule.timeZone = u"Europe/Berlin"_s;
    cron.schedule.startAtMs = Nov24At9Utc;
    cron.schedule.endAtMs = Dec1AtMidnightUtc;
    cron.schedule.maxRuns = 20;
    cron.schedule.jitterMs = 30'000;
    cron.policies = {RunPolicies::Misfire::RunAll, 120'000, 4, RunPolicies::Overlap::Allow, 3, 0};
    cron.budget = {100'000, 2'000'000, 0.5, 12.25, Budget::Action::Pause};
    QTest::newRow("cron with policies and budget") << cron;

    AgentSpec bounded = minimalSpec();
    bounded.schedule.maxRuns = 3;
    bounded.policies.overlap = RunPolicies::Overlap::QueueOne;
    QTest::newRow("bounded interval") << bounded;

    AgentSpec manual = minimalSpec();
    manual.model
        = {u"none"_s, QString(), QString(), std::nullopt, std::nullopt, std::nullopt, QString()};
    manual.schedule = Schedule{};
    manual.task.query.clear();
    QTest::newRow("manual without a model") << manual;

    AgentSpec longDelay = minimalSpec();
    longDelay.task.retryDelayMs = 7'200'000;
    longDelay.task.retryDelayMaxMs = 7'200'000;
    QTest::newRow("retry delay above the default cap") << longDelay;
}

void TestAgentSpec::roundTrips()
{
    QFETCH(AgentSpec, spec);
    QVERIFY(!spec.agentId.isEmpty());

    const QByteArray text = bytes(spec.toJson());
    const ConfigParseResult result = parseAgentConfigs(text);
    QVERIFY2(result.ok(), qPrintable(describe(result.errors)));
    QCOMPARE(result.agents.size(), 1);
    const AgentSpec &reread = result.agents.first();
    QCOMPARE(dumped(reread.toJson()), dumped(spec.toJson()));
    QVERIFY(reread == spec);
}

void TestAgentSpec::computesRetryDelays_data()
{
    QTest::addColumn<TaskConfig::Backoff>("backoff");
    QTest::addColumn<qint64>("delayMs");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<int>("retry");
    QTest::addColumn<qint64>("expected");

    constexpr auto fixed = TaskConfig::Backoff::Fixed;
    constexpr auto exponential = TaskConfig::Backoff::Exponential;
    constexpr qint64 maxMs = std::numeric_limits<qint64>::max();
    constexpr int maxRetry = std::numeric_limits<int>::max();

    QTest::newRow("fixed first") << fixed << qint64(60'000) << qint64(3'600'000) << 1
                                 << qint64(60'000);
    QTest::newRow("fixed tenth") << fixed << qint64(60'000) << qint64(3'600'000) << 10
                                 << qint64(60'000);
    QTest::newRow("fixed ignores the cap")
        << fixed << qint64(60'000) << qint64(1'000) << 5 << qint64(60'000);
    QTest::newRow("exponential first")
        << exponential << qint64(60'000) << qint64(3'600'000) << 1 << qint64(60'000);
    QTest::newRow("exponential second")
        << exponential << qint64(60'000) << qint64(3'600'000) << 2 << qint64(120'000);
    QTest::newRow("exponential third")
        << exponential << qint64(60'000) << qint64(3'600'000) << 3 << qint64(240'000);
    QTest::newRow("exponential below the cap")
        << exponential << qint64(60'000) << qint64(3'600'000) << 6 << qint64(1'920'000);
    QTest::newRow("exponential capped")
        << exponential << qint64(60'000) << qint64(3'600'000) << 7 << qint64(3'600'000);
    QTest::newRow("exactly the cap")
        << exponential << qint64(1'000) << qint64(8'000) << 4 << qint64(8'000);
    QTest::newRow("huge retry number")
        << exponential << qint64(60'000) << qint64(3'600'000) << maxRetry << qint64(3'600'000);
    QTest::newRow("2^62 fits") << exponential << qint64(1) << maxMs << 63 << (qint64(1) << 62);
    QTest::newRow("2^63 overflows") << exponential << qint64(1) << maxMs << 64 << maxMs;
    QTest::newRow("large base near overflow")
        << exponential << maxMs / 2 + 1 << maxMs << 2 << maxMs;
    QTest::newRow("zero delay") << exponential << qint64(0) << qint64(3'600'000) << maxRetry
                                << qint64(0);
    QTest::newRow("retry 0 counts as the first")
        << exponential << qint64(5'000) << qint64(3'600'000) << 0 << qint64(5'000);
    QTest::newRow("cap below the base")
        << exponential << qint64(5'000) << qint64(1'000) << 1 << qint64(1'000);
}

void TestAgentSpec::computesRetryDelays()
{
    QFETCH(TaskConfig::Backoff, backoff);
    QFETCH(qint64, delayMs);
    QFETCH(qint64, maxMs);
    QFETCH(int, retry);
    QFETCH(qint64, expected);

    TaskConfig task;
    task.retryBackoff = backoff;
    task.retryDelayMs = delayMs;
    task.retryDelayMaxMs = maxMs;
    QCOMPARE(task.retryDelayFor(retry), expected);
}

void TestAgentSpec::formatsErrors()
{
    QCOMPARE((ConfigError{QString(), u"invalid JSON"_s}.toString()), u"invalid JSON"_s);
    QCOMPARE((ConfigError{u"agents[2].task_config.max_retries"_s,
                          u"expected a whole number >= 0, got \"three\""_s}
                  .toString()),
             u"agents[2].task_config.max_retries: expected a whole number >= 0, got \"three\""_s);

    const Json agent = agentWith(R"({"task_config": {"max_retries": "three"}})");
    const ConfigParseResult result
        = parseAgentConfigs("[" + bytes(agentWith(R"({"agent_id": "a"})")) + ","
                            + bytes(agentWith(R"({"agent_id": "b"})")) + "," + bytes(agent) + "]");
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().toString(),
             u"agents[2].task_config.max_retries: expected a whole number >= 0, got \"three\""_s);
}

QTEST_GUILESS_MAIN(TestAgentSpec)

#include "tst_agentspec.moc"
