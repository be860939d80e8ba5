// A known API key goes into real runs of the nightshift binary; afterwards it is nowhere:
// not in the store's files, the event stream, the logs, or an export.

#include "fakellmserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nightshift::test;
using namespace Qt::StringLiterals;

namespace {

// Shaped like an OpenAI key, and unique enough that any hit is this key.
const QByteArray Key = "sk-proj-KnownTestKey0123456789abcdefghijklmnopqrstuvwxyzLEAKCHECK";

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestKeyLeak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theKeyIsNowhereAfterRuns();

private:
    /// Runs the binary with the key in its environment. The event loop turns meanwhile, so the
    /// fake provider in this process can answer it.
    Outcome nightshift(const QStringList &arguments);

    QTemporaryDir m_dir;
    FakeLlmServer m_server;
};

void TestKeyLeak::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.isListening());
}

Outcome TestKeyLeak::nightshift(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    environment.insert(u"OPENAI_API_KEY"_s, QString::fromLatin1(Key));
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(NIGHTSHIFT_BINARY), arguments);
    if (!finished.wait(60'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(),
            process.readAllStandardError()};
}

void TestKeyLeak::theKeyIsNowhereAfterRuns()
{
    const QString config = m_dir.filePath(u"agents.json"_s);
    const Json agent
        = {{"agent_id", "keyed"},
           {"system_instruction", "Report the load."},
           {"model_config",
            {{"provider", "openai"},
             {"model", "gpt-4o-mini"},
             {"base_url", m_server.url(u"/v1"_s).toStdString()}}},
           {"interval", 60},
           {"task_config", {{"query", "How busy is this machine?"}, {"max_retries", 0}}},
           {"tools", {"system_info"}}};
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(agent.dump()));
    file.close();
    const QString store = u"sqlite:"_s + m_dir.filePath(u"keyed.db"_s);

    // A run that calls a tool and answers, its every request checked for the key in its header.
    QStringList problems;
    const auto checked = [&problems](const FakeHttpRequest &request) {
        problems += openai::checkRequest(request, u"/v1/chat/completions"_s, Key).list();
    };
    m_server.enqueue([&](const FakeHttpRequest &request) {
        checked(request);
        return FakeHttpResponse::json(
            200, openai::toolCallsReply({{"call_1", "system_info", Json::object()}}, 120, 12));
    });
    m_server.enqueue([&](const FakeHttpRequest &request) {
        checked(request);
        return FakeHttpResponse::json(200, openai::textReply("Load is low.", 300, 8));
    });
    const Outcome completed
        = nightshift({u"run"_s, config, u"--agent"_s, u"keyed"_s, u"--store"_s, store});
    QVERIFY2(completed.exitCode == 0, completed.err.constData());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(completed.out.contains("Load is low."));

    // A provider that refuses the key and quotes it back, as OpenAI's 401 does.
    m_server.enqueue([&](const FakeHttpRequest &request) {
        checked(request);
        return FakeHttpResponse::json(
            401,
            openai::error("Incorrect API key provided: " + Key.toStdString()
                              + ". You can find your API key at "
                                "https://platform.openai.com/account.",
                          "invalid_request_error",
                          "invalid_api_key"));
    });
    const Outcome refused
        = nightshift({u"run"_s, config, u"--agent"_s, u"keyed"_s, u"--store"_s, store});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.out.contains("OPENAI_API_KEY") || refused.err.contains("OPENAI_API_KEY"),
             (refused.out + refused.err).constData());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(m_server.requests().size(), 3);

    // Exports: the stored event log and the agent as the CLI shows it.
    const Outcome events = nightshift({u"events"_s, u"--agent"_s, u"keyed"_s, u"--store"_s, store});
    QCOMPARE(events.exitCode, 0);
    QVERIFY(events.out.contains("llm_response"));
    QVERIFY(events.out.contains("Incorrect API key provided"));

    QList<std::pair<QString, QByteArray>> places = {
        {u"run output"_s, completed.out},
        {u"run log"_s, completed.err},
        {u"refused run output"_s, refused.out},
        {u"refused run log"_s, refused.err},
        {u"events export"_s, events.out},
        {u"events log"_s, events.err},
    };
    const QDir folder(m_dir.path());
    for (const QFileInfo &entry : folder.entryInfoList({u"keyed.db*"_s}, QDir::Files)) {
        QFile stored(entry.filePath());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        places.append({entry.fileName(), stored.readAll()});
    }
    QVERIFY(places.size() > 6);
    // Also the key's distinctive middle, in case something cut its head or tail.
    const QByteArray middle = Key.mid(12, 24);
    for (const auto &[place, bytes] : std::as_const(places)) {
        QVERIFY2(!bytes.contains(Key), qPrintable(place + u" holds the key"_s));
        QVERIFY2(!bytes.contains(middle), qPrintable(place + u" holds part of the key"_s));
    }
}

QTEST_GUILESS_MAIN(TestKeyLeak)
#include "tst_keyleak.moc"
