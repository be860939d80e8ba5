#pragma once

#include "chatcodec.h"

namespace nightshift {

/// Anthropic Messages (`POST {base}/messages`, `x-api-key`, `anthropic-version: 2023-06-01`):
/// top-level `system`, `tools` with `input_schema`, `tool_use`/`tool_result` content blocks,
/// `usage.input_tokens`/`output_tokens`, `stop_reason`.
class AnthropicCodec final : public ChatCodec
{
public:
    /// The API version this codec speaks, sent as `anthropic-version`.
    static constexpr char ApiVersion[] = "2023-06-01";
    /// `max_tokens` is required; this is sent when the agent sets none.
    static constexpr qint64 DefaultMaxTokens = 4096;

    Result<HttpPost> encode(const LlmEndpoint &endpoint,
                            const ChatRequest &request,
                            const QString &apiKey) const override;
    Result<ChatReply> decode(const QByteArray &body) const override;
};

} // namespace nightshift
