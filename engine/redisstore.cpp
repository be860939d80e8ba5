#include "redisstore.h"

#include "redisconnection.h"
#include "rediseventrouter.h"
#include "rediskeys.h"
#include "redismemoryrouter.h"
#include "redisownerlease.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace nightshift {

namespace {

// One file per store, so two stores never mix their unwritten events. Only the owner takes up
// what an earlier process left; a client's file is its own.
QString spillPath(const RedisUrl &url, StoreRole role)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    QString name = QStringLiteral("redis-%1-%2-%3-%4")
                       .arg(url.host)
                       .arg(url.port)
                       .arg(url.db)
                       .arg(QString::fromUtf8(url.prefix));
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (role == StoreRole::Client)
        name += QStringLiteral("-client-%1").arg(QCoreApplication::applicationPid());
    return QDir(folder).filePath(name + QStringLiteral(".spill"));
}

} // namespace

Result<Store> openRedisStore(const QString &url, StoreRole role)
{
    const Result<RedisUrl> parsed = parseRedisUrl(url);
    if (!parsed)
        return parsed.error();
    auto connection = std::make_shared<RedisConnection>(*parsed);
    if (const Result<void> opened = connection->open(); !opened)
        return opened.error();

    std::unique_ptr<RedisOwnerLease> lease;
    if (role == StoreRole::Owner) {
        lease = std::make_unique<RedisOwnerLease>(connection, RedisKeys(parsed->prefix).owner());
        if (const Result<void> taken = lease->acquire(); !taken)
            return taken.error();
    }
    auto events = std::make_unique<RedisEventRouter>(
        connection, spillPath(*parsed, role), role == StoreRole::Client);
    if (const Result<void> opened = events->open(); !opened)
        return opened.error();

    Store store;
    store.memory = std::make_unique<RedisMemoryRouter>(
        connection,
        std::move(lease),
        RetentionPolicy{parsed->keepRuns, parsed->keepFailedRuns, parsed->maxEvents});
    store.events = std::move(events);
    store.url = parsed->masked;
    store.owner = role == StoreRole::Owner;
    return store;
}

RedisConnection *redisConnection(const Store &store)
{
    const auto *events = dynamic_cast<const RedisEventRouter *>(store.events.get());
    return events ? events->connection() : nullptr;
}

bool isStoreOnline(const Store &store)
{
    const RedisConnection *connection = redisConnection(store);
    return !connection || connection->isOnline();
}

RedisOwnerLease *redisOwnerLease(const Store &store)
{
    const auto *memory = dynamic_cast<const RedisMemoryRouter *>(store.memory.get());
    return memory ? memory->lease() : nullptr;
}

} // namespace nightshift
