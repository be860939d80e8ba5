// The store's Redis password: typed in Settings → Store, kept in the real keychain (the Secret
// Service in a dbus-run-session, as `bash packaging/setup.sh test` starts it), never in the
// settings file, and put back when the dashboard or the CLI opens the saved store.

#include "appsettings.h"
#include "keychainsecretstore.h"
#include "redisserver.h"
#include "redisurl.h"
#include "settingsdialog.h"
#include "storepassword.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36);
}

template<typename T, typename Call>
std::optional<T> await(Call call)
{
    QObject context;
    std::optional<T> result;
    call(&context, [&result](T value) { result = std::move(value); });
    // An empty result tells the caller the keychain never answered.
    static_cast<void>(QTest::qWaitFor([&result] { return result.has_value(); }, 20'000));
    return result;
}

QByteArray fileContent(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the binary with its settings (QSettings' native file) under configHome.
Outcome runNightshift(const QStringList &arguments, const QString &configHome)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_CONFIG_HOME"_s, configHome);
    // The messages are checked in English, whatever the machine speaks.
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.remove(u"LANGUAGE"_s);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!process.waitForStarted(30'000) || !process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestStorePassword : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void splitsAndJoinsPasswords_data();
    void splitsAndJoinsPasswords();
    void dialogKeepsThePasswordInTheKeychain();
    void passwordTypedIntoTheUrlMovesToItsField();
    void oldPlainTextPasswordMovesToTheKeychain();
    void missingPasswordNamesTheStore();
    void commandLineOpensTheSavedStore();

private:
    bool keychainUsable();
    QString iniFile() const { return m_dir->filePath(u"settings.ini"_s); }
    /// What the keychain holds under name, or why nothing, in angle brackets.
    QString readKeychain(const QString &name);
    std::optional<Result<SavedStoreUrl>> load(AppSettings &settings);

    KeychainSecretStore m_keychain;
    std::optional<QTemporaryDir> m_dir;
    QStringList m_names; ///< Keychain entries a test made, removed after it.
    bool m_keychainUsable = false;
    QString m_keychainProblem;
};

void TestStorePassword::initTestCase()
{
    QCoreApplication::setOrganizationName(u"Nightshift"_s);
    QCoreApplication::setApplicationName(u"Nightshift"_s);
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        m_keychainProblem = u"no D-Bus session bus; run inside dbus-run-session with "
                            "gnome-keyring-daemon unlocked, as `bash packaging/setup.sh test` "
                            "does"_s;
        return;
    }
    const QString probe = u"NIGHTSHIFT_TEST_PROBE_"_s + randomSuffix();
    const auto written = await<Result<void>>(
        [&](QObject *context, auto done) { m_keychain.write(probe, u"probe"_s, context, done); });
    QVERIFY2(written.has_value(), "the keychain did not answer");
    if (!*written) {
        m_keychainProblem = u"no usable keychain: "_s + written->errorMessage();
        return;
    }
    await<Result<void>>(
        [&](QObject *context, auto done) { m_keychain.remove(probe, context, done); });
    m_keychainUsable = true;
}

void TestStorePassword::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
}

void TestStorePassword::cleanup()
{
    for (const QString &name : std::as_const(m_names))
        await<Result<void>>(
            [&](QObject *context, auto done) { m_keychain.remove(name, context, done); });
    m_names.clear();
}

bool TestStorePassword::keychainUsable()
{
    return m_keychainUsable;
}

QString TestStorePassword::readKeychain(const QString &name)
{
    const auto read = await<Result<QString>>(
        [&](QObject *context, auto done) { m_keychain.read(name, context, done); });
    if (!read)
        return u"<the keychain did not answer>"_s;
    return *read ? **read : u"<%1>"_s.arg(read->errorMessage());
}

std::optional<Result<SavedStoreUrl>> TestStorePassword::load(AppSettings &settings)
{
    return await<Result<SavedStoreUrl>>(
        [&](QObject *context, auto done) { loadStoreUrl(&settings, &m_keychain, context, done); });
}

void TestStorePassword::splitsAndJoinsPasswords_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("withoutPassword");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("name");
    QTest::newRow("user and password")
        << u"redis://alice:s3cret@cache:6380/2"_s << u"redis://alice@cache:6380/2"_s << u"s3cret"_s
        << u"redis://alice@cache:6380/2"_s;
    QTest::newRow("password only, encoded")
        << u"redis://:p%40ss%2Fw@cache/0"_s << u"redis://cache/0"_s << u"p@ss/w"_s
        << u"redis://cache/0"_s;
    QTest::newRow("unencoded @ in the password, options")
        << u"rediss://bob:a@b@cache:1/0?prefix=x:"_s << u"rediss://bob@cache:1/0?prefix=x:"_s
        << u"a@b"_s << u"rediss://bob@cache:1/0"_s;
    QTest::newRow("no password") << u"redis://cache:6379/0"_s << u"redis://cache:6379/0"_s
                                 << QString() << u"redis://cache:6379/0"_s;
    QTest::newRow("sqlite path with : and @")
        << u"sqlite:/home/a:b@c/agents.db"_s << u"sqlite:/home/a:b@c/agents.db"_s << QString()
        << u"sqlite:/home/a:b@c/agents.db"_s;
}

void TestStorePassword::splitsAndJoinsPasswords()
{
    QFETCH(QString, url);
    QFETCH(QString, withoutPassword);
    QFETCH(QString, password);
    QFETCH(QString, name);
    const StoreUrlParts parts = splitStorePassword(url);
    QCOMPARE(parts.url, withoutPassword);
    QCOMPARE(parts.password, password);
    QCOMPARE(storePasswordName(parts.url), name);
    // Joined again, the URL says the same to the parser as the one the user wrote.
    const StoreUrlParts again = splitStorePassword(joinStorePassword(parts.url, parts.password));
    QCOMPARE(again.url, parts.url);
    QCOMPARE(again.password, parts.password);
}

void TestStorePassword::dialogKeepsThePasswordInTheKeychain()
{
    if (!keychainUsable())
        QSKIP(qPrintable(m_keychainProblem));
    const QString url = u"redis://alice@store-%1.test:6390/3"_s.arg(randomSuffix());
    const QString password = u"pw-%1-@/:"_s.arg(randomSuffix());
    m_names.append(url);
    {
        AppSettings settings(iniFile());
        SettingsDialog dialog(&settings, appSecretStore());
        dialog.showPage(SettingsDialog::StorePage);
        auto *passwordField = dialog.findChild<QLineEdit *>(u"storePassword"_s);
        QVERIFY(passwordField);
        QCOMPARE(passwordField->echoMode(), QLineEdit::Password);
        dialog.findChild<QLineEdit *>(u"storeUrl"_s)->setText(url);
        QVERIFY(passwordField->isEnabled());
        passwordField->setText(password);
        QSignalSpy stored(&dialog, &SettingsDialog::storeSaved);
        dialog.accept();
        QVERIFY(stored.wait(20'000));
        QVERIFY2(stored.first().at(0).toBool(), qPrintable(stored.first().at(1).toString()));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    const QByteArray file = fileContent(iniFile());
    QVERIFY2(file.contains(url.toUtf8()), file.constData());
    QVERIFY(!file.contains(password.toUtf8()));
    QVERIFY(!file.contains(QUrl::toPercentEncoding(password)));
    QCOMPARE(readKeychain(url), password);

    AppSettings settings(iniFile());
    QCOMPARE(settings.storeUrl(), url);
    const auto loaded = load(settings);
    QVERIFY(loaded.has_value());
    QVERIFY2(loaded->ok(), qPrintable(loaded->errorMessage()));
    QCOMPARE((*loaded)->url, joinStorePassword(url, password));
    const Result<RedisUrl> parsed = parseRedisUrl((*loaded)->url);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->user, u"alice"_s);
    QCOMPARE(parsed->password, password);

    // Opened again, the page shows the URL and a masked password, never the password as text.
    SettingsDialog again(&settings, appSecretStore());
    QCOMPARE(again.findChild<QLineEdit *>(u"storeUrl"_s)->text(), url);
    auto *passwordField = again.findChild<QLineEdit *>(u"storePassword"_s);
    QTRY_COMPARE_WITH_TIMEOUT(passwordField->text(), password, 20'000);
    QCOMPARE(passwordField->echoMode(), QLineEdit::Password);
    QVERIFY(!passwordField->displayText().contains(password));
}

void TestStorePassword::passwordTypedIntoTheUrlMovesToItsField()
{
    if (!keychainUsable())
        QSKIP(qPrintable(m_keychainProblem));
    const QString url = u"redis://store-%1.test:6379/0"_s.arg(randomSuffix());
    const QString password = u"typed-%1"_s.arg(randomSuffix());
    m_names.append(url);
    AppSettings settings(iniFile());
    SettingsDialog dialog(&settings, appSecretStore());
    auto *urlField = dialog.findChild<QLineEdit *>(u"storeUrl"_s);
    urlField->setText(joinStorePassword(url, password));
    Q_EMIT urlField->editingFinished();
    QCOMPARE(urlField->text(), url);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"storePassword"_s)->text(), password);
    QSignalSpy stored(&dialog, &SettingsDialog::storeSaved);
    dialog.accept();
    QVERIFY(stored.wait(20'000));
    QVERIFY2(stored.first().at(0).toBool(), qPrintable(stored.first().at(1).toString()));
    QVERIFY(!fileContent(iniFile()).contains(password.toUtf8()));
    QCOMPARE(readKeychain(url), password);
}

void TestStorePassword::oldPlainTextPasswordMovesToTheKeychain()
{
    if (!keychainUsable())
        QSKIP(qPrintable(m_keychainProblem));
    const QString url = u"redis://carol@store-%1.test:6379/1?prefix=old:"_s.arg(randomSuffix());
    const QString password = u"plain-%1"_s.arg(randomSuffix());
    const QString name = storePasswordName(url);
    m_names.append(name);
    {
        // As an older version wrote it: the whole URL, password and all.
        QSettings old(iniFile(), QSettings::IniFormat);
        old.setValue(u"store/url"_s, joinStorePassword(url, password));
    }
    QVERIFY(fileContent(iniFile()).contains(password.toUtf8()));

    AppSettings settings(iniFile());
    const auto loaded = load(settings);
    QVERIFY(loaded.has_value());
    QVERIFY2(loaded->ok(), qPrintable(loaded->errorMessage()));
    QCOMPARE((*loaded)->url, joinStorePassword(url, password));
    QVERIFY2((*loaded)->notice.isEmpty(), qPrintable((*loaded)->notice));
    QVERIFY(!fileContent(iniFile()).contains(password.toUtf8()));
    QCOMPARE(AppSettings(iniFile()).storeUrl(), url);
    QCOMPARE(readKeychain(name), password);

    // The next start finds it where it was moved to.
    AppSettings reopened(iniFile());
    const auto again = load(reopened);
    QVERIFY(again.has_value() && again->ok());
    QCOMPARE((*again)->url, joinStorePassword(url, password));
}

void TestStorePassword::missingPasswordNamesTheStore()
{
    if (!keychainUsable())
        QSKIP(qPrintable(m_keychainProblem));
    const QString url = u"redis://dave@store-%1.test:6379/0"_s.arg(randomSuffix());
    {
        AppSettings settings(iniFile());
        settings.setStoreUrl(url);
        settings.setStorePasswordInKeychain(true);
    }
    AppSettings settings(iniFile());
    const auto loaded = load(settings);
    QVERIFY(loaded.has_value());
    QVERIFY(!loaded->ok());
    QCOMPARE(loaded->error().code, ErrorCode::NotFound);
    const QString masked = maskRedisUrl(joinStorePassword(url, u"x"_s));
    QVERIFY(masked.contains(u":***@"_s));
    QVERIFY2(loaded->errorMessage().contains(masked), qPrintable(loaded->errorMessage()));
    QVERIFY2(loaded->errorMessage().contains(u"Settings → Store"_s),
             qPrintable(loaded->errorMessage()));
}

void TestStorePassword::commandLineOpensTheSavedStore()
{
    if (!keychainUsable())
        QSKIP(qPrintable(m_keychainProblem));
    const QString password = u"served-%1"_s.arg(randomSuffix());
    test::RedisServer redis({u"--requirepass"_s, password});
    if (!redis.start())
        QSKIP(qPrintable(redis.errorString()));
    const QString url = redis.url();
    m_names.append(url);
    const QString configHome = m_dir->filePath(u"config"_s);
    const QString settingsFile = configHome + u"/Nightshift/Nightshift.conf"_s;
    QVERIFY(QDir().mkpath(QFileInfo(settingsFile).path()));
    {
        AppSettings settings(settingsFile);
        const auto saved = await<Result<void>>([&](QObject *context, auto done) {
            saveStoreUrl(&settings, &m_keychain, url, password, context, done);
        });
        QVERIFY(saved.has_value());
        QVERIFY2(saved->ok(), qPrintable(saved->errorMessage()));
    }
    QVERIFY(!fileContent(settingsFile).contains(password.toUtf8()));

    const Outcome listed = runNightshift({u"agents"_s, u"list"_s}, configHome);
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY(!listed.err.contains(password) && !listed.out.contains(password));

    // Given on the command line, a URL with its password is used as it is.
    const Outcome given = runNightshift(
        {u"agents"_s, u"list"_s, u"--store"_s, joinStorePassword(url, password)}, configHome);
    QVERIFY2(given.exitCode == 0, qPrintable(given.err));

    QVERIFY(await<Result<void>>([&](QObject *context, auto done) {
                m_keychain.remove(url, context, done);
            })->ok());
    const Outcome missing = runNightshift({u"agents"_s, u"list"_s}, configHome);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(maskRedisUrl(joinStorePassword(url, u"x"_s)))
                 && missing.err.contains(u"Settings → Store"_s),
             qPrintable(missing.err));
}

QTEST_MAIN(TestStorePassword)
#include "tst_storepassword.moc"
