#pragma once

#include "agentstatus.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

#include <array>
#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace nightshift {

class EngineHost;

/// The tray icon: the fleet's counts, and what works while the window is hidden (show it,
/// pause or resume every agent, open Settings, quit). Fed by EngineHost::agentsUpdated.
class TrayIcon final : public QObject
{
    Q_OBJECT
public:
    /// How many agents stand in each state that matters at a glance.
    struct Counts
    {
        int running = 0;
        int scheduled = 0;
        int paused = 0;
        int errored = 0;

        bool operator==(const Counts &) const = default;
    };

    /// host must have started (or failed to start: then the menu shows no agents).
    explicit TrayIcon(EngineHost *host, QObject *parent = nullptr);
    ~TrayIcon() override;

    /// Nightshift's icon, drawn rather than loaded so that it needs no image plugin.
    static QIcon appIcon();

    QSystemTrayIcon *trayIcon() { return &m_tray; }
    QMenu *menu() const { return m_menu.get(); }
    Counts counts() const;
    /// Whether a tray exists and the icon is in it, so a hidden window can be found again.
    bool isUsable() const;
    /// Shows the icon in the tray, if the desktop has one.
    void show();
    /// Replaces the question whether the desktop has a tray (QSystemTrayIcon's answer), so
    /// that tests on a display without one can stand in for a desktop with one.
    void setTrayAvailable(std::function<bool()> available);

    /// Makes closing window hide it to the tray while closeToTray() says so and the tray is
    /// usable; otherwise closing it quits. From then on the application quits only that way or
    /// through Quit, so that closing a dialog while the window is hidden does not end it.
    void keepRunningInTray(QWidget *window, std::function<bool()> closeToTray);

public Q_SLOTS:
    /// Takes a batch of changed statuses (EngineHost::agentsUpdated).
    void applyStatuses(const QList<nightshift::AgentStatus> &statuses);
    /// Pauses every started agent; a running run finishes.
    void pauseAll();
    /// Resumes every paused agent on its original phase.
    void resumeAll();

Q_SIGNALS:
    void showWindowRequested();
    void settingsRequested();
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshFromEngine();
    void updateCounts();

    EngineHost *m_host;
    QSystemTrayIcon m_tray;
    std::unique_ptr<QMenu>
        m_menu; ///< A QMenu has no QObject parent here: the tray does not own it.
    QAction *m_runningAction;
    QAction *m_scheduledAction;
    QAction *m_pausedAction;
    QAction *m_erroredAction;
    QHash<QString, AgentState> m_states;
    std::array<int, 6> m_byState{}; ///< How many of m_states are in each state.
    std::optional<Counts> m_shown;  ///< The counts the menu and tooltip show.
    QPointer<QWidget> m_window;
    std::function<bool()> m_closeToTray;
    std::function<bool()> m_trayAvailable = &QSystemTrayIcon::isSystemTrayAvailable;
    bool m_toldAboutTray = false;
};

} // namespace nightshift
