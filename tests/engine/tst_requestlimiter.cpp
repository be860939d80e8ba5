#include "chatprovider.h"
#include "enginefixture.h"
#include "enginehost.h"
#include "llmbench.h"
#include "requestlimiter.h"
#include "secretstore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

namespace nightshift {

// QCOMPARE prints these when a comparison fails.
inline char *toString(const ProviderLimits &limits)
{
    return qstrdup(QStringLiteral("%1/%2")
                       .arg(limits.maxConcurrent)
                       .arg(limits.perMinute)
                       .toUtf8()
                       .constData());
}

inline char *toString(RequestWait reason)
{
    return qstrdup(requestWaitName(reason).toUtf8().constData());
}

} // namespace nightshift

// Per-provider request limits: the limiter itself on simulated time, then requests through
// LlmClient, agent runs on a ChatProvider and a whole engine thread against a fake provider.
class TestRequestLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrencyQueuesInOrder();
    void perMinuteIsASlidingWindow();
    void cancelledWaiterLeavesTheLine();
    void raisingALimitLetsWaitersGo();
    void loweringALimitKeepsRequestsInFlight();
    void setAllLimitsClearsProvidersNotNamed();
    void retriesCountInTheWindowAndGoFirst();
    void providersAreIndependent();
    void manyWaitersDrainInLinearTime();
    void parseProviderLimit_data();
    void parseProviderLimit();
    void requestWaitsForAFreeSlot();
    void retryWaitsForTheWindow();
    void abortedWaitingCallLeavesTheLine();
    void queuedRunReportsItAndTimesOutInTheQueue();
    void engineHostAppliesLimitsOnTheEngineThread();
};

namespace {

const QString OpenAi = u"openai"_s;
const QString Key = u"sk-limits-5d2c8e1f0a9b7c3d"_s;

/// A limiter on simulated time whose requests have names, with when each was let go.
class LimiterBench
{
public:
    RequestLimiter::Admission request(const QString &name, const QString &provider = OpenAi)
    {
        const RequestLimiter::Admission admission
            = limiter.acquire(provider, [this, name] { grant(name); });
        tickets.insert(name, admission.ticket);
        return admission;
    }
    std::optional<RequestLimiter::Wait> retry(const QString &name, const QString &tryName)
    {
        return limiter.acquireAgain(tickets.value(name), [this, tryName] { grant(tryName); });
    }
    void done(const QString &name) { limiter.release(tickets.value(name)); }

    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    RequestLimiter limiter{&scheduler};
    QStringList granted;
    QHash<QString, qint64> grantedAt;
    QHash<QString, RequestLimiter::Ticket> tickets;

private:
    void grant(const QString &name)
    {
        granted.append(name);
        grantedAt.insert(name, clock.nowMs());
    }
};

FakeHttpResponse fine()
{
    return FakeHttpResponse::json(200, openai::textReply("All good.", 20, 4));
}

AgentSpec ollamaAgent(const QString &id, const FakeLlmServer &server, qint64 timeoutMs)
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = u"ollama"_s;
    spec.model.model = u"llama3.2"_s;
    spec.model.baseUrl = server.url(u"/v1"_s);
    spec.schedule.kind = Schedule::Kind::Manual;
    spec.task.query = u"Say done."_s;
    spec.task.maxRetries = 0;
    spec.task.timeoutMs = timeoutMs;
    return spec;
}

} // namespace

