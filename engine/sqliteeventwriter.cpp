#include "sqliteeventwriter.h"

#include "log.h"
#include "sqlitedatabase.h"

#include <QHash>
#include <QMutexLocker>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

#include <optional>

namespace nightshift {

namespace {

// One transaction holds at most this many events, so a commit stays short behind a backlog.
constexpr std::size_t TransactionLimit = 5000;
// Past this many queued events a producer waits for the writer (two transactions' worth).
constexpr std::size_t QueueLimit = 2 * TransactionLimit;
// A batch that could not be written (disk full) is tried again after this long.
constexpr auto RetryWait = std::chrono::seconds(1);

} // namespace

/// The writer's half on its own thread: the connection, its statements and the retry timer.
class SqliteEventWorker final : public QObject
{
public:
    SqliteEventWorker(SqliteEventWriter *writer,
                      std::shared_ptr<SqliteDatabase> database,
                      RetentionPolicy retention)
        : m_writer(writer)
        , m_database(std::move(database))
        , m_retention(retention)
        , m_retry(this)
    {
        m_retry.setSingleShot(true);
        m_retry.setInterval(RetryWait);
        connect(&m_retry, &QTimer::timeout, this, [this] { writeQueued(Attempt::Now); });
    }
    ~SqliteEventWorker() override
    {
        m_insert.reset();
        m_prune.reset();
        if (!m_connection.isEmpty())
            SqliteDatabase::closeSibling(m_connection);
    }

    /// Opens the connection; call on the worker's thread.
    void open()
    {
        Result<QString> opened = m_database->openSibling();
        if (!opened) {
            m_openError = opened.error();
            engineLog().error("{}", m_openError->message.toStdString());
            return;
        }
        m_connection = *opened;
        const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        // The payload is bound as the UTF-8 bytes nlohmann writes and made TEXT by SQLite
        // itself: binding a QString would convert it to UTF-16 and SQLite back to UTF-8.
        m_insert = std::make_unique<QSqlQuery>(db);
        m_insert->prepare(
            QStringLiteral("INSERT INTO events (agent_id, seq, run_id, type, timestamp, payload) "
                           "VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))"));
        m_prune = std::make_unique<QSqlQuery>(db);
        m_prune->prepare(QStringLiteral("DELETE FROM events WHERE agent_id = ? AND seq <= ?"));
    }

    /// Whether a write waits for the retry timer after a failure.
    enum class Attempt { Now, UnlessFailing };

    /// Writes everything queued, a transaction at a time, until the queue is empty or a
    /// transaction fails; the failed events stay queued and are tried again a second later.
    /// New batches do not try sooner; flush() does.
    Result<void> writeQueued(Attempt attempt)
    {
        {
            const QMutexLocker lock(&m_writer->m_mutex);
            m_writer->m_wakeQueued = false;
        }
        if (attempt == Attempt::UnlessFailing && m_retry.isActive())
            return {};
        m_retry.stop();
        for (;;) {
            std::vector<const Event *> batch;
            {
                const QMutexLocker lock(&m_writer->m_mutex);
                const std::size_t count = std::min(m_writer->m_queue.size(), TransactionLimit);
                batch.reserve(count);
                // A deque's elements stay where they are while the engine thread appends.
                for (std::size_t i = 0; i < count; ++i)
                    batch.push_back(&m_writer->m_queue[i]);
            }
            if (batch.empty())
                return {};
            const Result<void> written = writeBatch(batch);
            {
                const QMutexLocker lock(&m_writer->m_mutex);
                m_writer->m_failing = !written;
                if (written)
                    m_writer->m_queue.erase(m_writer->m_queue.begin(),
                                            m_writer->m_queue.begin() + qsizetype(batch.size()));
            }
            m_writer->m_room.wakeAll();
            if (!written) {
                m_retry.start();
                Q_EMIT m_writer->writeFailed(written.errorMessage());
                return written;
            }
        }
    }

