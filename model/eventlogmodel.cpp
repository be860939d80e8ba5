#include "eventlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace nightshift {

namespace {

// Payloads share big chunks, so a row costs its bytes and not an allocation of its own.
constexpr qsizetype ChunkBytes = 1 << 20;
constexpr qsizetype MaxSummaryChars = 300;
constexpr qsizetype MaxToolTipChars = 4000;

// Invalid UTF-8 from a tool must not throw out of a slot; it becomes U+FFFD.
std::string compact(const nlohmann::json &value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A JSON string as nlohmann writes it; ids are plain ASCII, which needs no escaping.
QByteArray quoted(const QString &text)
{
    const bool plain = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    });
    if (!plain)
        return QByteArray::fromStdString(compact(text.toStdString()));
    QByteArray json;
    json.reserve(text.size() + 2);
    return json.append('"').append(text.toLatin1()).append('"');
}

// isoTimestamp() as bytes, without QDateTime's formatting, which costs a microsecond a row.
QByteArray isoTimestampBytes(qint64 msSinceEpoch)
{
    using namespace std::chrono;
    const sys_time<milliseconds> time{milliseconds(msSinceEpoch)};
    const sys_days day = floor<days>(time);
    const year_month_day date(day);
    const hh_mm_ss<milliseconds> clock(time - day);
    char text[32];
    const int size = std::snprintf(text,
                                   sizeof text,
                                   "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                                   int(date.year()),
                                   unsigned(date.month()),
                                   unsigned(date.day()),
                                   int(clock.hours().count()),
                                   int(clock.minutes().count()),
                                   int(clock.seconds().count()),
                                   int(clock.subseconds().count()));
    return QByteArray(text, size);
}

std::string stringField(const nlohmann::json &payload, const char *key)
{
    const auto it = payload.find(key);
    return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool isType(const QString &type, const char *name)
{
    return type == QLatin1StringView(name);
}

// A payload field for people: strings as they are, anything else as compact JSON.
QString field(const nlohmann::json &payload, const char *key)
{
    const auto it = payload.find(key);
    if (it == payload.end() || it->is_null())
        return {};
    return QString::fromStdString(it->is_string() ? it->get<std::string>() : compact(*it));
}

QString duration(const nlohmann::json &payload, const char *key)
{
    const auto it = payload.find(key);
    if (it == payload.end() || !it->is_number())
        return {};
    const double ms = it->get<double>();
    if (ms < 1000)
        return EventLogModel::tr("%1 ms").arg(qint64(ms));
    return EventLogModel::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

// Every top-level field as key=value, for types the log has no words for.
QString gist(const nlohmann::json &payload)
{
    if (!payload.is_object())
        return QString::fromStdString(compact(payload));
    QStringList parts;
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (it->is_null())
            continue;
        parts.append(
            QString::fromStdString(it.key()) + u'='
            + QString::fromStdString(it->is_string() ? it->get<std::string>() : compact(*it)));
    }
    return parts.join(u' ');
}

// "head: detail", or the head alone when there is no detail.
QString joined(const QString &head, const QString &detail)
{
    return detail.isEmpty() ? head : EventLogModel::tr("%1: %2").arg(head, detail);
}

QString describe(const QString &type, const nlohmann::json &p)
{
    using namespace EventType;
    if (isType(type, TaskStarted))
        return EventLogModel::tr("%1 run, attempt %2").arg(field(p, "origin"), field(p, "attempt"));
    if (isType(type, TaskCompleted))
        return joined(EventLogModel::tr("completed in %1").arg(duration(p, "duration_ms")),
                      field(p, "result"));
    if (isType(type, TaskError)) {
        const auto retry = p.find("will_retry");
        const bool willRetry = retry != p.end() && retry->is_boolean() && retry->get<bool>();
        const QString state = field(p, "state");
        return joined(willRetry ? EventLogModel::tr("%1, will retry").arg(state) : state,
                      field(p, "error"));
    }
    if (isType(type, AgentStatus))
        return EventLogModel::tr("%1 → %2 (%3)")
            .arg(field(p, "previous_state"), field(p, "state"), field(p, "reason"));
    if (isType(type, RunSkipped))
        return joined(EventLogModel::tr("skipped %1").arg(field(p, "occurrence")),
                      field(p, "reason"));
    if (isType(type, RetryScheduled))
        return joined(
            EventLogModel::tr("attempt %1 in %2").arg(field(p, "attempt"), duration(p, "delay_ms")),
            field(p, "error"));
    if (isType(type, LlmRequest))
        return EventLogModel::tr("%1, step %2, %3 messages")
            .arg(field(p, "model"), field(p, "step"), field(p, "messages"));
    if (isType(type, LlmResponse))
        return EventLogModel::tr("step %1: %2, %3 in / %4 out tokens, %5")
            .arg(field(p, "step"),
                 field(p, "finish_reason"),
                 field(p, "input_tokens"),
                 field(p, "output_tokens"),
                 duration(p, "duration_ms"));
    if (isType(type, LlmRetry))
        return joined(EventLogModel::tr("try %1 failed (HTTP %2), retry in %3")
                          .arg(field(p, "try"), field(p, "status"), duration(p, "retry_in_ms")),
                      field(p, "error"));
    if (isType(type, RequestQueued))
        return stringField(p, "reason") == "rate"
                   ? EventLogModel::tr("waits for %1's per-minute limit, place %2 in line")
                         .arg(field(p, "provider"), field(p, "position"))
                   : EventLogModel::tr("waits for a free %1 slot, place %2 in line")
                         .arg(field(p, "provider"), field(p, "position"));
    if (isType(type, ToolCallStarted))
        return field(p, "tool") + u'(' + field(p, "arguments") + u')';
    if (isType(type, ToolCallCompleted))
        return joined(
            EventLogModel::tr("%1 done in %2").arg(field(p, "tool"), duration(p, "duration_ms")),
            field(p, "result"));
    if (isType(type, ToolCallError))
        return joined(EventLogModel::tr("%1 failed after %2")
                          .arg(field(p, "tool"), duration(p, "duration_ms")),
                      field(p, "error"));
    if (isType(type, Notification))
        return joined(field(p, "title"), field(p, "body"));
    return gist(p);
}

QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    if (text.size() > MaxSummaryChars)
        text = text.left(MaxSummaryChars - 1) + u'…';
    return text;
}

