#include "routers.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <nlohmann/json.hpp>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;

    /// For failure messages: everything the process printed.
    QByteArray both() const { return (u"stdout:\n"_s + out + u"stderr:\n"_s + err).toUtf8(); }
    /// The lines on stdout.
    QStringList lines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
};

Outcome runCli(const QTemporaryDir &dir,
               const QStringList &arguments,
               const QString &timeZone = QString())
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!timeZone.isEmpty())
        environment.insert(u"TZ"_s, timeZone);
    // The default store lives in the user's data folder; each test gets one of its own.
    environment.insert(u"XDG_DATA_HOME"_s, dir.path());
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        return {-1, {}, u"(timed out)"_s};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString storeUrl(const QTemporaryDir &dir)
{
    return u"sqlite:"_s + dir.filePath(u"s.db"_s);
}

/// `nightshift agents history ID OPTIONS... --store URL`
Outcome history(const QTemporaryDir &dir,
                const QString &agentId,
                const QStringList &options = {},
                const QString &timeZone = QString())
{
    return runCli(dir,
                  QStringList{u"agents"_s, u"history"_s, agentId} + options
                      + QStringList{u"--store"_s, storeUrl(dir)},
                  timeZone);
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString utcTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s)
           + u'Z';
}

/// A run of "nightly" due at dueMs that started lateMs after it and took 4.2 s.
RunRecord ran(const QString &id,
              qint64 dueMs,
              qint64 lateMs,
              RunState state = RunState::Completed,
              RunOrigin origin = RunOrigin::Scheduled)
{
    RunRecord run;
    run.runId = id;
    run.agentId = u"nightly"_s;
    run.specRevision = 1;
    run.origin = origin;
    run.occurrenceMs = dueMs;
    run.state = state;
    run.attempts = 1;
    run.startedMs = dueMs + lateMs;
    run.finishedMs = run.startedMs + 4200;
    run.usage = {1, 120, 30, 0.0123};
    return run;
}

RunRecord notRun(const QString &id, qint64 dueMs, RunState state, const QString &reason)
{
    RunRecord run;
    run.runId = id;
    run.agentId = u"nightly"_s;
    run.specRevision = 1;
    run.occurrenceMs = dueMs;
    run.state = state;
    run.skipReason = reason;
    return run;
}

QList<nlohmann::json> jsonLines(const QString &text)
{
    QList<nlohmann::json> lines;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        lines.append(nlohmann::json::parse(line.toStdString(), nullptr, false));
    return lines;
}

QStringList runIds(const QList<nlohmann::json> &lines)
{
    QStringList ids;
    for (const nlohmann::json &line : lines)
        ids.append(QString::fromStdString(line.value("run_id", std::string("(none)"))));
    return ids;
}

} // namespace

class TestCliHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void everyOccurrenceNewestFirstWithASummary();
    void limitKeepsTheNewest();
    void notAsScheduledKeepsTheOthers();
    void sinceTakesASpanOrAnIsoTime();
    void jsonIsTheRunRecordWithLateness();
    void anAgentWithoutRunsSaysSo();
    void wrongUsageAndUnknownAgents_data();
    void wrongUsageAndUnknownAgents();

private:
    QTemporaryDir m_dir;
    qint64 m_now = 0;
    QList<RunRecord> m_newestFirst;
};

