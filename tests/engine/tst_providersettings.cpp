// The dashboard's provider settings in the engine: ProviderCheck's one real request, and base
// URLs that apply to agents whose config names none.

#include "backgroundagentservice.h"
#include "enginehost.h"
#include "fakellmserver.h"
#include "providercheck.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

namespace {

const QString Key = u"sk-test-0123456789abcdefghijklmnop"_s;

// Runs one check and waits for its answer.
std::optional<Result<ProviderCheckReply>> check(ProviderCheck &checker,
                                                const ModelConfig &config,
                                                const QString &key)
{
    std::optional<Result<ProviderCheckReply>> outcome;
    checker.start(config, key, [&outcome](Result<ProviderCheckReply> reply) {
        outcome.emplace(std::move(reply));
    });
    // done never comes from inside start().
    if (outcome)
        return outcome;
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 10'000))
        return std::nullopt;
    return outcome;
}

ModelConfig openAiAt(const FakeLlmServer &server)
{
    ModelConfig config;
    config.provider = u"openai"_s;
    config.model = u"gpt-4o-mini"_s;
    config.baseUrl = server.url(u"/v1"_s);
    return config;
}

} // namespace

class TestProviderSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkSendsOneRequestWithTheKey();
    void checkReportsARefusedKeyWithoutQuotingIt();
    void checkDoesNotRetry();
    void checkNeedsAModelAndAKey();
    void abortedCheckNeverAnswers();
    void baseUrlFromSettingsServesAgentsThatNameNone();
};

void TestProviderSettings::checkSendsOneRequestWithTheKey()
{
    FakeLlmServer server;
    QVERIFY(server.isListening());
    server.enqueue(FakeHttpResponse::json(200, openai::textReply("OK", 12, 1)));
    ProviderCheck checker;
    const auto outcome = check(checker, openAiAt(server), Key);
    QVERIFY(outcome);
    QVERIFY2(outcome->ok(), qPrintable(outcome->errorMessage()));
    QCOMPARE(outcome->value().model, u"gpt-4o-mini"_s);
    QCOMPARE(server.requests().size(), 1);
    const FakeHttpRequest &request = server.requests().first();
    QCOMPARE(request.path(), u"/v1/chat/completions"_s);
    QCOMPARE(request.header("authorization"), "Bearer " + Key.toUtf8());
    QCOMPARE(request.json.value("model", std::string()), std::string("gpt-4o-mini"));
    QCOMPARE(request.json["messages"].size(), std::size_t(1));
}

void TestProviderSettings::checkReportsARefusedKeyWithoutQuotingIt()
{
    FakeLlmServer server;
    server.enqueue(
        FakeHttpResponse::json(401,
                               openai::error("Incorrect API key provided: " + Key.toStdString(),
                                             "invalid_request_error",
                                             "invalid_api_key")));
    ProviderCheck checker;
    const auto outcome = check(checker, openAiAt(server), Key);
    QVERIFY(outcome);
    QVERIFY(!outcome->ok());
    QVERIFY2(outcome->errorMessage().contains(u"401"_s)
                 || outcome->errorMessage().contains(u"key"_s, Qt::CaseInsensitive),
             qPrintable(outcome->errorMessage()));
    QVERIFY(!outcome->errorMessage().contains(Key));
}

void TestProviderSettings::checkDoesNotRetry()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::json(503, openai::error("overloaded", "server_error", {})));
    server.enqueue(FakeHttpResponse::json(200, openai::textReply("OK", 12, 1)));
    ProviderCheck checker;
    const auto outcome = check(checker, openAiAt(server), Key);
    QVERIFY(outcome);
    QVERIFY(!outcome->ok());
    QCOMPARE(server.requests().size(), 1);
}

void TestProviderSettings::checkNeedsAModelAndAKey()
{
    FakeLlmServer server;
    ProviderCheck checker;
    ModelConfig noModel = openAiAt(server);
    noModel.model.clear();
    const auto withoutModel = check(checker, noModel, Key);
    QVERIFY(withoutModel && !withoutModel->ok());
    QVERIFY(withoutModel->errorMessage().contains(u"model"_s));

    const auto withoutKey = check(checker, openAiAt(server), QString());
    QVERIFY(withoutKey && !withoutKey->ok());
    QVERIFY(withoutKey->errorMessage().contains(u"OPENAI_API_KEY"_s));

    ModelConfig unknown = openAiAt(server);
    unknown.provider = u"nosuch"_s;
    const auto unknownProvider = check(checker, unknown, Key);
    QVERIFY(unknownProvider && !unknownProvider->ok());
    QCOMPARE(server.requests().size(), 0);
}

void TestProviderSettings::abortedCheckNeverAnswers()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::stalled());
    ProviderCheck checker;
    int answers = 0;
    checker.start(openAiAt(server), Key, [&answers](Result<ProviderCheckReply>) { ++answers; });
    QVERIFY(checker.isRunning());
    QSignalSpy received(&server, &FakeLlmServer::requestReceived);
    QVERIFY(received.wait(10'000));
    checker.abort();
    QVERIFY(!checker.isRunning());
    // An early error is dropped too when the check is aborted before it is delivered.
    ModelConfig noModel = openAiAt(server);
    noModel.model.clear();
    checker.start(noModel, Key, [&answers](Result<ProviderCheckReply>) { ++answers; });
    checker.abort();
    QCoreApplication::processEvents();
    QCOMPARE(answers, 0);
}

void TestProviderSettings::baseUrlFromSettingsServesAgentsThatNameNone()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::json(200, openai::textReply("done", 10, 2)));
    EngineHost host;
    host.setProviderBaseUrls({{u"ollama"_s, server.url(u"/v1"_s)}});
    QVERIFY(host.start(u"memory:"_s).ok());
    QVERIFY(host.isStarted());
    AgentSpec spec;
    spec.agentId = u"local"_s;
    spec.model.provider = u"ollama"_s;
    spec.model.model = u"llama3.2"_s;
    spec.task.query = u"Say done."_s;
    spec.task.maxRetries = 0;
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }).ok());
    QSignalSpy finished(&host, &EngineHost::runsFinished);
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.runNow(u"local"_s); })
                .ok());
    QVERIFY(finished.wait(10'000));
    const auto runs = finished.first().first().value<QList<RunRecord>>();
    QCOMPARE(runs.first().state, RunState::Completed);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().path(), u"/v1/chat/completions"_s);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

QTEST_GUILESS_MAIN(TestProviderSettings)
#include "tst_providersettings.moc"
