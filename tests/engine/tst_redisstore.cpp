#include "enginefixture.h"
#include "memorystore.h"
#include "redisconnection.h"
#include "rediseventrouter.h"
#include "redismemoryrouter.h"
#include "redisownerlease.h"
#include "redisserver.h"
#include "redisstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <set>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace nightshift;
using namespace nightshift::test;

namespace {

using Command = RedisConnection::Command;

AgentSpec fullSpec(const QString &id, int revision)
{
    AgentSpec spec;
    spec.agentId = id;
    spec.systemInstruction = QStringLiteral("You watch the disks. Ünïcode too.");
    spec.model.provider = QStringLiteral("openai");
    spec.model.model = QStringLiteral("gpt-4o-mini");
    spec.model.baseUrl = QStringLiteral("http://localhost:11434/v1");
    spec.model.temperature = 0.25;
    spec.model.maxTokens = 512;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 90'000;
    spec.task.query = QStringLiteral("Is any disk over 90%?");
    spec.task.maxRetries = 5;
    spec.task.retryDelayMs = 30'000;
    spec.task.retryBackoff = TaskConfig::Backoff::Exponential;
    spec.task.timeoutMs = 120'000;
    spec.task.sessionId = QStringLiteral("disks");
    spec.task.toolArguments = {{"system_info", {{"detail", "full"}}}};
    spec.limits.maxSteps = 7;
    spec.limits.requestLimit = 20;
    spec.limits.totalTokensLimit = 50'000;
    spec.tools = {QStringLiteral("system_info")};
    spec.revision = revision;
    return spec;
}

AgentStatus fullStatus(const QString &id)
{
    AgentStatus status;
    status.agentId = id;
    status.state = AgentState::Paused;
    status.desired = DesiredState::Paused;
    status.specRevision = 3;
    status.runCount = 41;
    status.errorCount = 4;
    status.consecutiveFailures = 2;
    status.lastRunMs = 1'767'225'600'123;
    status.lastOutcome = QStringLiteral("failed");
    status.lastError = QStringLiteral("HTTP 503: überlastet");
    status.nextRunMs = 1'767'225'690'000;
    status.anchorMs = 1'767'225'000'000;
    status.lastDurationMs = 1234;
    status.totalDurationMs = 56'789;
    status.pauseReason = QStringLiteral("budget");
    status.pausedAtMs = 1'767'225'650'000;
    status.tokensTotal = 98'765;
    return status;
}

RunRecord makeRun(const QString &agentId, const QString &runId, RunState state, qint64 occurrence)
{
    RunRecord run;
    run.runId = runId;
    run.agentId = agentId;
    run.specRevision = 2;
    run.origin = RunOrigin::Retry;
    run.occurrenceMs = occurrence;
    run.state = state;
    run.attempts = 2;
    run.startedMs = occurrence + 5;
    run.finishedMs = isFinal(state) ? occurrence + 905 : 0;
    run.usage = {3, 1000, 250, 0.0123456789};
    run.result = QStringLiteral("all fine");
    run.error = state == RunState::Failed ? QStringLiteral("boom") : QString();
    return run;
}

Event makeEvent(const QString &agentId, int index)
{
    Event event;
    event.agentId = agentId;
    event.runId = QStringLiteral("run-%1").arg(index / 3);
    event.type = QString::fromLatin1(EventType::ToolCallCompleted);
    event.timestampMs = 1'767'225'600'000 + index;
    event.payload = {{"index", index}, {"tool", "system_info"}, {"nested", {{"x", 1.5}}}};
    return event;
}

QList<qint64> seqs(const EventList &events)
{
    QList<qint64> result;
    for (const Event &event : events)
        result.append(event.seq);
    return result;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 seq = first; seq <= last; ++seq)
        result.append(seq);
    return result;
}

/// redis-server arguments that keep every write across a restart of the server.
QStringList persistentServer(const QString &folder)
{
    return {QStringLiteral("--appendonly"),
            QStringLiteral("yes"),
            QStringLiteral("--appendfsync"),
            QStringLiteral("always"),
            QStringLiteral("--dir"),
            folder};
}

RedisEventRouter *redisEvents(const Store &store)
{
    return dynamic_cast<RedisEventRouter *>(store.events.get());
}

} // namespace

class TestRedisStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void removeAgentForgetsEverything();
    void keysUseThePrefixAndHashTags();
    void clientSeesOwnerEventsLive();
    void passwordIsMasked();
    void refusedCredentials();
    void badUrls_data();
    void badUrls();
    void connectionRefused();
    void ownerLease();
    void outageBuffersSpillsAndCatchesUp();
    void runsGoOnWhileRedisIsAway();
    void unwrittenEventsSurviveClosingTheStore();
    void hungServerTimesOut();
    void tls();

private:
    // A URL of the shared server with a prefix no other test uses.
    QString freshUrl(const QString &query = {})
    {
        m_prefix = QStringLiteral("t%1-%2:").arg(QCoreApplication::applicationPid()).arg(++m_tests);
        QString options = QStringLiteral("prefix=") + m_prefix;
        if (!query.isEmpty())
            options += u'&' + query;
        return m_server->url({}, 0, options);
    }

    std::unique_ptr<RedisServer> m_server;
    QString m_prefix;
    int m_tests = 0;
};

void TestRedisStore::initTestCase()
{
    // Spill files go to a test folder, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    if (RedisServer::executable().isEmpty()) {
        if (qEnvironmentVariable("CI") == u"true")
            QFAIL("redis-server is not installed: install it (apt-get install redis-server) so "
                  "CI tests the Redis store");
        QSKIP("redis-server is not installed; install it to test the Redis store");
    }
    m_server = std::make_unique<RedisServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestRedisStore::removeAgentForgetsEverything()
{
    const QString url = freshUrl();
    Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY(store.ok());
    const QString a = QStringLiteral("a");
    QVERIFY(store->memory->saveSpec(fullSpec(a, 1)).ok());
    QVERIFY(store->memory->saveSpec(fullSpec(QStringLiteral("keep"), 1)).ok());
    QVERIFY(store->memory->saveStatus(fullStatus(a)).ok());
    QVERIFY(store->memory->saveRun(makeRun(a, QStringLiteral("r1"), RunState::Running, 1)).ok());
    for (int i = 0; i < 3; ++i)
        store->events->append(makeEvent(a, i));
    QVERIFY(store->events->flush().ok());

    QVERIFY(store->memory->removeAgent(a).ok());
    QVERIFY(store->events->removeAgent(a).ok());
    QCOMPARE(store->events->lastSeq(a), qint64(0));
    QVERIFY(store->events->read(a, 1, 10)->isEmpty());
    QCOMPARE(store->memory->loadAgents()->size(), 1);
    QVERIFY(store->memory->listRuns(a, 10)->isEmpty());
    QVERIFY(store->memory->listUnfinishedRuns()->isEmpty());
    QVERIFY(store->events->flush().ok());

    RedisConnection raw(parseRedisUrl(url).value());
    QVERIFY(raw.open().ok());
    const Result<RedisReply> keys = raw.execute(Command{"KEYS", m_prefix.toUtf8() + "{a}*"});
    QVERIFY(keys.ok());
    QVERIFY(keys->elements.isEmpty());
    QVERIFY(raw.execute(Command{"ZSCORE", m_prefix.toUtf8() + "due", "a"})->isNil());

    // The agent starts over, also for the next process.
    QCOMPARE(store->events->append(makeEvent(a, 7))->seq, qint64(1));
    QCOMPARE(seqs(store->events->read(a, 1, 10).value()), QList<qint64>{1});
    QVERIFY(store->events->flush().ok());
    const Result<Store> reopened = openRedisStore(url, StoreRole::Client);
    QVERIFY(reopened.ok());
    QCOMPARE(reopened->events->lastSeq(a), qint64(1));
}

