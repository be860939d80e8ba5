#include "geminicodec.h"

#include "codecsupport.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

using codec::Json;
constexpr char Dialect[] = "Gemini generateContent";

bool madeUpId(const QString &id)
{
    return id.startsWith(QLatin1String(GeminiCodec::MadeUpIdPrefix));
}

Json functionResponse(const ChatMessage &message)
{
    // response must be an object: failures and non-object output are wrapped in one.
    Json response;
    if (message.isToolError())
        response = Json{{"error", message.error.toStdString()}};
    else if (message.result.is_object())
        response = message.result;
    else
        response = Json{{"result", message.result}};
    Json json{{"name", message.toolName.toStdString()}, {"response", std::move(response)}};
    if (!message.toolCallId.isEmpty() && !madeUpId(message.toolCallId))
        json["id"] = message.toolCallId.toStdString();
    return json;
}

Json functionCallPart(const ChatToolCall &call)
{
    Json functionCall{{"name", call.name.toStdString()},
                      {"args", call.arguments.is_object() ? call.arguments : Json::object()}};
    if (!call.id.isEmpty() && !madeUpId(call.id))
        functionCall["id"] = call.id.toStdString();
    Json part{{"functionCall", std::move(functionCall)}};
    // Thinking models refuse a replayed call without the signature they gave it.
    if (!call.signature.isEmpty())
        part["thoughtSignature"] = call.signature.toStdString();
    return part;
}

// Gemini has user and model turns only: tool results are user parts, and all the answers to
// one turn's calls travel in one content.
Json contentsJson(const Conversation &conversation, QStringList &systemTexts)
{
    Json contents = Json::array();
    auto append = [&contents](const char *role, Json parts) {
        codec::appendMerged(contents, role, "parts", std::move(parts));
    };
    for (const ChatMessage &message : conversation) {
        switch (message.role) {
        case ChatRole::System:
            systemTexts.append(message.text);
            break;
        case ChatRole::User:
            if (!message.text.isEmpty())
                append("user", Json::array({Json{{"text", message.text.toStdString()}}}));
            break;
        case ChatRole::Assistant: {
            Json parts = Json::array();
            if (!message.text.isEmpty())
                parts.push_back(Json{{"text", message.text.toStdString()}});
            for (const ChatToolCall &call : message.toolCalls)
                parts.push_back(functionCallPart(call));
            append("model", std::move(parts));
            break;
        }
        case ChatRole::Tool:
            append("user", Json::array({Json{{"functionResponse", functionResponse(message)}}}));
            break;
        }
    }
    return contents;
}

Json declarationJson(const ToolDescriptor &tool)
{
    Json json{{"name", tool.name.toStdString()}};
    if (!tool.description.isEmpty())
        json["description"] = tool.description.toStdString();
    // Tools describe their arguments in JSON Schema, which `parameters` (an OpenAPI subset)
    // would partly reject; `parametersJsonSchema` takes it as it is.
    if (tool.parameters.is_object() && !tool.parameters.empty())
        json["parametersJsonSchema"] = tool.parameters;
    return json;
}

FinishReason finishReason(const QString &raw)
{
    if (raw == u"STOP"_s)
        return FinishReason::Stop;
    if (raw == u"MAX_TOKENS"_s)
        return FinishReason::Length;
    static const QStringList filtered{u"SAFETY"_s,
                                      u"RECITATION"_s,
                                      u"BLOCKLIST"_s,
                                      u"PROHIBITED_CONTENT"_s,
                                      u"SPII"_s,
                                      u"IMAGE_SAFETY"_s};
    return filtered.contains(raw) ? FinishReason::ContentFilter : FinishReason::Other;
}

Result<ChatToolCall> parseFunctionCall(const Json &part, std::size_t index, const QString &batch)
{
    const Json &functionCall = part["functionCall"];
    const Json *name = codec::member(functionCall, "name");
    if (!name || !name->is_string())
        return codec::malformed(Dialect, u"parts[%1].functionCall has no name"_s.arg(index));
    ChatToolCall call;
    call.name = codec::str(*name);
    const Json *id = codec::member(functionCall, "id");
    call.id = id && id->is_string() ? codec::str(*id)
                                    : QLatin1String(GeminiCodec::MadeUpIdPrefix) + batch + u'-'
                                          + QString::number(index);
    const Json *args = codec::member(functionCall, "args");
    if (!args || args->is_object()) {
        call.arguments = args ? *args : Json::object();
    } else {
        call.arguments = codec::dump(*args);
        call.argumentsError = u"the args are not a JSON object"_s;
    }
    if (const Json *signature = codec::member(part, "thoughtSignature");
        signature && signature->is_string())
        call.signature = codec::str(*signature);
    return call;
}

} // namespace

