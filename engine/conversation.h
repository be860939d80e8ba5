#pragma once

#include "result.h"
#include "run.h"
#include "tool.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace nightshift {

struct ModelConfig;

/// Who wrote a message in a conversation with a model.
enum class ChatRole { System, User, Assistant, Tool };

/// `system`, `user`, `assistant` or `tool`.
QString roleName(ChatRole role);
std::optional<ChatRole> chatRoleFromName(const QString &name);

/// A tool call the model asked for, in no provider's dialect.
struct ChatToolCall
{
    QString id; ///< The provider's id, or one made up when it gives none (Gemini may not).
    QString name;
    /// The arguments object; the model's raw text as a JSON string when argumentsError is set.
    nlohmann::json arguments = nlohmann::json::object();
    /// Why the model's arguments are unusable (not a JSON object); empty when they are fine.
    QString argumentsError;
    /// Opaque provider data that must go back with the call (Gemini's `thoughtSignature`).
    QString signature;

    bool operator==(const ChatToolCall &) const = default;
};

/// One message of a conversation. Which fields apply depends on the role: text for system,
/// user and assistant; toolCalls for assistant; toolCallId, toolName and result or error for
/// tool (one message per call answered).
struct ChatMessage
{
    ChatRole role = ChatRole::User;
    QString text;
    QList<ChatToolCall> toolCalls;
    QString toolCallId;
    QString toolName;
    nlohmann::json result; ///< The tool's output; null when the call failed.
    QString error;         ///< Why the tool call failed; empty when it succeeded.

    static ChatMessage system(const QString &text);
    static ChatMessage user(const QString &text);
    static ChatMessage assistant(const QString &text, const QList<ChatToolCall> &calls = {});
    /// The answer to call: the tool's output.
    static ChatMessage toolResult(const ChatToolCall &call, const nlohmann::json &output);
    /// The answer to call: it failed (or was refused) for the reason given.
    static ChatMessage toolError(const ChatToolCall &call, const QString &reason);

    bool isToolError() const { return role == ChatRole::Tool && !error.isEmpty(); }

    /// `{"role":"tool","tool_call_id":…,"name":…,"result":…}` and the like; fromJson() reads
    /// it back to an equal message.
    nlohmann::json toJson() const;
    /// A message from toJson()'s form; an error names the field (under path) that is wrong.
    static Result<ChatMessage> fromJson(const nlohmann::json &json, const QString &path = {});

    bool operator==(const ChatMessage &) const = default;
};

/// The messages of one conversation, oldest first: what memory stores between runs.
using Conversation = QList<ChatMessage>;

/// A session's conversation memory and the id it is stored under.
struct SessionMemory
{
    QString sessionId;
    Conversation messages;
};

/// A JSON array of the messages' toJson().
nlohmann::json conversationToJson(const Conversation &conversation);
/// Reads conversationToJson()'s form back; an error names the first bad message and field.
Result<Conversation> conversationFromJson(const nlohmann::json &json);

/// Why the model stopped, the same for every provider.
enum class FinishReason {
    Stop,          ///< A final answer (or a stop sequence).
    ToolCalls,     ///< It wants tools called.
    Length,        ///< max_tokens or the context window ran out.
    ContentFilter, ///< A safety filter or refusal stopped it.
    Other,         ///< Anything else; ChatReply::rawFinishReason says what.
};

/// `stop`, `tool_calls`, `length`, `content_filter` or `other`.
QString finishReasonName(FinishReason reason);

/// One request to a chat model, in no provider's dialect.
struct ChatRequest
{
    QString model;
    QString systemInstruction;
    Conversation messages;
    QList<ToolDescriptor> tools;
    std::optional<double> temperature;
    std::optional<qint64> maxTokens;
    std::optional<double> topP;

    /// A request for config's model with its sampling settings, and nothing else yet.
    static ChatRequest forModel(const ModelConfig &config);
};

/// What a chat model answered to one request.
struct ChatReply
{
    QString text;
    QList<ChatToolCall> toolCalls; ///< Non-empty: call these and send the results back.
    Usage usage;                   ///< requests is 1; tokens as the provider counted them.
    FinishReason finishReason = FinishReason::Other;
    QString rawFinishReason; ///< As the provider spelled it.
    qint64 durationMs = 0;   ///< From sending to the answer, retries and their waits included.
    int tries = 1;           ///< HTTP requests it took.

    /// The assistant message to append to the conversation.
    ChatMessage toMessage() const { return ChatMessage::assistant(text, toolCalls); }
};

} // namespace nightshift
