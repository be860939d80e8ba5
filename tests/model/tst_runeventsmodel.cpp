#include "runeventsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

Event makeEvent(qint64 seq, const QString &runId, const char *type, nlohmann::json payload = {})
{
    Event e;
    e.seq = seq;
    e.agentId = QStringLiteral("a");
    e.runId = runId;
    e.type = QString::fromLatin1(type);
    e.timestampMs = 1'767'225'600'000 + seq;
    if (!payload.is_null())
        e.payload = std::move(payload);
    return e;
}

} // namespace

class TestRunEventsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsOnlyTheRunsEvents();
    void liveEventsAreAppendedOnce();
};

void TestRunEventsModel::showsOnlyTheRunsEvents()
{
    RunEventsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRun(
        QStringLiteral("r1"),
        {makeEvent(1, QStringLiteral("r1"), EventType::TaskStarted, {{"origin", "manual"}}),
         makeEvent(2, QString(), EventType::AgentStatus),
         makeEvent(3, QStringLiteral("r1"), EventType::TaskError, {{"error", "boom"}})});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, RunEventsModel::TypeColumn).data().toString(),
             QString::fromLatin1(EventType::TaskStarted));
    QCOMPARE(model.index(0, RunEventsModel::DetailsColumn).data().toString(),
             QStringLiteral("origin=manual"));
    QCOMPARE(model.index(1, RunEventsModel::DetailsColumn).data().toString(),
             QStringLiteral("error=boom"));
    QVERIFY(model.index(1, RunEventsModel::DetailsColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"\"error\": \"boom\""));
    QCOMPARE(model.eventAt(1)->seq, 3);
}

void TestRunEventsModel::liveEventsAreAppendedOnce()
{
    RunEventsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({makeEvent(1, QStringLiteral("r1"), EventType::TaskStarted)});
    QCOMPARE(model.rowCount(), 0); // no run shown yet

    model.setRun(QStringLiteral("r1"),
                 {makeEvent(1, QStringLiteral("r1"), EventType::TaskStarted)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // A batch that overlaps what was loaded, with another run's event in it.
    model.appendEvents({makeEvent(1, QStringLiteral("r1"), EventType::TaskStarted),
                        makeEvent(2, QStringLiteral("r1"), EventType::ToolCallStarted),
                        makeEvent(3, QStringLiteral("r2"), EventType::TaskStarted),
                        makeEvent(4, QStringLiteral("r1"), EventType::TaskCompleted)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.eventAt(2)->seq, 4);
    model.appendEvents({makeEvent(4, QStringLiteral("r1"), EventType::TaskCompleted)});
    QCOMPARE(model.rowCount(), 3);
}

QTEST_GUILESS_MAIN(TestRunEventsModel)
#include "tst_runeventsmodel.moc"
