#include "mainwindow.h"

#include "agenttablemodel.h"
#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>

namespace nightshift {

MainWindow::MainWindow(EngineHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_model(new AgentTableModel(this))
    , m_storeLabel(new QLabel(this))
{
    setWindowTitle(tr("Nightshift"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(AgentTableModel::SortRole);
    auto *table = new QTableView(this);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->sortByColumn(AgentTableModel::AgentIdColumn, Qt::AscendingOrder);
    table->verticalHeader()->hide();
    setCentralWidget(table);
    statusBar()->addPermanentWidget(m_storeLabel);
    m_storeLabel->setText(tr("Store: %1").arg(host->storeUrl()));
    resize(900, 500);

    connect(host, &EngineHost::agentsUpdated, m_model, &AgentTableModel::applyStatuses);
    if (!host->storeUrl().isEmpty())
        m_model->applyStatuses(
            host->call([](BackgroundAgentService &service) { return service.listAgents(); }));
}

void MainWindow::showStartupError(const QString &message)
{
    statusBar()->showMessage(tr("The engine did not start: %1").arg(message));
}

} // namespace nightshift
