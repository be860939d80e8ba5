#include "routers.h"

#include "memorystore.h"

namespace nightshift {

Result<Store> openStore(const QString &url)
{
    const QString scheme = url.section(u':', 0, 0).toLower();
    if (url.trimmed().isEmpty() || !url.contains(u':'))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store URL \"%1\" has no scheme: use memory:").arg(url));
    if (scheme == u"memory") {
        Store store;
        store.memory = std::make_unique<VolatileMemoryRouter>();
        store.events = std::make_unique<VolatileEventRouter>();
        store.url = QStringLiteral("memory:");
        return store;
    }
    if (scheme == u"sqlite" || scheme == u"redis" || scheme == u"rediss")
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("store \"%1\": the %2 backend is not in this build yet; "
                                        "use memory:")
                             .arg(url, scheme));
    return makeError(
        ErrorCode::InvalidArgument,
        QStringLiteral("store URL \"%1\": unknown scheme \"%2\"; use memory:").arg(url, scheme));
}

} // namespace nightshift
