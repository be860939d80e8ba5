#pragma once

#include "result.h"
#include "secretstore.h"

#include <QString>

#include <functional>

class QObject;

namespace nightshift {

class AppSettings;

/// A store URL taken apart: the URL without its password, and the password (decoded).
struct StoreUrlParts
{
    QString url;
    QString password;
};

/// Takes the password out of a redis:// or rediss:// URL; other URLs come back whole.
StoreUrlParts splitStorePassword(const QString &url);

/// Puts password (not yet encoded) into a redis:// or rediss:// URL that has none.
QString joinStorePassword(const QString &url, const QString &password);

/// The keychain entry holding the password of url (a URL without a password): the URL without
/// its options, e.g. "redis://user@host:6379/0".
QString storePasswordName(const QString &url);

/// The saved store as it is to be opened, and what could not be tidied on the way.
struct SavedStoreUrl
{
    QString url;    ///< With its password, ready for openStore; never to be shown or logged.
    QString notice; ///< Why a password could not leave the settings file; empty when it did.
};

/// Saves url as the store to open, its password (in url, or else password) in secrets rather
/// than in settings. The settings change only once the password is stored; done tells how it
/// went. settings and secrets must outlive the call; done runs on context's thread.
void saveStoreUrl(AppSettings *settings,
                  SecretStore *secrets,
                  const QString &url,
                  const QString &password,
                  QObject *context,
                  SecretStore::WriteDone done);

/// The saved store URL with its password put back from secrets; an error names the store and
/// says what to do when the password is not there. A password still in the settings file (from
/// an older version) is moved to secrets first. Lifetimes as for saveStoreUrl.
void loadStoreUrl(AppSettings *settings,
                  SecretStore *secrets,
                  QObject *context,
                  std::function<void(Result<SavedStoreUrl>)> done);

/// The saved store's password from secrets, empty when it has none.
void readStorePassword(const AppSettings *settings,
                       SecretStore *secrets,
                       QObject *context,
                       SecretStore::ReadDone done);

} // namespace nightshift
