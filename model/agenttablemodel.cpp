#include "agenttablemodel.h"

#include "scheduledescription.h"

#include <QColor>
#include <QDateTime>

#include <algorithm>
#include <limits>

namespace nightshift {

namespace {

constexpr qint64 Latest = std::numeric_limits<qint64>::max();
// Up to this many changed rows get a signal each; more get one range, which is cheaper for a
// view than thousands of small updates.
constexpr int RowSignalLimit = 32;

QString none()
{
    return QString(QChar(0x2014));
}

// Sorting by status puts what needs attention first.
int stateRank(AgentState state)
{
    switch (state) {
    case AgentState::Running:
        return 0;
    case AgentState::Error:
        return 1;
    case AgentState::Scheduled:
        return 2;
    case AgentState::Paused:
        return 3;
    case AgentState::Stopped:
        return 4;
    case AgentState::Idle:
        return 5;
    }
    return 6;
}

// QString::compare() for sorting, with a short way for ASCII (agent ids are ASCII) that skips
// the Unicode case tables: a re-sort of thousands of rows makes a hundred thousand comparisons.
int compareText(QStringView left, QStringView right, Qt::CaseSensitivity caseSensitivity)
{
    const qsizetype common = std::min(left.size(), right.size());
    for (qsizetype i = 0; i < common; ++i) {
        char16_t a = left[i].unicode();
        char16_t b = right[i].unicode();
        if (a >= 0x80 || b >= 0x80)
            return left.compare(right, caseSensitivity);
        if (caseSensitivity == Qt::CaseInsensitive) {
            // Folded to lower case, as QString folds case.
            a = a >= u'A' && a <= u'Z' ? char16_t(a + 32) : a;
            b = b >= u'A' && b <= u'Z' ? char16_t(b + 32) : b;
        }
        if (a != b)
            return a < b ? -1 : 1;
    }
    return left.size() == right.size() ? 0 : (left.size() < right.size() ? -1 : 1);
}

} // namespace

QColor AgentTableModel::stateColor(AgentState state)
{
    switch (state) {
    case AgentState::Idle:
        return QColor(0x9e, 0x9e, 0x9e);
    case AgentState::Scheduled:
        return QColor(0x1e, 0x88, 0xe5);
    case AgentState::Running:
        return QColor(0x43, 0xa0, 0x47);
    case AgentState::Paused:
        return QColor(0xfb, 0x8c, 0x00);
    case AgentState::Stopped:
        return QColor(0x61, 0x61, 0x61);
    case AgentState::Error:
        return QColor(0xe5, 0x39, 0x35);
    }
    return {};
}

namespace {

bool countsAsRun(RunState state)
{
    return isFinal(state) && state != RunState::Skipped && state != RunState::Missed;
}

qint64 scheduleSortValue(const AgentRow &row)
{
    if (row.specRevision < 0)
        return Latest;
    switch (row.schedule.kind) {
    case Schedule::Kind::Interval:
        return row.schedule.intervalMs;
    case Schedule::Kind::Cron:
        return Latest - 2;
    case Schedule::Kind::Once:
        return Latest - 1;
    case Schedule::Kind::Manual:
        return Latest;
    }
    return Latest;
}

} // namespace

AgentTableModel::AgentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_today = QDateTime::fromMSecsSinceEpoch(m_now()).date();
    m_todayText = m_today.toString(Qt::ISODate);
    m_tick.setSingleShot(true);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        refreshTime();
        scheduleTick();
    });
    scheduleTick();
}

void AgentTableModel::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
    refreshTime();
}

void AgentTableModel::scheduleTick()
{
    // Ticking on the second boundary makes every countdown step by exactly one second.
    m_tick.start(int(1000 - m_now() % 1000));
}

void AgentTableModel::resetAgents(const QList<AgentStatus> &statuses, const QList<AgentSpec> &specs)
{
    QHash<QString, const AgentSpec *> specById;
    for (const AgentSpec &spec : specs)
        specById.insert(spec.agentId, &spec);
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(statuses.size());
    for (const AgentStatus &status : statuses) {
        AgentRow row;
        row.status = status;
        if (const AgentSpec *spec = specById.value(status.agentId))
            takeSpec(row, *spec);
        m_rows.append(row);
    }
    rebuildIndex();
    endResetModel();
    Q_EMIT totalsChanged();
    QStringList missing;
    for (AgentRow &row : m_rows) {
        if (row.specRevision != row.status.specRevision) {
            row.specAsked = row.status.specRevision;
            missing.append(row.status.agentId);
        }
    }
    if (!missing.isEmpty())
        Q_EMIT specsNeeded(missing);
}

