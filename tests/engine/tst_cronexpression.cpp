#include "cronexpression.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

/// An ISO 8601 time with its offset, as the tables write them, in UTC ms.
qint64 at(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
    if (!time.isValid())
        qFatal("bad time in a test table: %s", qPrintable(iso));
    return time.toMSecsSinceEpoch();
}

/// UTC ISO strings, so that a failing comparison shows readable instants.
QStringList utcStrings(const QList<qint64> &instants)
{
    QStringList strings;
    for (const qint64 instant : instants) {
        strings.append(
            QDateTime::fromMSecsSinceEpoch(instant, QTimeZone::utc()).toString(Qt::ISODate));
    }
    return strings;
}

QStringList utcStrings(const QStringList &isoTimes)
{
    QList<qint64> instants;
    for (const QString &iso : isoTimes)
        instants.append(at(iso));
    return utcStrings(instants);
}

CronExpression parsed(const QString &text)
{
    const Result<CronExpression> result = CronExpression::parse(text);
    if (!result)
        qFatal("%s does not parse: %s", qPrintable(text), qPrintable(result.errorMessage()));
    return *result;
}

} // namespace

class TestCronExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidForms_data();
    void parsesValidForms();
    void keepsTrimmedText();
    void starInDayFieldsChangesTheMeaning();
    void refusesInvalidForms_data();
    void refusesInvalidForms();
    void nextInstants_data();
    void nextInstants();
    void invalidZoneCountsAsUtc();
    void nullExpressionNeverRuns();
    void farLeapDayIsFound();
    void describes_data();
    void describes();
};

void TestCronExpression::parsesValidForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("equivalent");

    QTest::newRow("names, any case") << u"0 0 * JAN,Jul MON-fri"_s << u"0 0 * 1,7 1-5"_s;
    QTest::newRow("7 is Sunday") << u"0 0 * * 7"_s << u"0 0 * * 0"_s;
    QTest::newRow("sun is Sunday") << u"0 0 * * sun"_s << u"0 0 * * 0"_s;
    QTest::newRow("range up to 7") << u"0 0 * * 5-7"_s << u"0 0 * * 0,5,6"_s;
    QTest::newRow("star step") << u"*/15 * * * *"_s << u"0,15,30,45 * * * *"_s;
    QTest::newRow("range step") << u"1-10/3 * * * *"_s << u"1,4,7,10 * * * *"_s;
    QTest::newRow("start step runs to the maximum") << u"5/20 * * * *"_s << u"5,25,45 * * * *"_s;
    QTest::newRow("start step in day of week reaches 7")
        << u"0 0 * * mon/2"_s << u"0 0 * * 0,1,3,5"_s;
    QTest::newRow("list of every kind") << u"0 1,5-7,*/12 * * *"_s << u"0 0,1,5,6,7,12 * * *"_s;
    QTest::newRow("month range of names") << u"0 0 1 mar-may *"_s << u"0 0 1 3,4,5 *"_s;
    QTest::newRow("leading zeros") << u"05 09 * * *"_s << u"5 9 * * *"_s;
    QTest::newRow("tabs and extra spaces") << u"  0\t9  * *   * "_s << u"0 9 * * *"_s;
    QTest::newRow("@yearly") << u"@yearly"_s << u"0 0 1 1 *"_s;
    QTest::newRow("@annually") << u"@annually"_s << u"0 0 1 1 *"_s;
    QTest::newRow("@monthly") << u"@monthly"_s << u"0 0 1 * *"_s;
    QTest::newRow("@weekly") << u"@weekly"_s << u"0 0 * * 0"_s;
    QTest::newRow("@daily") << u"@daily"_s << u"0 0 * * *"_s;
    QTest::newRow("@midnight") << u"@midnight"_s << u"0 0 * * *"_s;
    QTest::newRow("@hourly") << u"@hourly"_s << u"0 * * * *"_s;
    QTest::newRow("29 February") << u"0 12 29 2 *"_s << u"0 12 29 feb *"_s;
    QTest::newRow("31st in long months") << u"0 0 31 1-3 *"_s << u"0 0 31 jan,feb,mar *"_s;
}

