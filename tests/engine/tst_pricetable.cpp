// Token prices: the shipped table, lookup by the longest model prefix, the user's file over the
// shipped one (and what happens when it is broken), and the cost a finished run is given.

#include "chatprovider.h"
#include "enginefixture.h"
#include "fakellmserver.h"
#include "llmclient.h"
#include "pricetable.h"
#include "providerpresets.h"
#include "secretstore.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

class TestPriceTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedTablePricesTheWellKnownModels();
    void lookupTakesTheLongestPrefix_data();
    void lookupTakesTheLongestPrefix();
    void costIsPerMillionTokens();
    void userFileOverridesExtendsAndRemoves();
    void missingUserFileIsNoError();
    void malformedUserFileKeepsTheShippedTable_data();
    void malformedUserFileKeepsTheShippedTable();
    void savingWritesOnlyTheDifferences();
    void savingKeepsAMalformedFileAside();
    void finishedRunIsCosted();
    void unpricedModelCostsNothingAndSaysSoOnce();
};

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// A table whose entries overlap by prefix, as real model families do.
PriceTable prefixTable()
{
    return PriceTable({
        {u"openai"_s, u"gpt-4o"_s, 2.5, 10},
        {u"openai"_s, u"gpt-4o-mini"_s, 0.15, 0.6},
        {u"openai"_s, u"o3"_s, 2, 8},
        {u"openai"_s, u"o3-mini"_s, 1.1, 4.4},
        {u"gemini"_s, u"gemini-2.5-flash"_s, 0.3, 2.5},
        {u"gemini"_s, u"gemini-2.5-flash-lite"_s, 0.1, 0.4},
        {u"ollama"_s, u"*"_s, 0, 0},
        {u"ollama"_s, u"hosted"_s, 1, 1},
    });
}

const QString Key = u"sk-prices-51f0c2"_s;

/// An engine with the chat providers, talking to a fake OpenAI on the loopback interface.
class CostBench
{
public:
    CostBench()
    {
        qputenv("OPENAI_API_KEY", Key.toUtf8());
        network.setProxy(QNetworkProxy::NoProxy);
        auto services = std::make_shared<ChatServices>();
        services->client = &client;
        services->secrets = &secrets;
        services->memory = &engine.memory;
        for (std::unique_ptr<Provider> &provider : ChatProvider::all(services))
            engine.service.addProvider(std::move(provider));
        QObject::connect(&engine.service,
                         &BackgroundAgentService::runFinished,
                         &engine.service,
                         [this](const RunRecord &run) { finished.append(run); });
    }

    /// Runs a manual agent on model once, answered with a text using the given tokens; the run.
    RunRecord run(const QString &agentId, const QString &model, int input, int output)
    {
        if (!engine.service.getAgentStatus(agentId)) {
            AgentSpec spec;
            spec.agentId = agentId;
            spec.model.provider = u"openai"_s;
            spec.model.model = model;
            spec.model.baseUrl = server.url(u"/v1"_s);
            spec.schedule.kind = Schedule::Kind::Manual;
            spec.task.query = u"How full is the disk?"_s;
            spec.task.maxRetries = 0;
            engine.service.create(spec).value();
        }
        server.enqueue(FakeHttpResponse::json(200, openai::textReply("Fine.", input, output)));
        const qsizetype before = finished.size();
        engine.service.runNow(agentId).value();
        if (!QTest::qWaitFor([&] { return finished.size() > before; }, 10'000))
            return {};
        return finished.last();
    }

    EngineFixture engine;
    FakeLlmServer server;
    QNetworkAccessManager network;
    LlmClient client{&network, &engine.scheduler};
    EnvironmentSecretStore secrets;
    QList<RunRecord> finished;
};

} // namespace

void TestPriceTable::shippedTablePricesTheWellKnownModels()
{
    const PriceTable shipped = PriceTable::shipped();
    QVERIFY(!shipped.isEmpty());
    QVERIFY(QDate::fromString(shipped.asOf(), Qt::ISODate).isValid());
    const std::optional<ModelPrice> mini = shipped.find(u"openai"_s, u"gpt-4o-mini"_s);
    QVERIFY(mini);
    QCOMPARE(mini->inputPerMillion, 0.15);
    QCOMPARE(mini->outputPerMillion, 0.6);
    for (const auto &[provider, model] : {std::pair{"openai", "gpt-4.1-mini"},
                                          std::pair{"openai", "o3-mini"},
                                          std::pair{"azure", "gpt-4o"},
                                          std::pair{"anthropic", "claude-sonnet-4-20250514"},
                                          std::pair{"anthropic", "claude-3-5-haiku-latest"},
                                          std::pair{"gemini", "gemini-2.5-flash"},
                                          std::pair{"gemini", "gemini-2.5-pro"}}) {
        const std::optional<ModelPrice> price
            = shipped.find(QString::fromLatin1(provider), QString::fromLatin1(model));
        QVERIFY2(price && price->inputPerMillion > 0 && price->outputPerMillion > 0, model);
    }
    // Models on the user's own machine cost nothing, whatever they are called.
    for (const char *local : {"ollama", "lmstudio", "vllm", "llamacpp"})
        QCOMPARE(shipped.cost(QString::fromLatin1(local), u"qwen2.5:14b"_s, 5000, 5000), 0.0);
    // Every entry names a provider this build knows.
    for (const ModelPrice &price : shipped.entries())
        QVERIFY2(findProviderPreset(price.provider), qPrintable(price.provider));
}

void TestPriceTable::lookupTakesTheLongestPrefix_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("entry"); // empty: no price

