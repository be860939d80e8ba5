#pragma once

#include "routers.h"

namespace nightshift {

/// Opens `redis://[user:password@]host:port/db` or `rediss://` (TLS) as a Store.
Result<Store> openRedisStore(const QString &url, StoreRole role);

} // namespace nightshift
