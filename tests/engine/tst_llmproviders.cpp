#include "geminicodec.h"
#include "llmbench.h"

#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

// Each provider's wire format, end to end through LlmClient and a fake server that checks
// every request against the provider's API reference and answers as the reference shows.
class TestLlmProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openAiToolRoundTrip();
    void anthropicToolRoundTrip();
    void geminiToolRoundTrip();
    void presetsReachTheirServers_data();
    void presetsReachTheirServers();
    void rejectedKeysSayWhatToFix_data();
    void rejectedKeysSayWhatToFix();
    void oddButDocumentedRepliesAreRead_data();
    void oddButDocumentedRepliesAreRead();
    void repliesOfTheWrongShapeAreErrors_data();
    void repliesOfTheWrongShapeAreErrors();
    void theServerCatchesWireMistakes_data();
    void theServerCatchesWireMistakes();
};

namespace {

const QString Key = u"sk-test-3f9a0c2e7b1d4a6f"_s;

QByteArray keyBytes()
{
    return Key.toUtf8();
}

// The follow-up to a reply with two calls: the first answered, the second refused.
void answerTwoCalls(ChatRequest &request, const ChatReply &reply)
{
    request.messages.append(reply.toMessage());
    request.messages.append(
        ChatMessage::toolResult(reply.toolCalls.at(0), Json{{"disk_used_percent", 93}}));
    request.messages.append(
        ChatMessage::toolError(reply.toolCalls.at(1), u"http_fetch is not allowed here"_s));
}

} // namespace

