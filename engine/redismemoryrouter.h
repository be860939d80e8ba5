#pragma once

#include "rediskeys.h"
#include "routers.h"

#include <memory>

namespace nightshift {

class RedisConnection;
class RedisOwnerLease;
struct RedisReply;

/// `redis://` MemoryRouter: specs and status in hashes, due times in a sorted set, runs in a
/// hash per agent with their order in a sorted set. Each call is a blocking round trip bounded
/// by the connection's timeout; while Redis is away calls fail at once with Unavailable.
class RedisMemoryRouter final : public MemoryRouter
{
public:
    /// lease, when set, is this owner's and lives as long as the router.
    RedisMemoryRouter(std::shared_ptr<RedisConnection> connection,
                      std::unique_ptr<RedisOwnerLease> lease);
    ~RedisMemoryRouter() override;

    Result<void> saveSpec(const AgentSpec &spec) override;
    Result<void> saveStatus(const AgentStatus &status) override;
    Result<void> removeAgent(const QString &agentId) override;
    Result<QList<StoredAgent>> loadAgents() override;
    Result<void> saveRun(const RunRecord &run) override;
    Result<QList<RunRecord>> listRuns(const QString &agentId, int limit) override;
    Result<QList<RunRecord>> listUnfinishedRuns() override;
    Result<nlohmann::json> loadSession(const QString &sessionId) override;
    Result<void> saveSession(const QString &sessionId, const nlohmann::json &messages) override;
    Result<qint64> submitCommand(const StoreCommand &command) override;
    Result<QList<StoreCommand>> pendingCommands() override;
    Result<void> answerCommand(qint64 id, const nlohmann::json &answer) override;
    Result<nlohmann::json> commandAnswer(qint64 id) override;

    RedisConnection *connection() const { return m_connection.get(); }
    /// The owner's lease, nullptr for a client.
    RedisOwnerLease *lease() const { return m_lease.get(); }

private:
    Result<QList<RedisReply>> run(const QList<QList<QByteArray>> &commands, const QString &what);
    Result<QList<RunRecord>> runsById(const QString &agentId, const QList<QByteArray> &runIds);

    std::shared_ptr<RedisConnection> m_connection;
    std::unique_ptr<RedisOwnerLease> m_lease;
    RedisKeys m_keys;
};

} // namespace nightshift
