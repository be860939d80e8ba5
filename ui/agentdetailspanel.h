#pragma once

#include "agentstatus.h"
#include "conversation.h"
#include "event.h"
#include "run.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace nightshift {

class EngineHost;
class RunEventsModel;
class RunHistoryFilterProxy;
class RunHistoryModel;

/// Everything about one agent: its status, its run history, and for the selected run the
/// result, the events and the conversation memory. Fed by the engine host's batches.
class AgentDetailsPanel final : public QWidget
{
    Q_OBJECT
public:
    /// host must have started; the panel reads from it on this (the GUI) thread.
    explicit AgentDetailsPanel(EngineHost *host, QWidget *parent = nullptr);

    /// Shows an agent, or nothing for an empty id; selects its newest run.
    void setAgent(const QString &agentId);
    /// The agent shown; empty when none is.
    QString agentId() const { return m_agentId; }
    /// Shows a run of the agent's history, turning the "Not run as scheduled" filter off when
    /// it hides the run; false when the run is not there.
    bool selectRun(const QString &runId);
    /// The run whose result, events and memory are shown; empty when none is.
    QString selectedRunId() const { return m_selectedRunId; }

public Q_SLOTS:
    /// For EngineHost::agentsUpdated: refreshes the summary when the shown agent is among them.
    void applyStatuses(const QList<nightshift::AgentStatus> &statuses);
    /// For EngineHost::runsFinished: adds the shown agent's runs to the history.
    void applyFinishedRuns(const QList<nightshift::RunRecord> &runs);
    /// For EngineHost::eventsAppended: adds the selected run's new events.
    void applyEvents(const nightshift::EventList &events);

private:
    void showStatus(const AgentStatus &status);
    void clearStatus();
    void onCurrentRunChanged();
    void showRun(const RunRecord &run);
    void showMemory(const SessionMemory &memory);
    void showError(const QString &message);
    int selectedSourceRow() const;
    int newestShownSourceRow() const;

    EngineHost *m_host;
    QString m_agentId;
    QString m_selectedRunId;
    RunHistoryModel *m_history;
    RunHistoryFilterProxy *m_historyProxy;
    RunEventsModel *m_events;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_nextRun;
    QLabel *m_counts;
    QLabel *m_lastRun;
    QLabel *m_durations;
    QLabel *m_tokens;
    QLabel *m_lastError;
    QLabel *m_message;
    QCheckBox *m_notAsScheduled;
    QTableView *m_runsView;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_result;
    QTableView *m_eventsView;
    QPlainTextEdit *m_memory;
};

} // namespace nightshift
