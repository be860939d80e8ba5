#pragma once

#include <QByteArray>
#include <QString>

namespace nightshift {

/// The names of a store's keys. Everything of one agent carries the hash tag `{agent_id}`, so
/// a Redis Cluster keeps it in one slot and a script may touch it all.
class RedisKeys
{
public:
    explicit RedisKeys(QByteArray prefix)
        : m_prefix(std::move(prefix))
    {}

    QByteArray spec(const QString &agentId) const { return agentKey(agentId, "spec"); }
    QByteArray status(const QString &agentId) const { return agentKey(agentId, "status"); }
    QByteArray runs(const QString &agentId) const { return agentKey(agentId, "runs"); }
    QByteArray runOrder(const QString &agentId) const { return agentKey(agentId, "run_order"); }
    QByteArray runCounter(const QString &agentId) const { return agentKey(agentId, "run_counter"); }
    /// Finished runs by class, in run order, for retention: failed ones are kept longer.
    QByteArray finishedRuns(const QString &agentId) const
    {
        return agentKey(agentId, "finished_runs");
    }
    QByteArray failedRuns(const QString &agentId) const { return agentKey(agentId, "failed_runs"); }
    QByteArray events(const QString &agentId) const { return agentKey(agentId, "events"); }

    QByteArray agents() const { return m_prefix + "agents"; }
    QByteArray due() const { return m_prefix + "due"; }
    QByteArray unfinishedRuns() const { return m_prefix + "unfinished_runs"; }
    QByteArray eventAgents() const { return m_prefix + "event_agents"; }
    QByteArray fleetEvents() const { return m_prefix + "events"; }
    QByteArray owner() const { return m_prefix + "owner"; }
    QByteArray session(const QString &sessionId) const
    {
        return m_prefix + "session:" + sessionId.toUtf8();
    }
    QByteArray commandCounter() const { return m_prefix + "command_counter"; }
    QByteArray pendingCommands() const { return m_prefix + "pending_commands"; }
    QByteArray command(qint64 id) const { return m_prefix + "command:" + QByteArray::number(id); }

private:
    QByteArray agentKey(const QString &agentId, const char *what) const
    {
        return m_prefix + '{' + agentId.toUtf8() + "}:" + what;
    }

    QByteArray m_prefix;
};

} // namespace nightshift
