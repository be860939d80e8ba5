#include "rediseventrouter.h"

#include "log.h"
#include "rediscodec.h"
#include "redisconnection.h"

#include <QFile>

#include <algorithm>
#include <limits>

namespace nightshift {

namespace {

using Command = RedisConnection::Command;

constexpr int PollIntervalMs = 200;
constexpr int PollCount = 1000;
constexpr int ReplayPage = 1000;

QHash<QByteArray, QByteArray> toHash(const RedisReply &reply)
{
    QHash<QByteArray, QByteArray> hash;
    for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2)
        hash.insert(reply.elements.at(i).string, reply.elements.at(i + 1).string);
    return hash;
}

QByteArray entryId(qint64 seq)
{
    return QByteArray::number(seq) + "-0";
}

// The seq an agent stream's entry id `<seq>-0` carries.
qint64 seqOfEntry(const QByteArray &id)
{
    return id.left(id.indexOf('-')).toLongLong();
}

} // namespace

RedisEventRouter::RedisEventRouter(std::shared_ptr<RedisConnection> connection,
                                   QString spillPath,
                                   bool followOthers)
    : m_connection(std::move(connection))
    , m_keys(m_connection->url().prefix)
    , m_maxEvents(QByteArray::number(m_connection->url().maxEvents))
    , m_maxBuffered(qsizetype(std::max<qint64>(1, m_connection->url().maxBuffered)))
    , m_spillThreshold(m_maxBuffered)
    , m_followOthers(followOthers)
    , m_spill(std::move(spillPath))
{
    QObject::connect(m_connection.get(),
                     &RedisConnection::onlineChanged,
                     &m_context,
                     [this](bool online) { handleOnlineChanged(online); });
    m_pollTimer.setInterval(PollIntervalMs);
    QObject::connect(&m_pollTimer, &QTimer::timeout, &m_context, [this] { poll(); });
}

RedisEventRouter::~RedisEventRouter()
{
    if (pendingCount() > 0 && m_connection->isOnline())
        flush();
    if (pendingCount() == 0)
        return;
    if (m_followOthers) {
        engineLog().warn("{} events were not written to Redis at {} before closing",
                         pendingCount(),
                         m_connection->url().endpoint().toStdString());
        QFile::remove(m_spill.path());
        return;
    }
    const qint64 count = pendingCount();
    const Result<void> kept = m_spill.preserve(m_inFlight, m_memory);
    if (kept)
        engineLog().warn("{} events wait in {}; they are written when the store opens again",
                         count,
                         m_spill.path().toStdString());
    else
        engineLog().error("{} events are lost: {}", count, kept.errorMessage().toStdString());
}

Result<void> RedisEventRouter::open()
{
    const Result<QList<RedisReply>> first = m_connection->execute(
        QList<Command>{{"SMEMBERS", m_keys.eventAgents()},
                       {"XREVRANGE", m_keys.fleetEvents(), "+", "-", "COUNT", "1"}});
    if (!first)
        return first.error();
    const RedisReply &fleet = first->at(1);
    if (!fleet.elements.isEmpty())
        m_fleetPosition = fleet.elements.first().elements.value(0).string;

    QStringList agents;
    QList<Command> lastEntries;
    for (const RedisReply &agent : first->at(0).elements) {
        agents.append(agent.text());
        lastEntries.append({"XREVRANGE", m_keys.events(agents.last()), "+", "-", "COUNT", "1"});
    }
    if (!lastEntries.isEmpty()) {
        const Result<QList<RedisReply>> last = m_connection->execute(lastEntries);
        if (!last)
            return last.error();
        for (qsizetype i = 0; i < agents.size(); ++i) {
            const RedisReply &entries = last->at(i);
            if (!entries.elements.isEmpty())
                m_lastSeq.insert(agents.at(i),
                                 seqOfEntry(entries.elements.first().elements.value(0).string));
        }
    }

    const Result<QList<RedisPendingWrite>> left = m_spill.load();
    if (!left)
        return left.error();
    for (const RedisPendingWrite &write : *left) {
        if (write.kind == RedisPendingWrite::Kind::Removal)
            m_lastSeq.remove(write.event.agentId);
        else
            m_lastSeq.insert(write.event.agentId,
                             std::max(m_lastSeq.value(write.event.agentId), write.event.seq));
    }
    if (!left->isEmpty())
        engineLog().info("writing {} events an earlier run left in {}",
                         left->size(),
                         m_spill.path().toStdString());
    pump();
    if (m_followOthers)
        m_pollTimer.start();
    return {};
}

