#include "keychainsecretstore.h"

#include <QMetaObject>
#include <QPointer>

#include <qt6keychain/keychain.h>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

// What a finished job said, copied out before it deletes itself.
struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

void runJob(QKeychain::Job *job, QObject *context, std::function<void(const JobOutcome &)> handle)
{
    job->setAutoDelete(true);
    QObject::connect(
        job,
        &QKeychain::Job::finished,
        job,
        [guard = QPointer<QObject>(context), handle](QKeychain::Job *finished) {
            JobOutcome outcome{finished->error(), finished->errorString(), {}};
            if (const auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                outcome.text = read->textData();
            if (!guard)
                return;
            // Job's thread → context's thread (one and the same when used as
            // documented); queued either way, so callers have one path.
            QMetaObject::invokeMethod(
                guard.data(), [handle, outcome] { handle(outcome); }, Qt::QueuedConnection);
        });
    job->start();
}

Error keychainError(const JobOutcome &outcome, const QString &doing, const QString &name)
{
    const QString reason
        = outcome.errorString.isEmpty() ? u"no reason given"_s : outcome.errorString;
    switch (outcome.error) {
    case QKeychain::EntryNotFound:
        return makeError(ErrorCode::NotFound, u"no key named %1 in the keychain"_s.arg(name));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return makeError(ErrorCode::Unavailable,
                         u"the keychain refused to %1 %2: %3"_s.arg(doing, name, reason));
    default:
        return makeError(
            ErrorCode::Unavailable,
            u"cannot %1 %2 in the keychain: %3. Without a keychain (a headless "
            "machine), set the environment variable %2 instead"_s.arg(doing, name, reason));
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(SecretStore *fallback)
    : m_fallback(fallback)
{}

void KeychainSecretStore::read(const QString &name, QObject *context, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(Service));
    job->setKey(name);
    runJob(job, context, [this, name, context, done](const JobOutcome &outcome) {
        if (outcome.error == QKeychain::NoError) {
            done(outcome.text);
            return;
        }
        const QString keychainSays = outcome.error == QKeychain::EntryNotFound
                                         ? QString()
                                         : u" (the keychain said: %1)"_s.arg(outcome.errorString);
        const QString notFound = u"no key named %1 in the keychain or the environment%2: store "
                                 "it with `nightshift keys set %1`, or set the environment "
                                 "variable %1"_s.arg(name, keychainSays);
        if (!m_fallback) {
            done(keychainError(outcome, u"read"_s, name));
            return;
        }
        m_fallback->read(name, context, [done, notFound](Result<QString> fromFallback) {
            if (fromFallback)
                done(std::move(fromFallback));
            else
                done(makeError(ErrorCode::NotFound, notFound));
        });
    });
}

void KeychainSecretStore::write(const QString &name,
                                const QString &secret,
                                QObject *context,
                                WriteDone done)
{
    auto *job = new QKeychain::WritePasswordJob(QLatin1String(Service));
    job->setKey(name);
    job->setTextData(secret);
    runJob(job, context, [name, done](const JobOutcome &outcome) {
        if (outcome.error == QKeychain::NoError)
            done({});
        else
            done(keychainError(outcome, u"store"_s, name));
    });
}

void KeychainSecretStore::remove(const QString &name, QObject *context, WriteDone done)
{
    // Some backends report success for deleting what is not there; reading first tells.
    auto *probe = new QKeychain::ReadPasswordJob(QLatin1String(Service));
    probe->setKey(name);
    runJob(probe, context, [name, context, done](const JobOutcome &found) {
        if (found.error != QKeychain::NoError) {
            done(keychainError(found, u"delete"_s, name));
            return;
        }
        auto *job = new QKeychain::DeletePasswordJob(QLatin1String(Service));
        job->setKey(name);
        runJob(job, context, [name, done](const JobOutcome &outcome) {
            if (outcome.error == QKeychain::NoError)
                done({});
            else
                done(keychainError(outcome, u"delete"_s, name));
        });
    });
}

std::shared_ptr<SecretStore> appSecretStore()
{
    struct Stores
    {
        EnvironmentSecretStore environment;
        KeychainSecretStore keychain{&environment};
    };
    auto stores = std::make_shared<Stores>();
    return std::shared_ptr<SecretStore>(stores, &stores->keychain);
}

} // namespace nightshift
