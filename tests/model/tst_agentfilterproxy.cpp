#include "agentfilterproxy.h"
#include "agenttablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

using Filter = AgentFilterProxy::StatusFilter;

const qint64 Noon = QDateTime(QDate(2026, 3, 10), QTime(12, 0)).toMSecsSinceEpoch();

struct Agent
{
    const char *id;
    AgentState state;
    const char *provider;
    const char *model;
};

// Two of each interesting kind, so that every filter and search has more than one answer.
const Agent Fleet[] = {
    {"health_check", AgentState::Running, "none", ""},
    {"nightly_archive", AgentState::Scheduled, "openai", "gpt-4o-mini"},
    {"news_digest", AgentState::Scheduled, "anthropic", "claude-3-5-haiku"},
    {"disk_watch", AgentState::Paused, "ollama", "llama3.1"},
    {"price_alert", AgentState::Paused, "openai", "gpt-4.1"},
    {"old_report", AgentState::Stopped, "gemini", "gemini-2.0-flash"},
    {"broken_feed", AgentState::Error, "openai-compatible", "mistral-small"},
    {"draft", AgentState::Idle, "none", ""},
};

void fill(AgentTableModel &model)
{
    QList<AgentStatus> statuses;
    QList<AgentSpec> specs;
    for (const Agent &agent : Fleet) {
        AgentStatus status;
        status.agentId = QString::fromLatin1(agent.id);
        status.state = agent.state;
        status.specRevision = 1;
        statuses.append(status);
        AgentSpec spec;
        spec.agentId = status.agentId;
        spec.model.provider = QString::fromLatin1(agent.provider);
        spec.model.model = QString::fromLatin1(agent.model);
        spec.schedule.kind = Schedule::Kind::Interval;
        spec.schedule.intervalMs = 3'600'000;
        spec.revision = 1;
        specs.append(spec);
    }
    model.resetAgents(statuses, specs);
}

QStringList shownIds(const AgentFilterProxy &proxy)
{
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(AgentTableModel::AgentIdRole).toString());
    ids.sort();
    return ids;
}

QStringList ids(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list.append(QString::fromLatin1(name));
    list.sort();
    return list;
}

} // namespace

Q_DECLARE_METATYPE(nightshift::AgentFilterProxy::StatusFilter)

class TestAgentFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusFiltersAndTheirCounts_data();
    void statusFiltersAndTheirCounts();
    void search_data();
    void search();
    void countsFollowTheSearch();
    void liveUpdatesMoveRowsInAndOut();
    void todayFilters();
    void sortsByTheRawValue();
    void sortsAsSortRoleWouldForEveryColumn();
};

void TestAgentFilterProxy::statusFiltersAndTheirCounts_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << Filter::All
                         << ids({"health_check",
                                 "nightly_archive",
                                 "news_digest",
                                 "disk_watch",
                                 "price_alert",
                                 "old_report",
                                 "broken_feed",
                                 "draft"});
    QTest::newRow("running") << Filter::Running << ids({"health_check"});
    QTest::newRow("scheduled") << Filter::Scheduled << ids({"nightly_archive", "news_digest"});
    QTest::newRow("paused") << Filter::Paused << ids({"disk_watch", "price_alert"});
    QTest::newRow("stopped") << Filter::Stopped << ids({"old_report"});
    QTest::newRow("errored") << Filter::Errored << ids({"broken_feed"});
}

void TestAgentFilterProxy::statusFiltersAndTheirCounts()
{
    QFETCH(Filter, filter);
    QFETCH(QStringList, expected);
    AgentTableModel model;
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    proxy.setStatusFilter(filter);
    QCOMPARE(proxy.statusFilter(), filter);
    QCOMPARE(shownIds(proxy), expected);
    QCOMPARE(proxy.count(filter), int(expected.size()));
    proxy.setStatusFilter(Filter::All);
    QCOMPARE(proxy.rowCount(), int(std::size(Fleet)));
}

void TestAgentFilterProxy::search_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("status") << QStringLiteral("status:paused")
                            << ids({"disk_watch", "price_alert"});
    QTest::newRow("status errored") << QStringLiteral("status:errored") << ids({"broken_feed"});
    QTest::newRow("status, two values")
        << QStringLiteral("status:stopped,running") << ids({"old_report", "health_check"});
    QTest::newRow("provider") << QStringLiteral("provider:openai")
                              << ids({"nightly_archive", "price_alert", "broken_feed"});
    QTest::newRow("provider, any case") << QStringLiteral("Provider:OLLAMA") << ids({"disk_watch"});
    QTest::newRow("model") << QStringLiteral("model:gpt")
                           << ids({"nightly_archive", "price_alert"});
    QTest::newRow("free text in the id") << QStringLiteral("news") << ids({"news_digest"});
    QTest::newRow("free text in the model") << QStringLiteral("llama") << ids({"disk_watch"});
    QTest::newRow("every word must match")
        << QStringLiteral("provider:openai status:paused") << ids({"price_alert"});
    QTest::newRow("words and a prefix")
        << QStringLiteral("a model:gpt-4o") << ids({"nightly_archive"});
    QTest::newRow("nothing matches")
        << QStringLiteral("provider:openai status:running") << QStringList();
    QTest::newRow("a prefix still being typed") << QStringLiteral("status:")
                                                << ids({"health_check",
                                                        "nightly_archive",
                                                        "news_digest",
                                                        "disk_watch",
                                                        "price_alert",
                                                        "old_report",
                                                        "broken_feed",
                                                        "draft"});
}

