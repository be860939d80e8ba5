#pragma once

#include "chatcodec.h"

namespace nightshift {

/// Gemini generateContent (`POST {base}/models/{model}:generateContent`, key in
/// `x-goog-api-key`): `systemInstruction`, `contents` with roles user/model,
/// `tools[].functionDeclarations`, `functionCall`/`functionResponse` parts,
/// `usageMetadata.promptTokenCount`/`candidatesTokenCount`, `finishReason`.
class GeminiCodec final : public ChatCodec
{
public:
    /// The prefix of tool-call ids made up for calls Gemini gave no id; they are not sent back.
    static constexpr char MadeUpIdPrefix[] = "nightshift-call-";

    Result<HttpPost> encode(const LlmEndpoint &endpoint,
                            const ChatRequest &request,
                            const QString &apiKey) const override;
    Result<ChatReply> decode(const QByteArray &body) const override;
};

} // namespace nightshift