    QTest::newRow("exact") << u"openai"_s << u"gpt-4o"_s << u"gpt-4o"_s;
    QTest::newRow("dated snapshot") << u"openai"_s << u"gpt-4o-2024-08-06"_s << u"gpt-4o"_s;
    QTest::newRow("longer family wins")
        << u"openai"_s << u"gpt-4o-mini-2024-07-18"_s << u"gpt-4o-mini"_s;
    QTest::newRow("mini exact") << u"openai"_s << u"gpt-4o-mini"_s << u"gpt-4o-mini"_s;
    QTest::newRow("short name") << u"openai"_s << u"o3"_s << u"o3"_s;
    QTest::newRow("short name, longer entry")
        << u"openai"_s << u"o3-mini-2025-01-31"_s << u"o3-mini"_s;
    QTest::newRow("case") << u"OpenAI"_s << u"GPT-4o-Mini"_s << u"gpt-4o-mini"_s;
    QTest::newRow("lite over flash")
        << u"gemini"_s << u"gemini-2.5-flash-lite-preview"_s << u"gemini-2.5-flash-lite"_s;
    QTest::newRow("flash") << u"gemini"_s << u"gemini-2.5-flash-preview-05-20"_s
                           << u"gemini-2.5-flash"_s;
    QTest::newRow("any model") << u"ollama"_s << u"llama3.2:3b"_s << u"*"_s;
    QTest::newRow("named over any") << u"ollama"_s << u"hosted-70b"_s << u"hosted"_s;
    QTest::newRow("prefix of the entry is no match") << u"openai"_s << u"gpt-4"_s << QString();
    QTest::newRow("unknown model") << u"openai"_s << u"davinci-002"_s << QString();
    QTest::newRow("other provider's model") << u"gemini"_s << u"gpt-4o"_s << QString();
    QTest::newRow("unknown provider") << u"acme"_s << u"gpt-4o"_s << QString();
}

void TestPriceTable::lookupTakesTheLongestPrefix()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, entry);
    const std::optional<ModelPrice> found = prefixTable().find(provider, model);
    QCOMPARE(found ? found->model : QString(), entry);
    QCOMPARE(prefixTable().cost(provider, model, 1000, 1000).has_value(), !entry.isEmpty());
}

void TestPriceTable::costIsPerMillionTokens()
{
    const PriceTable table = prefixTable();
    QCOMPARE(*table.cost(u"openai"_s, u"gpt-4o-mini"_s, 1'000'000, 500'000), 0.15 + 0.3);
    QCOMPARE(*table.cost(u"openai"_s, u"gpt-4o"_s, 2000, 100), (2000 * 2.5 + 100 * 10) / 1e6);
    QCOMPARE(*table.cost(u"openai"_s, u"gpt-4o"_s, 0, 0), 0.0);
    QVERIFY(!table.cost(u"openai"_s, u"text-embedding-3-small"_s, 1000, 0));
}

void TestPriceTable::userFileOverridesExtendsAndRemoves()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"prices.json"_s);
    writeFile(path, R"({"prices": [
        {"provider": "openai", "model": "gpt-4o-mini", "input": 0.2, "output": 0.8},
        {"provider": "openai", "model": "gpt-4o-mini-tuned", "input": 0.3, "output": 1.2,
         "note": "our fine-tune"},
        {"provider": "openrouter", "model": "*", "input": 1, "output": 2},
        {"provider": "openai", "model": "gpt-4o", "removed": true}
    ]})");
    const PriceTable::Loaded loaded = PriceTable::load(path);
    QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    const PriceTable &table = loaded.table;
    QCOMPARE(table.find(u"openai"_s, u"gpt-4o-mini-2024-07-18"_s)->inputPerMillion, 0.2);
    QCOMPARE(table.find(u"openai"_s, u"gpt-4o-mini-tuned-v2"_s)->outputPerMillion, 1.2);
    QCOMPARE(table.find(u"openrouter"_s, u"meta/llama-4"_s)->inputPerMillion, 1.0);
    QVERIFY(!table.find(u"openai"_s, u"gpt-4o-2024-08-06"_s));
    // The rest is the shipped table's.
    QCOMPARE(table.find(u"anthropic"_s, u"claude-sonnet-4"_s),
             PriceTable::shipped().find(u"anthropic"_s, u"claude-sonnet-4"_s));
    QCOMPARE(table.asOf(), PriceTable::shipped().asOf());
    QCOMPARE(table.entries().size(), PriceTable::shipped().entries().size() + 1);
}