void TestCronExpression::parsesValidForms()
{
    QFETCH(QString, text);
    QFETCH(QString, equivalent);

    const Result<CronExpression> expression = CronExpression::parse(text);
    QVERIFY2(expression.ok(), qPrintable(expression.errorMessage()));
    QVERIFY(!expression->isNull());
    QCOMPARE(*expression, parsed(equivalent));
}

void TestCronExpression::keepsTrimmedText()
{
    QCOMPARE(parsed(u"  @daily \n"_s).text(), u"@daily"_s);
    QCOMPARE(parsed(u" */5  * * * *\t"_s).text(), u"*/5  * * * *"_s);
    QVERIFY(!(parsed(u"0 0 * * 1"_s) == parsed(u"0 0 * * 2"_s)));
}

// Vixie cron: a day field starting with '*' makes a day match both fields, whereas two restricted
// fields match either. "*/1" and "1-31" name the same days yet mean different schedules.
void TestCronExpression::starInDayFieldsChangesTheMeaning()
{
    const CronExpression starred = parsed(u"0 0 */1 * 1"_s);
    const CronExpression listed = parsed(u"0 0 1-31 * 1"_s);
    QVERIFY(!(starred == listed));

    const QTimeZone utc = QTimeZone::utc();
    const qint64 from = at(u"2026-04-01T00:00Z"_s); // a Wednesday
    QCOMPARE(utcStrings(starred.nextInstants(from, utc, 2)),
             utcStrings(QStringList{u"2026-04-06T00:00Z"_s, u"2026-04-13T00:00Z"_s}));
    QCOMPARE(utcStrings(listed.nextInstants(from, utc, 2)),
             utcStrings(QStringList{u"2026-04-02T00:00Z"_s, u"2026-04-03T00:00Z"_s}));
}

void TestCronExpression::refusesInvalidForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field"); // the message's prefix; empty when no one field is at fault
    QTest::addColumn<QString>("fragment");

    QTest::newRow("empty") << u""_s << u""_s << u"empty"_s;
    QTest::newRow("blank") << u"  \t "_s << u""_s << u"empty"_s;
    QTest::newRow("one field") << u"*"_s << u"hour"_s << u"missing"_s;
    QTest::newRow("four fields") << u"* * * *"_s << u"day of week"_s << u"missing"_s;
    QTest::newRow("six fields") << u"0 * * * * *"_s << u""_s << u"6 fields"_s;
    QTest::newRow("minute 60") << u"60 * * * *"_s << u"minute"_s
                               << u"\"60\" is out of range (0–59)"_s;
    QTest::newRow("huge number") << u"99999 * * * *"_s << u"minute"_s << u"out of range"_s;
    QTest::newRow("hour 24") << u"0 24 * * *"_s << u"hour"_s << u"out of range (0–23)"_s;
    QTest::newRow("day 0") << u"0 0 0 * *"_s << u"day of month"_s << u"out of range (1–31)"_s;
    QTest::newRow("day 32") << u"0 0 32 * *"_s << u"day of month"_s << u"out of range (1–31)"_s;
    QTest::newRow("month 0") << u"0 0 * 0 *"_s << u"month"_s << u"out of range (1–12)"_s;
    QTest::newRow("month 13") << u"0 0 * 13 *"_s << u"month"_s << u"out of range (1–12)"_s;
    QTest::newRow("weekday 8") << u"0 0 * * 8"_s << u"day of week"_s << u"out of range (0–7)"_s;
    QTest::newRow("range end out of range")
        << u"50-70 * * * *"_s << u"minute"_s << u"out of range"_s;
    QTest::newRow("reversed hours") << u"0 18-8 * * *"_s << u"hour"_s << u"reversed"_s;
    QTest::newRow("reversed weekend") << u"0 0 * * sat-sun"_s << u"day of week"_s << u"reversed"_s;
    QTest::newRow("step 0") << u"*/0 * * * *"_s << u"minute"_s << u"step of 0"_s;
    QTest::newRow("range step 0") << u"0 0 1-10/0 * *"_s << u"day of month"_s << u"step of 0"_s;
    QTest::newRow("step too large") << u"*/60 * * * *"_s << u"minute"_s << u"larger than"_s;
    QTest::newRow("step missing") << u"*/ * * * *"_s << u"minute"_s << u"number after"_s;
    QTest::newRow("step not a number") << u"0 */x * * *"_s << u"hour"_s << u"number after"_s;
    QTest::newRow("two steps") << u"1/2/3 * * * *"_s << u"minute"_s << u"more than one step"_s;
    QTest::newRow("empty item") << u"1,,2 * * * *"_s << u"minute"_s << u"empty item"_s;
    QTest::newRow("trailing comma") << u"0 1, * * *"_s << u"hour"_s << u"empty item"_s;
    QTest::newRow("leading comma") << u"0 0 ,1 * *"_s << u"day of month"_s << u"empty item"_s;
    QTest::newRow("open range") << u"0 0 * * 1-"_s << u"day of week"_s << u"is not a number"_s;
    QTest::newRow("negative") << u"-1 * * * *"_s << u"minute"_s << u"is not a number"_s;
    QTest::newRow("star in a range") << u"*-5 * * * *"_s << u"minute"_s << u"is not a number"_s;
    QTest::newRow("letters") << u"a * * * *"_s << u"minute"_s << u"\"a\" is not a number"_s;
    QTest::newRow("name in hour") << u"0 mon * * *"_s << u"hour"_s << u"\"mon\" is not a number"_s;
    QTest::newRow("Quartz L") << u"0 0 L * *"_s << u"day of month"_s << u"is not a number"_s;
    QTest::newRow("Quartz ?") << u"0 0 ? * *"_s << u"day of month"_s << u"is not a number"_s;
    QTest::newRow("bad month name")
        << u"0 0 * foo *"_s << u"month"_s << u"\"foo\" is not a number or a month name (jan–dec)"_s;
    QTest::newRow("bad day name") << u"0 0 * * mon-fryday"_s << u"day of week"_s
                                  << u"\"mon-fryday\" is not a number or a day name (sun–sat)"_s;
    QTest::newRow("30 February") << u"0 0 30 2 *"_s << u"day of month"_s << u"never run"_s;
    QTest::newRow("31 April and June") << u"0 0 31 4,6 *"_s << u"day of month"_s << u"never run"_s;
    QTest::newRow("late February days")
        << u"0 0 30,31 feb *"_s << u"day of month"_s << u"never run"_s;
    QTest::newRow("@reboot") << u"@reboot"_s << u""_s << u"\"once\" or \"manual\""_s;
    QTest::newRow("unknown macro") << u"@fortnightly"_s << u""_s << u"not a known macro"_s;
    QTest::newRow("macro with more") << u"@daily 5"_s << u""_s << u"not a known macro"_s;
}

