#include "eventlogfilter.h"

#include <QIODevice>

#include <algorithm>
#include <functional>

namespace nightshift {

namespace {

constexpr qsizetype WriteBufferBytes = 1 << 20;

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

struct AsciiLowerHash
{
    size_t operator()(char c) const { return std::hash<char>()(asciiLower(c)); }
};

struct AsciiLowerEqual
{
    bool operator()(char a, char b) const { return asciiLower(a) == asciiLower(b); }
};

// Whether a key passes, worked out once per key: a million rows share a few dozen agents.
template<typename Test>
bool cachedTest(std::vector<qint8> &cache, quint32 key, Test test)
{
    if (key >= cache.size())
        cache.resize(key + 1, -1);
    if (cache[key] < 0)
        cache[key] = test() ? 1 : 0;
    return cache[key] == 1;
}

} // namespace

/// A case-insensitive needle, searched in UTF-8 bytes without decoding them when it is ASCII.
class EventLogFilter::Search final
{
public:
    explicit Search(const QString &text)
        : m_text(text)
        , m_ascii(
              std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; }))
        , m_needle(text.toUtf8())
        , m_searcher(m_needle.cbegin(), m_needle.cend(), AsciiLowerHash(), AsciiLowerEqual())
    {}

    bool in(const QString &haystack) const
    {
        return haystack.contains(m_text, Qt::CaseInsensitive);
    }

    bool in(QByteArrayView utf8) const
    {
        if (!m_ascii)
            return QString::fromUtf8(utf8).contains(m_text, Qt::CaseInsensitive);
        return std::search(utf8.begin(), utf8.end(), m_searcher) != utf8.end();
    }

private:
    QString m_text;
    bool m_ascii;
    QByteArray m_needle;
    std::boyer_moore_horspool_searcher<QByteArray::const_iterator, AsciiLowerHash, AsciiLowerEqual>
        m_searcher;
};

EventLogFilter::EventLogFilter(EventLogModel *source, QObject *parent)
    : QAbstractProxyModel(parent)
{
    setSourceModel(source);
}

EventLogFilter::~EventLogFilter() = default;

void EventLogFilter::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_log = qobject_cast<EventLogModel *>(source);
    QAbstractProxyModel::setSourceModel(m_log);
    m_agentAccepted.clear();
    m_typeAccepted.clear();
    m_agentMatches.clear();
    m_typeMatches.clear();
    m_dropped = 0;
    m_rows.clear();
    if (m_log) {
        for (int row = 0, count = m_log->rowCount(); row < count; ++row) {
            if (accepts(row))
                m_rows.push_back(row);
        }
        EventLogModel *log = m_log;
        m_connections = {
            connect(log,
                    &QAbstractItemModel::rowsAboutToBeRemoved,
                    this,
                    &EventLogFilter::onRowsAboutToBeRemoved),
            connect(log, &QAbstractItemModel::rowsRemoved, this, &EventLogFilter::onRowsRemoved),
            connect(log, &QAbstractItemModel::rowsInserted, this, &EventLogFilter::onRowsInserted),
            connect(log, &QAbstractItemModel::dataChanged, this, &EventLogFilter::onDataChanged),
            connect(log,
                    &QAbstractItemModel::headerDataChanged,
                    this,
                    &EventLogFilter::onHeaderDataChanged),
            connect(log,
                    &QAbstractItemModel::modelAboutToBeReset,
                    this,
                    &EventLogFilter::onAboutToReset),
            connect(log, &QAbstractItemModel::modelReset, this, &EventLogFilter::onReset),
            connect(log,
                    &QAbstractItemModel::layoutAboutToBeChanged,
                    this,
                    &EventLogFilter::onAboutToReset),
            connect(log, &QAbstractItemModel::layoutChanged, this, &EventLogFilter::onReset),
            connect(log, &QObject::destroyed, this, &EventLogFilter::onAboutToReset),
            connect(log, &QObject::destroyed, this, &EventLogFilter::onReset),
        };
    }
    endResetModel();
}

void EventLogFilter::setAgents(const QStringList &agentIds)
{
    const QSet<QString> agents(agentIds.cbegin(), agentIds.cend());
    if (agents == m_agents)
        return;
    m_agentIds = agentIds;
    m_agents = agents;
    m_agentAccepted.clear();
    refilter();
}

