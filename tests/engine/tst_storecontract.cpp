#include "enginefixture.h"
#include "redisserver.h"
#include "routers.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace nightshift {

// QCOMPARE prints these when a comparison fails.
inline char *toString(ErrorCode code)
{
    return qstrdup(QByteArray::number(int(code)).prepend("ErrorCode ").constData());
}

} // namespace nightshift

namespace {

/// One backend the contract runs against.
struct Backend
{
    QString name;
    bool durable = false; ///< Keeps everything across a close and a reopen.
    QString url;          ///< {dir} stands for a fresh temporary folder of the test's own.
};

// The one list of backends. Adding one (redis) is one more row here: every test picks it up.
// One real redis-server for the whole run; each test gets a key prefix of its own.
RedisServer &contractRedis()
{
    static RedisServer server;
    return server;
}

const QList<Backend> &backends()
{
    static const QList<Backend> all = [] {
        QList<Backend> list = {
            {u"memory"_s, false, u"memory:"_s},
            {u"sqlite"_s, true, u"sqlite:{dir}/contract.db"_s},
        };
        // Without redis-server the row is left out on a developer's machine; in CI it stays,
        // and fails, because a missing real part is a failure there.
        const bool installed = !RedisServer::executable().isEmpty();
        if (installed || qEnvironmentVariable("CI") == u"true") {
            const bool running = installed && contractRedis().start();
            list.append({u"redis"_s,
                         true,
                         running ? contractRedis().url({}, 0, u"prefix={dir}:"_s)
                                 : u"redis://redis-server-is-not-installed:1/0"_s});
        }
        return list;
    }();
    return all;
}

enum class Rows { All, DurableOnly };

/// The `backend` column and one row per backend, for every _data() function.
void addBackendRows(Rows rows = Rows::All)
{
    QTest::addColumn<QString>("backend");
    for (const Backend &backend : backends()) {
        if (rows == Rows::All || backend.durable)
            QTest::newRow(qPrintable(backend.name)) << backend.name;
    }
}

/// The URL that opens the named backend with its files, if any, in folder.
QString backendUrl(const QString &backend, const QString &folder)
{
    for (const Backend &candidate : backends()) {
        if (candidate.name == backend)
            return QString(candidate.url).replace(u"{dir}"_s, folder);
    }
    return {};
}

/// One backend's store in a temporary folder of its own, which open() can open again after
/// close(): a fresh store per row and per test.
class StoreUnderTest
{
public:
    /// options (`keep_runs=3`) are added to the backend's URL.
    explicit StoreUnderTest(const QString &backend, const QString &options = {})
        : m_url(backendUrl(backend, m_dir.path()))
    {
        if (!options.isEmpty())
            m_url += (m_url.contains(u'?') ? u'&' : u'?') + options;
    }

    /// Opens the store as its owner; on failure, error() says why.
    bool open()
    {
        if (!m_dir.isValid() || m_url.isEmpty()) {
            m_error = u"no temporary folder or no URL for this backend"_s;
            return false;
        }
        Result<Store> opened = openStore(m_url, StoreRole::Owner);
        if (!opened) {
            m_error = opened.errorMessage();
            return false;
        }
        m_store.emplace(std::move(opened).value());
        return true;
    }
    /// Destroys the Store, as a process that exits would.
    void close() { m_store.reset(); }

