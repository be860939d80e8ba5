#include "keychainsecretstore.h"

#include <QRandomGenerator>
#include <QTest>

#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36).toUpper();
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

} // namespace

// Runs against the real Secret Service: gnome-keyring-daemon in a dbus-run-session, as
// `bash packaging/setup.sh test` starts it. Without one it skips, which fails under CI=true.
class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storesReadsAndDeletesAKey();
    void fallsBackToTheEnvironment();
    void namesWhatToDoWhenAKeyIsNowhere();

private:
    QString m_name;
};

void TestKeychain::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("no D-Bus session bus; run inside dbus-run-session with gnome-keyring-daemon "
              "unlocked, as `bash packaging/setup.sh test` does");
    KeychainSecretStore keychain;
    const QString probe = u"NIGHTSHIFT_TEST_PROBE_"_s + randomSuffix();
    const auto written = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.write(probe, u"probe"_s, context, done); });
    QVERIFY2(written.has_value(), "the keychain did not answer");
    if (!*written)
        QSKIP(qPrintable(u"no usable keychain: "_s + written->errorMessage()));
    const auto removed = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.remove(probe, context, done); });
    QVERIFY(removed.has_value() && removed->ok());
}

void TestKeychain::storesReadsAndDeletesAKey()
{
    KeychainSecretStore keychain;
    const QString name = u"NIGHTSHIFT_TEST_"_s + randomSuffix();
    const QString secret = u"test-secret-"_s + randomSuffix();

    const auto written = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.write(name, secret, context, done); });
    QVERIFY(written.has_value());
    QVERIFY2(written->ok(), qPrintable(written->errorMessage()));

    const auto read = await<Result<QString>>(
        [&](QObject *context, auto done) { keychain.read(name, context, done); });
    QVERIFY(read.has_value());
    QVERIFY2(read->ok(), qPrintable(read->errorMessage()));
    QCOMPARE(read->value(), secret);

    const auto removed = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.remove(name, context, done); });
    QVERIFY(removed.has_value());
    QVERIFY2(removed->ok(), qPrintable(removed->errorMessage()));

    const auto gone = await<Result<QString>>(
        [&](QObject *context, auto done) { keychain.read(name, context, done); });
    QVERIFY(gone.has_value());
    QVERIFY(!gone->ok());
    QCOMPARE(gone->error().code, ErrorCode::NotFound);
    QVERIFY(!gone->errorMessage().contains(secret));

    const auto removedAgain = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.remove(name, context, done); });
    QVERIFY(removedAgain.has_value());
    QCOMPARE(removedAgain->error().code, ErrorCode::NotFound);
    QCOMPARE(removedAgain->errorMessage(), u"no key named %1 in the keychain"_s.arg(name));
}

void TestKeychain::fallsBackToTheEnvironment()
{
    EnvironmentSecretStore environment;
    KeychainSecretStore keychain(&environment);
    const QString name = u"NIGHTSHIFT_TEST_"_s + randomSuffix();
    qputenv(name.toLatin1().constData(), "from-the-environment");

    const auto fromEnvironment = await<Result<QString>>(
        [&](QObject *context, auto done) { keychain.read(name, context, done); });
    QVERIFY(fromEnvironment.has_value());
    QVERIFY2(fromEnvironment->ok(), qPrintable(fromEnvironment->errorMessage()));
    QCOMPARE(fromEnvironment->value(), u"from-the-environment"_s);

    // The keychain's key wins over the environment's.
    QVERIFY(await<Result<void>>([&](QObject *context, auto done) {
                keychain.write(name, u"from-the-keychain"_s, context, done);
            })->ok());
    const auto fromKeychain = await<Result<QString>>(
        [&](QObject *context, auto done) { keychain.read(name, context, done); });
    QVERIFY(fromKeychain.has_value() && fromKeychain->ok());
    QCOMPARE(fromKeychain->value(), u"from-the-keychain"_s);

    QVERIFY(await<Result<void>>([&](QObject *context, auto done) {
                keychain.remove(name, context, done);
            })->ok());
    qunsetenv(name.toLatin1().constData());
}

void TestKeychain::namesWhatToDoWhenAKeyIsNowhere()
{
    EnvironmentSecretStore environment;
    KeychainSecretStore keychain(&environment);
    const QString name = u"NIGHTSHIFT_TEST_"_s + randomSuffix();
    const auto missing = await<Result<QString>>(
        [&](QObject *context, auto done) { keychain.read(name, context, done); });
    QVERIFY(missing.has_value());
    QVERIFY(!missing->ok());
    QCOMPARE(missing->error().code, ErrorCode::NotFound);
    QCOMPARE(missing->errorMessage(),
             u"no key named %1 in the keychain or the environment: store it with `nightshift "
             "keys set %1`, or set the environment variable %1"_s.arg(name));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