void TestRequestLimiter::concurrencyQueuesInOrder()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {2, 0});
    QList<RequestLimiter::Admission> admissions;
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s})
        admissions.append(bench.request(name));
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s}));
    QVERIFY(!admissions.at(0).wait);
    QVERIFY(!admissions.at(1).wait);
    for (int i = 2; i < 5; ++i) {
        QVERIFY(admissions.at(i).wait);
        QCOMPARE(admissions.at(i).wait->reason, RequestWait::Concurrency);
        QCOMPARE(admissions.at(i).wait->position, i - 1);
    }
    QCOMPARE(bench.limiter.inFlight(OpenAi), 2);
    QCOMPARE(bench.limiter.waiting(OpenAi), 3);

    bench.done(u"a"_s);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s, u"c"_s}));
    bench.done(u"c"_s);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
    bench.done(u"b"_s);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}));
    QCOMPARE(bench.limiter.inFlight(OpenAi), 2);
    QCOMPARE(bench.limiter.waiting(OpenAi), 0);
    bench.done(u"d"_s);
    bench.done(u"e"_s);
    QCOMPARE(bench.limiter.inFlight(OpenAi), 0);
    // Concurrency alone never needs a wake-up: a release lets the next one go.
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestRequestLimiter::perMinuteIsASlidingWindow()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {0, 3});
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s}) {
        QVERIFY(!bench.request(name).wait);
        bench.done(name);
        bench.clock.advanceBy(10 * Second);
    }
    const RequestLimiter::Admission fourth = bench.request(u"d"_s);
    QVERIFY(fourth.wait);
    QCOMPARE(fourth.wait->reason, RequestWait::Rate);
    QCOMPARE(fourth.wait->position, 1);
    QCOMPARE(bench.scheduler.nextDue(), T0 + Minute);

    bench.clock.advanceTo(T0 + Minute - 1);
    QVERIFY(!bench.granted.contains(u"d"_s));
    bench.clock.advanceBy(1);
    QVERIFY(bench.granted.contains(u"d"_s));
    QCOMPARE(bench.grantedAt.value(u"d"_s), T0 + Minute);

    // The window slides: the next may go when the second request leaves it.
    QVERIFY(bench.request(u"e"_s).wait);
    bench.clock.advanceBy(Minute);
    QCOMPARE(bench.grantedAt.value(u"e"_s), T0 + 10 * Second + Minute);
}

void TestRequestLimiter::cancelledWaiterLeavesTheLine()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {1, 0});
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s})
        bench.request(name);
    bench.done(u"c"_s);
    QCOMPARE(bench.limiter.waiting(OpenAi), 2);
    bench.done(u"a"_s);
    bench.done(u"b"_s);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s, u"d"_s}));
    QCOMPARE(bench.limiter.inFlight(OpenAi), 1);
    // Releasing twice, or a ticket never handed out, changes nothing.
    bench.done(u"c"_s);
    bench.done(u"a"_s);
    bench.limiter.release(0);
    QCOMPARE(bench.limiter.inFlight(OpenAi), 1);
    bench.done(u"d"_s);
    QCOMPARE(bench.limiter.inFlight(OpenAi), 0);

    // A request waiting for the window takes its wake-up with it.
    bench.limiter.setLimits(u"gemini"_s, {0, 1});
    bench.request(u"x"_s, u"gemini"_s);
    QVERIFY(bench.request(u"y"_s, u"gemini"_s).wait);
    QCOMPARE(bench.scheduler.pendingCount(), 1);
    bench.done(u"y"_s);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
    bench.clock.advanceBy(2 * Minute);
    QVERIFY(!bench.granted.contains(u"y"_s));
}

void TestRequestLimiter::raisingALimitLetsWaitersGo()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {1, 0});
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s})
        bench.request(name);
    bench.limiter.setLimits(OpenAi, {2, 0});
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s}));
    bench.limiter.setLimits(OpenAi, {0, 0});
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
    QCOMPARE(bench.limiter.waiting(OpenAi), 0);

    bench.limiter.setLimits(u"anthropic"_s, {0, 1});
    bench.request(u"x"_s, u"anthropic"_s);
    QVERIFY(bench.request(u"y"_s, u"anthropic"_s).wait);
    bench.clock.advanceBy(Second);
    bench.limiter.setLimits(u"anthropic"_s, {0, 2});
    QCOMPARE(bench.grantedAt.value(u"y"_s), T0 + Second);
    QCOMPARE(bench.scheduler.pendingCount(), 0);
}

