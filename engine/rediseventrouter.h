#pragma once

#include "rediskeys.h"
#include "redispendingwrite.h"
#include "redisspillfile.h"
#include "routers.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>

namespace nightshift {

class RedisConnection;
struct RedisReply;

/// `redis://` EventRouter: one Stream per agent (entry id `<seq>-0`) plus one for the fleet.
/// append() never waits for the network: it numbers the event, hands it to local subscribers
/// and queues the write, which goes out pipelined from the event loop. While Redis is away the
/// writes wait in memory, then in a spill file, and go out in order once it is back.
class RedisEventRouter final : public EventRouter
{
public:
    /// How many writes may await acknowledgement at once.
    static constexpr qsizetype Window = 1000;
    /// How long flush() waits for the last acknowledgement.
    static constexpr int FlushTimeoutMs = 10'000;

    /// followOthers polls the fleet stream so subscribers also see events other processes add.
    RedisEventRouter(std::shared_ptr<RedisConnection> connection,
                     QString spillPath,
                     bool followOthers);
    /// Writes what it can; anything Redis did not take stays in the spill file for next time.
    ~RedisEventRouter() override;

    /// Learns every agent's last seq and takes up writes an earlier process left unsent.
    Result<void> open();

    Result<Event> append(Event event) override;
    Result<EventList> read(const QString &agentId, qint64 fromSeq, int limit) override;
    qint64 lastSeq(const QString &agentId) const override;
    Result<void> flush() override;
    Result<void> removeAgent(const QString &agentId) override;
    SubscriptionId subscribe(const QString &agentId,
                             qint64 fromSeq,
                             QObject *context,
                             Sink sink) override;
    void unsubscribe(SubscriptionId id) override;

    RedisConnection *connection() const { return m_connection.get(); }
    /// Writes Redis has not acknowledged yet, in memory and on disk.
    qint64 pendingCount() const;
    /// Of pendingCount(), those waiting in the spill file.
    qint64 spilledCount() const { return m_spill.count(); }

private:
    struct Subscription
    {
        QString agentId;
        qint64 fromSeq;
        qint64 nextSeq; ///< Lowest seq not delivered yet, so remote copies are not repeated.
        QPointer<QObject> context;
        Sink sink;
    };

    void enqueue(RedisPendingWrite write);
    void pump();
    void send(const RedisPendingWrite &write);
    void acknowledge();
    void handleOnlineChanged(bool online);
    void deliver(const Event &event, bool toFleetSubscribers);
    void resetSubscriptions(const QString &agentId);
    void poll();
    void handlePolled(const RedisReply &reply);
    Result<EventList> readStored(const QString &agentId, qint64 fromSeq, int limit);

    std::shared_ptr<RedisConnection> m_connection;
    RedisKeys m_keys;
    QByteArray m_maxEvents;
    qsizetype m_maxBuffered;
    qsizetype m_spillThreshold; ///< Memory size that sends the oldest writes to disk.
    bool m_followOthers;
    QHash<QString, qint64> m_lastSeq;
    // Pending writes in order: sent and unacknowledged, then spilled, then in memory.
    std::deque<RedisPendingWrite> m_inFlight;
    RedisSpillFile m_spill;
    std::deque<RedisPendingWrite> m_memory;
    // Agents named in the event_agents set on this connection; cleared when it drops.
    QSet<QString> m_registered;
    std::map<SubscriptionId, Subscription> m_subscriptions;
    SubscriptionId m_nextSubscription = 1;
    QByteArray m_fleetPosition = "0-0";
    bool m_pollPending = false;
    QObject m_context;
    QTimer m_pollTimer;
    // Replies may arrive after this router is gone; their callbacks check this first.
    std::shared_ptr<int> m_lifetime = std::make_shared<int>();
};

} // namespace nightshift
