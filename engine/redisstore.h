#pragma once

#include "routers.h"

namespace nightshift {

class RedisConnection;
class RedisOwnerLease;

/// Opens `redis://[user:password@]host:port/db` or `rediss://` (TLS) as a Store. Options:
/// `?prefix=` (default `nightshift:`), `?max_events=` (stream length, default 100000),
/// `?max_buffered=` (events kept in memory while Redis is away, default 100000).
Result<Store> openRedisStore(const QString &url, StoreRole role);

/// The connection behind a Redis store, whose onlineChanged() tells when it goes away and
/// comes back; nullptr for other backends.
RedisConnection *redisConnection(const Store &store);

/// Whether the store reaches its backend now: false only for a Redis store that is offline.
bool isStoreOnline(const Store &store);

/// The lease of a Redis store opened as owner, whose lost() says another process took over;
/// nullptr otherwise.
RedisOwnerLease *redisOwnerLease(const Store &store);

} // namespace nightshift
