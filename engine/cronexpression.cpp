#include "cronexpression.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace nightshift {

namespace {

constexpr const char *Context = "CronExpression";

enum Field { Minute, Hour, DayOfMonth, Month, DayOfWeek, FieldCount };

struct FieldRange
{
    int min;
    int max;
};

// Day of week accepts 7 as a second Sunday, as Vixie cron does.
constexpr std::array<FieldRange, FieldCount> Ranges
    = {{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}}};

constexpr std::array<const char *, FieldCount> FieldNames = {
    QT_TRANSLATE_NOOP("CronExpression", "minute"),
    QT_TRANSLATE_NOOP("CronExpression", "hour"),
    QT_TRANSLATE_NOOP("CronExpression", "day of month"),
    QT_TRANSLATE_NOOP("CronExpression", "month"),
    QT_TRANSLATE_NOOP("CronExpression", "day of week"),
};

constexpr std::array<const char *, 12> MonthNames = {
    QT_TRANSLATE_NOOP("CronExpression", "January"),
    QT_TRANSLATE_NOOP("CronExpression", "February"),
    QT_TRANSLATE_NOOP("CronExpression", "March"),
    QT_TRANSLATE_NOOP("CronExpression", "April"),
    QT_TRANSLATE_NOOP("CronExpression", "May"),
    QT_TRANSLATE_NOOP("CronExpression", "June"),
    QT_TRANSLATE_NOOP("CronExpression", "July"),
    QT_TRANSLATE_NOOP("CronExpression", "August"),
    QT_TRANSLATE_NOOP("CronExpression", "September"),
    QT_TRANSLATE_NOOP("CronExpression", "October"),
    QT_TRANSLATE_NOOP("CronExpression", "November"),
    QT_TRANSLATE_NOOP("CronExpression", "December"),
};

// Indexed by cron's day number: Sunday is 0.
constexpr std::array<const char *, 7> DayNames = {
    QT_TRANSLATE_NOOP("CronExpression", "Sunday"),
    QT_TRANSLATE_NOOP("CronExpression", "Monday"),
    QT_TRANSLATE_NOOP("CronExpression", "Tuesday"),
    QT_TRANSLATE_NOOP("CronExpression", "Wednesday"),
    QT_TRANSLATE_NOOP("CronExpression", "Thursday"),
    QT_TRANSLATE_NOOP("CronExpression", "Friday"),
    QT_TRANSLATE_NOOP("CronExpression", "Saturday"),
};

constexpr std::array<const char *, 12> MonthAbbreviations
    = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char *, 7> DayAbbreviations
    = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::uint64_t AllMinutes = (std::uint64_t(1) << 60) - 1;
constexpr std::uint32_t AllHours = (1u << 24) - 1;
constexpr std::uint32_t AllDaysOfMonth = ((1u << 31) - 1) << 1;
constexpr std::uint32_t AllMonths = ((1u << 12) - 1) << 1;
constexpr std::uint32_t AllDaysOfWeek = (1u << 7) - 1;

// February counts 29 days: a 29th of February is reachable every leap year.
constexpr std::array<int, 12> LongestMonth = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

constexpr qint64 SecsPerDay = 86'400;
constexpr qint64 UnixEpochJulianDay = 2'440'588;
constexpr int SearchYears = 10;

QString translated(const char *source)
{
    return QCoreApplication::translate(Context, source);
}

Error fieldError(int field, const QString &problem)
{
    return makeError(ErrorCode::InvalidArgument,
                     QCoreApplication::translate("CronExpression", "%1: %2")
                         .arg(translated(FieldNames[field]), problem));
}

qint64 floorDiv(qint64 value, qint64 divisor)
{
    const qint64 quotient = value / divisor;
    return (value % divisor < 0) ? quotient - 1 : quotient;
}

/// The lowest set bit at or above from, or -1.
int nextBit(std::uint64_t bits, int from)
{
    if (from >= 64)
        return -1;
    const std::uint64_t remaining = bits & (~std::uint64_t(0) << from);
    return remaining ? std::countr_zero(remaining) : -1;
}

