#include "eventsubscribers.h"

#include <vector>

namespace nightshift {

namespace {
constexpr int ReplayChunk = 10'000;
}

EventRouter::SubscriptionId EventSubscribers::subscribe(EventRouter &router,
                                                        const QString &agentId,
                                                        qint64 fromSeq,
                                                        QObject *context,
                                                        EventRouter::Sink sink)
{
    if (!agentId.isEmpty()) {
        qint64 next = std::max<qint64>(1, fromSeq);
        for (;;) {
            const Result<EventList> chunk = router.read(agentId, next, ReplayChunk);
            if (!chunk || chunk->isEmpty())
                break;
            for (const Event &event : chunk.value())
                sink(event);
            next = chunk->last().seq + 1;
        }
    }
    const EventRouter::SubscriptionId id = m_nextId++;
    m_subscriptions.emplace(id, Subscription{agentId, fromSeq, context, std::move(sink)});
    return id;
}

void EventSubscribers::unsubscribe(EventRouter::SubscriptionId id)
{
    m_subscriptions.erase(id);
}

void EventSubscribers::deliver(const Event &event)
{
    // Copy the ids first: a sink may subscribe or unsubscribe while being called.
    std::vector<EventRouter::SubscriptionId> ids;
    ids.reserve(m_subscriptions.size());
    for (const auto &[id, subscription] : m_subscriptions)
        ids.push_back(id);
    for (EventRouter::SubscriptionId id : ids) {
        const auto it = m_subscriptions.find(id);
        if (it == m_subscriptions.end())
            continue;
        if (!it->second.context) {
            m_subscriptions.erase(it);
            continue;
        }
        const Subscription &subscription = it->second;
        if (subscription.agentId.isEmpty()
            || (subscription.agentId == event.agentId && event.seq >= subscription.fromSeq))
            subscription.sink(event);
    }
}

} // namespace nightshift
