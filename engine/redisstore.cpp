#include "redisstore.h"

namespace nightshift {

Result<Store> openRedisStore(const QString &url, StoreRole)
{
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("store \"%1\": the Redis backend is not in this build yet; "
                                    "use sqlite: or memory:")
                         .arg(url));
}

} // namespace nightshift
