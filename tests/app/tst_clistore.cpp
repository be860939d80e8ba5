#include "duetimes.h"
#include "jsonlines.h"
#include "routers.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <functional>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

// "Changes made by the CLI reach a running nightshift serve on the same store within one second."
constexpr qint64 ReachWorkerMs = 1000;

QProcessEnvironment environmentFor(const QTemporaryDir &dir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The default store lives in the user's data folder; each test gets one of its own.
    environment.insert(u"XDG_DATA_HOME"_s, dir.path());
    // So do the dashboard's settings, which may name another store.
    environment.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    // The CLI speaks the system's language; these tests read English.
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.remove(u"LANGUAGE"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    return environment;
}

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;

    /// For failure messages: everything the process printed.
    QByteArray both() const { return (u"stdout:\n"_s + out + u"stderr:\n"_s + err).toUtf8(); }
};

void startNightshift(QProcess &process, const QTemporaryDir &dir, const QStringList &arguments)
{
    process.setProcessEnvironment(environmentFor(dir));
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
}

Outcome finish(QProcess &process, int timeoutMs = 30'000)
{
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1,
                QString::fromUtf8(process.readAllStandardOutput()),
                u"(timed out) "_s + QString::fromUtf8(process.readAllStandardError())};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

Outcome runCli(const QTemporaryDir &dir, const QStringList &arguments)
{
    QProcess process;
    startNightshift(process, dir, arguments);
    return finish(process);
}

QString storeUrl(const QTemporaryDir &dir)
{
    return u"sqlite:"_s + dir.filePath(u"s.db"_s);
}

/// `nightshift agents VERB ARGS... --store URL`
QStringList agentsArgs(const QTemporaryDir &dir, const QStringList &verbAndArguments)
{
    return QStringList{u"agents"_s} + verbAndArguments + QStringList{u"--store"_s, storeUrl(dir)};
}

Outcome agents(const QTemporaryDir &dir, const QStringList &verbAndArguments)
{
    return runCli(dir, agentsArgs(dir, verbAndArguments));
}

QString agentJson(const QString &id, const QString &extra = u"\"interval\": 3600"_s)
{
    return uR"({"agent_id": "%1", "model_config": {"provider": "none"}, %2, "task_config": {"query": ""}})"_s
        .arg(id, extra);
}

QString write(const QTemporaryDir &dir, const QString &name, const QString &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(text.toUtf8());
    return path;
}

QList<nlohmann::json> jsonLines(const QString &text)
{
    QList<nlohmann::json> lines;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        lines.append(nlohmann::json::parse(line.toStdString(), nullptr, false));
    return lines;
}

/// The value at a JSON pointer as text: strings bare, anything else as JSON; "(missing)" when
/// there is none, so a wrong answer fails a comparison instead of throwing.
QString field(const nlohmann::json &json, const char *pointer)
{
    const nlohmann::json::json_pointer path(pointer);
    if (!json.contains(path))
        return u"(missing)"_s;
    const nlohmann::json &value = json.at(path);
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

/// `agents show ID --format json`, parsed; discarded when it fails.
nlohmann::json shown(const QTemporaryDir &dir, const QString &id)
{
    const Outcome outcome = agents(dir, {u"show"_s, id, u"--format"_s, u"json"_s});
    if (outcome.exitCode != 0)
        return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(outcome.out.toStdString(), nullptr, false);
}

/// The instants of `agents show --format json`'s next_runs.
QList<qint64> nextRuns(const nlohmann::json &shownAgent)
{
    QList<qint64> due;
    const nlohmann::json list = shownAgent.value("next_runs", nlohmann::json());
    for (const nlohmann::json &run : list.is_array() ? list : nlohmann::json::array()) {
        const QDateTime time = QDateTime::fromString(
            QString::fromStdString(run.is_string() ? run.get<std::string>() : run.dump()),
            Qt::ISODateWithMs);
        due.append(time.isValid() ? time.toMSecsSinceEpoch() : -1);
    }
    return due;
}

/// The lines under "next runs" in `agents show`'s text.
QStringList nextRunLines(const QString &text)
{
    const QString block = text.section(u"\n  next runs\n"_s, 1).section(u"\n  config\n"_s, 0, 0);
    return block.split(u'\n', Qt::SkipEmptyParts);
}

bool isEvent(const nlohmann::json &event,
             const std::string &agent,
             const std::string &type,
             const std::string &reason = {})
{
    if (!event.is_object() || event.value("agent_id", "") != agent
        || event.value("type", "") != type)
        return false;
    return reason.empty() || field(event, "/payload/reason").toStdString() == reason;
}

/// A `nightshift serve` child whose JSON event lines are collected as they come.
class Worker
{
public:
    Worker(const QTemporaryDir &dir, const QStringList &extra = {})
    {
        startNightshift(
            m_process, dir, QStringList{u"serve"_s, u"--store"_s, storeUrl(dir)} + extra);
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
    const QString &err()
    {
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        return m_err;
    }
    int count(const std::function<bool(const nlohmann::json &)> &matches)
    {
        int n = 0;
        for (const nlohmann::json &event : events())
            n += matches(event);
        return n;
    }
    /// Blocks on the worker's stdout until more than `already` events match, or until the
    /// deadline; reads as soon as a line arrives, so the time it returns at is exact.
    bool waitForMore(const std::function<bool(const nlohmann::json &)> &matches,
                     int already,
                     QDeadlineTimer deadline)
    {
        for (;;) {
            if (count(matches) > already)
                return true;
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        }
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    nightshift::test::JsonLines m_lines;
    QString m_err;
};

} // namespace

class TestCliStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // The default store
    void defaultStoreIsSqliteInTheDataFolder();

    // Without a worker: the CLI applies the verbs itself
    void createUpdateShowAndList();
    void showListsTheNextRuns();
    void showListsCronRunsInBothZones();
    void lifecycleVerbsWithoutAWorker();
    void runNowWithoutAWorkerWaitsForTheRun();
    void runNowExitsOneWhenTheRunFails();
    void deleteForgetsTheAgent();
    void wrongUsageExitsTwo_data();
    void wrongUsageExitsTwo();
    void unknownAgentsVerbIsNamed();
    void refusalsExitOneAndSayWhy();
    void aCliIsServedWhileAnotherCliHoldsTheStore();

    // With a worker: the verbs go through it
    void verbsReachARunningWorkerWithinOneSecond();

    // events
    void eventsPrintsTheStoredLog();
    void eventsFollowPrintsNewEventsAsTheyCome();
};

void TestCliStore::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(NIGHTSHIFT_BINARY)), NIGHTSHIFT_BINARY);
}