void AgentTableModel::applyStatuses(const QList<AgentStatus> &statuses)
{
    applyStatusBatches({statuses});
}

void AgentTableModel::applyStatusBatches(const QList<QList<AgentStatus>> &batches)
{
    QList<AgentStatus> added;
    QHash<QString, qsizetype> addedAt;
    QList<int> changed;
    QStringList needSpecs;
    bool any = false;
    for (const QList<AgentStatus> &statuses : batches) {
        any = any || !statuses.isEmpty();
        changed.reserve(changed.size() + statuses.size());
        for (const AgentStatus &status : statuses) {
            const auto it = m_rowById.constFind(status.agentId);
            if (it == m_rowById.constEnd()) {
                // A new agent named twice gets one row, with its later status.
                if (const auto again = addedAt.constFind(status.agentId); again != addedAt.cend()) {
                    added[*again] = status;
                    continue;
                }
                addedAt.insert(status.agentId, added.size());
                added.append(status);
                needSpecs.append(status.agentId);
                continue;
            }
            AgentRow &row = m_rows[*it];
            row.status = status;
            if (row.specRevision != status.specRevision && row.specAsked != status.specRevision) {
                row.specAsked = status.specRevision;
                needSpecs.append(status.agentId);
            }
            changed.append(*it);
        }
    }
    emitRowsChanged(changed, 0, ColumnCount - 1);
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const AgentStatus &status : std::as_const(added)) {
            m_rowById.insert(status.agentId, int(m_rows.size()));
            AgentRow row;
            row.status = status;
            row.specAsked = status.specRevision;
            m_rows.append(row);
        }
        endInsertRows();
    }
    if (any)
        Q_EMIT totalsChanged();
    if (!needSpecs.isEmpty())
        Q_EMIT specsNeeded(needSpecs);
}

void AgentTableModel::applySpecs(const QList<AgentSpec> &specs)
{
    QList<int> changed;
    for (const AgentSpec &spec : specs) {
        const int row = rowOf(spec.agentId);
        if (row < 0)
            continue;
        takeSpec(m_rows[row], spec);
        changed.append(row);
    }
    emitRowsChanged(changed, 0, ColumnCount - 1);
}

void AgentTableModel::removeAgents(const QStringList &agentIds)
{
    QList<int> rows;
    for (const QString &id : agentIds) {
        if (const int row = rowOf(id); row >= 0)
            rows.append(row);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous rows go in one removal, from the bottom up so the rows above keep their numbers.
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows.at(i);
        int first = last;
        while (i + 1 < rows.size() && rows.at(i + 1) == first - 1) {
            ++i;
            first = rows.at(i);
        }
        ++i;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    rebuildIndex();
    Q_EMIT totalsChanged();
}

void AgentTableModel::applyFinishedRuns(const QList<RunRecord> &runs)
{
    bool counted = false;
    QList<int> changed;
    for (const RunRecord &run : runs) {
        const int row = rowOf(run.agentId);
        if (row < 0 || !countsAsRun(run.state))
            continue;
        AgentRow &agent = m_rows[row];
        if (run.finishedMs <= agent.runsCountedUntilMs)
            continue;
        agent.recentDurations.append(run.durationMs());
        if (agent.recentDurations.size() > SparklinePoints)
            agent.recentDurations.remove(0, agent.recentDurations.size() - SparklinePoints);
        if (!changed.contains(row))
            changed.append(row);
        if (QDateTime::fromMSecsSinceEpoch(run.finishedMs).date() != m_today)
            continue;
        ++agent.runsToday;
        counted = true;
    }
    emitRowsChanged(changed, RecentDurationsColumn, RecentDurationsColumn);
    if (counted)
        Q_EMIT totalsChanged();
}

void AgentTableModel::setRunsToday(const QList<RunsTodayCount> &counts)
{
    QList<int> changed;
    for (const RunsTodayCount &counted : counts) {
        const int row = rowOf(counted.agentId);
        if (row < 0)
            continue;
        m_rows[row].runsToday = counted.count;
        m_rows[row].runsCountedUntilMs = counted.newestFinishedMs;
        m_rows[row].recentDurations = counted.recentDurations.mid(
            std::max<qsizetype>(0, counted.recentDurations.size() - SparklinePoints));
        changed.append(row);
    }
    emitRowsChanged(changed, RecentDurationsColumn, RecentDurationsColumn);
    if (!counts.isEmpty())
        Q_EMIT totalsChanged();
}

void AgentTableModel::refreshTime()
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_now()).date();
    if (today != m_today) {
        m_today = today;
        m_todayText = today.toString(Qt::ISODate);
        for (AgentRow &row : m_rows)
            row.runsToday = 0;
        if (!m_rows.isEmpty()) {
            Q_EMIT dataChanged(index(0, LastRunColumn),
                               index(rowCount() - 1, TokensTodayColumn),
                               {Qt::DisplayRole, SortRole});
        }
        Q_EMIT totalsChanged();
    }
    // Only the countdown text moves with the clock: its sort value and filters stay as they are.
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(
            index(0, NextRunColumn), index(rowCount() - 1, NextRunColumn), {Qt::DisplayRole});
    }
}

