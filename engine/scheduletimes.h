#pragma once

#include "agentspec.h"
#include "cronexpression.h"

#include <QByteArray>
#include <QList>
#include <QTimeZone>

namespace nightshift {

/// The zone a schedule's wall-clock times are in: its own, else the system's.
QTimeZone scheduleZone(const Schedule &schedule);

/// A schedule ready to give due times again and again: its cron expression parsed and its time
/// zone looked up once, each of which costs far more than finding one due time.
class ScheduleTimes final
{
public:
    /// A manual schedule: nothing is ever due.
    ScheduleTimes() = default;
    /// Parses schedule's cron expression and looks up its zone; an expression that does not
    /// parse is never due.
    explicit ScheduleTimes(const Schedule &schedule);

    /// The schedule the due times are of.
    const Schedule &schedule() const { return m_schedule; }

    /// The first due time strictly after afterMs, or -1 when none is left. An interval counts
    /// its phase from anchorMs (the schedule's own anchor, else when the agent started).
    qint64 next(qint64 anchorMs, qint64 afterMs) const;
    /// Up to count due times after afterMs, in order, as next() finds them.
    QList<qint64> next(qint64 anchorMs, qint64 afterMs, int count) const;

private:
    qint64 nextUnbounded(qint64 anchorMs, qint64 afterMs) const;
    const QTimeZone &zone() const;

    Schedule m_schedule;
    CronExpression m_cron;
    // The system's zone is looked up again when its id changes, as after the user travels; an
    // id is far cheaper to read than a zone is to build.
    mutable QTimeZone m_zone;
    mutable QByteArray m_systemZoneId;
};

/// The first due time of schedule strictly after afterMs, or -1 when none is left, for a
/// one-off question; ScheduleTimes answers repeated ones without parsing again.
qint64 nextOccurrence(const Schedule &schedule, qint64 anchorMs, qint64 afterMs);

/// Up to count due times after afterMs, in order, as nextOccurrence() finds them.
QList<qint64> nextOccurrences(const Schedule &schedule, qint64 anchorMs, qint64 afterMs, int count);

} // namespace nightshift