void TestRequestLimiter::loweringALimitKeepsRequestsInFlight()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {3, 0});
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s})
        bench.request(name);
    bench.limiter.setLimits(OpenAi, {1, 0});
    QCOMPARE(bench.limiter.inFlight(OpenAi), 3);
    const RequestLimiter::Admission d = bench.request(u"d"_s);
    QVERIFY(d.wait);
    QCOMPARE(d.wait->reason, RequestWait::Concurrency);
    bench.done(u"a"_s);
    bench.done(u"b"_s);
    QVERIFY(!bench.granted.contains(u"d"_s));
    bench.done(u"c"_s);
    QVERIFY(bench.granted.contains(u"d"_s));
}

void TestRequestLimiter::setAllLimitsClearsProvidersNotNamed()
{
    LimiterBench bench;
    bench.limiter.setAllLimits({{OpenAi, {1, 0}}, {u"gemini"_s, {1, 0}}});
    QCOMPARE(bench.limiter.limits(OpenAi), ProviderLimits({1, 0}));
    bench.request(u"a"_s);
    bench.request(u"b"_s);
    bench.request(u"g1"_s, u"gemini"_s);
    bench.request(u"g2"_s, u"gemini"_s);
    bench.limiter.setAllLimits({{u"gemini"_s, {1, 30}}});
    QCOMPARE(bench.limiter.limits(OpenAi), ProviderLimits());
    QCOMPARE(bench.limiter.limits(u"gemini"_s), ProviderLimits({1, 30}));
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"g1"_s, u"b"_s}));
    QCOMPARE(bench.limiter.waiting(u"gemini"_s), 1);
}

void TestRequestLimiter::retriesCountInTheWindowAndGoFirst()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {0, 2});
    bench.request(u"a"_s);
    bench.clock.advanceBy(Second);
    QVERIFY(!bench.retry(u"a"_s, u"a try 2"_s));
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"a try 2"_s}));
    const RequestLimiter::Admission b = bench.request(u"b"_s);
    QVERIFY(b.wait);
    QCOMPARE(b.wait->reason, RequestWait::Rate);
    bench.clock.advanceBy(Second);
    const std::optional<RequestLimiter::Wait> third = bench.retry(u"a"_s, u"a try 3"_s);
    QVERIFY(third);
    QCOMPARE(third->reason, RequestWait::Rate);
    QCOMPARE(third->position, 1);
    // A waiting retry keeps its slot.
    QCOMPARE(bench.limiter.inFlight(OpenAi), 1);
    QCOMPARE(bench.limiter.waiting(OpenAi), 2);

    // The retry holds a slot already, so it goes ahead of the new request.
    bench.clock.advanceTo(T0 + Minute);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"a try 2"_s, u"a try 3"_s}));
    bench.clock.advanceTo(T0 + Second + Minute);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"a try 2"_s, u"a try 3"_s, u"b"_s}));
    QCOMPARE(bench.grantedAt.value(u"b"_s), T0 + Second + Minute);
}

void TestRequestLimiter::providersAreIndependent()
{
    LimiterBench bench;
    bench.limiter.setLimits(OpenAi, {1, 1});
    bench.request(u"a"_s);
    QVERIFY(bench.request(u"b"_s).wait);
    QVERIFY(!bench.request(u"x"_s, u"anthropic"_s).wait);
    QVERIFY(!bench.request(u"y"_s, u"anthropic"_s).wait);
    QCOMPARE(bench.granted, QStringList({u"a"_s, u"x"_s, u"y"_s}));
    QCOMPARE(bench.limiter.inFlight(u"anthropic"_s), 2);
}