void TestCliStore::defaultStoreIsSqliteInTheDataFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = write(
        dir, u"two.json"_s, u'[' + agentJson(u"alpha"_s) + u',' + agentJson(u"beta"_s) + u']');
    const Outcome created = runCli(dir, {u"agents"_s, u"create"_s, file});
    QVERIFY2(created.exitCode == 0, created.both().constData());

    const Outcome listed = runCli(dir, {u"agents"_s, u"list"_s});
    QVERIFY2(listed.exitCode == 0, listed.both().constData());
    QVERIFY2(listed.out.contains(u"alpha"), listed.both().constData());
    QVERIFY2(listed.out.contains(u"beta"), listed.both().constData());

    const QString database = dir.filePath(u"Nightshift/Nightshift/nightshift.db"_s);
    QVERIFY2(QFile::exists(database), qPrintable(database));

    const Outcome help = runCli(dir, {u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(u"sqlite:"_s + database), help.both().constData());
}

void TestCliStore::createUpdateShowAndList()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString one = write(dir, u"one.json"_s, agentJson(u"solo"_s));
    const Outcome createdOne = agents(dir, {u"create"_s, one});
    QVERIFY2(createdOne.exitCode == 0, createdOne.both().constData());
    QVERIFY2(createdOne.out.contains(u"solo: idle"), createdOne.both().constData());

    const QString list = write(
        dir, u"list.json"_s, u'[' + agentJson(u"first"_s) + u',' + agentJson(u"second"_s) + u']');
    const Outcome createdList = agents(dir, {u"create"_s, list});
    QVERIFY2(createdList.exitCode == 0, createdList.both().constData());
    QVERIFY2(createdList.out.contains(u"first: idle"), createdList.both().constData());
    QVERIFY2(createdList.out.contains(u"second: idle"), createdList.both().constData());

    // list, text: a header row, then one row per agent.
    const Outcome text = agents(dir, {u"list"_s});
    QVERIFY2(text.exitCode == 0, text.both().constData());
    const QStringList rows = text.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.first().split(u' ', Qt::SkipEmptyParts).mid(0, 3),
             (QStringList{u"AGENT"_s, u"STATE"_s, u"SCHEDULE"_s}));
    QVERIFY2(rows.first().contains(u"NEXT RUN"), text.both().constData());
    for (const QString &id : {u"solo"_s, u"first"_s, u"second"_s}) {
        QVERIFY2(std::any_of(rows.cbegin() + 1,
                             rows.cend(),
                             [&](const QString &row) {
                                 return row.startsWith(id + u' ') && row.contains(u"idle")
                                        && row.contains(u"every hour");
                             }),
                 text.both().constData());
    }

    // list, json: one object per line.
    const Outcome json = agents(dir, {u"list"_s, u"--format"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, json.both().constData());
    QStringList ids;
    for (const nlohmann::json &line : jsonLines(json.out)) {
        QVERIFY2(line.is_object(), json.both().constData());
        QCOMPARE(field(line, "/state"), u"idle"_s);
        ids.append(field(line, "/agent_id"));
    }
    ids.sort();
    QCOMPARE(ids, (QStringList{u"first"_s, u"second"_s, u"solo"_s}));

    // update: a new revision, with the new spec.
    QCOMPARE(field(shown(dir, u"solo"_s), "/revision"), u"1"_s);
    write(dir, u"one.json"_s, agentJson(u"solo"_s, u"\"interval\": 120"_s));
    const Outcome updated = agents(dir, {u"update"_s, one});
    QVERIFY2(updated.exitCode == 0, updated.both().constData());
    const nlohmann::json after = shown(dir, u"solo"_s);
    QVERIFY2(!after.is_discarded(), "agents show solo --format json");
    QCOMPARE(field(after, "/revision"), u"2"_s);
    QCOMPARE(field(after, "/spec/interval"), u"120"_s);
    QCOMPARE(field(after, "/status/spec_revision"), u"2"_s);
}

