#include "llmerrors.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

// Shorter keys are too likely to occur in ordinary words to be replaced wholesale.
constexpr qsizetype MinScrubbedKeyLength = 6;

QString withProviderMessage(QString text, const QString &providerMessage)
{
    if (!providerMessage.isEmpty())
        text += u" The provider said: %1"_s.arg(providerMessage);
    return text;
}

} // namespace

QString scrubSecrets(QString text, const QString &key)
{
    const QString redacted = u"[redacted]"_s;
    if (key.size() >= MinScrubbedKeyLength)
        text.replace(key, redacted);
    // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), Google (AIza), Groq (gsk_), keys the
    // provider quotes masked (sk-abc****wxyz), and bearer tokens.
    static const QRegularExpression shapes(
        uR"(\b(?:sk|pk|rk)-[A-Za-z0-9_.*-]{6,}|\bAIza[A-Za-z0-9_-]{10,}|\bgsk_[A-Za-z0-9]{10,})"
        uR"(|\S*\*{4,}\S*)"_s);
    text.replace(shapes, redacted);
    static const QRegularExpression bearer(uR"(\b(Bearer)\s+[A-Za-z0-9._~+/=-]+)"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    text.replace(bearer, u"\\1 "_s + redacted);
    return text;
}

QString keyAdvice(const ProviderPreset &preset)
{
    if (preset.keyEnvVar.isEmpty())
        return u"set a key in Settings → Providers"_s;
    return u"set a key in Settings → Providers or %1"_s.arg(preset.keyEnvVar);
}

Error httpStatusError(const ProviderPreset &preset,
                      const QString &model,
                      const QUrl &url,
                      int status,
                      const QString &providerMessage)
{
    const QString &id = preset.id;
    if (status == 401)
        return makeError(ErrorCode::InvalidArgument,
                         withProviderMessage(u"provider %1 rejected the API key (401): %2."_s.arg(
                                                 id, keyAdvice(preset)),
                                             providerMessage));
    if (status == 403)
        return makeError(
            ErrorCode::InvalidArgument,
            withProviderMessage(u"provider %1 refused access (403): the key may lack permission "
                                "for model \"%2\" or the account is not enabled for it; check "
                                "the key, or %3."_s.arg(id, model, keyAdvice(preset)),
                                providerMessage));
    if (status == 404)
        return makeError(
            ErrorCode::NotFound,
            withProviderMessage(u"provider %1 knows no model \"%2\" at %3 (404): check "
                                "model_config.model and model_config.base_url."_s.arg(
                                    id, model, url.toDisplayString(QUrl::RemoveQuery)),
                                providerMessage));
    if (status >= 300 && status < 400)
        return makeError(ErrorCode::InvalidArgument,
                         u"provider %1 redirected the request (%2): set model_config.base_url "
                         "to the address the API really lives at."_s.arg(id)
                             .arg(status));
    // Gemini answers a bad key with 400 rather than 401.
    const bool aboutKey = providerMessage.contains(u"api key"_s, Qt::CaseInsensitive)
                          || providerMessage.contains(u"api_key"_s, Qt::CaseInsensitive);
    QString text = u"provider %1 rejected the request (%2)"_s.arg(id).arg(status);
    text += aboutKey ? u": %1."_s.arg(keyAdvice(preset))
                     : u": check model_config and the agent's tools."_s;
    return makeError(ErrorCode::InvalidArgument, withProviderMessage(text, providerMessage));
}

} // namespace nightshift
