#pragma once

#include <QMainWindow>

class QLabel;

namespace nightshift {

class AgentTableModel;
class EngineHost;

/// The dashboard's window. For now: the fleet table and the store in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(EngineHost *host, QWidget *parent = nullptr);

    /// Says in the window why the engine could not start.
    void showStartupError(const QString &message);

private:
    AgentTableModel *m_model;
    QLabel *m_storeLabel;
};

} // namespace nightshift
