#include "historycommand.h"

#include "routers.h"
#include "runtiming.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace nightshift {

namespace {

// A line keeps to the first line of an error, cut to this length; --json has all of it.
constexpr qsizetype MaxReasonLength = 80;

struct History
{
    QList<RunRecord> runs; ///< Newest first.
    bool more = false;     ///< Whether older matching occurrences were left out by --limit.
};

/// When the occurrence was due; a run without a due time (none so far) by when it started.
qint64 dueMs(const RunRecord &run)
{
    return run.occurrenceMs > 0 ? run.occurrenceMs : run.timeMs();
}

QString timeText(qint64 ms, bool utc)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    return utc ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'"))
               : time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

/// A span for a terminal: "850ms", "12.4s", "2m 05s", "3h 04m", "2d 03h".
QString spanText(qint64 ms)
{
    constexpr qint64 Second = 1000;
    constexpr qint64 Minute = 60 * Second;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    const auto twoDigits = [](qint64 n) {
        return QStringLiteral("%1").arg(n, 2, 10, QChar(u'0'));
    };
    if (ms < Second)
        return QStringLiteral("%1ms").arg(ms);
    // Tenths cut, not rounded, so that 59.96 s does not read as 60.0s.
    if (ms < Minute)
        return QStringLiteral("%1s").arg(double(ms / 100) / 10, 0, 'f', 1);
    if (ms < Hour)
        return QStringLiteral("%1m %2s").arg(ms / Minute).arg(twoDigits(ms % Minute / Second));
    if (ms < Day)
        return QStringLiteral("%1h %2m").arg(ms / Hour).arg(twoDigits(ms % Hour / Minute));
    return QStringLiteral("%1d %2h").arg(ms / Day).arg(twoDigits(ms % Day / Hour));
}

QString timingText(const RunRecord &run)
{
    const std::optional<qint64> late = runLateMs(run);
    if (!late)
        return QStringLiteral("-");
    return *late > OnTimeToleranceMs ? QStringLiteral("late by ") + spanText(*late)
                                     : QStringLiteral("on time");
}

QString reasonText(const RunRecord &run)
{
    const QString text = (run.error.isEmpty() ? run.skipReason : run.error).section(u'\n', 0, 0);
    return text.size() > MaxReasonLength ? text.left(MaxReasonLength - 1) + u'…' : text;
}

QStringList rowOf(const RunRecord &run, bool utc)
{
    const bool ran = run.startedMs > 0;
    const bool ended = ran && isFinal(run.state);
    const QString none = QStringLiteral("-");
    return {timeText(dueMs(run), utc),
            originName(run.origin),
            stateName(run.state),
            timingText(run),
            ended ? spanText(run.durationMs()) : none,
            ran ? QString::number(run.usage.totalTokens()) : none,
            ran ? u'$' + QString::number(run.usage.cost, 'f', 4) : none,
            reasonText(run)};
}

/// Lines of columns, each as wide as its widest cell; numbers to the right.
QString table(const QList<QStringList> &rows, const QList<bool> &rightAligned)
{
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (c > 0)
                line += QStringLiteral("  ");
            if (rightAligned.value(c))
                line += row.at(c).rightJustified(widths[c]);
            else
                line += c + 1 < row.size() ? row.at(c).leftJustified(widths[c]) : row.at(c);
        }
        out += line.trimmed() + u'\n';
    }
    return out;
}

/// Counts kept in the order their names first came up.
class Tally
{
public:
    void add(const QString &name)
    {
        const auto it = std::find_if(m_counts.begin(), m_counts.end(), [&](const auto &count) {
            return count.first == name;
        });
        if (it == m_counts.end())
            m_counts.append({name, 1});
        else
            ++it->second;
    }
    bool isEmpty() const { return m_counts.isEmpty(); }
    /// "overlap 1, budget 1"
    QString join() const
    {
        QStringList parts;
        for (const auto &[name, count] : m_counts)
            parts.append(QStringLiteral("%1 %2").arg(name).arg(count));
        return parts.join(QStringLiteral(", "));
    }

private:
    QList<std::pair<QString, int>> m_counts;
};

/// Occurrences that did not start, of one state (skipped, missed, queued, or one this build
/// does not know yet), with their reasons.
struct NotStarted
{
    QString state;
    int count = 0;
    Tally reasons;
};