void TestAgentFilterProxy::search()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    AgentTableModel model;
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    proxy.setSearchText(search);
    QCOMPARE(shownIds(proxy), expected);
    QCOMPARE(proxy.count(Filter::All), int(expected.size()));
}

void TestAgentFilterProxy::countsFollowTheSearch()
{
    AgentTableModel model;
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    QCOMPARE(proxy.count(Filter::All), 8);
    QCOMPARE(proxy.count(Filter::Scheduled), 2);
    QCOMPARE(proxy.count(Filter::Paused), 2);

    QSignalSpy countsChanged(&proxy, &AgentFilterProxy::countsChanged);
    proxy.setSearchText(QStringLiteral("provider:openai"));
    QVERIFY(countsChanged.wait(1000));
    QCOMPARE(proxy.count(Filter::All), 3);
    QCOMPARE(proxy.count(Filter::Scheduled), 1);
    QCOMPARE(proxy.count(Filter::Paused), 1);
    QCOMPARE(proxy.count(Filter::Errored), 1);
    QCOMPARE(proxy.count(Filter::Running), 0);

    // The status filter narrows the table, not the counts beside the other filters.
    proxy.setStatusFilter(Filter::Paused);
    QCOMPARE(shownIds(proxy), ids({"price_alert"}));
    QCOMPARE(proxy.count(Filter::All), 3);
}

void TestAgentFilterProxy::liveUpdatesMoveRowsInAndOut()
{
    AgentTableModel model;
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    proxy.setStatusFilter(Filter::Paused);
    QCOMPARE(proxy.rowCount(), 2);

    AgentStatus resumed;
    resumed.agentId = QStringLiteral("disk_watch");
    resumed.state = AgentState::Scheduled;
    resumed.specRevision = 1;
    AgentStatus paused;
    paused.agentId = QStringLiteral("news_digest");
    paused.state = AgentState::Paused;
    paused.specRevision = 1;
    QSignalSpy countsChanged(&proxy, &AgentFilterProxy::countsChanged);
    model.applyStatuses({resumed, paused});
    QCOMPARE(shownIds(proxy), ids({"news_digest", "price_alert"}));
    // Several changes in one pass of the event loop: one signal.
    QVERIFY(countsChanged.wait(1000));
    QCOMPARE(countsChanged.count(), 1);
    QCOMPARE(proxy.count(Filter::Scheduled), 2);

    model.removeAgents({QStringLiteral("price_alert")});
    QCOMPARE(shownIds(proxy), ids({"news_digest"}));
    QCOMPARE(proxy.count(Filter::Paused), 1);
    QCOMPARE(proxy.count(Filter::All), 7);

    QVERIFY(countsChanged.wait(1000));

    // A countdown tick changes no count and no filter.
    countsChanged.clear();
    model.refreshTime();
    QCoreApplication::processEvents();
    QCOMPARE(countsChanged.count(), 0);
}

void TestAgentFilterProxy::todayFilters()
{
    AgentTableModel model;
    qint64 now = Noon;
    model.setClock([&now] { return now; });
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    AgentStatus spender;
    spender.agentId = QStringLiteral("news_digest");
    spender.state = AgentState::Scheduled;
    spender.specRevision = 1;
    spender.tokensToday = 900;
    spender.tokensDay = QStringLiteral("2026-03-10");
    model.applyStatuses({spender});

    proxy.setStatusFilter(Filter::UsedTokensToday);
    QCOMPARE(shownIds(proxy), ids({"news_digest"}));
    QCOMPARE(proxy.count(Filter::UsedTokensToday), 1);

    proxy.setStatusFilter(Filter::RanToday);
    QCOMPARE(proxy.rowCount(), 0);
    RunRecord run;
    run.runId = QStringLiteral("r1");
    run.agentId = QStringLiteral("disk_watch");
    run.state = RunState::Completed;
    run.startedMs = Noon - 2000;
    run.finishedMs = Noon - 1000;
    model.applyFinishedRuns({run});
    QCOMPARE(shownIds(proxy), ids({"disk_watch"}));
    QCOMPARE(proxy.count(Filter::RanToday), 1);
}

