#pragma once

#include "event.h"
#include "result.h"
#include "routers.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <memory>
#include <vector>

namespace nightshift {

class SqliteDatabase;
class SqliteEventWorker;

/// Writes events into an SQLite file from a connection and a thread of its own, so the JSON,
/// the binds and the commit run beside the engine thread rather than on it. Each handed batch
/// and whatever queued behind it is one transaction. Until an event is committed it is in the
/// queue, where readers see it: an event is always in the file or in the queue. A batch that
/// cannot be written (disk full) stays at the head of the queue and is tried again.
class SqliteEventWriter final : public QObject
{
    Q_OBJECT
public:
    SqliteEventWriter(std::shared_ptr<SqliteDatabase> database, RetentionPolicy retention);
    /// Writes what is queued, then stops the thread.
    ~SqliteEventWriter() override;

    /// Queues events, in seq order per agent, and wakes the writer. Waits only while the queue
    /// is over its bound and the writer is writing, so a producer faster than the disk slows
    /// down instead of queueing without end; a failing writer never makes it wait.
    void write(std::vector<Event> batch);
    /// Waits until everything queued is written, or the writer failed to write it.
    Result<void> flush();
    /// Drops the agent's queued events and deletes its stored ones.
    Result<void> removeAgent(const QString &agentId);
    /// The agent's events with seq >= fromSeq that are queued, not yet committed, in order.
    EventList queued(const QString &agentId, qint64 fromSeq) const;
    /// How many events are queued or being written.
    qsizetype queuedCount() const;

Q_SIGNALS:
    /// A batch could not be written; it is kept and tried again.
    void writeFailed(const QString &message);

private:
    friend class SqliteEventWorker;

    // Shared with the worker's thread, under m_mutex. The worker writes a prefix of m_queue and
    // removes it only once it is committed.
    mutable QMutex m_mutex;
    std::deque<Event> m_queue;
    bool m_wakeQueued = false;
    bool m_failing = false;
    QWaitCondition m_room;

    QThread m_thread;
    SqliteEventWorker *m_worker;
};

} // namespace nightshift
