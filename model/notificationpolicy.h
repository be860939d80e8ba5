#pragma once

#include "agentstatus.h"
#include "event.h"
#include "run.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QTime>

#include <functional>

namespace nightshift {

/// Which desktop notifications the user wants, and when none at all.
struct NotificationSettings
{
    bool onFailure = true;  ///< A run failed, timed out or was interrupted.
    bool onRecovery = true; ///< A run completed after failed ones.
    bool onNotify = true;   ///< An agent called the `notify` tool.
    bool quietHours = false;
    QTime quietFrom = QTime(22, 0);
    QTime quietUntil = QTime(7, 0);

    /// Whether quiet hours are on and time falls in them; they may span midnight.
    bool isQuietAt(QTime time) const;

    bool operator==(const NotificationSettings &) const = default;
};

/// One desktop notification to raise.
struct DesktopNotification
{
    enum class Kind { RunFailed, Recovered, AgentNotice, AutoPaused };
    enum class Level { Info, Warning, Critical };

    Kind kind = Kind::AgentNotice;
    Level level = Level::Info;
    QString agentId;
    QString title;
    QString body;

    bool operator==(const DesktopNotification &) const = default;
};

/// Decides which desktop notifications the engine's news calls for: a failed run, the first
/// completed run after failed ones, and a `notify` tool call; never the same one (agent, kind
/// and text) twice within DedupeWindowMs, nothing during quiet hours, nothing switched off.
class NotificationPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(nightshift::NotificationPolicy)
public:
    /// The local time now; tests give a clock of their own.
    using Now = std::function<QDateTime()>;

    /// How long the same notification stays quiet after it was raised.
    static constexpr qint64 DedupeWindowMs = 60'000;

    explicit NotificationPolicy(Now now = &QDateTime::currentDateTime);

    void setSettings(const NotificationSettings &settings) { m_settings = settings; }
    const NotificationSettings &settings() const { return m_settings; }

    /// Takes the fleet as it stands, so that a recovery after failures from before this
    /// process started is noticed.
    void seed(const QList<AgentStatus> &statuses);
    /// The notifications a batch of finished runs calls for.
    QList<DesktopNotification> takeRuns(const QList<RunRecord> &runs);
    /// The notifications a batch of events calls for (the `notification` events).
    QList<DesktopNotification> takeEvents(const EventList &events);

private:
    bool admit(const DesktopNotification &notification);

    Now m_now;
    NotificationSettings m_settings;
    QHash<QString, int> m_failuresInRow;   ///< By agent id: failed runs since the last success.
    QHash<QString, qint64> m_lastRaisedMs; ///< By notification key: when it was last raised.
};

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::DesktopNotification)
