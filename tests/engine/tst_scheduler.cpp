#include "clock.h"
#include "scheduler.h"

#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace nightshift;

namespace {
constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
}

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesEachCallbackAtItsDueInstant();
    void equalDueTimesFireInInsertionOrder();
    void cancelledCallbacksNeverFire();
    void callbacksMayScheduleMore();
    void manyCancellationsKeepOrder();
    void nothingFiresBeforeItIsDue();
    void systemClockFiresOnTime();
};

void TestScheduler::firesEachCallbackAtItsDueInstant()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    std::vector<std::pair<int, qint64>> fired;
    const qint64 dues[] = {T0 + 5000, T0 + 1000, T0 + 3000, T0 + 1000 + 1, T0 + 86'400'000};
    for (int i = 0; i < 5; ++i)
        scheduler.schedule(dues[i], [&, i] { fired.emplace_back(i, clock.nowMs()); });
    QCOMPARE(scheduler.pendingCount(), 5);
    QCOMPARE(scheduler.nextDue(), T0 + 1000);

    clock.advanceBy(86'400'000);

    const std::vector<std::pair<int, qint64>> expected
        = {{1, T0 + 1000}, {3, T0 + 1001}, {2, T0 + 3000}, {0, T0 + 5000}, {4, T0 + 86'400'000}};
    QCOMPARE(fired, expected);
    QCOMPARE(scheduler.pendingCount(), 0);
    QCOMPARE(scheduler.nextDue(), -1);
    QVERIFY(!clock.hasPendingWake());
}

void TestScheduler::equalDueTimesFireInInsertionOrder()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    QList<int> order;
    for (int i = 0; i < 100; ++i)
        scheduler.schedule(T0 + 10, [&order, i] { order.append(i); });
    clock.advanceBy(10);
    QCOMPARE(order.size(), 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(order.at(i), i);
}

void TestScheduler::cancelledCallbacksNeverFire()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    int fired = 0;
    const auto first = scheduler.schedule(T0 + 100, [&] { fired += 1; });
    scheduler.schedule(T0 + 200, [&] { fired += 10; });
    scheduler.cancel(first);
    scheduler.cancel(first);
    scheduler.cancel(9999);
    QCOMPARE(scheduler.pendingCount(), 1);
    QCOMPARE(scheduler.nextDue(), T0 + 200);
    QCOMPARE(clock.pendingWake(), T0 + 200);
    clock.advanceBy(1000);
    QCOMPARE(fired, 10);
}

void TestScheduler::callbacksMayScheduleMore()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    QList<qint64> ticks;
    std::function<void()> tick = [&] {
        ticks.append(clock.nowMs());
        if (ticks.size() < 5)
            scheduler.schedule(clock.nowMs() + 250, tick);
    };
    scheduler.schedule(T0 + 250, tick);
    clock.advanceBy(10'000);
    QCOMPARE(ticks, (QList<qint64>{T0 + 250, T0 + 500, T0 + 750, T0 + 1000, T0 + 1250}));
}

void TestScheduler::manyCancellationsKeepOrder()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    QList<Scheduler::TimerId> ids;
    QList<qint64> fired;
    for (int i = 0; i < 1000; ++i) {
        const qint64 due = T0 + (i * 7919) % 1000 + 1;
        ids.append(scheduler.schedule(due, [&fired, &clock] { fired.append(clock.nowMs()); }));
    }
    for (int i = 0; i < 1000; ++i) {
        if (i % 10 != 0)
            scheduler.cancel(ids.at(i));
    }
    QCOMPARE(scheduler.pendingCount(), 100);
    clock.advanceBy(2000);
    QCOMPARE(fired.size(), 100);
    QVERIFY(std::is_sorted(fired.cbegin(), fired.cend()));
}

void TestScheduler::nothingFiresBeforeItIsDue()
{
    ManualClock clock(T0);
    Scheduler scheduler(&clock);
    bool fired = false;
    scheduler.schedule(T0 + 1000, [&] { fired = true; });
    clock.advanceBy(999);
    QVERIFY(!fired);
    clock.advanceBy(1);
    QVERIFY(fired);
}

void TestScheduler::systemClockFiresOnTime()
{
    SystemClock clock;
    Scheduler scheduler(&clock);
    const qint64 due = clock.nowMs() + 50;
    qint64 firedAt = 0;
    scheduler.schedule(due, [&] { firedAt = clock.nowMs(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedAt > 0, 5000);
    QVERIFY2(firedAt >= due, "fired before its due time");
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