void TestRedisStore::keysUseThePrefixAndHashTags()
{
    const QString url = freshUrl(QStringLiteral("max_events=1000"));
    Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY(store.ok());
    AgentStatus status = fullStatus(QStringLiteral("a"));
    QVERIFY(store->memory->saveSpec(fullSpec(QStringLiteral("a"), 1)).ok());
    QVERIFY(store->memory->saveStatus(status).ok());
    const Event appended = store->events->append(makeEvent(QStringLiteral("a"), 4)).value();
    QVERIFY(store->events->flush().ok());

    RedisConnection raw(parseRedisUrl(url).value());
    QVERIFY(raw.open().ok());
    const QByteArray prefix = m_prefix.toUtf8();
    const Result<RedisReply> keys = raw.execute(Command{"KEYS", prefix + '*'});
    QVERIFY(keys.ok());
    std::set<QByteArray> names;
    for (const RedisReply &key : keys->elements)
        names.insert(key.string);
    for (const QByteArray &expected : {QByteArray("{a}:spec"),
                                       QByteArray("{a}:status"),
                                       QByteArray("{a}:events"),
                                       QByteArray("due"),
                                       QByteArray("events"),
                                       QByteArray("owner"),
                                       QByteArray("agents")})
        QVERIFY2(names.count(prefix + expected) == 1, (prefix + expected).constData());
    for (const QByteArray &name : names)
        QVERIFY2(name.startsWith(prefix), name.constData());

    QCOMPARE(raw.execute(Command{"ZSCORE", prefix + "due", "a"})->string,
             QByteArray::number(status.nextRunMs));
    const Result<RedisReply> entries
        = raw.execute(Command{"XRANGE", prefix + "{a}:events", "-", "+"});
    QVERIFY(entries.ok());
    QCOMPARE(entries->elements.size(), 1);
    QCOMPARE(entries->elements.first().elements.at(0).string, QByteArray("1-0"));
    QList<QByteArray> fields;
    const QList<RedisReply> &values = entries->elements.first().elements.at(1).elements;
    for (qsizetype i = 0; i < values.size(); i += 2)
        fields.append(values.at(i).string);
    QCOMPARE(fields,
             (QList<QByteArray>{"seq", "agent_id", "run_id", "type", "timestamp", "payload"}));
    QCOMPARE(values.at(9).string, QByteArray::number(appended.timestampMs));

    status.nextRunMs = 0;
    QVERIFY(store->memory->saveStatus(status).ok());
    QVERIFY(raw.execute(Command{"ZSCORE", prefix + "due", "a"})->isNil());
}

void TestRedisStore::clientSeesOwnerEventsLive()
{
    const QString url = freshUrl();
    Result<Store> owner = openRedisStore(url, StoreRole::Owner);
    QVERIFY(owner.ok());
    const QString a = QStringLiteral("a");
    owner->events->append(makeEvent(a, 0));
    owner->events->append(makeEvent(a, 1));
    QVERIFY(owner->events->flush().ok());

    Result<Store> client = openRedisStore(url, StoreRole::Client);
    QVERIFY(client.ok());
    QVERIFY(!client->owner);
    QCOMPARE(client->events->lastSeq(a), qint64(2));
    QObject context;
    EventList agentEvents;
    EventList fleetEvents;
    client->events->subscribe(
        a, 1, &context, [&](const Event &event) { agentEvents.append(event); });
    client->events->subscribe(
        {}, 0, &context, [&](const Event &event) { fleetEvents.append(event); });
    QCOMPARE(seqs(agentEvents), range(1, 2));

    const Event third = owner->events->append(makeEvent(a, 2)).value();
    owner->events->append(makeEvent(QStringLiteral("b"), 0));
    QVERIFY(owner->events->flush().ok());
    QTRY_COMPARE(fleetEvents.size(), 2);
    QCOMPARE(seqs(agentEvents), range(1, 3));
    QVERIFY(agentEvents.last() == third);
    QVERIFY(fleetEvents.first() == third);
    QCOMPARE(client->events->lastSeq(a), qint64(3));
}

