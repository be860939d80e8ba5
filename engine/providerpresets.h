#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace nightshift {

struct ModelConfig;

/// The HTTP dialect a provider speaks.
enum class WireFormat {
    OpenAiChat,        ///< POST {base}/chat/completions (Azure: a deployment URL).
    AnthropicMessages, ///< POST {base}/messages
    GeminiGenerate,    ///< POST {base}/models/{model}:generateContent
};

/// How the API key travels; always in a header, never in the URL.
enum class KeyHeader {
    Bearer,      ///< `Authorization: Bearer KEY`
    ApiKey,      ///< `api-key: KEY` (Azure OpenAI)
    XApiKey,     ///< `x-api-key: KEY` (Anthropic)
    XGoogApiKey, ///< `x-goog-api-key: KEY` (Gemini)
};

/// A provider id a config can name in `model_config.provider`, and how to reach it.
struct ProviderPreset
{
    QString id;
    WireFormat wire = WireFormat::OpenAiChat;
    KeyHeader keyHeader = KeyHeader::Bearer;
    /// The API root the wire format's path is appended to; empty when the user must give
    /// `model_config.base_url` (Azure: the resource's URL).
    QString defaultBaseUrl;
    bool keyRequired = true;
    /// Where headless use finds the key; empty when the provider takes none.
    QString keyEnvVar;
    /// The request field for the output limit: OpenAI itself deprecated `max_tokens`.
    QString maxTokensField = QStringLiteral("max_tokens");
};

/// Every LLM provider this build can call, `openai` first.
const QList<ProviderPreset> &providerPresets();
/// The preset called id, or null.
const ProviderPreset *findProviderPreset(const QString &id);
/// `none` and every preset's id: what `model_config.provider` may name and run.
QStringList availableProviderIds();

/// Azure OpenAI's api-version when the base URL names none: the latest GA version.
inline constexpr char AzureDefaultApiVersion[] = "2024-10-21";

/// Where one agent's model lives: its preset with `model_config.base_url` applied.
struct LlmEndpoint
{
    ProviderPreset preset;
    QUrl baseUrl; ///< Without a trailing slash; Azure's may carry `?api-version=`.

    const QString &providerId() const { return preset.id; }
};

/// The endpoint for config; an error when the provider is not an LLM provider, or the
/// base URL is missing (Azure) or not an http(s) URL.
Result<LlmEndpoint> resolveEndpoint(const ModelConfig &config);

/// The key from the preset's environment variable, or empty.
QString apiKeyFromEnvironment(const ProviderPreset &preset);

} // namespace nightshift
