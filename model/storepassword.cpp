#include "storepassword.h"

#include "appsettings.h"
#include "redisurl.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QUrl>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

// Where the user info starts in a Redis URL; -1 for URLs of other kinds.
qsizetype authorityStart(const QString &url)
{
    for (const QString &scheme : {u"redis://"_s, u"rediss://"_s}) {
        if (url.startsWith(scheme, Qt::CaseInsensitive))
            return scheme.size();
    }
    return -1;
}

// The last '@' ends the user info, as for maskRedisUrl: a password may hold an unencoded '@'.
qsizetype userInfoEnd(const QString &url, qsizetype start)
{
    const qsizetype at = url.lastIndexOf(u'@');
    return at >= start ? at : -1;
}

// Answers later, as a SecretStore does, so that callers have one path.
template<typename Done, typename Value>
void answerLater(QObject *context, Done done, Value value)
{
    QMetaObject::invokeMethod(
        context,
        [done = std::move(done), value = std::move(value)] { done(value); },
        Qt::QueuedConnection);
}

} // namespace

StoreUrlParts splitStorePassword(const QString &url)
{
    const qsizetype start = authorityStart(url);
    const qsizetype at = start < 0 ? -1 : userInfoEnd(url, start);
    if (at < 0)
        return {url, {}};
    const QString userInfo = url.mid(start, at - start);
    const qsizetype colon = userInfo.indexOf(u':');
    if (colon < 0)
        return {url, {}};
    const QString user = userInfo.left(colon);
    return {url.left(start) + (user.isEmpty() ? QString() : user + u'@') + url.mid(at + 1),
            QUrl::fromPercentEncoding(userInfo.mid(colon + 1).toUtf8())};
}

QString joinStorePassword(const QString &url, const QString &password)
{
    const qsizetype start = authorityStart(url);
    if (start < 0 || password.isEmpty())
        return url;
    const qsizetype at = userInfoEnd(url, start);
    const QString user = at < 0 ? QString() : url.mid(start, at - start);
    const QString rest = at < 0 ? url.mid(start) : url.mid(at + 1);
    return url.left(start) + user + u':' + QString::fromLatin1(QUrl::toPercentEncoding(password))
           + u'@' + rest;
}

QString storePasswordName(const QString &url)
{
    // The options (key prefix, retention) may change without the password changing.
    const qsizetype query = url.indexOf(u'?');
    return query < 0 ? url : url.left(query);
}

void saveStoreUrl(AppSettings *settings,
                  SecretStore *secrets,
                  const QString &url,
                  const QString &password,
                  QObject *context,
                  SecretStore::WriteDone done)
{
    const StoreUrlParts parts = splitStorePassword(url.trimmed());
    const QString secret = authorityStart(parts.url) < 0
                               ? QString()
                               : (parts.password.isEmpty() ? password : parts.password);
    const QString oldName = settings->storePasswordInKeychain()
                                ? storePasswordName(splitStorePassword(settings->storeUrl()).url)
                                : QString();
    const QString name = storePasswordName(parts.url);
    // A password left under a name nothing reads any more is a secret kept for no one.
    const auto forgetOld = [secrets, context, oldName](const QString &kept) {
        if (!oldName.isEmpty() && oldName != kept)
            secrets->remove(oldName, context, [](const Result<void> &) {});
    };
    if (secret.isEmpty()) {
        settings->setStoreUrl(parts.url);
        settings->setStorePasswordInKeychain(false);
        settings->sync();
        forgetOld(QString());
        answerLater(context, std::move(done), Result<void>());
        return;
    }
    secrets->write(
        name,
        secret,
        context,
        [settings, url = parts.url, name, forgetOld, done = std::move(done)](
            const Result<void> &stored) {
            if (!stored) {
                done(makeError(stored.error().code,
                               QCoreApplication::translate(
                                   "nightshift::StorePassword",
                                   "The store's password was not saved in the keychain, so the "
                                   "store was not changed: %1")
                                   .arg(stored.errorMessage())));
                return;
            }
            settings->setStoreUrl(url);
            settings->setStorePasswordInKeychain(true);
            settings->sync();
            forgetOld(name);
            done({});
        });
}

void loadStoreUrl(AppSettings *settings,
                  SecretStore *secrets,
                  QObject *context,
                  std::function<void(Result<SavedStoreUrl>)> done)
{
    const QString saved = settings->storeUrl();
    const StoreUrlParts parts = splitStorePassword(saved);
    if (!parts.password.isEmpty()) {
        // Saved by an older version, in plain text: moved to the keychain now. Without a
        // keychain it stays where it was, and the store still opens.
        saveStoreUrl(settings,
                     secrets,
                     saved,
                     QString(),
                     context,
                     [saved, done = std::move(done)](const Result<void> &moved) {
                         done(SavedStoreUrl{saved, moved ? QString() : moved.errorMessage()});
                     });
        return;
    }
    if (!settings->storePasswordInKeychain()) {
        answerLater(context, std::move(done), Result<SavedStoreUrl>(SavedStoreUrl{saved, {}}));
        return;
    }
    const QString masked = maskRedisUrl(joinStorePassword(saved, u"*"_s));
    secrets->read(storePasswordName(saved),
                  context,
                  [saved, masked, done = std::move(done)](const Result<QString> &password) {
                      if (password) {
                          done(SavedStoreUrl{joinStorePassword(saved, *password), {}});
                      } else if (password.error().code == ErrorCode::NotFound) {
                          done(makeError(ErrorCode::NotFound,
                                         QCoreApplication::translate(
                                             "nightshift::StorePassword",
                                             "The password of the store %1 is not in the "
                                             "keychain: enter it in Settings → Store, or give the "
                                             "whole URL with --store.")
                                             .arg(masked)));
                      } else {
                          done(makeError(password.error().code,
                                         QCoreApplication::translate(
                                             "nightshift::StorePassword",
                                             "The password of the store %1 cannot be read from "
                                             "the keychain: %2")
                                             .arg(masked, password.errorMessage())));
                      }
                  });
}

void readStorePassword(const AppSettings *settings,
                       SecretStore *secrets,
                       QObject *context,
                       SecretStore::ReadDone done)
{
    const StoreUrlParts parts = splitStorePassword(settings->storeUrl());
    if (!parts.password.isEmpty() || !settings->storePasswordInKeychain()) {
        answerLater(context, std::move(done), Result<QString>(parts.password));
        return;
    }
    secrets->read(storePasswordName(parts.url), context, std::move(done));
}

} // namespace nightshift
