#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QTimeZone>

#include <cstdint>

namespace nightshift {

/// A standard (Vixie/cronie) five-field cron expression, matched against wall-clock time in a
/// time zone.
///
/// Day of month and day of week follow Vixie cron exactly: a field whose text starts with `*`
/// (`*`, `*/2`) counts as unrestricted. When either field is unrestricted a day must match BOTH
/// fields (so with a plain `*` only the other field counts, and `*/2 * 1` means "odd days that
/// are Mondays"); when both are restricted a day matching EITHER field runs.
///
/// Across daylight-saving changes every matching wall-clock time runs once: a time skipped by a
/// spring-forward gap runs at the first instant after the gap (several such times, and a match at
/// that instant itself, make one run); a time repeated by a fall-back fold runs at its first
/// occurrence only, so nothing runs during the repeated stretch a second time.
class CronExpression final
{
public:
    /// A null expression: it never matches; parse() makes the useful ones.
    CronExpression() = default;

    /// Parses 5 fields or a macro; the error's message names the field and what it expected,
    /// e.g. "day of week: \"mon-fryday\" is not a number or a day name (sun–sat)".
    static Result<CronExpression> parse(const QString &text);

    /// True for a default-constructed expression, which never matches.
    bool isNull() const { return m_minutes == 0; }
    /// The expression as given, trimmed.
    QString text() const { return m_text; }

    /// The first instant strictly after afterMs (UTC ms since epoch) whose wall-clock time in zone
    /// matches, following the DST rules above; -1 when none within the next 10 years. An invalid
    /// zone counts as UTC.
    qint64 nextAfter(qint64 afterMs, const QTimeZone &zone) const;
    /// Up to count instants after afterMs, in order.
    QList<qint64> nextInstants(qint64 afterMs, const QTimeZone &zone, int count) const;

    /// The expression in words ("every 5 minutes", "at 09:00 on Monday to Friday"), translated
    /// in the "CronExpression" context; never empty.
    QString describe() const;

    /// Equal when the parsed fields are: `0 0 * * 7` equals `0 0 * * sun`, whatever the text.
    friend bool operator==(const CronExpression &a, const CronExpression &b)
    {
        return a.m_minutes == b.m_minutes && a.m_hours == b.m_hours
               && a.m_daysOfMonth == b.m_daysOfMonth && a.m_months == b.m_months
               && a.m_daysOfWeek == b.m_daysOfWeek && a.m_domStar == b.m_domStar
               && a.m_dowStar == b.m_dowStar;
    }

private:
    bool dayMatches(int dayOfMonth, int dayOfWeek) const;
    qint64 nextMatchingWall(qint64 fromWallSecs, qint64 limitWallSecs) const;

    QString m_text;
    // One bit per allowed value: minutes 0–59, hours 0–23, days of month 1–31, months 1–12,
    // days of week 0–6 (Sunday 0; a 7 in the text sets bit 0).
    std::uint64_t m_minutes = 0;
    std::uint32_t m_hours = 0;
    std::uint32_t m_daysOfMonth = 0;
    std::uint32_t m_months = 0;
    std::uint32_t m_daysOfWeek = 0;
    bool m_domStar = false;
    bool m_dowStar = false;
};

} // namespace nightshift
