#include "llmbench.h"

#include <QSignalSpy>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

// LlmClient's HTTP behaviour, on simulated time: retries and their waits, timeouts, size caps,
// broken replies, dropped connections, abort, and keys kept out of every message.
class TestLlmClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryAfterSecondsIsHonoured();
    void retryAfterDateIsHonoured();
    void serverErrorThenSuccess();
    void retriesRunOut();
    void retryAfterLongerThanAllowedEndsTheCall();
    void slowReplyTimesOut();
    void truncatedJsonIsAnError();
    void cutOffBodyIsRetried();
    void hugeDeclaredReplyIsRefused();
    void hugeStreamedReplyIsCut();
    void droppedConnectionIsRetried();
    void droppedConnectionsRunOut();
    void refusedConnectionIsNotRetried();
    void abortCancelsTheRequest();
    void abortCancelsAWaitingRetry();
    void missingKeyFailsWithoutARequest();
    void keyStaysOutOfErrors();
    void nothingToSendIsAnError();
};

namespace {

const QString Key = u"sk-test-3f9a0c2e7b1d4a6f"_s;

FakeHttpResponse rateLimited(const QByteArray &retryAfter)
{
    return FakeHttpResponse::json(
        429,
        openai::error("Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, "
                      "Used 3, Requested 1.",
                      "requests",
                      "rate_limit_exceeded"),
        {{"Retry-After", retryAfter}});
}

FakeHttpResponse fine()
{
    return FakeHttpResponse::json(200, openai::textReply("All good.", 20, 4));
}

} // namespace

void TestLlmClient::retryAfterSecondsIsHonoured()
{
    LlmBench bench;
    bench.server.enqueue(rateLimited("7"));
    bench.server.enqueue(fine());
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).httpStatus, 429);
    QCOMPARE(call->tries.at(0).retryInMs, 7000);
    QVERIFY2(call->tries.at(0).error.contains(u"rate limiting requests (429)"_s),
             qPrintable(call->tries.at(0).error));
    QVERIFY(!call->isDone());
    QCOMPARE(bench.scheduler.nextDue(), LlmBench::Start + 7000);

    bench.clock.advanceBy(6999);
    QCOMPARE(call->call->tries(), 1);
    bench.clock.advanceBy(1);
    QCOMPARE(call->call->tries(), 2);

    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().text, u"All good."_s);
    QCOMPARE(call->reply().tries, 2);
    QCOMPARE(call->reply().durationMs, 7000);
    QCOMPARE(call->tries.size(), 2);
    QCOMPARE(call->tries.at(1).httpStatus, 200);
    QCOMPARE(call->tries.at(1).retryInMs, -1);
    QCOMPARE(bench.server.requests().size(), 2);
    // The retry is the same request.
    QCOMPARE(bench.server.requests().at(1).body, bench.server.requests().at(0).body);
    QCOMPARE(call->doneCount, 1);
}

void TestLlmClient::retryAfterDateIsHonoured()
{
    LlmBench bench;
    // Thirty seconds after the bench's clock: Thu, 01 Jan 2026 00:00:00 GMT.
    bench.server.enqueue(rateLimited("Thu, 01 Jan 2026 00:00:30 GMT"));
    bench.server.enqueue(fine());
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).retryInMs, 30'000);
    bench.clock.advanceBy(30'000);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().durationMs, 30'000);
}

void TestLlmClient::serverErrorThenSuccess()
{
    LlmBench bench;
    bench.server.enqueue(
        FakeHttpResponse::json(500, anthropic::error("api_error", "Internal server error")));
    bench.server.enqueue(FakeHttpResponse::json(
        200,
        anthropic::message(Json::array({anthropic::textBlock("Recovered.")}), "end_turn", 3, 2)));
    LlmCallOptions options;
    options.retryBaseMs = 2000;
    const auto call = bench.send(bench.endpoint(u"anthropic"_s, u"/v1"_s),
                                 simpleRequest(u"claude-sonnet-4-20250514"_s),
                                 Key,
                                 options);
    QTRY_COMPARE(call->tries.size(), 1);
    const LlmTry &failed = call->tries.at(0);
    QCOMPARE(failed.httpStatus, 500);
    QVERIFY2(failed.error.contains(u"failed (500). The provider said: Internal server error"_s),
             qPrintable(failed.error));
    // The first backoff is the base with jitter in its upper half.
    QVERIFY2(failed.retryInMs >= 1000 && failed.retryInMs < 2000,
             qPrintable(QString::number(failed.retryInMs)));
    bench.clock.advanceBy(failed.retryInMs);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().text, u"Recovered."_s);
    QCOMPARE(call->reply().tries, 2);
}