void TestAgentFilterProxy::sortsByTheRawValue()
{
    AgentTableModel model;
    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(model);
    QList<AgentStatus> counted;
    for (int i = 0; i < int(std::size(Fleet)); ++i) {
        AgentStatus status;
        status.agentId = QString::fromLatin1(Fleet[i].id);
        status.state = Fleet[i].state;
        status.specRevision = 1;
        // 9 runs sorts below 10 only as a number.
        status.runCount = i == 0 ? 9 : 10 + i;
        counted.append(status);
    }
    model.applyStatuses(counted);
    proxy.sort(AgentTableModel::RunsColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(AgentTableModel::AgentIdRole).toString(),
             QStringLiteral("health_check"));
    proxy.sort(AgentTableModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(AgentTableModel::AgentIdRole).toString(),
             QStringLiteral("health_check"));
    QCOMPARE(proxy.index(1, 0).data(AgentTableModel::AgentIdRole).toString(),
             QStringLiteral("broken_feed"));
}

void TestAgentFilterProxy::sortsAsSortRoleWouldForEveryColumn()
{
    // Ids that differ in case and in the characters around the letters, a non-ASCII model name,
    // and values that tie, so that every branch of the direct comparison is taken.
    const QStringList agentIds{QStringLiteral("alpha"),
                               QStringLiteral("Alpha_2"),
                               QStringLiteral("alpha-2"),
                               QStringLiteral("ALPHA.3"),
                               QStringLiteral("_first"),
                               QStringLiteral("zulu"),
                               QStringLiteral("Zulu9"),
                               QStringLiteral("b"),
                               QStringLiteral("B"),
                               QStringLiteral("a1")};
    const QStringList models{QStringLiteral("gpt-4o"),
                             QStringLiteral("GPT-4o"),
                             QStringLiteral("\u00e9clair"),
                             QString(),
                             QStringLiteral("Claude")};
    AgentTableModel model;
    model.setClock([] { return Noon; });
    QList<AgentStatus> statuses;
    QList<AgentSpec> specs;
    for (qsizetype i = 0; i < agentIds.size(); ++i) {
        AgentStatus status;
        status.agentId = agentIds.at(i);
        status.state = AgentState(i % 6);
        status.specRevision = 1;
        status.runCount = i % 3;
        status.errorCount = (i * 7) % 4;
        status.consecutiveFailures = int(i % 2);
        status.totalDurationMs = 1000 * (i % 5);
        status.nextRunMs = i % 4 == 0 ? 0 : Noon + 1000 * (i % 3);
        status.lastRunMs = Noon - 1000 * (i % 4);
        status.tokensToday = 100 * (i % 3);
        status.tokensDay = QStringLiteral("2026-03-10");
        statuses.append(status);
        AgentSpec spec;
        spec.agentId = status.agentId;
        spec.revision = 1;
        spec.model.provider = i % 2 == 0 ? QStringLiteral("openai") : QStringLiteral("Ollama");
        spec.model.model = models.at(i % models.size());
        spec.schedule.kind = i % 3 == 0 ? Schedule::Kind::Manual : Schedule::Kind::Interval;
        spec.schedule.intervalMs = 60'000 * (i % 4 + 1);
        specs.append(spec);
    }
    model.resetAgents(statuses, specs);
    model.setRunsToday({{agentIds.at(0), 2, Noon, {300, 500}}, {agentIds.at(3), 1, Noon, {700}}});

    AgentFilterProxy proxy(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The base class compares SortRole's QVariants: the order the direct comparison must keep.
    QSortFilterProxyModel reference;
    reference.setSourceModel(&model);
    reference.setSortRole(AgentTableModel::SortRole);
    reference.setSortCaseSensitivity(Qt::CaseInsensitive);
    const auto order = [](const QAbstractItemModel &sorted) {
        QStringList shown;
        for (int row = 0; row < sorted.rowCount(); ++row)
            shown.append(sorted.index(row, 0).data(AgentTableModel::AgentIdRole).toString());
        return shown;
    };
    for (int column = 0; column < AgentTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder direction : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            proxy.sort(column, direction);
            reference.sort(column, direction);
            QVERIFY2(order(proxy) == order(reference),
                     qPrintable(QStringLiteral("column %1: %2 instead of %3")
                                    .arg(column)
                                    .arg(order(proxy).join(u' '), order(reference).join(u' '))));
        }
    }
    QCOMPARE(order(proxy).size(), agentIds.size());
}

QTEST_GUILESS_MAIN(TestAgentFilterProxy)
#include "tst_agentfilterproxy.moc"
