#include "conversation.h"

#include "agentspec.h"

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

using Json = nlohmann::json;

QString str(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

Error fieldError(const QString &path, const char *key, const QString &expected)
{
    const QString field
        = path.isEmpty() ? QString::fromLatin1(key) : path + u'.' + QString::fromLatin1(key);
    return makeError(ErrorCode::InvalidArgument, u"%1: expected %2"_s.arg(field, expected));
}

// Reads an optional string member into out; false when present with another type.
bool readString(const Json &object, const char *key, QString &out)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return true;
    if (!it->is_string())
        return false;
    out = str(*it);
    return true;
}

Result<ChatToolCall> toolCallFromJson(const Json &json, const QString &path)
{
    if (!json.is_object())
        return makeError(ErrorCode::InvalidArgument, u"%1: expected an object"_s.arg(path));
    ChatToolCall call;
    if (!readString(json, "id", call.id))
        return fieldError(path, "id", u"a string"_s);
    if (!readString(json, "name", call.name) || call.name.isEmpty())
        return fieldError(path, "name", u"a tool name"_s);
    if (!readString(json, "arguments_error", call.argumentsError))
        return fieldError(path, "arguments_error", u"a string"_s);
    if (!readString(json, "signature", call.signature))
        return fieldError(path, "signature", u"a string"_s);
    const auto arguments = json.find("arguments");
    if (arguments != json.end()) {
        const bool fits
            = call.argumentsError.isEmpty() ? arguments->is_object() : arguments->is_string();
        if (!fits)
            return fieldError(path,
                              "arguments",
                              call.argumentsError.isEmpty() ? u"an object"_s
                                                            : u"the model's raw text"_s);
        call.arguments = *arguments;
    }
    return call;
}

Json toolCallToJson(const ChatToolCall &call)
{
    Json json{{"id", call.id.toStdString()},
              {"name", call.name.toStdString()},
              {"arguments", call.arguments}};
    if (!call.argumentsError.isEmpty())
        json["arguments_error"] = call.argumentsError.toStdString();
    if (!call.signature.isEmpty())
        json["signature"] = call.signature.toStdString();
    return json;
}

} // namespace

QString roleName(ChatRole role)
{
    switch (role) {
    case ChatRole::System:
        return u"system"_s;
    case ChatRole::User:
        return u"user"_s;
    case ChatRole::Assistant:
        return u"assistant"_s;
    case ChatRole::Tool:
        return u"tool"_s;
    }
    return {};
}

std::optional<ChatRole> chatRoleFromName(const QString &name)
{
    for (int i = 0; i <= int(ChatRole::Tool); ++i) {
        if (roleName(ChatRole(i)) == name)
            return ChatRole(i);
    }
    return std::nullopt;
}

ChatMessage ChatMessage::system(const QString &text)
{
    ChatMessage message;
    message.role = ChatRole::System;
    message.text = text;
    return message;
}

ChatMessage ChatMessage::user(const QString &text)
{
    ChatMessage message;
    message.text = text;
    return message;
}

ChatMessage ChatMessage::assistant(const QString &text, const QList<ChatToolCall> &calls)
{
    ChatMessage message;
    message.role = ChatRole::Assistant;
    message.text = text;
    message.toolCalls = calls;
    return message;
}

ChatMessage ChatMessage::toolResult(const ChatToolCall &call, const nlohmann::json &output)
{
    ChatMessage message;
    message.role = ChatRole::Tool;
    message.toolCallId = call.id;
    message.toolName = call.name;
    message.result = output;
    return message;
}

ChatMessage ChatMessage::toolError(const ChatToolCall &call, const QString &reason)
{
    ChatMessage message;
    message.role = ChatRole::Tool;
    message.toolCallId = call.id;
    message.toolName = call.name;
    message.error = reason.isEmpty() ? u"the tool failed"_s : reason;
    return message;
}