void TestCronExpression::refusesInvalidForms()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, fragment);

    const Result<CronExpression> expression = CronExpression::parse(text);
    QVERIFY(!expression.ok());
    QCOMPARE(expression.error().code, ErrorCode::InvalidArgument);
    const QString message = expression.errorMessage();
    if (!field.isEmpty())
        QVERIFY2(message.startsWith(field + u": "_s), qPrintable(message));
    QVERIFY2(message.contains(fragment), qPrintable(message));
}

void TestCronExpression::nextInstants_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    // America/New_York, 2026: 02:00 EST (-05:00) jumps to 03:00 EDT (-04:00) on 8 March;
    // 02:00 EDT falls back to 01:00 EST on 1 November, so 01:00–01:59 happens twice.
    const QByteArray newYork = "America/New_York";
    QTest::newRow("New York: 02:30 in the spring gap runs at 03:00 EDT")
        << u"30 2 * * *"_s << newYork << u"2026-03-07T00:00-05:00"_s
        << QStringList{u"2026-03-07T02:30-05:00"_s,
                       u"2026-03-08T03:00-04:00"_s,
                       u"2026-03-09T02:30-04:00"_s};
    QTest::newRow("New York: 01:30 before the spring gap")
        << u"30 1 * * *"_s << newYork << u"2026-03-07T12:00-05:00"_s
        << QStringList{u"2026-03-08T01:30-05:00"_s, u"2026-03-09T01:30-04:00"_s};
    QTest::newRow("New York: hourly across the spring gap, 02:00 and 03:00 one run")
        << u"0 * * * *"_s << newYork << u"2026-03-08T00:30-05:00"_s
        << QStringList{u"2026-03-08T01:00-05:00"_s,
                       u"2026-03-08T03:00-04:00"_s,
                       u"2026-03-08T04:00-04:00"_s};
    QTest::newRow("New York: 01:30 in the fold runs at its first (EDT) occurrence")
        << u"30 1 * * *"_s << newYork << u"2026-10-31T12:00-04:00"_s
        << QStringList{u"2026-11-01T01:30-04:00"_s, u"2026-11-02T01:30-05:00"_s};
    QTest::newRow("New York: 02:30 after the fold")
        << u"30 2 * * *"_s << newYork << u"2026-10-31T00:00-04:00"_s
        << QStringList{u"2026-10-31T02:30-04:00"_s,
                       u"2026-11-01T02:30-05:00"_s,
                       u"2026-11-02T02:30-05:00"_s};
    QTest::newRow("New York: hourly across the fold, 01:00 once")
        << u"0 * * * *"_s << newYork << u"2026-11-01T00:30-04:00"_s
        << QStringList{u"2026-11-01T01:00-04:00"_s,
                       u"2026-11-01T02:00-05:00"_s,
                       u"2026-11-01T03:00-05:00"_s};
    QTest::newRow("New York: from the fold's first pass, its second pass is skipped")
        << u"*/20 * * * *"_s << newYork << u"2026-11-01T01:30-04:00"_s
        << QStringList{u"2026-11-01T01:40-04:00"_s, u"2026-11-01T02:00-05:00"_s};
    QTest::newRow("New York: asked inside the fold's second pass")
        << u"30 1 * * *"_s << newYork << u"2026-11-01T01:10-05:00"_s
        << QStringList{u"2026-11-02T01:30-05:00"_s};

    // Europe/Berlin, 2026: 02:00 CET (+01:00) jumps to 03:00 CEST (+02:00) on 29 March at 01:00Z;
    // 03:00 CEST falls back to 02:00 CET on 25 October at 01:00Z.
    const QByteArray berlin = "Europe/Berlin";
    QTest::newRow("Berlin: 02:30 in the spring gap")
        << u"30 2 * * *"_s << berlin << u"2026-03-28T12:00+01:00"_s
        << QStringList{u"2026-03-29T03:00+02:00"_s, u"2026-03-30T02:30+02:00"_s};
    QTest::newRow("Berlin: four times in the gap make one run")
        << u"*/15 2 * * *"_s << berlin << u"2026-03-29T00:00+01:00"_s
        << QStringList{u"2026-03-29T03:00+02:00"_s,
                       u"2026-03-30T02:00+02:00"_s,
                       u"2026-03-30T02:15+02:00"_s};
    QTest::newRow("Berlin: the gap's times and 03:00 itself make one run")
        << u"*/15 2-3 * * *"_s << berlin << u"2026-03-29T00:00+01:00"_s
        << QStringList{u"2026-03-29T03:00+02:00"_s,
                       u"2026-03-29T03:15+02:00"_s,
                       u"2026-03-29T03:30+02:00"_s,
                       u"2026-03-29T03:45+02:00"_s,
                       u"2026-03-30T02:00+02:00"_s};
    QTest::newRow("Berlin: 02:30 in the fold runs with the summer offset")
        << u"30 2 * * *"_s << berlin << u"2026-10-24T12:00+02:00"_s
        << QStringList{u"2026-10-25T02:30+02:00"_s, u"2026-10-26T02:30+01:00"_s};
    QTest::newRow("Berlin: every 15 minutes asked inside the fold's second pass")
        << u"*/15 * * * *"_s << berlin << u"2026-10-25T02:10+01:00"_s
        << QStringList{u"2026-10-25T03:00+01:00"_s, u"2026-10-25T03:15+01:00"_s};

    // Australia/Lord_Howe, 2026: half-hour shifts. 02:00 LHDT (+11:00) falls back to 01:30 LHST
    // (+10:30) on 5 April, so 01:30–01:59 happens twice; 02:00 LHST jumps to 02:30 LHDT on
    // 4 October.
    const QByteArray lordHowe = "Australia/Lord_Howe";
    QTest::newRow("Lord Howe: 02:15 in the spring gap runs at 02:30")
        << u"15 2 * * *"_s << lordHowe << u"2026-10-03T00:00+10:30"_s
        << QStringList{u"2026-10-03T02:15+10:30"_s,
                       u"2026-10-04T02:30+11:00"_s,
                       u"2026-10-05T02:15+11:00"_s};
    QTest::newRow("Lord Howe: 01:45 before the spring gap")
        << u"45 1 * * *"_s << lordHowe << u"2026-10-03T12:00+10:30"_s
        << QStringList{u"2026-10-04T01:45+10:30"_s, u"2026-10-05T01:45+11:00"_s};
    QTest::newRow("Lord Howe: 01:45 in the fold runs at its first occurrence")
        << u"45 1 * * *"_s << lordHowe << u"2026-04-04T12:00+11:00"_s
        << QStringList{u"2026-04-05T01:45+11:00"_s, u"2026-04-06T01:45+10:30"_s};
    QTest::newRow("Lord Howe: 02:15 after the fold")
        << u"15 2 * * *"_s << lordHowe << u"2026-04-04T12:00+11:00"_s
        << QStringList{u"2026-04-05T02:15+10:30"_s, u"2026-04-06T02:15+10:30"_s};
    QTest::newRow("Lord Howe: asked inside the fold's second pass")
        << u"*/10 1 * * *"_s << lordHowe << u"2026-04-05T01:35+10:30"_s
        << QStringList{u"2026-04-06T01:00+10:30"_s, u"2026-04-06T01:10+10:30"_s};

    // A zone without daylight saving and a half-hour offset.
    QTest::newRow("Kolkata: daily at 09:00 IST")
        << u"0 9 * * *"_s << QByteArray("Asia/Kolkata") << u"2026-06-01T00:00Z"_s
        << QStringList{u"2026-06-01T09:00+05:30"_s, u"2026-06-02T09:00+05:30"_s};

    const QByteArray utc = "UTC";
    QTest::newRow("UTC: strictly after a matching instant")
        << u"0 * * * *"_s << utc << u"2026-01-01T00:00Z"_s
        << QStringList{u"2026-01-01T01:00Z"_s, u"2026-01-01T02:00Z"_s};
    QTest::newRow("UTC: a millisecond past a match")
        << u"0 * * * *"_s << utc << u"2026-01-01T00:00:00.001Z"_s
        << QStringList{u"2026-01-01T01:00Z"_s};
    QTest::newRow("UTC: every minute across the new year")
        << u"* * * * *"_s << utc << u"2026-12-31T23:59:30Z"_s
        << QStringList{u"2027-01-01T00:00Z"_s, u"2027-01-01T00:01Z"_s};
    QTest::newRow("UTC: new year's midnight")
        << u"0 0 1 1 *"_s << utc << u"2026-12-31T23:59Z"_s
        << QStringList{u"2027-01-01T00:00Z"_s, u"2028-01-01T00:00Z"_s};
    QTest::newRow("UTC: the year's last minute, asked at it")
        << u"59 23 31 12 *"_s << utc << u"2026-12-31T23:59Z"_s
        << QStringList{u"2027-12-31T23:59Z"_s, u"2028-12-31T23:59Z"_s};
    // April 2026 begins on a Wednesday: Fridays are 3, 10, 17, 24; the 13th is a Monday.
    QTest::newRow("UTC: the 13th or a Friday") << u"0 0 13 * 5"_s << utc << u"2026-03-28T00:00Z"_s
                                               << QStringList{u"2026-04-03T00:00Z"_s,
                                                              u"2026-04-10T00:00Z"_s,
                                                              u"2026-04-13T00:00Z"_s,
                                                              u"2026-04-17T00:00Z"_s,
                                                              u"2026-04-24T00:00Z"_s,
                                                              u"2026-05-01T00:00Z"_s};
    // "*/2" starts with '*': odd days that are also Mondays (Mondays: 6, 13, 20, 27 April;
    // 4, 11, 18, 25 May).
    QTest::newRow("UTC: */2 day of month with a weekday means both")
        << u"0 0 */2 * 1"_s << utc << u"2026-04-01T00:00Z"_s
        << QStringList{u"2026-04-13T00:00Z"_s,
                       u"2026-04-27T00:00Z"_s,
                       u"2026-05-11T00:00Z"_s,
                       u"2026-05-25T00:00Z"_s};
    QTest::newRow("UTC: 1-31/2 with a weekday means either")
        << u"0 0 1-31/2 * 1"_s << utc << u"2026-04-01T00:00Z"_s
        << QStringList{u"2026-04-03T00:00Z"_s,
                       u"2026-04-05T00:00Z"_s,
                       u"2026-04-06T00:00Z"_s,
                       u"2026-04-07T00:00Z"_s,
                       u"2026-04-09T00:00Z"_s};
    QTest::newRow("UTC: a weekday alone")
        << u"0 0 * * 1"_s << utc << u"2026-04-01T00:00Z"_s
        << QStringList{u"2026-04-06T00:00Z"_s, u"2026-04-13T00:00Z"_s};
    QTest::newRow("UTC: 7 is Sunday")
        << u"0 0 * * 7"_s << utc << u"2026-04-01T00:00Z"_s
        << QStringList{u"2026-04-05T00:00Z"_s, u"2026-04-12T00:00Z"_s};
    QTest::newRow("UTC: 29 February waits for a leap year")
        << u"0 12 29 2 *"_s << utc << u"2026-01-01T00:00Z"_s
        << QStringList{u"2028-02-29T12:00Z"_s, u"2032-02-29T12:00Z"_s};
    // 30 January 2026 is a Friday, 1 July a Wednesday.
    QTest::newRow("UTC: names and steps")
        << u"0 9-17/2 * jan,jul mon-fri"_s << utc << u"2026-01-30T16:00Z"_s
        << QStringList{u"2026-01-30T17:00Z"_s,
                       u"2026-07-01T09:00Z"_s,
                       u"2026-07-01T11:00Z"_s,
                       u"2026-07-01T13:00Z"_s,
                       u"2026-07-01T15:00Z"_s,
                       u"2026-07-01T17:00Z"_s,
                       u"2026-07-02T09:00Z"_s};
    QTest::newRow("UTC: the 31st skips short months")
        << u"0 0 31 * *"_s << utc << u"2026-01-31T00:00Z"_s
        << QStringList{u"2026-03-31T00:00Z"_s,
                       u"2026-05-31T00:00Z"_s,
                       u"2026-07-31T00:00Z"_s,
                       u"2026-08-31T00:00Z"_s,
                       u"2026-10-31T00:00Z"_s,
                       u"2026-12-31T00:00Z"_s,
                       u"2027-01-31T00:00Z"_s};
    QTest::newRow("UTC: @monthly across the year")
        << u"@monthly"_s << utc << u"2026-11-15T00:00Z"_s
        << QStringList{u"2026-12-01T00:00Z"_s, u"2027-01-01T00:00Z"_s, u"2027-02-01T00:00Z"_s};
}

