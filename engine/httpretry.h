#pragma once

#include <QByteArray>

#include <optional>

namespace nightshift {

/// The wait a `Retry-After` header value asks for, in ms after nowMs: delay-seconds or an
/// HTTP-date (a date already past means now). nullopt when the value is empty or unreadable.
std::optional<qint64> retryAfterMs(const QByteArray &value, qint64 nowMs);

/// Exponential backoff with jitter before retry number retry (1 for the first): baseMs doubled
/// per retry, capped at maxMs, then a point in the upper half of that picked by random01
/// (in [0, 1)), so clients that failed together do not come back together.
qint64 backoffDelayMs(int retry, qint64 baseMs, qint64 maxMs, double random01);

} // namespace nightshift