void TestRedisStore::passwordIsMasked()
{
    RedisServer server({QStringLiteral("--requirepass"), QStringLiteral("s3cret-pass")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString password = QStringLiteral("s3cret-pass");

    Result<Store> store
        = openRedisStore(server.url(QStringLiteral("default:s3cret-pass")), StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    QVERIFY(!store->url.contains(password));
    QVERIFY(store->url.contains(QStringLiteral("default:***@127.0.0.1")));
    QVERIFY(store->memory->saveSpec(fullSpec(QStringLiteral("a"), 1)).ok());

    // A password-only URL works too and is masked the same way.
    store = openRedisStore(
        server.url(QStringLiteral(":s3cret-pass"), 0, QStringLiteral("prefix=other:")),
        StoreRole::Client);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    QVERIFY(store->url.contains(QStringLiteral("//:***@")));

    for (const QString &url :
         {server.url(QStringLiteral("default:s3cret-passX")),
          QStringLiteral("redis://u:s3cret-pass@127.0.0.1:99999/0"),
          QStringLiteral("redis://u:s3cret-pass@127.0.0.1:%1/x").arg(server.port()),
          QStringLiteral("redis://u:s3cret-pass@127.0.0.1:1/0")}) {
        const Result<Store> failed = openRedisStore(url, StoreRole::Owner);
        QVERIFY(!failed.ok());
        QVERIFY2(!failed.errorMessage().contains(password), qPrintable(failed.errorMessage()));
        QVERIFY2(failed.errorMessage().contains(QStringLiteral(":***@")),
                 qPrintable(failed.errorMessage()));
    }
    QCOMPARE(maskRedisUrl(QStringLiteral("rediss://me:p@ss/word@host:1/0")),
             QStringLiteral("rediss://me:***@host:1/0"));
    QCOMPARE(maskRedisUrl(QStringLiteral("redis://me:pa?ss@host:1/0?prefix=x:")),
             QStringLiteral("redis://me:***@host:1/0?prefix=x:"));
    QCOMPARE(parseRedisUrl(QStringLiteral("redis://host:1/0?prefix=a@b:"))->masked,
             QStringLiteral("redis://host:1/0?prefix=a@b:"));
}

void TestRedisStore::refusedCredentials()
{
    RedisServer server({QStringLiteral("--requirepass"), QStringLiteral("right")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    const Result<Store> wrong
        = openRedisStore(server.url(QStringLiteral("alice:wrong-one")), StoreRole::Owner);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(wrong.errorMessage().contains(QStringLiteral("user \"alice\"")),
             qPrintable(wrong.errorMessage()));
    QVERIFY(wrong.errorMessage().contains(QStringLiteral("fix the user and password")));
    QVERIFY(!wrong.errorMessage().contains(QStringLiteral("wrong-one")));

    const Result<Store> none = openRedisStore(server.url(), StoreRole::Owner);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(none.errorMessage().contains(QStringLiteral("requires a password")),
             qPrintable(none.errorMessage()));

    RedisConnection raw(parseRedisUrl(server.url(QStringLiteral(":right"))).value());
    QVERIFY(raw.open().ok());
    QCOMPARE(raw.execute(Command{"DBSIZE"})->integer, qint64(0));
}

void TestRedisStore::badUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("says");
    QTest::newRow("no host") << QStringLiteral("redis:///0") << QStringLiteral("no host");
    QTest::newRow("scheme") << QStringLiteral("redis+tls://127.0.0.1:6379/0")
                            << QStringLiteral("unknown scheme");
    QTest::newRow("port range") << QStringLiteral("redis://127.0.0.1:70000/0")
                                << QStringLiteral("not a valid URL");
    QTest::newRow("port text") << QStringLiteral("redis://127.0.0.1:abc/0")
                               << QStringLiteral("not a valid URL");
    QTest::newRow("port zero") << QStringLiteral("redis://127.0.0.1:0/0")
                               << QStringLiteral("port 0");
    QTest::newRow("db text") << QStringLiteral("redis://127.0.0.1:6379/zero")
                             << QStringLiteral("database \"zero\"");
    QTest::newRow("db negative") << QStringLiteral("redis://127.0.0.1:6379/-1")
                                 << QStringLiteral("database \"-1\"");
    QTest::newRow("db path") << QStringLiteral("redis://127.0.0.1:6379/0/1")
                             << QStringLiteral("database \"0/1\"");
    QTest::newRow("option") << QStringLiteral("redis://127.0.0.1:6379/0?colour=red")
                            << QStringLiteral("unknown option \"colour\"");
    QTest::newRow("max_events") << QStringLiteral("redis://127.0.0.1:6379/0?max_events=-3")
                                << QStringLiteral("max_events must be a positive number");
    QTest::newRow("prefix") << QStringLiteral("redis://127.0.0.1:6379/0?prefix=")
                            << QStringLiteral("prefix must be non-empty");
    QTest::newRow("prefix braces") << QStringLiteral("redis://127.0.0.1:6379/0?prefix=a%7Bb%7D")
                                   << QStringLiteral("prefix must be non-empty");
    QTest::newRow("user only") << QStringLiteral("redis://alice@127.0.0.1:6379/0")
                               << QStringLiteral("has no password");
    QTest::newRow("garbage") << QStringLiteral("redis://exa mple:6379/0")
                             << QStringLiteral("not a valid URL");
}

void TestRedisStore::badUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, says);
    QElapsedTimer timer;
    timer.start();
    const Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(store.errorMessage().contains(says), qPrintable(store.errorMessage()));
    QVERIFY2(store.errorMessage().contains(QStringLiteral("store URL \"") + maskRedisUrl(url)),
             qPrintable(store.errorMessage()));
    QVERIFY2(store.errorMessage().contains(QStringLiteral("redis://[user:password@]host:port/db")),
             qPrintable(store.errorMessage()));
    QVERIFY(timer.elapsed() < 1000);
}

void TestRedisStore::connectionRefused()
{
    RedisServer unused;
    QVERIFY(unused.start());
    const QString url = unused.url();
    const quint16 port = unused.port();
    unused.stop();

    QElapsedTimer timer;
    timer.start();
    const Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Unavailable);
    QVERIFY2(store.errorMessage().startsWith(
                 QStringLiteral("cannot reach Redis at 127.0.0.1:%1: ").arg(port)),
             qPrintable(store.errorMessage()));
    QVERIFY(store.errorMessage().contains(QStringLiteral("start redis-server or fix --store")));
    QVERIFY(timer.elapsed() < 3000);
}

void TestRedisStore::ownerLease()
{
    const QString url = freshUrl();
    Result<Store> opened = openRedisStore(url, StoreRole::Owner);
    QVERIFY(opened.ok());
    std::optional<Store> first = std::move(opened).value();
    QVERIFY(first->owner);
    const QString holder = redisOwnerLease(*first)->holder();
    QVERIFY(holder.contains(QString::number(QCoreApplication::applicationPid())));

    const Result<Store> second = openRedisStore(url, StoreRole::Owner);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::WrongState);
    QVERIFY2(second.errorMessage().contains(QStringLiteral("is already run by ") + holder),
             qPrintable(second.errorMessage()));
    QVERIFY(second.errorMessage().contains(QStringLiteral("open it as a client")));

    const Result<Store> client = openRedisStore(url, StoreRole::Client);
    QVERIFY2(client.ok(), qPrintable(client.errorMessage()));
    QVERIFY(!client->owner);
    QVERIFY(redisOwnerLease(*client) == nullptr);

    RedisConnection raw(parseRedisUrl(url).value());
    QVERIFY(raw.open().ok());
    const QByteArray ownerKey = m_prefix.toUtf8() + "owner";
    const qint64 ttl = raw.execute(Command{"PTTL", ownerKey})->integer;
    QVERIFY2(ttl > 10'000 && ttl <= RedisOwnerLease::LeaseMs, QByteArray::number(ttl).constData());

    // Closing the owner hands the lease back at once.
    first.reset();
    QVERIFY(raw.execute(Command{"GET", ownerKey})->isNil());
    const Result<Store> next = openRedisStore(url, StoreRole::Owner);
    QVERIFY2(next.ok(), qPrintable(next.errorMessage()));
}

void TestRedisStore::outageBuffersSpillsAndCatchesUp()
{
    // Persistence on, so what was written before the outage is there after it.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    RedisServer server(persistentServer(folder.path()));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Result<Store> store
        = openRedisStore(server.url({},
                                    0,
                                    QStringLiteral("prefix=outage%1:&max_buffered=50")
                                        .arg(QCoreApplication::applicationPid())),
                         StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    RedisConnection *connection = redisConnection(*store);
    QVERIFY(connection);
    QVERIFY(isStoreOnline(*store));
    QSignalSpy onlineChanges(connection, &RedisConnection::onlineChanged);
    const QString a = QStringLiteral("a");
    QObject context;
    EventList live;
    store->events->subscribe(a, 1, &context, [&](const Event &event) { live.append(event); });

    for (int i = 0; i < 10; ++i)
        store->events->append(makeEvent(a, i));
    QVERIFY(store->events->flush().ok());
    QVERIFY(store->memory->saveSpec(fullSpec(a, 1)).ok());

    server.stop();
    QTRY_VERIFY(!isStoreOnline(*store));
    QCOMPARE(onlineChanges.size(), 1);
    QCOMPARE(onlineChanges.first().first().toBool(), false);

    qint64 slowest = 0;
    const auto appendUpTo = [&](int end) {
        for (int i = int(store->events->lastSeq(a)); i < end; ++i) {
            QElapsedTimer timer;
            timer.start();
            const Result<Event> appended = store->events->append(makeEvent(a, i));
            slowest = std::max(slowest, timer.elapsed());
            QVERIFY(appended.ok());
            QCOMPARE(appended->seq, qint64(i + 1));
        }
    };
    // Within the memory bound, reads of what waits are answered from memory.
    appendUpTo(30);
    const Result<EventList> waiting = store->events->read(a, 11, 100);
    QVERIFY2(waiting.ok(), qPrintable(waiting.errorMessage()));
    QCOMPARE(seqs(*waiting), range(11, 30));
    QCOMPARE(store->events->read(a, 1, 100).error().code, ErrorCode::Unavailable);
    // Beyond it, the oldest go to the spill file.
    appendUpTo(210);
    // Never waiting on the dead server: that would take the connection's whole timeout.
    QVERIFY2(slowest < RedisConnection::TimeoutMs / 2, QByteArray::number(slowest).constData());
    QCOMPARE(seqs(live), range(1, 210));
    RedisEventRouter *events = redisEvents(*store);
    QVERIFY(events->spilledCount() > 0);
    QCOMPARE(events->pendingCount(), qint64(200));

    QElapsedTimer timer;
    timer.start();
    const Result<void> offlineFlush = store->events->flush();
    QVERIFY(!offlineFlush.ok());
    QCOMPARE(offlineFlush.error().code, ErrorCode::Unavailable);
    const Result<nlohmann::json> offlineRead = store->memory->loadSession(QStringLiteral("s"));
    QVERIFY(!offlineRead.ok());
    QCOMPARE(offlineRead.error().code, ErrorCode::Unavailable);
    QVERIFY(timer.elapsed() < RedisConnection::TimeoutMs / 2);

    // Status, run and session writes wait in memory, the newest of each, and the run goes on;
    // a config change is refused, since it could not be reported saved.
    auto *memory = dynamic_cast<RedisMemoryRouter *>(store->memory.get());
    QVERIFY(memory);
    AgentStatus status;
    status.agentId = a;
    status.runCount = 1;
    QVERIFY(store->memory->saveStatus(status).ok());
    const RunRecord running = makeRun(a, QStringLiteral("r1"), RunState::Running, 1000);
    QVERIFY(store->memory->saveRun(running).ok());
    const nlohmann::json messages = nlohmann::json::array({{{"role", "user"}, {"content", "hi"}}});
    QVERIFY(store->memory->saveSession(QStringLiteral("s"), messages).ok());
    QCOMPARE(memory->deferredCount(), qsizetype(3));
    status.runCount = 2;
    status.lastOutcome = QStringLiteral("completed");
    QVERIFY(store->memory->saveStatus(status).ok());
    const RunRecord finished = makeRun(a, QStringLiteral("r1"), RunState::Completed, 1000);
    QVERIFY(store->memory->saveRun(finished).ok());
    QCOMPARE(memory->deferredCount(), qsizetype(3));
    const Result<void> specWhileAway = store->memory->saveSpec(fullSpec(a, 2));
    QVERIFY(!specWhileAway.ok());
    QCOMPARE(specWhileAway.error().code, ErrorCode::Unavailable);

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(isStoreOnline(*store), 15'000);
    QCOMPARE(onlineChanges.size(), 2);
    QCOMPARE(onlineChanges.last().first().toBool(), true);
    QVERIFY2(store->events->flush().ok(), qPrintable(store->events->flush().errorMessage()));
    QCOMPARE(events->pendingCount(), qint64(0));

    const Result<EventList> all = store->events->read(a, 1, 1000);
    QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
    QCOMPARE(seqs(*all), range(1, 210));
    for (qsizetype i = 0; i < all->size(); ++i) {
        QCOMPARE(all->at(i).payload.at("index").get<qsizetype>(), i);
        QVERIFY(all->at(i) == live.at(i));
    }
    QCOMPARE(memory->deferredCount(), qsizetype(0));
    QVERIFY(store->memory->loadSession(QStringLiteral("s")).value() == messages);
    const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agents->size(), 1);
    QCOMPARE(agents->first().spec.revision, 1);
    QCOMPARE(agents->first().status.runCount, 2);
    QCOMPARE(agents->first().status.lastOutcome, QStringLiteral("completed"));
    const Result<QList<RunRecord>> runs = store->memory->listRuns(a, 10);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().state, RunState::Completed);
    QVERIFY(store->memory->listUnfinishedRuns()->isEmpty());
    QCOMPARE(seqs(live), range(1, 210));
}

void TestRedisStore::runsGoOnWhileRedisIsAway()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    RedisServer server(persistentServer(folder.path()));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString url = server.url(
        {}, 0, QStringLiteral("prefix=away%1:").arg(QCoreApplication::applicationPid()));
    Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    ToolRegistry tools;
    BackgroundAgentService service{store->memory.get(), store->events.get(), &scheduler, &tools};
    QObject::connect(redisConnection(*store),
                     &RedisConnection::onlineChanged,
                     &service,
                     &BackgroundAgentService::setStoreOnline);
    EventList emitted;
    QObject::connect(&service,
                     &BackgroundAgentService::eventAppended,
                     &service,
                     [&](const Event &event) { emitted.append(event); });
    const auto count = [&](const char *type, const QString &field = {}, const QString &value = {}) {
        return int(std::count_if(emitted.cbegin(), emitted.cend(), [&](const Event &event) {
            return event.type == QLatin1String(type)
                   && (field.isEmpty()
                       || text(event.payload.value(field.toStdString(), "")) == value);
        }));
    };
    QVERIFY(service.startManager().ok());
    const QString id = QStringLiteral("steady");
    QVERIFY(service.create(intervalSpec(id, Minute)).ok());
    QVERIFY(service.startAgent(id).ok());
    clock.advanceBy(Minute);
    QCOMPARE(count(EventType::TaskCompleted), 1);

    server.stop();
    QTRY_VERIFY(!service.isStoreOnline());
    QCOMPARE(
        count(EventType::AgentStatus, QStringLiteral("reason"), QStringLiteral("store_offline")),
        1);
    QVERIFY(service.getAgentStatus(id)->storeOffline);
    QVERIFY(service.getAgentStatus(id)->toJson().at("store") == "offline");

    // Three runs fall due while Redis is away: each runs and completes; none is held.
    clock.advanceBy(3 * Minute);
    QCOMPARE(count(EventType::TaskCompleted), 4);
    QCOMPARE(count(EventType::RunSkipped), 0);
    QVERIFY(!service.isStoreFaulty());

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(service.isStoreOnline(), 15'000);
    QVERIFY(!service.getAgentStatus(id)->storeOffline);
    QVERIFY(store->events->flush().ok());

    // Another process sees everything: the runs, the counters and every event, in order.
    Result<Store> reader = openRedisStore(url, StoreRole::Client);
    QVERIFY2(reader.ok(), qPrintable(reader.errorMessage()));
    const Result<QList<RunRecord>> runs = reader->memory->listRuns(id, 100);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 4);
    for (const RunRecord &run : *runs)
        QCOMPARE(run.state, RunState::Completed);
    const Result<QList<StoredAgent>> agents = reader->memory->loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agents->first().status.runCount, 4);
    const Result<EventList> stored = reader->events->read(id, 1, 10'000);
    QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
    EventList mine;
    std::copy_if(emitted.cbegin(), emitted.cend(), std::back_inserter(mine), [&](const Event &e) {
        return e.agentId == id;
    });
    QCOMPARE(stored->size(), mine.size());
    QVERIFY(*stored == mine);
}