void TestCliStore::showListsTheNextRuns()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"a.json"_s, agentJson(u"hourly"_s))}).exitCode,
             0);
    // Started, the agent keeps the phase its due times count from, the same in every call.
    QCOMPARE(agents(dir, {u"start"_s, u"hourly"_s}).exitCode, 0);
    const nlohmann::json json = shown(dir, u"hourly"_s);
    const QList<qint64> due = nextRuns(json);
    QCOMPARE(due.size(), 10);
    for (qsizetype i = 1; i < due.size(); ++i)
        QCOMPARE(due.at(i) - due.at(i - 1), 3'600'000);
    QCOMPARE(field(json, "/next_runs/0"), field(json, "/status/next_run"));

    const Outcome text = agents(dir, {u"show"_s, u"hourly"_s});
    QVERIFY2(text.exitCode == 0, text.both().constData());
    QStringList expected;
    for (const qint64 ms : due)
        expected.append(u"    "_s + dueTimeText(ms, QString(), QLocale::c()));
    QCOMPARE(nextRunLines(text.out), expected);
}

void TestCliStore::showListsCronRunsInBothZones()
{
    const QString zone
        = QTimeZone::systemTimeZoneId() == "Asia/Tokyo" ? u"Europe/Berlin"_s : u"Asia/Tokyo"_s;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = write(
        dir,
        u"cron.json"_s,
        agentJson(
            u"daily"_s,
            uR"("schedule": {"kind": "cron", "expression": "0 9 * * *", "timezone": "%1"})"_s.arg(
                zone)));
    const Outcome created = agents(dir, {u"create"_s, file});
    QVERIFY2(created.exitCode == 0, created.both().constData());

    const QList<qint64> due = nextRuns(shown(dir, u"daily"_s));
    QCOMPARE(due.size(), 10);
    const QTimeZone there(zone.toUtf8());
    for (const qint64 ms : due)
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(ms, there).time(), QTime(9, 0));
    const Outcome text = agents(dir, {u"show"_s, u"daily"_s});
    QVERIFY2(text.exitCode == 0, text.both().constData());
    const QStringList lines = nextRunLines(text.out);
    QCOMPARE(lines.size(), 10);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines.at(i), u"    "_s + dueTimeText(due.at(i), zone, QLocale::c()));
        QVERIFY2(lines.at(i).contains(u" 09:00 "_s + zone + u" — "_s), qPrintable(lines.at(i)));
        QVERIFY2(lines.at(i).endsWith(u" local"_s), qPrintable(lines.at(i)));
    }
}

