#include "agentspec.h"
#include "chatcodec.h"
#include "httpretry.h"
#include "llmerrors.h"
#include "providerpresets.h"

#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

// The pure parts of the provider layer: presets, endpoints, Retry-After, backoff, scrubbing,
// and reading providers' error bodies.
class TestLlmSupport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presetsAreTheDocumentedOnes_data();
    void presetsAreTheDocumentedOnes();
    void availableProvidersAreNoneAndEveryPreset();
    void baseUrlOverridesThePreset();
    void badEndpointsAreRefused_data();
    void badEndpointsAreRefused();
    void keyComesFromTheEnvironment();
    void retryAfterIsRead_data();
    void retryAfterIsRead();
    void backoffDoublesWithJitter_data();
    void backoffDoublesWithJitter();
    void secretsAreScrubbed_data();
    void secretsAreScrubbed();
    void providerErrorsAreRead_data();
    void providerErrorsAreRead();
    void statusErrorsSayWhatToFix_data();
    void statusErrorsSayWhatToFix();
};

void TestLlmSupport::presetsAreTheDocumentedOnes_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("wire");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<bool>("keyRequired");
    QTest::addColumn<QString>("envVar");
    const int openAi = int(WireFormat::OpenAiChat);
    auto row = [](const char *id, int wire, const char *base, bool key, const char *env) {
        QTest::newRow(id) << QString::fromLatin1(id) << wire << QString::fromLatin1(base) << key
                          << QString::fromLatin1(env);
    };
    row("openai", openAi, "https://api.openai.com/v1", true, "OPENAI_API_KEY");
    row("anthropic",
        int(WireFormat::AnthropicMessages),
        "https://api.anthropic.com/v1",
        true,
        "ANTHROPIC_API_KEY");
    row("gemini",
        int(WireFormat::GeminiGenerate),
        "https://generativelanguage.googleapis.com/v1beta",
        true,
        "GEMINI_API_KEY");
    row("azure", openAi, "", true, "AZURE_OPENAI_API_KEY");
    row("ollama", openAi, "http://localhost:11434/v1", false, "");
    row("lmstudio", openAi, "http://localhost:1234/v1", false, "");
    row("vllm", openAi, "http://localhost:8000/v1", false, "VLLM_API_KEY");
    row("llamacpp", openAi, "http://localhost:8080/v1", false, "LLAMA_API_KEY");
    row("groq", openAi, "https://api.groq.com/openai/v1", true, "GROQ_API_KEY");
    row("deepseek", openAi, "https://api.deepseek.com", true, "DEEPSEEK_API_KEY");
    row("mistral", openAi, "https://api.mistral.ai/v1", true, "MISTRAL_API_KEY");
    row("openrouter", openAi, "https://openrouter.ai/api/v1", true, "OPENROUTER_API_KEY");
    row("together", openAi, "https://api.together.xyz/v1", true, "TOGETHER_API_KEY");
}

void TestLlmSupport::presetsAreTheDocumentedOnes()
{
    QFETCH(QString, id);
    QFETCH(int, wire);
    QFETCH(QString, baseUrl);
    QFETCH(bool, keyRequired);
    QFETCH(QString, envVar);
    const ProviderPreset *preset = findProviderPreset(id);
    QVERIFY(preset);
    QCOMPARE(int(preset->wire), wire);
    QCOMPARE(preset->defaultBaseUrl, baseUrl);
    QCOMPARE(preset->keyRequired, keyRequired);
    QCOMPARE(preset->keyEnvVar, envVar);
    if (!baseUrl.isEmpty()) {
        ModelConfig config;
        config.provider = id;
        const auto endpoint = resolveEndpoint(config);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.errorMessage()));
        QCOMPARE(endpoint->baseUrl.toString(), baseUrl);
        QCOMPARE(endpoint->providerId(), id);
    }
}

void TestLlmSupport::availableProvidersAreNoneAndEveryPreset()
{
    const QStringList ids = availableProviderIds();
    QCOMPARE(ids.first(), u"none"_s);
    QCOMPARE(ids.size(), providerPresets().size() + 1);
    for (const ProviderPreset &preset : providerPresets())
        QVERIFY(ids.contains(preset.id));
    QCOMPARE(ids.size(), 14);
    QVERIFY(!findProviderPreset(u"none"_s));
}

