#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The default store lives in the user's data folder; tests get one of their own.
QTemporaryDir &dataHome()
{
    static QTemporaryDir folder;
    return folder;
}

// So are the dashboard's saved settings, which serve reads too.
QTemporaryDir &configHome()
{
    static QTemporaryDir folder;
    return folder;
}

// Writes what the dashboard's Settings saved, where QSettings keeps it on Linux; the file goes
// when the returned guard does.
auto saveSettings(const QByteArray &ini)
{
    const QString file = configHome().filePath(QStringLiteral("Nightshift/Nightshift.conf"));
    QDir().mkpath(QFileInfo(file).path());
    QFile out(file);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        out.write(ini);
    return qScopeGuard([file] { QFile::remove(file); });
}

QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome().path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome().path());
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    // The CLI speaks the system's language; these tests read English.
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    return environment;
}

Outcome nightshift(const QStringList &arguments,
                   const QProcessEnvironment &environment = headlessEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString resource(const QString &relative)
{
    return QStringLiteral(NIGHTSHIFT_RESOURCES) + u'/' + relative;
}

QString agentJson(const QString &id, const QString &extra)
{
    return QStringLiteral(R"({"agent_id": "%1", "model_config": {"provider": "none"}, %2})")
        .arg(id, extra);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionNeedsNoDisplay();
    void helpListsTheVerbs();
    void wrongUsageExitsTwo_data();
    void wrongUsageExitsTwo();
    void validateAcceptsTheBundledConfigs_data();
    void validateAcceptsTheBundledConfigs();
    void commandsSpeakTheChosenLanguage_data();
    void commandsSpeakTheChosenLanguage();
    void validateReportsEveryError();
    void validateRefusesAMissingFile();
    void validateChecksToolArgumentsAndFolders();
    void runPrintsEventsAndExitsZeroOnSuccess();
    void runExitsOneWhenTheRunFails();
    void runRefusesAnUnknownAgent();
    void serveRunsOnScheduleAndDrainsOnSigterm_data();
    void serveRunsOnScheduleAndDrainsOnSigterm();
    void serveRefusesABadStoreOrConfig();
    void serveTakesProviderLimitsFromSettingsAndTheCommandLine();
    void serveQueuesRunsOverTheFleetRunLimit();
    void serveTakesFleetLimitsAndBaseUrlsFromSettings();

private:
    QString write(const QString &name, const QString &text);

    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(dataHome().isValid());
    QVERIFY(configHome().isValid());
    QVERIFY2(QFile::exists(QStringLiteral(NIGHTSHIFT_BINARY)), NIGHTSHIFT_BINARY);
}

QString TestCli::write(const QString &name, const QString &text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(text.toUtf8());
    return path;
}

void TestCli::versionNeedsNoDisplay()
{
    const Outcome outcome = nightshift({QStringLiteral("--version")});
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, QStringLiteral("nightshift " NIGHTSHIFT_VERSION "\n"));
}

void TestCli::helpListsTheVerbs()
{
    const Outcome outcome = nightshift({QStringLiteral("--help")});
    QCOMPARE(outcome.exitCode, 0);
    for (const char *word : {"serve [--agents FILE] [--store URL] [--format json|text]",
                             "validate FILE",
                             "run FILE --agent ID",
                             "--headless",
                             "keys set NAME | delete NAME | test [NAME...]",
                             "Exit codes"})
        QVERIFY2(outcome.out.contains(QLatin1String(word)), word);
}

