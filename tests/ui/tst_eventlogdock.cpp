#include "backgroundagentservice.h"
#include "enginehost.h"
#include "eventlogdock.h"
#include "eventlogfilter.h"
#include "logevents.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QWheelEvent>

using namespace nightshift;

namespace {

using test::logEvent;
using test::logSequence;
using test::LogT0;

qint64 seqAt(const QAbstractItemModel *model, int row)
{
    const QByteArray line = model->index(row, 0).data(EventLogModel::JsonLineRole).toByteArray();
    return nlohmann::json::parse(line.toStdString())["seq"].get<qint64>();
}

// The row at the top of the table, as the user sees it.
qint64 topSeq(const EventLogDock &dock)
{
    return seqAt(dock.filter(), dock.view()->rowAt(1));
}

void showDock(EventLogDock &dock)
{
    dock.resize(900, 400);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
}

template<typename T>
T *child(const QObject &parent, const char *name)
{
    auto *found = parent.findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

} // namespace

class TestEventLogDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEventsFromTheEngine();
    void followPausesOnScrollUpAndResumesAtTheBottom();
    void pausedViewKeepsItsRowsWhenOldOnesDrop();
    void searchMovesBetweenMatches();
    void levelAndTypeFilters();
    void selectedAgentsOnly();
    void exportWritesExactlyTheFilteredRows();
    void copiesSelectedRows();
    void aBigBatchGoesInOverSeveralPasses();
    void batchesThatComeTogetherDropOldRowsOnce();
};

