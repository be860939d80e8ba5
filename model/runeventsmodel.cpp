#include "runeventsmodel.h"

#include <QDateTime>

namespace nightshift {

void RunEventsModel::setRun(const QString &runId, const EventList &events)
{
    beginResetModel();
    m_runId = runId;
    m_events.clear();
    for (const Event &event : events) {
        if (!runId.isEmpty() && event.runId == runId)
            m_events.append(event);
    }
    endResetModel();
}

void RunEventsModel::appendEvents(const EventList &events)
{
    if (m_runId.isEmpty())
        return;
    // A live batch can repeat what was just loaded: only events after the last one shown count.
    const qint64 lastSeq = m_events.isEmpty() ? 0 : m_events.last().seq;
    EventList added;
    for (const Event &event : events) {
        if (event.runId == m_runId && event.seq > lastSeq)
            added.append(event);
    }
    if (added.isEmpty())
        return;
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_events.append(added);
    endInsertRows();
}

const Event *RunEventsModel::eventAt(int row) const
{
    return row >= 0 && row < m_events.size() ? &m_events.at(row) : nullptr;
}

int RunEventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int RunEventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunEventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.row() >= m_events.size())
        return {};
    const Event &event = m_events.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == DetailsColumn) {
        // A reply's whole text can be long; the tooltip shows its start.
        constexpr qsizetype MaxTooltip = 4000;
        const QString payload = QString::fromStdString(
            event.payload.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        return payload.size() > MaxTooltip ? payload.left(MaxTooltip) + u'…' : payload;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(event.timestampMs)
            .toString(QStringLiteral("HH:mm:ss.zzz"));
    case TypeColumn:
        return event.type;
    case DetailsColumn:
        return event.summary();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Event");
    case DetailsColumn:
        return tr("Details");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace nightshift