nlohmann::json ChatMessage::toJson() const
{
    Json json{{"role", roleName(role).toStdString()}};
    switch (role) {
    case ChatRole::System:
    case ChatRole::User:
        json["text"] = text.toStdString();
        break;
    case ChatRole::Assistant:
        json["text"] = text.toStdString();
        if (!toolCalls.isEmpty()) {
            Json calls = Json::array();
            for (const ChatToolCall &call : toolCalls)
                calls.push_back(toolCallToJson(call));
            json["tool_calls"] = std::move(calls);
        }
        break;
    case ChatRole::Tool:
        json["tool_call_id"] = toolCallId.toStdString();
        json["name"] = toolName.toStdString();
        if (error.isEmpty())
            json["result"] = result;
        else
            json["error"] = error.toStdString();
        break;
    }
    return json;
}

Result<ChatMessage> ChatMessage::fromJson(const nlohmann::json &json, const QString &path)
{
    const QString where = path.isEmpty() ? u"message"_s : path;
    if (!json.is_object())
        return makeError(ErrorCode::InvalidArgument, u"%1: expected an object"_s.arg(where));
    ChatMessage message;
    QString role;
    if (!readString(json, "role", role))
        return fieldError(path, "role", u"a string"_s);
    const auto parsedRole = chatRoleFromName(role);
    if (!parsedRole)
        return fieldError(path, "role", u"one of system, user, assistant, tool"_s);
    message.role = *parsedRole;
    if (message.role != ChatRole::Tool) {
        if (!readString(json, "text", message.text))
            return fieldError(path, "text", u"a string"_s);
    }
    if (message.role == ChatRole::Assistant) {
        const auto calls = json.find("tool_calls");
        if (calls != json.end() && !calls->is_null()) {
            if (!calls->is_array())
                return fieldError(path, "tool_calls", u"an array"_s);
            for (std::size_t i = 0; i < calls->size(); ++i) {
                const QString callPath
                    = (path.isEmpty() ? QString() : path + u'.') + u"tool_calls[%1]"_s.arg(i);
                auto call = toolCallFromJson(calls->at(i), callPath);
                if (!call)
                    return call.error();
                message.toolCalls.append(std::move(call).value());
            }
        }
    }
    if (message.role == ChatRole::Tool) {
        if (!readString(json, "tool_call_id", message.toolCallId))
            return fieldError(path, "tool_call_id", u"a string"_s);
        if (!readString(json, "name", message.toolName) || message.toolName.isEmpty())
            return fieldError(path, "name", u"the tool's name"_s);
        if (!readString(json, "error", message.error))
            return fieldError(path, "error", u"a string"_s);
        const auto result = json.find("result");
        if (message.error.isEmpty()) {
            if (result == json.end())
                return fieldError(path, "result", u"the tool's output (or an error)"_s);
            message.result = *result;
        }
    }
    return message;
}

nlohmann::json conversationToJson(const Conversation &conversation)
{
    Json json = Json::array();
    for (const ChatMessage &message : conversation)
        json.push_back(message.toJson());
    return json;
}

Result<Conversation> conversationFromJson(const nlohmann::json &json)
{
    if (!json.is_array())
        return makeError(ErrorCode::InvalidArgument,
                         u"conversation: expected an array of messages"_s);
    Conversation conversation;
    conversation.reserve(qsizetype(json.size()));
    for (std::size_t i = 0; i < json.size(); ++i) {
        auto message = ChatMessage::fromJson(json.at(i), u"messages[%1]"_s.arg(i));
        if (!message)
            return message.error();
        conversation.append(std::move(message).value());
    }
    return conversation;
}

QString finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Stop:
        return u"stop"_s;
    case FinishReason::ToolCalls:
        return u"tool_calls"_s;
    case FinishReason::Length:
        return u"length"_s;
    case FinishReason::ContentFilter:
        return u"content_filter"_s;
    case FinishReason::Other:
        return u"other"_s;
    }
    return {};
}

ChatRequest ChatRequest::forModel(const ModelConfig &config)
{
    ChatRequest request;
    request.model = config.model;
    request.temperature = config.temperature;
    request.maxTokens = config.maxTokens;
    request.topP = config.topP;
    return request;
}

} // namespace nightshift