nlohmann::json parsed(QByteArrayView json)
{
    nlohmann::json value = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    return value.is_discarded() ? nlohmann::json::object() : value;
}

} // namespace

EventLevel eventLevel(const QString &type, const nlohmann::json &payload)
{
    using namespace EventType;
    if (isType(type, TaskError)) {
        // A cancelled run is what someone asked for; a failed attempt that will be retried may
        // still end well. Only a run that ends failed is an error.
        if (stringField(payload, "state") == "cancelled")
            return EventLevel::Warning;
        const auto retry = payload.find("will_retry");
        const bool willRetry = retry != payload.end() && retry->is_boolean() && retry->get<bool>();
        return willRetry ? EventLevel::Warning : EventLevel::Error;
    }
    if (isType(type, ToolCallError))
        return EventLevel::Error;
    if (isType(type, RunSkipped) || isType(type, RetryScheduled) || isType(type, LlmRetry))
        return EventLevel::Warning;
    if (isType(type, AgentStatus))
        return stringField(payload, "state") == "error" ? EventLevel::Warning : EventLevel::Info;
    if (isType(type, Notification)) {
        const std::string level = stringField(payload, "level");
        if (level == "error" || level == "critical")
            return EventLevel::Error;
        return level == "warning" ? EventLevel::Warning : EventLevel::Info;
    }
    // Types added later (budget_exceeded, …) follow the naming the engine uses.
    if (type.endsWith(QLatin1StringView("_error")))
        return EventLevel::Error;
    if (type.endsWith(QLatin1StringView("_exceeded")))
        return EventLevel::Warning;
    return EventLevel::Info;
}

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
    // Reserved address space only: pages are touched, and so count, as rows arrive.
    m_ring.reserve(size_t(m_capacity));
}

EventLogModel::~EventLogModel() = default;

EventLogModel::Batch EventLogModel::encode(const EventList &events)
{
    Batch batch;
    batch.items.reserve(events.size());
    for (const Event &event : events) {
        Batch::Item item;
        item.seq = event.seq;
        item.timestampMs = event.timestampMs;
        item.agentId = event.agentId;
        item.runId = event.runId;
        item.type = event.type;
        item.level = eventLevel(event.type, event.payload);
        const std::string payload = compact(event.payload);
        item.offset = batch.payloads.size();
        item.length = qsizetype(payload.size());
        batch.payloads.append(payload.data(), item.length);
        batch.items.append(std::move(item));
    }
    return batch;
}

