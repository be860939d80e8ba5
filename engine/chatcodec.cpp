#include "chatcodec.h"

#include "anthropiccodec.h"
#include "codecsupport.h"
#include "geminicodec.h"
#include "openaichatcodec.h"

namespace nightshift {

namespace {

// Enough to say what went wrong; error bodies can be whole HTML pages.
constexpr qsizetype MaxProviderMessage = 500;

QString shortened(QString text)
{
    text = text.simplified();
    if (text.size() > MaxProviderMessage)
        text = text.left(MaxProviderMessage) + QStringLiteral("…");
    return text;
}

} // namespace

QByteArray HttpPost::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

const ChatCodec &ChatCodec::forWire(WireFormat wire)
{
    static const OpenAiChatCodec openAi;
    static const AnthropicCodec anthropic;
    static const GeminiCodec gemini;
    switch (wire) {
    case WireFormat::OpenAiChat:
        break;
    case WireFormat::AnthropicMessages:
        return anthropic;
    case WireFormat::GeminiGenerate:
        return gemini;
    }
    return openAi;
}

QString providerErrorMessage(const QByteArray &body)
{
    using codec::Json;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    Json json = Json::parse(trimmed.constBegin(), trimmed.constEnd(), nullptr, false);
    if (json.is_discarded())
        return trimmed.startsWith('<') ? QString() : shortened(QString::fromUtf8(trimmed));
    // Gemini sometimes wraps the error object in an array.
    if (json.is_array() && !json.empty())
        json = json.front();
    const Json *error = codec::member(json, "error");
    if (error && error->is_string())
        return shortened(codec::str(*error));
    for (const Json *holder : {error, static_cast<const Json *>(&json)}) {
        if (!holder)
            continue;
        for (const char *key : {"message", "detail"}) {
            const Json *message = codec::member(*holder, key);
            if (message && message->is_string())
                return shortened(codec::str(*message));
        }
    }
    return {};
}

} // namespace nightshift