void TestRequestLimiter::manyWaitersDrainInLinearTime()
{
    // Quadratic bookkeeping (a search of the line per release or cancel) takes tens of seconds
    // here; linear takes well under one even in a debug build on a busy machine.
    constexpr int Count = 50'000;
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    RequestLimiter limiter(&scheduler);
    limiter.setLimits(OpenAi, {1, 0});
    std::vector<RequestLimiter::Ticket> tickets(Count);
    std::vector<int> order;
    order.reserve(Count);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < Count; ++i)
        tickets[i] = limiter.acquire(OpenAi, [&order, i] { order.push_back(i); }).ticket;
    int cancelled = 0;
    for (int i = 1; i < Count; i += 3) {
        limiter.release(tickets[i]);
        ++cancelled;
    }
    for (size_t next = 0; next < order.size(); ++next)
        limiter.release(tickets[order[next]]);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(int(order.size()), Count - cancelled);
    QVERIFY(std::is_sorted(order.begin(), order.end()));
    QVERIFY(std::none_of(order.begin(), order.end(), [](int i) { return i % 3 == 1; }));
    QCOMPARE(limiter.inFlight(OpenAi), 0);
    QCOMPARE(limiter.waiting(OpenAi), 0);
    QVERIFY2(elapsed < 5'000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void TestRequestLimiter::parseProviderLimit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("concurrent");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<QString>("error");

    QTest::newRow("both") << u"openai=4/60"_s << OpenAi << 4 << 60 << QString();
    QTest::newRow("spaces") << u" anthropic = 0 / 30 "_s << u"anthropic"_s << 0 << 30 << QString();
    QTest::newRow("no limits") << u"ollama=0/0"_s << u"ollama"_s << 0 << 0 << QString();
    const QString shape = u"is not PROVIDER=CONCURRENT/PER_MINUTE"_s;
    QTest::newRow("no equals") << u"openai"_s << QString() << 0 << 0 << shape;
    QTest::newRow("one number") << u"openai=4"_s << QString() << 0 << 0 << shape;
    QTest::newRow("three numbers") << u"openai=4/60/1"_s << QString() << 0 << 0 << shape;
    QTest::newRow("negative") << u"openai=-1/60"_s << QString() << 0 << 0 << shape;
    QTest::newRow("not a number") << u"openai=four/60"_s << QString() << 0 << 0 << shape;
    QTest::newRow("empty number") << u"openai=/60"_s << QString() << 0 << 0 << shape;
    const QString unknown = u"is not a model provider (one of openai, "_s;
    QTest::newRow("unknown provider") << u"opnai=4/60"_s << QString() << 0 << 0 << unknown;
    QTest::newRow("none") << u"none=1/1"_s << QString() << 0 << 0 << unknown;
    QTest::newRow("empty provider") << u"=1/1"_s << QString() << 0 << 0 << unknown;
}

void TestRequestLimiter::parseProviderLimit()
{
    QFETCH(QString, text);
    QFETCH(QString, provider);
    QFETCH(int, concurrent);
    QFETCH(int, perMinute);
    QFETCH(QString, error);
    const auto parsed = nightshift::parseProviderLimit(text);
    if (!error.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(parsed.errorMessage().contains(error), qPrintable(parsed.errorMessage()));
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->first, provider);
    QCOMPARE(parsed->second, ProviderLimits({concurrent, perMinute}));
}

void TestRequestLimiter::requestWaitsForAFreeSlot()
{
    LlmBench bench;
    bench.client.limiter().setLimits(OpenAi, {1, 0});
    bench.server.enqueue(FakeHttpResponse::stalled());
    bench.server.enqueue(fine());
    QSignalSpy received(&bench.server, &FakeLlmServer::requestReceived);
    LlmCallOptions options;
    options.timeoutMs = 30'000;
    const LlmEndpoint endpoint = bench.endpoint(OpenAi, u"/v1"_s);
    const auto first = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key, options);
    const auto second = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key, options);
    QVERIFY(first->queued.isEmpty());
    QCOMPARE(second->queued.size(), 1);
    const LlmQueued &queued = second->queued.first();
    QCOMPARE(queued.providerId, OpenAi);
    QCOMPARE(queued.reason, RequestWait::Concurrency);
    QCOMPARE(queued.position, 1);
    QCOMPARE(queued.tryNumber, 1);
    QVERIFY(second->call->isQueued());

    QVERIFY(received.wait());
    QCOMPARE(bench.server.requests().size(), 1);
    QCOMPARE(second->call->tries(), 0);

    // The first times out; its slot goes to the second at that instant.
    bench.clock.advanceBy(30'000);
    QVERIFY(first->isDone());
    QCOMPARE(first->errorCode(), ErrorCode::Timeout);
    QCOMPARE(second->call->tries(), 1);
    QVERIFY(!second->call->isQueued());
    QTRY_VERIFY(second->isDone());
    QVERIFY2(second->succeeded(), qPrintable(second->error()));
    // The time in the queue is not the provider's.
    QCOMPARE(second->reply().durationMs, 0);
    QCOMPARE(second->queued.size(), 1);
    QCOMPARE(bench.server.requests().size(), 2);
    QCOMPARE(bench.client.limiter().inFlight(OpenAi), 0);
}

