#pragma once

#include "rediskeys.h"
#include "routers.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <list>
#include <memory>

namespace nightshift {

class RedisConnection;
class RedisOwnerLease;
struct RedisReply;

/// `redis://` MemoryRouter: specs and status in hashes, due times in a sorted set, runs in a
/// hash per agent with their order in a sorted set. Each call is a blocking round trip bounded
/// by the connection's timeout. While Redis is away, status, run and session writes are kept in
/// memory (the newest of each) and written in order when it is back, so runs go on; every other
/// call fails at once with Unavailable.
class RedisMemoryRouter final : public MemoryRouter
{
public:
    /// lease, when set, is this owner's and lives as long as the router. retention bounds the
    /// finished runs kept per agent (failed ones separately); open runs are always kept.
    RedisMemoryRouter(std::shared_ptr<RedisConnection> connection,
                      std::unique_ptr<RedisOwnerLease> lease,
                      RetentionPolicy retention = {});
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
    /// How many status, run and session writes wait for Redis to come back.
    qsizetype deferredCount() const { return qsizetype(m_deferred.size()); }

private:
    struct DeferredWrite
    {
        QByteArray key;
        std::function<Result<void>()> write;
    };

    Result<QList<RedisReply>> run(const QList<QList<QByteArray>> &commands, const QString &what);
    Result<void> writeStatus(const AgentStatus &status);
    Result<void> writeRun(const RunRecord &run);
    /// Writes now, or keeps the write (replacing an older one with the same key) while Redis is
    /// away or earlier writes still wait.
    Result<void> writeOrDefer(QByteArray key, std::function<Result<void>()> write);
    void writeDeferred();
    static bool isOutage(const Error &error);
    Result<QList<RunRecord>> runsById(const QString &agentId, const QList<QByteArray> &runIds);

    std::shared_ptr<RedisConnection> m_connection;
    std::unique_ptr<RedisOwnerLease> m_lease;
    RedisKeys m_keys;
    RetentionPolicy m_retention;
    std::list<DeferredWrite> m_deferred;
    QHash<QByteArray, std::list<DeferredWrite>::iterator> m_deferredByKey;
    QObject m_context; ///< Receives the connection's signals; last, so it goes first.
};

} // namespace nightshift