void EventLogModel::appendEvents(const EventList &events)
{
    appendBatch(encode(events));
}

void EventLogModel::appendBatch(const Batch &batch)
{
    appendBatch(batch, 0, batch.items.size());
}

void EventLogModel::appendBatch(const Batch &batch, qsizetype first, qsizetype count)
{
    const QList<Batch::Item> &items = batch.items;
    first = std::clamp<qsizetype>(first, 0, items.size());
    count = std::clamp<qsizetype>(count, 0, items.size() - first);
    if (count == 0)
        return;
    // Of more items than the log holds, only the newest would survive.
    const qsizetype skipped = std::max<qsizetype>(0, count - m_capacity);
    const int incoming = int(count - skipped);
    dropOldest(m_count + incoming - m_capacity);
    beginInsertRows({}, m_count, m_count + incoming - 1);
    for (qsizetype i = first + skipped; i < first + count; ++i)
        push(items.at(i), batch.payloads.constData() + items.at(i).offset);
    endInsertRows();
}

void EventLogModel::dropOldest(int count)
{
    count = std::min(count, m_count);
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    dropFront(count);
    endRemoveRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_head = 0;
    m_count = 0;
    m_firstChunk += quint32(m_chunks.size());
    m_chunks.clear();
    m_runs = {};
    endResetModel();
}

void EventLogModel::setUtc(bool utc)
{
    if (utc == m_utc)
        return;
    m_utc = utc;
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
    if (m_count > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(m_count - 1, TimeColumn));
}

QStringList EventLogModel::typeNames() const
{
    return m_types.names;
}

QByteArrayView EventLogModel::payloadJson(int row) const
{
    const Row &r = at(row);
    const QByteArray &chunk = m_chunks[r.chunk - m_firstChunk];
    return QByteArrayView(chunk.constData() + r.offset, r.length);
}

QString EventLogModel::summary(int row) const
{
    return oneLine(describe(typeName(at(row).type), parsed(payloadJson(row))));
}

QByteArray EventLogModel::jsonLine(int row) const
{
    // Written by hand in Event::toJson()'s key order, so the stored payload is not parsed again.
    const Row &r = at(row);
    const QByteArrayView payload = payloadJson(row);
    QByteArray line;
    line.reserve(payload.size() + 160);
    line.append("{\"agent_id\":").append(quoted(agentName(r.agent)));
    line.append(",\"payload\":").append(payload);
    line.append(",\"run_id\":").append(quoted(runId(row)));
    line.append(",\"seq\":").append(QByteArray::number(r.seq));
    line.append(",\"timestamp\":\"").append(isoTimestampBytes(r.timestampMs));
    line.append("\",\"type\":").append(quoted(typeName(r.type))).append('}');
    return line;
}

Event EventLogModel::event(int row) const
{
    const Row &r = at(row);
    Event event;
    event.seq = r.seq;
    event.agentId = agentName(r.agent);
    event.runId = runId(row);
    event.type = typeName(r.type);
    event.timestampMs = r.timestampMs;
    event.payload = parsed(payloadJson(row));
    return event;
}