void TestRequestLimiter::retryWaitsForTheWindow()
{
    LlmBench bench;
    bench.client.limiter().setLimits(OpenAi, {0, 2});
    bench.server.enqueue(FakeHttpResponse::json(
        429,
        openai::error("Rate limit reached", "requests", "rate_limit_exceeded"),
        {{"Retry-After", "5"}}));
    bench.server.enqueue(fine());
    bench.server.enqueue(fine());
    const LlmEndpoint endpoint = bench.endpoint(OpenAi, u"/v1"_s);
    const auto first = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_COMPARE(first->tries.size(), 1);
    QCOMPARE(first->tries.first().retryInMs, 5000);
    const auto second = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key);
    QTRY_VERIFY(second->isDone());
    QVERIFY(second->queued.isEmpty());

    // Two requests started at T0: the retry waits for the first of them to leave the window.
    bench.clock.advanceBy(5000);
    QCOMPARE(first->queued.size(), 1);
    QCOMPARE(first->queued.first().reason, RequestWait::Rate);
    QCOMPARE(first->queued.first().tryNumber, 2);
    QVERIFY(first->call->isQueued());
    bench.clock.advanceTo(LlmBench::Start + Minute - 1);
    QCOMPARE(first->call->tries(), 1);
    bench.clock.advanceBy(1);
    QCOMPARE(first->call->tries(), 2);
    QTRY_VERIFY(first->isDone());
    QVERIFY2(first->succeeded(), qPrintable(first->error()));
    QCOMPARE(bench.server.requests().size(), 3);
}

void TestRequestLimiter::abortedWaitingCallLeavesTheLine()
{
    LlmBench bench;
    RequestLimiter &limiter = bench.client.limiter();
    limiter.setLimits(OpenAi, {1, 0});
    bench.server.enqueue(FakeHttpResponse::stalled());
    bench.server.enqueue(fine());
    QSignalSpy received(&bench.server, &FakeLlmServer::requestReceived);
    const LlmEndpoint endpoint = bench.endpoint(OpenAi, u"/v1"_s);
    const auto first = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key);
    const auto second = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key);
    const auto third = bench.send(endpoint, simpleRequest(u"gpt-4o-mini"_s), Key);
    QCOMPARE(third->queued.first().position, 2);
    QVERIFY(received.wait());

    second->call->abort();
    QCOMPARE(limiter.waiting(OpenAi), 1);
    first->call->abort();
    QCOMPARE(third->call->tries(), 1);
    QTRY_VERIFY(third->isDone());
    QVERIFY2(third->succeeded(), qPrintable(third->error()));
    QCOMPARE(second->doneCount, 0);
    QCOMPARE(bench.server.requests().size(), 2);
    QCOMPARE(limiter.inFlight(OpenAi), 0);
    QCOMPARE(limiter.waiting(OpenAi), 0);
}

