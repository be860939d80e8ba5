#include "secretstore.h"

#include <QTest>

#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tellsKeysFromNames_data();
    void tellsKeysFromNames();
    void namesDefaultKeys();
    void readsTheEnvironmentLater();
    void reportsAMissingVariableByName();
    void environmentIsReadOnly();
};

void TestSecretStore::tellsKeysFromNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("secret");
    QTest::addColumn<bool>("validName");

    QTest::newRow("provider name") << u"OPENAI_API_KEY"_s << false << true;
    QTest::newRow("lower case") << u"openai"_s << false << true;
    QTest::newRow("dotted and dashed") << u"work-openai.v2"_s << false << true;
    QTest::newRow("long name") << u"MY_COMPANY_PRODUCTION_OPENAI_API_KEY_2026"_s << false << true;
    QTest::newRow("year in a word") << u"key20260101"_s << false << true;
    QTest::newRow("64 characters") << QString(64, u'K') << false << true;
    QTest::newRow("65 characters") << QString(65, u'K') << true << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("space") << u"my key"_s << false << false;
    QTest::newRow("OpenAI project key") << u"sk-proj-abc"_s << true << false;
    QTest::newRow("Anthropic key") << u"sk-ant-api03-xyz"_s << true << false;
    QTest::newRow("Google key") << u"AIzaSyD-9tSrke72PouQMnMX"_s << true << false;
    QTest::newRow("Groq key") << u"gsk_abc"_s << true << false;
    QTest::newRow("GitHub token") << u"ghp_abc"_s << true << false;
    QTest::newRow("header") << u"Bearer abc"_s << true << false;
    QTest::newRow("hex token") << u"3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e"_s << true << false;
    QTest::newRow("base62 token") << u"q8W2e4R6t8Y0u2I4o6P8"_s << true << false;
    QTest::newRow("base64 token") << u"dGhpcyBpcyBub3QgYSBrZXk="_s << true << false;
    QTest::newRow("token inside a name") << u"KEY_q8W2e4R6t8Y0u2I4o6P8"_s << true << false;
}

void TestSecretStore::tellsKeysFromNames()
{
    QFETCH(QString, text);
    QFETCH(bool, secret);
    QFETCH(bool, validName);
    QCOMPARE(looksLikeSecret(text), secret);
    QCOMPARE(isValidKeyName(text), validName);
}

void TestSecretStore::namesDefaultKeys()
{
    QCOMPARE(defaultKeyName(u"openai"_s), u"OPENAI_API_KEY"_s);
    QCOMPARE(defaultKeyName(u"anthropic"_s), u"ANTHROPIC_API_KEY"_s);
    QCOMPARE(defaultKeyName(u"gemini"_s), u"GEMINI_API_KEY"_s);
    QCOMPARE(defaultKeyName(u"azure"_s), u"AZURE_OPENAI_API_KEY"_s);
    QCOMPARE(defaultKeyName(u"groq"_s), u"GROQ_API_KEY"_s);
    for (const QString &keyless : {u"none"_s, u"ollama"_s, u"lmstudio"_s, u"vllm"_s, u"llamacpp"_s})
        QVERIFY2(defaultKeyName(keyless).isEmpty(), qPrintable(keyless));
}

void TestSecretStore::readsTheEnvironmentLater()
{
    qputenv("NIGHTSHIFT_TEST_KEY", "value-from-env");
    EnvironmentSecretStore store;
    QObject context;
    std::optional<Result<QString>> result;
    store.read(u"NIGHTSHIFT_TEST_KEY"_s, &context, [&result](Result<QString> value) {
        result = std::move(value);
    });
    // Callers get one path, whether the store answers at once or after a D-Bus round trip.
    QVERIFY(!result.has_value());
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(result->errorMessage()));
    QCOMPARE(result->value(), u"value-from-env"_s);
    qunsetenv("NIGHTSHIFT_TEST_KEY");
}

void TestSecretStore::reportsAMissingVariableByName()
{
    qunsetenv("NIGHTSHIFT_UNSET_KEY");
    EnvironmentSecretStore store;
    QObject context;
    std::optional<Result<QString>> result;
    store.read(u"NIGHTSHIFT_UNSET_KEY"_s, &context, [&result](Result<QString> value) {
        result = std::move(value);
    });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, ErrorCode::NotFound);
    QCOMPARE(result->errorMessage(),
             u"no key named NIGHTSHIFT_UNSET_KEY: set the environment variable "
             "NIGHTSHIFT_UNSET_KEY"_s);
}

void TestSecretStore::environmentIsReadOnly()
{
    EnvironmentSecretStore store;
    QObject context;
    std::optional<Result<void>> written;
    std::optional<Result<void>> removed;
    store.write(u"NIGHTSHIFT_TEST_KEY"_s, u"s3cret-value"_s, &context, [&written](Result<void> r) {
        written = std::move(r);
    });
    store.remove(
        u"NIGHTSHIFT_TEST_KEY"_s, &context, [&removed](Result<void> r) { removed = std::move(r); });
    QTRY_VERIFY(written.has_value() && removed.has_value());
    QCOMPARE(written->error().code, ErrorCode::Unavailable);
    QCOMPARE(removed->error().code, ErrorCode::Unavailable);
    QVERIFY(!written->errorMessage().contains(u"s3cret"_s));
    QVERIFY(qEnvironmentVariableIsEmpty("NIGHTSHIFT_TEST_KEY"));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