void TestCronExpression::nextInstants()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, zone);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    const QTimeZone timeZone(zone);
    QVERIFY(timeZone.isValid());
    const CronExpression cron = parsed(expression);
    const QList<qint64> instants = cron.nextInstants(at(after), timeZone, int(expected.size()));
    QCOMPARE(utcStrings(instants), utcStrings(expected));
    QCOMPARE(cron.nextAfter(at(after), timeZone), at(expected.first()));
}

void TestCronExpression::invalidZoneCountsAsUtc()
{
    const CronExpression cron = parsed(u"30 2 * * *"_s);
    QCOMPARE(cron.nextAfter(at(u"2026-03-08T00:00Z"_s), QTimeZone()), at(u"2026-03-08T02:30Z"_s));
}

void TestCronExpression::nullExpressionNeverRuns()
{
    const CronExpression none;
    QVERIFY(none.isNull());
    QCOMPARE(none.nextAfter(0, QTimeZone::utc()), qint64(-1));
    QVERIFY(none.nextInstants(0, QTimeZone::utc(), 3).isEmpty());
    QVERIFY(!none.describe().isEmpty());
}

// 2100 is no leap year, so the next 29 February after 2097 is in 2104. Skipping by month and
// day finds it in well under a millisecond; a minute-by-minute scan of seven years would take
// seconds.
void TestCronExpression::farLeapDayIsFound()
{
    const CronExpression cron = parsed(u"0 0 29 2 *"_s);
    const QTimeZone berlin("Europe/Berlin");
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(cron.nextAfter(at(u"2097-03-01T00:00Z"_s), QTimeZone::utc()),
             at(u"2104-02-29T00:00Z"_s));
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(cron.nextAfter(at(u"2097-03-01T00:00Z"_s), berlin),
                 at(u"2104-02-29T00:00+01:00"_s));
    }
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

