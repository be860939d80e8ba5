#pragma once

#include <QObject>

#include <functional>
#include <unordered_map>
#include <vector>

namespace nightshift {

class Clock;

/// Every timed thing in the engine (due runs, retries, timeouts) in one min-heap of due times,
/// driven by the clock's single wake-up: never a timer per agent.
class Scheduler final : public QObject
{
    Q_OBJECT
public:
    using TimerId = quint64;
    using Callback = std::function<void()>;

    explicit Scheduler(Clock *clock, QObject *parent = nullptr);
    ~Scheduler() override;

    Clock *clock() const { return m_clock; }
    qint64 nowMs() const;

    /// Calls callback once, on this thread, as soon as the clock reaches dueMs.
    TimerId schedule(qint64 dueMs, Callback callback);
    /// Forgets a pending callback; unknown or already fired ids are ignored.
    void cancel(TimerId id);
    /// The number of callbacks still waiting.
    int pendingCount() const { return int(m_callbacks.size()); }
    /// The earliest pending due time, or -1 when nothing waits.
    qint64 nextDue();

    /// How far the wall clock may move against the monotonic one before it counts as a jump.
    static constexpr qint64 ClockJumpThresholdMs = 5'000;

Q_SIGNALS:
    /// The wall clock moved by deltaMs more than time passed (a suspend and resume, or a changed
    /// system time); emitted before the callbacks that became due are called.
    void clockJumped(qint64 deltaMs);

private:
    struct Entry
    {
        qint64 due;
        TimerId id;
    };
    struct Later
    {
        bool operator()(const Entry &a, const Entry &b) const
        {
            return a.due != b.due ? a.due > b.due : a.id > b.id;
        }
    };

    void dispatchDue();
    void dropCancelledTop();
    void compactIfMostlyCancelled();
    void rearm();

    Clock *m_clock;
    qint64 m_wallMinusMonotonic = 0;
    std::vector<Entry> m_heap;
    std::unordered_map<TimerId, Callback> m_callbacks;
    TimerId m_nextId = 1;
    qint64 m_armedFor = -1;
    bool m_dispatching = false;
};

} // namespace nightshift
