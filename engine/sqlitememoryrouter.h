#pragma once

#include "routers.h"

#include <QHash>

#include <memory>

namespace nightshift {

class SqliteDatabase;

/// `sqlite:` MemoryRouter. Every call is one statement or one transaction, committed before it
/// returns, so a saved spec, pause or run survives a crash the moment it is reported.
class SqliteMemoryRouter final : public MemoryRouter
{
public:
    SqliteMemoryRouter(std::shared_ptr<SqliteDatabase> database, RetentionPolicy retention = {});

    Result<void> saveSpec(const AgentSpec &spec) override;
    Result<void> saveStatus(const AgentStatus &status) override;
    Result<void> saveStatuses(const QList<AgentStatus> &statuses) override;
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

private:
    Result<QList<RunRecord>> selectRuns(const QString &where,
                                        const QVariantList &values,
                                        const QString &tail);

    void pruneRuns(const QString &agentId);

    std::shared_ptr<SqliteDatabase> m_database;
    RetentionPolicy m_retention;
    QHash<QString, qint64> m_finishedSinceCleanup;
};

} // namespace nightshift