    const QString &error() const { return m_error; }
    MemoryRouter &memory() { return *m_store->memory; }
    EventRouter &events() { return *m_store->events; }

private:
    QTemporaryDir m_dir; // Before m_url, which is made from it.
    QString m_url;
    std::optional<Store> m_store;
    QString m_error;
};

// Test values, chosen so that no field keeps its default.

AgentSpec makeSpec(const QString &agentId, int revision, const QString &query = u"Check."_s)
{
    AgentSpec spec;
    spec.agentId = agentId;
    spec.systemInstruction = u"Watch the disks; say if one fills up. ✓ ü"_s;
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini"_s;
    spec.model.baseUrl = u"https://llm.example.com/v1"_s;
    spec.model.temperature = 0.25;
    spec.model.maxTokens = 512;
    spec.model.topP = 0.5;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 90 * Second;
    spec.schedule.anchorMs = T0 + 30 * Second;
    spec.task.query = query;
    spec.task.maxRetries = 5;
    spec.task.retryDelayMs = 7 * Second;
    spec.task.retryBackoff = TaskConfig::Backoff::Exponential;
    spec.task.retryDelayMaxMs = 10 * Minute;
    spec.task.timeoutMs = 45 * Second;
    spec.task.sessionId = u"session-"_s + agentId;
    spec.task.toolArguments = {{"system_info", {{"detail", true}}}};
    spec.limits.toolCallTimeoutMs = 12 * Second;
    spec.limits.maxSteps = 4;
    spec.limits.requestLimit = 9;
    spec.limits.totalTokensLimit = 12'345;
    spec.tools = {u"system_info"_s};
    spec.revision = revision;
    return spec;
}

AgentStatus makeStatus(const QString &agentId, int specRevision)
{
    AgentStatus status;
    status.agentId = agentId;
    status.state = AgentState::Paused;
    status.desired = DesiredState::Paused;
    status.specRevision = specRevision;
    status.runCount = 5'000'000'001;
    status.errorCount = 4'000'000'003;
    status.consecutiveFailures = 17;
    status.lastRunMs = T0 + 1;
    status.lastOutcome = u"timed_out"_s;
    status.lastError = u"provider said: quota ✗ exceeded"_s;
    status.nextRunMs = T0 + 2 * Hour;
    status.anchorMs = T0 - 123;
    status.lastDurationMs = 61'234;
    status.totalDurationMs = 9'000'000'000'017;
    status.pauseReason = u"maintenance window"_s;
    status.pausedAtMs = T0 + 3;
    status.tokensTotal = 7'000'000'000'019;
    status.tokensToday = 6'000'000'000'023;
    status.tokensDay = u"2026-01-01"_s;
    status.pausedUntilMs = T0 + 5 * Hour;
    status.servedCount = 3'000'000'000'029;
    status.costTotal = 1234.5678901234567;
    status.costToday = 0.1 + 0.2;
    status.tokensMonth = 2'000'000'000'031;
    status.costMonth = 98.765432109876543;
    status.spendMonth = u"2026-01"_s;
    return status;
}

RunRecord makeRun(const QString &agentId,
                  const QString &runId,
                  RunState state,
                  RunOrigin origin = RunOrigin::Manual,
                  int n = 1)
{
    RunRecord run;
    run.runId = runId;
    run.agentId = agentId;
    run.specRevision = 3 + n;
    run.origin = origin;
    run.occurrenceMs = T0 + n * Minute;
    run.state = state;
    run.attempts = 2 + n;
    run.startedMs = T0 + n * Minute + 5;
    run.finishedMs = run.startedMs + 1'500 + n;
    run.usage.requests = 3 + n;
    run.usage.inputTokens = 5'000'000'000 + n;
    run.usage.outputTokens = 1'234 + n;
    run.usage.cost = 0.0123 * (n + 1);
    run.result = u"result %1 ✓"_s.arg(n);
    run.error = u"error %1"_s.arg(n);
    run.skipReason = u"overlap %1"_s.arg(n);
    return run;
}

Event makeEvent(const QString &agentId, int n)
{
    Event event;
    event.agentId = agentId;
    event.runId = u"run-%1-%2"_s.arg(agentId).arg(n);
    event.type = QString::fromLatin1(n % 2 ? EventType::TaskStarted : EventType::ToolCallCompleted);
    event.timestampMs = T0 + n * Second + 7;
    event.payload = {{"n", n},
                     {"text", "ü ✓ \"quoted\""},
                     {"nested", {{"list", {1, 2.5, true, nullptr}}, {"empty", Json::object()}}}};
    return event;
}

// Every field, so that a failed QCOMPARE shows which one differs.

QString describe(const AgentSpec &spec)
{
    return QString::fromStdString(spec.toJson().dump()) + u" revision="_s
           + QString::number(spec.revision);
}

QString describe(const AgentStatus &s)
{
    return QStringList{s.agentId,
                       u"state="_s + stateName(s.state),
                       u"desired="_s + desiredName(s.desired),
                       u"specRevision="_s + QString::number(s.specRevision),
                       u"runCount="_s + QString::number(s.runCount),
                       u"errorCount="_s + QString::number(s.errorCount),
                       u"consecutiveFailures="_s + QString::number(s.consecutiveFailures),
                       u"lastRunMs="_s + QString::number(s.lastRunMs),
                       u"lastOutcome="_s + s.lastOutcome,
                       u"lastError="_s + s.lastError,
                       u"nextRunMs="_s + QString::number(s.nextRunMs),
                       u"anchorMs="_s + QString::number(s.anchorMs),
                       u"lastDurationMs="_s + QString::number(s.lastDurationMs),
                       u"totalDurationMs="_s + QString::number(s.totalDurationMs),
                       u"pauseReason="_s + s.pauseReason,
                       u"pausedAtMs="_s + QString::number(s.pausedAtMs),
                       u"tokensTotal="_s + QString::number(s.tokensTotal),
                       u"tokensToday="_s + QString::number(s.tokensToday),
                       u"tokensDay="_s + s.tokensDay,
                       u"pausedUntilMs="_s + QString::number(s.pausedUntilMs),
                       u"servedCount="_s + QString::number(s.servedCount),
                       u"costTotal="_s + QString::number(s.costTotal, 'g', 17),
                       u"costToday="_s + QString::number(s.costToday, 'g', 17),
                       u"tokensMonth="_s + QString::number(s.tokensMonth),
                       u"costMonth="_s + QString::number(s.costMonth, 'g', 17),
                       u"spendMonth="_s + s.spendMonth}
        .join(u' ');
}

QString describe(const RunRecord &r)
{
    return QStringList{r.runId,
                       r.agentId,
                       u"specRevision="_s + QString::number(r.specRevision),
                       u"origin="_s + originName(r.origin),
                       u"occurrenceMs="_s + QString::number(r.occurrenceMs),
                       u"state="_s + stateName(r.state),
                       u"attempts="_s + QString::number(r.attempts),
                       u"startedMs="_s + QString::number(r.startedMs),
                       u"finishedMs="_s + QString::number(r.finishedMs),
                       u"requests="_s + QString::number(r.usage.requests),
                       u"inputTokens="_s + QString::number(r.usage.inputTokens),
                       u"outputTokens="_s + QString::number(r.usage.outputTokens),
                       u"cost="_s + QString::number(r.usage.cost, 'g', 17),
                       u"result="_s + r.result,
                       u"error="_s + r.error,
                       u"skipReason="_s + r.skipReason}
        .join(u' ');
}

QString describe(const Event &event)
{
    return QString::fromStdString(event.toJson().dump());
}

QString describe(const StoreCommand &command)
{
    return QString::number(command.id) + u' ' + command.verb + u' ' + command.agentId + u' '
           + QString::fromStdString(command.arguments.dump());
}

QString dumped(const Json &json)
{
    return QString::fromStdString(json.dump());
}

template<typename T>
QStringList describeAll(const QList<T> &values)
{
    QStringList lines;
    for (const T &value : values)
        lines.append(describe(value));
    return lines;
}

QStringList runIds(const QList<RunRecord> &runs)
{
    QStringList ids;
    for (const RunRecord &run : runs)
        ids.append(run.runId);
    return ids;
}

QList<qint64> commandIds(const QList<StoreCommand> &commands)
{
    QList<qint64> ids;
    for (const StoreCommand &command : commands)
        ids.append(command.id);
    return ids;
}

QList<qint64> seqs(const EventList &events)
{
    QList<qint64> result;
    for (const Event &event : events)
        result.append(event.seq);
    return result;
}

QList<qint64> seqRange(qint64 from, qint64 to)
{
    QList<qint64> result;
    for (qint64 seq = from; seq <= to; ++seq)
        result.append(seq);
    return result;
}

std::optional<StoredAgent> findAgent(const QList<StoredAgent> &agents, const QString &agentId)
{
    for (const StoredAgent &agent : agents) {
        if (agent.spec.agentId == agentId)
            return agent;
    }
    return std::nullopt;
}

QStringList agentIds(const QList<StoredAgent> &agents)
{
    QStringList ids;
    for (const StoredAgent &agent : agents)
        ids.append(agent.spec.agentId);
    ids.sort();
    return ids;
}

} // namespace

class TestStoreContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specRoundTripsAndIsReplaced_data() { addBackendRows(); }
    void specRoundTripsAndIsReplaced();
    void statusRoundTripsEveryField_data() { addBackendRows(); }
    void statusRoundTripsEveryField();
    void statusOfUnknownAgentIsNotFound_data() { addBackendRows(); }
    void statusOfUnknownAgentIsNotFound();
    void statusKeptWhenSpecSavedAgain_data() { addBackendRows(); }
    void statusKeptWhenSpecSavedAgain();
    void removeAgentForgetsOnlyThatAgent_data() { addBackendRows(); }
    void removeAgentForgetsOnlyThatAgent();

    void runRoundTripsEveryField_data() { addBackendRows(); }
    void runRoundTripsEveryField();
    void saveRunUpsertsInPlace_data() { addBackendRows(); }
    void saveRunUpsertsInPlace();
    void listRunsNewestFirstWithLimit_data() { addBackendRows(); }
    void listRunsNewestFirstWithLimit();
    void listUnfinishedRunsOfEveryAgent_data() { addBackendRows(); }
    void listUnfinishedRunsOfEveryAgent();

    void sessions_data() { addBackendRows(); }
    void sessions();
    void commands_data() { addBackendRows(); }
    void commands();

    void appendAssignsSeqPerAgent_data() { addBackendRows(); }
    void appendAssignsSeqPerAgent();
    void readHonoursFromSeqAndLimit_data() { addBackendRows(); }
    void readHonoursFromSeqAndLimit();
    void subscribeReplaysThenDeliversLive_data() { addBackendRows(); }
    void subscribeReplaysThenDeliversLive();
    void subscribeToEveryAgentIsLiveOnly_data() { addBackendRows(); }
    void subscribeToEveryAgentIsLiveOnly();
    void subscriptionEndsWithContextOrUnsubscribe_data() { addBackendRows(); }
    void subscriptionEndsWithContextOrUnsubscribe();
    void removeAgentRestartsEventSeq_data() { addBackendRows(); }
    void removeAgentRestartsEventSeq();

    // Durable backends only: their _data() adds no volatile row (a skip would fail under CI).
    void reopenKeepsEverything_data() { addBackendRows(Rows::DurableOnly); }
    void reopenKeepsEverything();
    void reopenKeepsUnflushedEvents_data() { addBackendRows(Rows::DurableOnly); }
    void reopenKeepsUnflushedEvents();
    void retentionKeepsTheNewestRunsOfEachKind_data() { addBackendRows(Rows::DurableOnly); }
    void retentionKeepsTheNewestRunsOfEachKind();
};

void TestStoreContract::specRoundTripsAndIsReplaced()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    const AgentSpec first = makeSpec(u"disks"_s, 7);
    const AgentSpec other = makeSpec(u"other"_s, 2, u"Something else."_s);
    QVERIFY(store.memory().saveSpec(first).ok());
    QVERIFY(store.memory().saveSpec(other).ok());

    Result<QList<StoredAgent>> agents = store.memory().loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agentIds(agents.value()), (QStringList{u"disks"_s, u"other"_s}));
    std::optional<StoredAgent> loaded = findAgent(agents.value(), first.agentId);
    QVERIFY(loaded);
    QCOMPARE(describe(loaded->spec), describe(first));
    QVERIFY(loaded->spec == first);

    // Saving again replaces, revision included; it adds no second agent.
    AgentSpec second = makeSpec(u"disks"_s, 8, u"Check the disks twice."_s);
    second.schedule = {};
    second.schedule.kind = Schedule::Kind::Once;
    second.schedule.atMs = T0 + Hour;
    second.tools.clear();
    second.task.toolArguments = Json::object();
    QVERIFY(store.memory().saveSpec(second).ok());
    agents = store.memory().loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agentIds(agents.value()), (QStringList{u"disks"_s, u"other"_s}));
    loaded = findAgent(agents.value(), first.agentId);
    QVERIFY(loaded);
    QCOMPARE(describe(loaded->spec), describe(second));
    QVERIFY(loaded->spec == second);
    loaded = findAgent(agents.value(), other.agentId);
    QVERIFY(loaded);
    QVERIFY(loaded->spec == other);
}

void TestStoreContract::statusRoundTripsEveryField()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    // A status's revision is the stored spec's: a status saved with another one (a spec updated
    // since) comes back with the spec's revision, on every backend.
    const AgentSpec spec = makeSpec(u"status"_s, 7);
    QVERIFY(store.memory().saveSpec(spec).ok());
    AgentStatus status = makeStatus(spec.agentId, 6);
    const Result<void> saved = store.memory().saveStatus(status);
    QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));

    Result<QList<StoredAgent>> agents = store.memory().loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    std::optional<StoredAgent> loaded = findAgent(agents.value(), spec.agentId);
    QVERIFY(loaded);
    status.specRevision = spec.revision;
    QCOMPARE(describe(loaded->status), describe(status));
    QVERIFY(loaded->status == status);

    // Every AgentState and DesiredState value, each saved over the previous status.
    for (int i = 0; i <= int(AgentState::Error); ++i) {
        AgentStatus next = makeStatus(spec.agentId, spec.revision);
        next.state = AgentState(i);
        next.desired = DesiredState(i % (int(DesiredState::Stopped) + 1));
        next.runCount += i;
        next.lastError = u"error %1"_s.arg(i);
        QVERIFY(store.memory().saveStatus(next).ok());
        agents = store.memory().loadAgents();
        QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
        loaded = findAgent(agents.value(), spec.agentId);
        QVERIFY(loaded);
        QCOMPARE(describe(loaded->status), describe(next));
        QVERIFY(loaded->status == next);
    }
}

void TestStoreContract::statusOfUnknownAgentIsNotFound()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    QVERIFY(store.memory().saveSpec(makeSpec(u"known"_s, 1)).ok());
    const Result<void> saved = store.memory().saveStatus(makeStatus(u"unknown"_s, 1));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, ErrorCode::NotFound);
    QVERIFY2(saved.errorMessage().contains(u"unknown"_s), qPrintable(saved.errorMessage()));

    // Nothing was created for it.
    const Result<QList<StoredAgent>> agents = store.memory().loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agentIds(agents.value()), QStringList{u"known"_s});
}

void TestStoreContract::statusKeptWhenSpecSavedAgain()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    const AgentSpec spec = makeSpec(u"kept"_s, 3);
    QVERIFY(store.memory().saveSpec(spec).ok());
    const AgentStatus status = makeStatus(spec.agentId, spec.revision);
    QVERIFY(store.memory().saveStatus(status).ok());
    // An edit that keeps the revision: the status must not be reset by it.
    QVERIFY(store.memory().saveSpec(makeSpec(spec.agentId, 3, u"Edited."_s)).ok());

    const Result<QList<StoredAgent>> agents = store.memory().loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    const std::optional<StoredAgent> loaded = findAgent(agents.value(), spec.agentId);
    QVERIFY(loaded);
    QCOMPARE(loaded->spec.task.query, u"Edited."_s);
    QCOMPARE(describe(loaded->status), describe(status));
}

