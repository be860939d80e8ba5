#include "anthropiccodec.h"

#include "codecsupport.h"

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

using codec::Json;
constexpr char Dialect[] = "Anthropic message";

Json textBlock(const QString &text)
{
    return Json{{"type", "text"}, {"text", text.toStdString()}};
}

// Anthropic takes system text only at the top level and wants user and assistant turns, so
// tool results (role user) answering one assistant turn travel together in one message.
Json messagesJson(const Conversation &conversation, QStringList &systemTexts)
{
    Json messages = Json::array();
    auto append = [&messages](const char *role, Json blocks) {
        codec::appendMerged(messages, role, "content", std::move(blocks));
    };
    for (const ChatMessage &message : conversation) {
        switch (message.role) {
        case ChatRole::System:
            systemTexts.append(message.text);
            break;
        case ChatRole::User:
            append("user",
                   message.text.isEmpty() ? Json::array() : Json::array({textBlock(message.text)}));
            break;
        case ChatRole::Assistant: {
            Json blocks = Json::array();
            if (!message.text.isEmpty())
                blocks.push_back(textBlock(message.text));
            for (const ChatToolCall &call : message.toolCalls) {
                blocks.push_back(
                    Json{{"type", "tool_use"},
                         {"id", call.id.toStdString()},
                         {"name", call.name.toStdString()},
                         {"input", call.arguments.is_object() ? call.arguments : Json::object()}});
            }
            append("assistant", std::move(blocks));
            break;
        }
        case ChatRole::Tool: {
            Json block{{"type", "tool_result"}, {"tool_use_id", message.toolCallId.toStdString()}};
            if (message.isToolError()) {
                block["content"] = message.error.toStdString();
                block["is_error"] = true;
            } else {
                block["content"] = codec::toolOutputText(message);
            }
            append("user", Json::array({std::move(block)}));
            break;
        }
        }
    }
    // A lone text block reads as the plain string the API reference's examples send.
    for (Json &message : messages) {
        Json &content = message["content"];
        if (content.size() == 1 && content.front()["type"] == "text")
            content = Json(content.front()["text"]);
    }
    return messages;
}

Json toolJson(const ToolDescriptor &tool)
{
    Json schema = tool.parameters;
    if (!schema.is_object() || schema.empty())
        schema = Json{{"type", "object"}, {"properties", Json::object()}};
    Json json{{"name", tool.name.toStdString()}, {"input_schema", std::move(schema)}};
    if (!tool.description.isEmpty())
        json["description"] = tool.description.toStdString();
    return json;
}

FinishReason finishReason(const QString &raw)
{
    if (raw == u"end_turn"_s || raw == u"stop_sequence"_s)
        return FinishReason::Stop;
    if (raw == u"tool_use"_s)
        return FinishReason::ToolCalls;
    if (raw == u"max_tokens"_s || raw == u"model_context_window_exceeded"_s)
        return FinishReason::Length;
    if (raw == u"refusal"_s)
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

} // namespace

Result<HttpPost> AnthropicCodec::encode(const LlmEndpoint &endpoint,
                                        const ChatRequest &request,
                                        const QString &apiKey) const
{
    QStringList systemTexts;
    if (!request.systemInstruction.isEmpty())
        systemTexts.append(request.systemInstruction);
    Json messages = messagesJson(request.messages, systemTexts);

    Json body{{"model", request.model.toStdString()},
              {"max_tokens", request.maxTokens.value_or(DefaultMaxTokens)},
              {"messages", std::move(messages)}};
    systemTexts.removeAll(QString());
    if (!systemTexts.isEmpty())
        body["system"] = systemTexts.join(u"\n\n"_s).toStdString();
    if (!request.tools.isEmpty()) {
        Json tools = Json::array();
        for (const ToolDescriptor &tool : request.tools)
            tools.push_back(toolJson(tool));
        body["tools"] = std::move(tools);
    }
    if (request.temperature)
        body["temperature"] = *request.temperature;
    if (request.topP)
        body["top_p"] = *request.topP;

    HttpPost post;
    post.url = endpoint.baseUrl;
    post.url.setPath(post.url.path() + u"/messages"_s);
    post.headers = {{"Content-Type", "application/json"},
                    {"Accept", "application/json"},
                    {"anthropic-version", ApiVersion}};
    if (!apiKey.isEmpty())
        post.headers.append({"x-api-key", apiKey.toUtf8()});
    post.body = codec::dumpBytes(body);
    return post;
}

Result<ChatReply> AnthropicCodec::decode(const QByteArray &body) const
{
    auto parsed = codec::parseObject(body, Dialect);
    if (!parsed)
        return parsed.error();
    const Json &json = *parsed;
    if (const Json *type = codec::member(json, "type"); type && *type != "message")
        return codec::malformed(Dialect, u"its type is not \"message\""_s);
    const Json *content = codec::member(json, "content");
    if (!content || !content->is_array())
        return codec::malformed(Dialect, u"it has no content array"_s);

    ChatReply reply;
    for (std::size_t i = 0; i < content->size(); ++i) {
        const Json &block = content->at(i);
        const Json *type = codec::member(block, "type");
        if (!type || !type->is_string())
            return codec::malformed(Dialect, u"content[%1] has no type"_s.arg(i));
        if (*type == "text") {
            const Json *text = codec::member(block, "text");
            if (!text || !text->is_string())
                return codec::malformed(Dialect, u"content[%1].text is not a string"_s.arg(i));
            reply.text += codec::str(*text);
        } else if (*type == "tool_use") {
            const Json *id = codec::member(block, "id");
            const Json *name = codec::member(block, "name");
            const Json *input = codec::member(block, "input");
            if (!id || !id->is_string() || !name || !name->is_string())
                return codec::malformed(Dialect, u"content[%1] lacks an id or a name"_s.arg(i));
            ChatToolCall call;
            call.id = codec::str(*id);
            call.name = codec::str(*name);
            if (!input || input->is_object()) {
                call.arguments = input ? *input : Json::object();
            } else {
                call.arguments = codec::dump(*input);
                call.argumentsError = u"the input is not a JSON object"_s;
            }
            reply.toolCalls.append(std::move(call));
        }
        // Other blocks (thinking and the like) are the model's own business.
    }

    if (const Json *reason = codec::member(json, "stop_reason"); reason && reason->is_string())
        reply.rawFinishReason = codec::str(*reason);
    reply.finishReason
        = reply.toolCalls.isEmpty() ? finishReason(reply.rawFinishReason) : FinishReason::ToolCalls;

    reply.usage.requests = 1;
    if (const Json *usage = codec::member(json, "usage")) {
        // Cached prompt tokens are counted apart from input_tokens; all of them were read.
        qint64 input = 0;
        for (const char *key :
             {"input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"}) {
            const auto count = codec::tokenCount(*usage, key, Dialect);
            if (!count)
                return count.error();
            input += *count;
        }
        const auto output = codec::tokenCount(*usage, "output_tokens", Dialect);
        if (!output)
            return output.error();
        reply.usage.inputTokens = input;
        reply.usage.outputTokens = *output;
    }
    return reply;
}

} // namespace nightshift