void TestCli::wrongUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("frobnicate")}
                                  << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("validate without file")
        << QStringList{QStringLiteral("validate")} << QStringLiteral("validate takes one FILE");
    QTest::newRow("run without agent") << QStringList{QStringLiteral("run"), QStringLiteral("x")}
                                       << QStringLiteral("usage: nightshift run FILE --agent ID");
    QTest::newRow("bad format") << QStringList{QStringLiteral("serve"),
                                               QStringLiteral("--format"),
                                               QStringLiteral("xml")}
                                << QStringLiteral("--format takes json or text");
    QTest::newRow("malformed provider limit")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--provider-limit"),
                       QStringLiteral("openai=lots")}
        << QStringLiteral(
               "--provider-limit: \"openai=lots\" is not PROVIDER=CONCURRENT/PER_MINUTE");
    QTest::newRow("provider limit of an unknown provider")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--provider-limit"),
                       QStringLiteral("opnai=2/60")}
        << QStringLiteral("--provider-limit: \"opnai\" is not a model provider");
    QTest::newRow("malformed fleet run limit")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--max-concurrent-runs"),
                       QStringLiteral("x")}
        << QStringLiteral(
               "--max-concurrent-runs takes a number of runs (0 for no limit), got \"x\"");
    QTest::newRow("negative fleet run limit")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--max-concurrent-runs"),
                       QStringLiteral("-2")}
        << QStringLiteral("--max-concurrent-runs takes a number of runs");
    QTest::newRow("malformed fleet budget")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--fleet-budget"),
                       QStringLiteral("daily_tokens=100,daily_cost=lots")}
        << QStringLiteral("--fleet-budget: daily_cost takes an amount in US dollars (0 for no "
                          "cap), got \"lots\"");
    QTest::newRow("unknown fleet budget part")
        << QStringList{QStringLiteral("serve"),
                       QStringLiteral("--fleet-budget"),
                       QStringLiteral("weekly_cost=5")}
        << QStringLiteral("--fleet-budget: unknown part \"weekly_cost\"");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("serve"), QStringLiteral("--nope")}
        << QStringLiteral("Unknown option 'nope'");
}

void TestCli::wrongUsageExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome outcome = nightshift(arguments);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
}

void TestCli::validateAcceptsTheBundledConfigs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("examples") << resource(QStringLiteral("agents/examples.json"))
                              << QStringList{QStringLiteral("2 agents, all valid"),
                                             QStringLiteral("system_health  every 15 seconds"),
                                             QStringLiteral("tools: system_info"),
                                             QStringLiteral("heartbeat  every 5 seconds")};
    QTest::newRow("the seed's system_monitor")
        << resource(QStringLiteral("agents/system_monitor.json"))
        << QStringList{QStringLiteral("1 agent, valid"),
                       QStringLiteral("system_monitor  every 5 minutes  provider openai")};
    QTest::newRow("system health check")
        << resource(QStringLiteral("agents/system_health_check.json"))
        << QStringList{QStringLiteral("1 agent, valid"),
                       QStringLiteral("system_health_check  every minute  provider ollama  "
                                      "tools: system_info, notify")};
    QTest::newRow("database archival")
        << resource(QStringLiteral("agents/database_archival.json"))
        << QStringList{QStringLiteral("1 agent, valid"),
                       QStringLiteral("database_archival  every day  provider openai  "
                                      "tools: file_read, file_write")};
    QTest::newRow("news digest") << resource(QStringLiteral("agents/news_digest.json"))
                                 << QStringList{QStringLiteral("1 agent, valid"),
                                                QStringLiteral("news_digest  every hour  provider "
                                                               "anthropic  tools: http_fetch, "
                                                               "file_write")};
}

void TestCli::validateAcceptsTheBundledConfigs()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    const Outcome outcome = nightshift({QStringLiteral("validate"), file});
    QCOMPARE(outcome.exitCode, 0);
    for (const QString &line : expected)
        QVERIFY2(outcome.out.contains(line), qPrintable(outcome.out));
}

