#include "agenttablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

AgentStatus status(const QString &id, AgentState state, qint64 runs)
{
    AgentStatus s;
    s.agentId = id;
    s.state = state;
    s.runCount = runs;
    return s;
}

} // namespace

class TestAgentTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsNewAgentsAndUpdatesKnownOnes();
};

void TestAgentTableModel::addsNewAgentsAndUpdatesKnownOnes()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.applyStatuses({status(QStringLiteral("a"), AgentState::Idle, 0),
                         status(QStringLiteral("b"), AgentState::Scheduled, 2)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), int(AgentTableModel::ColumnCount));
    QCOMPARE(model.index(1, AgentTableModel::AgentIdColumn).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.index(1, AgentTableModel::StateColumn).data().toString(),
             QStringLiteral("scheduled"));
    QCOMPARE(
        model.index(1, AgentTableModel::RunsColumn).data(AgentTableModel::SortRole).toLongLong(),
        2);

    model.applyStatuses({status(QStringLiteral("a"), AgentState::Running, 1),
                         status(QStringLiteral("c"), AgentState::Paused, 0)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, AgentTableModel::StateColumn).data().toString(),
             QStringLiteral("running"));
    QCOMPARE(model.index(2, AgentTableModel::AgentIdColumn).data().toString(), QStringLiteral("c"));
    QCOMPARE(model.headerData(AgentTableModel::NextRunColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             QStringLiteral("Next run"));
}

QTEST_GUILESS_MAIN(TestAgentTableModel)
#include "tst_agenttablemodel.moc"
