#include "openaichatcodec.h"

#include "codecsupport.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

using codec::Json;
constexpr char Dialect[] = "OpenAI chat completion";

QUrl completionsUrl(const LlmEndpoint &endpoint, const QString &model)
{
    QUrl url = endpoint.baseUrl;
    if (endpoint.preset.keyHeader != KeyHeader::ApiKey) {
        url.setPath(url.path() + u"/chat/completions"_s);
        return url;
    }
    // Azure addresses a deployment (the model field names it) and wants an api-version.
    url.setPath(url.path() + u"/openai/deployments/"_s
                + QString::fromLatin1(QUrl::toPercentEncoding(model)) + u"/chat/completions"_s);
    QUrlQuery query(url);
    if (!query.hasQueryItem(u"api-version"_s))
        query.addQueryItem(u"api-version"_s, QString::fromLatin1(AzureDefaultApiVersion));
    url.setQuery(query);
    return url;
}

Json toolCallJson(const ChatToolCall &call)
{
    // The model's unusable arguments go back as it wrote them, so the conversation stays true.
    const std::string arguments = call.argumentsError.isEmpty() || !call.arguments.is_string()
                                      ? codec::dump(call.arguments)
                                      : call.arguments.get<std::string>();
    return Json{{"id", call.id.toStdString()},
                {"type", "function"},
                {"function", {{"name", call.name.toStdString()}, {"arguments", arguments}}}};
}

Json messageJson(const ChatMessage &message)
{
    switch (message.role) {
    case ChatRole::System:
        return Json{{"role", "system"}, {"content", message.text.toStdString()}};
    case ChatRole::User:
        return Json{{"role", "user"}, {"content", message.text.toStdString()}};
    case ChatRole::Assistant: {
        Json json{{"role", "assistant"}};
        if (message.toolCalls.isEmpty()) {
            json["content"] = message.text.toStdString();
            return json;
        }
        json["content"] = message.text.isEmpty() ? Json() : Json(message.text.toStdString());
        Json calls = Json::array();
        for (const ChatToolCall &call : message.toolCalls)
            calls.push_back(toolCallJson(call));
        json["tool_calls"] = std::move(calls);
        return json;
    }
    case ChatRole::Tool:
        return Json{{"role", "tool"},
                    {"tool_call_id", message.toolCallId.toStdString()},
                    {"content", codec::toolOutputText(message)}};
    }
    return {};
}

Json toolJson(const ToolDescriptor &tool)
{
    Json parameters = tool.parameters;
    if (!parameters.is_object() || parameters.empty())
        parameters = Json{{"type", "object"}, {"properties", Json::object()}};
    Json function{{"name", tool.name.toStdString()}, {"parameters", std::move(parameters)}};
    if (!tool.description.isEmpty())
        function["description"] = tool.description.toStdString();
    return Json{{"type", "function"}, {"function", std::move(function)}};
}

// A tool call from the reply. Arguments the model botched are kept, flagged, for the loop
// to answer with an error instead of calling the tool.
Result<ChatToolCall> parseToolCall(const Json &json, std::size_t index)
{
    const QString where = u"choices[0].message.tool_calls[%1]"_s.arg(index);
    const Json *function = codec::member(json, "function");
    const Json *name = function ? codec::member(*function, "name") : nullptr;
    if (!name || !name->is_string())
        return codec::malformed(Dialect, where + u".function.name is missing"_s);
    if (const Json *type = codec::member(json, "type");
        type && (!type->is_string() || type->get<std::string>() != "function"))
        return codec::malformed(Dialect, where + u".type is not \"function\""_s);
    ChatToolCall call;
    call.name = codec::str(*name);
    const Json *id = codec::member(json, "id");
    if (id && !id->is_string())
        return codec::malformed(Dialect, where + u".id is not a string"_s);
    // Some compatible servers leave the id out; the results still need one to refer to.
    call.id = id ? codec::str(*id) : u"call_%1"_s.arg(index);
    const Json *arguments = codec::member(*function, "arguments");
    if (!arguments || (arguments->is_string() && arguments->get<std::string>().empty())) {
        call.arguments = Json::object();
    } else if (arguments->is_object()) {
        call.arguments = *arguments;
    } else if (arguments->is_string()) {
        const std::string &text = arguments->get_ref<const std::string &>();
        Json parsed = Json::parse(text, nullptr, false);
        if (parsed.is_object()) {
            call.arguments = std::move(parsed);
        } else {
            call.arguments = text;
            call.argumentsError = u"the arguments are not a JSON object"_s;
        }
    } else {
        return codec::malformed(Dialect, where + u".function.arguments is not a string"_s);
    }
    return call;
}

