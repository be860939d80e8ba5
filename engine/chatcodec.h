#pragma once

#include "conversation.h"
#include "providerpresets.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <utility>

namespace nightshift {

/// An HTTP POST ready to send. The key is in headers only, so url may be shown and logged.
struct HttpPost
{
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /// The value of header name (case-insensitive), or empty.
    QByteArray header(const QByteArray &name) const;
};

/// One provider dialect: turns a ChatRequest into that provider's HTTP request and its
/// response body back into a ChatReply, exactly as the provider's API reference describes.
class ChatCodec
{
public:
    virtual ~ChatCodec() = default;

    /// The request for endpoint; apiKey may be empty for servers that take none.
    virtual Result<HttpPost> encode(const LlmEndpoint &endpoint,
                                    const ChatRequest &request,
                                    const QString &apiKey) const = 0;
    /// The reply in a 2xx body; a body that is not the documented shape is an error.
    virtual Result<ChatReply> decode(const QByteArray &body) const = 0;

    /// The codec for a wire format; it lives as long as the program.
    static const ChatCodec &forWire(WireFormat wire);
};

/// The provider's own message in an error body (`{"error":{"message":…}}` in every dialect),
/// or the start of a body that is not JSON; empty when there is nothing to say.
QString providerErrorMessage(const QByteArray &body);

} // namespace nightshift