void TestPriceTable::missingUserFileIsNoError()
{
    QTemporaryDir dir;
    const PriceTable::Loaded loaded = PriceTable::load(dir.filePath(u"prices.json"_s));
    QCOMPARE(loaded.error, QString());
    QCOMPARE(loaded.table, PriceTable::shipped());
}

void TestPriceTable::malformedUserFileKeepsTheShippedTable_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("said");

    QTest::newRow("not JSON") << QByteArray("{\"prices\": [\n  {\"provider\": \"openai\",,}\n]}")
                              << u"invalid JSON at line 2"_s;
    QTest::newRow("not an object") << QByteArray("[1, 2]") << u"\"prices\" array"_s;
    QTest::newRow("no prices") << QByteArray(R"({"as_of": "2025-01-01"})") << u"prices:"_s;
    QTest::newRow("negative price")
        << QByteArray(R"({"prices": [
            {"provider": "openai", "model": "gpt-4o", "input": 2.5, "output": 10},
            {"provider": "openai", "model": "o3", "input": -2, "output": 8}]})")
        << u"prices[1].input: expected US dollars per million tokens, a number of 0 or more, "
           "got -2"_s;
    QTest::newRow("price as text")
        << QByteArray(R"({"prices": [{"provider": "openai", "model": "o3", "input": 2,
                                      "output": "8"}]})")
        << u"prices[0].output:"_s;
    QTest::newRow("no model") << QByteArray(
        R"({"prices": [{"provider": "openai", "input": 1, "output": 2}]})")
                              << u"prices[0].model: expected a non-empty string"_s;
    QTest::newRow("misspelt key") << QByteArray(
        R"({"prices": [{"provider": "openai", "model": "o3", "inptu": 1, "output": 2}]})")
                                  << u"prices[0].inptu: unknown key"_s;
    QTest::newRow("twice") << QByteArray(R"({"prices": [
            {"provider": "openai", "model": "o3", "input": 2, "output": 8},
            {"provider": "OpenAI", "model": "O3", "input": 1, "output": 4}]})")
                           << u"prices[1]: a second entry for OpenAI O3"_s;
    QTest::newRow("other currency")
        << QByteArray(R"({"currency": "EUR", "prices": []})") << u"currency:"_s;
}

void TestPriceTable::malformedUserFileKeepsTheShippedTable()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, said);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"prices.json"_s);
    writeFile(path, content);
    const PriceTable::Loaded loaded = PriceTable::load(path);
    QCOMPARE(loaded.table, PriceTable::shipped());
    QVERIFY2(loaded.error.startsWith(path + u": "_s), qPrintable(loaded.error));
    QVERIFY2(loaded.error.contains(said), qPrintable(loaded.error));
    QVERIFY2(loaded.error.contains(u"shipped prices are used"_s), qPrintable(loaded.error));
    QCOMPARE(readFile(path), content);
}