void EventLogFilter::setTypes(const QStringList &types)
{
    const QSet<QString> set(types.cbegin(), types.cend());
    if (set == m_types)
        return;
    m_typeNames = types;
    m_types = set;
    m_typeAccepted.clear();
    refilter();
}

void EventLogFilter::setLevelShown(EventLevel level, bool shown)
{
    if (m_levelShown[size_t(level)] == shown)
        return;
    m_levelShown[size_t(level)] = shown;
    refilter();
}

void EventLogFilter::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_search = text.isEmpty() ? nullptr : std::make_unique<Search>(text);
    m_agentMatches.clear();
    m_typeMatches.clear();
    if (m_searchFilters)
        refilter();
}

void EventLogFilter::setSearchFilters(bool filters)
{
    if (filters == m_searchFilters)
        return;
    m_searchFilters = filters;
    if (m_search)
        refilter();
}

bool EventLogFilter::rowMatchesSearch(int row) const
{
    return row >= 0 && row < shown() && matches(sourceRow(row));
}

int EventLogFilter::findMatch(int from, bool forward) const
{
    const int count = rowCount();
    if (count == 0 || !m_search)
        return -1;
    if (from < 0 || from >= count)
        from = forward ? count - 1 : 0;
    for (int step = 1; step <= count; ++step) {
        const int row = forward ? (from + step) % count : (from - step + count) % count;
        if (matches(sourceRow(row)))
            return row;
    }
    return -1;
}

QByteArray EventLogFilter::jsonLines(const QList<int> &rows) const
{
    QByteArray lines;
    for (int row : rows) {
        if (row >= 0 && row < shown())
            lines.append(m_log->jsonLine(sourceRow(row))).append('\n');
    }
    return lines;
}

QString EventLogFilter::tabSeparated(const QList<int> &rows) const
{
    QString text;
    for (int row : rows) {
        if (row < 0 || row >= shown())
            continue;
        for (int column = 0; column < EventLogModel::ColumnCount; ++column) {
            if (column > 0)
                text += u'\t';
            text += index(row, column).data().toString();
        }
        text += u'\n';
    }
    return text;
}

Result<qint64> EventLogFilter::writeJsonLines(QIODevice &device) const
{
    const auto failed = [&device] {
        return makeError(ErrorCode::Io,
                         tr("The events could not be written: %1").arg(device.errorString()));
    };
    QByteArray buffer;
    buffer.reserve(WriteBufferBytes + 4096);
    for (int row = 0; row < shown(); ++row) {
        buffer.append(m_log->jsonLine(sourceRow(row))).append('\n');
        if (buffer.size() >= WriteBufferBytes) {
            if (device.write(buffer) != buffer.size())
                return failed();
            buffer.clear();
        }
    }
    if (!buffer.isEmpty() && device.write(buffer) != buffer.size())
        return failed();
    return qint64(shown());
}

QModelIndex EventLogFilter::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex EventLogFilter::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex EventLogFilter::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int EventLogFilter::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(shown());
}

int EventLogFilter::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_log ? 0 : int(EventLogModel::ColumnCount);
}

bool EventLogFilter::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QVariant EventLogFilter::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    return m_log ? m_log->headerData(section, orientation, role) : QVariant();
}

QModelIndex EventLogFilter::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_log || !proxyIndex.isValid() || proxyIndex.row() >= shown())
        return {};
    return m_log->index(sourceRow(proxyIndex.row()), proxyIndex.column());
}

QModelIndex EventLogFilter::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_log || !sourceIndex.isValid() || sourceIndex.model() != m_log)
        return {};
    const qint64 absolute = sourceIndex.row() + m_dropped;
    const int row = lowerBound(absolute);
    if (row >= shown() || m_rows[size_t(row)] != absolute)
        return {};
    return createIndex(row, sourceIndex.column());
}

