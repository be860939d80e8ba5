#include "keychainsecretstore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome runNightshift(const QStringList &arguments,
                      const QByteArray &input = {},
                      const QProcessEnvironment &environment
                      = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!process.waitForStarted(30'000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString randomName()
{
    return u"NIGHTSHIFT_TEST_"_s
           + QString::number(QRandomGenerator::global()->generate64(), 36).toUpper();
}

} // namespace

// `nightshift keys ...` against the real Secret Service (gnome-keyring-daemon in a
// dbus-run-session, as `bash packaging/setup.sh test` starts it).
class TestKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesAKeyOnTheCommandLine();
    void refusesWrongUsage_data();
    void refusesWrongUsage();
    void setTestAndDeleteAKey();
    void refusesAnEmptyKey();
    void testFindsTheEnvironment();

private:
    bool keyringAvailable();
};

bool TestKeys::keyringAvailable()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

void TestKeys::refusesAKeyOnTheCommandLine()
{
    const QString key = u"sk-proj-Zx81Qw2Er3Ty4Ui5Op6As7Df8Gh9Jk0L"_s;
    const Outcome outcome = runNightshift({u"keys"_s, u"set"_s, key});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains(u"looks like a key, not a key's name; nothing was stored"_s),
             qPrintable(outcome.err));
    QVERIFY(!outcome.err.contains(key.left(10)));
    QVERIFY(!outcome.out.contains(key.left(10)));
}

void TestKeys::refusesWrongUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no action") << QStringList{u"keys"_s} << u"usage: nightshift keys set NAME"_s;
    QTest::newRow("set without a name")
        << QStringList{u"keys"_s, u"set"_s} << u"usage: nightshift keys set NAME"_s;
    QTest::newRow("two names") << QStringList{u"keys"_s, u"delete"_s, u"A"_s, u"B"_s}
                               << u"usage:"_s;
    QTest::newRow("unknown action") << QStringList{u"keys"_s, u"list"_s} << u"usage:"_s;
    QTest::newRow("bad name") << QStringList{u"keys"_s, u"test"_s, u"my key"_s}
                              << u"\"my key\" is not a key name"_s;
}

void TestKeys::refusesWrongUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome outcome = runNightshift(arguments);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
}

void TestKeys::setTestAndDeleteAKey()
{
    if (!keyringAvailable())
        QSKIP("no D-Bus session bus; run inside dbus-run-session with gnome-keyring-daemon");
    const QString name = randomName();
    const QByteArray secret
        = "cli-secret-" + QByteArray::number(QRandomGenerator::global()->generate());

    const Outcome set = runNightshift({u"keys"_s, u"set"_s, name}, secret + "\n");
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    QCOMPARE(set.out, u"stored %1 in the keychain (service nightshift)\n"_s.arg(name));
    QVERIFY(!set.err.contains(QString::fromLatin1(secret)));

    // What the CLI stored is what the app's store reads.
    KeychainSecretStore keychain;
    QObject context;
    std::optional<Result<QString>> read;
    keychain.read(name, &context, [&read](Result<QString> value) { read = std::move(value); });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 20'000);
    QVERIFY2(read->ok(), qPrintable(read->errorMessage()));
    QCOMPARE(read->value(), QString::fromLatin1(secret));

    const Outcome found = runNightshift({u"keys"_s, u"test"_s, name});
    QCOMPARE(found.exitCode, 0);
    QCOMPARE(found.out, u"%1: set in the keychain\n"_s.arg(name));
    QVERIFY(!found.out.contains(QString::fromLatin1(secret)));

    const Outcome deleted = runNightshift({u"keys"_s, u"delete"_s, name});
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
    QCOMPARE(deleted.out, u"deleted %1 from the keychain\n"_s.arg(name));

    const Outcome gone = runNightshift({u"keys"_s, u"test"_s, name});
    QCOMPARE(gone.exitCode, 1);
    QCOMPARE(gone.out, u"%1: not set\n"_s.arg(name));

    const Outcome deletedAgain = runNightshift({u"keys"_s, u"delete"_s, name});
    QCOMPARE(deletedAgain.exitCode, 1);
    QVERIFY2(deletedAgain.err.contains(u"no key named %1 in the keychain"_s.arg(name)),
             qPrintable(deletedAgain.err));
}

void TestKeys::refusesAnEmptyKey()
{
    const QString name = randomName();
    const Outcome outcome = runNightshift({u"keys"_s, u"set"_s, name}, "\n");
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(u"no key on standard input; nothing was stored"_s),
             qPrintable(outcome.err));
}

void TestKeys::testFindsTheEnvironment()
{
    if (!keyringAvailable())
        QSKIP("no D-Bus session bus; run inside dbus-run-session with gnome-keyring-daemon");
    const QString name = randomName();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(name, u"env-secret-value"_s);
    const Outcome outcome = runNightshift({u"keys"_s, u"test"_s, name}, {}, environment);
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, u"%1: set in the environment\n"_s.arg(name));

    // Without names it reports every provider's usual key, and is not a failure.
    const Outcome status = runNightshift({u"keys"_s, u"test"_s});
    QCOMPARE(status.exitCode, 0);
    for (const char *usual : {"OPENAI_API_KEY: ", "ANTHROPIC_API_KEY: ", "GEMINI_API_KEY: "})
        QVERIFY2(status.out.contains(QLatin1String(usual)), qPrintable(status.out));
}

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
