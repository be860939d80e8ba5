// Settings persist, the dialog writes what was entered, its tests report what they found,
// start at login writes the platform's entry, and the Prices page keeps the user's price file.

#include "appsettings.h"
#include "budgettext.h"
#include "fakellmserver.h"
#include "loginitem.h"
#include "pricetable.h"
#include "pricetablemodel.h"
#include "redisserver.h"
#include "routers.h"
#include "secretstore.h"
#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

namespace nightshift {

// QCOMPARE prints this when a comparison fails.
inline char *toString(const ProviderLimits &limits)
{
    return qstrdup(QStringLiteral("%1/%2")
                       .arg(limits.maxConcurrent)
                       .arg(limits.perMinute)
                       .toUtf8()
                       .constData());
}

inline char *toString(const Budget &budget)
{
    return qstrdup(budgetText(budget).toUtf8().constData());
}

} // namespace nightshift

namespace {

/// Keys in memory, answered later as the keychain does.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &name, QObject *context, ReadDone done) override
    {
        Result<QString> result = makeError(ErrorCode::NotFound, u"no key named %1"_s.arg(name));
        if (keys.contains(name))
            result = keys.value(name);
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
    }
    void write(const QString &name,
               const QString &secret,
               QObject *context,
               WriteDone done) override
    {
        keys.insert(name, secret);
        QMetaObject::invokeMethod(
            context, [done] { done(Result<void>()); }, Qt::QueuedConnection);
    }
    void remove(const QString &name, QObject *context, WriteDone done) override
    {
        keys.remove(name);
        QMetaObject::invokeMethod(
            context, [done] { done(Result<void>()); }, Qt::QueuedConnection);
    }

    QHash<QString, QString> keys;
};

template<typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

/// The row of the Prices table that prices provider's model, or -1.
int priceRow(const QAbstractItemModel *model, const QString &provider, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, PriceTableModel::ProviderColumn).data().toString() == provider
            && model->index(row, PriceTableModel::ModelColumn).data().toString() == name)
            return row;
    }
    return -1;
}

QByteArray fileContent(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Shows the dialog on page, laid out as a person would see it, so that clicks land where they
// would.
bool showOn(SettingsDialog &dialog, SettingsDialog::Page page)
{
    dialog.showPage(page);
    dialog.show();
    return QTest::qWaitForWindowExposed(&dialog);
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultsWhenNothingIsSaved();
    void everySettingPersists();
    void handEditedNonsenseFallsBackToDefaults();
    void generalSettingsSurviveARestart();
    void dialogShowsWhatIsSaved();
    void dialogWritesWhatWasEntered();
    void testConnectionOnUnreachableRedisShowsTheError();
    void testConnectionOnSqliteSucceeds();
    void testConnectionOnRunningRedisSucceeds();
    void keyIsSavedToTheKeychainAndNeverShown();
    void providerTestMakesOneRequest();
    void providerTestUsesTheStoredKey();
    void loginItemWritesAndRemovesTheAutostartEntry();
    void dialogTurnsStartAtLoginOnAndOff();
    void pricesPageSavesWhatWasEdited();
    void pricesPageLeavesABrokenFileUntilPricesChange();
    void pricesPageRefusesARowWithoutAModel();

private:
    QString iniFile() const { return m_dir.filePath(u"settings.ini"_s); }

    QTemporaryDir m_home;
    QTemporaryDir m_dir;
};

void TestSettings::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Nothing of the user's is read or written: autostart entries and data go to a temp dir.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
}

void TestSettings::init()
{
    QFile::remove(iniFile());
    QFile::remove(LoginItem().location());
    QFile::remove(PriceTable::userFilePath());
    QFile::remove(PriceTable::userFilePath() + u".bak"_s);
}

