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

    QTest::newRow("names, any case") << "0 0 * JAN,Jul MON-fri" << "0 0 * 1,7 1-5";
    QTest::newRow("7 is Sunday") << "0 0 * * 7" << "0 0 * * 0";
    QTest::newRow("sun is Sunday") << "0 0 * * sun" << "0 0 * * 0";
    QTest::newRow("range up to 7") << "0 0 * * 5-7" << "0 0 * * 0,5,6";
    QTest::newRow("star step") << "*/15 * * * *" << "0,15,30,45 * * * *";
    QTest::newRow("range step") << "1-10/3 * * * *" << "1,4,7,10 * * * *";
    QTest::newRow("start step runs to the maximum") << "5/20 * * * *" << "5,25,45 * * * *";
    QTest::newRow("start step in day of week reaches 7") << "0 0 * * mon/2" << "0 0 * * 0,1,3,5";
    QTest::newRow("list of every kind") << "0 1,5-7,*/12 * * *" << "0 0,1,5,6,7,12 * * *";
    QTest::newRow("month range of names") << "0 0 1 mar-may *" << "0 0 1 3,4,5 *";
    QTest::newRow("leading zeros") << "05 09 * * *" << "5 9 * * *";
    QTest::newRow("tabs and extra spaces") << "  0\t9  * *   * " << "0 9 * * *";
    QTest::newRow("@yearly") << "@yearly" << "0 0 1 1 *";
    QTest::newRow("@annually") << "@annually" << "0 0 1 1 *";
    QTest::newRow("@monthly") << "@monthly" << "0 0 1 * *";
    QTest::newRow("@weekly") << "@weekly" << "0 0 * * 0";
    QTest::newRow("@daily") << "@daily" << "0 0 * * *";
    QTest::newRow("@midnight") << "@midnight" << "0 0 * * *";
    QTest::newRow("@hourly") << "@hourly" << "0 * * * *";
    QTest::newRow("29 February") << "0 12 29 2 *" << "0 12 29 feb *";
    QTest::newRow("31st in long months") << "0 0 31 1-3 *" << "0 0 31 jan,feb,mar *";
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
             utcStrings(QStringList{u"2026-04-06T00:00Z"_s,
                                    u"2026-04-13T00:00Z"_s}));
    QCOMPARE(utcStrings(listed.nextInstants(from, utc, 2)),
             utcStrings(QStringList{u"2026-04-02T00:00Z"_s,
                                    u"2026-04-03T00:00Z"_s}));
}