void TestLlmProviders::openAiToolRoundTrip()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        openai::toolCallsReply(
            {{"call_disk", "system_info", Json{{"section", "disk"}}},
             {"call_feed", "http_fetch", Json{{"url", "https://example.com/rss"}}}},
            82,
            17)));
    const LlmEndpoint endpoint = bench.endpoint(u"openai"_s, u"/v1"_s);
    ChatRequest request = simpleRequest(u"gpt-4o-mini"_s, sampleTools());
    request.temperature = 0.2;
    request.topP = 0.9;
    request.maxTokens = 500;
    const auto first = bench.send(endpoint, request, Key);
    QTRY_VERIFY(first->isDone());
    QVERIFY2(first->succeeded(), qPrintable(first->error()));

    const FakeHttpRequest &sent = bench.server.requests().at(0);
    Problems problems = openai::checkRequest(sent, u"/v1/chat/completions"_s, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(dumped(sent.json["model"]), uR"("gpt-4o-mini")"_s);
    QCOMPARE(dumped(sent.json["messages"]),
             uR"([{"content":"You watch over servers.","role":"system"},)"
             uR"({"content":"How is the disk?","role":"user"}])"_s);
    QCOMPARE(sent.json["tools"].size(), std::size_t(2));
    QCOMPARE(dumped(sent.json["tools"][0]["function"]["name"]), uR"("system_info")"_s);
    QCOMPARE(dumped(sent.json["tools"][0]["function"]["description"]),
             uR"("CPU, memory and disk use.")"_s);
    QCOMPARE(dumped(sent.json["tools"][0]["function"]["parameters"]),
             dumped(sampleTools().at(0).parameters));
    QCOMPARE(sent.json["temperature"].get<double>(), 0.2);
    QCOMPARE(sent.json["top_p"].get<double>(), 0.9);
    // OpenAI deprecated max_tokens for max_completion_tokens.
    QCOMPARE(sent.json["max_completion_tokens"].get<int>(), 500);
    QVERIFY(!sent.json.contains("max_tokens"));

    const ChatReply &reply = first->reply();
    QVERIFY(reply.text.isEmpty());
    QCOMPARE(reply.toolCalls.size(), 2);
    QCOMPARE(reply.toolCalls.at(0).id, u"call_disk"_s);
    QCOMPARE(reply.toolCalls.at(0).name, u"system_info"_s);
    QCOMPARE(dumped(reply.toolCalls.at(0).arguments), uR"({"section":"disk"})"_s);
    QVERIFY(reply.toolCalls.at(0).argumentsError.isEmpty());
    QCOMPARE(reply.toolCalls.at(1).id, u"call_feed"_s);
    QCOMPARE(dumped(reply.toolCalls.at(1).arguments), uR"({"url":"https://example.com/rss"})"_s);
    QCOMPARE(reply.finishReason, FinishReason::ToolCalls);
    QCOMPARE(reply.rawFinishReason, u"tool_calls"_s);
    QCOMPARE(reply.usage.inputTokens, 82);
    QCOMPARE(reply.usage.outputTokens, 17);
    QCOMPARE(reply.usage.requests, 1);
    QCOMPARE(reply.tries, 1);
    QCOMPARE(first->tries.size(), 1);
    QCOMPARE(first->tries.at(0).httpStatus, 200);

    answerTwoCalls(request, reply);
    bench.server.enqueue(
        FakeHttpResponse::json(200, openai::textReply("The disk is 93% full.", 140, 9)));
    const auto second = bench.send(endpoint, request, Key);
    QTRY_VERIFY(second->isDone());
    QVERIFY2(second->succeeded(), qPrintable(second->error()));

    const FakeHttpRequest &followUp = bench.server.requests().at(1);
    problems = openai::checkRequest(followUp, u"/v1/chat/completions"_s, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const Json &messages = followUp.json["messages"];
    QCOMPARE(messages.size(), std::size_t(5));
    QCOMPARE(dumped(messages[2]["role"]), uR"("assistant")"_s);
    QVERIFY(messages[2]["content"].is_null());
    QCOMPARE(dumped(messages[2]["tool_calls"][0]["id"]), uR"("call_disk")"_s);
    QCOMPARE(dumped(messages[2]["tool_calls"][0]["function"]["name"]), uR"("system_info")"_s);
    QVERIFY(messages[2]["tool_calls"][0]["function"]["arguments"].is_string());
    QCOMPARE(dumped(Json::parse(
                 messages[2]["tool_calls"][0]["function"]["arguments"].get<std::string>())),
             uR"({"section":"disk"})"_s);
    QCOMPARE(
        dumped(messages[3]),
        uR"({"content":"{\"disk_used_percent\":93}","role":"tool","tool_call_id":"call_disk"})"_s);
    QCOMPARE(dumped(messages[4]["tool_call_id"]), uR"("call_feed")"_s);
    QCOMPARE(dumped(Json::parse(messages[4]["content"].get<std::string>())),
             uR"({"error":"http_fetch is not allowed here"})"_s);

    const ChatReply &answer = second->reply();
    QCOMPARE(answer.text, u"The disk is 93% full."_s);
    QVERIFY(answer.toolCalls.isEmpty());
    QCOMPARE(answer.finishReason, FinishReason::Stop);
    QCOMPARE(answer.usage.inputTokens, 140);
    QCOMPARE(answer.usage.outputTokens, 9);
}

void TestLlmProviders::anthropicToolRoundTrip()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        anthropic::message(
            Json::array({anthropic::textBlock("I'll check the disk and the feed."),
                         anthropic::toolUse("toolu_01A09q90qw90lq917835lq9",
                                            "system_info",
                                            Json{{"section", "disk"}}),
                         anthropic::toolUse("toolu_01B7cf2kd9s8e7f6g5h4j3k2",
                                            "http_fetch",
                                            Json{{"url", "https://example.com/rss"}})}),
            "tool_use",
            471,
            96)));
    const LlmEndpoint endpoint = bench.endpoint(u"anthropic"_s, u"/v1"_s);
    ChatRequest request = simpleRequest(u"claude-sonnet-4-20250514"_s, sampleTools());
    request.temperature = 0.5;
    const auto first = bench.send(endpoint, request, Key);
    QTRY_VERIFY(first->isDone());
    QVERIFY2(first->succeeded(), qPrintable(first->error()));

    const FakeHttpRequest &sent = bench.server.requests().at(0);
    Problems problems = anthropic::checkRequest(sent, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(dumped(sent.json["system"]), uR"("You watch over servers.")"_s);
    QCOMPARE(dumped(sent.json["messages"]), uR"([{"content":"How is the disk?","role":"user"}])"_s);
    // max_tokens is required; the agent set none.
    QCOMPARE(sent.json["max_tokens"].get<int>(), 4096);
    QCOMPARE(sent.json["temperature"].get<double>(), 0.5);
    QCOMPARE(dumped(sent.json["tools"][1]),
             uR"({"description":"Fetches a URL.","input_schema":)"_s
                 + dumped(sampleTools().at(1).parameters) + uR"(,"name":"http_fetch"})"_s);

    const ChatReply &reply = first->reply();
    QCOMPARE(reply.text, u"I'll check the disk and the feed."_s);
    QCOMPARE(reply.toolCalls.size(), 2);
    QCOMPARE(reply.toolCalls.at(0).id, u"toolu_01A09q90qw90lq917835lq9"_s);
    QCOMPARE(reply.toolCalls.at(0).name, u"system_info"_s);
    QCOMPARE(dumped(reply.toolCalls.at(0).arguments), uR"({"section":"disk"})"_s);
    QCOMPARE(reply.toolCalls.at(1).id, u"toolu_01B7cf2kd9s8e7f6g5h4j3k2"_s);
    QCOMPARE(reply.finishReason, FinishReason::ToolCalls);
    QCOMPARE(reply.rawFinishReason, u"tool_use"_s);
    QCOMPARE(reply.usage.inputTokens, 471);
    QCOMPARE(reply.usage.outputTokens, 96);

    answerTwoCalls(request, reply);
    request.maxTokens = 1024;
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        anthropic::message(
            Json::array({anthropic::textBlock("The disk is 93% full.")}), "end_turn", 612, 12)));
    const auto second = bench.send(endpoint, request, Key);
    QTRY_VERIFY(second->isDone());
    QVERIFY2(second->succeeded(), qPrintable(second->error()));

    const FakeHttpRequest &followUp = bench.server.requests().at(1);
    problems = anthropic::checkRequest(followUp, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(followUp.json["max_tokens"].get<int>(), 1024);
    const Json &messages = followUp.json["messages"];
    QCOMPARE(messages.size(), std::size_t(3));
    QCOMPARE(
        dumped(messages[1]),
        uR"({"content":[{"text":"I'll check the disk and the feed.","type":"text"},)"
        uR"({"id":"toolu_01A09q90qw90lq917835lq9","input":{"section":"disk"},"name":"system_info","type":"tool_use"},)"
        uR"({"id":"toolu_01B7cf2kd9s8e7f6g5h4j3k2","input":{"url":"https://example.com/rss"},"name":"http_fetch","type":"tool_use"}],)"
        uR"("role":"assistant"})"_s);
    // Both results in one user message, the refusal flagged is_error.
    QCOMPARE(
        dumped(messages[2]),
        uR"({"content":[{"content":"{\"disk_used_percent\":93}","tool_use_id":"toolu_01A09q90qw90lq917835lq9","type":"tool_result"},)"
        uR"({"content":"http_fetch is not allowed here","is_error":true,"tool_use_id":"toolu_01B7cf2kd9s8e7f6g5h4j3k2","type":"tool_result"}],)"
        uR"("role":"user"})"_s);

    const ChatReply &answer = second->reply();
    QCOMPARE(answer.text, u"The disk is 93% full."_s);
    QCOMPARE(answer.finishReason, FinishReason::Stop);
    QCOMPARE(answer.rawFinishReason, u"end_turn"_s);
    QCOMPARE(answer.usage.inputTokens, 612);
    QCOMPARE(answer.usage.outputTokens, 12);
}