void TestStoreContract::removeAgentForgetsOnlyThatAgent()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();

    const AgentSpec gone = makeSpec(u"gone"_s, 1);
    const AgentSpec kept = makeSpec(u"kept"_s, 2);
    QVERIFY(memory.saveSpec(gone).ok());
    QVERIFY(memory.saveSpec(kept).ok());
    QVERIFY(memory.saveStatus(makeStatus(gone.agentId, 1)).ok());
    const AgentStatus keptStatus = makeStatus(kept.agentId, 2);
    QVERIFY(memory.saveStatus(keptStatus).ok());
    const QList<RunRecord> keptRuns = {makeRun(kept.agentId, u"k-2"_s, RunState::Running, {}, 2),
                                       makeRun(kept.agentId, u"k-1"_s, RunState::Completed)};
    QVERIFY(memory.saveRun(makeRun(gone.agentId, u"g-1"_s, RunState::Completed)).ok());
    QVERIFY(memory.saveRun(keptRuns.at(1)).ok());
    QVERIFY(memory.saveRun(makeRun(gone.agentId, u"g-2"_s, RunState::Queued, {}, 2)).ok());
    QVERIFY(memory.saveRun(keptRuns.at(0)).ok());
    QVERIFY(memory.saveRun(makeRun(gone.agentId, u"g-3"_s, RunState::Running, {}, 3)).ok());

    const Result<void> removed = memory.removeAgent(gone.agentId);
    QVERIFY2(removed.ok(), qPrintable(removed.errorMessage()));

    const Result<QList<StoredAgent>> agents = memory.loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agentIds(agents.value()), QStringList{kept.agentId});
    QVERIFY(agents->first().spec == kept);
    QCOMPARE(describe(agents->first().status), describe(keptStatus));

    const Result<QList<RunRecord>> goneRuns = memory.listRuns(gone.agentId, 100);
    QVERIFY2(goneRuns.ok(), qPrintable(goneRuns.errorMessage()));
    QCOMPARE(runIds(goneRuns.value()), QStringList());
    const Result<QList<RunRecord>> stillThere = memory.listRuns(kept.agentId, 100);
    QVERIFY2(stillThere.ok(), qPrintable(stillThere.errorMessage()));
    QCOMPARE(describeAll(stillThere.value()), describeAll(keptRuns));
    const Result<QList<RunRecord>> unfinished = memory.listUnfinishedRuns();
    QVERIFY2(unfinished.ok(), qPrintable(unfinished.errorMessage()));
    QCOMPARE(runIds(unfinished.value()), QStringList{u"k-2"_s});

    // Its status went with it: there is no agent left to give one to.
    const Result<void> statusOfGone = memory.saveStatus(makeStatus(gone.agentId, 1));
    QVERIFY(!statusOfGone.ok());
    QCOMPARE(statusOfGone.error().code, ErrorCode::NotFound);
}

void TestStoreContract::runRoundTripsEveryField()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    QVERIFY(store.memory().saveSpec(makeSpec(u"runs"_s, 1)).ok());

    // Every RunState, and every RunOrigin with each state.
    QList<RunRecord> saved;
    int n = 0;
    for (int state = 0; state <= int(RunState::Missed); ++state) {
        for (int origin = 0; origin <= int(RunOrigin::CatchUp); ++origin) {
            const RunRecord run = makeRun(u"runs"_s,
                                          u"run-%1-%2"_s.arg(state).arg(origin),
                                          RunState(state),
                                          RunOrigin(origin),
                                          ++n);
            const Result<void> ok = store.memory().saveRun(run);
            QVERIFY2(ok.ok(), qPrintable(ok.errorMessage()));
            saved.prepend(run);
        }
    }
    const Result<QList<RunRecord>> loaded = store.memory().listRuns(u"runs"_s, 1000);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
    QCOMPARE(describeAll(loaded.value()), describeAll(saved));
    QVERIFY(loaded.value() == saved);
}

void TestStoreContract::saveRunUpsertsInPlace()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();
    QVERIFY(memory.saveSpec(makeSpec(u"up"_s, 1)).ok());

    QVERIFY(
        memory.saveRun(makeRun(u"up"_s, u"r1"_s, RunState::Queued, RunOrigin::Scheduled, 1)).ok());
    QVERIFY(memory.saveRun(makeRun(u"up"_s, u"r2"_s, RunState::Completed, {}, 2)).ok());
    QVERIFY(memory.saveRun(makeRun(u"up"_s, u"r3"_s, RunState::Failed, {}, 3)).ok());

    // The oldest run moves on twice; it stays where it was first saved, with its new values.
    RunRecord updated = makeRun(u"up"_s, u"r1"_s, RunState::Running, RunOrigin::Retry, 40);
    QVERIFY(memory.saveRun(updated).ok());
    updated.state = RunState::TimedOut;
    updated.usage.cost = 9.75;
    updated.result.clear();
    QVERIFY(memory.saveRun(updated).ok());

    const Result<QList<RunRecord>> runs = memory.listRuns(u"up"_s, 100);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runIds(runs.value()), (QStringList{u"r3"_s, u"r2"_s, u"r1"_s}));
    QCOMPARE(describe(runs->last()), describe(updated));
    QVERIFY(runs->last() == updated);
}

