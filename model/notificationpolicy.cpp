#include "notificationpolicy.h"

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

bool isFailure(RunState state)
{
    return state == RunState::Failed || state == RunState::TimedOut
           || state == RunState::Interrupted;
}

DesktopNotification::Level levelFromName(const std::string &name)
{
    if (name == "critical")
        return DesktopNotification::Level::Critical;
    if (name == "warning")
        return DesktopNotification::Level::Warning;
    return DesktopNotification::Level::Info;
}

QString stringField(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                 : QString();
}

} // namespace

bool NotificationSettings::isQuietAt(QTime time) const
{
    if (!quietHours || quietFrom == quietUntil)
        return false;
    if (quietFrom < quietUntil)
        return time >= quietFrom && time < quietUntil;
    return time >= quietFrom || time < quietUntil;
}

NotificationPolicy::NotificationPolicy(Now now)
    : m_now(std::move(now))
{}

void NotificationPolicy::seed(const QList<AgentStatus> &statuses)
{
    for (const AgentStatus &status : statuses)
        m_failuresInRow.insert(status.agentId, status.consecutiveFailures);
}

QList<DesktopNotification> NotificationPolicy::takeRuns(const QList<RunRecord> &runs)
{
    QList<DesktopNotification> raised;
    for (const RunRecord &run : runs) {
        DesktopNotification notification;
        notification.agentId = run.agentId;
        if (isFailure(run.state)) {
            ++m_failuresInRow[run.agentId];
            if (!m_settings.onFailure)
                continue;
            notification.kind = DesktopNotification::Kind::RunFailed;
            notification.level = DesktopNotification::Level::Warning;
            if (run.state == RunState::TimedOut)
                notification.title = tr("%1: run timed out").arg(run.agentId);
            else if (run.state == RunState::Interrupted)
                notification.title = tr("%1: run interrupted").arg(run.agentId);
            else
                notification.title = tr("%1: run failed").arg(run.agentId);
            notification.body = run.error;
        } else if (run.state == RunState::Completed) {
            const int failures = m_failuresInRow.take(run.agentId);
            if (failures == 0 || !m_settings.onRecovery)
                continue;
            notification.kind = DesktopNotification::Kind::Recovered;
            notification.title = tr("%1 recovered").arg(run.agentId);
            notification.body = tr("A run completed after %n failed run(s).", nullptr, failures);
        } else {
            continue;
        }
        if (admit(notification))
            raised.append(notification);
    }
    return raised;
}

QList<DesktopNotification> NotificationPolicy::takeEvents(const EventList &events)
{
    QList<DesktopNotification> raised;
    for (const Event &event : events) {
        if (!event.payload.is_object())
            continue;
        if (event.type == QLatin1String(EventType::AutoPaused) && m_settings.onFailure) {
            DesktopNotification notification;
            notification.kind = DesktopNotification::Kind::AutoPaused;
            notification.agentId = event.agentId;
            notification.level = DesktopNotification::Level::Critical;
            notification.title = tr("%1 paused after %n failure(s) in a row",
                                    nullptr,
                                    event.payload.value("failures", 0))
                                     .arg(event.agentId);
            notification.body = tr("Last error: %1").arg(stringField(event.payload, "last_error"));
            if (admit(notification))
                raised.append(notification);
            continue;
        }
        if (event.type != QLatin1String(EventType::Notification) || !m_settings.onNotify)
            continue;
        DesktopNotification notification;
        notification.kind = DesktopNotification::Kind::AgentNotice;
        notification.agentId = event.agentId;
        notification.title = tr("%1: %2").arg(event.agentId, stringField(event.payload, "title"));
        notification.body = stringField(event.payload, "body");
        notification.level = levelFromName(event.payload.value("level", std::string()));
        if (admit(notification))
            raised.append(notification);
    }
    return raised;
}

bool NotificationPolicy::admit(const DesktopNotification &notification)
{
    const QDateTime now = m_now();
    // Held back, not postponed: a flood of old news after quiet hours would help no one.
    if (m_settings.isQuietAt(now.time()))
        return false;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Forgetting what is past the window keeps the table as small as the last minute's news.
    m_lastRaisedMs.removeIf(
        [nowMs](const auto &entry) { return nowMs - entry.value() >= DedupeWindowMs; });
    const QString key = notification.agentId + u'\n' + QString::number(int(notification.kind))
                        + u'\n' + notification.title + u'\n' + notification.body;
    if (m_lastRaisedMs.contains(key))
        return false;
    m_lastRaisedMs.insert(key, nowMs);
    return true;
}

} // namespace nightshift