QString summaryText(const History &history, const CliOptions &options)
{
    int onTime = 0;
    int late = 0;
    QList<NotStarted> notStarted;
    Tally unended; // runs that ended other than completed
    for (const RunRecord &run : history.runs) {
        if (run.startedMs > 0) {
            ++(startedLate(run) ? late : onTime);
            if (isFinal(run.state) && run.state != RunState::Completed)
                unended.add(stateName(run.state));
            continue;
        }
        const QString state = stateName(run.state);
        auto group = std::find_if(notStarted.begin(), notStarted.end(), [&](const NotStarted &g) {
            return g.state == state;
        });
        if (group == notStarted.end())
            group = notStarted.insert(notStarted.end(), NotStarted{state, 0, {}});
        ++group->count;
        if (!run.skipReason.isEmpty())
            group->reasons.add(run.skipReason);
    }
    const qsizetype total = history.runs.size();
    QString head = total == 0   ? QStringLiteral("no occurrences")
                   : total == 1 ? QStringLiteral("1 occurrence")
                                : QStringLiteral("%1 %2occurrences")
                                      .arg(total)
                                      .arg(history.more ? QStringLiteral("newest ") : QString());
    if (options.notAsScheduled)
        head += QStringLiteral(" not as scheduled");
    if (options.sinceMs > 0)
        head += QStringLiteral(" since ") + timeText(options.sinceMs, options.utc);
    QStringList parts;
    if (onTime > 0)
        parts.append(QStringLiteral("%1 ran on time").arg(onTime));
    if (late > 0)
        parts.append(QStringLiteral("%1 late").arg(late));
    for (const NotStarted &group : std::as_const(notStarted))
        parts.append(group.reasons.isEmpty()
                         ? QStringLiteral("%1 %2").arg(group.count).arg(group.state)
                         : QStringLiteral("%1 %2 (%3)")
                               .arg(group.count)
                               .arg(group.state, group.reasons.join()));
    QString summary = parts.isEmpty() ? head : head + QStringLiteral(": ") + parts.join(u", ");
    if (!unended.isEmpty())
        summary += QStringLiteral("; not completed: ") + unended.join();
    if (history.more)
        summary += QStringLiteral(" (older ones left out; --limit N shows more)");
    return summary + u'\n';
}

Result<History> readHistory(MemoryRouter &memory, const QString &agentId, const CliOptions &options)
{
    const auto wanted = [&](const RunRecord &run) {
        return dueMs(run) >= options.sinceMs
               && (!options.notAsScheduled || wentNotAsScheduled(run));
    };
    const auto newer = [](const RunRecord &a, const RunRecord &b) {
        return dueMs(a) > dueMs(b);
    };
    // The store lists the newest runs unfiltered: read further back until enough match. One
    // more than the limit tells whether older ones were left out.
    constexpr qint64 MaxRead = std::numeric_limits<int>::max();
    qint64 toRead = qint64(options.limit) + 1;
    qsizetype alreadyRead = 0;
    for (;;) {
        const Result<QList<RunRecord>> runs = memory.listRuns(agentId, int(toRead));
        if (!runs)
            return runs.error();
        History history;
        std::copy_if(runs->cbegin(), runs->cend(), std::back_inserter(history.runs), wanted);
        const bool exhausted = runs->size() < toRead || toRead == MaxRead;
        // Runs are listed in the order they were saved, which follows due times closely enough
        // that once a whole batch lies before --since, everything further back does too.
        const bool pastSince
            = options.sinceMs > 0
              && std::none_of(runs->cbegin() + alreadyRead,
                              runs->cend(),
                              [&](const RunRecord &run) { return dueMs(run) >= options.sinceMs; });
        if (history.runs.size() > options.limit || exhausted || pastSince) {
            std::stable_sort(history.runs.begin(), history.runs.end(), newer);
            history.more = history.runs.size() > options.limit;
            if (history.more)
                history.runs.resize(options.limit);
            return history;
        }
        alreadyRead = runs->size();
        toRead = std::min(toRead * 4, MaxRead);
    }
}

} // namespace

int printAgentHistory(const CliOptions &options, const QString &url, const QString &agentId)
{
    Result<Store> store = openStore(url, StoreRole::Client);
    if (!store) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(store.errorMessage()));
        return ExitFailure;
    }
    const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
    if (!agents) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(agents.errorMessage()));
        return ExitFailure;
    }
    if (std::none_of(agents->cbegin(), agents->cend(), [&](const StoredAgent &agent) {
            return agent.spec.agentId == agentId;
        })) {
        writeErr(QStringLiteral("nightshift: no agent \"%1\" in %2\n").arg(agentId, store->url));
        return ExitFailure;
    }
    const Result<History> history = readHistory(*store->memory, agentId, options);
    if (!history) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(history.errorMessage()));
        return ExitFailure;
    }
    if (!options.text.value_or(true)) {
        QString out;
        for (const RunRecord &run : history->runs) {
            nlohmann::json line = run.toJson();
            const std::optional<qint64> late = runLateMs(run);
            line["late_ms"] = late ? nlohmann::json(*late) : nlohmann::json();
            out += QString::fromStdString(line.dump()) + u'\n';
        }
        writeOut(out);
        return ExitOk;
    }
    QString out;
    if (!history->runs.isEmpty()) {
        QList<QStringList> rows = {{QStringLiteral("DUE"),
                                    QStringLiteral("ORIGIN"),
                                    QStringLiteral("STATE"),
                                    QStringLiteral("TIMING"),
                                    QStringLiteral("DURATION"),
                                    QStringLiteral("TOKENS"),
                                    QStringLiteral("COST"),
                                    QStringLiteral("REASON")}};
        for (const RunRecord &run : history->runs)
            rows.append(rowOf(run, options.utc));
        out = table(rows, {false, false, false, false, true, true, true, false});
    }
    writeOut(out + summaryText(history.value(), options));
    return ExitOk;
}

} // namespace nightshift