void TestLlmProviders::geminiToolRoundTrip()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        gemini::response(
            Json::array(
                {gemini::functionCallPart(
                     "system_info", Json{{"section", "disk"}}, "CiQBcsjafDm2+signature=="),
                 gemini::functionCallPart("http_fetch", Json{{"url", "https://example.com/rss"}})}),
            "STOP",
            120,
            31)));
    const LlmEndpoint endpoint = bench.endpoint(u"gemini"_s, u"/v1beta"_s);
    ChatRequest request = simpleRequest(u"gemini-2.0-flash"_s, sampleTools());
    request.temperature = 0.7;
    request.topP = 0.95;
    request.maxTokens = 800;
    const auto first = bench.send(endpoint, request, Key);
    QTRY_VERIFY(first->isDone());
    QVERIFY2(first->succeeded(), qPrintable(first->error()));

    const FakeHttpRequest &sent = bench.server.requests().at(0);
    Problems problems = gemini::checkRequest(sent, u"gemini-2.0-flash"_s, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QVERIFY(!sent.target.contains(keyBytes()));
    QCOMPARE(dumped(sent.json["systemInstruction"]),
             uR"({"parts":[{"text":"You watch over servers."}]})"_s);
    QCOMPARE(dumped(sent.json["contents"]),
             uR"([{"parts":[{"text":"How is the disk?"}],"role":"user"}])"_s);
    QCOMPARE(dumped(sent.json["generationConfig"]),
             uR"({"maxOutputTokens":800,"temperature":0.7,"topP":0.95})"_s);
    const Json &declaration = sent.json["tools"][0]["functionDeclarations"][0];
    QCOMPARE(dumped(declaration["name"]), uR"("system_info")"_s);
    QCOMPARE(dumped(declaration["parametersJsonSchema"]), dumped(sampleTools().at(0).parameters));

    const ChatReply &reply = first->reply();
    QCOMPARE(reply.toolCalls.size(), 2);
    QCOMPARE(reply.toolCalls.at(0).name, u"system_info"_s);
    QCOMPARE(dumped(reply.toolCalls.at(0).arguments), uR"({"section":"disk"})"_s);
    QCOMPARE(reply.toolCalls.at(0).signature, u"CiQBcsjafDm2+signature=="_s);
    QVERIFY(reply.toolCalls.at(1).signature.isEmpty());
    // Gemini gave no ids: distinct ones are made up for the results to refer to.
    QVERIFY(reply.toolCalls.at(0).id.startsWith(QLatin1String(GeminiCodec::MadeUpIdPrefix)));
    QVERIFY(reply.toolCalls.at(0).id != reply.toolCalls.at(1).id);
    // STOP with calls is still a request for tools.
    QCOMPARE(reply.finishReason, FinishReason::ToolCalls);
    QCOMPARE(reply.rawFinishReason, u"STOP"_s);
    QCOMPARE(reply.usage.inputTokens, 120);
    QCOMPARE(reply.usage.outputTokens, 31);

    answerTwoCalls(request, reply);
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        gemini::response(
            Json::array({gemini::textPart("The disk is 93% full.")}), "STOP", 188, 8)));
    const auto second = bench.send(endpoint, request, Key);
    QTRY_VERIFY(second->isDone());
    QVERIFY2(second->succeeded(), qPrintable(second->error()));

    const FakeHttpRequest &followUp = bench.server.requests().at(1);
    problems = gemini::checkRequest(followUp, u"gemini-2.0-flash"_s, keyBytes());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    const Json &contents = followUp.json["contents"];
    QCOMPARE(contents.size(), std::size_t(3));
    // The signature goes back beside its call; made-up ids do not go back at all.
    QCOMPARE(dumped(contents[1]),
             uR"({"parts":[{"functionCall":{"args":{"section":"disk"},"name":"system_info"},)"
             uR"("thoughtSignature":"CiQBcsjafDm2+signature=="},)"
             uR"({"functionCall":{"args":{"url":"https://example.com/rss"},"name":"http_fetch"}}],)"
             uR"("role":"model"})"_s);
    QCOMPARE(
        dumped(contents[2]),
        uR"({"parts":[{"functionResponse":{"name":"system_info","response":{"disk_used_percent":93}}},)"
        uR"({"functionResponse":{"name":"http_fetch","response":{"error":"http_fetch is not allowed here"}}}],)"
        uR"("role":"user"})"_s);

    const ChatReply &answer = second->reply();
    QCOMPARE(answer.text, u"The disk is 93% full."_s);
    QCOMPARE(answer.finishReason, FinishReason::Stop);
    QCOMPARE(answer.usage.inputTokens, 188);
    QCOMPARE(answer.usage.outputTokens, 8);
}