QStringList AgentTableModel::agentIds() const
{
    QStringList ids;
    ids.reserve(m_rows.size());
    for (const AgentRow &row : m_rows)
        ids.append(row.status.agentId);
    return ids;
}

FleetTotals AgentTableModel::totals() const
{
    FleetTotals totals;
    totals.agents = int(m_rows.size());
    for (const AgentRow &row : m_rows) {
        ++totals.byState.at(std::size_t(row.status.state));
        totals.runsToday += row.runsToday;
        totals.tokensToday += tokensToday(row);
    }
    return totals;
}

qint64 AgentTableModel::tokensToday(const AgentRow &row) const
{
    return row.status.tokensDay == m_todayText ? row.status.tokensToday : 0;
}

int AgentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AgentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AgentRow &row = m_rows.at(index.row());
    const AgentStatus &status = row.status;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case AgentIdRole:
        return status.agentId;
    case ActionsRole:
        return int(availableActions(status));
    case FilterRole:
        return QStringList{status.agentId, stateName(status.state), row.provider, row.model};
    case DurationsRole:
        return QVariant::fromValue(row.recentDurations);
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return stateColor(status.state);
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RunsColumn:
        case ErrorsColumn:
        case FailuresColumn:
        case AverageDurationColumn:
        case TokensTodayColumn:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == LastRunColumn) {
            QStringList lines;
            if (status.state == AgentState::Paused && !status.pauseReason.isEmpty())
                lines.append(tr("Paused: %1").arg(status.pauseReason));
            if (!status.lastError.isEmpty())
                lines.append(tr("Last error: %1").arg(status.lastError));
            if (status.storeOffline)
                lines.append(tr("The store is offline; changes wait for it."));
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
        }
        if (index.column() == RunsColumn)
            return tr("%n run(s) today", nullptr, int(row.runsToday));
        if (index.column() == RecentDurationsColumn && !row.recentDurations.isEmpty()) {
            const auto [shortest, longest]
                = std::minmax_element(row.recentDurations.cbegin(), row.recentDurations.cend());
            return tr("The last %n run(s): %1 to %2, the latest %3",
                      nullptr,
                      int(row.recentDurations.size()))
                .arg(durationText(*shortest),
                     durationText(*longest),
                     durationText(row.recentDurations.last()));
        }
        return {};
    default:
        return {};
    }
}

