#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace nightshift {

/// The engine's only source of time: wall-clock milliseconds and one wake-up at a time.
/// Tests inject a ManualClock so schedules run in simulated time.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    /// Milliseconds on a clock that only moves forward, steadily, and not while the machine
    /// sleeps: a change in its distance to nowMs() is a jump of the wall clock.
    virtual qint64 monotonicMs() const = 0;
    /// Requests one wake-up at or after dueMs; it replaces any earlier request.
    virtual void wakeAt(qint64 dueMs) = 0;
    /// Withdraws the pending wake-up, if any.
    virtual void cancelWake() = 0;

Q_SIGNALS:
    void woke();
};

/// The real clock: the system's wall time and a precise single-shot timer.
class SystemClock final : public Clock
{
    Q_OBJECT
public:
    explicit SystemClock(QObject *parent = nullptr);

    qint64 nowMs() const override;
    qint64 monotonicMs() const override { return m_monotonic.elapsed(); }
    void wakeAt(qint64 dueMs) override;
    void cancelWake() override;

private:
    QTimer m_timer;
    QElapsedTimer m_monotonic;
};

/// Simulated time for tests: time moves only when told, and every wake-up in between fires
/// at exactly its due instant.
class ManualClock final : public Clock
{
    Q_OBJECT
public:
    explicit ManualClock(qint64 startMs, QObject *parent = nullptr);

    qint64 nowMs() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonic; }
    void wakeAt(qint64 dueMs) override;
    void cancelWake() override;

    /// Moves time forward to targetMs, firing each wake-up due on the way at its own instant.
    void advanceTo(qint64 targetMs);
    void advanceBy(qint64 deltaMs) { advanceTo(m_now + deltaMs); }
    /// Steps the wall clock by deltaMs (either way) while the monotonic one stands still, as a
    /// suspend and resume or a changed system time does; a wake-up now due fires once, late.
    void jumpBy(qint64 deltaMs);
    bool hasPendingWake() const { return m_wakeArmed; }
    qint64 pendingWake() const { return m_wakeDue; }

private:
    qint64 m_now;
    qint64 m_monotonic = 0;
    qint64 m_wakeDue = 0;
    bool m_wakeArmed = false;
};

} // namespace nightshift