QList<int> valuesOf(std::uint64_t bits)
{
    QList<int> values;
    for (int value = nextBit(bits, 0); value >= 0; value = nextBit(bits, value + 1))
        values.append(value);
    return values;
}

/// A value as a number or, for month and day of week, a three-letter name; -1 when neither.
int parseValue(const QString &token, int field)
{
    if (token.isEmpty())
        return -1;
    if (std::all_of(token.cbegin(), token.cend(), [](QChar c) { return c.isDigit(); })) {
        // Anything longer than four digits is out of every range; keep it from overflowing.
        return token.size() > 4 ? std::numeric_limits<int>::max() : token.toInt();
    }
    const auto findName = [&token](const auto &names, int first) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (token.compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0)
                return int(i) + first;
        }
        return -1;
    };
    if (field == Month)
        return findName(MonthAbbreviations, 1);
    if (field == DayOfWeek)
        return findName(DayAbbreviations, 0);
    return -1;
}

QString notAValue(int field, const QString &item)
{
    switch (field) {
    case Month:
        return QCoreApplication::translate("CronExpression",
                                           "\"%1\" is not a number or a month name (jan–dec)")
            .arg(item);
    case DayOfWeek:
        return QCoreApplication::translate("CronExpression",
                                           "\"%1\" is not a number or a day name (sun–sat)")
            .arg(item);
    default:
        return QCoreApplication::translate("CronExpression", "\"%1\" is not a number").arg(item);
    }
}

Result<std::uint64_t> parseField(const QString &text, int field)
{
    const FieldRange range = Ranges[field];
    const QString min = QString::number(range.min);
    const QString max = QString::number(range.max);
    std::uint64_t bits = 0;
    for (const QString &item : text.split(u',')) {
        if (item.isEmpty()) {
            return fieldError(
                field,
                QCoreApplication::translate("CronExpression", "empty item in the list \"%1\"")
                    .arg(text));
        }
        const QStringList stepParts = item.split(u'/');
        if (stepParts.size() > 2) {
            return fieldError(
                field,
                QCoreApplication::translate("CronExpression", "\"%1\" has more than one step")
                    .arg(item));
        }
        const bool stepped = stepParts.size() == 2;
        int step = 1;
        if (stepped) {
            const QString &stepText = stepParts[1];
            const bool digits = !stepText.isEmpty() && stepText.size() <= 4
                                && std::all_of(stepText.cbegin(), stepText.cend(), [](QChar c) {
                                       return c.isDigit();
                                   });
            if (!digits) {
                return fieldError(field,
                                  QCoreApplication::translate("CronExpression",
                                                              "\"%1\" needs a number after \"/\"")
                                      .arg(item));
            }
            step = stepText.toInt();
            if (step == 0) {
                return fieldError(
                    field,
                    QCoreApplication::translate(
                        "CronExpression", "\"%1\" has a step of 0; the step must be at least 1")
                        .arg(item));
            }
            if (step > range.max - range.min) {
                return fieldError(
                    field,
                    QCoreApplication::translate(
                        "CronExpression", "\"%1\" has a step larger than the field's range (%2–%3)")
                        .arg(item, min, max));
            }
        }

        const QString &base = stepParts[0];
        int low = range.min;
        int high = range.max;
        if (base != u'*') {
            const qsizetype dash = base.indexOf(u'-');
            low = parseValue(dash < 0 ? base : base.left(dash), field);
            high = dash < 0 ? (stepped ? range.max : low) : parseValue(base.mid(dash + 1), field);
            if (low < 0 || high < 0)
                return fieldError(field, notAValue(field, item));
            if (low < range.min || low > range.max || high < range.min || high > range.max) {
                return fieldError(
                    field,
                    QCoreApplication::translate("CronExpression", "\"%1\" is out of range (%2–%3)")
                        .arg(item, min, max));
            }
            if (low > high) {
                return fieldError(field,
                                  QCoreApplication::translate(
                                      "CronExpression",
                                      "\"%1\" is a reversed range; write the smaller value first")
                                      .arg(item));
            }
        }
        for (int value = low; value <= high; value += step)
            bits |= std::uint64_t(1) << value;
    }
    if (field == DayOfWeek && (bits & (1u << 7))) {
        bits &= ~std::uint64_t(1u << 7);
        bits |= 1u;
    }
    return bits;
}

