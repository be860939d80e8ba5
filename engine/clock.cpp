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
    m_monotonic.start();
    connect(&m_timer, &QTimer::timeout, this, &Clock::woke);
}

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void SystemClock::wakeAt(qint64 dueMs)
{
    // A far wake-up is taken in steps: Qt 6.4's QTimer holds an int of milliseconds (24.8 days),
    // and a monotonic timer set once would miss a wall-clock step or a suspend. Waking early is
    // harmless; the scheduler finds nothing due and asks again.
    constexpr qint64 MaxStepMs = 60'000;
    const qint64 delay = std::clamp<qint64>(dueMs - nowMs(), 0, MaxStepMs);
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
        const qint64 reached = std::max(m_now, m_wakeDue);
        m_monotonic += reached - m_now;
        m_now = reached;
        m_wakeArmed = false;
        Q_EMIT woke();
    }
    if (targetMs > m_now) {
        m_monotonic += targetMs - m_now;
        m_now = targetMs;
    }
}

void ManualClock::jumpBy(qint64 deltaMs)
{
    m_now += deltaMs;
    if (m_wakeArmed && m_wakeDue <= m_now) {
        m_wakeArmed = false;
        Q_EMIT woke();
    }
}

} // namespace nightshift