void TestStoreContract::listRunsNewestFirstWithLimit()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();
    QVERIFY(memory.saveSpec(makeSpec(u"a"_s, 1)).ok());
    QVERIFY(memory.saveSpec(makeSpec(u"b"_s, 1)).ok());

    // Run ids that sort against their save order, so that no backend passes by sorting ids.
    const QStringList order = {u"a-z"_s, u"b-1"_s, u"a-m"_s, u"a-c"_s, u"b-2"_s, u"a-a"_s};
    for (int i = 0; i < order.size(); ++i) {
        const QString &id = order.at(i);
        QVERIFY(memory.saveRun(makeRun(id.left(1), id, RunState::Completed, {}, i + 1)).ok());
    }

    const auto idsOf = [&](const QString &agentId, int limit) {
        const Result<QList<RunRecord>> runs = memory.listRuns(agentId, limit);
        return runs ? runIds(runs.value()) : QStringList{u"error: "_s + runs.errorMessage()};
    };
    QCOMPARE(idsOf(u"a"_s, 100), (QStringList{u"a-a"_s, u"a-c"_s, u"a-m"_s, u"a-z"_s}));
    QCOMPARE(idsOf(u"a"_s, 4), (QStringList{u"a-a"_s, u"a-c"_s, u"a-m"_s, u"a-z"_s}));
    QCOMPARE(idsOf(u"a"_s, 3), (QStringList{u"a-a"_s, u"a-c"_s, u"a-m"_s}));
    QCOMPARE(idsOf(u"a"_s, 1), QStringList{u"a-a"_s});
    QCOMPARE(idsOf(u"a"_s, 0), QStringList());
    QCOMPARE(idsOf(u"b"_s, 100), (QStringList{u"b-2"_s, u"b-1"_s}));
    QCOMPARE(idsOf(u"nobody"_s, 100), QStringList());
}

void TestStoreContract::listUnfinishedRunsOfEveryAgent()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();

    QList<RunRecord> unfinished;
    int n = 0;
    for (const QString &agentId : {u"a"_s, u"b"_s, u"c"_s}) {
        QVERIFY(memory.saveSpec(makeSpec(agentId, 1)).ok());
        for (int state = 0; state <= int(RunState::Missed); ++state) {
            const RunRecord run = makeRun(agentId,
                                          u"%1-%2"_s.arg(agentId, stateName(RunState(state))),
                                          RunState(state),
                                          {},
                                          ++n);
            QVERIFY(memory.saveRun(run).ok());
            if (!isFinal(run.state))
                unfinished.append(run);
        }
    }
    // A run that finished drops out; one that went back to queued (a retry) comes in.
    RunRecord finished = makeRun(u"b"_s, u"b-running"_s, RunState::Completed, {}, 100);
    QVERIFY(memory.saveRun(finished).ok());
    unfinished.removeIf([](const RunRecord &run) { return run.runId == u"b-running"_s; });
    RunRecord requeued = makeRun(u"c"_s, u"c-failed"_s, RunState::Queued, RunOrigin::Retry, 101);
    QVERIFY(memory.saveRun(requeued).ok());
    unfinished.append(requeued);

    const auto byId = [](const RunRecord &x, const RunRecord &y) {
        return x.runId < y.runId;
    };
    std::sort(unfinished.begin(), unfinished.end(), byId);
    Result<QList<RunRecord>> loaded = memory.listUnfinishedRuns();
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
    QList<RunRecord> sorted = loaded.value();
    std::sort(sorted.begin(), sorted.end(), byId);
    QCOMPARE(describeAll(sorted), describeAll(unfinished));
    QVERIFY(sorted == unfinished);
}

void TestStoreContract::sessions()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();

    Result<Json> fresh = memory.loadSession(u"new"_s);
    QVERIFY2(fresh.ok(), qPrintable(fresh.errorMessage()));
    QVERIFY2(fresh->is_array() && fresh->empty(), qPrintable(dumped(fresh.value())));

    const Json first = Json::array(
        {{{"role", "user"}, {"content", "How full are the disks? ü ✓"}},
         {{"role", "assistant"},
          {"content", nullptr},
          {"tool_calls", {{{"id", "c1"}, {"name", "system_info"}, {"arguments", "{}"}}}}},
         {{"role", "tool"}, {"content", "{\"disk\": 0.5}"}, {"ratio", 0.125}, {"n", 42}}});
    const Json other = Json::array({{{"role", "user"}, {"content", "other"}}});
    QVERIFY(memory.saveSession(u"s1"_s, first).ok());
    QVERIFY(memory.saveSession(u"s2"_s, other).ok());
    Result<Json> loaded = memory.loadSession(u"s1"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
    QCOMPARE(dumped(loaded.value()), dumped(first));
    QVERIFY(loaded.value() == first);

    // Saving again replaces the whole conversation.
    Json second = first;
    second.push_back({{"role", "assistant"}, {"content", "Half full."}});
    QVERIFY(memory.saveSession(u"s1"_s, second).ok());
    loaded = memory.loadSession(u"s1"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
    QVERIFY(loaded.value() == second);
    loaded = memory.loadSession(u"s2"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
    QVERIFY(loaded.value() == other);
    fresh = memory.loadSession(u"new"_s);
    QVERIFY(fresh.ok() && fresh->is_array() && fresh->empty());
}

void TestStoreContract::commands()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();

    Result<QList<StoreCommand>> pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QVERIFY(pending->isEmpty());

    QList<StoreCommand> submitted = {
        {0, u"create"_s, u"a"_s, makeSpec(u"a"_s, 1).toJson()},
        {0, u"start"_s, u"b"_s, Json::object()},
        {0, u"pause"_s, u"a"_s, {{"reason", "night ✓"}}},
    };
    qint64 previous = 0;
    for (StoreCommand &command : submitted) {
        const Result<qint64> id = memory.submitCommand(command);
        QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
        QVERIFY2(id.value() > previous, qPrintable(QString::number(id.value())));
        previous = command.id = id.value();
    }

    pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(describeAll(pending.value()), describeAll(submitted));

    for (const StoreCommand &command : std::as_const(submitted)) {
        const Result<Json> answer = memory.commandAnswer(command.id);
        QVERIFY2(answer.ok(), qPrintable(answer.errorMessage()));
        QVERIFY2(answer->is_null(), qPrintable(dumped(answer.value())));
    }

    const Json started = {{"ok", true}, {"status", {{"agent_id", "b"}, {"state", "scheduled"}}}};
    QVERIFY(memory.answerCommand(submitted.at(1).id, started).ok());
    pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(commandIds(pending.value()), (QList<qint64>{submitted.at(0).id, submitted.at(2).id}));
    Result<Json> answer = memory.commandAnswer(submitted.at(1).id);
    QVERIFY2(answer.ok(), qPrintable(answer.errorMessage()));
    QCOMPARE(dumped(answer.value()), dumped(started));
    answer = memory.commandAnswer(submitted.at(0).id);
    QVERIFY(answer.ok() && answer->is_null());

    const Json failed = {{"ok", false}, {"error", "agent \"a\" already exists"}};
    QVERIFY(memory.answerCommand(submitted.at(0).id, failed).ok());
    pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(commandIds(pending.value()), QList<qint64>{submitted.at(2).id});
    answer = memory.commandAnswer(submitted.at(0).id);
    QVERIFY(answer.ok());
    QVERIFY(answer.value() == failed);

    // Ids keep increasing after answers; a new command queues behind the older one.
    const Result<qint64> later = memory.submitCommand({0, u"stop"_s, u"a"_s, Json::object()});
    QVERIFY2(later.ok(), qPrintable(later.errorMessage()));
    QVERIFY(later.value() > submitted.at(2).id);
    pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(commandIds(pending.value()), (QList<qint64>{submitted.at(2).id, later.value()}));
}

void TestStoreContract::appendAssignsSeqPerAgent()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    QCOMPARE(events.lastSeq(u"a"_s), 0);
    const QStringList agents = {u"a"_s, u"b"_s, u"a"_s, u"a"_s, u"b"_s, u"c"_s, u"a"_s};
    const QList<qint64> expected = {1, 1, 2, 3, 2, 1, 4};
    for (int i = 0; i < agents.size(); ++i) {
        Event event = makeEvent(agents.at(i), i);
        event.seq = 99; // Whatever the caller puts there, the router numbers it.
        const Result<Event> appended = events.append(event);
        QVERIFY2(appended.ok(), qPrintable(appended.errorMessage()));
        QCOMPARE(appended->seq, expected.at(i));
        event.seq = expected.at(i);
        QCOMPARE(describe(appended.value()), describe(event));
    }
    QCOMPARE(events.lastSeq(u"a"_s), 4);
    QCOMPARE(events.lastSeq(u"b"_s), 2);
    QCOMPARE(events.lastSeq(u"c"_s), 1);
    QCOMPARE(events.lastSeq(u"nobody"_s), 0);
    const Result<void> flushed = events.flush();
    QVERIFY2(flushed.ok(), qPrintable(flushed.errorMessage()));
    QCOMPARE(events.lastSeq(u"a"_s), 4);
    const Result<Event> next = events.append(makeEvent(u"b"_s, 100));
    QVERIFY(next.ok());
    QCOMPARE(next->seq, 3);
}

