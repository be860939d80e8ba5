#pragma once

#include "agentspec.h"

#include <QList>
#include <QLocale>
#include <QString>

namespace nightshift {

/// How many due times the agent editor and `nightshift agents show` list.
inline constexpr int DueTimesListed = 10;

/// Up to count due times of schedule after nowMs, in order (an interval counts its phase from
/// anchorMs), and no more than its max_runs.
QList<qint64> upcomingDueTimes(const Schedule &schedule,
                               qint64 anchorMs,
                               qint64 nowMs,
                               int count = DueTimesListed);

/// Whether timeZone (an IANA id; empty means the system's) is a valid zone other than the local
/// one, so that a due time is worth showing in both.
bool isOtherThanLocalZone(const QString &timeZone);

/// A due time as a line: "Mon 2026-11-30 09:00 Europe/Berlin — 08:00 local" when timeZone is
/// another than the local one (the local date only when it differs), else "Mon 2026-11-30 08:00"
/// in local time; seconds only when the time is not on a whole minute.
QString dueTimeText(qint64 ms, const QString &timeZone, const QLocale &locale = QLocale());

} // namespace nightshift
