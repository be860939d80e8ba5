#include "scheduler.h"

#include "clock.h"

#include <algorithm>
#include <cstdlib>

namespace nightshift {

Scheduler::Scheduler(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_wallMinusMonotonic(clock->nowMs() - clock->monotonicMs())
{
    connect(m_clock, &Clock::woke, this, &Scheduler::dispatchDue);
}

Scheduler::~Scheduler()
{
    m_clock->cancelWake();
}

qint64 Scheduler::nowMs() const
{
    return m_clock->nowMs();
}

Scheduler::TimerId Scheduler::schedule(qint64 dueMs, Callback callback)
{
    const TimerId id = m_nextId++;
    m_callbacks.emplace(id, std::move(callback));
    m_heap.push_back({dueMs, id});
    std::push_heap(m_heap.begin(), m_heap.end(), Later{});
    if (!m_dispatching && (m_armedFor < 0 || dueMs < m_armedFor))
        rearm();
    return id;
}

void Scheduler::cancel(TimerId id)
{
    if (m_callbacks.erase(id) == 0)
        return;
    compactIfMostlyCancelled();
    if (!m_dispatching)
        rearm();
}

qint64 Scheduler::nextDue()
{
    dropCancelledTop();
    return m_heap.empty() ? -1 : m_heap.front().due;
}

void Scheduler::dispatchDue()
{
    m_armedFor = -1;
    m_dispatching = true;
    const qint64 now = m_clock->nowMs();
    const qint64 offset = now - m_clock->monotonicMs();
    // Measured at every wake-up, so a slow drift (NTP slewing) never adds up to a jump.
    const qint64 jump = offset - m_wallMinusMonotonic;
    m_wallMinusMonotonic = offset;
    if (std::abs(jump) > ClockJumpThresholdMs)
        Q_EMIT clockJumped(jump);
    while (!m_heap.empty() && m_heap.front().due <= now) {
        const TimerId id = m_heap.front().id;
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        m_heap.pop_back();
        const auto it = m_callbacks.find(id);
        if (it == m_callbacks.end())
            continue;
        Callback callback = std::move(it->second);
        m_callbacks.erase(it);
        callback();
    }
    m_dispatching = false;
    rearm();
}

void Scheduler::dropCancelledTop()
{
    while (!m_heap.empty() && !m_callbacks.contains(m_heap.front().id)) {
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        m_heap.pop_back();
    }
}

void Scheduler::compactIfMostlyCancelled()
{
    // Cancelled entries stay in the heap until they reach the top; rebuild when they dominate
    // so a fleet that is paused and resumed often does not grow the heap without bound.
    if (m_heap.size() < 64 || m_heap.size() < 2 * m_callbacks.size())
        return;
    std::erase_if(m_heap, [this](const Entry &e) { return !m_callbacks.contains(e.id); });
    std::make_heap(m_heap.begin(), m_heap.end(), Later{});
}

void Scheduler::rearm()
{
    const qint64 due = nextDue();
    if (due < 0) {
        m_armedFor = -1;
        m_clock->cancelWake();
        return;
    }
    if (due == m_armedFor)
        return;
    m_armedFor = due;
    m_clock->wakeAt(due);
}

} // namespace nightshift