qint64 EventLogModel::storageBytes() const
{
    qint64 bytes = qint64(m_ring.size()) * qint64(sizeof(Row));
    for (const QByteArray &chunk : m_chunks)
        bytes += chunk.capacity();
    for (const Names *names : {&m_agents, &m_types, &m_runs}) {
        for (const QString &name : names->names)
            bytes += name.capacity() * qint64(sizeof(QChar)) + 64;
    }
    return bytes;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const Row &r = at(row);
    const auto column = Column(index.column());
    switch (role) {
    case JsonLineRole:
        return jsonLine(row);
    case LevelRole:
        return int(r.level);
    case Qt::ForegroundRole:
        if (column != LevelColumn || r.level == EventLevel::Info)
            return {};
        return QBrush(r.level == EventLevel::Error ? QColor(0xc0, 0x39, 0x2b)
                                                   : QColor(0xb3, 0x6b, 0x00));
    case Qt::ToolTipRole: {
        if (column != SummaryColumn)
            return {};
        const nlohmann::json payload = parsed(payloadJson(row));
        QString text = QString::fromStdString(
            payload.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        if (text.size() > MaxToolTipChars)
            text = text.left(MaxToolTipChars - 1) + u'…';
        return text;
    }
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case TimeColumn:
        if (role == SortRole)
            return r.timestampMs;
        return timeText(r.timestampMs);
    case AgentColumn:
        return agentName(r.agent);
    case TypeColumn:
        return typeName(r.type);
    case LevelColumn:
        if (role == SortRole)
            return int(r.level);
        switch (r.level) {
        case EventLevel::Info:
            return tr("Info");
        case EventLevel::Warning:
            return tr("Warning");
        case EventLevel::Error:
            return tr("Error");
        }
        return {};
    case RunColumn:
        return runId(row);
    case SummaryColumn:
        return summary(row);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (Column(section)) {
    case TimeColumn:
        return m_utc ? tr("Time (UTC)") : tr("Time (local)");
    case AgentColumn:
        return tr("Agent");
    case TypeColumn:
        return tr("Type");
    case LevelColumn:
        return tr("Level");
    case RunColumn:
        return tr("Run");
    case SummaryColumn:
        return tr("Summary");
    case ColumnCount:
        break;
    }
    return {};
}

void EventLogModel::push(const Batch::Item &item, const char *payload)
{
    const qsizetype length = item.length;
    if (m_chunks.empty() || m_chunks.back().capacity() - m_chunks.back().size() < length) {
        QByteArray chunk;
        if (length <= m_spareChunk.capacity())
            chunk.swap(m_spareChunk);
        else
            chunk.reserve(std::max(ChunkBytes, length));
        m_chunks.push_back(std::move(chunk));
    }
    QByteArray &chunk = m_chunks.back();
    Row row;
    row.timestampMs = item.timestampMs;
    row.seq = item.seq;
    row.agent = intern(m_agents, item.agentId, false);
    row.type = intern(m_types, item.type, false);
    row.run = intern(m_runs, item.runId, true);
    row.chunk = m_firstChunk + quint32(m_chunks.size() - 1);
    row.offset = quint32(chunk.size());
    row.length = quint32(length);
    row.level = item.level;
    chunk.append(payload, length);

    const auto slot = size_t((m_head + m_count) % m_capacity);
    if (slot == m_ring.size())
        m_ring.push_back(row);
    else
        m_ring[slot] = row;
    ++m_count;
}

void EventLogModel::dropFront(int count)
{
    for (int i = 0; i < count; ++i)
        release(m_runs, at(i).run);
    m_head = (m_head + count) % m_capacity;
    m_count -= count;
    // A chunk goes once no row points into it; the newest one stays to be filled.
    const quint32 keepFrom
        = m_count > 0 ? at(0).chunk : m_firstChunk + quint32(m_chunks.size()) - 1;
    while (m_firstChunk < keepFrom) {
        m_spareChunk = std::move(m_chunks.front());
        m_spareChunk.resize(0); // keeps the capacity
        m_chunks.pop_front();
        ++m_firstChunk;
    }
}

quint32 EventLogModel::intern(Names &names, const QString &name, bool counted)
{
    // A run's events come one after another, their run, type and agent ids copies of the same
    // strings: the same text as the name found last needs no hashing. A released key (no uses
    // left) is no match.
    const quint32 last = names.last;
    if (last < quint32(names.names.size()) && (!counted || names.uses.at(last) > 0)
        && names.names.at(last).constData() == name.constData()) {
        if (counted)
            ++names.uses[last];
        return last;
    }
    auto it = names.keys.constFind(name);
    if (it == names.keys.constEnd()) {
        quint32 key;
        if (!names.freeKeys.isEmpty()) {
            key = names.freeKeys.takeLast();
            names.names[key] = name;
            names.uses[key] = 0;
        } else {
            key = quint32(names.names.size());
            names.names.append(name);
            names.uses.append(0);
        }
        it = names.keys.insert(name, key);
    }
    if (counted)
        ++names.uses[*it];
    names.last = *it;
    return *it;
}

void EventLogModel::release(Names &names, quint32 key)
{
    if (--names.uses[key] > 0)
        return;
    names.keys.remove(names.names.at(key));
    names.names[key].clear();
    names.freeKeys.append(key);
}

QString EventLogModel::timeText(qint64 msSinceEpoch) const
{
    const QDateTime time = m_utc ? QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
                                 : QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace nightshift
