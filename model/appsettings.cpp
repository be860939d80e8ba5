#include "appsettings.h"

#include "routers.h"
#include "storepassword.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

// The keys, in one place so that a typo cannot split a setting in two.
const auto StoreUrlKey = u"store/url"_s;
const auto StorePasswordKey = u"store/password_in_keychain"_s;
const auto ProvidersGroup = u"providers"_s;
const auto BaseUrlKey = u"base_url"_s;
const auto TestModelKey = u"test_model"_s;
const auto MaxConcurrentKey = u"max_concurrent_requests"_s;
const auto PerMinuteKey = u"requests_per_minute"_s;
const auto MaxStepsKey = u"limits/max_steps"_s;
const auto ToolCallTimeoutKey = u"limits/tool_call_timeout_ms"_s;
const auto RequestLimitKey = u"limits/request_limit"_s;
const auto TokensLimitKey = u"limits/total_tokens_limit"_s;
const auto MaxRetriesKey = u"limits/max_retries"_s;
const auto TimeoutKey = u"limits/timeout_ms"_s;
const auto FleetMaxRunsKey = u"fleet/max_concurrent_runs"_s;
const auto FleetDailyTokensKey = u"fleet/daily_tokens"_s;
const auto FleetMonthlyTokensKey = u"fleet/monthly_tokens"_s;
const auto FleetDailyCostKey = u"fleet/daily_cost"_s;
const auto FleetMonthlyCostKey = u"fleet/monthly_cost"_s;
const auto FleetOnExceededKey = u"fleet/on_exceeded"_s;
const auto OnFailureKey = u"notifications/on_failure"_s;
const auto OnRecoveryKey = u"notifications/on_recovery"_s;
const auto OnNotifyKey = u"notifications/on_notify"_s;
const auto QuietHoursKey = u"notifications/quiet_hours"_s;
const auto QuietFromKey = u"notifications/quiet_from"_s;
const auto QuietUntilKey = u"notifications/quiet_until"_s;
// QSettings writes a group named general in any case as [%General] and reads that back as
// "General": only this spelling survives a restart (and reads files the others wrote).
const auto CloseToTrayKey = u"General/close_to_tray"_s;
const auto StartAtLoginKey = u"General/start_at_login"_s;
const auto LanguageKey = u"General/language"_s;

// What the Providers page offers; a hand-edited file may say more.
constexpr int MaxProviderLimit = 100'000;
// What the Limits page offers for the fleet's run limit.
constexpr int MaxFleetRuns = 10'000;

QString providerKey(const QString &providerId, const QString &key)
{
    return ProvidersGroup + u'/' + providerId + u'/' + key;
}

// A hand-edited file may hold anything; a value that is not a count falls back to the default.
qint64 countOr(const QSettings &settings, const QString &key, qint64 fallback)
{
    bool ok = false;
    const qint64 value = settings.value(key).toLongLong(&ok);
    return ok && value >= 0 ? value : fallback;
}

// An amount of US dollars, or 0 (no cap) for what is not one.
double costOr0(const QSettings &settings, const QString &key)
{
    bool ok = false;
    const double value = settings.value(key).toDouble(&ok);
    return ok && std::isfinite(value) && value > 0 ? value : 0;
}

QTime timeOr(const QSettings &settings, const QString &key, QTime fallback)
{
    const QTime time = QTime::fromString(settings.value(key).toString(), u"HH:mm"_s);
    return time.isValid() ? time : fallback;
}

} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{}

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{}

AppSettings::~AppSettings() = default;

QString AppSettings::storeUrl() const
{
    const QString url = m_settings->value(StoreUrlKey).toString().trimmed();
    return url.isEmpty() ? defaultStoreUrl() : url;
}

void AppSettings::setStoreUrl(const QString &url)
{
    // A secret must never reach the settings file; a caller that forgot to take it out loses it.
    const QString saved = splitStorePassword(url.trimmed()).url;
    // The default is not written down, so that it follows the platform's data folder.
    if (saved.isEmpty() || saved == defaultStoreUrl())
        m_settings->remove(StoreUrlKey);
    else
        m_settings->setValue(StoreUrlKey, saved);
}

