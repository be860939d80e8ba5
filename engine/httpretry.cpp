#include "httpretry.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace nightshift {

namespace {

// RFC 9110 dates: IMF-fixdate, then the two obsolete forms recipients must accept. The day
// name is dropped: Qt rejects one that does not match the date, as a two-digit year makes it.
std::optional<qint64> httpDateMs(const QString &text)
{
    const QString simplified = text.simplified();
    const qsizetype comma = simplified.indexOf(u',');
    const QString date
        = comma >= 0 ? simplified.mid(comma + 1).trimmed() : simplified.section(u' ', 1);
    static const char *const formats[]
        = {"dd MMM yyyy HH:mm:ss 'GMT'", "dd-MMM-yy HH:mm:ss 'GMT'", "MMM d HH:mm:ss yyyy"};
    const QLocale c = QLocale::c();
    for (const char *format : formats) {
        QDateTime parsed = c.toDateTime(date, QLatin1String(format));
        if (!parsed.isValid())
            continue;
        parsed.setTimeZone(QTimeZone::utc());
        // Two-digit years are within 50 years of now (RFC 9110 §5.6.7); Qt reads them as 19xx.
        if (parsed.date().year() < 1970)
            parsed = parsed.addYears(100);
        return parsed.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

} // namespace

std::optional<qint64> retryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        // A day is more than any provider asks for; clamping keeps the arithmetic sane.
        constexpr qint64 MaxSeconds = 86'400;
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(std::min(seconds, MaxSeconds) * 1000);
    }
    const auto due = httpDateMs(QString::fromLatin1(trimmed));
    if (!due)
        return std::nullopt;
    return std::max<qint64>(0, *due - nowMs);
}

qint64 backoffDelayMs(int retry, qint64 baseMs, qint64 maxMs, double random01)
{
    const int doublings = std::clamp(retry - 1, 0, 30);
    const qint64 ceiling = std::min(maxMs, baseMs << doublings);
    const double jitter = std::clamp(random01, 0.0, 1.0);
    return ceiling / 2 + qint64(std::floor(double(ceiling - ceiling / 2) * jitter));
}

} // namespace nightshift