void TestCli::commandsSpeakTheChosenLanguage_data()
{
    QTest::addColumn<QString>("systemLanguage");
    QTest::addColumn<QString>("savedLanguage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("German system") << u"de_DE.UTF-8"_s << QString() << u"1 Agent, gültig"_s;
    QTest::newRow("German saved in Settings") << u"C.UTF-8"_s << u"de"_s << u"1 Agent, gültig"_s;
    QTest::newRow("English saved over a German system")
        << u"de_DE.UTF-8"_s << u"en"_s << u"1 agent, valid"_s;
}

void TestCli::commandsSpeakTheChosenLanguage()
{
    QFETCH(QString, systemLanguage);
    QFETCH(QString, savedLanguage);
    QFETCH(QString, expected);
    // Settings → General's language, where QSettings keeps it on Linux.
    const QString settingsFile
        = configHome().filePath(QStringLiteral("Nightshift/Nightshift.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(settingsFile).path()));
    const auto removeSettings = qScopeGuard([&settingsFile] { QFile::remove(settingsFile); });
    if (!savedLanguage.isEmpty()) {
        QFile file(settingsFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[%General]\nlanguage=" + savedLanguage.toUtf8() + "\n");
    }
    QProcessEnvironment environment = headlessEnvironment();
    environment.insert(u"LC_ALL"_s, systemLanguage);
    if (systemLanguage.startsWith(u"de"))
        environment.insert(u"LANGUAGE"_s, u"de"_s);
    const Outcome outcome
        = nightshift({u"validate"_s, resource(u"agents/system_monitor.json"_s)}, environment);
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.out.contains(expected), qPrintable(outcome.out));
}

void TestCli::validateChecksToolArgumentsAndFolders()
{
    const QString bad = write(QStringLiteral("tool-arguments.json"),
                              agentJson(QStringLiteral("fetcher"),
                                        QStringLiteral(R"("interval": 60, "tools": ["http_fetch"],
                      "task_config": {"query": "", "tool_arguments": {"http_fetch": {"link": "x"}}})")));
    const Outcome refused = nightshift({QStringLiteral("validate"), bad});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral(
                 "task_config.tool_arguments.http_fetch.url: required, but missing")),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(
                 QStringLiteral("task_config.tool_arguments.http_fetch.link: unknown argument")),
             qPrintable(refused.err));

    const QString noFolders
        = write(QStringLiteral("no-folders.json"),
                agentJson(QStringLiteral("writer"),
                          QStringLiteral(R"("interval": 60, "tools": ["file_write"],
                      "task_config": {"query": ""})")));
    const Outcome noted = nightshift({QStringLiteral("validate"), noFolders});
    QCOMPARE(noted.exitCode, 0);
    QVERIFY2(
        noted.err.contains(QStringLiteral("agent_config.allowed_paths is empty, so file_read and "
                                          "file_write will refuse every path")),
        qPrintable(noted.err));
}

void TestCli::validateReportsEveryError()
{
    const QString path = write(
        QStringLiteral("bad.json"),
        u'['
            + agentJson(QStringLiteral("ok"),
                        QStringLiteral(R"("interval": 5, "task_config": {"query": ""})"))
            + u','
            + agentJson(
                QStringLiteral("bad"),
                QStringLiteral(
                    R"("interval": 5, "task_config": {"query": "", "max_retries": "three"})"))
            + u','
            + agentJson(
                QStringLiteral("worse"),
                QStringLiteral(
                    R"("interval": 5, "tools": ["teleport"], "task_config": {"query": "", "max_retrys": 1})"))
            + u']');
    const Outcome outcome = nightshift({QStringLiteral("validate"), path});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(
                 u"agents[1].task_config.max_retries: expected a whole number >= 0, got \"three\""),
             qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(u"agents[2].task_config.max_retrys: unknown key"),
             qPrintable(outcome.err));
    QVERIFY2(outcome.err.contains(u"max_retries"), qPrintable(outcome.err));
    QVERIFY(outcome.out.isEmpty());
}

void TestCli::validateRefusesAMissingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("missing.json"));
    const Outcome outcome = nightshift({QStringLiteral("validate"), path});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(path), qPrintable(outcome.err));
}

void TestCli::runPrintsEventsAndExitsZeroOnSuccess()
{
    const QString path = write(QStringLiteral("probe.json"),
                               agentJson(QStringLiteral("probe"),
                                         QStringLiteral(R"("interval": 60, "tools": ["system_info"],
                     "task_config": {"query": "", "tool_arguments": {"system_info": {"cpu_sample_ms": 50}}})")));
    const Outcome outcome = nightshift(
        {QStringLiteral("run"), path, QStringLiteral("--agent"), QStringLiteral("probe")});
    QCOMPARE(outcome.exitCode, 0);
    QStringList types;
    for (const QString &line : outcome.out.split(u'\n', Qt::SkipEmptyParts)) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(line));
        types.append(document[QStringLiteral("type")].toString());
    }
    QVERIFY(types.contains(QStringLiteral("background_task_started")));
    QVERIFY(types.contains(QStringLiteral("tool_call_completed")));
    QVERIFY(types.contains(QStringLiteral("background_task_completed")));
    QVERIFY(!types.contains(QStringLiteral("background_task_error")));
    QVERIFY2(outcome.out.contains(u"memory"), "the system_info result is in the events");
    QVERIFY2(outcome.err.contains(u"completed in"), qPrintable(outcome.err));
}

void TestCli::runExitsOneWhenTheRunFails()
{
    const QString path = write(QStringLiteral("failing.json"),
                               agentJson(QStringLiteral("failing"),
                                         QStringLiteral(R"("interval": 60, "tools": ["system_info"],
                     "task_config": {"query": "", "max_retries": 0,
                                     "tool_arguments": {"system_info": {"cpu_sample_ms": 1}}})")));
    const Outcome outcome = nightshift({QStringLiteral("run"),
                                        path,
                                        QStringLiteral("--agent"),
                                        QStringLiteral("failing"),
                                        QStringLiteral("--format"),
                                        QStringLiteral("text")});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.out.contains(u"failing tool_call_error"), qPrintable(outcome.out));
    QVERIFY2(outcome.out.contains(u"failing background_task_error"), qPrintable(outcome.out));
    QVERIFY2(outcome.out.contains(u"cpu_sample_ms"), qPrintable(outcome.out));
    QVERIFY2(outcome.err.contains(u"failed after"), qPrintable(outcome.err));
}

void TestCli::runRefusesAnUnknownAgent()
{
    const Outcome outcome = nightshift({QStringLiteral("run"),
                                        resource(QStringLiteral("agents/examples.json")),
                                        QStringLiteral("--agent"),
                                        QStringLiteral("nobody")});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(u"has no agent \"nobody\" (it has: system_health, heartbeat)"),
             qPrintable(outcome.err));
}

void TestCli::serveRunsOnScheduleAndDrainsOnSigterm_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("completedMarker");
    QTest::newRow("json") << QStringLiteral("json")
                          << QStringLiteral(R"("type":"background_task_completed")");
    QTest::newRow("text") << QStringLiteral("text")
                          << QStringLiteral("tick background_task_completed");
}

