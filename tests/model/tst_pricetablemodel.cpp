// The Prices page's rows: shown as the table has them, edited cell by cell, added and removed,
// and checked before they are saved.

#include "pricetablemodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

class TestPriceTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheTable();
    void editsCells();
    void refusesWhatIsNoPrice();
    void addsAndRemovesRows();
    void validateNamesTheRow();
};

namespace {

PriceTable table()
{
    return PriceTable({{u"openai"_s, u"gpt-4o"_s, 2.5, 10},
                       {u"gemini"_s, u"gemini-1.5-flash"_s, 0.075, 0.3},
                       {u"ollama"_s, u"*"_s, 0, 0}},
                      u"2025-08-15"_s);
}

} // namespace

void TestPriceTableModel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPriceTableModel::showsTheTable()
{
    PriceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrices(table());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(PriceTableModel::ColumnCount));
    QCOMPARE(model.index(0, PriceTableModel::ProviderColumn).data().toString(), u"openai"_s);
    QCOMPARE(model.index(0, PriceTableModel::ModelColumn).data().toString(), u"gpt-4o"_s);
    QCOMPARE(model.index(0, PriceTableModel::InputColumn).data().toString(), u"2.50"_s);
    QCOMPARE(model.index(1, PriceTableModel::InputColumn).data().toString(), u"0.075"_s);
    QCOMPARE(model.index(1, PriceTableModel::InputColumn).data(Qt::EditRole).toDouble(), 0.075);
    QCOMPARE(model.index(1, PriceTableModel::OutputColumn).data(PriceTableModel::SortRole),
             QVariant(0.3));
    QCOMPARE(model.headerData(PriceTableModel::InputColumn, Qt::Horizontal).toString(),
             u"Input $/M"_s);
    QCOMPARE(model.prices(), table());
    QCOMPARE(model.prices().asOf(), u"2025-08-15"_s);
}

void TestPriceTableModel::editsCells()
{
    PriceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrices(table());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0, PriceTableModel::ModelColumn), u" gpt-4o-mini "_s));
    QVERIFY(model.setData(model.index(0, PriceTableModel::InputColumn), 0.15));
    QVERIFY(model.setData(model.index(0, PriceTableModel::OutputColumn), u"0.6"_s));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, PriceTableModel::ModelColumn));
    const std::optional<ModelPrice> edited = model.prices().find(u"openai"_s, u"gpt-4o-mini"_s);
    QVERIFY(edited);
    QCOMPARE(*edited, (ModelPrice{u"openai"_s, u"gpt-4o-mini"_s, 0.15, 0.6}));
    QVERIFY(!model.prices().find(u"openai"_s, u"gpt-4o"_s));
}

void TestPriceTableModel::refusesWhatIsNoPrice()
{
    PriceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrices(table());
    QVERIFY(!model.setData(model.index(0, PriceTableModel::InputColumn), -1.0));
    QVERIFY(!model.setData(model.index(0, PriceTableModel::InputColumn), u"cheap"_s));
    QVERIFY(!model.setData(model.index(0, PriceTableModel::ProviderColumn), u"  "_s));
    QVERIFY(!model.setData(model.index(0, PriceTableModel::ModelColumn), u"x"_s, Qt::DisplayRole));
    QCOMPARE(model.prices(), table());
}

void TestPriceTableModel::addsAndRemovesRows()
{
    PriceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrices(table());
    const QModelIndex added = model.appendRow(u"mistral"_s);
    QCOMPARE(added, model.index(3, PriceTableModel::ModelColumn));
    QCOMPARE(model.index(3, PriceTableModel::ProviderColumn).data().toString(), u"mistral"_s);
    QVERIFY(model.setData(added, u"mistral-large"_s));
    QVERIFY(model.setData(model.index(3, PriceTableModel::InputColumn), 2.0));
    QVERIFY(model.removeRows(0, 2));
    QVERIFY(!model.removeRows(2, 1));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(
        model.prices().entries(),
        (QList<ModelPrice>{{u"ollama"_s, u"*"_s, 0, 0}, {u"mistral"_s, u"mistral-large"_s, 2, 0}}));
}

void TestPriceTableModel::validateNamesTheRow()
{
    PriceTableModel model;
    model.setPrices(table());
    QCOMPARE(model.validate(), QString());
    model.appendRow(u"openai"_s);
    QCOMPARE(model.validate(), u"Row 4 needs a provider and a model (* for every model)."_s);
    QVERIFY(model.setData(model.index(3, PriceTableModel::ModelColumn), u"GPT-4o"_s));
    QCOMPARE(model.validate(), u"Rows 1 and 4 both price openai GPT-4o; keep one."_s);
    QVERIFY(model.setData(model.index(3, PriceTableModel::ModelColumn), u"gpt-4o-mini"_s));
    QCOMPARE(model.validate(), QString());
}

QTEST_GUILESS_MAIN(TestPriceTableModel)
#include "tst_pricetablemodel.moc"