    /// Writes what is queued, then drops the agent's queued events and its stored ones.
    Result<void> removeAgent(const QString &agentId)
    {
        writeQueued(Attempt::Now);
        {
            const QMutexLocker lock(&m_writer->m_mutex);
            std::erase_if(m_writer->m_queue,
                          [&](const Event &event) { return event.agentId == agentId; });
        }
        if (m_openError)
            return *m_openError;
        QSqlQuery remove(QSqlDatabase::database(m_connection, false));
        remove.prepare(QStringLiteral("DELETE FROM events WHERE agent_id = ?"));
        remove.addBindValue(agentId);
        if (!remove.exec())
            return m_database->failure(
                QStringLiteral("cannot delete the events of %1").arg(agentId), remove);
        return {};
    }

private:
    Result<void> writeBatch(const std::vector<const Event *> &batch)
    {
        if (m_openError)
            return *m_openError;
        const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery control(db);
        if (!control.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return m_database->failure(QStringLiteral("cannot write events"), control);
        for (const Event *event : batch) {
            m_insert->bindValue(0, event->agentId);
            m_insert->bindValue(1, event->seq);
            m_insert->bindValue(2, SqliteDatabase::text(event->runId));
            m_insert->bindValue(3, event->type);
            m_insert->bindValue(4, event->timestampMs);
            m_insert->bindValue(5, QByteArray::fromStdString(event->payload.dump()));
            if (!m_insert->exec()) {
                const Error error
                    = m_database->failure(QStringLiteral("cannot write events"), *m_insert);
                control.exec(QStringLiteral("ROLLBACK"));
                return error;
            }
        }
        prune(batch);
        if (!control.exec(QStringLiteral("COMMIT"))) {
            const Error error = m_database->failure(QStringLiteral("cannot write events"), control);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return error;
        }
        return {};
    }

    // Retention rides in the batch's transaction: each agent written to drops what falls out of
    // its window, by seq, through the (agent_id, seq) index.
    void prune(const std::vector<const Event *> &batch)
    {
        QHash<QString, qint64> newest;
        for (const Event *event : batch)
            newest.insert(event->agentId, event->seq);
        for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
            if (it.value() <= m_retention.keepEvents)
                continue;
            m_prune->bindValue(0, it.key());
            m_prune->bindValue(1, it.value() - m_retention.keepEvents);
            if (!m_prune->exec())
                engineLog().warn(
                    "retention: {}",
                    m_database->failure(QStringLiteral("cannot drop old events"), *m_prune)
                        .message.toStdString());
        }
    }

    SqliteEventWriter *m_writer;
    std::shared_ptr<SqliteDatabase> m_database;
    RetentionPolicy m_retention;
    QString m_connection;
    std::optional<Error> m_openError;
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_prune;
    QTimer m_retry;
};

SqliteEventWriter::SqliteEventWriter(std::shared_ptr<SqliteDatabase> database,
                                     RetentionPolicy retention)
    : m_worker(new SqliteEventWorker(this, std::move(database), retention))
{
    m_thread.setObjectName(QStringLiteral("sqlite-events"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // The connection is opened on the thread that uses it.
    QMetaObject::invokeMethod(m_worker, &SqliteEventWorker::open);
}

SqliteEventWriter::~SqliteEventWriter()
{
    flush();
    m_thread.quit();
    m_thread.wait();
}

void SqliteEventWriter::write(std::vector<Event> batch)
{
    if (batch.empty())
        return;
    QMutexLocker lock(&m_mutex);
    std::move(batch.begin(), batch.end(), std::back_inserter(m_queue));
    // Hand the work to the writer's thread; one wake-up covers everything queued before it runs.
    if (!std::exchange(m_wakeQueued, true))
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
            worker->writeQueued(SqliteEventWorker::Attempt::UnlessFailing);
        });
    while (m_queue.size() > QueueLimit && !m_failing)
        m_room.wait(&m_mutex);
}

Result<void> SqliteEventWriter::flush()
{
    Result<void> written;
    // Wait on the writer's thread: it writes what this thread queued before the call.
    QMetaObject::invokeMethod(
        m_worker,
        [&] { written = m_worker->writeQueued(SqliteEventWorker::Attempt::Now); },
        Qt::BlockingQueuedConnection);
    return written;
}

Result<void> SqliteEventWriter::removeAgent(const QString &agentId)
{
    Result<void> removed;
    // On the writer's thread, so no batch of the agent's is being written meanwhile.
    QMetaObject::invokeMethod(
        m_worker, [&] { removed = m_worker->removeAgent(agentId); }, Qt::BlockingQueuedConnection);
    return removed;
}

EventList SqliteEventWriter::queued(const QString &agentId, qint64 fromSeq) const
{
    EventList events;
    const QMutexLocker lock(&m_mutex);
    for (const Event &event : m_queue) {
        if (event.agentId == agentId && event.seq >= fromSeq)
            events.append(event);
    }
    return events;
}

qsizetype SqliteEventWriter::queuedCount() const
{
    const QMutexLocker lock(&m_mutex);
    return qsizetype(m_queue.size());
}

} // namespace nightshift