void TestCli::serveRunsOnScheduleAndDrainsOnSigterm()
{
    QFETCH(QString, format);
    QFETCH(QString, completedMarker);
    const QString path
        = write(QStringLiteral("tick.json"),
                agentJson(QStringLiteral("tick"),
                          QStringLiteral(R"("interval": 1, "task_config": {"query": ""})")));
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(QStringLiteral(NIGHTSHIFT_BINARY),
                  {QStringLiteral("serve"),
                   QStringLiteral("--agents"),
                   path,
                   QStringLiteral("--format"),
                   format});
    QVERIFY(process.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(process.readAllStandardOutput()),
                              out.count(completedMarker) >= 2),
                             20'000);
    process.terminate();
    QVERIFY(process.waitForFinished(20'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("serving 1 agent on sqlite:") + dataHome().path()),
             qPrintable(err));
    QVERIFY2(err.contains(u"draining"), qPrintable(err));
}

void TestCli::serveRefusesABadStoreOrConfig()
{
    const Outcome badStore = nightshift(
        {QStringLiteral("serve"), QStringLiteral("--store"), QStringLiteral("ftp://x")});
    QCOMPARE(badStore.exitCode, 1);
    QVERIFY2(badStore.err.contains(u"unknown scheme \"ftp\""), qPrintable(badStore.err));

    const QString path = write(QStringLiteral("broken.json"), QStringLiteral("{\"agent_id\": "));
    const Outcome badConfig
        = nightshift({QStringLiteral("serve"), QStringLiteral("--agents"), path});
    QCOMPARE(badConfig.exitCode, 1);
    QVERIFY2(badConfig.err.contains(u"nothing was loaded"), qPrintable(badConfig.err));
}

void TestCli::serveTakesProviderLimitsFromSettingsAndTheCommandLine()
{
    // What the dashboard's Settings → Providers saved, where QSettings keeps it on Linux.
    const QString settingsFile
        = configHome().filePath(QStringLiteral("Nightshift/Nightshift.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(settingsFile).path()));
    QFile file(settingsFile);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[providers]\nopenai\\max_concurrent_requests=2\n"
               "openai\\requests_per_minute=30\ngemini\\requests_per_minute=5\n"
               "groq\\max_concurrent_requests=4\n");
    file.close();
    const auto removeSettings = qScopeGuard([&settingsFile] { QFile::remove(settingsFile); });

    const QString path
        = write(QStringLiteral("idle.json"),
                agentJson(QStringLiteral("idle"),
                          QStringLiteral(
                              R"("schedule": {"kind": "manual"}, "task_config": {"query": ""})")));
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(QStringLiteral(NIGHTSHIFT_BINARY),
                  {QStringLiteral("serve"),
                   QStringLiteral("--store"),
                   QStringLiteral("memory:"),
                   QStringLiteral("--agents"),
                   path,
                   QStringLiteral("--provider-limit"),
                   QStringLiteral("gemini=1/0"),
                   QStringLiteral("--provider-limit"),
                   QStringLiteral("ollama=3/0"),
                   QStringLiteral("--provider-limit"),
                   QStringLiteral("groq=0/0")});
    QVERIFY(process.waitForStarted());
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT(
        (err += QString::fromUtf8(process.readAllStandardError()), err.contains(u"serving")),
        20'000);
    process.terminate();
    QVERIFY(process.waitForFinished(20'000));
    QCOMPARE(process.exitCode(), 0);
    // The command line wins for the providers it names; 0/0 lifts a saved limit.
    for (const char *line : {"requests to openai: 2 at once, 30 per minute",
                             "requests to gemini: 1 at once, no limit per minute",
                             "requests to ollama: 3 at once, no limit per minute"})
        QVERIFY2(err.contains(QLatin1String(line)), qPrintable(err));
    QVERIFY2(!err.contains(u"requests to groq"), qPrintable(err));
}

void TestCli::serveQueuesRunsOverTheFleetRunLimit()
{
    // Two agents due every second together, each run sampling the CPU for a while: with one run
    // at a time, one of them waits.
    const QString slow = QStringLiteral(
        R"("interval": 1, "tools": ["system_info"], "task_config": {"query": "",
           "tool_arguments": {"system_info": {"cpu_sample_ms": 300}}})");
    const QString path = write(QStringLiteral("pair.json"),
                               u'[' + agentJson(QStringLiteral("left"), slow) + u','
                                   + agentJson(QStringLiteral("right"), slow) + u']');
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(QStringLiteral(NIGHTSHIFT_BINARY),
                  {QStringLiteral("serve"),
                   QStringLiteral("--store"),
                   QStringLiteral("memory:"),
                   QStringLiteral("--agents"),
                   path,
                   QStringLiteral("--max-concurrent-runs"),
                   QStringLiteral("1")});
    QVERIFY(process.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(process.readAllStandardOutput()),
                              out.contains(u"\"type\":\"run_queued\"")),
                             20'000);
    process.terminate();
    QVERIFY(process.waitForFinished(20'000));
    QCOMPARE(process.exitCode(), 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"at most 1 run at once"), qPrintable(err));
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.contains(u"\"type\":\"run_queued\"")) {
            const QJsonDocument queued = QJsonDocument::fromJson(line.toUtf8());
            QCOMPARE(queued[QStringLiteral("payload")][QStringLiteral("reason")].toString(),
                     QStringLiteral("concurrency"));
            QCOMPARE(queued[QStringLiteral("payload")][QStringLiteral("limit")].toInt(), 1);
        }
    }
}

void TestCli::serveTakesFleetLimitsAndBaseUrlsFromSettings()
{
    // A provider's saved base URL is where serve's agents reach it: here, a port of the test's.
    QTcpServer provider;
    QVERIFY(provider.listen(QHostAddress::LocalHost));
    const auto removeSettings = saveSettings(
        QStringLiteral("[fleet]\nmax_concurrent_runs=3\ndaily_cost=2.5\non_exceeded=pause\n"
                       "[providers]\nollama\\base_url=http://127.0.0.1:%1/v1\n")
            .arg(provider.serverPort())
            .toUtf8());
    const QString path
        = write(QStringLiteral("local.json"), QStringLiteral(R"({"agent_id": "local", "interval": 1,
                           "model_config": {"provider": "ollama", "model": "llama3.2"},
                           "task_config": {"query": "hello", "max_retries": 0}})"));
    QSignalSpy connected(&provider, &QTcpServer::newConnection);
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(QStringLiteral(NIGHTSHIFT_BINARY),
                  {QStringLiteral("serve"),
                   QStringLiteral("--store"),
                   QStringLiteral("memory:"),
                   QStringLiteral("--agents"),
                   path,
                   QStringLiteral("--fleet-budget"),
                   QStringLiteral("daily_tokens=1000")});
    QVERIFY(process.waitForStarted());
    QVERIFY(connected.wait(20'000));
    // The request is left unanswered: what mattered is where it went.
    process.kill();
    QVERIFY(process.waitForFinished(20'000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"at most 3 runs at once"), qPrintable(err));
    // The command line's cap joins the saved ones.
    QVERIFY2(err.contains(u"fleet budget daily_tokens=1000,daily_cost=2.5,on_exceeded=pause"),
             qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