/// Values in display order, with runs of three or more adjacent ones written as one range.
template<typename Label>
QString joinRuns(const QList<int> &ordered,
                 const QString &separator,
                 const char *rangePattern,
                 Label label)
{
    QStringList parts;
    for (qsizetype i = 0; i < ordered.size();) {
        qsizetype end = i;
        while (end + 1 < ordered.size() && ordered[end + 1] == ordered[end] + 1)
            ++end;
        if (end - i >= 2) {
            parts.append(QCoreApplication::translate(Context, rangePattern)
                             .arg(label(ordered[i]), label(ordered[end])));
            i = end + 1;
        } else {
            parts.append(label(ordered[i]));
            ++i;
        }
    }
    return parts.join(separator);
}

QString numberList(std::uint64_t bits)
{
    return joinRuns(valuesOf(bits),
                    QStringLiteral(","),
                    QT_TRANSLATE_NOOP("CronExpression", "%1–%2"),
                    [](int value) { return QString::number(value); });
}

QString monthList(std::uint32_t bits)
{
    return joinRuns(valuesOf(bits),
                    QStringLiteral(", "),
                    QT_TRANSLATE_NOOP("CronExpression", "%1 to %2"),
                    [](int month) { return translated(MonthNames[month - 1]); });
}

QString dayOfWeekList(std::uint32_t bits)
{
    // Monday first, so that a weekend written "sat,sun" or "6-7" reads as one run.
    QList<int> ordered;
    for (int position = 1; position <= 7; ++position) {
        if (bits & (1u << (position % 7)))
            ordered.append(position);
    }
    return joinRuns(ordered,
                    QStringLiteral(", "),
                    QT_TRANSLATE_NOOP("CronExpression", "%1 to %2"),
                    [](int position) { return translated(DayNames[position % 7]); });
}

/// The n of a field written as */n with n > 1 dividing its length (so runs stay evenly
/// spaced across the boundary), or 0. Two values read better as a list ("at minute 0,30"), so
/// it takes three.
int evenStep(std::uint64_t bits, int length)
{
    const QList<int> values = valuesOf(bits);
    if (values.size() < 3 || values.first() != 0)
        return 0;
    const int step = values[1];
    if (length % step != 0 || values.size() != length / step)
        return 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values[i] != i * step)
            return 0;
    }
    return step;
}

QString clockTime(int hour, int minute)
{
    return QStringLiteral("%1:%2").arg(hour, 2, 10, QChar(u'0')).arg(minute, 2, 10, QChar(u'0'));
}

int offsetAt(const QTimeZone &zone, qint64 utcSecs)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSecs, QTimeZone::utc()));
}

/// The instant (UTC seconds) at which a wall-clock time (seconds since the epoch as if in UTC)
/// runs: its only occurrence, the first of two in a fall-back fold, or, when a spring-forward
/// gap skips it, the first instant after the gap.
qint64 instantOf(const QTimeZone &zone, qint64 wallSecs)
{
    // The offsets a day either side; zones never change twice within one day.
    const int before = offsetAt(zone, wallSecs - SecsPerDay);
    const int after = offsetAt(zone, wallSecs + SecsPerDay);
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const int offset : {before, after}) {
        const qint64 candidate = wallSecs - offset;
        if (offsetAt(zone, candidate) == offset)
            earliest = std::min(earliest, candidate);
    }
    if (earliest != std::numeric_limits<qint64>::max())
        return earliest;

    // A gap: find the transition, the first instant whose wall-clock time is at or past wallSecs.
    qint64 low = wallSecs - std::max(before, after);
    qint64 high = wallSecs - std::min(before, after);
    const auto reached = [&](qint64 utcSecs) {
        return utcSecs + offsetAt(zone, utcSecs) >= wallSecs;
    };
    // Not one plain gap (two changes within a day, say): the later reading is the best guess.
    if (reached(low) || !reached(high))
        return high;
    while (high - low > 1) {
        const qint64 middle = low + (high - low) / 2;
        (reached(middle) ? high : low) = middle;
    }
    return high;
}