void TestPriceTable::savingWritesOnlyTheDifferences()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"data/Nightshift/prices.json"_s);
    PriceTable table = PriceTable::shipped();
    table.insert({u"openai"_s, u"gpt-4o-mini"_s, 0.2, 0.8});
    table.insert({u"openai"_s, u"gpt-4o-mini-tuned"_s, 0.3, 1.2});
    QVERIFY(table.remove(u"openai"_s, u"gpt-4o"_s));
    QVERIFY(!table.remove(u"openai"_s, u"gpt-4o"_s));
    const Result<void> saved = table.saveUserFile(path);
    QVERIFY2(saved, qPrintable(saved.errorMessage()));

    const Result<PriceList> written = readPriceList(path);
    QVERIFY2(written, qPrintable(written.errorMessage()));
    QCOMPARE(written->prices,
             (QList<ModelPrice>{{u"openai"_s, u"gpt-4o-mini"_s, 0.2, 0.8},
                                {u"openai"_s, u"gpt-4o-mini-tuned"_s, 0.3, 1.2}}));
    QCOMPARE(written->removed, (QList<ModelPrice>{{u"openai"_s, u"gpt-4o"_s, 0, 0}}));
    const PriceTable::Loaded loaded = PriceTable::load(path);
    QCOMPARE(loaded.error, QString());
    QCOMPARE(loaded.table.find(u"openai"_s, u"gpt-4o-mini"_s),
             table.find(u"openai"_s, u"gpt-4o-mini"_s));
    QVERIFY(!loaded.table.find(u"openai"_s, u"gpt-4o"_s));
    QCOMPARE(loaded.table.entries().size(), table.entries().size());

    // Back to the shipped prices: nothing of the user's is left to apply.
    QVERIFY(PriceTable::shipped().saveUserFile(path));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(PriceTable::load(path).table, PriceTable::shipped());
}

void TestPriceTable::savingKeepsAMalformedFileAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"prices.json"_s);
    const QByteArray handWritten = "{\"prices\": [ {\"provider\": \"openai\", oops ] }";
    writeFile(path, handWritten);
    PriceTable table = PriceTable::shipped();
    table.insert({u"openai"_s, u"o3"_s, 1, 4});
    QVERIFY(table.saveUserFile(path));
    QCOMPARE(readFile(path + u".bak"_s), handWritten);
    QCOMPARE(PriceTable::load(path).table.find(u"openai"_s, u"o3"_s)->inputPerMillion, 1.0);
}

void TestPriceTable::finishedRunIsCosted()
{
    CostBench bench;
    bench.engine.service.setPriceTable(PriceTable({{u"openai"_s, u"gpt-4o-mini"_s, 2, 8}}));
    const RunRecord run = bench.run(u"costed"_s, u"gpt-4o-mini-2024-07-18"_s, 1200, 300);
    QVERIFY2(run.state == RunState::Completed, qPrintable(run.error));
    const double expected = (1200 * 2.0 + 300 * 8.0) / 1e6;
    QCOMPARE(run.usage.cost, expected);
    QCOMPARE(bench.engine.runs(u"costed"_s).first().usage.cost, expected);
    const EventList completed = bench.engine.ofType(EventType::TaskCompleted, u"costed"_s);
    QCOMPARE(completed.size(), 1);
    QCOMPARE(completed.first().payload.at("usage").at("cost").get<double>(), expected);
    QVERIFY(bench.engine.ofType(EventType::PriceUnknown).isEmpty());

    // A later run is costed at the table in force when it ends.
    bench.engine.service.setPriceTable(PriceTable({{u"openai"_s, u"gpt-4o-mini"_s, 1, 1}}));
    QCOMPARE(bench.run(u"costed"_s, u"gpt-4o-mini-2024-07-18"_s, 1000, 1000).usage.cost, 0.002);
}

void TestPriceTable::unpricedModelCostsNothingAndSaysSoOnce()
{
    CostBench bench;
    bench.engine.service.setPriceTable(PriceTable({{u"openai"_s, u"gpt-4o"_s, 2.5, 10}}));
    const RunRecord first = bench.run(u"mystery"_s, u"gpt-4-mystery"_s, 500, 50);
    QVERIFY2(first.state == RunState::Completed, qPrintable(first.error));
    QCOMPARE(first.usage.cost, 0.0);
    QCOMPARE(first.usage.totalTokens(), 550);
    EventList unknown = bench.engine.ofType(EventType::PriceUnknown);
    QCOMPARE(unknown.size(), 1);
    QCOMPARE(unknown.first().runId, first.runId);
    QCOMPARE(text(unknown.first().payload.at("provider")), u"openai"_s);
    QCOMPARE(text(unknown.first().payload.at("model")), u"gpt-4-mystery"_s);
    QVERIFY(unknown.first().toText().contains(u"Settings > Prices"_s));

    QCOMPARE(bench.run(u"mystery"_s, u"gpt-4-mystery"_s, 500, 50).usage.cost, 0.0);
    QCOMPARE(bench.engine.ofType(EventType::PriceUnknown).size(), 1);

    // A new table without the model says it again, once.
    bench.engine.service.setPriceTable(PriceTable({{u"openai"_s, u"o3"_s, 2, 8}}));
    bench.run(u"mystery"_s, u"gpt-4-mystery"_s, 500, 50);
    bench.run(u"mystery"_s, u"gpt-4-mystery"_s, 500, 50);
    QCOMPARE(bench.engine.ofType(EventType::PriceUnknown).size(), 2);
}

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_pricetable.moc"
