#include "agentspec.h"
#include "conversation.h"

#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

class TestConversation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRoleSurvivesJson();
    void jsonFormIsDocumented();
    void badJsonNamesTheField_data();
    void badJsonNamesTheField();
    void requestTakesTheModelConfig();
    void replyBecomesAnAssistantMessage();
};

namespace {

Conversation sampleConversation()
{
    ChatToolCall disk{u"call_1"_s, u"system_info"_s, Json{{"section", "disk"}}, {}, u"sig=="_s};
    ChatToolCall fetch{u"call_2"_s, u"http_fetch"_s, Json("{not json"), u"not an object"_s, {}};
    return {
        ChatMessage::system(u"Be brief."_s),
        ChatMessage::user(u"How is the disk? ünïcödé"_s),
        ChatMessage::assistant(u"Checking."_s, {disk, fetch}),
        ChatMessage::toolResult(disk, Json{{"used", 93}, {"nested", {1, 2, nullptr}}}),
        ChatMessage::toolError(fetch, u"tool http_fetch is not allowed"_s),
        ChatMessage::toolResult(disk, Json("plain text output")),
        ChatMessage::toolResult(disk, Json()),
        ChatMessage::assistant(u"93% used."_s),
    };
}

} // namespace

void TestConversation::everyRoleSurvivesJson()
{
    const Conversation conversation = sampleConversation();
    const Json json = conversationToJson(conversation);
    // Through text too, as memory stores it.
    const auto back = conversationFromJson(Json::parse(json.dump()));
    QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
    QCOMPARE(back->size(), conversation.size());
    for (qsizetype i = 0; i < conversation.size(); ++i)
        QVERIFY2(back->at(i) == conversation.at(i), qPrintable(u"message %1 differs"_s.arg(i)));
    QVERIFY(back->at(4).isToolError());
    QVERIFY(!back->at(3).isToolError());
    QVERIFY(back->at(6).result.is_null());
}

void TestConversation::jsonFormIsDocumented()
{
    const Json json = conversationToJson(sampleConversation());
    QCOMPARE(json[0].dump(), R"({"role":"system","text":"Be brief."})");
    QCOMPARE(
        json[2]["tool_calls"][0].dump(),
        R"({"arguments":{"section":"disk"},"id":"call_1","name":"system_info","signature":"sig=="})");
    QCOMPARE(json[2]["tool_calls"][1]["arguments_error"].dump(), R"("not an object")");
    QCOMPARE(
        json[3].dump(),
        R"({"name":"system_info","result":{"nested":[1,2,null],"used":93},"role":"tool","tool_call_id":"call_1"})");
    QCOMPARE(
        json[4].dump(),
        R"({"error":"tool http_fetch is not allowed","name":"http_fetch","role":"tool","tool_call_id":"call_2"})");
}

void TestConversation::badJsonNamesTheField_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an array") << R"({"role":"user"})"
                                  << "conversation: expected an array";
    QTest::newRow("not an object") << R"([1])"
                                   << "messages[0]: expected an object";
    QTest::newRow("unknown role") << R"([{"role":"robot","text":"x"}])"
                                  << "messages[0].role: expected one of system, user";
    QTest::newRow("text not a string") << R"([{"role":"user","text":"a"},{"role":"user","text":5}])"
                                       << "messages[1].text: expected a string";
    QTest::newRow("call without name")
        << R"([{"role":"assistant","text":"","tool_calls":[{"id":"c","arguments":{}}]}])"
        << "messages[0].tool_calls[0].name: expected a tool name";
    QTest::newRow("arguments not an object")
        << R"([{"role":"assistant","text":"","tool_calls":[{"id":"c","name":"t","arguments":[1]}]}])"
        << "messages[0].tool_calls[0].arguments: expected an object";
    QTest::newRow("tool without result") << R"([{"role":"tool","tool_call_id":"c","name":"t"}])"
                                         << "messages[0].result: expected the tool's output";
    QTest::newRow("tool without name") << R"([{"role":"tool","tool_call_id":"c","result":1}])"
                                       << "messages[0].name: expected the tool's name";
}

void TestConversation::badJsonNamesTheField()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    const auto parsed = conversationFromJson(Json::parse(json.toStdString()));
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(parsed.errorMessage().startsWith(message), qPrintable(parsed.errorMessage()));
}

void TestConversation::requestTakesTheModelConfig()
{
    ModelConfig config;
    config.provider = u"openai"_s;
    config.model = u"gpt-4o-mini"_s;
    config.temperature = 0.3;
    config.maxTokens = 700;
    const ChatRequest request = ChatRequest::forModel(config);
    QCOMPARE(request.model, u"gpt-4o-mini"_s);
    QCOMPARE(request.temperature, std::optional<double>(0.3));
    QCOMPARE(request.maxTokens, std::optional<qint64>(700));
    QVERIFY(!request.topP);
    QVERIFY(request.messages.isEmpty());
}

void TestConversation::replyBecomesAnAssistantMessage()
{
    ChatReply reply;
    reply.text = u"On it."_s;
    reply.toolCalls = {ChatToolCall{u"id"_s, u"t"_s, Json::object(), {}, {}}};
    const ChatMessage message = reply.toMessage();
    QCOMPARE(message.role, ChatRole::Assistant);
    QCOMPARE(message.text, reply.text);
    QVERIFY(message.toolCalls == reply.toolCalls);
    QCOMPARE(finishReasonName(FinishReason::ToolCalls), u"tool_calls"_s);
    QCOMPARE(roleName(ChatRole::Tool), u"tool"_s);
}

QTEST_GUILESS_MAIN(TestConversation)
#include "tst_conversation.moc"
