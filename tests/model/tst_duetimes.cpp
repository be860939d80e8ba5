#include "duetimes.h"

#include <QCoreApplication>
#include <QTest>
#include <QTimeZone>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Nov30At8Utc = 1'796'025'600'000; // 2026-11-30T08:00:00Z, a Monday
constexpr qint64 Nov30At2Utc = 1'796'004'000'000; // 2026-11-30T02:00:00Z
// The zone main() makes local: UTC-5 on these dates.
constexpr char LocalZone[] = "America/New_York";

Schedule interval(qint64 ms, int maxRuns = 0)
{
    Schedule schedule;
    schedule.kind = Schedule::Kind::Interval;
    schedule.intervalMs = ms;
    schedule.maxRuns = maxRuns;
    return schedule;
}

} // namespace

class TestDueTimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dueTimeText_data();
    void dueTimeText();
    void upcomingStopsAtMaxRuns();
};

void TestDueTimes::initTestCase()
{
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray(LocalZone));
}

void TestDueTimes::dueTimeText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("text");

    QTest::newRow("no zone: local time") << Nov30At8Utc << QString() << u"Mon 2026-11-30 03:00"_s;
    QTest::newRow("seconds only when there are some")
        << Nov30At8Utc + 30'000 << QString() << u"Mon 2026-11-30 03:00:30"_s;
    QTest::newRow("the local zone by name: once")
        << Nov30At8Utc << QString::fromLatin1(LocalZone) << u"Mon 2026-11-30 03:00"_s;
    QTest::newRow("another zone: both") << Nov30At8Utc << u"Europe/Berlin"_s
                                        << u"Mon 2026-11-30 09:00 Europe/Berlin — 03:00 local"_s;
    QTest::newRow("another date: both dates")
        << Nov30At2Utc << u"Asia/Tokyo"_s
        << u"Mon 2026-11-30 11:00 Asia/Tokyo — Sun 2026-11-29 21:00 local"_s;
    QTest::newRow("another zone with seconds")
        << Nov30At8Utc + 1'500 << u"Asia/Kolkata"_s
        << u"Mon 2026-11-30 13:30:01 Asia/Kolkata — 03:00:01 local"_s;
    QTest::newRow("unknown zone: local time")
        << Nov30At8Utc << u"Mars/Olympus_Mons"_s << u"Mon 2026-11-30 03:00"_s;
}

void TestDueTimes::dueTimeText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, zone);
    QFETCH(QString, text);
    QCOMPARE(nightshift::dueTimeText(ms, zone, QLocale::c()), text);
    QCOMPARE(isOtherThanLocalZone(zone), text.contains(u" local"_s));
}

void TestDueTimes::upcomingStopsAtMaxRuns()
{
    const qint64 anchor = Nov30At8Utc;
    const QList<qint64> ten = upcomingDueTimes(interval(60'000), anchor, anchor);
    QCOMPARE(ten.size(), DueTimesListed);
    QCOMPARE(ten.first(), anchor + 60'000);
    QCOMPARE(ten.last(), anchor + DueTimesListed * 60'000);

    const QList<qint64> three = upcomingDueTimes(interval(60'000, 3), anchor, anchor);
    QCOMPARE(three, (QList<qint64>{anchor + 60'000, anchor + 120'000, anchor + 180'000}));
    QCOMPARE(upcomingDueTimes(interval(60'000, 30), anchor, anchor, 4).size(), 4);

    Schedule manual;
    QVERIFY(upcomingDueTimes(manual, anchor, anchor).isEmpty());
}

int main(int argc, char **argv)
{
    // "Local" must mean the same zone on every machine; set before Qt reads it.
    qputenv("TZ", LocalZone);
    QCoreApplication app(argc, argv);
    TestDueTimes test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_duetimes.moc"
