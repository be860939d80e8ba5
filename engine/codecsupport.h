#pragma once

// Helpers the chat codecs share; not part of the engine's API.

#include "conversation.h"
#include "result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace nightshift::codec {

using Json = nlohmann::json;

/// Compact JSON; invalid UTF-8 (a tool that read a binary file) becomes U+FFFD, never a throw.
inline std::string dump(const Json &value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

inline QByteArray dumpBytes(const Json &value)
{
    return QByteArray::fromStdString(dump(value));
}

inline QString str(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

/// The member key of object when present and not null, else null.
inline const Json *member(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

/// The error for a body that is not what the provider documents.
inline Error malformed(const char *dialect, const QString &problem)
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("the provider's reply is not a valid %1 response: %2")
                         .arg(QLatin1String(dialect), problem));
}

/// body parsed as a JSON object; truncated or otherwise broken JSON is an error.
inline Result<Json> parseObject(const QByteArray &body, const char *dialect)
{
    Json json = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (json.is_discarded())
        return malformed(dialect,
                         QStringLiteral("%1 bytes that are not complete JSON").arg(body.size()));
    if (!json.is_object())
        return malformed(dialect, QStringLiteral("expected a JSON object"));
    return json;
}

/// A tool's answer as the text some dialects want: strings as they are, other values as JSON,
/// and a failure as `{"error": reason}` so the model can tell it apart from output.
/// Appends a message of role with items (content blocks, parts) to messages, or adds the items
/// to the last message when it has the same role: Anthropic and Gemini want roles to alternate.
inline void appendMerged(Json &messages, const char *role, const char *itemsKey, Json items)
{
    if (items.empty())
        return;
    if (!messages.empty() && messages.back()["role"] == role) {
        for (Json &item : items)
            messages.back()[itemsKey].push_back(std::move(item));
        return;
    }
    messages.push_back(Json{{"role", role}, {itemsKey, std::move(items)}});
}

/// usage[key] as a token count: 0 when absent, an error naming usageField.key when it is not a
/// count.
inline Result<qint64> tokenCount(const Json &usage,
                                 const char *key,
                                 const char *dialect,
                                 const char *usageField = "usage")
{
    const Json *count = member(usage, key);
    if (!count)
        return qint64(0);
    if (!count->is_number_integer() || count->get<qint64>() < 0)
        return malformed(dialect,
                         QStringLiteral("%1.%2 is not a count")
                             .arg(QLatin1String(usageField), QLatin1String(key)));
    return count->get<qint64>();
}

inline std::string toolOutputText(const ChatMessage &message)
{
    if (message.isToolError())
        return dump(Json{{"error", message.error.toStdString()}});
    if (message.result.is_string())
        return message.result.get<std::string>();
    return dump(message.result);
}

} // namespace nightshift::codec
