#include "sqliteeventrouter.h"

#include "log.h"
#include "sqlitedatabase.h"

#include <QSqlQuery>
#include <QVariant>

namespace nightshift {

namespace {

// The longest an appended event waits in memory before its transaction begins. With the
// commit itself this keeps every event durable well within 50 ms.
constexpr auto MaxWait = std::chrono::milliseconds(20);
// Past this many pending events the batch is written at the next turn of the event loop, so
// a commit stays short even when appends outrun the timer.
constexpr std::size_t BatchLimit = 2000;
// A batch that could not be written (disk full) is tried again after this long.
constexpr auto RetryWait = std::chrono::seconds(1);

} // namespace

SqliteEventRouter::SqliteEventRouter(std::shared_ptr<SqliteDatabase> database,
                                     RetentionPolicy retention,
                                     StoreRole role)
    : m_database(std::move(database))
    , m_retention(retention)
    , m_owner(role == StoreRole::Owner)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        if (const Result<void> flushed = flush(); !flushed)
            Q_EMIT writeFailed(flushed.errorMessage());
    });
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
        m_flushTimer.start(0);
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(MaxWait);
    m_subscribers.deliver(event);
    return event;
}

Result<void> SqliteEventRouter::flush()
{
    if (m_pending.empty())
        return {};
    QSqlDatabase db = m_database->connection();
    QSqlQuery control(db);
    if (!control.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        m_flushTimer.start(RetryWait);
        return m_database->failure(QStringLiteral("cannot write events"), control);
    }
    // The payload is bound as the UTF-8 bytes nlohmann writes and made TEXT by SQLite itself:
    // binding a QString would convert it to UTF-16 and SQLite back to UTF-8.
    QSqlQuery &insert = m_database->cached(
        QStringLiteral("INSERT INTO events (agent_id, seq, run_id, type, timestamp, payload) "
                       "VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))"));
    for (const Event &event : m_pending) {
        insert.bindValue(0, event.agentId);
        insert.bindValue(1, event.seq);
        insert.bindValue(2, SqliteDatabase::text(event.runId));
        insert.bindValue(3, event.type);
        insert.bindValue(4, event.timestampMs);
        insert.bindValue(5, QByteArray::fromStdString(event.payload.dump()));
        if (!insert.exec()) {
            const Error error = m_database->failure(QStringLiteral("cannot write events"), insert);
            control.exec(QStringLiteral("ROLLBACK"));
            m_flushTimer.start(RetryWait);
            return error;
        }
    }
    // Retention rides in the same transaction: each agent written to drops what falls out of
    // its window, by seq, through the (agent_id, seq) index.
    QHash<QString, qint64> newest;
    for (const Event &event : m_pending)
        newest.insert(event.agentId, event.seq);
    QSqlQuery prune
        = m_database->prepare(QStringLiteral("DELETE FROM events WHERE agent_id = ? AND seq <= ?"));
    for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
        if (it.value() <= m_retention.keepEvents)
            continue;
        prune.bindValue(0, it.key());
        prune.bindValue(1, it.value() - m_retention.keepEvents);
        if (!prune.exec())
            engineLog().warn("retention: {}",
                             m_database->failure(QStringLiteral("cannot drop old events"), prune)
                                 .message.toStdString());
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const Error error = m_database->failure(QStringLiteral("cannot write events"), control);
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        m_flushTimer.start(RetryWait);
        return error;
    }
    m_pending.clear();
    return {};
}

Result<EventList> SqliteEventRouter::read(const QString &agentId, qint64 fromSeq, int limit)
{
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
    // Events still waiting for their batch are part of the log too.
    for (const Event &event : m_pending) {
        if (events.size() >= limit)
            break;
        const qint64 next = events.isEmpty() ? std::max<qint64>(1, fromSeq) : events.last().seq + 1;
        if (event.agentId == agentId && event.seq >= next)
            events.append(event);
    }
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
    QSqlQuery query = m_database->prepare(QStringLiteral("DELETE FROM events WHERE agent_id = ?"));
    query.addBindValue(agentId);
    if (!query.exec())
        return m_database->failure(QStringLiteral("cannot delete the events of %1").arg(agentId),
                                   query);
    return {};
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