void TestLlmSupport::baseUrlOverridesThePreset()
{
    ModelConfig config;
    config.provider = u"ollama"_s;
    config.baseUrl = u"https://gpu-box.lan:8443/ollama/v1/"_s;
    const auto endpoint = resolveEndpoint(config);
    QVERIFY2(endpoint.ok(), qPrintable(endpoint.errorMessage()));
    QCOMPARE(endpoint->baseUrl.toString(), u"https://gpu-box.lan:8443/ollama/v1"_s);
    QCOMPARE(endpoint->preset.id, u"ollama"_s);

    config.provider = u"azure"_s;
    config.baseUrl = u"https://contoso.openai.azure.com?api-version=2025-01-01-preview"_s;
    const auto azure = resolveEndpoint(config);
    QVERIFY2(azure.ok(), qPrintable(azure.errorMessage()));
    QCOMPARE(azure->baseUrl.query(), u"api-version=2025-01-01-preview"_s);
}

void TestLlmSupport::badEndpointsAreRefused_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("message");
    QTest::newRow("none is no model provider")
        << "none"
        << ""
        << R"(model_config.provider: "none" is not a model provider)";
    QTest::newRow("unknown provider") << "cohere"
                                      << ""
                                      << "(one of openai, anthropic, gemini";
    QTest::newRow("azure needs its resource")
        << "azure"
        << ""
        << "model_config.base_url: provider azure needs the resource's URL";
    QTest::newRow("not http") << "openai"
                              << "ftp://example.com/v1"
                              << "is not an http(s) URL";
    QTest::newRow("no host") << "openai"
                             << "http:///v1"
                             << "is not an http(s) URL";
    QTest::newRow("credentials in the URL") << "openai"
                                            << "https://user:sk-secret@example.com/v1"
                                            << "put no credentials in the URL";
}

void TestLlmSupport::badEndpointsAreRefused()
{
    QFETCH(QString, provider);
    QFETCH(QString, baseUrl);
    QFETCH(QString, message);
    ModelConfig config;
    config.provider = provider;
    config.baseUrl = baseUrl;
    const auto endpoint = resolveEndpoint(config);
    QVERIFY(!endpoint.ok());
    QCOMPARE(endpoint.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(endpoint.errorMessage().contains(message), qPrintable(endpoint.errorMessage()));
    QVERIFY(!endpoint.errorMessage().contains(u"sk-secret"_s));
}

void TestLlmSupport::keyComesFromTheEnvironment()
{
    const ProviderPreset *groq = findProviderPreset(u"groq"_s);
    qputenv("GROQ_API_KEY", " gsk_from_the_environment \n");
    QCOMPARE(apiKeyFromEnvironment(*groq), u"gsk_from_the_environment"_s);
    qunsetenv("GROQ_API_KEY");
    QCOMPARE(apiKeyFromEnvironment(*groq), QString());
    QCOMPARE(apiKeyFromEnvironment(*findProviderPreset(u"ollama"_s)), QString());
}

void TestLlmSupport::retryAfterIsRead_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected"); // -1: unreadable
    QTest::newRow("seconds") << QByteArray("7") << qint64(7000);
    QTest::newRow("spaces") << QByteArray(" 12 ") << qint64(12'000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("huge is capped at a day") << QByteArray("99999999") << qint64(86'400'000);
    QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("fractional") << QByteArray("1.5") << qint64(-1);
    // Now is Thu, 01 Jan 2026 00:00:00 GMT.
    QTest::newRow("IMF-fixdate") << QByteArray("Thu, 01 Jan 2026 00:00:30 GMT") << qint64(30'000);
    QTest::newRow("RFC 850") << QByteArray("Thursday, 01-Jan-26 00:01:00 GMT") << qint64(60'000);
    QTest::newRow("asctime") << QByteArray("Thu Jan  1 00:00:05 2026") << qint64(5000);
    QTest::newRow("a past date means now")
        << QByteArray("Wed, 31 Dec 2025 23:59:00 GMT") << qint64(0);
}

void TestLlmSupport::retryAfterIsRead()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    constexpr qint64 Now = 1'767'225'600'000; // 2026-01-01T00:00:00Z
    const auto delay = retryAfterMs(value, Now);
    QCOMPARE(delay.value_or(-1), expected);
}

void TestLlmSupport::backoffDoublesWithJitter_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("first, low") << 1 << 0.0 << qint64(500);
    QTest::newRow("first, high") << 1 << 0.999 << qint64(999);
    QTest::newRow("second, low") << 2 << 0.0 << qint64(1000);
    QTest::newRow("third, middle") << 3 << 0.5 << qint64(3000);
    QTest::newRow("capped") << 12 << 0.0 << qint64(5000);
    QTest::newRow("capped, high") << 40 << 0.999 << qint64(9995);
}

void TestLlmSupport::backoffDoublesWithJitter()
{
    QFETCH(int, retry);
    QFETCH(double, random);
    QFETCH(qint64, expected);
    QCOMPARE(backoffDelayMs(retry, 1000, 10'000, random), expected);
}

void TestLlmSupport::secretsAreScrubbed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the key itself") << "bad key abc123XYZ789 given"
                                    << "abc123XYZ789"
                                    << "bad key [redacted] given";
    QTest::newRow("openai masked")
        << "Incorrect API key provided: sk-proj-********************************wxyz. You can"
        << "sk-proj-abcdwxyz"
        << "Incorrect API key provided: [redacted] You can";
    QTest::newRow("anthropic shape") << "key sk-ant-api03-AbCdEf123456 is bad"
                                     << ""
                                     << "key [redacted] is bad";
    QTest::newRow("google shape") << "key=AIzaSyA1234567890abcdefgh rejected"
                                  << ""
                                  << "key=[redacted] rejected";
    QTest::newRow("groq shape") << "gsk_abcdefghij0123 invalid"
                                << ""
                                << "[redacted] invalid";
    QTest::newRow("bearer") << "header was Authorization: Bearer tok.en-42"
                            << ""
                            << "header was Authorization: Bearer [redacted]";
    QTest::newRow("short keys are left alone") << "a bad thing"
                                               << "bad"
                                               << "a bad thing";
    QTest::newRow("ordinary text stays") << "model gpt-4o-mini not found (404)"
                                         << "sk-real-key-1"
                                         << "model gpt-4o-mini not found (404)";
}

void TestLlmSupport::secretsAreScrubbed()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(scrubSecrets(text, key), expected);
}

void TestLlmSupport::providerErrorsAreRead_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("openai") << QByteArray(
        R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
                            << "You exceeded your current quota.";
    QTest::newRow("anthropic") << QByteArray(
        R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
                               << "Overloaded";
    QTest::newRow("gemini") << QByteArray(
        R"({"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}})")
                            << "Resource has been exhausted (e.g. check quota).";
    QTest::newRow("gemini in an array") << QByteArray(
        R"([{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}])")
                                        << "The model is overloaded.";
    QTest::newRow("plain string") << QByteArray(R"({"error":"model not found"})")
                                  << "model not found";
    QTest::newRow("detail") << QByteArray(R"({"detail":"Not Found"})") << "Not Found";
    QTest::newRow("plain text") << QByteArray("upstream   connect error\n")
                                << "upstream connect error";
    QTest::newRow("an HTML page says nothing") << QByteArray("<html><body>502</body></html>") << "";
    QTest::newRow("empty") << QByteArray() << "";
}

