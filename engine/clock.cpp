#include "clock.h"

#include <QDateTime>

#include <algorithm>

namespace nightshift {

SystemClock::SystemClock(QObject *parent)
    : Clock(parent)
{
    // The default coarse timer may fire up to 5 % (tens of ms) late; schedules need ms accuracy.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Clock::woke);
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void SystemClock::wakeAt(qint64 dueMs)
{
    const qint64 delay = std::max<qint64>(0, dueMs - nowMs());
    m_timer.start(std::chrono::milliseconds(delay));
}

void SystemClock::cancelWake()
{
    m_timer.stop();
}

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : Clock(parent)
    , m_now(startMs)
{}

void ManualClock::wakeAt(qint64 dueMs)
{
    m_wakeDue = dueMs;
    m_wakeArmed = true;
}

void ManualClock::cancelWake()
{
    m_wakeArmed = false;
}

void ManualClock::advanceTo(qint64 targetMs)
{
    while (m_wakeArmed && m_wakeDue <= targetMs) {
        m_now = std::max(m_now, m_wakeDue);
        m_wakeArmed = false;
        Q_EMIT woke();
    }
    m_now = std::max(m_now, targetMs);
}

} // namespace nightshift