bool EventLogFilter::accepts(int sourceRow) const
{
    if (!m_levelShown[size_t(m_log->level(sourceRow))])
        return false;
    if (!m_agents.isEmpty()) {
        const quint32 key = m_log->agentKey(sourceRow);
        if (!cachedTest(
                m_agentAccepted, key, [&] { return m_agents.contains(m_log->agentName(key)); }))
            return false;
    }
    if (!m_types.isEmpty()) {
        const quint32 key = m_log->typeKey(sourceRow);
        if (!cachedTest(
                m_typeAccepted, key, [&] { return m_types.contains(m_log->typeName(key)); }))
            return false;
    }
    return !m_searchFilters || !m_search || matches(sourceRow);
}

bool EventLogFilter::matches(int sourceRow) const
{
    if (!m_search || !m_log)
        return false;
    const quint32 agent = m_log->agentKey(sourceRow);
    if (cachedTest(m_agentMatches, agent, [&] { return m_search->in(m_log->agentName(agent)); }))
        return true;
    const quint32 type = m_log->typeKey(sourceRow);
    if (cachedTest(m_typeMatches, type, [&] { return m_search->in(m_log->typeName(type)); }))
        return true;
    return m_search->in(m_log->runId(sourceRow)) || m_search->in(m_log->payloadJson(sourceRow));
}

void EventLogFilter::refilter()
{
    if (!m_log)
        return;
    // A layout change rather than a reset keeps the view's current and selected rows that stay.
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<qint64> absolute;
    absolute.reserve(before.size());
    for (const QModelIndex &index : before)
        absolute.append(m_rows[size_t(index.row())]);
    m_rows.clear();
    for (int row = 0, count = m_log->rowCount(); row < count; ++row) {
        if (accepts(row))
            m_rows.push_back(row + m_dropped);
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = lowerBound(absolute.at(i));
        after.append(row < shown() && m_rows[size_t(row)] == absolute.at(i)
                         ? createIndex(row, before.at(i).column())
                         : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void EventLogFilter::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    m_removingFrom = lowerBound(m_dropped + first);
    m_removingTo = lowerBound(m_dropped + last + 1);
    if (m_removingTo > m_removingFrom)
        beginRemoveRows({}, m_removingFrom, m_removingTo - 1);
}

void EventLogFilter::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    m_rows.erase(m_rows.begin() + m_removingFrom, m_rows.begin() + m_removingTo);
    // The log drops its oldest rows: moving the base renumbers every row at once.
    if (first == 0) {
        m_dropped += count;
    } else {
        for (size_t i = size_t(m_removingFrom); i < m_rows.size(); ++i)
            m_rows[i] -= count;
    }
    if (m_removingTo > m_removingFrom)
        endRemoveRows();
    m_removingFrom = m_removingTo = 0;
}

void EventLogFilter::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    const int at = lowerBound(m_dropped + first);
    for (size_t i = size_t(at); i < m_rows.size(); ++i)
        m_rows[i] += count;
    QList<qint64> added;
    added.reserve(count);
    for (int row = first; row <= last; ++row) {
        if (accepts(row))
            added.append(row + m_dropped);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, at, at + int(added.size()) - 1);
    m_rows.insert(m_rows.begin() + at, added.cbegin(), added.cend());
    endInsertRows();
}

void EventLogFilter::onDataChanged(const QModelIndex &topLeft,
                                   const QModelIndex &bottomRight,
                                   const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid())
        return;
    const int first = lowerBound(m_dropped + topLeft.row());
    const int last = lowerBound(m_dropped + bottomRight.row() + 1) - 1;
    if (first <= last)
        Q_EMIT dataChanged(
            index(first, topLeft.column()), index(last, bottomRight.column()), roles);
}

void EventLogFilter::onHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (orientation == Qt::Horizontal)
        Q_EMIT headerDataChanged(orientation, first, last);
}

void EventLogFilter::onAboutToReset()
{
    beginResetModel();
}

void EventLogFilter::onReset()
{
    m_dropped = 0;
    m_rows.clear();
    if (m_log) {
        for (int row = 0, count = m_log->rowCount(); row < count; ++row) {
            if (accepts(row))
                m_rows.push_back(row);
        }
    }
    endResetModel();
}

int EventLogFilter::lowerBound(qint64 absoluteRow) const
{
    return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), absoluteRow) - m_rows.cbegin());
}

} // namespace nightshift