void TestLlmClient::retriesRunOut()
{
    LlmBench bench;
    for (int i = 0; i < 3; ++i)
        bench.server.enqueue(FakeHttpResponse::json(
            503,
            gemini::error(
                503, "The model is overloaded. Please try again later.", "UNAVAILABLE", "")));
    LlmCallOptions options;
    options.maxRetries = 2;
    const auto call = bench.send(bench.endpoint(u"gemini"_s, u"/v1beta"_s),
                                 simpleRequest(u"gemini-2.0-flash"_s),
                                 Key,
                                 options);
    for (int tried = 1; tried <= 2; ++tried) {
        QTRY_COMPARE(call->tries.size(), tried);
        QVERIFY(call->tries.last().retryInMs > 0);
        bench.clock.advanceBy(call->tries.last().retryInMs);
    }
    QTRY_VERIFY(call->isDone());
    QVERIFY(!call->succeeded());
    QCOMPARE(call->errorCode(), ErrorCode::Unavailable);
    QCOMPARE(call->error(),
             u"provider gemini failed (503). The provider said: The model is overloaded. Please "
             "try again later. (gave up after 3 tries)"_s);
    QCOMPARE(call->tries.size(), 3);
    QCOMPARE(call->tries.last().retryInMs, -1);
    QCOMPARE(bench.server.requests().size(), 3);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmClient::retryAfterLongerThanAllowedEndsTheCall()
{
    LlmBench bench;
    bench.server.enqueue(rateLimited("3600"));
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_VERIFY(call->isDone());
    QVERIFY(!call->succeeded());
    QVERIFY2(call->error().endsWith(u"(it asks to wait 3600 s, longer than this call waits)"_s),
             qPrintable(call->error()));
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmClient::slowReplyTimesOut()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::stalled());
    QSignalSpy received(&bench.server, &FakeLlmServer::requestReceived);
    QSignalSpy hungUp(&bench.server, &FakeLlmServer::clientDisconnected);
    LlmCallOptions options;
    options.timeoutMs = 30'000;
    const auto call = bench.send(
        bench.endpoint(u"ollama"_s, u"/v1"_s), simpleRequest(u"llama3.2"_s), QString(), options);
    QVERIFY(received.wait());
    bench.clock.advanceBy(29'999);
    QVERIFY(!call->isDone());
    bench.clock.advanceBy(1);
    QVERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::Timeout);
    QCOMPARE(call->error(),
             u"provider ollama did not answer within 30 s; check that the server runs, or allow "
             "it more time."_s);
    QCOMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).httpStatus, 0);
    QCOMPARE(call->tries.at(0).durationMs, 30'000);
    // The request is cancelled, not left running.
    QTRY_COMPARE(hungUp.size(), 1);
    QCOMPARE(bench.server.requests().size(), 1);
}

void TestLlmClient::truncatedJsonIsAnError()
{
    LlmBench bench;
    const QByteArray whole
        = QByteArray::fromStdString(openai::textReply("All good.", 20, 4).dump());
    bench.server.enqueue(FakeHttpResponse::raw(200, whole.left(whole.size() / 2)));
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(!call->succeeded(), "half a reply passed as an answer");
    QCOMPARE(call->errorCode(), ErrorCode::Io);
    QVERIFY2(call->error().contains(u"bytes that are not complete JSON"_s),
             qPrintable(call->error()));
    // The same body would come again: not retried.
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmClient::cutOffBodyIsRetried()
{
    LlmBench bench;
    const QByteArray whole
        = QByteArray::fromStdString(openai::textReply("All good.", 20, 4).dump());
    bench.server.enqueue(FakeHttpResponse::truncated(whole, 40));
    bench.server.enqueue(fine());
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).httpStatus, 200);
    QVERIFY2(call->tries.at(0).error.startsWith(
                 u"the reply from provider openai was cut off after 40 bytes"_s),
             qPrintable(call->tries.at(0).error));
    bench.clock.advanceBy(call->tries.at(0).retryInMs);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().text, u"All good."_s);
}