void TestSettings::defaultsWhenNothingIsSaved()
{
    const AppSettings settings(iniFile());
    QCOMPARE(settings.storeUrl(), defaultStoreUrl());
    QVERIFY(settings.storeUrl().startsWith(u"sqlite:"_s + m_home.filePath(u"data"_s)));
    QCOMPARE(settings.providerBaseUrl(u"openai"_s), QString());
    QVERIFY(settings.providerBaseUrls().isEmpty());
    QCOMPARE(settings.providerLimits(u"openai"_s), ProviderLimits());
    QVERIFY(settings.allProviderLimits().isEmpty());
    QCOMPARE(settings.defaultLimits(), DefaultLimits());
    QCOMPARE(settings.defaultLimits().limits.maxSteps, 15);
    QCOMPARE(settings.maxConcurrentRuns(), 0);
    QCOMPARE(settings.fleetBudget(), Budget());
    QCOMPARE(settings.notifications(), NotificationSettings());
    QVERIFY(settings.notifications().onFailure);
    QVERIFY(settings.closeToTray());
    QVERIFY(!settings.startAtLogin());
    QCOMPARE(settings.language(), QString());
}

void TestSettings::everySettingPersists()
{
    DefaultLimits limits;
    limits.limits.maxSteps = 7;
    limits.limits.toolCallTimeoutMs = 12'000;
    limits.limits.requestLimit = 20;
    limits.limits.totalTokensLimit = 50'000;
    limits.maxRetries = 1;
    limits.timeoutMs = 90'000;
    NotificationSettings notifications;
    notifications.onFailure = false;
    notifications.onRecovery = false;
    notifications.onNotify = false;
    notifications.quietHours = true;
    notifications.quietFrom = QTime(23, 15);
    notifications.quietUntil = QTime(6, 45);
    const Budget fleet{250'000, 5'000'000, 2.5, 40, Budget::Action::Pause};
    {
        AppSettings settings(iniFile());
        settings.setStoreUrl(u"redis://127.0.0.1:6379/2"_s);
        settings.setProviderBaseUrl(u"ollama"_s, u"http://gpu-box:11434/v1"_s);
        settings.setProviderTestModel(u"ollama"_s, u"llama3.2"_s);
        settings.setProviderLimits(u"openai"_s, {4, 60});
        settings.setProviderLimits(u"ollama"_s, {1, 0});
        settings.setDefaultLimits(limits);
        settings.setMaxConcurrentRuns(3);
        settings.setFleetBudget(fleet);
        settings.setNotifications(notifications);
        settings.setCloseToTray(false);
        settings.setStartAtLogin(true);
        settings.setLanguage(u"de"_s);
    }
    const AppSettings reopened(iniFile());
    QCOMPARE(reopened.storeUrl(), u"redis://127.0.0.1:6379/2"_s);
    QCOMPARE(reopened.providerBaseUrl(u"ollama"_s), u"http://gpu-box:11434/v1"_s);
    QCOMPARE(reopened.providerBaseUrls(),
             (QHash<QString, QString>{{u"ollama"_s, u"http://gpu-box:11434/v1"_s}}));
    QCOMPARE(reopened.providerTestModel(u"ollama"_s), u"llama3.2"_s);
    QCOMPARE(reopened.providerLimits(u"openai"_s), ProviderLimits({4, 60}));
    QCOMPARE(reopened.providerLimits(u"ollama"_s), ProviderLimits({1, 0}));
    QCOMPARE(reopened.allProviderLimits(),
             (QHash<QString, ProviderLimits>{{u"openai"_s, {4, 60}}, {u"ollama"_s, {1, 0}}}));
    QCOMPARE(reopened.defaultLimits(), limits);
    QCOMPARE(reopened.maxConcurrentRuns(), 3);
    QCOMPARE(reopened.fleetBudget(), fleet);
    QCOMPARE(reopened.notifications(), notifications);
    QVERIFY(!reopened.closeToTray());
    QVERIFY(reopened.startAtLogin());
    QCOMPARE(reopened.language(), u"de"_s);

    // Clearing a value brings its default back rather than saving an empty one.
    {
        AppSettings settings(iniFile());
        settings.setStoreUrl(QString());
        settings.setProviderBaseUrl(u"ollama"_s, QString());
        settings.setProviderLimits(u"ollama"_s, {});
        settings.setMaxConcurrentRuns(0);
        settings.setFleetBudget(Budget());
        settings.setLanguage(QString());
    }
    const AppSettings cleared(iniFile());
    QCOMPARE(cleared.storeUrl(), defaultStoreUrl());
    QVERIFY(cleared.providerBaseUrls().isEmpty());
    QCOMPARE(cleared.allProviderLimits(), (QHash<QString, ProviderLimits>{{u"openai"_s, {4, 60}}}));
    QCOMPARE(cleared.maxConcurrentRuns(), 0);
    QCOMPARE(cleared.fleetBudget(), Budget());
    QCOMPARE(cleared.language(), QString());
}

void TestSettings::handEditedNonsenseFallsBackToDefaults()
{
    QFile file(iniFile());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[limits]\nmax_steps=lots\nmax_retries=-4\ntimeout_ms=\n"
               "[notifications]\nquiet_from=late\nquiet_until=25:99\n"
               "[providers]\nopenai\\max_concurrent_requests=-3\n"
               "openai\\requests_per_minute=plenty\n"
               "gemini\\requests_per_minute=99999999999\n"
               "[fleet]\nmax_concurrent_runs=many\ndaily_tokens=-5\nmonthly_tokens=lots\n"
               "daily_cost=-3\nmonthly_cost=inf\non_exceeded=explode\n");
    file.close();
    const AppSettings settings(iniFile());
    QCOMPARE(settings.defaultLimits(), DefaultLimits());
    QCOMPARE(settings.providerLimits(u"openai"_s), ProviderLimits());
    QCOMPARE(settings.providerLimits(u"gemini"_s), ProviderLimits({0, 100'000}));
    QCOMPARE(settings.maxConcurrentRuns(), 0);
    QCOMPARE(settings.fleetBudget(), Budget());
    QCOMPARE(settings.notifications().quietFrom, NotificationSettings().quietFrom);
    QCOMPARE(settings.notifications().quietUntil, NotificationSettings().quietUntil);
}

void TestSettings::generalSettingsSurviveARestart()
{
    // As QSettings wrote them before this process started: read fresh from disk, not from
    // the in-process cache that a reopened AppSettings would share.
    const QString path = m_home.filePath(u"written-earlier.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[%General]\nclose_to_tray=false\nlanguage=de\nstart_at_login=true\n");
    file.close();
    const AppSettings settings(path);
    QVERIFY(!settings.closeToTray());
    QCOMPARE(settings.language(), u"de"_s);
    QVERIFY(settings.startAtLogin());
}

void TestSettings::dialogShowsWhatIsSaved()
{
    {
        AppSettings settings(iniFile());
        settings.setStoreUrl(u"memory:"_s);
        settings.setProviderBaseUrl(u"openai"_s, u"https://proxy.example/v1"_s);
        settings.setProviderLimits(u"openai"_s, {3, 90});
        DefaultLimits limits;
        limits.limits.maxSteps = 9;
        settings.setDefaultLimits(limits);
        settings.setMaxConcurrentRuns(4);
        settings.setFleetBudget({100'000, 0, 1.25, 30, Budget::Action::Pause});
        NotificationSettings notifications;
        notifications.onRecovery = false;
        settings.setNotifications(notifications);
        settings.setLanguage(u"de"_s);
    }
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QCOMPARE(child<QLineEdit>(&dialog, u"storeUrl"_s)->text(), u"memory:"_s);
    QCOMPARE(child<QComboBox>(&dialog, u"provider"_s)->currentText(), u"openai"_s);
    QCOMPARE(child<QLineEdit>(&dialog, u"baseUrl"_s)->text(), u"https://proxy.example/v1"_s);
    QCOMPARE(child<QSpinBox>(&dialog, u"parallelRequests"_s)->value(), 3);
    QCOMPARE(child<QSpinBox>(&dialog, u"requestsPerMinute"_s)->value(), 90);
    QCOMPARE(child<QSpinBox>(&dialog, u"maxSteps"_s)->value(), 9);
    QCOMPARE(child<QSpinBox>(&dialog, u"fleetMaxRuns"_s)->value(), 4);
    QCOMPARE(child<QSpinBox>(&dialog, u"fleetDailyTokens"_s)->value(), 100'000);
    QCOMPARE(child<QSpinBox>(&dialog, u"fleetMonthlyTokens"_s)->text(), u"No cap"_s);
    QCOMPARE(child<QDoubleSpinBox>(&dialog, u"fleetDailyCost"_s)->value(), 1.25);
    QCOMPARE(child<QDoubleSpinBox>(&dialog, u"fleetMonthlyCost"_s)->value(), 30.0);
    QCOMPARE(child<QComboBox>(&dialog, u"fleetOnExceeded"_s)->currentText(), u"Pause the agent"_s);
    QVERIFY(child<QCheckBox>(&dialog, u"onFailure"_s)->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, u"onRecovery"_s)->isChecked());
    QCOMPARE(child<QComboBox>(&dialog, u"language"_s)->currentData().toString(), u"de"_s);
}

void TestSettings::dialogWritesWhatWasEntered()
{
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QSignalSpy saved(&dialog, &SettingsDialog::saved);
    child<QLineEdit>(&dialog, u"storeUrl"_s)->setText(u"sqlite:/srv/agents.db"_s);
    auto *provider = child<QComboBox>(&dialog, u"provider"_s);
    provider->setCurrentIndex(provider->findData(u"ollama"_s));
    child<QLineEdit>(&dialog, u"baseUrl"_s)->setText(u"http://gpu-box:11434/v1"_s);
    child<QLineEdit>(&dialog, u"testModel"_s)->setText(u"qwen2.5"_s);
    child<QSpinBox>(&dialog, u"parallelRequests"_s)->setValue(2);
    // Switching providers keeps what was typed for the one before.
    provider->setCurrentIndex(provider->findData(u"groq"_s));
    QCOMPARE(child<QLineEdit>(&dialog, u"baseUrl"_s)->text(), QString());
    QCOMPARE(child<QSpinBox>(&dialog, u"parallelRequests"_s)->value(), 0);
    QCOMPARE(child<QSpinBox>(&dialog, u"parallelRequests"_s)->text(), u"No limit"_s);
    child<QLineEdit>(&dialog, u"baseUrl"_s)->setText(u"https://groq.proxy/v1"_s);
    child<QSpinBox>(&dialog, u"requestsPerMinute"_s)->setValue(30);
    child<QSpinBox>(&dialog, u"maxSteps"_s)->setValue(4);
    child<QSpinBox>(&dialog, u"toolCallTimeout"_s)->setValue(45);
    child<QSpinBox>(&dialog, u"requestLimit"_s)->setValue(12);
    child<QSpinBox>(&dialog, u"tokensLimit"_s)->setValue(30'000);
    child<QSpinBox>(&dialog, u"maxRetries"_s)->setValue(0);
    child<QSpinBox>(&dialog, u"runTimeout"_s)->setValue(600);
    auto *fleetMaxRuns = child<QSpinBox>(&dialog, u"fleetMaxRuns"_s);
    QCOMPARE(fleetMaxRuns->text(), u"No limit"_s);
    fleetMaxRuns->setValue(2);
    child<QSpinBox>(&dialog, u"fleetMonthlyTokens"_s)->setValue(3'000'000);
    child<QDoubleSpinBox>(&dialog, u"fleetDailyCost"_s)->setValue(4.75);
    auto *onExceeded = child<QComboBox>(&dialog, u"fleetOnExceeded"_s);
    QCOMPARE(onExceeded->currentText(), u"Skip the run"_s);
    onExceeded->setCurrentIndex(onExceeded->findText(u"Pause the agent"_s));
    child<QCheckBox>(&dialog, u"onNotify"_s)->setChecked(false);
    child<QCheckBox>(&dialog, u"quietHours"_s)->setChecked(true);
    QVERIFY(child<QTimeEdit>(&dialog, u"quietFrom"_s)->isEnabled());
    child<QTimeEdit>(&dialog, u"quietFrom"_s)->setTime(QTime(21, 30));
    child<QTimeEdit>(&dialog, u"quietUntil"_s)->setTime(QTime(8, 0));
    child<QCheckBox>(&dialog, u"closeToTray"_s)->setChecked(false);
    auto *language = child<QComboBox>(&dialog, u"language"_s);
    language->setCurrentIndex(language->findData(u"en"_s));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(saved.size(), 1);

    const AppSettings reopened(iniFile());
    QCOMPARE(reopened.storeUrl(), u"sqlite:/srv/agents.db"_s);
    QCOMPARE(reopened.providerBaseUrls(),
             (QHash<QString, QString>{{u"ollama"_s, u"http://gpu-box:11434/v1"_s},
                                      {u"groq"_s, u"https://groq.proxy/v1"_s}}));
    QCOMPARE(reopened.providerTestModel(u"ollama"_s), u"qwen2.5"_s);
    QCOMPARE(reopened.allProviderLimits(),
             (QHash<QString, ProviderLimits>{{u"ollama"_s, {2, 0}}, {u"groq"_s, {0, 30}}}));
    const DefaultLimits limits = reopened.defaultLimits();
    QCOMPARE(limits.limits.maxSteps, 4);
    QCOMPARE(limits.limits.toolCallTimeoutMs, 45'000);
    QCOMPARE(limits.limits.requestLimit, 12);
    QCOMPARE(limits.limits.totalTokensLimit, 30'000);
    QCOMPARE(limits.maxRetries, 0);
    QCOMPARE(limits.timeoutMs, 600'000);
    QCOMPARE(reopened.maxConcurrentRuns(), 2);
    QCOMPARE(reopened.fleetBudget(), (Budget{0, 3'000'000, 4.75, 0, Budget::Action::Pause}));
    const NotificationSettings notifications = reopened.notifications();
    QVERIFY(notifications.onFailure);
    QVERIFY(!notifications.onNotify);
    QVERIFY(notifications.quietHours);
    QCOMPARE(notifications.quietFrom, QTime(21, 30));
    QCOMPARE(notifications.quietUntil, QTime(8, 0));
    QVERIFY(!reopened.closeToTray());
    QCOMPARE(reopened.language(), u"en"_s);
}

void TestSettings::testConnectionOnUnreachableRedisShowsTheError()
{
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(dialog, SettingsDialog::StorePage));
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    child<QLineEdit>(&dialog, u"storeUrl"_s)->setText(u"redis://:hunter2@127.0.0.1:1/0"_s);
    QSignalSpy tested(&dialog, &SettingsDialog::storeTested);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testStore"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QCOMPARE(tested.first().at(0).toBool(), false);
    const QString shown = child<QLabel>(&dialog, u"storeResult"_s)->text();
    QVERIFY2(shown.contains(u"127.0.0.1:1"_s), qPrintable(shown));
    QVERIFY(!shown.contains(u"hunter2"_s));
    QVERIFY(child<QPushButton>(&dialog, u"testStore"_s)->isEnabled());
}

void TestSettings::testConnectionOnSqliteSucceeds()
{
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(dialog, SettingsDialog::StorePage));
    child<QLineEdit>(&dialog, u"storeUrl"_s)
        ->setText(u"sqlite:"_s + m_dir.filePath(u"store/test.db"_s));
    QSignalSpy tested(&dialog, &SettingsDialog::storeTested);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testStore"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QCOMPARE(tested.first().at(0).toBool(), true);
    QVERIFY2(child<QLabel>(&dialog, u"storeResult"_s)->text().startsWith(u"Connected"_s),
             qPrintable(child<QLabel>(&dialog, u"storeResult"_s)->text()));

    // A file that is not a store is refused, and left as it was.
    QFile notAStore(m_dir.filePath(u"notes.txt"_s));
    QVERIFY(notAStore.open(QIODevice::WriteOnly));
    notAStore.write("shopping list\n");
    notAStore.close();
    child<QLineEdit>(&dialog, u"storeUrl"_s)->setText(u"sqlite:"_s + notAStore.fileName());
    QTest::mouseClick(child<QPushButton>(&dialog, u"testStore"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QCOMPARE(tested.at(1).at(0).toBool(), false);
    QVERIFY(child<QLabel>(&dialog, u"storeResult"_s)->text().contains(u"not a Nightshift"_s));
}

void TestSettings::testConnectionOnRunningRedisSucceeds()
{
    RedisServer redis;
    if (!redis.start())
        QSKIP(qPrintable(redis.errorString()));
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(dialog, SettingsDialog::StorePage));
    child<QLineEdit>(&dialog, u"storeUrl"_s)->setText(redis.url());
    QSignalSpy tested(&dialog, &SettingsDialog::storeTested);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testStore"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
}

void TestSettings::keyIsSavedToTheKeychainAndNeverShown()
{
    AppSettings settings(iniFile());
    auto secrets = std::make_shared<MemorySecretStore>();
    SettingsDialog dialog(&settings, secrets);
    QVERIFY(showOn(dialog, SettingsDialog::ProvidersPage));
    auto *provider = child<QComboBox>(&dialog, u"provider"_s);
    provider->setCurrentIndex(provider->findData(u"anthropic"_s));
    auto *key = child<QLineEdit>(&dialog, u"apiKey"_s);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    auto *save = child<QPushButton>(&dialog, u"saveKey"_s);
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(key, u"sk-ant-secret-value"_s);
    QVERIFY(save->isEnabled());
    QSignalSpy keySaved(&dialog, &SettingsDialog::keySaved);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(keySaved.wait(5000));
    QVERIFY(keySaved.first().at(0).toBool());
    QCOMPARE(secrets->keys.value(u"ANTHROPIC_API_KEY"_s), u"sk-ant-secret-value"_s);
    QVERIFY(key->text().isEmpty());
    QTRY_COMPARE(child<QLabel>(&dialog, u"keyStatus"_s)->text(), u"ANTHROPIC_API_KEY is set."_s);
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        QVERIFY(!label->text().contains(u"secret-value"_s));
    // The key never reaches the settings file.
    dialog.accept();
    QFile file(iniFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("secret-value"));
}

void TestSettings::providerTestMakesOneRequest()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::json(200, openai::textReply("OK", 12, 1)));
    AppSettings settings(iniFile());
    auto secrets = std::make_shared<MemorySecretStore>();
    SettingsDialog dialog(&settings, secrets);
    QVERIFY(showOn(dialog, SettingsDialog::ProvidersPage));
    child<QLineEdit>(&dialog, u"baseUrl"_s)->setText(server.url(u"/v1"_s));
    child<QLineEdit>(&dialog, u"testModel"_s)->setText(u"gpt-4o-mini"_s);
    QTest::keyClicks(child<QLineEdit>(&dialog, u"apiKey"_s), u"sk-typed-key"_s);
    QSignalSpy tested(&dialog, &SettingsDialog::providerTested);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testProvider"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().header("authorization"), "Bearer sk-typed-key");
    QVERIFY(child<QLabel>(&dialog, u"providerResult"_s)->text().contains(u"gpt-4o-mini"_s));
    // Testing does not store the typed key; only Save key does.
    QVERIFY(secrets->keys.isEmpty());

    server.enqueue(FakeHttpResponse::json(
        401, openai::error("Incorrect API key provided", "invalid_request_error", "invalid")));
    QTest::mouseClick(child<QPushButton>(&dialog, u"testProvider"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QCOMPARE(tested.at(1).at(0).toBool(), false);
    QVERIFY(!child<QLabel>(&dialog, u"providerResult"_s)->text().contains(u"sk-typed-key"_s));
}

void TestSettings::providerTestUsesTheStoredKey()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::json(200, openai::textReply("OK", 12, 1)));
    AppSettings settings(iniFile());
    auto secrets = std::make_shared<MemorySecretStore>();
    secrets->keys.insert(u"OPENAI_API_KEY"_s, u"sk-stored-key"_s);
    SettingsDialog dialog(&settings, secrets);
    QVERIFY(showOn(dialog, SettingsDialog::ProvidersPage));
    child<QLineEdit>(&dialog, u"baseUrl"_s)->setText(server.url(u"/v1"_s));
    child<QLineEdit>(&dialog, u"testModel"_s)->setText(u"gpt-4o-mini"_s);
    QSignalSpy tested(&dialog, &SettingsDialog::providerTested);
    QTest::mouseClick(child<QPushButton>(&dialog, u"testProvider"_s), Qt::LeftButton);
    QVERIFY(tested.wait(10'000));
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
    QCOMPARE(server.requests().first().header("authorization"), "Bearer sk-stored-key");
}

void TestSettings::loginItemWritesAndRemovesTheAutostartEntry()
{
    const QString program = m_dir.filePath(u"my apps/night$shift"_s);
    const LoginItem item(program, {u"--hidden"_s});
    const QString expected = m_home.filePath(u"config/autostart/nightshift.desktop"_s);
    QCOMPARE(item.location(), expected);
    QVERIFY(!item.isEnabled());
    QVERIFY(item.setEnabled(true).ok());
    QVERIFY(item.isEnabled());
    QFile file(expected);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString entry = QString::fromUtf8(file.readAll());
    QVERIFY(entry.startsWith(u"[Desktop Entry]\n"_s));
    QVERIFY(entry.contains(u"\nType=Application\n"_s));
    // Quoted for the space, the dollar escaped, as the Desktop Entry Specification asks.
    const QString quoted = u"\""_s + QString(program).replace(u"$"_s, u"\\$"_s) + u"\""_s;
    QVERIFY2(entry.contains(u"\nExec="_s + quoted + u" --hidden\n"_s), qPrintable(entry));
    file.close();
    QVERIFY(item.setEnabled(false).ok());
    QVERIFY(!item.isEnabled());
    QVERIFY(!QFile::exists(expected));
    // Turning off what is already off is no error.
    QVERIFY(item.setEnabled(false).ok());
}

void TestSettings::dialogTurnsStartAtLoginOnAndOff()
{
    AppSettings settings(iniFile());
    {
        SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
        QVERIFY(!child<QCheckBox>(&dialog, u"startAtLogin"_s)->isChecked());
        child<QCheckBox>(&dialog, u"startAtLogin"_s)->setChecked(true);
        QVERIFY(dialog.save().ok());
    }
    QVERIFY(LoginItem().isEnabled());
    QVERIFY(settings.startAtLogin());
    {
        SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
        QVERIFY(child<QCheckBox>(&dialog, u"startAtLogin"_s)->isChecked());
        child<QCheckBox>(&dialog, u"startAtLogin"_s)->setChecked(false);
        QVERIFY(dialog.save().ok());
    }
    QVERIFY(!LoginItem().isEnabled());
    QVERIFY(!settings.startAtLogin());
}

void TestSettings::pricesPageSavesWhatWasEdited()
{
    const QString file = PriceTable::userFilePath();
    QVERIFY(file.startsWith(m_home.filePath(u"data"_s)));
    AppSettings settings(iniFile());
    auto dialog
        = std::make_unique<SettingsDialog>(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(*dialog, SettingsDialog::PricesPage));
    auto *view = child<QTableView>(dialog.get(), u"prices"_s);
    QAbstractItemModel *model = view->model();
    QCOMPARE(model->rowCount(), int(PriceTable::shipped().entries().size()));

    const int mini = priceRow(model, u"openai"_s, u"gpt-4o-mini"_s);
    QVERIFY(mini >= 0);
    QVERIFY(model->setData(model->index(mini, PriceTableModel::InputColumn), 0.2));
    // Add takes the selected row's provider and opens the new row's model for typing.
    view->setCurrentIndex(model->index(mini, PriceTableModel::ProviderColumn));
    QTest::mouseClick(child<QPushButton>(dialog.get(), u"addPrice"_s), Qt::LeftButton);
    auto *editor = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTest::keyClicks(editor, u"gpt-4o-mini-tuned"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits what was typed once back in the event loop.
    QTRY_COMPARE(priceRow(model, u"openai"_s, u"gpt-4o-mini-tuned"_s), model->rowCount() - 1);
    const int tuned = model->rowCount() - 1;
    QVERIFY(model->setData(model->index(tuned, PriceTableModel::InputColumn), 0.3));
    view->selectRow(priceRow(model, u"anthropic"_s, u"claude-3-opus"_s));
    QTest::mouseClick(child<QPushButton>(dialog.get(), u"removePrice"_s), Qt::LeftButton);
    QCOMPARE(priceRow(model, u"anthropic"_s, u"claude-3-opus"_s), -1);

    QSignalSpy pricesSaved(dialog.get(), &SettingsDialog::pricesSaved);
    dialog->accept();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(pricesSaved.size(), 1);
    const Result<PriceList> written = readPriceList(file);
    QVERIFY2(written, qPrintable(written.errorMessage()));
    QCOMPARE(written->prices,
             (QList<ModelPrice>{{u"openai"_s, u"gpt-4o-mini"_s, 0.2, 0.6},
                                {u"openai"_s, u"gpt-4o-mini-tuned"_s, 0.3, 0}}));
    QCOMPARE(written->removed, (QList<ModelPrice>{{u"anthropic"_s, u"claude-3-opus"_s, 0, 0}}));
    const PriceTable applied = pricesSaved.first().at(0).value<PriceTable>();
    QCOMPARE(applied, PriceTable::load().table);
    QCOMPARE(*applied.cost(u"openai"_s, u"gpt-4o-mini-2024-07-18"_s, 1'000'000, 0), 0.2);

    // Opened again, the page shows the user's prices; reset brings the shipped ones back.
    dialog = std::make_unique<SettingsDialog>(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(*dialog, SettingsDialog::PricesPage));
    model = child<QTableView>(dialog.get(), u"prices"_s)->model();
    QCOMPARE(
        model->index(priceRow(model, u"openai"_s, u"gpt-4o-mini"_s), PriceTableModel::InputColumn)
            .data(Qt::EditRole)
            .toDouble(),
        0.2);
    QVERIFY(priceRow(model, u"openai"_s, u"gpt-4o-mini-tuned"_s) >= 0);
    QSignalSpy reset(dialog.get(), &SettingsDialog::pricesSaved);
    QTest::mouseClick(child<QPushButton>(dialog.get(), u"resetPrices"_s), Qt::LeftButton);
    QCOMPARE(model->rowCount(), int(PriceTable::shipped().entries().size()));
    dialog->accept();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(reset.first().at(0).value<PriceTable>(), PriceTable::shipped());
    QVERIFY(!QFile::exists(file));
}

void TestSettings::pricesPageLeavesABrokenFileUntilPricesChange()
{
    const QString file = PriceTable::userFilePath();
    QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
    const QByteArray broken
        = R"({"prices": [{"provider": "openai", "model": "o3", "input": "two"}]})";
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(broken);
    }
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(dialog, SettingsDialog::PricesPage));
    auto *error = child<QLabel>(&dialog, u"pricesError"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(file + u": prices[0].input"_s), qPrintable(error->text()));
    QAbstractItemModel *model = child<QTableView>(&dialog, u"prices"_s)->model();
    QCOMPARE(model->rowCount(), int(PriceTable::shipped().entries().size()));

    QSignalSpy pricesSaved(&dialog, &SettingsDialog::pricesSaved);
    QVERIFY(dialog.save());
    QCOMPARE(pricesSaved.size(), 0);
    QCOMPARE(fileContent(file), broken);

    // Saving changed prices replaces the file and keeps the broken one beside it.
    QVERIFY(model->setData(model->index(0, PriceTableModel::OutputColumn), 99.0));
    QVERIFY(dialog.save());
    QCOMPARE(pricesSaved.size(), 1);
    QCOMPARE(fileContent(file + u".bak"_s), broken);
    QCOMPARE(PriceTable::load().error, QString());
    QVERIFY(!error->isVisible());
}

void TestSettings::pricesPageRefusesARowWithoutAModel()
{
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, std::make_shared<MemorySecretStore>());
    QVERIFY(showOn(dialog, SettingsDialog::PricesPage));
    QTest::mouseClick(child<QPushButton>(&dialog, u"addPrice"_s), Qt::LeftButton);
    QSignalSpy pricesSaved(&dialog, &SettingsDialog::pricesSaved);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());
    const QString shown = child<QLabel>(&dialog, u"saveError"_s)->text();
    QVERIFY2(shown.startsWith(u"Prices were not saved: Row %1 needs a provider and a model"_s.arg(
                 PriceTable::shipped().entries().size() + 1)),
             qPrintable(shown));
    QCOMPARE(pricesSaved.size(), 0);
    QVERIFY(!QFile::exists(PriceTable::userFilePath()));
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
