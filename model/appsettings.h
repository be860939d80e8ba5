#pragma once

#include "agentspec.h"
#include "notificationpolicy.h"
#include "requestlimiter.h"

#include <QHash>
#include <QString>

#include <memory>

class QSettings;

namespace nightshift {

/// What a new agent gets unless its config says otherwise (Settings → Limits).
struct DefaultLimits
{
    AgentLimits limits;
    int maxRetries = TaskConfig().maxRetries;
    qint64 timeoutMs = TaskConfig().timeoutMs;

    bool operator==(const DefaultLimits &) const = default;
};

/// The dashboard's settings, typed and with their defaults, over QSettings. API keys and the
/// store's password are not among them: those live in the keychain.
class AppSettings final
{
public:
    /// The user's settings where the platform keeps them; set the application's and the
    /// organization's names first.
    AppSettings();
    /// Settings in an INI file, for tests and portable installs.
    explicit AppSettings(const QString &iniFile);
    ~AppSettings();

    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    /// The store the dashboard opens when no --store is given; defaultStoreUrl() until set.
    /// Its password is not part of it (see storepassword.h), except in a file written by an
    /// older version.
    QString storeUrl() const;
    /// Saves url without its password, which is dropped rather than written down.
    void setStoreUrl(const QString &url);
    /// Whether the store's password waits in the keychain (see saveStoreUrl).
    bool storePasswordInKeychain() const;
    void setStorePasswordInKeychain(bool inKeychain);

    /// The base URL for a provider's agents that name none; empty for the preset's own.
    QString providerBaseUrl(const QString &providerId) const;
    void setProviderBaseUrl(const QString &providerId, const QString &url);
    /// Every provider's base URL that is set, by provider id, for EngineHost.
    QHash<QString, QString> providerBaseUrls() const;
    /// How many requests a provider gets at once and per minute (Settings → Providers); no
    /// limit until set.
    ProviderLimits providerLimits(const QString &providerId) const;
    void setProviderLimits(const QString &providerId, const ProviderLimits &limits);
    /// Every provider's limits that are set, by provider id, for EngineHost.
    QHash<QString, ProviderLimits> allProviderLimits() const;
    /// The model the Providers page tests a provider with.
    QString providerTestModel(const QString &providerId) const;
    void setProviderTestModel(const QString &providerId, const QString &model);

    /// The most runs in progress at once across the fleet (Settings → Limits); 0, no limit,
    /// until set.
    int maxConcurrentRuns() const;
    void setMaxConcurrentRuns(int limit);
    /// What the whole fleet may spend a day and a month (Settings → Limits); no caps and
    /// skipping until set.
    Budget fleetBudget() const;
    void setFleetBudget(const Budget &budget);

    DefaultLimits defaultLimits() const;
    void setDefaultLimits(const DefaultLimits &limits);

    NotificationSettings notifications() const;
    void setNotifications(const NotificationSettings &notifications);

    /// Whether closing the window keeps agents running in the tray (on by default).
    bool closeToTray() const;
    void setCloseToTray(bool enabled);

    /// Whether the user asked for Nightshift to start at login (see LoginItem for the system's
    /// side).
    bool startAtLogin() const;
    void setStartAtLogin(bool enabled);

    /// The interface language ("en", "de"); empty follows the system's.
    QString language() const;
    void setLanguage(const QString &language);

    /// Writes what was set to disk now rather than at destruction.
    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace nightshift
