#pragma once

#include "pricetable.h"
#include "providercheck.h"
#include "requestlimiter.h"
#include "result.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;
class QThread;
class QTimeEdit;

namespace nightshift {

class AppSettings;
class PriceTableModel;
class SecretStore;

/// Settings → Store, Providers, Limits, Notifications, General, Prices. It reads AppSettings
/// (and the user's price file) when it opens and writes them on OK; API keys go to the keychain
/// at once with "Save key", the store's password on OK; neither goes into the settings, and
/// neither is ever shown.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    /// settings and secrets (the keychain, with the environment behind it for reading) must
    /// outlive the dialog.
    SettingsDialog(AppSettings *settings,
                   std::shared_ptr<SecretStore> secrets,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// The pages, in their tab order.
    enum Page { StorePage, ProvidersPage, LimitsPage, NotificationsPage, GeneralPage, PricesPage };
    /// Shows page.
    void showPage(Page page);

    /// Writes what the pages show to the settings and the login item; an error says what could
    /// not be saved (the rest is saved all the same). A changed store password goes to the
    /// keychain, and the store with it only once it is there: storeSaved follows.
    Result<void> save();
    /// Saves, then closes once the store's password is in the keychain; on an error it says why
    /// and stays open.
    void accept() override;

public Q_SLOTS:
    /// Opens the Store page's URL as a client would, on a thread of its own; storeTested follows.
    void testStore();
    /// Sends one request to the Providers page's provider; providerTested follows.
    void testProvider();
    /// Stores the Providers page's key in the keychain and clears the field; keySaved follows.
    void saveKey();

Q_SIGNALS:
    /// The settings were written; whoever holds copies of them reads them again.
    void saved();
    /// The Prices page's table was saved to the user's price file; the engine should cost runs
    /// at prices from now on (EngineHost::setPriceTable).
    void pricesSaved(const nightshift::PriceTable &prices);
    void storeTested(bool ok, const QString &message);
    /// The Store page's URL, with its password in the keychain, was saved, or why not.
    void storeSaved(bool ok, const QString &message);
    void providerTested(bool ok, const QString &message);
    void keySaved(bool ok, const QString &message);

private:
    struct ProviderEdit
    {
        QString baseUrl;
        QString testModel;
        ProviderLimits limits;
    };

    QWidget *makeStorePage();
    QWidget *makeProvidersPage();
    QWidget *makeLimitsPage();
    QWidget *makePricesPage();
    QWidget *makeNotificationsPage();
    QWidget *makeGeneralPage();
    void load();
    QString currentProvider() const;
    void showProvider(const QString &providerId);
    void keepProviderEdits();
    void refreshKeyStatus();
    void finishStoreTest(bool ok, const QString &message);
    void takePasswordOutOfUrl();
    QString enteredStoreUrl() const;
    bool saveStore();
    void finishProviderTest(bool ok, const QString &message);
    void addPriceRow();
    void removePriceRows();
    Result<void> savePrices();

    AppSettings *m_settings;
    std::shared_ptr<SecretStore> m_secrets;
    QTabWidget *m_tabs;

    QLineEdit *m_storeUrl;
    QLineEdit *m_storePassword;
    QString m_loadedStoreUrl;      ///< As saved when the dialog opened, without the password.
    QString m_loadedStorePassword; ///< From the keychain, once it answered.
    bool m_savingStore = false;
    bool m_closeWhenStoreSaved = false;
    QPushButton *m_testStoreButton;
    QLabel *m_storeResult;
    QThread *m_storeTest = nullptr;

    QComboBox *m_provider;
    QLineEdit *m_baseUrl;
    QSpinBox *m_parallelRequests;
    QSpinBox *m_requestsPerMinute;
    QLineEdit *m_testModel;
    QLabel *m_keyStatus;
    QLineEdit *m_key;
    QPushButton *m_saveKeyButton;
    QPushButton *m_testProviderButton;
    QLabel *m_providerResult;
    QHash<QString, ProviderEdit> m_providerEdits;
    QString m_shownProvider;
    ProviderCheck m_check;

    QSpinBox *m_maxSteps;
    QSpinBox *m_toolCallTimeout;
    QSpinBox *m_requestLimit;
    QSpinBox *m_tokensLimit;
    QSpinBox *m_maxRetries;
    QSpinBox *m_runTimeout;
    QSpinBox *m_fleetMaxRuns;
    QSpinBox *m_fleetDailyTokens;
    QSpinBox *m_fleetMonthlyTokens;
    QDoubleSpinBox *m_fleetDailyCost;
    QDoubleSpinBox *m_fleetMonthlyCost;
    QComboBox *m_fleetOnExceeded;

    PriceTableModel *m_prices;
    QTableView *m_pricesView;
    QLabel *m_pricesError;
    PriceTable m_loadedPrices; ///< As the page showed them on opening, to save only a change.

    QCheckBox *m_onFailure;
    QCheckBox *m_onRecovery;
    QCheckBox *m_onNotify;
    QCheckBox *m_quietHours;
    QTimeEdit *m_quietFrom;
    QTimeEdit *m_quietUntil;

    QCheckBox *m_closeToTray;
    QCheckBox *m_startAtLogin;
    QComboBox *m_language;
    QLabel *m_saveError;
};

} // namespace nightshift
