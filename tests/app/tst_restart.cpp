#include "jsonlines.h"
#include "redisserver.h"
#include "routers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace nightshift;

namespace {

QProcessEnvironment environmentFor(const QTemporaryDir &dir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.path());
    environment.remove(QStringLiteral("DISPLAY"));
    return environment;
}

int runNightshift(const QTemporaryDir &dir, const QStringList &arguments, QString *err = nullptr)
{
    QProcess process;
    process.setProcessEnvironment(environmentFor(dir));
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!process.waitForFinished(60'000))
        return -1;
    if (err)
        *err = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

/// A `nightshift serve` child whose JSON event lines are collected as they come.
class Worker
{
public:
    Worker(const QTemporaryDir &dir, const QString &store)
    {
        m_process.setProcessEnvironment(environmentFor(dir));
        m_process.start(QStringLiteral(NIGHTSHIFT_BINARY),
                        {QStringLiteral("serve"), QStringLiteral("--store"), store});
    }
    ~Worker()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    /// Reads what has arrived; returns every event line parsed so far.
    const QList<nlohmann::json> &events()
    {
        m_process.setReadChannel(QProcess::StandardOutput);
        return m_lines.readFrom(m_process);
    }
    int count(const std::string &agent, const std::string &type)
    {
        int n = 0;
        for (const nlohmann::json &event : events())
            n += event.at("agent_id") == agent && event.at("type") == type;
        return n;
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    nightshift::test::JsonLines m_lines;
};

const StoredAgent *find(const QList<StoredAgent> &agents, const QString &id)
{
    for (const StoredAgent &agent : agents) {
        if (agent.spec.agentId == id)
            return &agent;
    }
    return nullptr;
}

} // namespace

class TestRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWorkerLosesNothing_data();
    void killedWorkerLosesNothing();
};

void TestRestart::killedWorkerLosesNothing_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("redis") << QStringLiteral("redis");
}