void TestRedisStore::unwrittenEventsSurviveClosingTheStore()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    RedisServer server(persistentServer(folder.path()));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString url = server.url(
        {},
        0,
        QStringLiteral("prefix=closing%1:&max_buffered=4").arg(QCoreApplication::applicationPid()));
    const QString a = QStringLiteral("a");
    {
        Result<Store> store = openRedisStore(url, StoreRole::Owner);
        QVERIFY(store.ok());
        store->events->append(makeEvent(a, 0));
        QVERIFY(store->events->flush().ok());
        server.stop();
        QTRY_VERIFY(!isStoreOnline(*store));
        for (int i = 1; i < 10; ++i)
            store->events->append(makeEvent(a, i));
    }
    QVERIFY(server.start());
    {
        // The closed owner could not hand its lease back; play that it lapsed.
        RedisConnection raw(parseRedisUrl(url).value());
        QVERIFY(raw.open().ok());
        const QByteArray owner
            = QStringLiteral("closing%1:owner").arg(QCoreApplication::applicationPid()).toUtf8();
        QCOMPARE(raw.execute(Command{"DEL", owner})->integer, qint64(1));
    }
    Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    QCOMPARE(store->events->lastSeq(a), qint64(10));
    QVERIFY(store->events->flush().ok());
    const Result<EventList> all = store->events->read(a, 1, 100);
    QVERIFY(all.ok());
    QCOMPARE(seqs(*all), range(1, 10));
    QCOMPARE(all->last().payload.at("index").get<int>(), 9);
}