void TestCliStore::lifecycleVerbsWithoutAWorker()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"a.json"_s, agentJson(u"cycle"_s))}).exitCode,
             0);

    const Outcome started = agents(dir, {u"start"_s, u"cycle"_s});
    QVERIFY2(started.exitCode == 0, started.both().constData());
    QVERIFY2(started.out.contains(u"cycle: scheduled, next run"), started.both().constData());
    nlohmann::json status = shown(dir, u"cycle"_s).value("status", nlohmann::json());
    QCOMPARE(field(status, "/state"), u"scheduled"_s);
    QVERIFY2(status.value("next_run", nlohmann::json()).is_string(), status.dump().c_str());

    const Outcome paused = agents(dir, {u"pause"_s, u"cycle"_s, u"--reason"_s, u"until Monday"_s});
    QVERIFY2(paused.exitCode == 0, paused.both().constData());
    QVERIFY2(paused.out.contains(u"cycle: paused"), paused.both().constData());
    const Outcome pausedText = agents(dir, {u"show"_s, u"cycle"_s});
    QVERIFY2(pausedText.exitCode == 0, pausedText.both().constData());
    QVERIFY2(pausedText.out.contains(u"state      paused since"), pausedText.both().constData());
    QVERIFY2(pausedText.out.contains(u"until Monday"), pausedText.both().constData());
    status = shown(dir, u"cycle"_s).value("status", nlohmann::json());
    QCOMPARE(field(status, "/state"), u"paused"_s);
    QCOMPARE(field(status, "/pause_reason"), u"until Monday"_s);
    QCOMPARE(field(status, "/next_run"), u"null"_s);

    const Outcome resumed = agents(dir, {u"resume"_s, u"cycle"_s});
    QVERIFY2(resumed.exitCode == 0, resumed.both().constData());
    status = shown(dir, u"cycle"_s).value("status", nlohmann::json());
    QCOMPARE(field(status, "/state"), u"scheduled"_s);
    QVERIFY(!status.contains("pause_reason"));
    QVERIFY(status.value("next_run", nlohmann::json()).is_string());

    const Outcome stopped = agents(dir, {u"stop"_s, u"cycle"_s});
    QVERIFY2(stopped.exitCode == 0, stopped.both().constData());
    QVERIFY2(stopped.out.contains(u"cycle: stopped"), stopped.both().constData());
    status = shown(dir, u"cycle"_s).value("status", nlohmann::json());
    QCOMPARE(field(status, "/state"), u"stopped"_s);
    QCOMPARE(field(status, "/next_run"), u"null"_s);
}

void TestCliStore::runNowWithoutAWorkerWaitsForTheRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"a.json"_s, agentJson(u"once"_s))}).exitCode, 0);
    const Outcome ran = agents(dir, {u"run-now"_s, u"once"_s});
    QVERIFY2(ran.exitCode == 0, ran.both().constData());
    QVERIFY2(ran.out.contains(u"once: run "), ran.both().constData());
    QVERIFY2(ran.out.contains(u" completed"), ran.both().constData());
    const nlohmann::json after = shown(dir, u"once"_s);
    QCOMPARE(field(after, "/status/run_count"), u"1"_s);
    QCOMPARE(field(after, "/runs/1"), u"(missing)"_s);
    QCOMPARE(field(after, "/runs/0/state"), u"completed"_s);
}

void TestCliStore::runNowExitsOneWhenTheRunFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file
        = write(dir,
                u"failing.json"_s,
                uR"({"agent_id": "failing", "model_config": {"provider": "none"}, "interval": 3600,
             "tools": ["system_info"],
             "task_config": {"query": "", "max_retries": 0,
                             "tool_arguments": {"system_info": {"cpu_sample_ms": 1}}}})"_s);
    QCOMPARE(agents(dir, {u"create"_s, file}).exitCode, 0);
    const Outcome ran = agents(dir, {u"run-now"_s, u"failing"_s});
    QVERIFY2(ran.exitCode == 1, ran.both().constData());
    QVERIFY2(ran.out.contains(u"failing: run "), ran.both().constData());
    QVERIFY2(ran.out.contains(u" failed"), ran.both().constData());
    QVERIFY2(ran.out.contains(u"cpu_sample_ms"), ran.both().constData());
    QCOMPARE(field(shown(dir, u"failing"_s), "/status/error_count"), u"1"_s);
}

void TestCliStore::deleteForgetsTheAgent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"a.json"_s, agentJson(u"gone"_s))}).exitCode, 0);
    QCOMPARE(agents(dir, {u"show"_s, u"gone"_s}).exitCode, 0);
    const Outcome deleted = agents(dir, {u"delete"_s, u"gone"_s});
    QVERIFY2(deleted.exitCode == 0, deleted.both().constData());
    QVERIFY2(deleted.out.contains(u"gone: deleted"), deleted.both().constData());
    const Outcome show = agents(dir, {u"show"_s, u"gone"_s});
    QCOMPARE(show.exitCode, 1);
    QVERIFY2(show.err.contains(u"no agent \"gone\""), show.both().constData());
    QVERIFY2(!agents(dir, {u"list"_s}).out.contains(u"gone"), "the list forgets it too");
}

