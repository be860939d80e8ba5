#include "secretstore.h"

#include <QMetaObject>

#include <algorithm>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxKeyNameLength = 64;
// A run of letters and digits this long, with digits in it, is a token, not a word of a name.
constexpr qsizetype RandomRunLength = 20;

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
           || u == u'_' || u == u'.' || u == u'-';
}

bool hasRandomLookingRun(const QString &text)
{
    qsizetype run = 0;
    int digits = 0;
    int letters = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const QChar c = i < text.size() ? text.at(i) : QChar();
        if (i < text.size() && c.isLetterOrNumber() && c.unicode() < 128) {
            ++run;
            (c.isDigit() ? digits : letters) += 1;
            continue;
        }
        if (run >= RandomRunLength && digits >= 2 && letters >= 2)
            return true;
        run = 0;
        digits = 0;
        letters = 0;
    }
    return false;
}

} // namespace

void EnvironmentSecretStore::read(const QString &name, QObject *context, ReadDone done)
{
    Result<QString> result = makeError(
        ErrorCode::NotFound, u"no key named %1: set the environment variable %1"_s.arg(name));
    if (const QString value = qEnvironmentVariable(name.toLocal8Bit().constData());
        !value.isEmpty())
        result = value;
    // Answers come later, as from every store, so callers have one path to get right.
    QMetaObject::invokeMethod(
        context,
        [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

void EnvironmentSecretStore::write(const QString &name,
                                   const QString &,
                                   QObject *context,
                                   WriteDone done)
{
    const Error error{
        ErrorCode::Unavailable,
        u"cannot store %1: environment variables are read-only to Nightshift"_s.arg(name)};
    QMetaObject::invokeMethod(
        context, [done = std::move(done), error] { done(error); }, Qt::QueuedConnection);
}

void EnvironmentSecretStore::remove(const QString &name, QObject *context, WriteDone done)
{
    const Error error{
        ErrorCode::Unavailable,
        u"cannot delete %1: environment variables are read-only to Nightshift"_s.arg(name)};
    QMetaObject::invokeMethod(
        context, [done = std::move(done), error] { done(error); }, Qt::QueuedConnection);
}

QString defaultKeyName(const QString &provider)
{
    if (provider == u"azure")
        return u"AZURE_OPENAI_API_KEY"_s;
    static const QStringList keyed = {u"openai"_s,
                                      u"anthropic"_s,
                                      u"gemini"_s,
                                      u"groq"_s,
                                      u"deepseek"_s,
                                      u"mistral"_s,
                                      u"openrouter"_s,
                                      u"together"_s};
    if (keyed.contains(provider))
        return provider.toUpper() + u"_API_KEY"_s;
    return {};
}

bool isValidKeyName(const QString &name)
{
    return !name.isEmpty() && name.size() <= MaxKeyNameLength
           && std::all_of(name.cbegin(), name.cend(), isNameChar) && !looksLikeSecret(name);
}

bool looksLikeSecret(const QString &text)
{
    // The published prefixes of OpenAI, Google, Groq, xAI, GitHub and GitLab keys, and a header.
    static const QStringList prefixes = {u"sk-"_s,
                                         u"AIza"_s,
                                         u"gsk_"_s,
                                         u"xai-"_s,
                                         u"ghp_"_s,
                                         u"github_pat_"_s,
                                         u"glpat-"_s,
                                         u"Bearer "_s};
    if (std::any_of(prefixes.cbegin(), prefixes.cend(), [&text](const QString &prefix) {
            return text.startsWith(prefix);
        }))
        return true;
    if (text.size() > MaxKeyNameLength)
        return true;
    // Base64 alphabets put these in keys; no name has them.
    if (text.size() >= RandomRunLength && std::any_of(text.cbegin(), text.cend(), [](QChar c) {
            return c == u'+' || c == u'/' || c == u'=';
        }))
        return true;
    return hasRandomLookingRun(text);
}

QString secretInsteadOfNameMessage()
{
    return u"this looks like an API key itself, not the name of one; a config must never hold "
           "a key. Store it in the keychain with `nightshift keys set NAME` (it reads the key "
           "from standard input) or in an environment variable NAME, and put NAME here"_s;
}

} // namespace nightshift
