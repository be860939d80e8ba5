#include "scheduletimes.h"

#include <QScopeGuard>
#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(nightshift::Schedule)

namespace {

constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 60 * Minute;

Schedule every(qint64 ms)
{
    Schedule schedule;
    schedule.kind = Schedule::Kind::Interval;
    schedule.intervalMs = ms;
    return schedule;
}

Schedule bounded(Schedule schedule, std::optional<qint64> startAt, std::optional<qint64> endAt)
{
    schedule.startAtMs = startAt;
    schedule.endAtMs = endAt;
    return schedule;
}

Schedule onceAt(qint64 ms)
{
    Schedule schedule;
    schedule.kind = Schedule::Kind::Once;
    schedule.atMs = ms;
    return schedule;
}

} // namespace

class TestScheduleTimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void occurrences_data();
    void occurrences();
    void followsTheSystemZone();
};

void TestScheduleTimes::occurrences_data()
{
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<qint64>("anchor");
    QTest::addColumn<qint64>("after");
    QTest::addColumn<QList<qint64>>("expected");

    QTest::newRow("interval from its anchor") << every(5 * Minute) << T0 << T0
                                              << QList<qint64>{T0 + 5 * Minute,
                                                               T0 + 10 * Minute,
                                                               T0 + 15 * Minute,
                                                               T0 + 20 * Minute,
                                                               T0 + 25 * Minute};
    // Asked mid-period, the phase stays on the anchor's grid.
    QTest::newRow("interval keeps its phase") << every(5 * Minute) << T0 << T0 + 7 * Minute
                                              << QList<qint64>{T0 + 10 * Minute,
                                                               T0 + 15 * Minute,
                                                               T0 + 20 * Minute,
                                                               T0 + 25 * Minute,
                                                               T0 + 30 * Minute};
    QTest::newRow("interval exactly on a due time")
        << every(Minute) << T0 << T0 + 2 * Minute
        << QList<qint64>{
               T0 + 3 * Minute, T0 + 4 * Minute, T0 + 5 * Minute, T0 + 6 * Minute, T0 + 7 * Minute};
    QTest::newRow("anchor in the future")
        << every(Minute) << T0 + Minute << T0
        << QList<qint64>{
               T0 + 2 * Minute, T0 + 3 * Minute, T0 + 4 * Minute, T0 + 5 * Minute, T0 + 6 * Minute};
    QTest::newRow("once ahead") << onceAt(T0 + Minute) << qint64(0) << T0
                                << QList<qint64>{T0 + Minute};
    QTest::newRow("once passed") << onceAt(T0 - Minute) << qint64(0) << T0 << QList<qint64>{};
    QTest::newRow("manual") << Schedule{} << T0 << T0 << QList<qint64>{};
    QTest::newRow("no period") << every(0) << T0 << T0 << QList<qint64>{};
    // start_at without an anchor sets the phase, and is itself the first run.
    QTest::newRow("start_at sets the phase")
        << bounded(every(10 * Minute), T0 + 3 * Minute, std::nullopt) << T0 << T0
        << QList<qint64>{T0 + 3 * Minute,
                         T0 + 13 * Minute,
                         T0 + 23 * Minute,
                         T0 + 33 * Minute,
                         T0 + 43 * Minute};
    Schedule anchored = every(10 * Minute);
    anchored.anchorMs = T0;
    QTest::newRow("start_at keeps an anchor's phase")
        << bounded(anchored, T0 + 25 * Minute, std::nullopt) << T0 << T0
        << QList<qint64>{T0 + 30 * Minute,
                         T0 + 40 * Minute,
                         T0 + 50 * Minute,
                         T0 + 60 * Minute,
                         T0 + 70 * Minute};
    QTest::newRow("end_at is the last possible one")
        << bounded(every(10 * Minute), std::nullopt, T0 + 30 * Minute) << T0 << T0
        << QList<qint64>{T0 + 10 * Minute, T0 + 20 * Minute, T0 + 30 * Minute};
    Schedule berlin;
    berlin.kind = Schedule::Kind::Cron;
    berlin.cron = u"0 9 * * mon-fri"_s;
    berlin.timeZone = u"Europe/Berlin"_s;
    // 09:00 CET is 08:00Z: Thursday 1 and Friday 2 January 2026, then Monday 5 to Wednesday 7.
    QTest::newRow("cron in its zone")
        << berlin << qint64(0) << T0
        << QList<qint64>{
               T0 + 8 * Hour, T0 + 32 * Hour, T0 + 104 * Hour, T0 + 128 * Hour, T0 + 152 * Hour};
    Schedule broken = berlin;
    broken.cron = u"0 9 * * mon-fryday"_s;
    QTest::newRow("cron that does not parse") << broken << qint64(0) << T0 << QList<qint64>{};
    QTest::newRow("once outside its window")
        << bounded(onceAt(T0 + Minute), T0 + 2 * Minute, std::nullopt) << qint64(0) << T0
        << QList<qint64>{};
}

void TestScheduleTimes::occurrences()
{
    QFETCH(Schedule, schedule);
    QFETCH(qint64, anchor);
    QFETCH(qint64, after);
    QFETCH(QList<qint64>, expected);
    QCOMPARE(nextOccurrences(schedule, anchor, after, 5), expected);
    QCOMPARE(nextOccurrence(schedule, anchor, after), expected.value(0, -1));
    QCOMPARE(nextOccurrences(schedule, anchor, after, 2), expected.mid(0, 2));
    // One ScheduleTimes asked again and again, as an agent's is.
    const ScheduleTimes times(schedule);
    QList<qint64> stepped;
    for (qint64 next = times.next(anchor, after); next >= 0 && stepped.size() < 5;
         next = times.next(anchor, next))
        stepped.append(next);
    QCOMPARE(stepped, expected);
}

void TestScheduleTimes::followsTheSystemZone()
{
    const QByteArray previous = qgetenv("TZ");
    const auto restore = qScopeGuard([&previous] {
        if (previous.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", previous);
    });
    Schedule nine;
    nine.kind = Schedule::Kind::Cron;
    nine.cron = u"0 9 * * *"_s;
    qputenv("TZ", "UTC");
    const ScheduleTimes times(nine);
    QCOMPARE(times.next(0, T0), T0 + 9 * Hour);
    // T0 is 09:00 in Tokyo, so the next 09:00 there is a day later.
    qputenv("TZ", "Asia/Tokyo");
    QCOMPARE(times.next(0, T0), T0 + 24 * Hour);
}

QTEST_GUILESS_MAIN(TestScheduleTimes)
#include "tst_scheduletimes.moc"
