#include "eventlogfilter.h"
#include "eventlogmodel.h"
#include "logevents.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace nightshift;

namespace {

using test::logEvent;
using test::logSequence;
using test::LogT0;

QList<qint64> seqs(const QAbstractItemModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QByteArray line = model.index(row, 0).data(EventLogModel::JsonLineRole).toByteArray();
        result.append(nlohmann::json::parse(line.toStdString())["seq"].get<qint64>());
    }
    return result;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> result;
    for (qint64 i = first; i <= last; ++i)
        result.append(i);
    return result;
}

} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheNewestEventsInOrder();
    void aBatchLargerThanTheLogKeepsItsNewest();
    void roomMadeOnceThenABatchInParts();
    void memoryStaysBoundedAsTheRingTurns();
    void columnsAndRoles();
    void queuedRequestsSayWhatTheyWaitFor();
    void showsTimesInLocalTimeOrUtc();
    void levels_data();
    void levels();
    void filterByAgentTypeAndLevel();
    void filterFollowsTheRingBuffer();
    void searchFindsAndFiltersRows();
    void refilteringKeepsRowsTheViewHolds();
    void writesTheFilteredRowsAsJsonLines();
};

void TestEventLogModel::keepsTheNewestEventsInOrder()
{
    EventLogModel model(5);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.appendEvents(logSequence(1, 3));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 1);

    model.appendEvents(logSequence(4, 4));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(seqs(model), range(3, 7));
    // The oldest rows go first, in one signal, then the batch comes in one signal.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);

    // Round the ring several times.
    for (qint64 first = 8; first < 40; first += 3)
        model.appendEvents(logSequence(first, 3));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(seqs(model), range(36, 40));
    QCOMPARE(model.event(4), logEvent(40));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendEvents(logSequence(100, 2));
    QCOMPARE(seqs(model), range(100, 101));
}

void TestEventLogModel::aBatchLargerThanTheLogKeepsItsNewest()
{
    EventLogModel model(4);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(logSequence(1, 2));
    model.appendEvents(logSequence(3, 10));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(seqs(model), range(9, 12));
}

void TestEventLogModel::roomMadeOnceThenABatchInParts()
{
    EventLogModel model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(logSequence(1, 8));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    const EventLogModel::Batch batch = EventLogModel::encode(logSequence(9, 7));
    model.dropOldest(5);
    QCOMPARE(seqs(model), range(6, 8));
    model.appendBatch(batch, 0, 3);
    model.appendBatch(batch, 3, 4);
    QCOMPARE(seqs(model), range(6, 15));
    // One removal for the whole batch, then one insertion per part.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 2);

    // A part that finds no room makes its own; parts past the batch's end are cut short.
    model.appendBatch(EventLogModel::encode(logSequence(16, 3)), 1, 5);
    QCOMPARE(seqs(model), range(8, 15) + QList<qint64>({17, 18}));
    QCOMPARE(removed.count(), 2);
    model.dropOldest(100);
    QCOMPARE(model.rowCount(), 0);
}