FinishReason finishReason(const QString &raw)
{
    if (raw == u"stop"_s)
        return FinishReason::Stop;
    if (raw == u"tool_calls"_s || raw == u"function_call"_s)
        return FinishReason::ToolCalls;
    if (raw == u"length"_s)
        return FinishReason::Length;
    if (raw == u"content_filter"_s)
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

} // namespace

Result<HttpPost> OpenAiChatCodec::encode(const LlmEndpoint &endpoint,
                                         const ChatRequest &request,
                                         const QString &apiKey) const
{
    Json messages = Json::array();
    if (!request.systemInstruction.isEmpty())
        messages.push_back(
            Json{{"role", "system"}, {"content", request.systemInstruction.toStdString()}});
    for (const ChatMessage &message : request.messages)
        messages.push_back(messageJson(message));

    Json body{{"model", request.model.toStdString()}, {"messages", std::move(messages)}};
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
    if (request.maxTokens)
        body[endpoint.preset.maxTokensField.toStdString()] = *request.maxTokens;

    HttpPost post;
    post.url = completionsUrl(endpoint, request.model);
    post.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    if (!apiKey.isEmpty()) {
        if (endpoint.preset.keyHeader == KeyHeader::ApiKey)
            post.headers.append({"api-key", apiKey.toUtf8()});
        else
            post.headers.append({"Authorization", "Bearer " + apiKey.toUtf8()});
    }
    post.body = codec::dumpBytes(body);
    return post;
}

Result<ChatReply> OpenAiChatCodec::decode(const QByteArray &body) const
{
    auto parsed = codec::parseObject(body, Dialect);
    if (!parsed)
        return parsed.error();
    const Json &json = *parsed;
    const Json *choices = codec::member(json, "choices");
    if (!choices || !choices->is_array() || choices->empty())
        return codec::malformed(Dialect, u"it has no choices"_s);
    const Json &choice = choices->front();
    const Json *message = codec::member(choice, "message");
    if (!message || !message->is_object())
        return codec::malformed(Dialect, u"choices[0] has no message"_s);

    ChatReply reply;
    const Json *content = codec::member(*message, "content");
    if (content && !content->is_string())
        return codec::malformed(Dialect, u"choices[0].message.content is not a string"_s);
    if (content)
        reply.text = codec::str(*content);
    // A refusal comes instead of content; it must not look like an empty answer.
    const Json *refusal = codec::member(*message, "refusal");
    if (reply.text.isEmpty() && refusal && refusal->is_string())
        reply.text = codec::str(*refusal);

    if (const Json *calls = codec::member(*message, "tool_calls")) {
        if (!calls->is_array())
            return codec::malformed(Dialect, u"choices[0].message.tool_calls is not an array"_s);
        for (std::size_t i = 0; i < calls->size(); ++i) {
            auto call = parseToolCall(calls->at(i), i);
            if (!call)
                return call.error();
            reply.toolCalls.append(std::move(call).value());
        }
    }

    if (const Json *reason = codec::member(choice, "finish_reason"); reason && reason->is_string())
        reply.rawFinishReason = codec::str(*reason);
    reply.finishReason
        = reply.toolCalls.isEmpty() ? finishReason(reply.rawFinishReason) : FinishReason::ToolCalls;

    reply.usage.requests = 1;
    if (const Json *usage = codec::member(json, "usage")) {
        const auto input = codec::tokenCount(*usage, "prompt_tokens", Dialect);
        const auto output = codec::tokenCount(*usage, "completion_tokens", Dialect);
        if (!input)
            return input.error();
        if (!output)
            return output.error();
        reply.usage.inputTokens = *input;
        reply.usage.outputTokens = *output;
    }
    return reply;
}

} // namespace nightshift