void TestRequestLimiter::queuedRunReportsItAndTimesOutInTheQueue()
{
    EngineFixture engine;
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::stalled());
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    LlmClient client(&network, &engine.scheduler);
    client.limiter().setLimits(u"ollama"_s, {1, 0});
    EnvironmentSecretStore secrets;
    auto services = std::make_shared<ChatServices>();
    services->client = &client;
    services->secrets = &secrets;
    services->memory = &engine.memory;
    for (std::unique_ptr<Provider> &provider : ChatProvider::all(services))
        engine.service.addProvider(std::move(provider));

    QVERIFY(engine.service.create(ollamaAgent(u"first"_s, server, 10 * Minute)));
    QVERIFY(engine.service.create(ollamaAgent(u"second"_s, server, 30 * Second)));
    QSignalSpy received(&server, &FakeLlmServer::requestReceived);
    const QString firstRun = engine.service.runNow(u"first"_s).value();
    QVERIFY(received.wait());
    const QString secondRun = engine.service.runNow(u"second"_s).value();
    QTRY_COMPARE(engine.ofType(EventType::RequestQueued).size(), 1);

    const Event queued = engine.ofType(EventType::RequestQueued).first();
    QCOMPARE(queued.agentId, u"second"_s);
    QCOMPARE(queued.runId, secondRun);
    QCOMPARE(text(queued.payload["provider"]), u"ollama"_s);
    QCOMPARE(text(queued.payload["reason"]), u"concurrency"_s);
    QCOMPARE(queued.payload["position"].get<int>(), 1);
    QCOMPARE(queued.payload["step"].get<int>(), 1);
    QCOMPARE(queued.payload["try"].get<int>(), 1);
    QCOMPARE(client.limiter().waiting(u"ollama"_s), 1);

    // The run's timeout applies in the queue too, and takes the request out of it.
    engine.clock.advanceBy(30 * Second);
    QCOMPARE(engine.runs(u"second"_s).first().state, RunState::TimedOut);
    QCOMPARE(client.limiter().waiting(u"ollama"_s), 0);
    QVERIFY(engine.service.cancelRun(firstRun));
    QCOMPARE(client.limiter().inFlight(u"ollama"_s), 0);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(engine.ofType(EventType::RequestQueued).size(), 1);
}

void TestRequestLimiter::engineHostAppliesLimitsOnTheEngineThread()
{
    FakeLlmServer server;
    server.enqueue(FakeHttpResponse::stalled());
    server.enqueue(fine());
    EngineHost host;
    host.setProviderLimits({{u"ollama"_s, {1, 0}}});
    QVERIFY(host.start(u"memory:"_s).ok());
    EventList events;
    connect(&host, &EngineHost::eventsAppended, this, [&events](const EventList &batch) {
        events.append(batch);
    });
    const auto queuedRuns = [&events] {
        QStringList runs;
        for (const Event &event : std::as_const(events)) {
            if (event.type == QLatin1String(EventType::RequestQueued))
                runs.append(event.runId);
        }
        return runs;
    };
    for (const QString &id : {u"first"_s, u"second"_s}) {
        const AgentSpec spec = ollamaAgent(id, server, 10 * Minute);
        QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }));
    }
    const auto runNow = [&host](const QString &id) {
        return host.call([&](BackgroundAgentService &service) { return service.runNow(id); })
            .value();
    };
    const QString firstRun = runNow(u"first"_s);
    QTRY_COMPARE(server.requests().size(), 1);
    const QString secondRun = runNow(u"second"_s);
    QTRY_COMPARE(queuedRuns(), QStringList({secondRun}));
    QCOMPARE(server.requests().size(), 1);

    // Lifting the limit lets the waiting request go.
    QSignalSpy finished(&host, &EngineHost::runsFinished);
    host.setProviderLimits({});
    QVERIFY(host.providerLimits().isEmpty());
    QTRY_COMPARE(server.requests().size(), 2);
    QVERIFY(finished.wait(10'000));
    const auto runs = finished.first().first().value<QList<RunRecord>>();
    QCOMPARE(runs.first().runId, secondRun);
    QCOMPARE(runs.first().state, RunState::Completed);

    host.call([&](BackgroundAgentService &service) { return service.cancelRun(firstRun); });
    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

QTEST_GUILESS_MAIN(TestRequestLimiter)
#include "tst_requestlimiter.moc"