void TestCliHistory::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(NIGHTSHIFT_BINARY)), NIGHTSHIFT_BINARY);
    QVERIFY(m_dir.isValid());
    const QString file = m_dir.filePath(u"agents.json"_s);
    QFile config(file);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"([{"agent_id": "nightly", "model_config": {"provider": "none"},
                      "interval": 3600, "task_config": {"query": ""}},
                     {"agent_id": "fresh", "model_config": {"provider": "none"},
                      "interval": 3600, "task_config": {"query": ""}},
                     {"agent_id": "other", "model_config": {"provider": "none"},
                      "interval": 3600, "task_config": {"query": ""}}])");
    config.close();
    const Outcome created
        = runCli(m_dir, {u"agents"_s, u"create"_s, file, u"--store"_s, storeUrl(m_dir)});
    QVERIFY2(created.exitCode == 0, created.both().constData());

    // Whole seconds, so that the times printed and the ones expected here agree.
    m_now = QDateTime::currentMSecsSinceEpoch() / Second * Second;
    RunRecord failed = ran(u"r-failed"_s, m_now - 5 * Hour, 200, RunState::Failed);
    failed.error = u"HTTP 503 from the provider, which said it was overloaded and asked us to "
                   u"come back later, in more words than a line holds\nsecond line"_s;
    RunRecord manual
        = ran(u"r-manual"_s, m_now - 6 * Hour, 0, RunState::Completed, RunOrigin::Manual);
    m_newestFirst = {
        ran(u"r-ontime"_s, m_now - 1 * Hour, 300),
        ran(u"r-late"_s, m_now - 2 * Hour, 125 * Second),
        notRun(u"r-overlap"_s, m_now - 3 * Hour, RunState::Skipped, u"overlap"_s),
        notRun(u"r-budget"_s, m_now - 4 * Hour, RunState::Skipped, u"budget"_s),
        failed,
        manual,
        notRun(u"r-missed"_s, m_now - 3 * Day, RunState::Missed, u"not_running"_s),
        // Caught up a day after it was due: listed by when it was due.
        ran(u"r-catchup"_s, m_now - 74 * Hour, Day, RunState::Completed, RunOrigin::CatchUp),
        ran(u"r-old"_s, m_now - 9 * Day, 0),
    };
    Result<Store> store = openStore(storeUrl(m_dir), StoreRole::Client);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    // Saved in the order the engine saves them, which is not quite the order they were due
    // in: the catch-up after the missed occurrence that came later.
    QList<RunRecord> saveOrder(m_newestFirst.crbegin(), m_newestFirst.crend());
    saveOrder.swapItemsAt(1, 2);
    for (const RunRecord &run : std::as_const(saveOrder))
        QVERIFY(store->memory->saveRun(run).ok());
    RunRecord someoneElse = ran(u"r-other-agent"_s, m_now - Hour, 0);
    someoneElse.agentId = u"other"_s;
    QVERIFY(store->memory->saveRun(someoneElse).ok());
}

void TestCliHistory::everyOccurrenceNewestFirstWithASummary()
{
    const Outcome outcome = history(m_dir, u"nightly"_s);
    QVERIFY2(outcome.exitCode == 0, outcome.both().constData());
    const QStringList lines = outcome.lines();
    QCOMPARE(lines.size(), 1 + m_newestFirst.size() + 1);
    const QStringList header = lines.first().split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(header,
             (QStringList{u"DUE"_s,
                          u"ORIGIN"_s,
                          u"STATE"_s,
                          u"TIMING"_s,
                          u"DURATION"_s,
                          u"TOKENS"_s,
                          u"COST"_s,
                          u"REASON"_s}));
    for (qsizetype i = 0; i < m_newestFirst.size(); ++i)
        QVERIFY2(lines.at(i + 1).startsWith(localTime(m_newestFirst.at(i).occurrenceMs)),
                 qPrintable(m_newestFirst.at(i).runId + u": "_s + lines.at(i + 1)));

    // Columns are two spaces or more apart.
    const auto columns = [&](qsizetype i) {
        QStringList cells;
        for (const QString &cell : lines.at(i + 1).split(u"  "_s, Qt::SkipEmptyParts)) {
            if (!cell.trimmed().isEmpty())
                cells.append(cell.trimmed());
        }
        return cells;
    };
    // Due, origin, state, timing, duration, tokens, cost, reason.
    QCOMPARE(columns(0).mid(1).first(6),
             (QStringList{
                 u"scheduled"_s, u"completed"_s, u"on time"_s, u"4.2s"_s, u"150"_s, u"$0.0123"_s}));
    QCOMPARE(columns(1).at(3), u"late by 2m 05s"_s);
    QCOMPARE(columns(2).mid(1).first(3).join(u'|'), u"scheduled|skipped|-"_s);
    QCOMPARE(columns(2).last(), u"overlap"_s);
    QCOMPARE(columns(3).last(), u"budget"_s);
    // An error keeps to its first line, shortened.
    const QString error = columns(4).last();
    QCOMPARE(columns(4).at(2), u"failed"_s);
    QVERIFY2(error.startsWith(u"HTTP 503 from the provider"), qPrintable(error));
    QVERIFY2(error.endsWith(u'…') && error.size() == 80, qPrintable(error));
    // A manual run has no due time to be late for.
    QCOMPARE(columns(5).mid(1).first(3).join(u'|'), u"manual|completed|-"_s);
    QCOMPARE(columns(6).mid(1).first(3).join(u'|'), u"scheduled|missed|-"_s);
    QCOMPARE(columns(6).last(), u"not_running"_s);
    QCOMPARE(columns(7).mid(1).first(3).join(u'|'), u"catch_up|completed|late by 1d 00h"_s);
    QVERIFY(!outcome.out.contains(u"r-other-agent"));

    QCOMPARE(lines.last(),
             u"9 occurrences: 4 ran on time, 2 late, 2 skipped (overlap 1, budget 1), 1 missed "
             u"(not_running 1); "
             u"not completed: failed 1"_s);

    // --utc: the same occurrences in UTC.
    const Outcome utc = history(m_dir, u"nightly"_s, {u"--utc"_s});
    QVERIFY2(utc.exitCode == 0, utc.both().constData());
    QVERIFY2(utc.lines().at(1).startsWith(utcTime(m_newestFirst.first().occurrenceMs)),
             utc.both().constData());
}