void TestLlmProviders::presetsReachTheirServers_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expectedTarget");
    QTest::addColumn<QByteArray>("authHeader");
    QTest::addColumn<QString>("maxTokensField");
    for (const char *id : {"groq", "deepseek", "mistral", "openrouter", "together"})
        QTest::newRow(id) << QString::fromLatin1(id) << u"/v1"_s << Key << u"/v1/chat/completions"_s
                          << QByteArray("authorization") << u"max_tokens"_s;
    for (const char *id : {"ollama", "lmstudio", "vllm", "llamacpp"})
        QTest::newRow(id) << QString::fromLatin1(id) << u"/v1"_s << QString()
                          << u"/v1/chat/completions"_s << QByteArray("authorization")
                          << u"max_tokens"_s;
    QTest::newRow("vllm with a key") << u"vllm"_s << u"/v1"_s << Key << u"/v1/chat/completions"_s
                                     << QByteArray("authorization") << u"max_tokens"_s;
    QTest::newRow("azure")
        << u"azure"_s << QString() << Key
        << u"/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21"_s
        << QByteArray("api-key") << u"max_tokens"_s;
    QTest::newRow("azure with its own api-version")
        << u"azure"_s << u"?api-version=2025-01-01-preview"_s << Key
        << u"/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-01-01-preview"_s
        << QByteArray("api-key") << u"max_tokens"_s;
}

