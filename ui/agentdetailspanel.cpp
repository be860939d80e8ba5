#include "agentdetailspanel.h"

#include "backgroundagentservice.h"
#include "enginehost.h"
#include "runeventsmodel.h"
#include "runhistoryfilterproxy.h"
#include "runhistorymodel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace nightshift {

namespace {

// A tool's output can be a whole web page; the memory view shows its start.
constexpr qsizetype MaxToolOutput = 2000;
// The summary keeps to a few lines; the whole error is in the tooltip.
constexpr qsizetype MaxSummaryError = 300;

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString compactJson(const nlohmann::json &value)
{
    const QString text = QString::fromStdString(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return text.size() > MaxToolOutput ? text.left(MaxToolOutput) + u'…' : text;
}

// A result that is JSON (what tools return without a model) reads better indented.
QString readableResult(const QString &result)
{
    if (!result.startsWith(u'{') && !result.startsWith(u'['))
        return result;
    const nlohmann::json parsed = nlohmann::json::parse(result.toStdString(), nullptr, false);
    if (parsed.is_discarded())
        return result;
    return QString::fromStdString(
        parsed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    // Agent ids and errors are data, never markup.
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString agentStateText(AgentState state)
{
    switch (state) {
    case AgentState::Idle:
        return AgentDetailsPanel::tr("idle");
    case AgentState::Scheduled:
        return AgentDetailsPanel::tr("scheduled");
    case AgentState::Running:
        return AgentDetailsPanel::tr("running");
    case AgentState::Paused:
        return AgentDetailsPanel::tr("paused");
    case AgentState::Stopped:
        return AgentDetailsPanel::tr("stopped");
    case AgentState::Error:
        return AgentDetailsPanel::tr("failing");
    }
    return stateName(state);
}

QString desiredText(DesiredState desired)
{
    switch (desired) {
    case DesiredState::Idle:
        return AgentDetailsPanel::tr("not started");
    case DesiredState::Started:
        return AgentDetailsPanel::tr("started");
    case DesiredState::Paused:
        return AgentDetailsPanel::tr("paused");
    case DesiredState::Stopped:
        return AgentDetailsPanel::tr("stopped");
    }
    return desiredName(desired);
}

} // namespace

AgentDetailsPanel::AgentDetailsPanel(EngineHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_history(new RunHistoryModel(this))
    , m_historyProxy(new RunHistoryFilterProxy(m_history, this))
    , m_events(new RunEventsModel(this))
    , m_title(valueLabel(this))
    , m_state(valueLabel(this))
    , m_nextRun(valueLabel(this))
    , m_counts(valueLabel(this))
    , m_lastRun(valueLabel(this))
    , m_durations(valueLabel(this))
    , m_tokens(valueLabel(this))
    , m_lastError(valueLabel(this))
    , m_message(valueLabel(this))
    , m_notAsScheduled(new QCheckBox(tr("Not run as scheduled"), this))
    , m_runsView(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_result(new QPlainTextEdit(this))
    , m_eventsView(new QTableView(this))
    , m_memory(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_lastError->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->hide();
    // Names for tests and accessibility tools.
    m_state->setObjectName(QStringLiteral("state"));
    m_counts->setObjectName(QStringLiteral("counts"));
    m_runsView->setObjectName(QStringLiteral("runHistory"));
    m_notAsScheduled->setObjectName(QStringLiteral("notAsScheduled"));
    m_eventsView->setObjectName(QStringLiteral("runEvents"));
    m_result->setObjectName(QStringLiteral("runResult"));
    m_memory->setObjectName(QStringLiteral("memory"));

    auto *summary = new QGridLayout;
    summary->setColumnStretch(1, 1);
    summary->setColumnStretch(3, 1);
    const auto addRow = [&](int row, int column, const QString &name, QLabel *value) {
        auto *label = new QLabel(name, this);
        label->setAlignment(Qt::AlignRight | Qt::AlignTop);
        summary->addWidget(label, row, column * 2);
        summary->addWidget(value, row, column * 2 + 1);
    };
    addRow(0, 0, tr("State:"), m_state);
    addRow(0, 1, tr("Next run:"), m_nextRun);
    addRow(1, 0, tr("Runs:"), m_counts);
    addRow(1, 1, tr("Last run:"), m_lastRun);
    addRow(2, 0, tr("Duration:"), m_durations);
    addRow(2, 1, tr("Tokens:"), m_tokens);
    auto *errorName = new QLabel(tr("Last error:"), this);
    errorName->setAlignment(Qt::AlignRight | Qt::AlignTop);
    summary->addWidget(errorName, 3, 0);
    summary->addWidget(m_lastError, 3, 1, 1, 3);

    m_notAsScheduled->setToolTip(
        tr("Show only the occurrences that were skipped or missed, ran as a catch-up, started "
           "more than a minute late, or failed, timed out or were interrupted."));
    m_runsView->setModel(m_historyProxy);
    m_runsView->setSortingEnabled(true);
    m_runsView->sortByColumn(RunHistoryModel::StartedColumn, Qt::DescendingOrder);
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runsView->setWordWrap(false);
    m_runsView->verticalHeader()->hide();
    m_runsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runsView->horizontalHeader()->setStretchLastSection(true);

    m_eventsView->setModel(m_events);
    m_eventsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_eventsView->setWordWrap(false);
    m_eventsView->verticalHeader()->hide();
    m_eventsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_eventsView->horizontalHeader()->setStretchLastSection(true);

    for (QPlainTextEdit *text : {m_result, m_memory}) {
        text->setReadOnly(true);
        text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    }
    m_tabs->addTab(m_result, tr("Result"));
    m_tabs->addTab(m_eventsView, tr("Events"));
    m_tabs->addTab(m_memory, tr("Memory"));

    auto *historyName = new QLabel(tr("Run history"), this);
    QFont historyFont = historyName->font();
    historyFont.setBold(true);
    historyName->setFont(historyFont);
    auto *history = new QWidget(this);
    auto *historyBar = new QHBoxLayout;
    historyBar->addWidget(historyName);
    historyBar->addStretch(1);
    historyBar->addWidget(m_notAsScheduled);
    auto *historyLayout = new QVBoxLayout(history);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(historyBar);
    historyLayout->addWidget(m_runsView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(history);
    splitter->addWidget(m_tabs);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(summary);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_runsView->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &AgentDetailsPanel::onCurrentRunChanged);
    connect(m_notAsScheduled, &QCheckBox::toggled, this, [this](bool only) {
        const QString selected = m_selectedRunId;
        m_historyProxy->setNotAsScheduledOnly(only);
        // The selected run stays when the filter keeps it; else the newest one shown replaces it.
        const int row = m_history->rowOf(selected);
        if (row >= 0 && m_historyProxy->mapFromSource(m_history->index(row, 0)).isValid()) {
            selectRun(selected);
            return;
        }
        if (const RunRecord *newest = m_history->runAt(newestShownSourceRow())) {
            selectRun(newest->runId);
            return;
        }
        if (m_history->rowCount() > 0)
            m_result->setPlaceholderText(tr("Every occurrence shown ran as scheduled."));
    });
    setAgent({});
}

void AgentDetailsPanel::setAgent(const QString &agentId)
{
    m_agentId = agentId;
    m_selectedRunId.clear();
    m_history->setAgentId(agentId);
    m_events->setRun({}, {});
    m_result->clear();
    m_memory->clear();
    showError({});
    if (agentId.isEmpty()) {
        m_title->setText(tr("No agent selected"));
        clearStatus();
        m_result->setPlaceholderText(tr("Select an agent to see its runs."));
        return;
    }
    m_title->setText(agentId);
    struct Loaded
    {
        Result<AgentStatus> status;
        Result<QList<RunRecord>> runs;
    };
    const Loaded loaded = m_host->call([agentId](BackgroundAgentService &service) {
        return Loaded{service.getAgentStatus(agentId),
                      service.listRuns(agentId, RunHistoryModel::RowLimit)};
    });
    if (!loaded.status) {
        clearStatus();
        showError(loaded.status.errorMessage());
        return;
    }
    showStatus(loaded.status.value());
    if (!loaded.runs) {
        showError(tr("The run history could not be read: %1").arg(loaded.runs.errorMessage()));
        return;
    }
    m_history->setRuns(loaded.runs.value());
    if (const RunRecord *newest = m_history->runAt(newestShownSourceRow())) {
        selectRun(newest->runId);
        return;
    }
    m_result->setPlaceholderText(m_history->rowCount() > 0
                                     ? tr("Every occurrence shown ran as scheduled.")
                                     : tr("This agent has not run yet."));
    const Result<SessionMemory> memory = m_host->call(
        [agentId](BackgroundAgentService &service) { return service.sessionMemory(agentId, {}); });
    if (memory)
        showMemory(memory.value());
    else
        showError(memory.errorMessage());
}

bool AgentDetailsPanel::selectRun(const QString &runId)
{
    const int row = m_history->rowOf(runId);
    if (row < 0)
        return false;
    if (!m_historyProxy->mapFromSource(m_history->index(row, 0)).isValid())
        m_notAsScheduled->setChecked(false);
    const QModelIndex index = m_historyProxy->mapFromSource(m_history->index(row, 0));
    m_runsView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_runsView->scrollTo(index);
    return true;
}

void AgentDetailsPanel::applyStatuses(const QList<AgentStatus> &statuses)
{
    const auto it = std::find_if(statuses.cbegin(), statuses.cend(), [&](const AgentStatus &s) {
        return s.agentId == m_agentId;
    });
    if (it != statuses.cend())
        showStatus(*it);
}

void AgentDetailsPanel::applyFinishedRuns(const QList<RunRecord> &runs)
{
    if (m_agentId.isEmpty())
        return;
    // Whoever watches the newest run shown keeps watching the newest one as new runs end.
    const int newestRow = newestShownSourceRow();
    const bool followNewest = newestRow < 0 || selectedSourceRow() == newestRow;
    m_history->applyFinishedRuns(runs);
    const RunRecord *newest = m_history->runAt(newestShownSourceRow());
    if (!newest)
        return;
    if (followNewest && newest->runId != m_selectedRunId) {
        selectRun(newest->runId);
        return;
    }
    const bool selectedEnded = std::any_of(
        runs.cbegin(), runs.cend(), [&](const RunRecord &r) { return r.runId == m_selectedRunId; });
    if (selectedEnded)
        showRun(*m_history->runAt(m_history->rowOf(m_selectedRunId)));
}

void AgentDetailsPanel::applyEvents(const EventList &events)
{
    if (!m_selectedRunId.isEmpty())
        m_events->appendEvents(events);
}

void AgentDetailsPanel::showStatus(const AgentStatus &status)
{
    QString state
        = tr("%1 (set to %2)").arg(agentStateText(status.state), desiredText(status.desired));
    if (status.state == AgentState::Paused && !status.pauseReason.isEmpty())
        state = tr("%1, because %2").arg(state, status.pauseReason);
    if (status.storeOffline)
        state = tr("%1, store offline").arg(state);
    m_state->setText(state);
    m_nextRun->setText(status.nextRunMs > 0 ? localTime(status.nextRunMs) : tr("none due"));
    m_counts->setText(tr("%1 finished, %2 with errors, %3 failed in a row")
                          .arg(status.runCount)
                          .arg(status.errorCount)
                          .arg(status.consecutiveFailures));
    const std::optional<RunState> outcome = runStateFromName(status.lastOutcome);
    const QString outcomeText = outcome ? RunHistoryModel::stateText(*outcome) : status.lastOutcome;
    m_lastRun->setText(status.lastRunMs > 0
                           ? tr("%1, %2").arg(localTime(status.lastRunMs), outcomeText)
                           : tr("never"));
    m_durations->setText(status.runCount > 0
                             ? tr("last %1, average %2")
                                   .arg(RunHistoryModel::durationText(status.lastDurationMs),
                                        RunHistoryModel::durationText(status.averageDurationMs()))
                             : tr("no runs yet"));
    m_tokens->setText(tr("%1 today, %2 in all").arg(status.tokensToday).arg(status.tokensTotal));
    const QString error = status.lastError.isEmpty() ? tr("none") : status.lastError;
    m_lastError->setText(error.size() > MaxSummaryError ? error.left(MaxSummaryError) + u'…'
                                                        : error);
    m_lastError->setToolTip(status.lastError);
}

void AgentDetailsPanel::clearStatus()
{
    for (QLabel *label :
         {m_state, m_nextRun, m_counts, m_lastRun, m_durations, m_tokens, m_lastError})
        label->setText(QStringLiteral("–"));
    m_lastError->setToolTip({});
}

int AgentDetailsPanel::selectedSourceRow() const
{
    const QModelIndex current = m_runsView->selectionModel()->currentIndex();
    return current.isValid() ? m_historyProxy->mapToSource(current).row() : -1;
}

int AgentDetailsPanel::newestShownSourceRow() const
{
    // The model keeps runs newest first, whatever order the view sorts them in.
    for (int row = 0; row < m_history->rowCount(); ++row) {
        if (m_historyProxy->mapFromSource(m_history->index(row, 0)).isValid())
            return row;
    }
    return -1;
}

void AgentDetailsPanel::onCurrentRunChanged()
{
    const RunRecord *run = m_history->runAt(selectedSourceRow());
    if (!run) {
        m_selectedRunId.clear();
        m_events->setRun({}, {});
        m_result->clear();
        return;
    }
    if (run->runId != m_selectedRunId)
        showRun(*run);
}

void AgentDetailsPanel::showRun(const RunRecord &run)
{
    m_selectedRunId = run.runId;
    switch (run.state) {
    case RunState::Completed:
        m_result->setPlainText(readableResult(run.result));
        m_result->setPlaceholderText(tr("The run completed without a result."));
        break;
    case RunState::Skipped:
    case RunState::Missed:
        m_result->setPlainText(tr("This occurrence did not run: %1.")
                                   .arg(RunHistoryModel::skipReasonText(run.skipReason)));
        break;
    case RunState::Queued:
    case RunState::Running:
        m_result->setPlainText(tr("The run is in progress."));
        break;
    case RunState::Failed:
    case RunState::Cancelled:
    case RunState::TimedOut:
    case RunState::Interrupted:
        m_result->setPlainText(tr("Outcome: %1, after %n attempt(s).", nullptr, run.attempts)
                                   .arg(RunHistoryModel::stateText(run.state))
                               + u'\n' + run.error);
        break;
    }

    struct Loaded
    {
        Result<EventList> events;
        Result<SessionMemory> memory;
    };
    const QString agentId = m_agentId;
    const Loaded loaded = m_host->call([run, agentId](BackgroundAgentService &service) {
        return Loaded{service.listRunEvents(run), service.sessionMemory(agentId, run.runId)};
    });
    m_events->setRun(run.runId, loaded.events ? loaded.events.value() : EventList());
    if (loaded.memory)
        showMemory(loaded.memory.value());
    const QString problem
        = !loaded.events ? loaded.events.errorMessage() : loaded.memory.errorMessage();
    showError(problem);
}

void AgentDetailsPanel::showMemory(const SessionMemory &memory)
{
    m_tabs->setTabText(m_tabs->indexOf(m_memory),
                       memory.messages.isEmpty()
                           ? tr("Memory")
                           : tr("Memory (%n message(s))", nullptr, int(memory.messages.size())));
    if (memory.sessionId.isEmpty()) {
        m_memory->clear();
        m_memory->setPlaceholderText(
            tr("This agent keeps no memory across runs; select a run to see its conversation."));
        return;
    }
    m_memory->setPlaceholderText(tr("Session \"%1\" holds no conversation.").arg(memory.sessionId));
    if (memory.messages.isEmpty()) {
        m_memory->clear();
        return;
    }
    QStringList blocks{tr("Session \"%1\"").arg(memory.sessionId)};
    for (const ChatMessage &message : memory.messages) {
        QString block;
        switch (message.role) {
        case ChatRole::System:
            block = tr("System:") + u'\n' + message.text;
            break;
        case ChatRole::User:
            block = tr("User:") + u'\n' + message.text;
            break;
        case ChatRole::Assistant:
            block = tr("Assistant:");
            if (!message.text.isEmpty())
                block += u'\n' + message.text;
            for (const ChatToolCall &call : message.toolCalls)
                block += u'\n' + tr("→ calls %1 %2").arg(call.name, compactJson(call.arguments));
            break;
        case ChatRole::Tool:
            block = tr("Tool %1:").arg(message.toolName) + u'\n'
                    + (message.isToolError() ? tr("failed: %1").arg(message.error)
                                             : compactJson(message.result));
            break;
        }
        blocks.append(block);
    }
    m_memory->setPlainText(blocks.join(QStringLiteral("\n\n")));
}

void AgentDetailsPanel::showError(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

} // namespace nightshift
