#pragma once

#include "result.h"
#include "scheduler.h"

#include <QHash>
#include <QString>

#include <deque>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace nightshift {

/// How many requests one provider may get from this engine.
struct ProviderLimits
{
    int maxConcurrent = 0; ///< Requests in flight at once; 0 for no limit.
    int perMinute = 0;     ///< Requests started in any 60 s, retries included; 0 for no limit.

    bool isUnlimited() const { return maxConcurrent <= 0 && perMinute <= 0; }
    bool operator==(const ProviderLimits &) const = default;
};

/// Why a request waits for its turn.
enum class RequestWait {
    Concurrency, ///< maxConcurrent requests are in flight.
    Rate,        ///< perMinute requests started within the last 60 s.
};

/// `concurrency` or `rate`, as events spell it.
QString requestWaitName(RequestWait reason);

/// One `PROVIDER=CONCURRENT/PER_MINUTE` (the CLI's --provider-limit; 0 for no limit); an error
/// names what is wrong, an unknown provider included.
Result<std::pair<QString, ProviderLimits>> parseProviderLimit(const QString &text);

/// Lets requests go to each provider within its limits: at most maxConcurrent in flight and at
/// most perMinute started in any sliding 60 s. A request over a limit waits, first come first
/// served per provider, rather than failing; the Scheduler wakes it when the window allows, so
/// tests run it in simulated time. Every operation costs O(1) amortized, however many wait.
class RequestLimiter final
{
public:
    /// A request's place: in the queue, or holding a slot.
    using Ticket = quint64;
    /// Runs when the request may be sent: at once (inside the call that asked) or later.
    using Granted = std::function<void()>;

    /// Where a request that could not go at once waits.
    struct Wait
    {
        RequestWait reason = RequestWait::Concurrency;
        int position = 1; ///< 1 when it is next in its provider's line.
    };
    /// What acquire() did: the request's ticket, and its wait unless it went at once.
    struct Admission
    {
        Ticket ticket = 0;
        std::optional<Wait> wait;
    };

    explicit RequestLimiter(Scheduler *scheduler);
    ~RequestLimiter();

    RequestLimiter(const RequestLimiter &) = delete;
    RequestLimiter &operator=(const RequestLimiter &) = delete;

    /// providerId's limits; none until set.
    ProviderLimits limits(const QString &providerId) const;
    /// Changes providerId's limits at once: requests a raised limit allows go now, and requests
    /// in flight keep their slots under a lowered one.
    void setLimits(const QString &providerId, ProviderLimits limits);
    /// Sets every provider's limits; a provider not in limits has none.
    void setAllLimits(const QHash<QString, ProviderLimits> &limits);

    /// Asks for a slot for one request to providerId; granted runs once it may be sent, unless
    /// the ticket is released first.
    Admission acquire(const QString &providerId, Granted granted);
    /// Asks to send another try (a retry) of the request holding ticket: it keeps its slot
    /// but counts again in the per-minute window, and may wait for it. Unknown or queued
    /// tickets are refused with std::nullopt and granted never runs.
    std::optional<Wait> acquireAgain(Ticket ticket, Granted granted);
    /// The request is done or given up: it leaves the queue, or frees its slot for the next.
    /// Unknown tickets, 0 included, are ignored.
    void release(Ticket ticket);

    /// Requests of providerId holding a slot (those waiting to retry included).
    int inFlight(const QString &providerId) const;
    /// Requests of providerId waiting, for a slot or to retry.
    int waiting(const QString &providerId) const;

private:
    enum class Stage {
        Queued,   ///< Waits for a slot.
        Holding,  ///< Has a slot.
        Retrying, ///< Has a slot; its next try waits for the window.
    };
    struct Provider
    {
        ProviderLimits limits;
        int inFlight = 0;
        std::deque<qint64> starts; ///< Start times of the last 60 s, oldest first.
        std::list<Ticket> queue;   ///< New requests, in arrival order.
        std::list<Ticket> retries; ///< Retries of requests in flight, ahead of the queue.
        Scheduler::TimerId wake = 0;
        qint64 wakeDue = -1;
        bool pumping = false;
    };
    struct Place
    {
        Provider *provider = nullptr;
        Stage stage = Stage::Queued;
        std::list<Ticket>::iterator position;
        Granted granted;
    };

    Provider &provider(const QString &providerId);
    const Provider *findProvider(const QString &providerId) const;
    void forgetOldStarts(Provider &p, qint64 now);
    bool hasFreeSlot(const Provider &p) const;
    bool rateAllows(const Provider &p) const;
    /// Lets every waiting request go that may, then arranges the wake-up for the rest.
    void pump(Provider &p);
    bool grantNext(Provider &p);
    void armWake(Provider &p);

    Scheduler *m_scheduler;
    std::map<QString, Provider> m_providers; ///< Node-based: wake-ups keep pointers.
    std::unordered_map<Ticket, Place> m_places;
    Ticket m_nextTicket = 1;
};

} // namespace nightshift
