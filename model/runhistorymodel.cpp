#include "runhistorymodel.h"

#include "runtiming.h"

#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace nightshift {

namespace {

bool isNewer(const RunRecord &a, const RunRecord &b)
{
    return a.timeMs() > b.timeMs();
}

bool neverRan(const RunRecord &run)
{
    return run.state == RunState::Skipped || run.state == RunState::Missed;
}

bool isError(RunState state)
{
    return state == RunState::Failed || state == RunState::TimedOut
           || state == RunState::Interrupted;
}

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

void RunHistoryModel::setAgentId(const QString &agentId)
{
    beginResetModel();
    m_agentId = agentId;
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
}

void RunHistoryModel::setRuns(const QList<RunRecord> &runs)
{
    beginResetModel();
    m_rows.clear();
    for (const RunRecord &run : runs) {
        if (m_agentId.isEmpty() || run.agentId == m_agentId)
            m_rows.append(run);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), isNewer);
    if (m_rows.size() > RowLimit)
        m_rows.resize(RowLimit);
    m_rowById.clear();
    reindexFrom(0);
    endResetModel();
}

void RunHistoryModel::applyFinishedRuns(const QList<RunRecord> &runs)
{
    QList<RunRecord> added;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const RunRecord &run : runs) {
        if (run.agentId != m_agentId)
            continue;
        const int row = m_rowById.value(run.runId, -1);
        if (row < 0) {
            const auto twin = std::find_if(added.begin(), added.end(), [&](const RunRecord &r) {
                return r.runId == run.runId;
            });
            if (twin != added.end())
                *twin = run;
            else
                added.append(run);
            continue;
        }
        m_rows[row] = run;
        firstChanged = firstChanged < 0 ? row : std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (added.isEmpty())
        return;
    std::stable_sort(added.begin(), added.end(), isNewer);
    if (m_rows.isEmpty() || added.last().timeMs() >= m_rows.first().timeMs()) {
        // The usual case, runs that just ended: one block on top.
        beginInsertRows({}, 0, int(added.size()) - 1);
        m_rows = added + m_rows;
        reindexFrom(0);
        endInsertRows();
    } else {
        for (const RunRecord &run : std::as_const(added))
            insertRun(run);
    }
    dropBeyondLimit();
}

void RunHistoryModel::insertRun(const RunRecord &run)
{
    const auto at = std::find_if(m_rows.cbegin(), m_rows.cend(), [&](const RunRecord &row) {
        return row.timeMs() <= run.timeMs();
    });
    const int row = int(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, run);
    reindexFrom(row);
    endInsertRows();
}

void RunHistoryModel::dropBeyondLimit()
{
    if (m_rows.size() <= RowLimit)
        return;
    beginRemoveRows({}, RowLimit, int(m_rows.size()) - 1);
    for (qsizetype row = RowLimit; row < m_rows.size(); ++row)
        m_rowById.remove(m_rows.at(row).runId);
    m_rows.resize(RowLimit);
    endRemoveRows();
}

void RunHistoryModel::reindexFrom(int row)
{
    for (int n = row; n < m_rows.size(); ++n)
        m_rowById.insert(m_rows.at(n).runId, n);
}

const RunRecord *RunHistoryModel::runAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QString RunHistoryModel::originText(RunOrigin origin)
{
    switch (origin) {
    case RunOrigin::Scheduled:
        return tr("scheduled");
    case RunOrigin::Manual:
        return tr("manual");
    case RunOrigin::Retry:
        return tr("retry");
    case RunOrigin::CatchUp:
        return tr("catch-up");
    }
    return originName(origin);
}

QString RunHistoryModel::stateText(RunState state)
{
    switch (state) {
    case RunState::Queued:
        return tr("queued");
    case RunState::Running:
        return tr("running");
    case RunState::Completed:
        return tr("completed");
    case RunState::Failed:
        return tr("failed");
    case RunState::Cancelled:
        return tr("cancelled");
    case RunState::TimedOut:
        return tr("timed out");
    case RunState::Interrupted:
        return tr("interrupted");
    case RunState::Skipped:
        return tr("skipped");
    case RunState::Missed:
        return tr("missed");
    }
    return stateName(state);
}

QString RunHistoryModel::skipReasonText(const QString &reason)
{
    if (reason == u"overlap")
        return tr("the previous run was still running");
    if (reason == u"store_unavailable")
        return tr("the store could not take writes");
    if (reason == u"not_running")
        return tr("Nightshift was not running");
    return reason;
}

