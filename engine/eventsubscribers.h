#pragma once

#include "routers.h"

#include <QPointer>

#include <map>

namespace nightshift {

/// The live side of EventRouter::subscribe(), shared by the backends: who listens to what, and
/// delivery in append order.
class EventSubscribers final
{
public:
    /// Replays the agent's stored events from fromSeq through router.read(), then registers the
    /// sink for live ones; nothing is appended in between, as both happen on the engine thread.
    EventRouter::SubscriptionId subscribe(EventRouter &router,
                                          const QString &agentId,
                                          qint64 fromSeq,
                                          QObject *context,
                                          EventRouter::Sink sink);
    void unsubscribe(EventRouter::SubscriptionId id);
    /// Hands a just-appended event to every subscriber that wants it.
    void deliver(const Event &event);

private:
    struct Subscription
    {
        QString agentId;
        qint64 fromSeq;
        QPointer<QObject> context;
        EventRouter::Sink sink;
    };

    std::map<EventRouter::SubscriptionId, Subscription> m_subscriptions;
    EventRouter::SubscriptionId m_nextId = 1;
};

} // namespace nightshift