void TestCronExpression::describes_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("description");

    QTest::newRow("every minute") << u"* * * * *"_s << u"every minute"_s;
    QTest::newRow("every 5 minutes") << u"*/5 * * * *"_s << u"every 5 minutes"_s;
    QTest::newRow("every 20 minutes") << u"*/20 * * * *"_s << u"every 20 minutes"_s;
    QTest::newRow("twice an hour") << u"*/30 * * * *"_s << u"at minute 0,30 past every hour"_s;
    QTest::newRow("hourly") << u"0 * * * *"_s << u"every hour at minute 0"_s;
    QTest::newRow("@hourly") << u"@hourly"_s << u"every hour at minute 0"_s;
    QTest::newRow("every 2 hours") << u"15 */2 * * *"_s << u"every 2 hours at minute 15"_s;
    QTest::newRow("daily") << u"0 9 * * *"_s << u"every day at 09:00"_s;
    QTest::newRow("daily, every weekday listed") << u"30 7 * * 0-7"_s << u"every day at 07:30"_s;
    QTest::newRow("working days") << u"0 9 * * 1-5"_s << u"at 09:00 on Monday to Friday"_s;
    QTest::newRow("two weekdays") << u"0 9 * * mon,wed"_s << u"at 09:00 on Monday, Wednesday"_s;
    QTest::newRow("weekend") << u"0 10 * * sat,sun"_s << u"at 10:00 on Saturday, Sunday"_s;
    QTest::newRow("Friday to Sunday") << u"0 10 * * 5-7"_s << u"at 10:00 on Friday to Sunday"_s;
    QTest::newRow("@weekly") << u"@weekly"_s << u"at 00:00 on Sunday"_s;
    QTest::newRow("monthly") << u"0 0 1 * *"_s << u"at 00:00 on day 1 of the month"_s;
    QTest::newRow("@monthly") << u"@monthly"_s << u"at 00:00 on day 1 of the month"_s;
    QTest::newRow("twice a month") << u"0 9 1,15 * *"_s << u"at 09:00 on days 1,15 of the month"_s;
    QTest::newRow("leap day") << u"0 12 29 2 *"_s << u"at 12:00 on 29 February"_s;
    QTest::newRow("@yearly") << u"@yearly"_s << u"at 00:00 on 1 January"_s;
    QTest::newRow("some months") << u"0 0 * 1-3 *"_s << u"at 00:00 in January to March"_s;
    QTest::newRow("first of some months")
        << u"0 0 1 1-3 *"_s << u"at 00:00 on day 1 of the month in January to March"_s;
    QTest::newRow("weekdays in two months")
        << u"0 9 * jan,jul mon-fri"_s << u"at 09:00 on Monday to Friday in January, July"_s;
    QTest::newRow("either day") << u"0 0 13 * 5"_s
                                << u"at 00:00 on day 13 of the month or on Friday"_s;
    QTest::newRow("both days") << u"0 0 */15 * 1"_s
                               << u"at 00:00 on days 1,16,31 of the month that fall on Monday"_s;
    QTest::newRow("generic") << u"0,30 8-18 * * 1,3"_s
                             << u"at minute 0,30 past hours 8–18 on Monday, Wednesday"_s;
    QTest::newRow("uneven hours") << u"0 9-17/2 * * *"_s
                                  << u"at minute 0 past hours 9,11,13,15,17"_s;
    QTest::newRow("uneven minutes") << u"*/25 * * * *"_s << u"at minute 0,25,50 past every hour"_s;
    QTest::newRow("minutes every hour") << u"5,35 * * * *"_s << u"at minute 5,35 past every hour"_s;
    QTest::newRow("every minute of one hour") << u"* 9 * * *"_s << u"every minute during hour 9"_s;
    QTest::newRow("every 10 minutes of office hours")
        << u"*/10 9-17 * * *"_s << u"every 10 minutes during hours 9–17"_s;
}

void TestCronExpression::describes()
{
    QFETCH(QString, expression);
    QFETCH(QString, description);

    QCOMPARE(parsed(expression).describe(), description);
}

QTEST_GUILESS_MAIN(TestCronExpression)
#include "tst_cronexpression.moc"