QString RunHistoryModel::durationText(qint64 ms)
{
    constexpr qint64 Second = 1000;
    constexpr qint64 Minute = 60 * Second;
    constexpr qint64 Hour = 60 * Minute;
    if (ms < Second)
        return tr("%1 ms").arg(ms);
    if (ms < Minute)
        return tr("%1 s").arg(double(ms) / Second, 0, 'f', 1);
    if (ms < Hour)
        return tr("%1 min %2 s").arg(ms / Minute).arg(ms % Minute / Second);
    return tr("%1 h %2 min").arg(ms / Hour).arg(ms % Hour / Minute);
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.row() >= m_rows.size())
        return {};
    const RunRecord &run = m_rows.at(index.row());
    const auto column = Column(index.column());
    if (role == RunIdRole)
        return run.runId;
    if (role == Qt::TextAlignmentRole) {
        const bool number
            = column == LateColumn || column == DurationColumn || column == TokensColumn;
        return int(number ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    }
    const std::optional<qint64> lateMs = runLateMs(run);
    if (role == Qt::ForegroundRole) {
        if (column == OutcomeColumn && isError(run.state))
            return QColor(0xc0, 0x39, 0x2b);
        if (column == LateColumn && lateMs.value_or(0) > NotableLatenessMs)
            return QColor(0xb9, 0x77, 0x0e);
        return {};
    }
    const bool hasEnded = isFinal(run.state) && !neverRan(run);
    switch (column) {
    case StartedColumn:
        if (role == SortRole)
            return run.timeMs();
        if (role == Qt::ToolTipRole)
            return neverRan(run) ? tr("Due at %1").arg(localTime(run.occurrenceMs))
                                 : tr("Started at %1 for the occurrence due at %2")
                                       .arg(localTime(run.startedMs), localTime(run.occurrenceMs));
        return role == Qt::DisplayRole ? localTime(run.timeMs()) : QVariant();
    case OriginColumn:
        if (role == SortRole)
            return int(run.origin);
        return role == Qt::DisplayRole ? originText(run.origin) : QVariant();
    case DurationColumn:
        if (role == SortRole)
            return run.durationMs();
        return role == Qt::DisplayRole && hasEnded ? durationText(run.durationMs()) : QVariant();
    case OutcomeColumn:
        if (role == SortRole)
            return int(run.state);
        if (role == Qt::ToolTipRole && run.attempts > 1)
            return tr("after %n attempt(s)", nullptr, run.attempts);
        return role == Qt::DisplayRole ? stateText(run.state) : QVariant();
    case LateColumn: {
        if (role == SortRole)
            return lateMs.value_or(-1);
        // Within the tolerance a run is on time, and the cell stays empty like a manual run's.
        if (!lateMs || *lateMs <= OnTimeToleranceMs)
            return {};
        if (role == Qt::ToolTipRole)
            return tr("Started %1 after it was due at %2")
                .arg(durationText(*lateMs), localTime(run.occurrenceMs));
        return role == Qt::DisplayRole ? durationText(*lateMs) : QVariant();
    }
    case TokensColumn:
        if (role == SortRole)
            return run.usage.totalTokens();
        if (role == Qt::ToolTipRole && hasEnded)
            return tr("%1 in, %2 out, %n request(s)", nullptr, int(run.usage.requests))
                .arg(run.usage.inputTokens)
                .arg(run.usage.outputTokens);
        return role == Qt::DisplayRole && hasEnded ? QVariant(run.usage.totalTokens()) : QVariant();
    case ErrorColumn: {
        const QString text = neverRan(run) ? skipReasonText(run.skipReason) : run.error;
        if (role == SortRole || role == Qt::ToolTipRole)
            return text;
        // The whole message is in the tooltip; the cell keeps to one line.
        return role == Qt::DisplayRole ? text.section(u'\n', 0, 0) : QVariant();
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case StartedColumn:
        return tr("Started");
    case OriginColumn:
        return tr("Origin");
    case DurationColumn:
        return tr("Duration");
    case OutcomeColumn:
        return tr("Outcome");
    case LateColumn:
        return tr("Late by");
    case TokensColumn:
        return tr("Tokens");
    case ErrorColumn:
        return tr("Error or reason");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace nightshift