void TestRedisStore::hungServerTimesOut()
{
#ifdef Q_OS_UNIX
    RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Result<Store> store = openRedisStore(server.url(), StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    const QString a = QStringLiteral("a");
    store->events->append(makeEvent(a, 0));
    QVERIFY(store->events->flush().ok());

    const auto pid = pid_t(server.processId());
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    QElapsedTimer timer;
    timer.start();
    const Result<void> saved = store->memory->saveSpec(fullSpec(a, 1));
    const qint64 waited = timer.elapsed();
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::Timeout);
    QVERIFY2(waited >= 1900 && waited < 4000, QByteArray::number(waited).constData());
    QVERIFY(!isStoreOnline(*store));

    timer.restart();
    for (int i = 1; i < 5; ++i)
        QVERIFY(store->events->append(makeEvent(a, i)).ok());
    QVERIFY(timer.elapsed() < RedisConnection::TimeoutMs / 2);

    QCOMPARE(::kill(pid, SIGCONT), 0);
    QTRY_VERIFY_WITH_TIMEOUT(isStoreOnline(*store), 15'000);
    QVERIFY(store->events->flush().ok());
    QCOMPARE(seqs(store->events->read(a, 1, 100).value()), range(1, 5));
    QVERIFY(store->memory->saveSpec(fullSpec(a, 1)).ok());
#else
    QSKIP("pausing a process needs SIGSTOP");
#endif
}

void TestRedisStore::tls()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        if (qEnvironmentVariable("CI") == u"true")
            QFAIL("openssl is not installed: install it so CI tests rediss://");
        QSKIP("openssl is not installed; install it to test rediss://");
    }
    // A throw-away CA and a server certificate for 127.0.0.1 it signed.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const auto path = [&](const char *name) {
        return folder.filePath(QString::fromLatin1(name));
    };
    {
        QFile extensions(path("san.ext"));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=IP:127.0.0.1\n");
    }
    const QList<QStringList> steps = {{QStringLiteral("req"),
                                       QStringLiteral("-x509"),
                                       QStringLiteral("-newkey"),
                                       QStringLiteral("rsa:2048"),
                                       QStringLiteral("-nodes"),
                                       QStringLiteral("-keyout"),
                                       path("ca.key"),
                                       QStringLiteral("-out"),
                                       path("ca.crt"),
                                       QStringLiteral("-days"),
                                       QStringLiteral("1"),
                                       QStringLiteral("-subj"),
                                       QStringLiteral("/CN=Nightshift test CA")},
                                      {QStringLiteral("req"),
                                       QStringLiteral("-newkey"),
                                       QStringLiteral("rsa:2048"),
                                       QStringLiteral("-nodes"),
                                       QStringLiteral("-keyout"),
                                       path("server.key"),
                                       QStringLiteral("-out"),
                                       path("server.csr"),
                                       QStringLiteral("-subj"),
                                       QStringLiteral("/CN=127.0.0.1")},
                                      {QStringLiteral("x509"),
                                       QStringLiteral("-req"),
                                       QStringLiteral("-in"),
                                       path("server.csr"),
                                       QStringLiteral("-CA"),
                                       path("ca.crt"),
                                       QStringLiteral("-CAkey"),
                                       path("ca.key"),
                                       QStringLiteral("-CAcreateserial"),
                                       QStringLiteral("-out"),
                                       path("server.crt"),
                                       QStringLiteral("-days"),
                                       QStringLiteral("1"),
                                       QStringLiteral("-extfile"),
                                       path("san.ext")}};
    for (const QStringList &arguments : steps) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(openssl, arguments);
        QVERIFY(process.waitForFinished(30'000));
        QVERIFY2(process.exitCode() == 0, process.readAll().constData());
    }
    RedisServer server;
    server.enableTls(path("server.crt"), path("server.key"), path("ca.crt"));
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString url = QStringLiteral("rediss://127.0.0.1:%1/0").arg(server.tlsPort());

    // Not trusted yet: the handshake fails and says so.
    const Result<Store> untrusted = openRedisStore(url, StoreRole::Owner);
    QVERIFY(!untrusted.ok());
    QCOMPARE(untrusted.error().code, ErrorCode::Unavailable);
    QVERIFY2(untrusted.errorMessage().startsWith(
                 QStringLiteral("cannot reach Redis at 127.0.0.1:%1: ").arg(server.tlsPort())),
             qPrintable(untrusted.errorMessage()));

    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.addCaCertificates(path("ca.crt"));
    QSslConfiguration::setDefaultConfiguration(trusting);
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(original); });

    Result<Store> store = openRedisStore(url, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    QVERIFY(store->memory->saveSpec(fullSpec(QStringLiteral("a"), 4)).ok());
    QCOMPARE(store->memory->loadAgents()->first().spec.revision, 4);
    for (int i = 0; i < 20; ++i)
        store->events->append(makeEvent(QStringLiteral("a"), i));
    QVERIFY(store->events->flush().ok());
    QCOMPARE(seqs(store->events->read(QStringLiteral("a"), 1, 100).value()), range(1, 20));
}

QTEST_GUILESS_MAIN(TestRedisStore)

#include "tst_redisstore.moc"