Result<Event> RedisEventRouter::append(Event event)
{
    event.seq = m_lastSeq.value(event.agentId) + 1;
    m_lastSeq.insert(event.agentId, event.seq);
    enqueue({RedisPendingWrite::Kind::Append, event});
    deliver(event, true);
    return event;
}

Result<EventList> RedisEventRouter::read(const QString &agentId, qint64 fromSeq, int limit)
{
    EventList result;
    if (limit <= 0)
        return result;
    const qint64 from = std::max<qint64>(1, fromSeq);
    const bool online = m_connection->isOnline();
    if (!m_spill.isEmpty()) {
        // Spilled writes are not in memory to merge: get them into Redis first.
        if (!online)
            return m_connection->offlineError();
        if (const Result<void> flushed = flush(); !flushed)
            return flushed.error();
    }

    // Unacknowledged writes of this agent, oldest first. After a pending removal, what Redis
    // still holds for the agent is on its way out.
    EventList pending;
    bool removalPending = false;
    const auto collect = [&](const std::deque<RedisPendingWrite> &writes) {
        for (const RedisPendingWrite &write : writes) {
            if (write.event.agentId != agentId)
                continue;
            if (write.kind == RedisPendingWrite::Kind::Removal) {
                pending.clear();
                removalPending = true;
            } else {
                pending.append(write.event);
            }
        }
    };
    collect(m_inFlight);
    collect(m_memory);

    const bool pendingSuffices = !pending.isEmpty() && pending.first().seq <= from;
    if (!removalPending && !pendingSuffices) {
        if (!online) {
            if (from > lastSeq(agentId))
                return result;
            return m_connection->offlineError();
        }
        Result<EventList> stored = readStored(agentId, from, limit);
        if (!stored)
            return stored.error();
        result = std::move(stored).value();
    }
    qint64 next = result.isEmpty() ? from : result.last().seq + 1;
    for (const Event &event : std::as_const(pending)) {
        if (result.size() >= limit)
            break;
        if (event.seq >= next) {
            result.append(event);
            next = event.seq + 1;
        }
    }
    return result;
}

Result<EventList> RedisEventRouter::readStored(const QString &agentId, qint64 fromSeq, int limit)
{
    const Result<RedisReply> entries = m_connection->execute(Command{"XRANGE",
                                                                     m_keys.events(agentId),
                                                                     entryId(fromSeq),
                                                                     "+",
                                                                     "COUNT",
                                                                     QByteArray::number(limit)});
    if (!entries)
        return makeError(entries.error().code,
                         QStringLiteral("cannot read the events of agent \"%1\": %2")
                             .arg(agentId, entries.error().message));
    EventList events;
    events.reserve(entries->elements.size());
    for (const RedisReply &entry : entries->elements) {
        const std::optional<Event> event = redisEventFromFields(toHash(entry.elements.value(1)));
        if (!event)
            return makeError(ErrorCode::Io,
                             QStringLiteral("event %1 of agent \"%2\" in Redis does not read back")
                                 .arg(entry.elements.value(0).text(), agentId));
        events.append(*event);
    }
    return events;
}

qint64 RedisEventRouter::lastSeq(const QString &agentId) const
{
    return m_lastSeq.value(agentId);
}

Result<void> RedisEventRouter::flush()
{
    if (pendingCount() == 0)
        return {};
    if (!m_connection->isOnline())
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Redis at %1 is offline: %2 events wait to be written "
                                        "(%3 of them on disk) and go out when it is back")
                             .arg(m_connection->url().endpoint())
                             .arg(pendingCount())
                             .arg(m_spill.count()));
    pump();
    return m_connection->waitUntil([this] { return pendingCount() == 0; },
                                   FlushTimeoutMs,
                                   QStringLiteral("%1 event writes").arg(pendingCount()));
}

Result<void> RedisEventRouter::removeAgent(const QString &agentId)
{
    m_lastSeq.remove(agentId);
    RedisPendingWrite removal;
    removal.kind = RedisPendingWrite::Kind::Removal;
    removal.event.agentId = agentId;
    enqueue(std::move(removal));
    resetSubscriptions(agentId);
    return {};
}