bool AppSettings::storePasswordInKeychain() const
{
    return m_settings->value(StorePasswordKey, false).toBool();
}

void AppSettings::setStorePasswordInKeychain(bool inKeychain)
{
    if (inKeychain)
        m_settings->setValue(StorePasswordKey, true);
    else
        m_settings->remove(StorePasswordKey);
}

QString AppSettings::providerBaseUrl(const QString &providerId) const
{
    return m_settings->value(providerKey(providerId, BaseUrlKey)).toString();
}

void AppSettings::setProviderBaseUrl(const QString &providerId, const QString &url)
{
    if (url.trimmed().isEmpty())
        m_settings->remove(providerKey(providerId, BaseUrlKey));
    else
        m_settings->setValue(providerKey(providerId, BaseUrlKey), url.trimmed());
}

QHash<QString, QString> AppSettings::providerBaseUrls() const
{
    QHash<QString, QString> urls;
    m_settings->beginGroup(ProvidersGroup);
    const QStringList providers = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &provider : providers) {
        if (const QString url = providerBaseUrl(provider); !url.isEmpty())
            urls.insert(provider, url);
    }
    return urls;
}

ProviderLimits AppSettings::providerLimits(const QString &providerId) const
{
    const auto limit = [this, &providerId](const QString &key) {
        return int(std::min<qint64>(countOr(*m_settings, providerKey(providerId, key), 0),
                                    MaxProviderLimit));
    };
    return {limit(MaxConcurrentKey), limit(PerMinuteKey)};
}

void AppSettings::setProviderLimits(const QString &providerId, const ProviderLimits &limits)
{
    // No limit is not written down, so that a provider without limits leaves no trace.
    const auto store = [this, &providerId](const QString &key, int value) {
        if (value > 0)
            m_settings->setValue(providerKey(providerId, key), value);
        else
            m_settings->remove(providerKey(providerId, key));
    };
    store(MaxConcurrentKey, limits.maxConcurrent);
    store(PerMinuteKey, limits.perMinute);
}

QHash<QString, ProviderLimits> AppSettings::allProviderLimits() const
{
    QHash<QString, ProviderLimits> all;
    m_settings->beginGroup(ProvidersGroup);
    const QStringList providers = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &provider : providers) {
        if (const ProviderLimits limits = providerLimits(provider); !limits.isUnlimited())
            all.insert(provider, limits);
    }
    return all;
}

QString AppSettings::providerTestModel(const QString &providerId) const
{
    return m_settings->value(providerKey(providerId, TestModelKey)).toString();
}

void AppSettings::setProviderTestModel(const QString &providerId, const QString &model)
{
    if (model.trimmed().isEmpty())
        m_settings->remove(providerKey(providerId, TestModelKey));
    else
        m_settings->setValue(providerKey(providerId, TestModelKey), model.trimmed());
}

int AppSettings::maxConcurrentRuns() const
{
    return int(std::min<qint64>(countOr(*m_settings, FleetMaxRunsKey, 0), MaxFleetRuns));
}

void AppSettings::setMaxConcurrentRuns(int limit)
{
    // No limit is not written down, as for the providers' limits.
    if (limit > 0)
        m_settings->setValue(FleetMaxRunsKey, limit);
    else
        m_settings->remove(FleetMaxRunsKey);
}

Budget AppSettings::fleetBudget() const
{
    Budget budget;
    budget.dailyTokens = countOr(*m_settings, FleetDailyTokensKey, 0);
    budget.monthlyTokens = countOr(*m_settings, FleetMonthlyTokensKey, 0);
    budget.dailyCost = costOr0(*m_settings, FleetDailyCostKey);
    budget.monthlyCost = costOr0(*m_settings, FleetMonthlyCostKey);
    budget.onExceeded = m_settings->value(FleetOnExceededKey).toString() == u"pause"
                            ? Budget::Action::Pause
                            : Budget::Action::Skip;
    return budget;
}

