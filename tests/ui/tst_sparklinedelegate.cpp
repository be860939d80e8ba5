#include "agenttablemodel.h"
#include "sparklinedelegate.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QStyleOptionViewItem>
#include <QTest>

using namespace nightshift;

namespace {

RunRecord run(const QString &agentId, qint64 startedMs, qint64 durationMs)
{
    RunRecord record;
    record.runId = agentId + QString::number(startedMs);
    record.agentId = agentId;
    record.state = RunState::Completed;
    record.startedMs = startedMs;
    record.finishedMs = startedMs + durationMs;
    return record;
}

QImage paintCell(const SparklineDelegate &delegate, const QModelIndex &index)
{
    QImage image(100, 24, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = image.rect();
    option.state = QStyle::State_Enabled;
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

// Whether any pixel in the column x between rows top and bottom is not white.
bool inkInColumn(const QImage &image, int x, int top, int bottom)
{
    for (int y = top; y <= bottom; ++y) {
        if (image.pixelColor(x, y) != QColor(Qt::white))
            return true;
    }
    return false;
}

} // namespace

class TestSparklineDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drawsTheDurationsRisingToTheLatest();
};

void TestSparklineDelegate::drawsTheDurationsRisingToTheLatest()
{
    AgentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AgentStatus rising;
    rising.agentId = QStringLiteral("rising");
    AgentStatus fresh;
    fresh.agentId = QStringLiteral("new");
    model.applyStatuses({rising, fresh});
    model.applyFinishedRuns({run(QStringLiteral("rising"), 1000, 100),
                             run(QStringLiteral("rising"), 2000, 200),
                             run(QStringLiteral("rising"), 3000, 400)});
    SparklineDelegate delegate(AgentTableModel::DurationsRole);

    const QImage line = paintCell(delegate, model.index(0, AgentTableModel::RecentDurationsColumn));
    // The longest and latest run is at the top right; the first and shortest low on the left.
    QVERIFY(inkInColumn(line, 96, 0, 8));
    QVERIFY(!inkInColumn(line, 96, 14, 23));
    QVERIFY(inkInColumn(line, 3, 14, 20));
    QVERIFY(!inkInColumn(line, 3, 0, 10));

    const QImage empty
        = paintCell(delegate, model.index(1, AgentTableModel::RecentDurationsColumn));
    for (int x = 0; x < empty.width(); x += 4)
        QVERIFY(!inkInColumn(empty, x, 0, empty.height() - 1));
}

QTEST_MAIN(TestSparklineDelegate)
#include "tst_sparklinedelegate.moc"