QDate dateOfWall(qint64 wallSecs)
{
    return QDate::fromJulianDay(floorDiv(wallSecs, SecsPerDay) + UnixEpochJulianDay);
}

qint64 wallOf(const QDate &date, int hour, int minute)
{
    return (date.toJulianDay() - UnixEpochJulianDay) * SecsPerDay + hour * 3600 + minute * 60;
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString fieldsText = trimmed;
    if (trimmed.startsWith(u'@')) {
        const QString macro = trimmed.toLower();
        if (macro == u"@yearly" || macro == u"@annually")
            fieldsText = QStringLiteral("0 0 1 1 *");
        else if (macro == u"@monthly")
            fieldsText = QStringLiteral("0 0 1 * *");
        else if (macro == u"@weekly")
            fieldsText = QStringLiteral("0 0 * * 0");
        else if (macro == u"@daily" || macro == u"@midnight")
            fieldsText = QStringLiteral("0 0 * * *");
        else if (macro == u"@hourly")
            fieldsText = QStringLiteral("0 * * * *");
        else if (macro == u"@reboot")
            return makeError(ErrorCode::InvalidArgument,
                             QCoreApplication::translate(
                                 "CronExpression",
                                 "@reboot is not supported; use a \"once\" or \"manual\" schedule "
                                 "instead"));
        else
            return makeError(ErrorCode::InvalidArgument,
                             QCoreApplication::translate(
                                 "CronExpression",
                                 "\"%1\" is not a known macro; use @yearly, @annually, @monthly, "
                                 "@weekly, @daily, @midnight or @hourly")
                                 .arg(trimmed));
    }

    const QStringList fields
        = fieldsText.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (fields.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate(
                             "CronExpression",
                             "the expression is empty; write five fields (minute, hour, day of "
                             "month, month, day of week) or a macro such as @daily"));
    }
    if (fields.size() < FieldCount) {
        return fieldError(int(fields.size()),
                          QCoreApplication::translate(
                              "CronExpression",
                              "missing; a cron expression has five fields: minute, hour, day of "
                              "month, month, day of week"));
    }
    if (fields.size() > FieldCount) {
        return makeError(ErrorCode::InvalidArgument,
                         QCoreApplication::translate(
                             "CronExpression",
                             "%1 fields where five are expected (minute, hour, day of month, "
                             "month, day of week); seconds and years are not supported")
                             .arg(fields.size()));
    }

    std::array<std::uint64_t, FieldCount> bits{};
    for (int field = 0; field < FieldCount; ++field) {
        const Result<std::uint64_t> parsed = parseField(fields[field], field);
        if (!parsed)
            return parsed.error();
        bits[field] = *parsed;
    }

    CronExpression expression;
    expression.m_text = trimmed;
    expression.m_minutes = bits[Minute];
    expression.m_hours = std::uint32_t(bits[Hour]);
    expression.m_daysOfMonth = std::uint32_t(bits[DayOfMonth]);
    expression.m_months = std::uint32_t(bits[Month]);
    expression.m_daysOfWeek = std::uint32_t(bits[DayOfWeek]);
    expression.m_domStar = fields[DayOfMonth].startsWith(u'*');
    expression.m_dowStar = fields[DayOfWeek].startsWith(u'*');

    // With both day fields restricted any chosen weekday recurs, so only the day-of-month-alone
    // case can name dates that never exist.
    if (expression.m_domStar || expression.m_dowStar) {
        bool reachable = false;
        for (const int month : valuesOf(expression.m_months)) {
            const std::uint32_t existing = ((std::uint32_t(1) << LongestMonth[month - 1]) - 1) << 1;
            reachable = reachable || (expression.m_daysOfMonth & existing);
        }
        if (!reachable) {
            return fieldError(
                DayOfMonth,
                QCoreApplication::translate(
                    "CronExpression", "there is no day %1 in %2; the expression would never run")
                    .arg(numberList(expression.m_daysOfMonth), monthList(expression.m_months)));
        }
    }
    return expression;
}

