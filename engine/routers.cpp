#include "routers.h"

#include "memorystore.h"
#include "redisstore.h"
#include "sqlitedatabase.h"

#include <QDir>
#include <QStandardPaths>

namespace nightshift {

Result<void> MemoryRouter::saveStatuses(const QList<AgentStatus> &statuses)
{
    for (const AgentStatus &status : statuses) {
        if (const Result<void> saved = saveStatus(status); !saved)
            return saved;
    }
    return {};
}

QString defaultStoreUrl()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QStringLiteral("sqlite:") + QDir(folder).filePath(QStringLiteral("nightshift.db"));
}

Result<Store> openStore(const QString &url, StoreRole role)
{
    const qsizetype colon = url.indexOf(u':');
    if (url.trimmed().isEmpty() || colon <= 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store URL \"%1\" has no scheme: use sqlite:PATH, "
                                        "redis://HOST:PORT/DB or memory:")
                             .arg(url));
    const QString scheme = url.left(colon).toLower();
    if (scheme == u"memory") {
        Store store;
        store.memory = std::make_unique<VolatileMemoryRouter>();
        store.events = std::make_unique<VolatileEventRouter>();
        store.url = QStringLiteral("memory:");
        store.owner = role == StoreRole::Owner;
        return store;
    }
    if (scheme == u"sqlite")
        return openSqliteStore(url.mid(colon + 1), role);
    if (scheme == u"redis" || scheme == u"rediss")
        return openRedisStore(url, role);
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("store URL \"%1\": unknown scheme \"%2\"; use sqlite:PATH, "
                                    "redis://HOST:PORT/DB or memory:")
                         .arg(url.left(colon + 1) + QStringLiteral("..."), scheme));
}

} // namespace nightshift