EventRouter::SubscriptionId RedisEventRouter::subscribe(const QString &agentId,
                                                        qint64 fromSeq,
                                                        QObject *context,
                                                        Sink sink)
{
    // Replay and registration happen on this thread with no append in between, so the
    // hand-over from stored to live events has no gap and no duplicate.
    qint64 next = fromSeq;
    if (!agentId.isEmpty()) {
        for (;;) {
            const Result<EventList> page = read(agentId, next, ReplayPage);
            if (!page) {
                engineLog().warn("cannot replay the events of agent \"{}\": {}",
                                 agentId.toStdString(),
                                 page.errorMessage().toStdString());
                break;
            }
            for (const Event &event : *page) {
                sink(event);
                next = event.seq + 1;
            }
            if (page->size() < ReplayPage)
                break;
        }
    }
    const SubscriptionId id = m_nextSubscription++;
    m_subscriptions.emplace(id, Subscription{agentId, fromSeq, next, context, std::move(sink)});
    return id;
}

void RedisEventRouter::unsubscribe(SubscriptionId id)
{
    m_subscriptions.erase(id);
}

qint64 RedisEventRouter::pendingCount() const
{
    return qint64(m_inFlight.size()) + m_spill.count() + qint64(m_memory.size());
}

void RedisEventRouter::enqueue(RedisPendingWrite write)
{
    if (m_connection->isOnline() && m_spill.isEmpty() && m_memory.empty()
        && qsizetype(m_inFlight.size()) < Window) {
        send(write);
        m_inFlight.push_back(std::move(write));
        return;
    }
    m_memory.push_back(std::move(write));
    if (qsizetype(m_memory.size()) <= m_spillThreshold)
        return;
    // The oldest half goes to disk, behind what is there already: the file stays older than
    // memory, so writes still go out in order.
    const auto half = m_memory.begin() + qsizetype(std::max<std::size_t>(1, m_memory.size() / 2));
    const std::deque<RedisPendingWrite> oldest(m_memory.begin(), half);
    if (const Result<void> spilled = m_spill.append(oldest); !spilled) {
        // Memory is all that is left; try the disk again only after as many more events.
        m_spillThreshold = qsizetype(m_memory.size()) + m_maxBuffered;
        engineLog().error("{}; keeping the events in memory", spilled.errorMessage().toStdString());
        return;
    }
    m_memory.erase(m_memory.begin(), half);
    m_spillThreshold = m_maxBuffered;
}

void RedisEventRouter::pump()
{
    while (m_connection->isOnline() && qsizetype(m_inFlight.size()) < Window) {
        if (!m_spill.isEmpty()) {
            const QList<RedisPendingWrite> batch
                = m_spill.takeFront(Window - qsizetype(m_inFlight.size()));
            if (batch.isEmpty())
                break;
            for (const RedisPendingWrite &write : batch) {
                send(write);
                m_inFlight.push_back(write);
            }
            continue;
        }
        if (m_memory.empty())
            break;
        send(m_memory.front());
        m_inFlight.push_back(std::move(m_memory.front()));
        m_memory.pop_front();
    }
}

void RedisEventRouter::send(const RedisPendingWrite &write)
{
    const std::weak_ptr<int> alive = m_lifetime;
    const auto acknowledged = [this, alive](const RedisReply &reply) {
        if (alive.expired())
            return;
        if (reply.isError())
            engineLog().warn("Redis refused a fleet event: {}",
                             m_connection->redact(reply.errorText()).toStdString());
        acknowledge();
    };
    const Event &event = write.event;
    const QByteArray agentId = event.agentId.toUtf8();
    if (write.kind == RedisPendingWrite::Kind::Removal) {
        m_registered.remove(event.agentId);
        m_connection->send({"DEL", m_keys.events(event.agentId)});
        m_connection->send({"SREM", m_keys.eventAgents(), agentId});
        // Tells processes following the fleet stream that this agent's seq starts over.
        m_connection->send({"XADD",
                            m_keys.fleetEvents(),
                            "MAXLEN",
                            "~",
                            m_maxEvents,
                            "*",
                            "agent_id",
                            agentId,
                            "removed",
                            "1"},
                           acknowledged);
        return;
    }
    if (!m_registered.contains(event.agentId)) {
        m_connection->send({"SADD", m_keys.eventAgents(), agentId});
        m_registered.insert(event.agentId);
    }
    const QList<QByteArray> fields = redisEventFields(event);
    Command toAgent{"XADD", m_keys.events(event.agentId), "MAXLEN", "~", m_maxEvents};
    toAgent.append(entryId(event.seq));
    toAgent.append(fields);
    const qint64 seq = event.seq;
    m_connection->send(toAgent, [this, alive, seq, agentId](const RedisReply &reply) {
        // After a reconnect the write goes out again; an agent stream that already has the
        // entry refuses it as "equal or smaller", which means it is stored.
        if (alive.expired() || !reply.isError() || reply.string.contains("equal or smaller"))
            return;
        engineLog().error("Redis refused event {} of agent \"{}\": {}",
                          seq,
                          agentId.toStdString(),
                          m_connection->redact(reply.errorText()).toStdString());
    });
    Command toFleet{"XADD", m_keys.fleetEvents(), "MAXLEN", "~", m_maxEvents, "*"};
    toFleet.append(fields);
    m_connection->send(toFleet, acknowledged);
}