void TestCliHistory::limitKeepsTheNewest()
{
    const Outcome outcome = history(m_dir, u"nightly"_s, {u"--limit"_s, u"3"_s});
    QVERIFY2(outcome.exitCode == 0, outcome.both().constData());
    const QStringList lines = outcome.lines();
    QCOMPARE(lines.size(), 1 + 3 + 1);
    QVERIFY(lines.at(3).startsWith(localTime(m_newestFirst.at(2).occurrenceMs)));
    QCOMPARE(lines.last(),
             u"3 newest occurrences: 1 ran on time, 1 late, 1 skipped (overlap 1) (older ones "
             u"left out; --limit N shows more)"_s);

    // Exactly as many as there are: nothing left out.
    const Outcome all = history(m_dir, u"nightly"_s, {u"--limit"_s, u"9"_s});
    QVERIFY2(all.lines().last().startsWith(u"9 occurrences: "), all.both().constData());
}

void TestCliHistory::notAsScheduledKeepsTheOthers()
{
    const Outcome outcome = history(m_dir, u"nightly"_s, {u"--not-as-scheduled"_s, u"--json"_s});
    QVERIFY2(outcome.exitCode == 0, outcome.both().constData());
    QCOMPARE(runIds(jsonLines(outcome.out)),
             (QStringList{u"r-late"_s,
                          u"r-overlap"_s,
                          u"r-budget"_s,
                          u"r-failed"_s,
                          u"r-missed"_s,
                          u"r-catchup"_s}));

    const Outcome text = history(m_dir, u"nightly"_s, {u"--not-as-scheduled"_s});
    QVERIFY2(text.exitCode == 0, text.both().constData());
    QCOMPARE(text.lines().size(), 1 + 6 + 1);
    QCOMPARE(text.lines().last(),
             u"6 occurrences not as scheduled: 1 ran on time, 2 late, 2 skipped (overlap 1, "
             u"budget 1), 1 missed (not_running 1); not completed: failed 1"_s);

    // The filter reads further back than --limit to find as many as asked for.
    const Outcome two = history(
        m_dir, u"nightly"_s, {u"--not-as-scheduled"_s, u"--limit"_s, u"2"_s, u"--json"_s});
    QCOMPARE(runIds(jsonLines(two.out)), (QStringList{u"r-late"_s, u"r-overlap"_s}));
    const Outcome last = history(
        m_dir, u"nightly"_s, {u"--not-as-scheduled"_s, u"--since"_s, u"4d"_s, u"--json"_s});
    QCOMPARE(runIds(jsonLines(last.out)).last(), u"r-catchup"_s);
}

void TestCliHistory::sinceTakesASpanOrAnIsoTime()
{
    const Outcome day = history(m_dir, u"nightly"_s, {u"--since"_s, u"24h"_s, u"--json"_s});
    QVERIFY2(day.exitCode == 0, day.both().constData());
    QCOMPARE(runIds(jsonLines(day.out)),
             (QStringList{u"r-ontime"_s,
                          u"r-late"_s,
                          u"r-overlap"_s,
                          u"r-budget"_s,
                          u"r-failed"_s,
                          u"r-manual"_s}));

    // An ISO time without a zone is UTC with --utc, wherever the user is: here five hours
    // behind, where the same digits read as local time would leave the missed occurrence out.
    // It was due 72 h ago; the catch-up's occurrence 74 h ago.
    const QString iso = QDateTime::fromMSecsSinceEpoch(m_now - 73 * Hour, QTimeZone::utc())
                            .toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    const Outcome utc
        = history(m_dir, u"nightly"_s, {u"--since"_s, iso, u"--utc"_s}, u"America/New_York"_s);
    QVERIFY2(utc.exitCode == 0, utc.both().constData());
    QCOMPARE(utc.lines().size(), 1 + 7 + 1);
    QVERIFY2(utc.lines().last().startsWith(u"7 occurrences since "_s + utcTime(m_now - 73 * Hour)
                                           + u": "_s),
             utc.both().constData());
    QVERIFY2(utc.lines().at(7).contains(u"missed"), utc.both().constData());
    QVERIFY2(!utc.out.contains(u"catch_up"), utc.both().constData());

    const Outcome both = history(
        m_dir, u"nightly"_s, {u"--since"_s, u"1d"_s, u"--not-as-scheduled"_s, u"--json"_s});
    QCOMPARE(runIds(jsonLines(both.out)),
             (QStringList{u"r-late"_s, u"r-overlap"_s, u"r-budget"_s, u"r-failed"_s}));
}