void TestStoreContract::readHonoursFromSeqAndLimit()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    EventList appended;
    for (int i = 1; i <= 6; ++i) {
        const Result<Event> a = events.append(makeEvent(u"a"_s, i));
        const Result<Event> b = events.append(makeEvent(u"b"_s, 100 + i));
        QVERIFY(a.ok() && b.ok());
        appended.append(a.value());
        // Some written, some waiting, where a backend batches its writes.
        if (i == 3)
            QVERIFY(events.flush().ok());
    }

    // Each read as one line, so that a failed comparison names the read that differs.
    const auto reads = [&] {
        QStringList lines;
        const QList<std::pair<qint64, int>> ranges
            = {{0, 100}, {1, 100}, {2, 3}, {3, 2}, {4, 100}, {6, 1}, {7, 100}, {1, 0}};
        for (const auto &[from, limit] : ranges) {
            const Result<EventList> read = events.read(u"a"_s, from, limit);
            QStringList numbers;
            for (qint64 seq : read ? seqs(read.value()) : QList<qint64>())
                numbers.append(QString::number(seq));
            lines.append(u"read(a, %1, %2) = %3"_s.arg(from).arg(limit).arg(
                read ? numbers.join(u',') : read.errorMessage()));
        }
        const Result<EventList> none = events.read(u"nobody"_s, 1, 100);
        lines.append(u"read(nobody, 1, 100) = %1"_s.arg(none ? QString::number(none->size())
                                                             : none.errorMessage()));
        return lines;
    };
    const QStringList expected = {u"read(a, 0, 100) = 1,2,3,4,5,6"_s,
                                  u"read(a, 1, 100) = 1,2,3,4,5,6"_s,
                                  u"read(a, 2, 3) = 2,3,4"_s,
                                  u"read(a, 3, 2) = 3,4"_s,
                                  u"read(a, 4, 100) = 4,5,6"_s,
                                  u"read(a, 6, 1) = 6"_s,
                                  u"read(a, 7, 100) = "_s,
                                  u"read(a, 1, 0) = "_s,
                                  u"read(nobody, 1, 100) = 0"_s};

    // Half of the events still waiting for their batch, then all of them written.
    QCOMPARE(reads(), expected);
    Result<EventList> all = events.read(u"a"_s, 1, 100);
    QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
    QCOMPARE(describeAll(all.value()), describeAll(appended));
    QVERIFY(all.value() == appended);

    QVERIFY(events.flush().ok());
    QCOMPARE(reads(), expected);
    all = events.read(u"a"_s, 1, 100);
    QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
    QCOMPARE(describeAll(all.value()), describeAll(appended));
    QVERIFY(all.value() == appended);
}

void TestStoreContract::subscribeReplaysThenDeliversLive()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    // Five stored: three flushed, two maybe still waiting for their batch.
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(events.append(makeEvent(u"a"_s, i)).ok());
        QVERIFY(events.append(makeEvent(u"b"_s, i)).ok());
        if (i == 3)
            QVERIFY(events.flush().ok());
    }

    const QList<qint64> fromSeqs = {0, 1, 3, 5, 6, 7, 9};
    QObject context;
    QList<QList<qint64>> seen(fromSeqs.size());
    QList<QStringList> agentsSeen(fromSeqs.size());
    for (int i = 0; i < fromSeqs.size(); ++i) {
        events.subscribe(u"a"_s, fromSeqs.at(i), &context, [&seen, &agentsSeen, i](const Event &e) {
            seen[i].append(e.seq);
            agentsSeen[i].append(e.agentId);
        });
        QCOMPARE(seen.at(i), seqRange(std::max<qint64>(1, fromSeqs.at(i)), 5));
    }

    for (int i = 6; i <= 10; ++i) {
        QVERIFY(events.append(makeEvent(u"a"_s, i)).ok());
        QVERIFY(events.append(makeEvent(u"b"_s, i)).ok());
        if (i == 8)
            QVERIFY(events.flush().ok());
    }
    for (int i = 0; i < fromSeqs.size(); ++i) {
        const qint64 from = fromSeqs.at(i);
        QVERIFY2(seen.at(i) == seqRange(std::max<qint64>(1, from), 10),
                 qPrintable(u"fromSeq %1"_s.arg(from)));
        QVERIFY(std::all_of(agentsSeen.at(i).cbegin(),
                            agentsSeen.at(i).cend(),
                            [](const QString &id) { return id == u"a"_s; }));
    }

    // The delivered events are the stored ones, field for field.
    EventList delivered;
    events.subscribe(u"a"_s, 1, &context, [&](const Event &e) { delivered.append(e); });
    const Result<EventList> stored = events.read(u"a"_s, 1, 100);
    QVERIFY(stored.ok());
    QCOMPARE(describeAll(delivered), describeAll(stored.value()));
}

