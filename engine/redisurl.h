#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace nightshift {

/// What a `redis://` or `rediss://` store URL says, checked.
struct RedisUrl
{
    bool tls = false;
    QString user;
    QString password;
    QString host;
    quint16 port = 6379;
    int db = 0;
    QByteArray prefix = "nightshift:";
    qint64 maxEvents = 100'000;     ///< Approximate length each event stream is trimmed to.
    qint64 maxBuffered = 100'000;   ///< Unwritten events kept in memory before spilling to disk.
    qint64 keepRuns = 10'000;       ///< Finished runs kept per agent (besides failed ones).
    qint64 keepFailedRuns = 50'000; ///< Failed, timed-out and interrupted runs kept per agent.
    QString masked;                 ///< The URL as given, with the password replaced by `***`.

    /// `host:port`, for messages.
    QString endpoint() const;
};

/// Parses `redis[s]://[user:password@]host[:port][/db][?OPTIONS]`; the options are prefix,
/// max_events, max_buffered, keep_runs and keep_failed_runs.
Result<RedisUrl> parseRedisUrl(const QString &url);

/// The URL with any password replaced by `***`, even when it does not parse.
QString maskRedisUrl(const QString &url);

} // namespace nightshift
