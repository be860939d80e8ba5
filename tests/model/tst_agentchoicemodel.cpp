#include "agentchoicemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;

namespace {

QStringList listed(const AgentChoiceModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row).data(AgentChoiceModel::AgentIdRole).toString());
    return ids;
}

} // namespace

class TestAgentChoiceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheFleetThenAgentsSorted();
    void manyNewAgentsGoInTogether();
};

void TestAgentChoiceModel::listsTheFleetThenAgentsSorted()
{
    AgentChoiceModel model(QStringLiteral("All agents"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("All agents"));
    QCOMPARE(model.index(0).data(AgentChoiceModel::AgentIdRole).toString(), QString());
    QCOMPARE(model.rowOf(QString()), 0);

    model.addAgents({QStringLiteral("mike"), QStringLiteral("alpha"), QString()});
    model.addAgents({QStringLiteral("zulu"), QStringLiteral("alpha"), QStringLiteral("kilo")});
    QCOMPARE(listed(model),
             (QStringList{QString(),
                          QStringLiteral("alpha"),
                          QStringLiteral("kilo"),
                          QStringLiteral("mike"),
                          QStringLiteral("zulu")}));
    QCOMPARE(model.index(2).data().toString(), QStringLiteral("kilo"));
    QCOMPARE(model.rowOf(QStringLiteral("mike")), 3);
    QCOMPARE(model.rowOf(QStringLiteral("nobody")), -1);
}

void TestAgentChoiceModel::manyNewAgentsGoInTogether()
{
    AgentChoiceModel model(QStringLiteral("All agents"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QStringList fleet;
    for (int i = 999; i >= 0; i -= 2)
        fleet.append(QStringLiteral("agent-%1").arg(i, 4, 10, QLatin1Char('0')));
    model.addAgents(fleet);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 501);

    // Even numbers fall between the odd ones: each goes in on its own, but the two after the
    // last listed agent go in together.
    inserted.clear();
    model.addAgents({QStringLiteral("agent-0000"),
                     QStringLiteral("agent-0998"),
                     QStringLiteral("agent-0500"),
                     QStringLiteral("agent-1000"),
                     QStringLiteral("agent-1001")});
    QCOMPARE(inserted.count(), 4);
    QCOMPARE(model.rowCount(), 506);
    QStringList expected = listed(model).mid(1);
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listed(model).mid(1), expected);
    QCOMPARE(model.rowOf(QStringLiteral("agent-0500")), 252);
    QCOMPARE(model.rowOf(QStringLiteral("agent-1001")), 505);
}

QTEST_GUILESS_MAIN(TestAgentChoiceModel)
#include "tst_agentchoicemodel.moc"