void TestLlmProviders::presetsReachTheirServers()
{
    QFETCH(QString, provider);
    QFETCH(QString, basePath);
    QFETCH(QString, key);
    QFETCH(QString, expectedTarget);
    QFETCH(QByteArray, authHeader);
    QFETCH(QString, maxTokensField);
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::json(200, openai::textReply("fine", 10, 2)));
    ChatRequest request = simpleRequest(u"prod-gpt4o"_s);
    request.maxTokens = 64;
    const auto call = bench.send(bench.endpoint(provider, basePath), request, key);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().text, u"fine"_s);

    const FakeHttpRequest &sent = bench.server.requests().at(0);
    QCOMPARE(QString::fromUtf8(sent.target), expectedTarget);
    const Problems problems
        = openai::checkRequest(sent, expectedTarget.section(u'?', 0, 0), key.toUtf8(), authHeader);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.text()));
    QCOMPARE(sent.json[maxTokensField.toStdString()].get<int>(), 64);
    if (authHeader != "authorization")
        QVERIFY(!sent.hasHeader("authorization"));
}

void TestLlmProviders::rejectedKeysSayWhatToFix_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("providerSaid");
    const std::string masked = "sk-test-***************4a6f";
    QTest::newRow("openai")
        << u"openai"_s << u"/v1"_s << 401
        << QByteArray::fromStdString(
               openai::error("Incorrect API key provided: " + masked
                                 + ". You can find your API key at "
                                   "https://platform.openai.com/account/api-keys.",
                             "invalid_request_error",
                             "invalid_api_key")
                   .dump())
        << u"provider openai rejected the API key (401): set a key in Settings → Providers or "
           "OPENAI_API_KEY."_s
        << u"The provider said: Incorrect API key provided: [redacted] You can find"_s;
    QTest::newRow("anthropic")
        << u"anthropic"_s << u"/v1"_s << 401
        << QByteArray::fromStdString(
               anthropic::error("authentication_error", "invalid x-api-key").dump())
        << u"provider anthropic rejected the API key (401): set a key in Settings → Providers or "
           "ANTHROPIC_API_KEY."_s
        << u"The provider said: invalid x-api-key"_s;
    QTest::newRow("gemini answers 400")
        << u"gemini"_s << u"/v1beta"_s << 400
        << QByteArray::fromStdString(
               gemini::error(400,
                             "API key not valid. Please pass a valid API key.",
                             "INVALID_ARGUMENT",
                             "API_KEY_INVALID")
                   .dump())
        << u"provider gemini rejected the request (400): set a key in Settings → Providers or "
           "GEMINI_API_KEY."_s
        << u"The provider said: API key not valid."_s;
}