bool CronExpression::dayMatches(int dayOfMonth, int dayOfWeek) const
{
    const bool dom = m_daysOfMonth & (1u << dayOfMonth);
    const bool dow = m_daysOfWeek & (1u << dayOfWeek);
    return (m_domStar || m_dowStar) ? (dom && dow) : (dom || dow);
}

/// The first matching wall-clock minute at or after fromWallSecs (minute-aligned), skipping
/// whole months, days and hours that cannot match; -1 past limitWallSecs.
qint64 CronExpression::nextMatchingWall(qint64 fromWallSecs, qint64 limitWallSecs) const
{
    QDate date = dateOfWall(fromWallSecs);
    const qint64 secsOfDay = fromWallSecs - floorDiv(fromWallSecs, SecsPerDay) * SecsPerDay;
    int hour = int(secsOfDay / 3600);
    int minute = int(secsOfDay % 3600 / 60);
    const QDate limit = dateOfWall(limitWallSecs);
    const auto nextDay = [&] {
        date = date.addDays(1);
        hour = 0;
        minute = 0;
    };

    while (date.isValid() && date <= limit) {
        if (!(m_months & (1u << date.month()))) {
            const int month = nextBit(m_months, date.month() + 1);
            date = month > 0 ? QDate(date.year(), month, 1)
                             : QDate(date.year() + 1, nextBit(m_months, 1), 1);
            hour = 0;
            minute = 0;
            continue;
        }
        if (!dayMatches(date.day(), date.dayOfWeek() % 7)) {
            nextDay();
            continue;
        }
        const int matchingHour = nextBit(m_hours, hour);
        if (matchingHour < 0) {
            nextDay();
            continue;
        }
        if (matchingHour != hour) {
            hour = matchingHour;
            minute = 0;
        }
        const int matchingMinute = nextBit(m_minutes, minute);
        if (matchingMinute < 0) {
            ++hour;
            minute = 0;
            continue;
        }
        return wallOf(date, hour, matchingMinute);
    }
    return -1;
}

qint64 CronExpression::nextAfter(qint64 afterMs, const QTimeZone &zone) const
{
    if (isNull())
        return -1;
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::utc();
    const qint64 afterSecs = floorDiv(afterMs, 1000);
    const qint64 afterWall = afterSecs + offsetAt(tz, afterSecs);
    const qint64 limitWall = afterWall + SearchYears * 366 * SecsPerDay;
    qint64 fromWall = floorDiv(afterWall, 60) * 60 + 60;
    // Wall times after afterWall map to instants after afterMs except inside a fold's second
    // pass or a gap, which already ran; those few are skipped here.
    for (;;) {
        const qint64 wall = nextMatchingWall(fromWall, limitWall);
        if (wall < 0)
            return -1;
        const qint64 instantMs = instantOf(tz, wall) * 1000;
        if (instantMs > afterMs)
            return instantMs;
        fromWall = wall + 60;
    }
}

QList<qint64> CronExpression::nextInstants(qint64 afterMs, const QTimeZone &zone, int count) const
{
    QList<qint64> instants;
    qint64 after = afterMs;
    while (instants.size() < count) {
        after = nextAfter(after, zone);
        if (after < 0)
            break;
        instants.append(after);
    }
    return instants;
}