void TestRestart::killedWorkerLosesNothing()
{
    QFETCH(QString, backend);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    test::RedisServer redis;
    QString store = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("restart.db"));
    if (backend == u"redis") {
        if (test::RedisServer::executable().isEmpty()) {
            if (qEnvironmentVariable("CI") == u"true")
                QFAIL("redis-server is not installed: install it to test restarts on Redis");
            QSKIP("redis-server is not installed; install it to test restarts on Redis");
        }
        QVERIFY2(redis.start(), qPrintable(redis.errorString()));
        store = redis.url({}, 0, QStringLiteral("prefix=restart:"));
    }
    const QString config = dir.filePath(QStringLiteral("agents.json"));
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([
          {"agent_id": "beat", "model_config": {"provider": "none"}, "interval": 1,
           "task_config": {"query": ""}, "policies": {"misfire_grace": 0.5}},
          {"agent_id": "slow", "model_config": {"provider": "none"}, "interval": 3,
           "tools": ["system_info"],
           "task_config": {"query": "", "max_retries": 1, "retry_delay": 1, "timeout": 60,
                           "tool_arguments": {"system_info": {"cpu_sample_ms": 5000}}},
           "agent_config": {"tool_call_timeout": 60}},
          {"agent_id": "held", "model_config": {"provider": "none"}, "interval": 60,
           "task_config": {"query": ""}}
        ])");
    }
    const QStringList onStore = {QStringLiteral("--store"), store};
    QString err;
    QCOMPARE(runNightshift(dir,
                           QStringList{QStringLiteral("agents"), QStringLiteral("create"), config}
                               + onStore,
                           &err),
             0);
    for (const char *id : {"beat", "slow", "held"})
        QCOMPARE(runNightshift(dir,
                               QStringList{QStringLiteral("agents"),
                                           QStringLiteral("start"),
                                           QString::fromLatin1(id)}
                                   + onStore),
                 0);
    QCOMPARE(runNightshift(dir,
                           QStringList{QStringLiteral("agents"),
                                       QStringLiteral("pause"),
                                       QStringLiteral("held"),
                                       QStringLiteral("--reason"),
                                       QStringLiteral("until Monday")}
                               + onStore),
             0);

    // First life: killed with SIGKILL while slow's run is inside its tool call.
    QList<nlohmann::json> printed;
    {
        Worker worker(dir, store);
        QTRY_VERIFY_WITH_TIMEOUT(worker.count("slow", "tool_call_started") >= 1
                                     && worker.count("beat", "background_task_completed") >= 2,
                                 30'000);
        QCOMPARE(worker.count("slow", "background_task_completed"), 0);
        worker.process().kill();
        QVERIFY(worker.process().waitForFinished());
        printed = worker.events();
    }

    {
        Result<Store> opened = openStore(store, StoreRole::Client);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        // Every event the worker printed for a run it reported finished is stored, unchanged.
        for (const nlohmann::json &event : printed) {
            if (event.at("type") != "background_task_completed")
                continue;
            const QString agent = QString::fromStdString(event.at("agent_id"));
            const qint64 seq = event.at("seq");
            const Result<EventList> stored = opened->events->read(agent, seq, 1);
            QVERIFY(stored.ok());
            QCOMPARE(stored->size(), 1);
            QVERIFY(stored->first().toJson() == event);
        }
        const Result<QList<RunRecord>> unfinished = opened->memory->listUnfinishedRuns();
        QVERIFY(unfinished.ok());
        QCOMPARE(unfinished->size(), 1);
        QCOMPARE(unfinished->first().agentId, QStringLiteral("slow"));
    }

    // A killed owner's Redis lease runs out on its own (no process id to check, unlike a lock
    // file); until then no second owner may start. Opening as owner shows when it has.
    QTRY_VERIFY_WITH_TIMEOUT(openStore(store, StoreRole::Owner).ok(), 30'000);

    // Second life: the cut-off run is settled as interrupted and retried; the pause holds.
    qint64 beatRunsBefore = 0;
    qint64 beatDueWhileDown = 0;
    {
        Result<Store> opened = openStore(store, StoreRole::Client);
        QVERIFY(opened.ok());
        const QList<StoredAgent> agents = opened->memory->loadAgents().value();
        beatRunsBefore = find(agents, QStringLiteral("beat"))->status.runCount;
        beatDueWhileDown = find(agents, QStringLiteral("beat"))->status.nextRunMs;
        QVERIFY(beatRunsBefore >= 2);
    }
    // The worker stays down until beat's next two occurrences are past their grace: the newer
    // gets run_once's catch-up, the older is recorded missed.
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > beatDueWhileDown + 2300, 5000);
    {
        Worker worker(dir, store);
        QTRY_VERIFY_WITH_TIMEOUT(worker.count("slow", "retry_scheduled") >= 1
                                     && worker.count("beat", "background_task_completed") >= 1,
                                 30'000);
        worker.process().terminate();
        QVERIFY(worker.process().waitForFinished(30'000));
        QCOMPARE(worker.process().exitCode(), 0);
    }

    Result<Store> opened = openStore(store, StoreRole::Client);
    QVERIFY(opened.ok());
    const QList<StoredAgent> agents = opened->memory->loadAgents().value();
    const StoredAgent *held = find(agents, QStringLiteral("held"));
    QCOMPARE(held->status.state, AgentState::Paused);
    QCOMPARE(held->status.pauseReason, QStringLiteral("until Monday"));
    QCOMPARE(find(agents, QStringLiteral("held"))->status.runCount, 0);
    const StoredAgent *beat = find(agents, QStringLiteral("beat"));
    QVERIFY(beat->status.runCount > beatRunsBefore);
    QCOMPARE(beat->status.desired, DesiredState::Started);

    // slow's log: one gap-free sequence across both lives, with the interruption in it.
    const EventList slowEvents = opened->events->read(QStringLiteral("slow"), 1, 100'000).value();
    bool interrupted = false;
    for (qsizetype i = 0; i < slowEvents.size(); ++i) {
        QCOMPARE(slowEvents.at(i).seq, i + 1);
        const Event &event = slowEvents.at(i);
        if (event.type == u"background_task_error" && event.payload.at("state") == "interrupted") {
            interrupted = true;
            QCOMPARE(event.payload.at("will_retry").get<bool>(), true);
        }
    }
    QVERIFY(interrupted);
    // The interrupted run is no longer open, and a stream resumes from any stored seq.
    const QList<RunRecord> stillOpen = opened->memory->listUnfinishedRuns().value();
    for (const RunRecord &run : stillOpen)
        QVERIFY2(run.agentId != u"slow" || run.attempts == 2,
                 "the interrupted attempt was settled");
    const qint64 middle = slowEvents.size() / 2;
    const EventList tail = opened->events->read(QStringLiteral("slow"), middle, 100'000).value();
    QCOMPARE(tail.size(), slowEvents.size() - middle + 1);
    QCOMPARE(tail.first().seq, middle);
    // beat's missed occurrences while no worker ran are on record.
    bool missed = false;
    const QList<RunRecord> beatRuns
        = opened->memory->listRuns(QStringLiteral("beat"), 1000).value();
    for (const RunRecord &run : beatRuns)
        missed = missed || (run.state == RunState::Missed && run.occurrenceMs == beatDueWhileDown);
    QVERIFY2(missed, "occurrences due while the worker was down are recorded as missed");
}

QTEST_GUILESS_MAIN(TestRestart)
#include "tst_restart.moc"