Result<HttpPost> GeminiCodec::encode(const LlmEndpoint &endpoint,
                                     const ChatRequest &request,
                                     const QString &apiKey) const
{
    QStringList systemTexts;
    if (!request.systemInstruction.isEmpty())
        systemTexts.append(request.systemInstruction);
    Json body{{"contents", contentsJson(request.messages, systemTexts)}};
    systemTexts.removeAll(QString());
    if (!systemTexts.isEmpty())
        body["systemInstruction"] = Json{
            {"parts", Json::array({Json{{"text", systemTexts.join(u"\n\n"_s).toStdString()}}})}};
    if (!request.tools.isEmpty()) {
        Json declarations = Json::array();
        for (const ToolDescriptor &tool : request.tools)
            declarations.push_back(declarationJson(tool));
        body["tools"] = Json::array({Json{{"functionDeclarations", std::move(declarations)}}});
    }
    Json generation = Json::object();
    if (request.temperature)
        generation["temperature"] = *request.temperature;
    if (request.topP)
        generation["topP"] = *request.topP;
    if (request.maxTokens)
        generation["maxOutputTokens"] = *request.maxTokens;
    if (!generation.empty())
        body["generationConfig"] = std::move(generation);

    QString model = request.model;
    if (model.startsWith(u"models/"_s))
        model = model.mid(7);
    HttpPost post;
    post.url = endpoint.baseUrl;
    post.url.setPath(post.url.path() + u"/models/"_s
                     + QString::fromLatin1(QUrl::toPercentEncoding(model)) + u":generateContent"_s);
    post.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    // The key goes in a header: a `?key=` URL ends up in logs and error strings.
    if (!apiKey.isEmpty())
        post.headers.append({"x-goog-api-key", apiKey.toUtf8()});
    post.body = codec::dumpBytes(body);
    return post;
}

Result<ChatReply> GeminiCodec::decode(const QByteArray &body) const
{
    auto parsed = codec::parseObject(body, Dialect);
    if (!parsed)
        return parsed.error();
    const Json &json = *parsed;
    const Json *candidates = codec::member(json, "candidates");
    if (!candidates || !candidates->is_array() || candidates->empty()) {
        const Json *feedback = codec::member(json, "promptFeedback");
        const Json *blocked = feedback ? codec::member(*feedback, "blockReason") : nullptr;
        if (blocked && blocked->is_string())
            return makeError(ErrorCode::InvalidArgument,
                             u"gemini blocked the prompt (%1); change the system instruction "
                             "or the query"_s.arg(codec::str(*blocked)));
        return codec::malformed(Dialect, u"it has no candidates"_s);
    }
    const Json &candidate = candidates->front();
    if (!candidate.is_object())
        return codec::malformed(Dialect, u"candidates[0] is not an object"_s);

    ChatReply reply;
    const Json *content = codec::member(candidate, "content");
    const Json *parts = content ? codec::member(*content, "parts") : nullptr;
    if (parts && !parts->is_array())
        return codec::malformed(Dialect, u"candidates[0].content.parts is not an array"_s);
    const QString batch = QString::number(QRandomGenerator::global()->generate(), 16);
    for (std::size_t i = 0; parts && i < parts->size(); ++i) {
        const Json &part = parts->at(i);
        if (!part.is_object())
            return codec::malformed(Dialect, u"parts[%1] is not an object"_s.arg(i));
        if (codec::member(part, "functionCall")) {
            auto call = parseFunctionCall(part, i, batch);
            if (!call)
                return call.error();
            reply.toolCalls.append(std::move(call).value());
            continue;
        }
        const Json *text = codec::member(part, "text");
        const Json *thought = codec::member(part, "thought");
        const bool isThought = thought && thought->is_boolean() && thought->get<bool>();
        if (text && text->is_string() && !isThought)
            reply.text += codec::str(*text);
    }

    if (const Json *reason = codec::member(candidate, "finishReason");
        reason && reason->is_string())
        reply.rawFinishReason = codec::str(*reason);
    reply.finishReason
        = reply.toolCalls.isEmpty() ? finishReason(reply.rawFinishReason) : FinishReason::ToolCalls;

    reply.usage.requests = 1;
    if (const Json *usage = codec::member(json, "usageMetadata")) {
        const auto input = codec::tokenCount(*usage, "promptTokenCount", Dialect, "usageMetadata");
        if (!input)
            return input.error();
        // Thinking tokens are billed as output but counted apart from the candidates.
        qint64 output = 0;
        for (const char *key : {"candidatesTokenCount", "thoughtsTokenCount"}) {
            const auto count = codec::tokenCount(*usage, key, Dialect, "usageMetadata");
            if (!count)
                return count.error();
            output += *count;
        }
        reply.usage.inputTokens = *input;
        reply.usage.outputTokens = output;
    }
    return reply;
}

} // namespace nightshift
