#include "trayicon.h"

#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QWidget>

namespace nightshift {

TrayIcon::TrayIcon(EngineHost *host, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_menu(std::make_unique<QMenu>())
{
    m_tray.setIcon(appIcon());
    m_runningAction = m_menu->addAction(QString());
    m_scheduledAction = m_menu->addAction(QString());
    m_pausedAction = m_menu->addAction(QString());
    m_erroredAction = m_menu->addAction(QString());
    for (QAction *count : {m_runningAction, m_scheduledAction, m_pausedAction, m_erroredAction})
        count->setEnabled(false);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Show window")),
            &QAction::triggered,
            this,
            &TrayIcon::showWindowRequested);
    connect(m_menu->addAction(tr("Pause all")), &QAction::triggered, this, &TrayIcon::pauseAll);
    connect(m_menu->addAction(tr("Resume all")), &QAction::triggered, this, &TrayIcon::resumeAll);
    connect(m_menu->addAction(tr("Settings…")),
            &QAction::triggered,
            this,
            &TrayIcon::settingsRequested);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Quit")), &QAction::triggered, this, &TrayIcon::quitRequested);
    m_tray.setContextMenu(m_menu.get());
    // Statuses arrive only for agents that changed; a deleted agent sends none, so the menu
    // asks the engine for the whole fleet whenever it opens.
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::refreshFromEngine);
    connect(
        &m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
            if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
                Q_EMIT showWindowRequested();
        });
    connect(host, &EngineHost::started, this, &TrayIcon::refreshFromEngine);
    refreshFromEngine();
}

TrayIcon::~TrayIcon()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

QIcon TrayIcon::appIcon()
{
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF disc(size * 0.08, size * 0.08, size * 0.84, size * 0.84);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x1f, 0x2a, 0x44));
        painter.drawEllipse(disc);
        // A crescent: a moon disc with an offset disc taken out of it.
        QPainterPath moon;
        moon.addEllipse(disc.adjusted(size * 0.16, size * 0.16, -size * 0.16, -size * 0.16));
        QPainterPath shadow;
        shadow.addEllipse(disc.adjusted(size * 0.30, size * 0.08, -size * 0.02, -size * 0.24));
        painter.setBrush(QColor(0xf5, 0xd0, 0x6f));
        painter.drawPath(moon.subtracted(shadow));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

TrayIcon::Counts TrayIcon::counts() const
{
    const auto of = [this](AgentState state) {
        return m_byState.at(std::size_t(state));
    };
    return {of(AgentState::Running),
            of(AgentState::Scheduled),
            of(AgentState::Paused),
            of(AgentState::Error)};
}

bool TrayIcon::isUsable() const
{
    return m_trayAvailable() && m_tray.isVisible();
}

void TrayIcon::setTrayAvailable(std::function<bool()> available)
{
    m_trayAvailable = std::move(available);
}

void TrayIcon::show()
{
    if (m_trayAvailable())
        m_tray.show();
}

void TrayIcon::keepRunningInTray(QWidget *window, std::function<bool()> closeToTray)
{
    if (m_window)
        m_window->removeEventFilter(this);
    m_window = window;
    m_closeToTray = std::move(closeToTray);
    QGuiApplication::setQuitOnLastWindowClosed(false);
    window->installEventFilter(this);
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window || event->type() != QEvent::Close)
        return QObject::eventFilter(watched, event);
    if (isUsable() && m_closeToTray && m_closeToTray()) {
        m_window->hide();
        event->ignore();
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray.showMessage(tr("Nightshift is still running"),
                               tr("Your agents keep running. Quit from this icon's menu, or turn "
                                  "this off in Settings → General."),
                               QSystemTrayIcon::Information,
                               8000);
        }
        return true;
    }
    // The window may still refuse to close; quit only once it has gone.
    QTimer::singleShot(0, this, [this] {
        if (m_window && !m_window->isVisible())
            QCoreApplication::quit();
    });
    return QObject::eventFilter(watched, event);
}

void TrayIcon::applyStatuses(const QList<AgentStatus> &statuses)
{
    // Counted as they change: a batch names a fraction of a fleet of thousands.
    for (const AgentStatus &status : statuses) {
        const auto known = m_states.find(status.agentId);
        if (known == m_states.end()) {
            m_states.insert(status.agentId, status.state);
        } else {
            --m_byState.at(std::size_t(*known));
            *known = status.state;
        }
        ++m_byState.at(std::size_t(status.state));
    }
    updateCounts();
}

void TrayIcon::pauseAll()
{
    if (!m_host->isStarted())
        return;
    const QString reason = tr("paused from the tray");
    const QList<AgentStatus> changed = m_host->call([reason](BackgroundAgentService &service) {
        QList<AgentStatus> statuses;
        for (const AgentStatus &status : service.listAgents()) {
            if (status.desired != DesiredState::Started)
                continue;
            if (const Result<AgentStatus> paused = service.pauseAgent(status.agentId, reason))
                statuses.append(*paused);
        }
        return statuses;
    });
    applyStatuses(changed);
}

void TrayIcon::resumeAll()
{
    if (!m_host->isStarted())
        return;
    const QList<AgentStatus> changed = m_host->call([](BackgroundAgentService &service) {
        QList<AgentStatus> statuses;
        for (const AgentStatus &status : service.listAgents()) {
            if (status.desired != DesiredState::Paused)
                continue;
            if (const Result<AgentStatus> resumed = service.resumeAgent(status.agentId))
                statuses.append(*resumed);
        }
        return statuses;
    });
    applyStatuses(changed);
}

void TrayIcon::refreshFromEngine()
{
    // An engine that did not start has no fleet to ask about.
    if (!m_host->isStarted()) {
        updateCounts();
        return;
    }
    const QList<AgentStatus> statuses
        = m_host->call([](BackgroundAgentService &service) { return service.listAgents(); });
    m_states.clear();
    m_byState.fill(0);
    applyStatuses(statuses);
}

void TrayIcon::updateCounts()
{
    const Counts now = counts();
    // Only a change is worth telling the tray, which may pass it on to the desktop.
    if (m_shown && now == *m_shown)
        return;
    m_shown = now;
    m_runningAction->setText(tr("Running: %1").arg(now.running));
    m_scheduledAction->setText(tr("Scheduled: %1").arg(now.scheduled));
    m_pausedAction->setText(tr("Paused: %1").arg(now.paused));
    m_erroredAction->setText(tr("Errored: %1").arg(now.errored));
    m_tray.setToolTip(tr("Nightshift: %1 running, %2 scheduled, %3 paused, %4 errored")
                          .arg(now.running)
                          .arg(now.scheduled)
                          .arg(now.paused)
                          .arg(now.errored));
}

} // namespace nightshift