void TestLlmProviders::rejectedKeysSayWhatToFix()
{
    QFETCH(QString, provider);
    QFETCH(QString, basePath);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QFETCH(QString, providerSaid);
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::raw(status, body));
    const auto call
        = bench.send(bench.endpoint(provider, basePath), simpleRequest(u"some-model"_s), Key);
    QTRY_VERIFY(call->isDone());
    QVERIFY(!call->succeeded());
    QCOMPARE(call->errorCode(), ErrorCode::InvalidArgument);
    QVERIFY2(call->error().startsWith(expected), qPrintable(call->error()));
    QVERIFY2(call->error().contains(providerSaid), qPrintable(call->error()));
    QVERIFY(!call->error().contains(Key));
    // Not retried: one request, one try, nothing waiting.
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).httpStatus, status);
    QCOMPARE(call->tries.at(0).retryInMs, -1);
    QVERIFY(!call->tries.at(0).error.contains(Key));
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmProviders::oddButDocumentedRepliesAreRead_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("finish");
    QTest::addColumn<qint64>("inputTokens");
    QTest::addColumn<qint64>("outputTokens");
    QTest::addColumn<QString>("argumentsError");

    Json refusal = openai::textReply("", 5, 3);
    refusal["choices"][0]["message"]["content"] = nullptr;
    refusal["choices"][0]["message"]["refusal"] = "I can't help with that.";
    refusal["choices"][0]["finish_reason"] = "content_filter";
    QTest::newRow("openai refusal")
        << u"openai"_s << u"/v1"_s << QByteArray::fromStdString(refusal.dump())
        << u"I can't help with that."_s << int(FinishReason::ContentFilter) << qint64(5)
        << qint64(3) << QString();
    Json length = openai::textReply("The disk is", 5, 64);
    length["choices"][0]["finish_reason"] = "length";
    QTest::newRow("openai length")
        << u"openai"_s << u"/v1"_s << QByteArray::fromStdString(length.dump()) << u"The disk is"_s
        << int(FinishReason::Length) << qint64(5) << qint64(64) << QString();
    Json badArguments = openai::toolCallsReply({{"call_1", "system_info", Json::object()}}, 7, 4);
    badArguments["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
        = "{\"section\": \"disk\"";
    QTest::newRow("openai broken arguments")
        << u"ollama"_s << u"/v1"_s << QByteArray::fromStdString(badArguments.dump()) << QString()
        << int(FinishReason::ToolCalls) << qint64(7) << qint64(4)
        << u"the arguments are not a JSON object"_s;
    Json noUsage = openai::textReply("hi", 0, 0);
    noUsage.erase("usage");
    QTest::newRow("compatible server without usage")
        << u"llamacpp"_s << u"/v1"_s << QByteArray::fromStdString(noUsage.dump()) << u"hi"_s
        << int(FinishReason::Stop) << qint64(0) << qint64(0) << QString();

    Json cached = anthropic::message(
        Json::array({anthropic::textBlock("a"),
                     Json{{"type", "thinking"}, {"thinking", "hmm"}, {"signature", "x"}},
                     anthropic::textBlock("b")}),
        "max_tokens",
        10,
        20);
    cached["usage"]["cache_creation_input_tokens"] = 100;
    cached["usage"]["cache_read_input_tokens"] = 1000;
    QTest::newRow("anthropic cache and thinking")
        << u"anthropic"_s << u"/v1"_s << QByteArray::fromStdString(cached.dump()) << u"ab"_s
        << int(FinishReason::Length) << qint64(1110) << qint64(20) << QString();

    Json safety = gemini::response(Json::array(), "SAFETY", 9, 0);
    safety["candidates"][0].erase("content");
    QTest::newRow("gemini safety stop")
        << u"gemini"_s << u"/v1beta"_s << QByteArray::fromStdString(safety.dump()) << QString()
        << int(FinishReason::ContentFilter) << qint64(9) << qint64(0) << QString();
    Json thinking = gemini::response(
        Json::array({Json{{"text", "plan"}, {"thought", true}}, gemini::textPart("answer")}),
        "MAX_TOKENS",
        4,
        6);
    thinking["usageMetadata"]["thoughtsTokenCount"] = 50;
    QTest::newRow("gemini thoughts")
        << u"gemini"_s << u"/v1beta"_s << QByteArray::fromStdString(thinking.dump()) << u"answer"_s
        << int(FinishReason::Length) << qint64(4) << qint64(56) << QString();
}