void AppSettings::setFleetBudget(const Budget &budget)
{
    // A cap of 0 is no cap and is not written down, so the defaults leave no trace.
    const auto store = [this](const QString &key, auto value) {
        if (value > 0)
            m_settings->setValue(key, value);
        else
            m_settings->remove(key);
    };
    store(FleetDailyTokensKey, budget.dailyTokens);
    store(FleetMonthlyTokensKey, budget.monthlyTokens);
    store(FleetDailyCostKey, budget.dailyCost);
    store(FleetMonthlyCostKey, budget.monthlyCost);
    if (budget.onExceeded == Budget::Action::Pause)
        m_settings->setValue(FleetOnExceededKey, u"pause"_s);
    else
        m_settings->remove(FleetOnExceededKey);
}

DefaultLimits AppSettings::defaultLimits() const
{
    const DefaultLimits defaults;
    DefaultLimits limits;
    limits.limits.maxSteps = int(
        std::clamp<qint64>(countOr(*m_settings, MaxStepsKey, defaults.limits.maxSteps), 1, 1000));
    limits.limits.toolCallTimeoutMs
        = countOr(*m_settings, ToolCallTimeoutKey, defaults.limits.toolCallTimeoutMs);
    limits.limits.requestLimit
        = countOr(*m_settings, RequestLimitKey, defaults.limits.requestLimit);
    limits.limits.totalTokensLimit
        = countOr(*m_settings, TokensLimitKey, defaults.limits.totalTokensLimit);
    limits.maxRetries
        = int(std::clamp<qint64>(countOr(*m_settings, MaxRetriesKey, defaults.maxRetries), 0, 100));
    limits.timeoutMs = countOr(*m_settings, TimeoutKey, defaults.timeoutMs);
    return limits;
}

void AppSettings::setDefaultLimits(const DefaultLimits &limits)
{
    m_settings->setValue(MaxStepsKey, limits.limits.maxSteps);
    m_settings->setValue(ToolCallTimeoutKey, limits.limits.toolCallTimeoutMs);
    m_settings->setValue(RequestLimitKey, limits.limits.requestLimit);
    m_settings->setValue(TokensLimitKey, limits.limits.totalTokensLimit);
    m_settings->setValue(MaxRetriesKey, limits.maxRetries);
    m_settings->setValue(TimeoutKey, limits.timeoutMs);
}

NotificationSettings AppSettings::notifications() const
{
    const NotificationSettings defaults;
    NotificationSettings notifications;
    notifications.onFailure = m_settings->value(OnFailureKey, defaults.onFailure).toBool();
    notifications.onRecovery = m_settings->value(OnRecoveryKey, defaults.onRecovery).toBool();
    notifications.onNotify = m_settings->value(OnNotifyKey, defaults.onNotify).toBool();
    notifications.quietHours = m_settings->value(QuietHoursKey, defaults.quietHours).toBool();
    notifications.quietFrom = timeOr(*m_settings, QuietFromKey, defaults.quietFrom);
    notifications.quietUntil = timeOr(*m_settings, QuietUntilKey, defaults.quietUntil);
    return notifications;
}

void AppSettings::setNotifications(const NotificationSettings &notifications)
{
    m_settings->setValue(OnFailureKey, notifications.onFailure);
    m_settings->setValue(OnRecoveryKey, notifications.onRecovery);
    m_settings->setValue(OnNotifyKey, notifications.onNotify);
    m_settings->setValue(QuietHoursKey, notifications.quietHours);
    m_settings->setValue(QuietFromKey, notifications.quietFrom.toString(u"HH:mm"_s));
    m_settings->setValue(QuietUntilKey, notifications.quietUntil.toString(u"HH:mm"_s));
}

bool AppSettings::closeToTray() const
{
    return m_settings->value(CloseToTrayKey, true).toBool();
}

void AppSettings::setCloseToTray(bool enabled)
{
    m_settings->setValue(CloseToTrayKey, enabled);
}

bool AppSettings::startAtLogin() const
{
    return m_settings->value(StartAtLoginKey, false).toBool();
}

void AppSettings::setStartAtLogin(bool enabled)
{
    m_settings->setValue(StartAtLoginKey, enabled);
}

QString AppSettings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings->remove(LanguageKey);
    else
        m_settings->setValue(LanguageKey, language);
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace nightshift