void RedisEventRouter::acknowledge()
{
    if (!m_inFlight.empty())
        m_inFlight.pop_front();
    pump();
}

void RedisEventRouter::handleOnlineChanged(bool online)
{
    if (!online) {
        m_registered.clear();
        m_pollPending = false;
        return;
    }
    // Redis may have stored some of these before the drop; sending them again is safe.
    for (const RedisPendingWrite &write : m_inFlight)
        send(write);
    pump();
}

void RedisEventRouter::deliver(const Event &event, bool toFleetSubscribers)
{
    // Copy the ids first: a sink may subscribe or unsubscribe while being called.
    std::vector<SubscriptionId> ids;
    ids.reserve(m_subscriptions.size());
    for (const auto &[id, subscription] : m_subscriptions)
        ids.push_back(id);
    for (SubscriptionId id : ids) {
        const auto it = m_subscriptions.find(id);
        if (it == m_subscriptions.end())
            continue;
        Subscription &subscription = it->second;
        if (!subscription.context) {
            m_subscriptions.erase(it);
            continue;
        }
        // A copy: the sink may unsubscribe itself.
        const Sink sink = subscription.sink;
        if (subscription.agentId.isEmpty()) {
            if (toFleetSubscribers)
                sink(event);
            continue;
        }
        if (subscription.agentId != event.agentId || event.seq < subscription.fromSeq
            || event.seq < subscription.nextSeq)
            continue;
        subscription.nextSeq = event.seq + 1;
        sink(event);
    }
}

void RedisEventRouter::resetSubscriptions(const QString &agentId)
{
    for (auto &[id, subscription] : m_subscriptions) {
        if (subscription.agentId == agentId)
            subscription.nextSeq = std::numeric_limits<qint64>::min();
    }
}

void RedisEventRouter::poll()
{
    if (m_pollPending || !m_connection->isOnline())
        return;
    const std::weak_ptr<int> alive = m_lifetime;
    m_pollPending = m_connection->send({"XREAD",
                                        "COUNT",
                                        QByteArray::number(PollCount),
                                        "STREAMS",
                                        m_keys.fleetEvents(),
                                        m_fleetPosition},
                                       [this, alive](const RedisReply &reply) {
                                           if (alive.expired())
                                               return;
                                           m_pollPending = false;
                                           handlePolled(reply);
                                       });
}

void RedisEventRouter::handlePolled(const RedisReply &reply)
{
    if (reply.type != RedisReply::Type::Array || reply.elements.isEmpty())
        return;
    const QList<RedisReply> &entries = reply.elements.first().elements.value(1).elements;
    for (const RedisReply &entry : entries) {
        m_fleetPosition = entry.elements.value(0).string;
        const QHash<QByteArray, QByteArray> fields = toHash(entry.elements.value(1));
        const QString agentId = QString::fromUtf8(fields.value("agent_id"));
        if (fields.contains("removed")) {
            m_lastSeq.remove(agentId);
            resetSubscriptions(agentId);
            continue;
        }
        const std::optional<Event> event = redisEventFromFields(fields);
        if (!event)
            continue;
        // This process's own events, and copies a resend left in the fleet stream, are known.
        const bool isNew = event->seq > m_lastSeq.value(agentId);
        if (isNew)
            m_lastSeq.insert(agentId, event->seq);
        deliver(*event, isNew);
    }
    if (entries.size() == PollCount)
        poll();
}

} // namespace nightshift