void TestLlmSupport::providerErrorsAreRead()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(providerErrorMessage(body), expected);
}

void TestLlmSupport::statusErrorsSayWhatToFix_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("said");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("code");
    const int invalid = int(ErrorCode::InvalidArgument);
    QTest::newRow("401") << "openai" << 401 << "Incorrect API key provided."
                         << "provider openai rejected the API key (401): set a key in Settings → "
                            "Providers or OPENAI_API_KEY. The provider said: Incorrect API key "
                            "provided."
                         << invalid;
    QTest::newRow("401 without an env var")
        << "ollama" << 401 << ""
        << "provider ollama rejected the API key (401): set a key in "
           "Settings → Providers."
        << invalid;
    QTest::newRow("403") << "anthropic" << 403 << ""
                         << "provider anthropic refused access (403): the key may lack "
                            "permission for model \"m\""
                         << invalid;
    QTest::newRow("404") << "openai" << 404 << "The model `m` does not exist"
                         << "provider openai knows no model \"m\" at "
                            "https://api.example.com/v1/chat/completions (404): check "
                            "model_config.model and model_config.base_url."
                         << int(ErrorCode::NotFound);
    QTest::newRow("400 about the key (Gemini)")
        << "gemini" << 400 << "API key not valid. Please pass a valid API key."
        << "provider gemini rejected the request (400): set a key in Settings → Providers or "
           "GEMINI_API_KEY."
        << invalid;
    QTest::newRow("400") << "openai" << 400 << "Invalid schema for function 'x'"
                         << "provider openai rejected the request (400): check model_config "
                            "and the agent's tools. The provider said: Invalid schema"
                         << invalid;
    QTest::newRow("redirect") << "openai" << 301 << ""
                              << "provider openai redirected the request (301)" << invalid;
}

void TestLlmSupport::statusErrorsSayWhatToFix()
{
    QFETCH(QString, provider);
    QFETCH(int, status);
    QFETCH(QString, said);
    QFETCH(QString, expected);
    QFETCH(int, code);
    const Error error = httpStatusError(*findProviderPreset(provider),
                                        u"m"_s,
                                        QUrl(u"https://api.example.com/v1/chat/completions?x=1"_s),
                                        status,
                                        said);
    QVERIFY2(error.message.startsWith(expected), qPrintable(error.message));
    QCOMPARE(int(error.code), code);
}

QTEST_GUILESS_MAIN(TestLlmSupport)
#include "tst_llmsupport.moc"
