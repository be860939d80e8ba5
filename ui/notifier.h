#pragma once

#include "notificationpolicy.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace nightshift {

class EngineHost;

/// Raises desktop notifications through the tray icon for the engine's news that
/// NotificationPolicy lets through: a failed run, a recovery after failures, a `notify` call.
class Notifier final : public QObject
{
    Q_OBJECT
public:
    /// tray shows the notifications (none when it is null or not in a tray); now is the local
    /// clock, which tests replace.
    explicit Notifier(QSystemTrayIcon *tray,
                      NotificationPolicy::Now now = &QDateTime::currentDateTime,
                      QObject *parent = nullptr);

    /// Follows host's runs and events, starting from its fleet as it stands.
    void watch(EngineHost *host);
    /// The switches and quiet hours from Settings → Notifications.
    void setSettings(const NotificationSettings &settings);
    const NotificationPolicy &policy() const { return m_policy; }

public Q_SLOTS:
    /// Takes a batch of finished runs (EngineHost::runsFinished).
    void handleRuns(const QList<nightshift::RunRecord> &runs);
    /// Takes a batch of events (EngineHost::eventsAppended).
    void handleEvents(const nightshift::EventList &events);

Q_SIGNALS:
    /// A notification was raised, whether or not a tray could show it.
    void raised(const nightshift::DesktopNotification &notification);

private:
    void raise(const QList<DesktopNotification> &notifications);

    QPointer<QSystemTrayIcon> m_tray;
    NotificationPolicy m_policy;
};

} // namespace nightshift