void TestCliStore::wrongUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("agents alone") << QStringList{};
    QTest::newRow("unknown verb") << QStringList{u"frob"_s, u"x"_s};
    QTest::newRow("start without ID") << QStringList{u"start"_s};
    QTest::newRow("show without ID") << QStringList{u"show"_s};
    QTest::newRow("list with an argument") << QStringList{u"list"_s, u"x"_s};
    QTest::newRow("pause with two IDs") << QStringList{u"pause"_s, u"x"_s, u"y"_s};
}

void TestCliStore::wrongUsageExitsTwo()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Outcome outcome = agents(dir, arguments);
    QVERIFY2(outcome.exitCode == 2, outcome.both().constData());
    QVERIFY2(outcome.err.contains(u"usage: nightshift agents list|show ID|"),
             outcome.both().constData());
    QVERIFY2(outcome.out.isEmpty(), outcome.both().constData());
}

void TestCliStore::unknownAgentsVerbIsNamed()
{
    // `nightshift frob` says `unknown command "frob"`; `nightshift agents frob x` only prints the
    // usage line, leaving the user to spot which word was wrong.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Outcome outcome = agents(dir, {u"frob"_s, u"x"_s});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains(u"\"frob\""), outcome.both().constData());
}

void TestCliStore::refusalsExitOneAndSayWhy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"a.json"_s, agentJson(u"idler"_s))}).exitCode,
             0);

    for (const QString &verb :
         {u"start"_s, u"pause"_s, u"resume"_s, u"stop"_s, u"run-now"_s, u"delete"_s}) {
        const Outcome unknown = agents(dir, {verb, u"nobody"_s});
        QVERIFY2(unknown.exitCode == 1,
                 qPrintable(verb + u": "_s + QString::fromUtf8(unknown.both())));
        QVERIFY2(unknown.err.contains(u"no agent \"nobody\""),
                 qPrintable(verb + u": "_s + QString::fromUtf8(unknown.both())));
    }
    const Outcome showUnknown = agents(dir, {u"show"_s, u"nobody"_s});
    QCOMPARE(showUnknown.exitCode, 1);
    QVERIFY2(showUnknown.err.contains(u"no agent \"nobody\""), showUnknown.both().constData());

    const Outcome pause = agents(dir, {u"pause"_s, u"idler"_s});
    QCOMPARE(pause.exitCode, 1);
    QVERIFY2(pause.err.contains(u"agent \"idler\" is not started"), pause.both().constData());
    const Outcome resume = agents(dir, {u"resume"_s, u"idler"_s});
    QCOMPARE(resume.exitCode, 1);
    QVERIFY2(resume.err.contains(u"agent \"idler\" is not paused"), resume.both().constData());
    const Outcome again = agents(dir, {u"create"_s, dir.filePath(u"a.json"_s)});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"agent \"idler\" already exists"), again.both().constData());

    const QString invalid
        = write(dir,
                u"invalid.json"_s,
                uR"({"agent_id": "broken", "model_config": {"provider": "none"}, "interval": 5,
             "task_config": {"query": "", "max_retries": "three"}})"_s);
    const Outcome created = agents(dir, {u"create"_s, invalid});
    QCOMPARE(created.exitCode, 1);
    QVERIFY2(created.err.contains(u"task_config.max_retries"), created.both().constData());
    QVERIFY2(created.err.contains(u"nothing was loaded"), created.both().constData());
    QVERIFY2(!agents(dir, {u"list"_s}).out.contains(u"broken"), "nothing was loaded");

    const Outcome missing = agents(dir, {u"create"_s, dir.filePath(u"missing.json"_s)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(dir.filePath(u"missing.json"_s)), missing.both().constData());
}