QVariant AgentTableModel::display(const AgentRow &row, int column) const
{
    const AgentStatus &status = row.status;
    switch (Column(column)) {
    case StatusColumn:
        return stateText(status.state);
    case AgentIdColumn:
        return status.agentId;
    case ScheduleColumn:
        return row.scheduleText;
    case NextRunColumn:
        return status.nextRunMs > 0 ? countdownText(status.nextRunMs - m_now()) : none();
    case LastRunColumn: {
        if (status.lastRunMs <= 0)
            return tr("never");
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(status.lastRunMs);
        const QString when = at.date() == m_today ? at.toString(QStringLiteral("HH:mm:ss"))
                                                  : at.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        QString outcome = status.lastOutcome;
        if (const std::optional<RunState> state = runStateFromName(status.lastOutcome)) {
            switch (*state) {
            case RunState::Completed:
                outcome = tr("completed");
                break;
            case RunState::Failed:
                outcome = tr("failed");
                break;
            case RunState::Cancelled:
                outcome = tr("cancelled");
                break;
            case RunState::TimedOut:
                outcome = tr("timed out");
                break;
            case RunState::Interrupted:
                outcome = tr("interrupted");
                break;
            default:
                break;
            }
        }
        return tr("%1 \u00b7 %2").arg(when, outcome);
    }
    case RunsColumn:
        return status.runCount;
    case ErrorsColumn:
        return status.errorCount;
    case FailuresColumn:
        return status.consecutiveFailures;
    case AverageDurationColumn:
        return status.runCount > 0 ? durationText(status.averageDurationMs()) : none();
    case TokensTodayColumn:
        return tokensToday(row);
    case ModelColumn:
        if (row.model.isEmpty())
            return row.provider;
        return tr("%1 / %2").arg(row.provider, row.model);
    case ActionsColumn:
    case RecentDurationsColumn:
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AgentTableModel::sortValue(const AgentRow &row, int column) const
{
    switch (Column(column)) {
    case AgentIdColumn:
        return row.status.agentId;
    case ModelColumn:
        return modelSortText(row);
    case ColumnCount:
        return {};
    default:
        return numericSortValue(row, column);
    }
}

bool AgentTableModel::lessThan(int leftRow,
                               int rightRow,
                               int column,
                               Qt::CaseSensitivity caseSensitivity) const
{
    const AgentRow &left = m_rows.at(leftRow);
    const AgentRow &right = m_rows.at(rightRow);
    switch (Column(column)) {
    case AgentIdColumn:
        return compareText(left.status.agentId, right.status.agentId, caseSensitivity) < 0;
    case ModelColumn:
        return compareText(modelSortText(left), modelSortText(right), caseSensitivity) < 0;
    case ColumnCount:
        return false;
    default:
        return numericSortValue(left, column) < numericSortValue(right, column);
    }
}

qint64 AgentTableModel::numericSortValue(const AgentRow &row, int column) const
{
    const AgentStatus &status = row.status;
    switch (Column(column)) {
    case StatusColumn:
        return stateRank(status.state);
    case ScheduleColumn:
        return scheduleSortValue(row);
    case NextRunColumn:
        return status.nextRunMs > 0 ? status.nextRunMs : Latest;
    case LastRunColumn:
        return status.lastRunMs;
    case RunsColumn:
        return status.runCount;
    case ErrorsColumn:
        return status.errorCount;
    case FailuresColumn:
        return status.consecutiveFailures;
    case AverageDurationColumn:
        return status.averageDurationMs();
    case TokensTodayColumn:
        return tokensToday(row);
    case ActionsColumn:
        return int(availableActions(status));
    case RecentDurationsColumn:
        return row.recentDurations.isEmpty() ? 0 : row.recentDurations.last();
    case AgentIdColumn:
    case ModelColumn:
    case ColumnCount:
        break;
    }
    return 0;
}

QString AgentTableModel::modelSortText(const AgentRow &row)
{
    return row.provider + u'/' + row.model;
}

QVariant AgentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case StatusColumn:
        return tr("Status");
    case AgentIdColumn:
        return tr("Agent");
    case ScheduleColumn:
        return tr("Schedule");
    case NextRunColumn:
        return tr("Next run");
    case LastRunColumn:
        return tr("Last run");
    case RunsColumn:
        return tr("Runs");
    case ErrorsColumn:
        return tr("Errors");
    case FailuresColumn:
        return tr("Failures in a row");
    case AverageDurationColumn:
        return tr("Avg. duration");
    case TokensTodayColumn:
        return tr("Tokens today");
    case ModelColumn:
        return tr("Model");
    case ActionsColumn:
        return tr("Actions");
    case RecentDurationsColumn:
        return tr("Recent durations");
    case ColumnCount:
        break;
    }
    return {};
}

QString AgentTableModel::stateText(AgentState state)
{
    switch (state) {
    case AgentState::Idle:
        return tr("Idle");
    case AgentState::Scheduled:
        return tr("Scheduled");
    case AgentState::Running:
        return tr("Running");
    case AgentState::Paused:
        return tr("Paused");
    case AgentState::Stopped:
        return tr("Stopped");
    case AgentState::Error:
        return tr("Error");
    }
    return {};
}

QString AgentTableModel::countdownText(qint64 untilMs)
{
    if (untilMs <= 0)
        return tr("due now");
    // Rounded up, so "in 1 s" shows until the moment it is due.
    const qint64 seconds = (untilMs + 999) / 1000;
    if (seconds < 60)
        return tr("in %1 s").arg(seconds);
    if (seconds < 3600)
        return tr("in %1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("in %1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return tr("in %1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

QString AgentTableModel::durationText(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

void AgentTableModel::emitRowsChanged(const QList<int> &rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    if (rows.size() <= RowSignalLimit) {
        for (int row : rows)
            Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn));
        return;
    }
    const auto [low, high] = std::minmax_element(rows.cbegin(), rows.cend());
    Q_EMIT dataChanged(index(*low, firstColumn), index(*high, lastColumn));
}

void AgentTableModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).status.agentId, row);
}

void AgentTableModel::takeSpec(AgentRow &row, const AgentSpec &spec)
{
    row.provider = spec.model.provider;
    row.model = spec.model.model;
    row.schedule = spec.schedule;
    row.scheduleText = describeSchedule(spec.schedule);
    row.specRevision = spec.revision;
}

} // namespace nightshift