void TestStoreContract::subscribeToEveryAgentIsLiveOnly()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    QVERIFY(events.append(makeEvent(u"a"_s, 1)).ok());
    QVERIFY(events.append(makeEvent(u"b"_s, 1)).ok());
    QVERIFY(events.flush().ok());

    QObject context;
    QStringList seen;
    events.subscribe({}, 0, &context, [&](const Event &e) {
        seen.append(u"%1:%2"_s.arg(e.agentId).arg(e.seq));
    });
    QCOMPARE(seen, QStringList());

    QVERIFY(events.append(makeEvent(u"b"_s, 2)).ok());
    QVERIFY(events.append(makeEvent(u"a"_s, 2)).ok());
    QVERIFY(events.append(makeEvent(u"c"_s, 1)).ok());
    QVERIFY(events.flush().ok());
    QVERIFY(events.append(makeEvent(u"a"_s, 3)).ok());
    QCOMPARE(seen, (QStringList{u"b:2"_s, u"a:2"_s, u"c:1"_s, u"a:3"_s}));
}

void TestStoreContract::subscriptionEndsWithContextOrUnsubscribe()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    QVERIFY(events.append(makeEvent(u"a"_s, 1)).ok());
    auto context = std::make_unique<QObject>();
    QObject keeper;
    int toDestroyed = 0;
    int toEveryAgent = 0;
    int toUnsubscribed = 0;
    int toKept = 0;
    events.subscribe(u"a"_s, 0, context.get(), [&](const Event &) { ++toDestroyed; });
    events.subscribe({}, 0, context.get(), [&](const Event &) { ++toEveryAgent; });
    const EventRouter::SubscriptionId id
        = events.subscribe(u"a"_s, 0, &keeper, [&](const Event &) { ++toUnsubscribed; });
    events.subscribe(u"a"_s, 0, &keeper, [&](const Event &) { ++toKept; });
    QCOMPARE(toDestroyed, 1);
    QCOMPARE(toUnsubscribed, 1);

    QVERIFY(events.append(makeEvent(u"a"_s, 2)).ok());
    QCOMPARE(toDestroyed, 2);
    QCOMPARE(toEveryAgent, 1);

    context.reset();
    events.unsubscribe(id);
    QVERIFY(events.append(makeEvent(u"a"_s, 3)).ok());
    QVERIFY(events.append(makeEvent(u"b"_s, 1)).ok());
    QVERIFY(events.flush().ok());
    QCOMPARE(toDestroyed, 2);
    QCOMPARE(toEveryAgent, 1);
    QCOMPARE(toUnsubscribed, 2);
    QCOMPARE(toKept, 3);
}

void TestStoreContract::removeAgentRestartsEventSeq()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));
    EventRouter &events = store.events();

    for (int i = 1; i <= 4; ++i) {
        QVERIFY(events.append(makeEvent(u"gone"_s, i)).ok());
        QVERIFY(events.append(makeEvent(u"kept"_s, i)).ok());
        if (i == 2)
            QVERIFY(events.flush().ok());
    }
    const Result<EventList> keptBefore = events.read(u"kept"_s, 1, 100);
    QVERIFY(keptBefore.ok());

    const Result<void> removed = events.removeAgent(u"gone"_s);
    QVERIFY2(removed.ok(), qPrintable(removed.errorMessage()));
    QCOMPARE(events.lastSeq(u"gone"_s), 0);
    Result<EventList> read = events.read(u"gone"_s, 1, 100);
    QVERIFY(read.ok());
    QCOMPARE(seqs(read.value()), QList<qint64>());

    const Result<Event> again = events.append(makeEvent(u"gone"_s, 50));
    QVERIFY(again.ok());
    QCOMPARE(again->seq, 1);
    QVERIFY(events.flush().ok());
    read = events.read(u"gone"_s, 1, 100);
    QVERIFY(read.ok());
    QCOMPARE(describeAll(read.value()), QStringList{describe(again.value())});

    QCOMPARE(events.lastSeq(u"kept"_s), 4);
    read = events.read(u"kept"_s, 1, 100);
    QVERIFY(read.ok());
    QCOMPARE(describeAll(read.value()), describeAll(keptBefore.value()));
}