void TestEventLogDock::showsEventsFromTheEngine()
{
    EngineHost host;
    QVERIFY(host.start(QStringLiteral("memory:")).ok());
    AgentSpec spec;
    spec.agentId = QStringLiteral("tick");
    spec.model.provider = QStringLiteral("none");
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 1000;
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }).ok());

    EventLogDock dock;
    connect(&host, &EngineHost::eventsAppended, &dock, &EventLogDock::appendEvents);
    QVERIFY(
        host.call([&](BackgroundAgentService &service) { return service.startAgent(spec.agentId); })
            .ok());
    const auto hasCompletedRun = [&dock] {
        const EventLogModel *model = dock.model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, EventLogModel::TypeColumn).data().toString()
                == QLatin1StringView(EventType::TaskCompleted))
                return model->index(row, EventLogModel::AgentColumn).data().toString()
                       == QStringLiteral("tick");
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasCompletedRun(), 10'000);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestEventLogDock::followPausesOnScrollUpAndResumesAtTheBottom()
{
    EventLogDock dock(nullptr, 10'000);
    QAbstractItemModelTester tester(dock.filter(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    showDock(dock);
    auto *follow = child<QToolButton>(dock, "followButton");
    QScrollBar *bar = dock.view()->verticalScrollBar();

    dock.appendEvents(logSequence(1, 200));
    QTRY_COMPARE(dock.model()->rowCount(), 200);
    QVERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(dock.isFollowing());
    QVERIFY(follow->isChecked());

    // The user turns the wheel up: following pauses, and new rows leave the view alone.
    const QPointF inside(50, 50);
    QWheelEvent wheel(inside,
                      dock.view()->viewport()->mapToGlobal(inside),
                      QPoint(),
                      QPoint(0, 120),
                      Qt::NoButton,
                      Qt::NoModifier,
                      Qt::NoScrollPhase,
                      false);
    QApplication::sendEvent(dock.view()->viewport(), &wheel);
    QVERIFY(bar->value() < bar->maximum());
    QVERIFY(!dock.isFollowing());
    QVERIFY(!follow->isChecked());
    const qint64 top = topSeq(dock);
    dock.appendEvents(logSequence(201, 100));
    QTRY_COMPARE(dock.model()->rowCount(), 300);
    QCOMPARE(topSeq(dock), top);
    QVERIFY(bar->value() < bar->maximum());
    QVERIFY(!dock.isFollowing());

    // Back at the bottom, it follows again.
    bar->triggerAction(QAbstractSlider::SliderToMaximum);
    QVERIFY(dock.isFollowing());
    QVERIFY(follow->isChecked());
    dock.appendEvents(logSequence(301, 100));
    QTRY_COMPARE(dock.model()->rowCount(), 400);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QCOMPARE(seqAt(dock.filter(), dock.view()->rowAt(dock.view()->viewport()->height() - 2)), 400);

    // The button pauses and resumes too.
    follow->click();
    QVERIFY(!dock.isFollowing());
    dock.appendEvents(logSequence(401, 100));
    QTRY_COMPARE(dock.model()->rowCount(), 500);
    // The view lays the new rows out a moment later; the position must stay behind.
    QTRY_VERIFY(bar->value() < bar->maximum());
    follow->click();
    QVERIFY(dock.isFollowing());
    QCOMPARE(bar->value(), bar->maximum());
}

void TestEventLogDock::pausedViewKeepsItsRowsWhenOldOnesDrop()
{
    EventLogDock dock(nullptr, 300);
    showDock(dock);
    dock.appendEvents(logSequence(1, 300));
    QTRY_COMPARE(dock.model()->rowCount(), 300);
    QScrollBar *bar = dock.view()->verticalScrollBar();
    bar->setValue(100);
    QVERIFY(!dock.isFollowing());
    QCOMPARE(topSeq(dock), 101);

    // The ring drops the 50 oldest rows; the rows being read stay on screen.
    dock.appendEvents(logSequence(301, 50));
    QTRY_COMPARE(seqAt(dock.model(), 0), 51);
    QCOMPARE(bar->value(), 50);
    QCOMPARE(topSeq(dock), 101);
    QVERIFY(!dock.isFollowing());
}

void TestEventLogDock::searchMovesBetweenMatches()
{
    EventLogDock dock(nullptr, 10'000);
    showDock(dock);
    EventList events = logSequence(1, 300);
    for (const int seq : {20, 150, 280})
        events[seq - 1].payload["tool"] = "Needle_probe";
    dock.appendEvents(events);
    QTRY_COMPARE(dock.model()->rowCount(), 300);

    QTest::keyClicks(child<QLineEdit>(dock, "searchEdit"), QStringLiteral("needle"));
    QCOMPARE(dock.filter()->searchText(), QStringLiteral("needle"));
    QVERIFY(dock.findNext());
    QCOMPARE(dock.view()->currentIndex().row(), 19);
    // A match above the end pauses following, or the next batch would scroll it away.
    QVERIFY(!dock.isFollowing());
    child<QToolButton>(dock, "nextButton")->click();
    QCOMPARE(dock.view()->currentIndex().row(), 149);
    QVERIFY(dock.view()->selectionModel()->isRowSelected(149, {}));
    QTest::keyClick(child<QLineEdit>(dock, "searchEdit"), Qt::Key_Return);
    QCOMPARE(dock.view()->currentIndex().row(), 279);
    QVERIFY(dock.findNext());
    QCOMPARE(dock.view()->currentIndex().row(), 19);
    child<QToolButton>(dock, "previousButton")->click();
    QCOMPARE(dock.view()->currentIndex().row(), 279);
    QVERIFY(dock.findPrevious());
    QCOMPARE(dock.view()->currentIndex().row(), 149);

    // The match is marked where it shows.
    QTRY_VERIFY(dock.view()->visualRect(dock.filter()->index(149, 0)).isValid());
    const QImage shot = dock.view()->viewport()->grab().toImage();
    bool marked = false;
    for (int y = 0; y < shot.height() && !marked; ++y) {
        for (int x = 0; x < shot.width() && !marked; ++x)
            marked = shot.pixelColor(x, y) == QColor(0xff, 0xd5, 0x4f);
    }
    QVERIFY(marked);

    // Only matching rows: the view shrinks to the three.
    child<QCheckBox>(dock, "onlyMatchingBox")->setChecked(true);
    QCOMPARE(dock.filter()->rowCount(), 3);
    QCOMPARE(dock.view()->currentIndex().row(), 1);
    child<QCheckBox>(dock, "onlyMatchingBox")->setChecked(false);
    QCOMPARE(dock.filter()->rowCount(), 300);

    dock.setSearchText(QStringLiteral("absent"));
    QCOMPARE(child<QLineEdit>(dock, "searchEdit")->text(), QStringLiteral("absent"));
    QVERIFY(!dock.findNext());
    QCOMPARE(child<QLabel>(dock, "searchLabel")->text(), QStringLiteral("No match"));
    QCOMPARE(dock.view()->currentIndex().row(), 149);
}

void TestEventLogDock::levelAndTypeFilters()
{
    EventLogDock dock(nullptr, 10'000);
    QAbstractItemModelTester tester(dock.filter(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    showDock(dock);
    dock.appendEvents(
        {logEvent(1),
         logEvent(2, QStringLiteral("a"), EventType::TaskError, {{"state", "failed"}}),
         logEvent(3, QStringLiteral("a"), EventType::RunSkipped, {{"reason", "x"}}),
         logEvent(4, QStringLiteral("a"), EventType::ToolCallError, {}),
         logEvent(5)});
    QTRY_COMPARE(dock.model()->rowCount(), 5);
    const auto shownSeqs = [&dock] {
        QList<qint64> seqs;
        for (int row = 0; row < dock.filter()->rowCount(); ++row)
            seqs.append(seqAt(dock.filter(), row));
        return seqs;
    };

    child<QToolButton>(dock, "infoButton")->click();
    QCOMPARE(shownSeqs(), (QList<qint64>{2, 3, 4}));
    child<QToolButton>(dock, "warningButton")->click();
    QCOMPARE(shownSeqs(), (QList<qint64>{2, 4}));
    QCOMPARE(child<QLabel>(dock, "countLabel")->text(), QStringLiteral("2 of 5 events"));
    child<QToolButton>(dock, "errorButton")->click();
    QCOMPARE(shownSeqs(), QList<qint64>());
    child<QToolButton>(dock, "infoButton")->click();
    child<QToolButton>(dock, "warningButton")->click();
    child<QToolButton>(dock, "errorButton")->click();
    QCOMPARE(dock.filter()->rowCount(), 5);

    // The types menu lists every type; unchecking one hides it.
    auto *types = child<QToolButton>(dock, "typesButton");
    QMenu *menu = types->menu();
    menu->popup(types->mapToGlobal(QPoint(0, types->height())));
    QAction *completed = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->data().toString() == QLatin1StringView(EventType::ToolCallCompleted))
            completed = action;
    }
    QVERIFY(completed);
    QVERIFY(completed->isChecked());
    completed->trigger();
    menu->hide();
    QCOMPARE(shownSeqs(), (QList<qint64>{2, 3, 4}));
    QVERIFY(!dock.filter()->types().contains(QString::fromLatin1(EventType::ToolCallCompleted)));
    QCOMPARE(types->text(), QStringLiteral("Types: %1").arg(dock.filter()->types().size()));
    menu->popup(types->mapToGlobal(QPoint(0, types->height())));
    menu->actions().constFirst()->trigger(); // Show all types
    menu->hide();
    QCOMPARE(dock.filter()->rowCount(), 5);
    QCOMPARE(types->text(), QStringLiteral("Types: all"));
}

void TestEventLogDock::selectedAgentsOnly()
{
    EventLogDock dock(nullptr, 10'000);
    dock.appendEvents({logEvent(1, QStringLiteral("a")),
                       logEvent(2, QStringLiteral("b")),
                       logEvent(3, QStringLiteral("c"))});
    QTRY_COMPARE(dock.model()->rowCount(), 3);
    dock.setAgentFilter({QStringLiteral("b")});
    QCOMPARE(dock.filter()->rowCount(), 3);
    auto *selectedOnly = child<QCheckBox>(dock, "selectedAgentsBox");
    selectedOnly->setChecked(true);
    QCOMPARE(dock.filter()->rowCount(), 1);
    QCOMPARE(seqAt(dock.filter(), 0), 2);
    dock.setAgentFilter({QStringLiteral("a"), QStringLiteral("c")});
    QCOMPARE(dock.filter()->rowCount(), 2);
    QCOMPARE(seqAt(dock.filter(), 1), 3);
    selectedOnly->setChecked(false);
    QCOMPARE(dock.filter()->rowCount(), 3);
}

void TestEventLogDock::exportWritesExactlyTheFilteredRows()
{
    EventLogDock dock(nullptr, 10'000);
    EventList events;
    for (qint64 seq = 1; seq <= 60; ++seq) {
        const char *type = seq % 3 == 0   ? EventType::ToolCallError
                           : seq % 3 == 1 ? EventType::RunSkipped
                                          : EventType::ToolCallCompleted;
        events.append(logEvent(seq,
                               seq % 2 ? QStringLiteral("odd") : QStringLiteral("even"),
                               type,
                               {{"n", seq}, {"text", "ünïcode \"quoted\"\n"}}));
    }
    dock.appendEvents(events);
    QTRY_COMPARE(dock.model()->rowCount(), 60);
    child<QToolButton>(dock, "infoButton")->click();
    dock.setAgentFilter({QStringLiteral("odd")});
    child<QCheckBox>(dock, "selectedAgentsBox")->setChecked(true);

    QByteArrayList expected;
    for (const Event &event : std::as_const(events)) {
        if (event.agentId == QStringLiteral("odd")
            && event.type != QLatin1StringView(EventType::ToolCallCompleted))
            expected.append(QByteArray::fromStdString(event.toJson().dump()));
    }
    QCOMPARE(dock.filter()->rowCount(), expected.size());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("events.jsonl"));
    const Result<qint64> written = dock.exportTo(path);
    QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
    QCOMPARE(written.value(), qint64(expected.size()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArrayList lines = file.readAll().split('\n');
    QCOMPARE(lines.takeLast(), QByteArray());
    for (const QByteArray &line : std::as_const(lines))
        QVERIFY(nlohmann::json::accept(line.toStdString()));
    QCOMPARE(lines, expected);

    const Result<qint64> failed = dock.exportTo(dir.filePath(QStringLiteral("missing/x.jsonl")));
    QVERIFY(!failed.ok());
    QVERIFY(failed.errorMessage().contains(QStringLiteral("x.jsonl")));
}

void TestEventLogDock::copiesSelectedRows()
{
    EventLogDock dock(nullptr, 10'000);
    showDock(dock);
    dock.appendEvents(logSequence(1, 10));
    QTRY_COMPARE(dock.model()->rowCount(), 10);
    QTableView *view = dock.view();
    view->setFocus();
    view->selectionModel()->select(dock.filter()->index(5, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(dock.filter()->index(2, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTest::keySequence(view, QKeySequence::Copy);

    const QMimeData *copied = QApplication::clipboard()->mimeData();
    QVERIFY(copied);
    const QStringList rows = copied->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).split(u'\t').size(), int(EventLogModel::ColumnCount));
    QCOMPARE(rows.at(0).split(u'\t').at(EventLogModel::RunColumn), QStringLiteral("run-0"));
    QVERIFY(rows.at(1).contains(QStringLiteral("system_info")));
    QCOMPARE(copied->data(QStringLiteral("application/x-ndjson")),
             QByteArray::fromStdString(logEvent(3).toJson().dump() + '\n'
                                       + logEvent(6).toJson().dump() + '\n'));

    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(),
             QString::fromStdString(logEvent(3).toJson().dump() + '\n' + logEvent(6).toJson().dump()
                                    + '\n'));
}

void TestEventLogDock::aBigBatchGoesInOverSeveralPasses()
{
    EventLogDock dock(nullptr, 100'000);
    QAbstractItemModelTester tester(dock.filter(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    showDock(dock);
    // Counts the passes of the event loop, and notes the count at each part the log takes.
    int passes = 0;
    QTimer ticker;
    ticker.setInterval(0);
    connect(&ticker, &QTimer::timeout, this, [&passes] { ++passes; });
    ticker.start();
    QList<int> passAtPart;
    connect(
        dock.model(), &QAbstractItemModel::rowsInserted, this, [&] { passAtPart.append(passes); });

    const int count = 30'000;
    dock.appendEvents(logSequence(1, count));
    QTRY_COMPARE(dock.model()->rowCount(), count);
    QCOMPARE(dock.filter()->rowCount(), count);
    QCOMPARE(seqAt(dock.model(), 0), 1);
    QCOMPARE(seqAt(dock.model(), count - 1), count);
    QVERIFY2(passAtPart.last() > passAtPart.first(),
             qPrintable(QStringLiteral("%1 parts, all in one pass").arg(passAtPart.size())));
    QTRY_COMPARE(dock.view()->verticalScrollBar()->value(),
                 dock.view()->verticalScrollBar()->maximum());
}

void TestEventLogDock::batchesThatComeTogetherDropOldRowsOnce()
{
    EventLogDock dock(nullptr, 1000);
    QSignalSpy removed(dock.model(), &QAbstractItemModel::rowsRemoved);
    // The first batch goes in at once; the four right behind it wait for the pause and go in
    // together, the room for them made in one removal rather than one per batch.
    for (qint64 first = 1; first < 3000; first += 600)
        dock.appendEvents(logSequence(first, 600));
    QTRY_VERIFY(dock.model()->rowCount() == 1000
                && seqAt(dock.model(), dock.model()->rowCount() - 1) == 3000);
    QCOMPARE(seqAt(dock.model(), 0), 2001);
    QVERIFY2(removed.count() <= 2, qPrintable(QString::number(removed.count())));
}

QTEST_MAIN(TestEventLogDock)
#include "tst_eventlogdock.moc"
