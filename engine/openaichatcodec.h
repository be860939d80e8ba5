#pragma once

#include "chatcodec.h"

namespace nightshift {

/// OpenAI Chat Completions (`POST {base}/chat/completions`, Azure's deployment URL), spoken by
/// OpenAI and every compatible server: `tools`, `tool_calls` with arguments as a JSON string,
/// `tool` messages with `tool_call_id`, `usage.prompt_tokens`/`completion_tokens`.
class OpenAiChatCodec final : public ChatCodec
{
public:
    Result<HttpPost> encode(const LlmEndpoint &endpoint,
                            const ChatRequest &request,
                            const QString &apiKey) const override;
    Result<ChatReply> decode(const QByteArray &body) const override;
};

} // namespace nightshift
