#pragma once

#include "agentstatus.h"
#include "run.h"
#include "runstatistics.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace nightshift {

class AgentChoiceModel;
class EngineHost;

/// Charts of stored runs, for one agent or the fleet, over a chosen window: runs and errors per
/// period, run duration, tokens per run. Live: finished runs are added as they come.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
public:
    /// host must have started; the panel reads from it on this (the GUI) thread.
    explicit ChartsPanel(EngineHost *host, QWidget *parent = nullptr);

    /// Charts one agent, or the whole fleet for an empty id.
    void setAgent(const QString &agentId);
    /// The agent charted; empty for the fleet.
    QString agentId() const;
    /// Loads the window's runs from the store and charts them.
    void setWindow(StatsWindow window);
    /// The window charted.
    StatsWindow window() const { return m_stats.window(); }
    /// What the charts show now.
    const RunStatistics &statistics() const { return m_stats; }

public Q_SLOTS:
    /// Reads the window's runs from the store again; call it once the engine has started.
    void reload();
    /// For EngineHost::agentsUpdated: offers agents not seen before in the agent chooser.
    void applyStatuses(const QList<nightshift::AgentStatus> &statuses);
    /// For EngineHost::runsFinished: counts the runs at the next redraw.
    void applyFinishedRuns(const QList<nightshift::RunRecord> &runs);

private:
    void redraw();

    EngineHost *m_host;
    QComboBox *m_agentBox;
    AgentChoiceModel *m_agentChoices; ///< What m_agentBox lists.
    QComboBox *m_windowBox;
    QLabel *m_totals;
    QLabel *m_message;
    QHash<QString, RunRecord> m_runs; ///< The fleet's runs in the window, by run id.
    RunStatistics m_stats;
    QTimer m_redrawTimer;
    QTimer m_slideTimer;

    QChart *m_runsChart;
    QBarSeries *m_bars;
    QBarSet *m_runsSet;
    QBarSet *m_errorsSet;
    QBarCategoryAxis *m_periods;
    QDateTimeAxis *m_runsTime;
    QValueAxis *m_runsAxis;

    QChart *m_durationChart;
    QLineSeries *m_meanDuration;
    QLineSeries *m_maxDuration;
    QDateTimeAxis *m_durationTime;
    QValueAxis *m_durationAxis;

    QChart *m_tokensChart;
    QLineSeries *m_tokensPerRun;
    QDateTimeAxis *m_tokensTime;
    QValueAxis *m_tokensAxis;
};

} // namespace nightshift
