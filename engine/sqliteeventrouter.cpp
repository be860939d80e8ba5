#include "sqliteeventrouter.h"

#include "sqlitedatabase.h"

#include <QSqlQuery>
#include <QVariant>

namespace nightshift {

namespace {

// The longest an appended event waits before it is handed to the writer. With the commit
// itself this keeps every event durable well within 50 ms.
constexpr auto MaxWait = std::chrono::milliseconds(20);
// Past this many pending events the batch is handed over at the next turn of the event loop, so
// a transaction stays short even when appends outrun the timer.
constexpr std::size_t BatchLimit = 2000;

} // namespace

SqliteEventRouter::SqliteEventRouter(std::shared_ptr<SqliteDatabase> database,
                                     RetentionPolicy retention,
                                     StoreRole role)
    : m_database(database)
    , m_owner(role == StoreRole::Owner)
    , m_writer(std::move(database), retention)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_batchTimer, &QTimer::timeout, this, &SqliteEventRouter::handOver);
    // The writer reports from its thread; the report is handled on this one.
    connect(&m_writer, &SqliteEventWriter::writeFailed, this, &SqliteEventRouter::writeFailed);
    if (role != StoreRole::Owner)
        return;
    // Every stored agent's last seq in one statement, each through the (agent_id, seq) index,
    // instead of one query per agent on its first event.
    QSqlQuery last = m_database->prepare(
        QStringLiteral("SELECT agent_id, (SELECT max(seq) FROM events WHERE events.agent_id = "
                       "agents.agent_id) FROM agents"));
    if (last.exec()) {
        while (last.next())
            m_lastSeq.insert(last.value(0).toString(), last.value(1).toLongLong());
    }
}

SqliteEventRouter::~SqliteEventRouter()
{
    flush();
}

Result<Event> SqliteEventRouter::append(Event event)
{
    event.seq = lastSeq(event.agentId) + 1;
    m_lastSeq.insert(event.agentId, event.seq);
    m_pending.push_back(event);
    if (m_pending.size() == BatchLimit)
        m_batchTimer.start(0);
    else if (!m_batchTimer.isActive())
        m_batchTimer.start(MaxWait);
    m_subscribers.deliver(event);
    return event;
}

void SqliteEventRouter::handOver()
{
    m_batchTimer.stop();
    m_writer.write(std::exchange(m_pending, {}));
}

Result<void> SqliteEventRouter::flush()
{
    handOver();
    return m_writer.flush();
}

Result<EventList> SqliteEventRouter::read(const QString &agentId, qint64 fromSeq, int limit)
{
    // The writer's queue is looked at before the file: an event committed in between is then
    // in both, and skipped the second time by its seq, rather than in neither.
    const EventList queued = m_writer.queued(agentId, fromSeq);
    QSqlQuery query = m_database->prepare(
        QStringLiteral("SELECT seq, run_id, type, timestamp, payload FROM events "
                       "WHERE agent_id = ? AND seq >= ? ORDER BY seq LIMIT ?"));
    query.addBindValue(agentId);
    query.addBindValue(fromSeq);
    query.addBindValue(limit);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot read events of %1").arg(agentId), query);
    EventList events;
    while (query.next()) {
        Event event;
        event.seq = query.value(0).toLongLong();
        event.agentId = agentId;
        event.runId = query.value(1).toString();
        event.type = query.value(2).toString();
        event.timestampMs = query.value(3).toLongLong();
        event.payload
            = nlohmann::json::parse(query.value(4).toString().toStdString(), nullptr, false);
        events.append(event);
    }
    // Events not committed yet are part of the log too.
    const auto appendNewer = [&](const Event &event) {
        const qint64 next = events.isEmpty() ? std::max<qint64>(1, fromSeq) : events.last().seq + 1;
        if (events.size() < limit && event.agentId == agentId && event.seq >= next)
            events.append(event);
    };
    for (const Event &event : queued)
        appendNewer(event);
    for (const Event &event : m_pending)
        appendNewer(event);
    return events;
}

qint64 SqliteEventRouter::lastSeq(const QString &agentId) const
{
    const auto it = m_lastSeq.constFind(agentId);
    if (it != m_lastSeq.constEnd())
        return *it;
    QSqlQuery query
        = m_database->prepare(QStringLiteral("SELECT max(seq) FROM events WHERE agent_id = ?"));
    query.addBindValue(agentId);
    const qint64 last = query.exec() && query.next() ? query.value(0).toLongLong() : 0;
    if (m_owner)
        m_lastSeq.insert(agentId, last);
    return last;
}

Result<void> SqliteEventRouter::removeAgent(const QString &agentId)
{
    std::erase_if(m_pending, [&](const Event &event) { return event.agentId == agentId; });
    m_lastSeq.remove(agentId);
    return m_writer.removeAgent(agentId);
}

EventRouter::SubscriptionId SqliteEventRouter::subscribe(const QString &agentId,
                                                         qint64 fromSeq,
                                                         QObject *context,
                                                         Sink sink)
{
    return m_subscribers.subscribe(*this, agentId, fromSeq, context, std::move(sink));
}

void SqliteEventRouter::unsubscribe(SubscriptionId id)
{
    m_subscribers.unsubscribe(id);
}

} // namespace nightshift