void TestLlmProviders::oddButDocumentedRepliesAreRead()
{
    QFETCH(QString, provider);
    QFETCH(QString, basePath);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(int, finish);
    QFETCH(qint64, inputTokens);
    QFETCH(qint64, outputTokens);
    QFETCH(QString, argumentsError);
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::raw(200, body));
    const auto call
        = bench.send(bench.endpoint(provider, basePath), simpleRequest(u"gemini-2.0-flash"_s), Key);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    const ChatReply &reply = call->reply();
    QCOMPARE(reply.text, text);
    QCOMPARE(int(reply.finishReason), finish);
    QCOMPARE(reply.usage.inputTokens, inputTokens);
    QCOMPARE(reply.usage.outputTokens, outputTokens);
    if (!argumentsError.isEmpty()) {
        QCOMPARE(reply.toolCalls.size(), 1);
        QCOMPARE(reply.toolCalls.at(0).argumentsError, argumentsError);
        QCOMPARE(dumped(reply.toolCalls.at(0).arguments), uR"("{\"section\": \"disk\"")"_s);
    }
}

void TestLlmProviders::repliesOfTheWrongShapeAreErrors_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("openai without choices")
        << u"openai"_s << u"/v1"_s << QByteArray(R"({"id":"x","choices":[]})")
        << u"provider openai: the provider's reply is not a valid OpenAI chat completion "
           "response: it has no choices"_s;
    QTest::newRow("openai content not text")
        << u"openai"_s << u"/v1"_s
        << QByteArray(R"({"choices":[{"message":{"role":"assistant","content":42}}]})")
        << u"choices[0].message.content is not a string"_s;
    QTest::newRow("openai call without a name")
        << u"openai"_s << u"/v1"_s
        << QByteArray(
               R"({"choices":[{"message":{"content":null,"tool_calls":[{"id":"c","type":"function","function":{"arguments":"{}"}}]}}]})")
        << u"tool_calls[0].function.name is missing"_s;
    QTest::newRow("openai usage not a count")
        << u"openai"_s << u"/v1"_s
        << QByteArray(
               R"({"choices":[{"message":{"content":"hi"}}],"usage":{"prompt_tokens":"many"}})")
        << u"usage.prompt_tokens is not a count"_s;
    QTest::newRow("anthropic error type")
        << u"anthropic"_s << u"/v1"_s << QByteArray(R"({"type":"completion","completion":"hi"})")
        << u"its type is not \"message\""_s;
    QTest::newRow("anthropic tool_use without id")
        << u"anthropic"_s << u"/v1"_s
        << QByteArray(R"({"type":"message","content":[{"type":"tool_use","name":"t","input":{}}]})")
        << u"content[0] lacks an id or a name"_s;
    QTest::newRow("gemini without candidates")
        << u"gemini"_s << u"/v1beta"_s << QByteArray(R"({"usageMetadata":{}})")
        << u"it has no candidates"_s;
    QTest::newRow("gemini blocked prompt")
        << u"gemini"_s << u"/v1beta"_s
        << QByteArray(R"({"promptFeedback":{"blockReason":"SAFETY"}})")
        << u"gemini blocked the prompt (SAFETY)"_s;
    QTest::newRow("not JSON at all") << u"openai"_s << u"/v1"_s << QByteArray("<html>OK</html>")
                                     << u"15 bytes that are not complete JSON"_s;
    QTest::newRow("a JSON array") << u"anthropic"_s << u"/v1"_s << QByteArray("[]")
                                  << u"expected a JSON object"_s;
}