void TestCliHistory::jsonIsTheRunRecordWithLateness()
{
    const Outcome outcome = history(m_dir, u"nightly"_s, {u"--json"_s});
    QVERIFY2(outcome.exitCode == 0, outcome.both().constData());
    const QList<nlohmann::json> lines = jsonLines(outcome.out);
    QCOMPARE(lines.size(), m_newestFirst.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        nlohmann::json record = lines.at(i);
        QVERIFY2(record.is_object() && record.contains("late_ms"),
                 outcome.out.toUtf8().constData());
        record.erase("late_ms");
        QVERIFY2(record == m_newestFirst.at(i).toJson(), record.dump().c_str());
    }
    const auto lateMs = [&](qsizetype i) {
        return lines.at(i).at("late_ms");
    };
    QVERIFY(lateMs(0) == 300);
    QVERIFY(lateMs(1) == 125'000);
    QVERIFY(lateMs(2).is_null()); // skipped
    QVERIFY(lateMs(5).is_null()); // manual
    QVERIFY(lateMs(6).is_null()); // missed
    QVERIFY(lateMs(7) == Day);
    // --format json says the same.
    QCOMPARE(history(m_dir, u"nightly"_s, {u"--format"_s, u"json"_s}).out, outcome.out);
}

void TestCliHistory::anAgentWithoutRunsSaysSo()
{
    const Outcome outcome = history(m_dir, u"fresh"_s);
    QVERIFY2(outcome.exitCode == 0, outcome.both().constData());
    QCOMPARE(outcome.out, u"no occurrences\n"_s);
    const Outcome json = history(m_dir, u"fresh"_s, {u"--json"_s});
    QVERIFY2(json.exitCode == 0, json.both().constData());
    QCOMPARE(json.out, QString());
}

void TestCliHistory::wrongUsageAndUnknownAgents_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown agent") << QStringList{u"nobody"_s} << 1 << u"no agent \"nobody\""_s;
    QTest::newRow("no ID") << QStringList{} << 2 << u"agents history needs an agent ID"_s;
    QTest::newRow("two IDs") << QStringList{u"a"_s, u"b"_s} << 2 << u"usage:"_s;
    QTest::newRow("limit 0") << QStringList{u"nightly"_s, u"--limit"_s, u"0"_s} << 2
                             << u"--limit takes a number"_s;
    QTest::newRow("limit words") << QStringList{u"nightly"_s, u"--limit"_s, u"all"_s} << 2
                                 << u"--limit takes a number"_s;
    QTest::newRow("since words") << QStringList{u"nightly"_s, u"--since"_s, u"yesterday"_s} << 2
                                 << u"--since takes an ISO 8601 time"_s;
    QTest::newRow("since unit") << QStringList{u"nightly"_s, u"--since"_s, u"3y"_s} << 2
                                << u"--since takes"_s;
    QTest::newRow("json and text")
        << QStringList{u"nightly"_s, u"--json"_s, u"--format"_s, u"text"_s} << 2 << u"contradict"_s;
}

void TestCliHistory::wrongUsageAndUnknownAgents()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Outcome outcome = runCli(m_dir,
                                   QStringList{u"agents"_s, u"history"_s} + arguments
                                       + QStringList{u"--store"_s, storeUrl(m_dir)});
    QVERIFY2(outcome.exitCode == exitCode, outcome.both().constData());
    QVERIFY2(outcome.err.contains(message), outcome.both().constData());
    QVERIFY2(outcome.out.isEmpty(), outcome.both().constData());
}

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_clihistory.moc"
