#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMetaType>

#include <deque>
#include <vector>

namespace nightshift {

/// How much an event calls for attention.
enum class EventLevel : quint8 { Info, Warning, Error };

/// The level of an event: failures are errors; retries, skips and cancellations are warnings.
EventLevel eventLevel(const QString &type, const nlohmann::json &payload);

/// The live event log: a bounded ring buffer of events stored compactly (interned names, the
/// payload as compact UTF-8 JSON), so a million rows fit in well under a hundred megabytes.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        AgentColumn,
        TypeColumn,
        LevelColumn,
        RunColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Role {
        /// The raw value behind a cell: milliseconds for the time, the level as an int.
        SortRole = Qt::UserRole + 1,
        /// The whole event as one line of JSON (QByteArray, UTF-8), as `nightshift events`
        /// prints it.
        JsonLineRole,
        /// The EventLevel as an int.
        LevelRole,
    };
    static constexpr int DefaultCapacity = 1'000'000;

    /// Events encoded for the log. Encoding is most of the cost of a batch and needs nothing of
    /// the model, so it can run on another thread; appending the result is cheap.
    struct Batch
    {
        struct Item
        {
            qint64 seq = 0;
            qint64 timestampMs = 0;
            QString agentId;
            QString runId;
            QString type;
            EventLevel level = EventLevel::Info;
            qsizetype offset = 0; ///< Of the payload in payloads.
            qsizetype length = 0;
        };
        QList<Item> items;
        QByteArray payloads; ///< Every item's payload as compact UTF-8 JSON, one after another.
    };
    /// Encodes events for appendBatch(); safe on any thread.
    static Batch encode(const EventList &events);

    /// A log that keeps the newest capacity events.
    explicit EventLogModel(int capacity = DefaultCapacity, QObject *parent = nullptr);
    ~EventLogModel() override;

    /// The most rows the log keeps.
    int capacity() const { return m_capacity; }
    /// Appends a batch in order, first dropping as many of the oldest rows as it needs room for.
    void appendEvents(const EventList &events);
    /// Appends an encoded batch as appendEvents() would.
    void appendBatch(const Batch &batch);
    /// Appends count items of an encoded batch from first on, as appendBatch() would.
    void appendBatch(const Batch &batch, qsizetype first, qsizetype count);
    /// Drops the count oldest rows (every row if there are fewer). Room made at once for rows
    /// appended in parts costs a view one removal instead of one per part.
    void dropOldest(int count);
    /// Forgets every event.
    void clear();

    /// Shows times in UTC rather than local time.
    void setUtc(bool utc);
    /// Whether times show in UTC.
    bool isUtc() const { return m_utc; }

    /// The agent's key of a row, stable for the model's life; see agentName().
    quint32 agentKey(int row) const { return at(row).agent; }
    /// The type's key of a row, stable for the model's life; see typeName().
    quint32 typeKey(int row) const { return at(row).type; }
    /// The agent id behind an agent key.
    const QString &agentName(quint32 key) const { return m_agents.names.at(key); }
    /// The event type behind a type key.
    const QString &typeName(quint32 key) const { return m_types.names.at(key); }
    /// Every event type the log has seen.
    QStringList typeNames() const;
    /// The run id of a row, empty outside a run.
    const QString &runId(int row) const { return m_runs.names.at(at(row).run); }
    /// The level of a row.
    EventLevel level(int row) const { return at(row).level; }
    /// The payload of a row as it is stored: compact UTF-8 JSON.
    QByteArrayView payloadJson(int row) const;
    /// The summary column's text of a row.
    QString summary(int row) const;
    /// The event of a row as one line of JSON, identical to Event::toJson().dump().
    QByteArray jsonLine(int row) const;
    /// The event of a row, rebuilt.
    Event event(int row) const;
    /// The bytes the stored rows and payloads take, for measuring memory per event.
    qint64 storageBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        qint64 timestampMs = 0;
        qint64 seq = 0;
        quint32 agent = 0;
        quint32 type = 0;
        quint32 run = 0;
        quint32 chunk = 0; ///< Absolute number of the chunk holding the payload.
        quint32 offset = 0;
        quint32 length = 0;
        EventLevel level = EventLevel::Info;
    };
    /// Interned strings; a counted table frees a string when its last row goes.
    struct Names
    {
        QList<QString> names;
        QHash<QString, quint32> keys;
        QList<quint32> uses;
        QList<quint32> freeKeys;
        quint32 last = 0; ///< The key interned last, tried before the hash.
    };

    const Row &at(int row) const { return m_ring[(m_head + row) % m_capacity]; }
    void push(const Batch::Item &item, const char *payload);
    void dropFront(int count);
    static quint32 intern(Names &names, const QString &name, bool counted);
    static void release(Names &names, quint32 key);
    QString timeText(qint64 msSinceEpoch) const;

    int m_capacity;
    std::vector<Row> m_ring;
    int m_head = 0;
    int m_count = 0;
    std::deque<QByteArray> m_chunks;
    /// The last chunk let go, kept for the next: a fresh one costs a page fault per 4 KiB.
    QByteArray m_spareChunk;
    quint32 m_firstChunk = 0;
    Names m_agents;
    Names m_types;
    Names m_runs;
    bool m_utc = false;
};

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::EventLogModel::Batch)