void TestLlmProviders::repliesOfTheWrongShapeAreErrors()
{
    QFETCH(QString, provider);
    QFETCH(QString, basePath);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::raw(200, body));
    const auto call = bench.send(bench.endpoint(provider, basePath), simpleRequest(u"m"_s), Key);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(!call->succeeded(), "a reply of the wrong shape passed as an answer");
    QVERIFY2(call->error().contains(expected), qPrintable(call->error()));
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmProviders::theServerCatchesWireMistakes_data()
{
    // The checks above are only worth something if the fake server notices a request that
    // strays from the reference: each row breaks one documented rule.
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");
    QTest::newRow("openai arguments as an object")
        << u"openai"_s << QByteArray("/v1/chat/completions")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"q"},)"
               R"({"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"t","arguments":{}}}]},)"
               R"({"role":"tool","tool_call_id":"c","content":"1"}]})")
        << u"messages[1].tool_calls[0].function.arguments: not a string holding a JSON object"_s;
    QTest::newRow("openai unanswered call")
        << u"openai"_s << QByteArray("/v1/chat/completions")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"q"},)"
               R"({"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"t","arguments":"{}"}}]},)"
               R"({"role":"user","content":"and?"}]})")
        << u"messages[2]: tool calls before it were not all answered"_s;
    QTest::newRow("openai result for no call")
        << u"openai"_s << QByteArray("/v1/chat/completions")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"tool","tool_call_id":"x","content":"1"}]})")
        << u"messages[0].tool_call_id: \"x\" answers no pending tool call"_s;
    QTest::newRow("openai misspelt field")
        << u"openai"_s << QByteArray("/v1/chat/completions")
        << QByteArray(R"({"model":"m","max_token":5,"messages":[{"role":"user","content":"q"}]})")
        << u"body: unknown field \"max_token\""_s;
    QTest::newRow("anthropic without max_tokens")
        << u"anthropic"_s << QByteArray("/v1/messages")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"q"}]})")
        << u"max_tokens: required, a positive integer"_s;
    QTest::newRow("anthropic system as a message")
        << u"anthropic"_s << QByteArray("/v1/messages")
        << QByteArray(
               R"({"model":"m","max_tokens":9,"messages":[{"role":"system","content":"s"},{"role":"user","content":"q"}]})")
        << u"messages[0].role: \"system\" where turns alternate"_s;
    QTest::newRow("anthropic result after text")
        << u"anthropic"_s << QByteArray("/v1/messages")
        << QByteArray(
               R"({"model":"m","max_tokens":9,"messages":[{"role":"user","content":"q"},)"
               R"({"role":"assistant","content":[{"type":"tool_use","id":"u","name":"t","input":{}}]},)"
               R"({"role":"user","content":[{"type":"text","text":"x"},{"type":"tool_result","tool_use_id":"u","content":"1"}]}]})")
        << u"messages[2].content[1]: tool_result blocks must come first"_s;
    QTest::newRow("gemini key in the query")
        << u"gemini"_s << QByteArray("/v1beta/models/m:generateContent?key=k")
        << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"q"}]}]})")
        << u"query: carries the key"_s;
    QTest::newRow("gemini response in a model turn")
        << u"gemini"_s << QByteArray("/v1beta/models/m:generateContent")
        << QByteArray(
               R"({"contents":[{"role":"model","parts":[{"functionResponse":{"name":"t","response":{}}}]}]})")
        << u"contents[0].parts[0]: a functionResponse outside a user turn"_s;
    QTest::newRow("gemini assistant role")
        << u"gemini"_s << QByteArray("/v1beta/models/m:generateContent")
        << QByteArray(R"({"contents":[{"role":"assistant","parts":[{"text":"q"}]}]})")
        << u"contents[0].role: \"assistant\" is neither user nor model"_s;
}

void TestLlmProviders::theServerCatchesWireMistakes()
{
    QFETCH(QString, dialect);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    FakeHttpRequest request;
    request.method = "POST";
    request.target = target;
    request.headers = {{"content-type", "application/json"},
                       {"authorization", "Bearer k"},
                       {"x-api-key", "k"},
                       {"anthropic-version", "2023-06-01"},
                       {"x-goog-api-key", "k"}};
    request.body = body;
    request.json = Json::parse(body.toStdString());
    const Problems problems
        = dialect == u"openai"_s ? openai::checkRequest(request, u"/v1/chat/completions"_s, "k")
          : dialect == u"anthropic"_s ? anthropic::checkRequest(request, "k")
                                      : gemini::checkRequest(request, u"m"_s, "k");
    QVERIFY2(problems.text().contains(problem), qPrintable(problems.text()));
}

QTEST_GUILESS_MAIN(TestLlmProviders)
#include "tst_llmproviders.moc"