QString CronExpression::describe() const
{
    if (isNull())
        return QCoreApplication::translate("CronExpression", "never");

    const bool domFull = m_daysOfMonth == AllDaysOfMonth;
    const bool dowFull = m_daysOfWeek == AllDaysOfWeek;
    const bool bothDays = m_domStar || m_dowStar;
    const bool singleDom = std::popcount(m_daysOfMonth) == 1;
    const QString domText = numberList(m_daysOfMonth);
    const QString domPhrase
        = singleDom
              ? QCoreApplication::translate("CronExpression", "on day %1 of the month").arg(domText)
              : QCoreApplication::translate("CronExpression", "on days %1 of the month")
                    .arg(domText);
    const QString dowText = dayOfWeekList(m_daysOfWeek);

    QString dayPart;
    bool domOnly = false;
    if (bothDays) {
        if (dowFull && !domFull) {
            dayPart = domPhrase;
            domOnly = true;
        } else if (domFull && !dowFull) {
            dayPart = QCoreApplication::translate("CronExpression", "on %1").arg(dowText);
        } else if (!domFull && !dowFull) {
            dayPart = singleDom
                          ? QCoreApplication::translate("CronExpression",
                                                        "on day %1 of the month if it falls on %2")
                                .arg(domText, dowText)
                          : QCoreApplication::translate("CronExpression",
                                                        "on days %1 of the month that fall on %2")
                                .arg(domText, dowText);
        }
    } else if (!domFull && !dowFull) {
        dayPart
            = QCoreApplication::translate("CronExpression", "%1 or on %2").arg(domPhrase, dowText);
    }
    const bool allMonths = m_months == AllMonths;
    const QString monthPart
        = allMonths
              ? QString()
              : QCoreApplication::translate("CronExpression", "in %1").arg(monthList(m_months));

    const auto withDays = [&](const QString &timePart) {
        QString text = timePart;
        for (const QString &part : {dayPart, monthPart}) {
            if (!part.isEmpty()) {
                text = QCoreApplication::translate(
                           "CronExpression", "%1 %2", "a time phrase, then a day or month phrase")
                           .arg(text, part);
            }
        }
        return text;
    };

    const bool singleMinute = std::popcount(m_minutes) == 1;
    const bool singleHour = std::popcount(m_hours) == 1;
    const int firstMinute = nextBit(m_minutes, 0);
    if (singleMinute && singleHour) {
        const QString time = clockTime(nextBit(m_hours, 0), firstMinute);
        if (dayPart.isEmpty() && allMonths)
            return QCoreApplication::translate("CronExpression", "every day at %1").arg(time);
        if (domOnly && singleDom && std::popcount(m_months) == 1) {
            return QCoreApplication::translate(
                       "CronExpression", "at %1 on %2 %3", "time, day of month, month name")
                .arg(time, domText, translated(MonthNames[nextBit(m_months, 0) - 1]));
        }
        return withDays(QCoreApplication::translate("CronExpression", "at %1").arg(time));
    }

    const bool allMinutes = m_minutes == AllMinutes;
    const bool allHours = m_hours == AllHours;
    const int minuteStep = evenStep(m_minutes, 60);
    const int hourStep = evenStep(m_hours, 24);
    const QString hoursText = numberList(m_hours);
    const QString minutesText = numberList(m_minutes);
    QString timePart;
    if (allHours) {
        if (allMinutes)
            timePart = QCoreApplication::translate("CronExpression", "every minute");
        else if (minuteStep > 0)
            timePart = QCoreApplication::translate(
                "CronExpression", "every %n minutes", nullptr, minuteStep);
        else if (singleMinute)
            timePart = QCoreApplication::translate("CronExpression", "every hour at minute %1")
                           .arg(firstMinute);
        else
            timePart = QCoreApplication::translate("CronExpression", "at minute %1 past every hour")
                           .arg(minutesText);
    } else if (singleMinute && hourStep > 0) {
        timePart = QCoreApplication::translate(
                       "CronExpression", "every %n hours at minute %1", nullptr, hourStep)
                       .arg(firstMinute);
    } else {
        const QString hours
            = singleHour ? QCoreApplication::translate("CronExpression", "hour %1").arg(hoursText)
                         : QCoreApplication::translate("CronExpression", "hours %1").arg(hoursText);
        if (allMinutes)
            timePart = QCoreApplication::translate("CronExpression", "every minute during %1")
                           .arg(hours);
        else if (minuteStep > 0)
            timePart = QCoreApplication::translate(
                           "CronExpression", "every %n minutes during %1", nullptr, minuteStep)
                           .arg(hours);
        else
            timePart = QCoreApplication::translate("CronExpression", "at minute %1 past %2")
                           .arg(minutesText, hours);
    }
    return withDays(timePart);
}

} // namespace nightshift