void TestCronExpression::refusesInvalidForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field"); // the message's prefix; empty when no one field is at fault
    QTest::addColumn<QString>("fragment");

    QTest::newRow("empty") << "" << "" << "empty";
    QTest::newRow("blank") << "  \t " << "" << "empty";
    QTest::newRow("one field") << "*" << "hour" << "missing";
    QTest::newRow("four fields") << "* * * *" << "day of week" << "missing";
    QTest::newRow("six fields") << "0 * * * * *" << "" << "6 fields";
    QTest::newRow("minute 60") << "60 * * * *" << "minute" << "\"60\" is out of range (0–59)";
    QTest::newRow("huge number") << "99999 * * * *" << "minute" << "out of range";
    QTest::newRow("hour 24") << "0 24 * * *" << "hour" << "out of range (0–23)";
    QTest::newRow("day 0") << "0 0 0 * *" << "day of month" << "out of range (1–31)";
    QTest::newRow("day 32") << "0 0 32 * *" << "day of month" << "out of range (1–31)";
    QTest::newRow("month 0") << "0 0 * 0 *" << "month" << "out of range (1–12)";
    QTest::newRow("month 13") << "0 0 * 13 *" << "month" << "out of range (1–12)";
    QTest::newRow("weekday 8") << "0 0 * * 8" << "day of week" << "out of range (0–7)";
    QTest::newRow("range end out of range") << "50-70 * * * *" << "minute" << "out of range";
    QTest::newRow("reversed hours") << "0 18-8 * * *" << "hour" << "reversed";
    QTest::newRow("reversed weekend") << "0 0 * * sat-sun" << "day of week" << "reversed";
    QTest::newRow("step 0") << "*/0 * * * *" << "minute" << "step of 0";
    QTest::newRow("range step 0") << "0 0 1-10/0 * *" << "day of month" << "step of 0";
    QTest::newRow("step too large") << "*/60 * * * *" << "minute" << "larger than";
    QTest::newRow("step missing") << "*/ * * * *" << "minute" << "number after";
    QTest::newRow("step not a number") << "0 */x * * *" << "hour" << "number after";
    QTest::newRow("two steps") << "1/2/3 * * * *" << "minute" << "more than one step";
    QTest::newRow("empty item") << "1,,2 * * * *" << "minute" << "empty item";
    QTest::newRow("trailing comma") << "0 1, * * *" << "hour" << "empty item";
    QTest::newRow("leading comma") << "0 0 ,1 * *" << "day of month" << "empty item";
    QTest::newRow("open range") << "0 0 * * 1-" << "day of week" << "is not a number";
    QTest::newRow("negative") << "-1 * * * *" << "minute" << "is not a number";
    QTest::newRow("star in a range") << "*-5 * * * *" << "minute" << "is not a number";
    QTest::newRow("letters") << "a * * * *" << "minute" << "\"a\" is not a number";
    QTest::newRow("name in hour") << "0 mon * * *" << "hour" << "\"mon\" is not a number";
    QTest::newRow("Quartz L") << "0 0 L * *" << "day of month" << "is not a number";
    QTest::newRow("Quartz ?") << "0 0 ? * *" << "day of month" << "is not a number";
    QTest::newRow("bad month name")
        << "0 0 * foo *" << "month" << "\"foo\" is not a number or a month name (jan–dec)";
    QTest::newRow("bad day name") << "0 0 * * mon-fryday" << "day of week"
                                  << "\"mon-fryday\" is not a number or a day name (sun–sat)";
    QTest::newRow("30 February") << "0 0 30 2 *" << "day of month" << "never run";
    QTest::newRow("31 April and June") << "0 0 31 4,6 *" << "day of month" << "never run";
    QTest::newRow("late February days") << "0 0 30,31 feb *" << "day of month" << "never run";
    QTest::newRow("@reboot") << "@reboot" << "" << "\"once\" or \"manual\"";
    QTest::newRow("unknown macro") << "@fortnightly" << "" << "not a known macro";
    QTest::newRow("macro with more") << "@daily 5" << "" << "not a known macro";
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
        << "30 2 * * *" << newYork << "2026-03-07T00:00-05:00"
        << QStringList{u"2026-03-07T02:30-05:00"_s, u"2026-03-08T03:00-04:00"_s, u"2026-03-09T02:30-04:00"_s};
    QTest::newRow("New York: 01:30 before the spring gap")
        << "30 1 * * *" << newYork << "2026-03-07T12:00-05:00"
        << QStringList{u"2026-03-08T01:30-05:00"_s, u"2026-03-09T01:30-04:00"_s};
    QTest::newRow("New York: hourly across the spring gap, 02:00 and 03:00 one run")
        << "0 * * * *" << newYork << "2026-03-08T00:30-05:00"
        << QStringList{u"2026-03-08T01:00-05:00"_s, u"2026-03-08T03:00-04:00"_s, u"2026-03-08T04:00-04:00"_s};
    QTest::newRow("New York: 01:30 in the fold runs at its first (EDT) occurrence")
        << "30 1 * * *" << newYork << "2026-10-31T12:00-04:00"
        << QStringList{u"2026-11-01T01:30-04:00"_s, u"2026-11-02T01:30-05:00"_s};
    QTest::newRow("New York: 02:30 after the fold")
        << "30 2 * * *" << newYork << "2026-10-31T00:00-04:00"
        << QStringList{u"2026-10-31T02:30-04:00"_s, u"2026-11-01T02:30-05:00"_s, u"2026-11-02T02:30-05:00"_s};
    QTest::newRow("New York: hourly across the fold, 01:00 once")
        << "0 * * * *" << newYork << "2026-11-01T00:30-04:00"
        << QStringList{u"2026-11-01T01:00-04:00"_s, u"2026-11-01T02:00-05:00"_s, u"2026-11-01T03:00-05:00"_s};
    QTest::newRow("New York: from the fold's first pass, its second pass is skipped")
        << "*/20 * * * *" << newYork << "2026-11-01T01:30-04:00"
        << QStringList{u"2026-11-01T01:40-04:00"_s, u"2026-11-01T02:00-05:00"_s};
    QTest::newRow("New York: asked inside the fold's second pass")
        << "30 1 * * *" << newYork << "2026-11-01T01:10-05:00"
        << QStringList{u"2026-11-02T01:30-05:00"_s};

    // Europe/Berlin, 2026: 02:00 CET (+01:00) jumps to 03:00 CEST (+02:00) on 29 March at 01:00Z;
    // 03:00 CEST falls back to 02:00 CET on 25 October at 01:00Z.
    const QByteArray berlin = "Europe/Berlin";
    QTest::newRow("Berlin: 02:30 in the spring gap")
        << "30 2 * * *" << berlin << "2026-03-28T12:00+01:00"
        << QStringList{u"2026-03-29T03:00+02:00"_s, u"2026-03-30T02:30+02:00"_s};
    QTest::newRow("Berlin: four times in the gap make one run")
        << "*/15 2 * * *" << berlin << "2026-03-29T00:00+01:00"
        << QStringList{u"2026-03-29T03:00+02:00"_s, u"2026-03-30T02:00+02:00"_s, u"2026-03-30T02:15+02:00"_s};
    QTest::newRow("Berlin: the gap's times and 03:00 itself make one run")
        << "*/15 2-3 * * *" << berlin << "2026-03-29T00:00+01:00"
        << QStringList{u"2026-03-29T03:00+02:00"_s,
                       u"2026-03-29T03:15+02:00"_s,
                       u"2026-03-29T03:30+02:00"_s,
                       u"2026-03-29T03:45+02:00"_s,
                       u"2026-03-30T02:00+02:00"_s};
    QTest::newRow("Berlin: 02:30 in the fold runs with the summer offset")
        << "30 2 * * *" << berlin << "2026-10-24T12:00+02:00"
        << QStringList{u"2026-10-25T02:30+02:00"_s, u"2026-10-26T02:30+01:00"_s};
    QTest::newRow("Berlin: every 15 minutes asked inside the fold's second pass")
        << "*/15 * * * *" << berlin << "2026-10-25T02:10+01:00"
        << QStringList{u"2026-10-25T03:00+01:00"_s, u"2026-10-25T03:15+01:00"_s};

    // Australia/Lord_Howe, 2026: half-hour shifts. 02:00 LHDT (+11:00) falls back to 01:30 LHST
    // (+10:30) on 5 April, so 01:30–01:59 happens twice; 02:00 LHST jumps to 02:30 LHDT on
    // 4 October.
    const QByteArray lordHowe = "Australia/Lord_Howe";
    QTest::newRow("Lord Howe: 02:15 in the spring gap runs at 02:30")
        << "15 2 * * *" << lordHowe << "2026-10-03T00:00+10:30"
        << QStringList{u"2026-10-03T02:15+10:30"_s, u"2026-10-04T02:30+11:00"_s, u"2026-10-05T02:15+11:00"_s};
    QTest::newRow("Lord Howe: 01:45 before the spring gap")
        << "45 1 * * *" << lordHowe << "2026-10-03T12:00+10:30"
        << QStringList{u"2026-10-04T01:45+10:30"_s, u"2026-10-05T01:45+11:00"_s};
    QTest::newRow("Lord Howe: 01:45 in the fold runs at its first occurrence")
        << "45 1 * * *" << lordHowe << "2026-04-04T12:00+11:00"
        << QStringList{u"2026-04-05T01:45+11:00"_s, u"2026-04-06T01:45+10:30"_s};
    QTest::newRow("Lord Howe: 02:15 after the fold")
        << "15 2 * * *" << lordHowe << "2026-04-04T12:00+11:00"
        << QStringList{u"2026-04-05T02:15+10:30"_s, u"2026-04-06T02:15+10:30"_s};
    QTest::newRow("Lord Howe: asked inside the fold's second pass")
        << "*/10 1 * * *" << lordHowe << "2026-04-05T01:35+10:30"
        << QStringList{u"2026-04-06T01:00+10:30"_s, u"2026-04-06T01:10+10:30"_s};

    // A zone without daylight saving and a half-hour offset.
    QTest::newRow("Kolkata: daily at 09:00 IST")
        << "0 9 * * *" << QByteArray("Asia/Kolkata") << "2026-06-01T00:00Z"
        << QStringList{u"2026-06-01T09:00+05:30"_s, u"2026-06-02T09:00+05:30"_s};

    const QByteArray utc = "UTC";
    QTest::newRow("UTC: strictly after a matching instant")
        << "0 * * * *" << utc << "2026-01-01T00:00Z"
        << QStringList{u"2026-01-01T01:00Z"_s, u"2026-01-01T02:00Z"_s};
    QTest::newRow("UTC: a millisecond past a match")
        << "0 * * * *" << utc << "2026-01-01T00:00:00.001Z" << QStringList{u"2026-01-01T01:00Z"_s};
    QTest::newRow("UTC: every minute across the new year")
        << "* * * * *" << utc << "2026-12-31T23:59:30Z"
        << QStringList{u"2027-01-01T00:00Z"_s, u"2027-01-01T00:01Z"_s};
    QTest::newRow("UTC: new year's midnight")
        << "0 0 1 1 *" << utc << "2026-12-31T23:59Z"
        << QStringList{u"2027-01-01T00:00Z"_s, u"2028-01-01T00:00Z"_s};
    QTest::newRow("UTC: the year's last minute, asked at it")
        << "59 23 31 12 *" << utc << "2026-12-31T23:59Z"
        << QStringList{u"2027-12-31T23:59Z"_s, u"2028-12-31T23:59Z"_s};
    // April 2026 begins on a Wednesday: Fridays are 3, 10, 17, 24; the 13th is a Monday.
    QTest::newRow("UTC: the 13th or a Friday")
        << "0 0 13 * 5" << utc << "2026-03-28T00:00Z"
        << QStringList{u"2026-04-03T00:00Z"_s,
                       u"2026-04-10T00:00Z"_s,
                       u"2026-04-13T00:00Z"_s,
                       u"2026-04-17T00:00Z"_s,
                       u"2026-04-24T00:00Z"_s,
                       u"2026-05-01T00:00Z"_s};
    // "*/2" starts with '*': odd days that are also Mondays (Mondays: 6, 13, 20, 27 April;
    // 4, 11, 18, 25 May).
    QTest::newRow("UTC: */2 day of month with a weekday means both")
        << "0 0 */2 * 1" << utc << "2026-04-01T00:00Z"
        << QStringList{u"2026-04-13T00:00Z"_s,
                       u"2026-04-27T00:00Z"_s,
                       u"2026-05-11T00:00Z"_s,
                       u"2026-05-25T00:00Z"_s};
    QTest::newRow("UTC: 1-31/2 with a weekday means either")
        << "0 0 1-31/2 * 1" << utc << "2026-04-01T00:00Z"
        << QStringList{u"2026-04-03T00:00Z"_s,
                       u"2026-04-05T00:00Z"_s,
                       u"2026-04-06T00:00Z"_s,
                       u"2026-04-07T00:00Z"_s,
                       u"2026-04-09T00:00Z"_s};
    QTest::newRow("UTC: a weekday alone") << "0 0 * * 1" << utc << "2026-04-01T00:00Z"
                                          << QStringList{u"2026-04-06T00:00Z"_s, u"2026-04-13T00:00Z"_s};
    QTest::newRow("UTC: 7 is Sunday") << "0 0 * * 7" << utc << "2026-04-01T00:00Z"
                                      << QStringList{u"2026-04-05T00:00Z"_s, u"2026-04-12T00:00Z"_s};
    QTest::newRow("UTC: 29 February waits for a leap year")
        << "0 12 29 2 *" << utc << "2026-01-01T00:00Z"
        << QStringList{u"2028-02-29T12:00Z"_s, u"2032-02-29T12:00Z"_s};
    // 30 January 2026 is a Friday, 1 July a Wednesday.
    QTest::newRow("UTC: names and steps")
        << "0 9-17/2 * jan,jul mon-fri" << utc << "2026-01-30T16:00Z"
        << QStringList{u"2026-01-30T17:00Z"_s,
                       u"2026-07-01T09:00Z"_s,
                       u"2026-07-01T11:00Z"_s,
                       u"2026-07-01T13:00Z"_s,
                       u"2026-07-01T15:00Z"_s,
                       u"2026-07-01T17:00Z"_s,
                       u"2026-07-02T09:00Z"_s};
    QTest::newRow("UTC: the 31st skips short months")
        << "0 0 31 * *" << utc << "2026-01-31T00:00Z"
        << QStringList{u"2026-03-31T00:00Z"_s,
                       u"2026-05-31T00:00Z"_s,
                       u"2026-07-31T00:00Z"_s,
                       u"2026-08-31T00:00Z"_s,
                       u"2026-10-31T00:00Z"_s,
                       u"2026-12-31T00:00Z"_s,
                       u"2027-01-31T00:00Z"_s};
    QTest::newRow("UTC: @monthly across the year")
        << "@monthly" << utc << "2026-11-15T00:00Z"
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
    QCOMPARE(cron.nextAfter(at(u"2026-03-08T00:00Z"_s), QTimeZone()),
             at(u"2026-03-08T02:30Z"_s));
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

    QTest::newRow("every minute") << "* * * * *" << "every minute";
    QTest::newRow("every 5 minutes") << "*/5 * * * *" << "every 5 minutes";
    QTest::newRow("every 20 minutes") << "*/20 * * * *" << "every 20 minutes";
    QTest::newRow("twice an hour") << "*/30 * * * *" << "at minute 0,30 past every hour";
    QTest::newRow("hourly") << "0 * * * *" << "every hour at minute 0";
    QTest::newRow("@hourly") << "@hourly" << "every hour at minute 0";
    QTest::newRow("every 2 hours") << "15 */2 * * *" << "every 2 hours at minute 15";
    QTest::newRow("daily") << "0 9 * * *" << "every day at 09:00";
    QTest::newRow("daily, every weekday listed") << "30 7 * * 0-7" << "every day at 07:30";
    QTest::newRow("working days") << "0 9 * * 1-5" << "at 09:00 on Monday to Friday";
    QTest::newRow("two weekdays") << "0 9 * * mon,wed" << "at 09:00 on Monday, Wednesday";
    QTest::newRow("weekend") << "0 10 * * sat,sun" << "at 10:00 on Saturday, Sunday";
    QTest::newRow("Friday to Sunday") << "0 10 * * 5-7" << "at 10:00 on Friday to Sunday";
    QTest::newRow("@weekly") << "@weekly" << "at 00:00 on Sunday";
    QTest::newRow("monthly") << "0 0 1 * *" << "at 00:00 on day 1 of the month";
    QTest::newRow("@monthly") << "@monthly" << "at 00:00 on day 1 of the month";
    QTest::newRow("twice a month") << "0 9 1,15 * *" << "at 09:00 on days 1,15 of the month";
    QTest::newRow("leap day") << "0 12 29 2 *" << "at 12:00 on 29 February";
    QTest::newRow("@yearly") << "@yearly" << "at 00:00 on 1 January";
    QTest::newRow("some months") << "0 0 * 1-3 *" << "at 00:00 in January to March";
    QTest::newRow("first of some months")
        << "0 0 1 1-3 *" << "at 00:00 on day 1 of the month in January to March";
    QTest::newRow("weekdays in two months")
        << "0 9 * jan,jul mon-fri" << "at 09:00 on Monday to Friday in January, July";
    QTest::newRow("either day") << "0 0 13 * 5" << "at 00:00 on day 13 of the month or on Friday";
    QTest::newRow("both days") << "0 0 */15 * 1"
                               << "at 00:00 on days 1,16,31 of the month that fall on Monday";
    QTest::newRow("generic") << "0,30 8-18 * * 1,3"
                             << "at minute 0,30 past hours 8–18 on Monday, Wednesday";
    QTest::newRow("uneven hours") << "0 9-17/2 * * *" << "at minute 0 past hours 9,11,13,15,17";
    QTest::newRow("uneven minutes")
        << "*/25 * * * *" << "at minute 0,25,50 past every hour";
    QTest::newRow("minutes every hour") << "5,35 * * * *" << "at minute 5,35 past every hour";
    QTest::newRow("every minute of one hour") << "* 9 * * *" << "every minute during hour 9";
    QTest::newRow("every 10 minutes of office hours")
        << "*/10 9-17 * * *" << "every 10 minutes during hours 9–17";
}

void TestCronExpression::describes()
{
    QFETCH(QString, expression);
    QFETCH(QString, description);

    QCOMPARE(parsed(expression).describe(), description);
}

QTEST_GUILESS_MAIN(TestCronExpression)
#include "tst_cronexpression.moc"
