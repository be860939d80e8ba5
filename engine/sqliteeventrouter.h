#pragma once

#include "eventsubscribers.h"
#include "routers.h"
#include "sqliteeventwriter.h"

#include <QHash>
#include <QTimer>

#include <memory>
#include <vector>

namespace nightshift {

class SqliteDatabase;

/// `sqlite:` EventRouter. Appends are delivered at once and handed in batches to a writer on
/// a thread of its own, one transaction per batch: 20 ms after the first pending append, sooner
/// when many are pending, and whenever flush() is called, which waits for the writer. A batch
/// that cannot be written (disk full) stays with the writer and is tried again: nothing is
/// dropped, and reads see it meanwhile.
class SqliteEventRouter final
    : public QObject
    , public EventRouter
{
    Q_OBJECT
public:
    /// Only the owner writes, so only the owner keeps each agent's last seq in memory; a
    /// client reads it from the file each time.
    SqliteEventRouter(std::shared_ptr<SqliteDatabase> database,
                      RetentionPolicy retention = {},
                      StoreRole role = StoreRole::Owner);
    ~SqliteEventRouter() override;

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

    /// How many events wait to be written: not yet handed to the writer, or not yet committed.
    qsizetype pendingCount() const { return qsizetype(m_pending.size()) + m_writer.queuedCount(); }
    /// Of pendingCount(), those not yet handed to the writer.
    qsizetype waitingCount() const { return qsizetype(m_pending.size()); }

Q_SIGNALS:
    /// A batch could not be written; it is kept and tried again.
    void writeFailed(const QString &message);

private:
    void handOver();

    std::shared_ptr<SqliteDatabase> m_database;
    bool m_owner;
    std::vector<Event> m_pending;
    mutable QHash<QString, qint64> m_lastSeq;
    EventSubscribers m_subscribers;
    QTimer m_batchTimer;
    SqliteEventWriter m_writer;
};

} // namespace nightshift