void TestCliStore::aCliIsServedWhileAnotherCliHoldsTheStore()
{
    // A CLI that carries out run-now itself owns the store until the run ends. Another CLI
    // started meanwhile finds the store owned, takes its owner for a worker, queues its command
    // and waits for an answer that never comes: no worker runs. It then fails, claiming a
    // worker, and leaves the command queued for whatever `serve` starts next, maybe days later.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file
        = write(dir,
                u"two.json"_s,
                uR"([{"agent_id": "slow", "model_config": {"provider": "none"}, "interval": 3600,
              "tools": ["system_info"],
              "task_config": {"query": "", "tool_arguments": {"system_info": {"cpu_sample_ms": 3000}}}},
             )"_s + agentJson(u"other"_s)
                    + u']');
    QCOMPARE(agents(dir, {u"create"_s, file}).exitCode, 0);

    QProcess first;
    startNightshift(first, dir, agentsArgs(dir, {u"run-now"_s, u"slow"_s}));
    QString firstOut;
    // Once it says the run started, the first CLI owns the store.
    QTRY_VERIFY_WITH_TIMEOUT((firstOut += QString::fromUtf8(first.readAllStandardOutput()),
                              firstOut.contains(u"slow: run ")),
                             10'000);

    QProcess second;
    startNightshift(second, dir, agentsArgs(dir, {u"start"_s, u"other"_s}));
    const Outcome secondOutcome = finish(second, 15'000);
    const Outcome firstOutcome = finish(first);
    QVERIFY2(firstOutcome.exitCode == 0, firstOutcome.both().constData());

    Result<Store> store = openStore(storeUrl(dir), StoreRole::Client);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    const Result<QList<StoreCommand>> pending = store->memory->pendingCommands();
    QVERIFY(pending.ok());
    const QByteArray details = secondOutcome.both() + "commands left queued for a worker: "
                               + QByteArray::number(pending->size());
    QVERIFY2(secondOutcome.exitCode == 0, details.constData());
    QVERIFY2(secondOutcome.out.contains(u"other: scheduled"), details.constData());
    QVERIFY2(pending->isEmpty(), details.constData());
}

void TestCliStore::verbsReachARunningWorkerWithinOneSecond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The store has an agent before serve starts, so serve adds no bundled examples.
    QCOMPARE(agents(dir, {u"create"_s, write(dir, u"w.json"_s, agentJson(u"watched"_s))}).exitCode,
             0);

    Worker worker(dir);
    QVERIFY(worker.process().waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(worker.err().contains(u"serving"), 20'000);
    QVERIFY2(worker.err().contains(u"serving 1 agent on "_s + storeUrl(dir)),
             qPrintable(worker.err()));

    // Runs the CLI in the background and measures until the worker prints a matching event.
    const auto throughWorker = [&](const QStringList &verbAndArguments,
                                   const std::function<bool(const nlohmann::json &)> &matches,
                                   qint64 *elapsedMs) {
        const int before = worker.count(matches);
        QElapsedTimer timer;
        timer.start();
        QProcess cli;
        startNightshift(cli, dir, agentsArgs(dir, verbAndArguments));
        const bool seen = worker.waitForMore(matches, before, QDeadlineTimer(15'000));
        *elapsedMs = seen ? timer.elapsed() : -1;
        return finish(cli);
    };
    const auto status = [](const char *agent, const char *reason) {
        return [agent, reason](const nlohmann::json &event) {
            return isEvent(event, agent, "background_agent_status", reason);
        };
    };
    const auto withinASecond = [&](const char *what, const Outcome &cli, qint64 elapsed) {
        const QByteArray details = QByteArray(what) + ": " + QByteArray::number(elapsed) + " ms\n"
                                   + cli.both() + "worker stderr:\n" + worker.err().toUtf8();
        QVERIFY2(cli.exitCode == 0, details.constData());
        QVERIFY2(elapsed >= 0, details.constData());
        qInfo("%s reached the worker in %lld ms", what, elapsed);
        QVERIFY2(elapsed < ReachWorkerMs, details.constData());
    };
    qint64 elapsed = 0;

    Outcome cli = throughWorker({u"start"_s, u"watched"_s}, status("watched", "started"), &elapsed);
    withinASecond("start", cli, elapsed);
    QVERIFY2(cli.out.contains(u"watched: scheduled, next run"), cli.both().constData());

    cli = throughWorker(
        {u"pause"_s, u"watched"_s, u"--reason"_s, u"r"_s}, status("watched", "paused"), &elapsed);
    withinASecond("pause", cli, elapsed);
    const auto paused = std::find_if(
        worker.events().crbegin(), worker.events().crend(), status("watched", "paused"));
    QCOMPARE(field(*paused, "/payload/state"), u"paused"_s);
    QCOMPARE(field(shown(dir, u"watched"_s), "/status/pause_reason"), u"r"_s);

    cli = throughWorker({u"resume"_s, u"watched"_s}, status("watched", "resumed"), &elapsed);
    withinASecond("resume", cli, elapsed);

    cli = throughWorker(
        {u"run-now"_s, u"watched"_s},
        [](const nlohmann::json &event) {
            return isEvent(event, "watched", "background_task_completed");
        },
        &elapsed);
    QVERIFY2(cli.exitCode == 0, cli.both().constData());
    QVERIFY2(elapsed >= 0, cli.both().constData());
    // The worker ran it, not the CLI: the run the CLI names is the one the worker completed.
    const QString runId = cli.out.section(u"run "_s, 1).section(u' ', 0, 0);
    QVERIFY2(!runId.isEmpty(), cli.both().constData());
    QVERIFY2(cli.out.contains(u"watched: run "_s + runId + u" started"_s), cli.both().constData());
    QCOMPARE(worker.count([&](const nlohmann::json &event) {
        return isEvent(event, "watched", "background_task_completed")
               && field(event, "/run_id") == runId;
    }),
             1);

    cli = throughWorker({u"stop"_s, u"watched"_s}, status("watched", "stopped"), &elapsed);
    withinASecond("stop", cli, elapsed);

    // A new agent, created and deleted while serving.
    cli = throughWorker({u"create"_s, write(dir, u"new.json"_s, agentJson(u"newcomer"_s))},
                        status("newcomer", "created"),
                        &elapsed);
    withinASecond("create", cli, elapsed);
    cli = throughWorker({u"start"_s, u"newcomer"_s}, status("newcomer", "started"), &elapsed);
    withinASecond("start newcomer", cli, elapsed);

    const Outcome listed = agents(dir, {u"list"_s});
    QVERIFY2(listed.exitCode == 0, listed.both().constData());
    QVERIFY2(listed.out.contains(u"AGENT"), listed.both().constData());
    QVERIFY2(listed.out.contains(u"watched"), listed.both().constData());
    QVERIFY2(listed.out.contains(u"newcomer"), listed.both().constData());
    const Outcome listedJson = agents(dir, {u"list"_s, u"--format"_s, u"json"_s});
    QVERIFY2(listedJson.exitCode == 0, listedJson.both().constData());
    for (const nlohmann::json &line : jsonLines(listedJson.out)) {
        QVERIFY2(line.is_object(), listedJson.both().constData());
        if (field(line, "/agent_id") == u"newcomer")
            QCOMPARE(field(line, "/state"), u"scheduled"_s);
        else
            QCOMPARE(field(line, "/state"), u"stopped"_s);
    }

    cli = throughWorker({u"delete"_s, u"newcomer"_s}, status("newcomer", "removed"), &elapsed);
    withinASecond("delete", cli, elapsed);
    QVERIFY2(cli.out.contains(u"newcomer: deleted"), cli.both().constData());
    QCOMPARE(agents(dir, {u"show"_s, u"newcomer"_s}).exitCode, 1);

    // A refusal comes back from the worker as it does without one.
    const Outcome refused = agents(dir, {u"resume"_s, u"watched"_s});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"agent \"watched\" is not paused"), refused.both().constData());

    // One worker per store.
    const Outcome second = runCli(dir, {u"serve"_s, u"--store"_s, storeUrl(dir)});
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(u"is in use by process "_s
                                 + QString::number(worker.process().processId())),
             second.both().constData());

    worker.process().terminate();
    QVERIFY(worker.process().waitForFinished(20'000));
    QCOMPARE(worker.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.process().exitCode(), 0);
}

void TestCliStore::eventsPrintsTheStoredLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file
        = write(dir, u"two.json"_s, u'[' + agentJson(u"a"_s) + u',' + agentJson(u"b"_s) + u']');
    QCOMPARE(agents(dir, {u"create"_s, file}).exitCode, 0);
    for (const QString &id : {u"a"_s, u"a"_s, u"b"_s})
        QCOMPARE(agents(dir, {u"run-now"_s, id}).exitCode, 0);
    const QStringList onStore = {u"--store"_s, storeUrl(dir)};

    const Outcome all = runCli(dir, QStringList{u"events"_s} + onStore);
    QVERIFY2(all.exitCode == 0, all.both().constData());
    QStringList agentIds;
    int aEvents = 0;
    int completed = 0;
    for (const nlohmann::json &event : jsonLines(all.out)) {
        QVERIFY2(event.is_object(), all.both().constData());
        for (const char *key : {"seq", "agent_id", "type", "timestamp", "payload"})
            QVERIFY2(event.contains(key), key);
        QVERIFY(event.at("seq").is_number_integer());
        QVERIFY(event.at("payload").is_object());
        const QString agentId = field(event, "/agent_id");
        if (!agentIds.contains(agentId))
            agentIds.append(agentId);
        aEvents += event.at("agent_id") == "a";
        completed += event.at("type") == "background_task_completed";
    }
    agentIds.sort();
    QCOMPARE(agentIds, (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(completed, 3);

    const Outcome onlyA = runCli(dir, QStringList{u"events"_s, u"--agent"_s, u"a"_s} + onStore);
    QVERIFY2(onlyA.exitCode == 0, onlyA.both().constData());
    const QList<nlohmann::json> aLog = jsonLines(onlyA.out);
    QCOMPARE(aLog.size(), aEvents);
    for (qsizetype i = 0; i < aLog.size(); ++i) {
        QCOMPARE(field(aLog.at(i), "/agent_id"), u"a"_s);
        QCOMPARE(field(aLog.at(i), "/seq"), QString::number(i + 1));
    }
    QVERIFY(aLog.size() > 4);

    const qint64 from = 3;
    const Outcome tail
        = runCli(dir,
                 QStringList{u"events"_s, u"--agent"_s, u"a"_s, u"--from"_s, QString::number(from)}
                     + onStore);
    QVERIFY2(tail.exitCode == 0, tail.both().constData());
    const QList<nlohmann::json> tailLog = jsonLines(tail.out);
    QCOMPARE(tailLog.size(), aLog.size() - from + 1);
    for (qsizetype i = 0; i < tailLog.size(); ++i)
        QCOMPARE(field(tailLog.at(i), "/seq"), QString::number(from + i));
    QVERIFY(tailLog.last() == aLog.last());

    const Outcome text = runCli(
        dir, QStringList{u"events"_s, u"--agent"_s, u"a"_s, u"--format"_s, u"text"_s} + onStore);
    QVERIFY2(text.exitCode == 0, text.both().constData());
    const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), aLog.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QVERIFY2(lines.at(i).startsWith(field(aLog.at(i), "/timestamp") + u" a "_s
                                        + field(aLog.at(i), "/type")),
                 qPrintable(lines.at(i)));
        QVERIFY2(!lines.at(i).startsWith(u'{'), qPrintable(lines.at(i)));
    }
    QVERIFY2(text.out.contains(u"background_agent_status state=idle reason=created"),
             text.both().constData());

    const Outcome nobody
        = runCli(dir, QStringList{u"events"_s, u"--agent"_s, u"nobody"_s} + onStore);
    QCOMPARE(nobody.exitCode, 1);
    QVERIFY2(nobody.err.contains(u"no agent \"nobody\""), nobody.both().constData());
    QVERIFY2(nobody.out.isEmpty(), nobody.both().constData());

    const Outcome extra = runCli(dir, QStringList{u"events"_s, u"x"_s} + onStore);
    QCOMPARE(extra.exitCode, 2);
    const Outcome badFrom = runCli(dir, QStringList{u"events"_s, u"--from"_s, u"x"_s} + onStore);
    QCOMPARE(badFrom.exitCode, 2);
    QVERIFY2(badFrom.err.contains(u"--from takes a sequence number"), badFrom.both().constData());
}

void TestCliStore::eventsFollowPrintsNewEventsAsTheyCome()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = write(
        dir, u"two.json"_s, u'[' + agentJson(u"followed"_s) + u',' + agentJson(u"other"_s) + u']');
    QCOMPARE(agents(dir, {u"create"_s, file}).exitCode, 0);
    QCOMPARE(agents(dir, {u"run-now"_s, u"followed"_s}).exitCode, 0);

    Worker worker(dir);
    QVERIFY(worker.process().waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(worker.err().contains(u"serving"), 20'000);

    QProcess follower;
    startNightshift(
        follower,
        dir,
        {u"events"_s, u"--follow"_s, u"--agent"_s, u"followed"_s, u"--store"_s, storeUrl(dir)});
    QString out;
    const auto completedLines = [&] {
        out += QString::fromUtf8(follower.readAllStandardOutput());
        return out.count(u"\"type\":\"background_task_completed\"");
    };
    // The stored log first, with the run before the worker started.
    QTRY_COMPARE_WITH_TIMEOUT(completedLines(), 1, 10'000);

    for (const QString &id : {u"other"_s, u"followed"_s}) {
        const Outcome ran = agents(dir, {u"run-now"_s, id});
        QVERIFY2(ran.exitCode == 0, ran.both().constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(completedLines(), 2, 10'000);

    follower.terminate();
    QVERIFY(follower.waitForFinished(10'000));
    QCOMPARE(follower.exitStatus(), QProcess::NormalExit);
    QCOMPARE(follower.exitCode(), 0);
    out += QString::fromUtf8(follower.readAllStandardOutput());

    // Only the followed agent's events, each once and in order.
    const QList<nlohmann::json> followed = jsonLines(out);
    QVERIFY(!followed.isEmpty());
    for (qsizetype i = 0; i < followed.size(); ++i) {
        QVERIFY2(followed.at(i).is_object(), qPrintable(out));
        QCOMPARE(field(followed.at(i), "/agent_id"), u"followed"_s);
        QCOMPARE(field(followed.at(i), "/seq"), QString::number(i + 1));
    }

    worker.process().terminate();
    QVERIFY(worker.process().waitForFinished(20'000));
    QCOMPARE(worker.process().exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_clistore.moc"