void TestEventLogModel::memoryStaysBoundedAsTheRingTurns()
{
    EventLogModel model(1000);
    model.appendEvents(logSequence(0, 1000));
    const qint64 full = model.storageBytes();
    // Every batch brings new run ids and new payload bytes; old ones must be let go.
    for (qint64 first = 1000; first < 100'000; first += 500)
        model.appendEvents(logSequence(first, 500));
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY2(model.storageBytes() < 3 * full,
             qPrintable(QStringLiteral("%1 bytes after, %2 when first full")
                            .arg(model.storageBytes())
                            .arg(full)));
}

void TestEventLogModel::columnsAndRoles()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Event error = logEvent(7,
                           QStringLiteral("beta"),
                           EventType::TaskError,
                           {{"state", "failed"},
                            {"error", "HTTP 500 from \"api\"\nsecond line"},
                            {"attempt", 2},
                            {"will_retry", false}});
    error.runId.clear();
    model.appendEvents({logEvent(1), error});

    QCOMPARE(model.columnCount(), int(EventLogModel::ColumnCount));
    QCOMPARE(model.index(0, EventLogModel::AgentColumn).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(model.index(0, EventLogModel::TypeColumn).data().toString(),
             QStringLiteral("tool_call_completed"));
    QCOMPARE(model.index(0, EventLogModel::LevelColumn).data().toString(), QStringLiteral("Info"));
    QCOMPARE(model.index(0, EventLogModel::RunColumn).data().toString(), QStringLiteral("run-0"));
    QCOMPARE(model.index(0, EventLogModel::SummaryColumn).data().toString(),
             QStringLiteral("system_info done in 12 ms"));
    QCOMPARE(model.index(1, EventLogModel::LevelColumn).data().toString(), QStringLiteral("Error"));
    QCOMPARE(model.index(1, 0).data(EventLogModel::LevelRole).toInt(), int(EventLevel::Error));
    QCOMPARE(model.index(1, EventLogModel::LevelColumn).data(EventLogModel::SortRole).toInt(),
             int(EventLevel::Error));
    QCOMPARE(model.index(1, EventLogModel::TimeColumn).data(EventLogModel::SortRole).toLongLong(),
             LogT0 + 7000);
    QCOMPARE(model.index(1, EventLogModel::RunColumn).data().toString(), QString());
    // One line, whatever the payload holds.
    QCOMPARE(model.index(1, EventLogModel::SummaryColumn).data().toString(),
             QStringLiteral("failed: HTTP 500 from \"api\" second line"));
    QVERIFY(model.index(1, EventLogModel::SummaryColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("\"will_retry\": false")));

    // The JSON line is exactly what `nightshift events` prints for the event.
    QCOMPARE(model.index(0, 3).data(EventLogModel::JsonLineRole).toByteArray(),
             QByteArray::fromStdString(logEvent(1).toJson().dump()));
    QCOMPARE(model.jsonLine(1), QByteArray::fromStdString(error.toJson().dump()));
    Event odd = logEvent(8, QStringLiteral("ünï \"quoted\"\tagent"));
    odd.timestampMs = 951'826'424'007; // 2000-02-29T12:13:44.007Z
    model.appendEvents({odd});
    QCOMPARE(model.jsonLine(2), QByteArray::fromStdString(odd.toJson().dump()));
    QCOMPARE(model.event(2), odd);
    QCOMPARE(model.event(1), error);
    QCOMPARE(
        model.headerData(EventLogModel::SummaryColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Summary"));
}

void TestEventLogModel::queuedRequestsSayWhatTheyWaitFor()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(
        {logEvent(1,
                  QStringLiteral("alpha"),
                  EventType::RequestQueued,
                  {{"provider", "openai"}, {"reason", "concurrency"}, {"position", 3}}),
         logEvent(2,
                  QStringLiteral("alpha"),
                  EventType::RequestQueued,
                  {{"provider", "gemini"}, {"reason", "rate"}, {"position", 1}})});
    QCOMPARE(model.index(0, EventLogModel::SummaryColumn).data().toString(),
             QStringLiteral("waits for a free openai slot, place 3 in line"));
    QCOMPARE(model.index(1, EventLogModel::SummaryColumn).data().toString(),
             QStringLiteral("waits for gemini's per-minute limit, place 1 in line"));
    QCOMPARE(model.index(0, EventLogModel::LevelColumn).data().toString(), QStringLiteral("Info"));
}

void TestEventLogModel::showsTimesInLocalTimeOrUtc()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({logEvent(1)});
    const QModelIndex time = model.index(0, EventLogModel::TimeColumn);
    QCOMPARE(time.data().toString(),
             QDateTime::fromMSecsSinceEpoch(LogT0 + 1000)
                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Time (local)"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
    model.setUtc(true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(header.count(), 1);
    QCOMPARE(time.data().toString(), QStringLiteral("2026-01-01 00:00:01.000"));
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Time (UTC)"));
}

void TestEventLogModel::levels_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<int>("level");

    const auto info = int(EventLevel::Info);
    const auto warning = int(EventLevel::Warning);
    const auto error = int(EventLevel::Error);
    QTest::newRow("started") << QString::fromLatin1(EventType::TaskStarted)
                             << QStringLiteral(R"({"attempt":1})") << info;
    QTest::newRow("failed") << QString::fromLatin1(EventType::TaskError)
                            << QStringLiteral(R"({"state":"failed","will_retry":false})") << error;
    QTest::newRow("timed out") << QString::fromLatin1(EventType::TaskError)
                               << QStringLiteral(R"({"state":"timed_out"})") << error;
    QTest::newRow("failed, retrying")
        << QString::fromLatin1(EventType::TaskError)
        << QStringLiteral(R"({"state":"failed","will_retry":true})") << warning;
    QTest::newRow("cancelled") << QString::fromLatin1(EventType::TaskError)
                               << QStringLiteral(R"({"state":"cancelled"})") << warning;
    QTest::newRow("tool error") << QString::fromLatin1(EventType::ToolCallError)
                                << QStringLiteral("{}") << error;
    QTest::newRow("skipped") << QString::fromLatin1(EventType::RunSkipped) << QStringLiteral("{}")
                             << warning;
    QTest::newRow("retry") << QString::fromLatin1(EventType::RetryScheduled) << QStringLiteral("{}")
                           << warning;
    QTest::newRow("llm retry") << QString::fromLatin1(EventType::LlmRetry) << QStringLiteral("{}")
                               << warning;
    QTest::newRow("status error") << QString::fromLatin1(EventType::AgentStatus)
                                  << QStringLiteral(R"({"state":"error"})") << warning;
    QTest::newRow("status idle") << QString::fromLatin1(EventType::AgentStatus)
                                 << QStringLiteral(R"({"state":"idle"})") << info;
    QTest::newRow("notify error") << QString::fromLatin1(EventType::Notification)
                                  << QStringLiteral(R"({"level":"error"})") << error;
    QTest::newRow("notify warning") << QString::fromLatin1(EventType::Notification)
                                    << QStringLiteral(R"({"level":"warning"})") << warning;
    QTest::newRow("notify info") << QString::fromLatin1(EventType::Notification)
                                 << QStringLiteral(R"({"level":"info"})") << info;
    QTest::newRow("budget") << QStringLiteral("budget_exceeded") << QStringLiteral("{}") << warning;
    QTest::newRow("future error") << QStringLiteral("mcp_error") << QStringLiteral("[]") << error;
}

void TestEventLogModel::levels()
{
    QFETCH(QString, type);
    QFETCH(QString, payload);
    QFETCH(int, level);
    QCOMPARE(int(eventLevel(type, nlohmann::json::parse(payload.toStdString()))), level);
}

void TestEventLogModel::filterByAgentTypeAndLevel()
{
    EventLogModel model;
    EventLogFilter filter(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({logEvent(1, QStringLiteral("a")),
                        logEvent(2, QStringLiteral("b"), EventType::ToolCallError),
                        logEvent(3, QStringLiteral("c"), EventType::RunSkipped),
                        logEvent(4, QStringLiteral("a"), EventType::TaskError),
                        logEvent(5, QStringLiteral("b"))});
    QCOMPARE(filter.rowCount(), 5);

    filter.setAgents({QStringLiteral("a"), QStringLiteral("c")});
    QCOMPARE(seqs(filter), (QList<qint64>{1, 3, 4}));
    model.appendEvents({logEvent(6, QStringLiteral("c")), logEvent(7, QStringLiteral("b"))});
    QCOMPARE(seqs(filter), (QList<qint64>{1, 3, 4, 6}));

    filter.setAgents({});
    filter.setLevelShown(EventLevel::Info, false);
    QCOMPARE(seqs(filter), (QList<qint64>{2, 3, 4}));
    filter.setLevelShown(EventLevel::Warning, false);
    QCOMPARE(seqs(filter), (QList<qint64>{2, 4}));
    filter.setLevelShown(EventLevel::Info, true);
    filter.setLevelShown(EventLevel::Warning, true);

    filter.setTypes({QString::fromLatin1(EventType::ToolCallError),
                     QString::fromLatin1(EventType::RunSkipped)});
    QCOMPARE(seqs(filter), (QList<qint64>{2, 3}));
    filter.setAgents({QStringLiteral("b")});
    QCOMPARE(seqs(filter), (QList<qint64>{2}));
    filter.setTypes({});
    filter.setAgents({});
    QCOMPARE(seqs(filter), range(1, 7));
    QCOMPARE(filter.headerData(EventLogModel::AgentColumn, Qt::Horizontal, Qt::DisplayRole),
             model.headerData(EventLogModel::AgentColumn, Qt::Horizontal, Qt::DisplayRole));
}

void TestEventLogModel::filterFollowsTheRingBuffer()
{
    EventLogModel model(10);
    EventLogFilter filter(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setAgents({QStringLiteral("odd")});
    QSignalSpy removed(&filter, &QAbstractItemModel::rowsRemoved);
    for (qint64 seq = 1; seq <= 95; seq += 5) {
        EventList batch;
        for (qint64 i = seq; i < seq + 5; ++i)
            batch.append(logEvent(i, i % 2 ? QStringLiteral("odd") : QStringLiteral("even")));
        model.appendEvents(batch);
        // The filter shows exactly the odd rows the log still holds.
        QList<qint64> expected;
        for (qint64 i = std::max<qint64>(1, seq + 5 - 10); i < seq + 5; ++i) {
            if (i % 2)
                expected.append(i);
        }
        QCOMPARE(seqs(filter), expected);
        for (int row = 0; row < filter.rowCount(); ++row) {
            const QModelIndex proxy = filter.index(row, 1);
            QCOMPARE(filter.mapFromSource(filter.mapToSource(proxy)), proxy);
        }
    }
    QVERIFY(removed.count() > 0);
    // A hidden source row has no place in the filter.
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("even"));
    QVERIFY(!filter.mapFromSource(model.index(0, 1)).isValid());

    model.clear();
    QCOMPARE(filter.rowCount(), 0);
    model.appendEvents(logSequence(1, 3));
    QCOMPARE(filter.rowCount(), 0);
    model.appendEvents({logEvent(9, QStringLiteral("odd"))});
    QCOMPARE(seqs(filter), QList<qint64>{9});
}

void TestEventLogModel::searchFindsAndFiltersRows()
{
    EventLogModel model;
    EventLogFilter filter(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({logEvent(1),
                        logEvent(2,
                                 QStringLiteral("alpha"),
                                 EventType::ToolCallError,
                                 {{"tool", "http_fetch"}, {"error", "Connection REFUSED"}}),
                        logEvent(3),
                        logEvent(4, QStringLiteral("Gateway")),
                        logEvent(5,
                                 QStringLiteral("alpha"),
                                 EventType::Notification,
                                 {{"title", "Größe"}, {"body", "Speicher fast voll"}}),
                        logEvent(6)});
    QCOMPARE(filter.findMatch(-1, true), -1);

    filter.setSearchText(QStringLiteral("refused"));
    QVERIFY(filter.rowMatchesSearch(1));
    QVERIFY(!filter.rowMatchesSearch(0));
    QCOMPARE(filter.findMatch(-1, true), 1);
    QCOMPARE(filter.findMatch(1, true), 1);
    QCOMPARE(filter.rowCount(), 6);

    // Agent ids and types match too; the search goes round both ways.
    filter.setSearchText(QStringLiteral("GATEWAY"));
    QCOMPARE(filter.findMatch(0, true), 3);
    QCOMPARE(filter.findMatch(3, false), 3);
    filter.setSearchText(QStringLiteral("tool_call_error"));
    QCOMPARE(filter.findMatch(4, true), 1);
    QCOMPARE(filter.findMatch(0, false), 1);
    filter.setSearchText(QStringLiteral("GRÖßE"));
    QCOMPARE(filter.findMatch(-1, true), 4);
    filter.setSearchText(QStringLiteral("run-0"));
    QCOMPARE(filter.findMatch(-1, false), 5);

    filter.setSearchText(QStringLiteral("system_info"));
    filter.setSearchFilters(true);
    QCOMPARE(seqs(filter), (QList<qint64>{1, 3, 4, 6}));
    model.appendEvents(
        {logEvent(7), logEvent(8, QStringLiteral("alpha"), EventType::RunSkipped, {})});
    QCOMPARE(seqs(filter), (QList<qint64>{1, 3, 4, 6, 7}));
    filter.setSearchText(QString());
    QCOMPARE(filter.rowCount(), 8);
    QVERIFY(!filter.rowMatchesSearch(0));
}

void TestEventLogModel::refilteringKeepsRowsTheViewHolds()
{
    EventLogModel model;
    EventLogFilter filter(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({logEvent(1, QStringLiteral("a")),
                        logEvent(2, QStringLiteral("b")),
                        logEvent(3, QStringLiteral("a"))});
    const QPersistentModelIndex kept(filter.index(2, 1));
    const QPersistentModelIndex hidden(filter.index(1, 1));
    filter.setAgents({QStringLiteral("a")});
    QCOMPARE(kept.row(), 1);
    QCOMPARE(kept.data().toString(), QStringLiteral("a"));
    QVERIFY(!hidden.isValid());
}

void TestEventLogModel::writesTheFilteredRowsAsJsonLines()
{
    EventLogModel model(4);
    EventLogFilter filter(&model);
    model.appendEvents(logSequence(1, 6));
    filter.setLevelShown(EventLevel::Info, false);
    model.appendEvents(
        {logEvent(7, QStringLiteral("x"), EventType::RunSkipped, {{"reason", "overlap"}})});
    filter.setLevelShown(EventLevel::Info, true);
    filter.setAgents({QStringLiteral("alpha")});

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Result<qint64> written = filter.writeJsonLines(buffer);
    QVERIFY(written.ok());
    QCOMPARE(written.value(), 3);
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.last().isEmpty());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(lines.at(i), QByteArray::fromStdString(logEvent(4 + i).toJson().dump()));

    QCOMPARE(filter.jsonLines({2, 0}),
             QByteArray::fromStdString(logEvent(6).toJson().dump() + '\n'
                                       + logEvent(4).toJson().dump() + '\n'));
    QCOMPARE(filter.tabSeparated({1}).count(u'\t'), int(EventLogModel::ColumnCount) - 1);
    QVERIFY(filter.tabSeparated({1}).startsWith(
        filter.index(1, EventLogModel::TimeColumn).data().toString() + u'\t'));

    QBuffer readOnly;
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    QVERIFY(!filter.writeJsonLines(readOnly).ok());
}

QTEST_GUILESS_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