void TestLlmClient::hugeDeclaredReplyIsRefused()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::raw(200, QByteArray(10 * 1024 * 1024, ' ')));
    QSignalSpy hungUp(&bench.server, &FakeLlmServer::clientDisconnected);
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_VERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::Io);
    QCOMPARE(call->error(),
             u"the reply from provider openai is 10485760 bytes (10 MiB), over the 8 MiB limit; "
             "lower model_config.max_tokens or check model_config.base_url."_s);
    // Refused on its Content-Length, before the body was read.
    QCOMPARE(call->tries.at(0).replyBytes, 0);
    QTRY_COMPARE(hungUp.size(), 1);
}

void TestLlmClient::hugeStreamedReplyIsCut()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::streamed(QByteArray(10 * 1024 * 1024, ' ')));
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_VERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::Io);
    QVERIFY2(
        call->error().startsWith(
            u"the reply from provider openai is more than 8388608 bytes, over the 8 MiB limit"_s),
        qPrintable(call->error()));
    // Reading stopped at the cap: at most one byte past it is held.
    QCOMPARE(call->tries.at(0).replyBytes, 8 * 1024 * 1024 + 1);
}

void TestLlmClient::droppedConnectionIsRetried()
{
    LlmBench bench;
    // Qt itself sends a request again once when the connection drops before any answer, so
    // the server drops every request until the call has reported its failed try.
    auto dropping = std::make_shared<bool>(true);
    for (int i = 0; i < 10; ++i)
        bench.server.enqueue([dropping](const FakeHttpRequest &) {
            return *dropping ? FakeHttpResponse::dropped() : fine();
        });
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(call->tries.size(), 1);
    QCOMPARE(call->tries.at(0).httpStatus, 0);
    QVERIFY2(call->tries.at(0).error.startsWith(u"could not reach provider openai at 127.0.0.1:"_s),
             qPrintable(call->tries.at(0).error));
    QVERIFY(call->tries.at(0).retryInMs > 0);
    const qsizetype dropped = bench.server.requests().size();
    *dropping = false;
    bench.clock.advanceBy(call->tries.at(0).retryInMs);
    QTRY_VERIFY(call->isDone());
    QVERIFY2(call->succeeded(), qPrintable(call->error()));
    QCOMPARE(call->reply().tries, 2);
    QCOMPARE(bench.server.requests().size(), dropped + 1);
}

void TestLlmClient::droppedConnectionsRunOut()
{
    LlmBench bench;
    for (int i = 0; i < 10; ++i)
        bench.server.enqueue(FakeHttpResponse::dropped());
    LlmCallOptions options;
    options.maxRetries = 1;
    const auto call = bench.send(
        bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key, options);
    QTRY_COMPARE(call->tries.size(), 1);
    bench.clock.advanceBy(call->tries.at(0).retryInMs);
    QTRY_VERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::Unavailable);
    QVERIFY2(call->error().startsWith(u"could not reach provider openai at 127.0.0.1:"_s),
             qPrintable(call->error()));
    QVERIFY2(call->error().endsWith(u"(gave up after 2 tries)"_s), qPrintable(call->error()));
    QCOMPARE(call->tries.size(), 2);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmClient::refusedConnectionIsNotRetried()
{
    LlmBench bench;
    // A port nothing listens on: the fake server's, once it is closed.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    ModelConfig config;
    config.provider = u"lmstudio"_s;
    config.baseUrl = u"http://127.0.0.1:%1/v1"_s.arg(port);
    const auto call = bench.send(resolveEndpoint(config).value(), simpleRequest(u"qwen"_s), {});
    QTRY_VERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::Unavailable);
    QVERIFY2(call->error().startsWith(
                 u"could not reach provider lmstudio at 127.0.0.1:%1: "_s.arg(port)),
             qPrintable(call->error()));
    QCOMPARE(call->tries.size(), 1);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestLlmClient::abortCancelsTheRequest()
{
    LlmBench bench;
    bench.server.enqueue(FakeHttpResponse::stalled());
    QSignalSpy received(&bench.server, &FakeLlmServer::requestReceived);
    QSignalSpy hungUp(&bench.server, &FakeLlmServer::clientDisconnected);
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QVERIFY(received.wait());
    QCOMPARE(bench.scheduler.pendingCount(), 1); // The timeout.
    call->call->abort();
    QVERIFY(call->call->isFinished());
    QCOMPARE(bench.scheduler.pendingCount(), 0);
    QTRY_COMPARE(hungUp.size(), 1);
    // Aborted calls stay silent and go away.
    QTRY_VERIFY(call->call.isNull());
    QCOMPARE(call->doneCount, 0);
    QVERIFY(call->tries.isEmpty());
}

