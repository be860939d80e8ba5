#pragma once

#include "agentactions.h"
#include "agentfilterproxy.h"
#include "agentspec.h"

#include <QMainWindow>
#include <QMap>
#include <QTimer>

#include <optional>

class QAbstractItemView;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QSplitter;
class QTableView;

namespace nightshift {

class AgentActionsDelegate;
class AgentDetailsPanel;
class AgentTableModel;
class ChartsPanel;
class EventLogDock;
class EngineHost;
class FleetFeed;
class SummaryCards;

/// The dashboard's window: toolbar and menus, the filter sidebar with live counts, summary
/// cards, the searchable fleet table with per-row buttons, and the store and engine in the
/// status bar. Every change to an agent goes to the engine through the EngineHost.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    /// Shows the agents of host's engine; host must outlive the window.
    explicit MainWindow(EngineHost *host, QWidget *parent = nullptr);

    /// Says in the window why the engine could not start.
    void showStartupError(const QString &message);

    /// The fleet table, for panels that follow its current row.
    QAbstractItemView *agentTable() const;
    /// The ids of the selected agents, in table order.
    QStringList selectedAgentIds() const;
    /// The splitter around the table: a details panel is added to it (right or, after
    /// setOrientation(Qt::Vertical), below).
    QSplitter *detailsSplitter() const { return m_detailsSplitter; }
    /// The live event log.
    EventLogDock *eventLog() const { return m_eventLog; }
    /// The selected agent's status, runs, events and memory.
    AgentDetailsPanel *details() const { return m_details; }
    /// Runs, errors, durations and tokens over time, for the selected agent or the fleet.
    ChartsPanel *charts() const { return m_charts; }
    /// The View menu, where dock widgets add their toggle actions.
    QMenu *viewMenu() const { return m_viewMenu; }
    /// The window's action for an agent action (toolbar, menu and shortcut).
    QAction *agentAction(AgentAction action) const { return m_agentActions.value(action); }
    /// The sort/filter proxy the table shows.
    AgentFilterProxy *filterProxy() const { return m_proxy; }
    /// The status-bar text about the store, connection and engine, for tests.
    QString statusText() const;

    /// Opens the agent editor: on the agent named, else on a new agent (from a template when
    /// given). Saving creates or updates the agent through the engine.
    void openEditor(const QString &agentId,
                    const std::optional<AgentSpec> &templateSpec = std::nullopt);
    /// Applies an action to every listed agent it applies to; Delete asks first.
    /// Applies action to each agent that takes it; a pause with pauseForMs ends by itself then.
    void runAgentAction(AgentAction action, const QStringList &agentIds, qint64 pauseForMs = 0);
    /// Shows only the agents a filter takes; the sidebar and cards follow.
    void setStatusFilter(AgentFilterProxy::StatusFilter filter);
    /// Creates (or updates) every agent of a config file; says in the status bar how it went.
    bool importAgents(const QString &path);
    /// Writes the agents' configs to path as a JSON list in the seed's format.
    bool exportAgents(const QString &path, const QStringList &agentIds);

Q_SIGNALS:
    /// The selection in the fleet table changed.
    void selectedAgentsChanged(const QStringList &agentIds);
    /// A row was double-clicked or activated with Enter.
    void agentActivated(const QString &agentId);
    /// "New agent": the editor should open empty.
    void newAgentRequested();
    /// "New from template": the editor should open with this spec.
    void newAgentFromTemplateRequested(const nightshift::AgentSpec &spec);
    /// "Settings": the settings dialog should open.
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    QWidget *createCentralArea();
    void createStatusBar();
    void createDocks();
    void restoreLayout();
    void saveLayout() const;

    void showTableContextMenu(const QPoint &pos);
    void showHeaderContextMenu(const QPoint &pos);
    /// Fills the window from the engine, once it runs.
    void engineStarted();
    void refreshActions();
    void refreshSidebar();
    void refreshCards();
    void onSelectionChanged();
    void askImport();
    void askExport();
    bool confirmDelete(const QStringList &agentIds);
    void showError(const QString &message);
    void setConnectionText(bool online);

    EngineHost *m_host;
    AgentTableModel *m_model;
    AgentFilterProxy *m_proxy;
    FleetFeed *m_feed;
    AgentActionsDelegate *m_actionsDelegate;
    QTableView *m_table = nullptr;
    QListWidget *m_sidebar = nullptr;
    QLineEdit *m_search = nullptr;
    SummaryCards *m_cards = nullptr;
    EventLogDock *m_eventLog = nullptr;
    AgentDetailsPanel *m_details = nullptr;
    ChartsPanel *m_charts = nullptr;
    QSplitter *m_sideSplitter = nullptr;
    QSplitter *m_detailsSplitter = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_templatesMenu = nullptr;
    QMenu *m_pauseForMenu = nullptr; ///< Timed pauses: for an hour, two, eight, a day.
    QMap<AgentAction, QAction *> m_agentActions;
    QAction *m_newAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_quitAction = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_engineLabel = nullptr;
    bool m_chartsShown = false; ///< The charts dock has been shown at least once.
    QTimer m_refreshActions;    ///< Coalesces many row updates into one look at the selection.
};

} // namespace nightshift
