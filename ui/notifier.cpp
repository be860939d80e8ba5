#include "notifier.h"

#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QSystemTrayIcon>

namespace nightshift {

namespace {

// Long enough to read two lines; the desktop may keep it in its history longer.
constexpr int ShowForMs = 10'000;

QSystemTrayIcon::MessageIcon iconFor(DesktopNotification::Level level)
{
    switch (level) {
    case DesktopNotification::Level::Critical:
        return QSystemTrayIcon::Critical;
    case DesktopNotification::Level::Warning:
        return QSystemTrayIcon::Warning;
    case DesktopNotification::Level::Info:
        break;
    }
    return QSystemTrayIcon::Information;
}

} // namespace

Notifier::Notifier(QSystemTrayIcon *tray, NotificationPolicy::Now now, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
    , m_policy(std::move(now))
{
    qRegisterMetaType<nightshift::DesktopNotification>();
}

void Notifier::watch(EngineHost *host)
{
    connect(host, &EngineHost::runsFinished, this, &Notifier::handleRuns);
    connect(host, &EngineHost::eventsAppended, this, &Notifier::handleEvents);
    // The fleet's states as they are, so that the first news is compared with them.
    const auto seed = [this, host] {
        m_policy.seed(
            host->call([](BackgroundAgentService &service) { return service.listAgents(); }));
    };
    connect(host, &EngineHost::started, this, seed);
    if (host->isStarted())
        seed();
}

void Notifier::setSettings(const NotificationSettings &settings)
{
    m_policy.setSettings(settings);
}

void Notifier::handleRuns(const QList<RunRecord> &runs)
{
    raise(m_policy.takeRuns(runs));
}

void Notifier::handleEvents(const EventList &events)
{
    raise(m_policy.takeEvents(events));
}

void Notifier::raise(const QList<DesktopNotification> &notifications)
{
    for (const DesktopNotification &notification : notifications) {
        if (m_tray && m_tray->isVisible())
            m_tray->showMessage(
                notification.title, notification.body, iconFor(notification.level), ShowForMs);
        Q_EMIT raised(notification);
    }
}

} // namespace nightshift