void TestStoreContract::reopenKeepsEverything()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    const AgentSpec a = makeSpec(u"a"_s, 4);
    const AgentSpec b = makeSpec(u"b"_s, 9, u"Other."_s);
    // Status revisions equal the specs' here: this test is about durability, not that field.
    const AgentStatus aStatus = makeStatus(a.agentId, a.revision);
    QList<RunRecord> aRuns;
    QList<RunRecord> bRuns;
    const Json session = Json::array({{{"role", "user"}, {"content", "kept? ✓"}}});
    const Json answer = {{"ok", true}, {"n", 1}};
    qint64 answeredId = 0;
    qint64 pendingId = 0;
    EventList aEvents;
    EventList bEvents;
    {
        MemoryRouter &memory = store.memory();
        EventRouter &events = store.events();
        QVERIFY(memory.saveSpec(a).ok());
        QVERIFY(memory.saveSpec(b).ok());
        QVERIFY(memory.saveStatus(aStatus).ok());
        int n = 0;
        for (int state = 0; state <= int(RunState::Missed); ++state) {
            const RunRecord run = makeRun(
                a.agentId, u"a-%1"_s.arg(state), RunState(state), RunOrigin(state % 4), ++n);
            QVERIFY(memory.saveRun(run).ok());
            aRuns.prepend(run);
        }
        bRuns.prepend(makeRun(b.agentId, u"b-1"_s, RunState::Running, RunOrigin::Scheduled, ++n));
        QVERIFY(memory.saveRun(bRuns.first()).ok());
        QVERIFY(memory.saveSession(u"s"_s, session).ok());
        answeredId = memory.submitCommand({0, u"start"_s, a.agentId, Json::object()}).value();
        pendingId = memory.submitCommand({0, u"stop"_s, b.agentId, {{"x", 1}}}).value();
        QVERIFY(memory.answerCommand(answeredId, answer).ok());

        for (int i = 1; i <= 5; ++i) {
            aEvents.append(events.append(makeEvent(a.agentId, i)).value());
            if (i <= 3)
                bEvents.append(events.append(makeEvent(b.agentId, i)).value());
        }
        QVERIFY(events.flush().ok());
        // Not flushed: the router writes them when it is destroyed.
        aEvents.append(events.append(makeEvent(a.agentId, 6)).value());
        aEvents.append(events.append(makeEvent(a.agentId, 7)).value());
    }
    store.close();
    QVERIFY2(store.open(), qPrintable(store.error()));
    MemoryRouter &memory = store.memory();
    EventRouter &events = store.events();

    const Result<QList<StoredAgent>> agents = memory.loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agentIds(agents.value()), (QStringList{a.agentId, b.agentId}));
    const std::optional<StoredAgent> loadedA = findAgent(agents.value(), a.agentId);
    const std::optional<StoredAgent> loadedB = findAgent(agents.value(), b.agentId);
    QVERIFY(loadedA && loadedB);
    QCOMPARE(describe(loadedA->spec), describe(a));
    QVERIFY(loadedA->spec == a);
    QVERIFY(loadedB->spec == b);
    QCOMPARE(describe(loadedA->status), describe(aStatus));

    Result<QList<RunRecord>> runs = memory.listRuns(a.agentId, 100);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(describeAll(runs.value()), describeAll(aRuns));
    runs = memory.listRuns(b.agentId, 100);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(describeAll(runs.value()), describeAll(bRuns));
    runs = memory.listUnfinishedRuns();
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QStringList unfinished = runIds(runs.value());
    unfinished.sort();
    QCOMPARE(unfinished, (QStringList{u"a-0"_s, u"a-1"_s, u"b-1"_s}));

    const Result<Json> loadedSession = memory.loadSession(u"s"_s);
    QVERIFY2(loadedSession.ok(), qPrintable(loadedSession.errorMessage()));
    QCOMPARE(dumped(loadedSession.value()), dumped(session));
    const Result<Json> loadedAnswer = memory.commandAnswer(answeredId);
    QVERIFY2(loadedAnswer.ok(), qPrintable(loadedAnswer.errorMessage()));
    QCOMPARE(dumped(loadedAnswer.value()), dumped(answer));
    const Result<QList<StoreCommand>> pending = memory.pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(commandIds(pending.value()), QList<qint64>{pendingId});
    QVERIFY(pending->first().arguments == (Json{{"x", 1}}));
    const Result<qint64> nextCommand
        = memory.submitCommand({0, u"start"_s, b.agentId, Json::object()});
    QVERIFY(nextCommand.ok());
    QVERIFY(nextCommand.value() > pendingId);

    QCOMPARE(events.lastSeq(a.agentId), 7);
    QCOMPARE(events.lastSeq(b.agentId), 3);
    Result<EventList> read = events.read(a.agentId, 1, 100);
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(describeAll(read.value()), describeAll(aEvents));
    QVERIFY(read.value() == aEvents);
    read = events.read(b.agentId, 1, 100);
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(describeAll(read.value()), describeAll(bEvents));

    // Numbering continues where it was.
    const Result<Event> nextA = events.append(makeEvent(a.agentId, 8));
    const Result<Event> nextB = events.append(makeEvent(b.agentId, 4));
    QVERIFY(nextA.ok() && nextB.ok());
    QCOMPARE(nextA->seq, 8);
    QCOMPARE(nextB->seq, 4);
    QVERIFY(events.flush().ok());
    read = events.read(a.agentId, 1, 100);
    QVERIFY(read.ok());
    QCOMPARE(seqs(read.value()), seqRange(1, 8));
}

void TestStoreContract::reopenKeepsUnflushedEvents()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend);
    QVERIFY2(store.open(), qPrintable(store.error()));

    EventList appended;
    for (int i = 1; i <= 3; ++i) {
        const Result<Event> event = store.events().append(makeEvent(u"u"_s, i));
        QVERIFY(event.ok());
        appended.append(event.value());
    }
    // No flush() and no event loop: nothing but the router's destructor writes them.
    store.close();
    QVERIFY2(store.open(), qPrintable(store.error()));

    QCOMPARE(store.events().lastSeq(u"u"_s), 3);
    const Result<EventList> read = store.events().read(u"u"_s, 1, 100);
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QCOMPARE(describeAll(read.value()), describeAll(appended));
    const Result<Event> next = store.events().append(makeEvent(u"u"_s, 4));
    QVERIFY(next.ok());
    QCOMPARE(next->seq, 4);
}

void TestStoreContract::retentionKeepsTheNewestRunsOfEachKind()
{
    QFETCH(QString, backend);
    StoreUnderTest store(backend, u"keep_runs=3&keep_failed_runs=4"_s);
    QVERIFY2(store.open(), qPrintable(store.error()));
    const QString agent = u"kept"_s;
    QVERIFY(store.memory().saveSpec(makeSpec(agent, 1)).ok());

    // Twelve finished runs alternating completed/failed, one still running in between.
    QVERIFY(store.memory().saveRun(makeRun(agent, u"open"_s, RunState::Running)).ok());
    for (int i = 0; i < 12; ++i) {
        const RunState state = i % 2 == 0 ? RunState::Completed : RunState::Failed;
        QVERIFY(store.memory().saveRun(makeRun(agent, u"run-%1"_s.arg(i), state)).ok());
    }
    const auto keptIds = [&] {
        QStringList ids;
        const Result<QList<RunRecord>> runs = store.memory().listRuns(agent, 100);
        for (const RunRecord &run : runs.value())
            ids.append(run.runId);
        return ids;
    };
    QStringList ids = keptIds();
    // The newest three completed, the newest four failed, and the running one survive.
    QCOMPARE(ids,
             (QStringList{u"run-11"_s,
                          u"run-10"_s,
                          u"run-9"_s,
                          u"run-8"_s,
                          u"run-7"_s,
                          u"run-6"_s,
                          u"run-5"_s,
                          u"open"_s}));
    // The running run, finished at last, counts against its kind by when it began: three newer
    // runs completed, so it is the one to go.
    QVERIFY(store.memory().saveRun(makeRun(agent, u"open"_s, RunState::Completed)).ok());
    ids = keptIds();
    QVERIFY2(!ids.contains(u"open"_s), qPrintable(ids.join(u' ')));
    QCOMPARE(ids.size(), 7);
}

QTEST_GUILESS_MAIN(TestStoreContract)
#include "tst_storecontract.moc"
