#pragma once

#include "result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace nightshift {

/// Where API keys come from, by name. Every call answers later, never from inside the call,
/// through done on context's thread (which must run an event loop); nothing is called if context
/// is gone by then. A key is never part of an error message.
class SecretStore
{
public:
    using ReadDone = std::function<void(Result<QString>)>;
    using WriteDone = std::function<void(Result<void>)>;

    virtual ~SecretStore() = default;

    /// The key stored under name; NotFound (with what to do about it) if there is none.
    virtual void read(const QString &name, QObject *context, ReadDone done) = 0;
    /// Stores secret under name, replacing what was there.
    virtual void write(const QString &name, const QString &secret, QObject *context, WriteDone done)
        = 0;
    /// Deletes the key stored under name; NotFound if there was none.
    virtual void remove(const QString &name, QObject *context, WriteDone done) = 0;
};

/// Keys from environment variables of the same name (OPENAI_API_KEY), for headless workers.
/// The environment is read-only: write and remove fail with Unavailable.
class EnvironmentSecretStore final : public SecretStore
{
public:
    void read(const QString &name, QObject *context, ReadDone done) override;
    void write(const QString &name,
               const QString &secret,
               QObject *context,
               WriteDone done) override;
    void remove(const QString &name, QObject *context, WriteDone done) override;
};

/// The key name a provider reads when model_config.api_key is empty (openai: OPENAI_API_KEY);
/// empty for providers that run without a key (none, ollama, lmstudio, vllm, llamacpp).
QString defaultKeyName(const QString &provider);

/// Whether name can name a key: 1 to 64 of A-Z a-z 0-9 _ . - (and does not look like a key).
bool isValidKeyName(const QString &name);

/// Whether text looks like an API key rather than the name of one: a known key prefix
/// (sk-, AIza, …) or a long run of letters and digits with no separator.
bool looksLikeSecret(const QString &text);

/// What to tell someone who put a key where its name belongs.
QString secretInsteadOfNameMessage();

} // namespace nightshift