void TestLlmClient::abortCancelsAWaitingRetry()
{
    LlmBench bench;
    bench.server.enqueue(rateLimited("5"));
    bench.server.enqueue(fine());
    const auto call
        = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(call->tries.size(), 1);
    QCOMPARE(bench.scheduler.pendingCount(), 1); // The retry.
    call->call->abort();
    QCOMPARE(bench.scheduler.pendingCount(), 0);
    bench.clock.advanceBy(10'000);
    QTRY_VERIFY(call->call.isNull());
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(call->doneCount, 0);
}

void TestLlmClient::missingKeyFailsWithoutARequest()
{
    LlmBench bench;
    const auto call = bench.send(
        bench.endpoint(u"openai"_s, u"/v1"_s), simpleRequest(u"gpt-4o-mini"_s), QString());
    // Never inside send(): the caller may not be ready for the answer yet.
    QVERIFY(!call->isDone());
    QTRY_VERIFY(call->isDone());
    QCOMPARE(call->errorCode(), ErrorCode::InvalidArgument);
    QCOMPARE(call->error(),
             u"provider openai needs an API key: set a key in Settings → Providers or "
             "OPENAI_API_KEY."_s);
    QVERIFY(bench.server.requests().isEmpty());
    QVERIFY(call->tries.isEmpty());
}

void TestLlmClient::keyStaysOutOfErrors()
{
    LlmBench bench;
    // A key of no known provider's shape, so only knowing the key itself can hide it.
    const QString key = u"d41d8cd98f00b204e9800998ecf8427e"_s;
    // A careless server that quotes the key, and the header it came in, back.
    bench.server.enqueue([](const FakeHttpRequest &request) {
        const QByteArray authorization = request.header("authorization");
        const std::string echoed = "bad request from " + authorization.toStdString() + "; key "
                                   + authorization.mid(7).toStdString() + " refused";
        return FakeHttpResponse::json(400, openai::error(echoed, "invalid_request_error", nullptr));
    });
    const auto call = bench.send(
        bench.endpoint(u"groq"_s, u"/v1"_s), simpleRequest(u"llama-3.3-70b-versatile"_s), key);
    QTRY_VERIFY(call->isDone());
    QVERIFY(!call->succeeded());
    QVERIFY2(!call->error().contains(key), qPrintable(call->error()));
    QVERIFY2(
        call->error().contains(u"bad request from Bearer [redacted]; key [redacted] refused"_s),
        qPrintable(call->error()));
    QVERIFY(!call->tries.at(0).error.contains(key));
    // The key travelled in its header only.
    const FakeHttpRequest &sent = bench.server.requests().at(0);
    QCOMPARE(sent.header("authorization"), "Bearer " + key.toUtf8());
    QVERIFY(!sent.target.contains(key.toUtf8()));
    QVERIFY(!sent.body.contains(key.toUtf8()));
}

void TestLlmClient::nothingToSendIsAnError()
{
    LlmBench bench;
    ChatRequest empty = simpleRequest(u"gpt-4o-mini"_s);
    empty.messages.clear();
    const auto noMessages = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), empty, Key);
    ChatRequest noModel = simpleRequest(QString());
    const auto unnamed = bench.send(bench.endpoint(u"openai"_s, u"/v1"_s), noModel, Key);
    QTRY_VERIFY(noMessages->isDone() && unnamed->isDone());
    QCOMPARE(noMessages->error(),
             u"nothing to send to provider openai: the conversation is empty."_s);
    QCOMPARE(unnamed->error(),
             u"model_config.model is empty: name the model provider openai should run."_s);
    QVERIFY(bench.server.requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestLlmClient)
#include "tst_llmclient.moc"
