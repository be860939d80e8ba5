#include "providerpresets.h"

#include "agentspec.h"

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

ProviderPreset openAiCompatible(const QString &id,
                                const QString &baseUrl,
                                bool keyRequired,
                                const QString &keyEnvVar)
{
    ProviderPreset preset;
    preset.id = id;
    preset.defaultBaseUrl = baseUrl;
    preset.keyRequired = keyRequired;
    preset.keyEnvVar = keyEnvVar;
    return preset;
}

QList<ProviderPreset> makePresets()
{
    ProviderPreset openai
        = openAiCompatible(u"openai"_s, u"https://api.openai.com/v1"_s, true, u"OPENAI_API_KEY"_s);
    // OpenAI's reference deprecates max_tokens; its reasoning models refuse it.
    openai.maxTokensField = u"max_completion_tokens"_s;

    ProviderPreset azure = openAiCompatible(u"azure"_s, {}, true, u"AZURE_OPENAI_API_KEY"_s);
    azure.keyHeader = KeyHeader::ApiKey;

    ProviderPreset anthropic;
    anthropic.id = u"anthropic"_s;
    anthropic.wire = WireFormat::AnthropicMessages;
    anthropic.keyHeader = KeyHeader::XApiKey;
    anthropic.defaultBaseUrl = u"https://api.anthropic.com/v1"_s;
    anthropic.keyEnvVar = u"ANTHROPIC_API_KEY"_s;

    ProviderPreset gemini;
    gemini.id = u"gemini"_s;
    gemini.wire = WireFormat::GeminiGenerate;
    gemini.keyHeader = KeyHeader::XGoogApiKey;
    gemini.defaultBaseUrl = u"https://generativelanguage.googleapis.com/v1beta"_s;
    gemini.keyEnvVar = u"GEMINI_API_KEY"_s;

    // Local servers take no key unless started with one (vLLM's and llama.cpp's own variables).
    return {
        openai,
        anthropic,
        gemini,
        azure,
        openAiCompatible(u"ollama"_s, u"http://localhost:11434/v1"_s, false, {}),
        openAiCompatible(u"lmstudio"_s, u"http://localhost:1234/v1"_s, false, {}),
        openAiCompatible(u"vllm"_s, u"http://localhost:8000/v1"_s, false, u"VLLM_API_KEY"_s),
        openAiCompatible(u"llamacpp"_s, u"http://localhost:8080/v1"_s, false, u"LLAMA_API_KEY"_s),
        openAiCompatible(u"groq"_s, u"https://api.groq.com/openai/v1"_s, true, u"GROQ_API_KEY"_s),
        openAiCompatible(u"deepseek"_s, u"https://api.deepseek.com"_s, true, u"DEEPSEEK_API_KEY"_s),
        openAiCompatible(u"mistral"_s, u"https://api.mistral.ai/v1"_s, true, u"MISTRAL_API_KEY"_s),
        openAiCompatible(
            u"openrouter"_s, u"https://openrouter.ai/api/v1"_s, true, u"OPENROUTER_API_KEY"_s),
        openAiCompatible(
            u"together"_s, u"https://api.together.xyz/v1"_s, true, u"TOGETHER_API_KEY"_s),
    };
}

} // namespace

const QList<ProviderPreset> &providerPresets()
{
    static const QList<ProviderPreset> presets = makePresets();
    return presets;
}

const ProviderPreset *findProviderPreset(const QString &id)
{
    for (const ProviderPreset &preset : providerPresets()) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

QStringList availableProviderIds()
{
    QStringList ids{u"none"_s};
    for (const ProviderPreset &preset : providerPresets())
        ids.append(preset.id);
    return ids;
}

Result<LlmEndpoint> resolveEndpoint(const ModelConfig &config)
{
    const ProviderPreset *preset = findProviderPreset(config.provider);
    if (!preset) {
        QStringList ids = availableProviderIds();
        ids.removeOne(u"none"_s);
        return makeError(ErrorCode::InvalidArgument,
                         u"model_config.provider: \"%1\" is not a model provider (one of %2)"_s.arg(
                             config.provider, ids.join(u", "_s)));
    }
    const QString base = config.baseUrl.isEmpty() ? preset->defaultBaseUrl : config.baseUrl;
    if (base.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         u"model_config.base_url: provider %1 needs the resource's URL, e.g. "
                         "https://RESOURCE.openai.azure.com"_s.arg(preset->id));
    QUrl url(base, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        return makeError(ErrorCode::InvalidArgument,
                         u"model_config.base_url: \"%1\" is not an http(s) URL"_s.arg(
                             url.toDisplayString(QUrl::RemoveUserInfo)));
    if (!url.userInfo().isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         u"model_config.base_url: put no credentials in the URL; the key "
                         "comes from Settings → Providers or the environment"_s);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    url.setFragment({});
    return LlmEndpoint{*preset, url};
}

QString apiKeyFromEnvironment(const ProviderPreset &preset)
{
    if (preset.keyEnvVar.isEmpty())
        return {};
    return qEnvironmentVariable(preset.keyEnvVar.toLocal8Bit().constData()).trimmed();
}

} // namespace nightshift
