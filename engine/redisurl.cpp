#include "redisurl.h"

#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace nightshift {

QString RedisUrl::endpoint() const
{
    return host + u':' + QString::number(port);
}

QString maskRedisUrl(const QString &url)
{
    const qsizetype authority = url.indexOf(QStringLiteral("://"));
    if (authority < 0)
        return url;
    const qsizetype start = authority + 3;
    // The last '@' anywhere ends the user info: a password holding an unencoded '@', '/' or
    // '?' must not leak its tail. An '@' in the query only masks too much, which is safe.
    const qsizetype at = url.lastIndexOf(u'@');
    if (at < start)
        return url;
    const qsizetype colon = url.indexOf(u':', start);
    if (colon < 0 || colon > at)
        return url;
    return url.left(colon + 1) + QStringLiteral("***") + url.mid(at);
}

namespace {

Error urlError(const QString &masked, const QString &problem)
{
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("store URL \"%1\": %2; write it as "
                                    "redis://[user:password@]host:port/db or rediss://...")
                         .arg(masked, problem));
}

std::optional<qint64> positiveNumber(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

qint64 *numericOption(RedisUrl &url, const QString &key)
{
    if (key == u"max_events")
        return &url.maxEvents;
    if (key == u"max_buffered")
        return &url.maxBuffered;
    if (key == u"keep_runs")
        return &url.keepRuns;
    if (key == u"keep_failed_runs")
        return &url.keepFailedRuns;
    return nullptr;
}

} // namespace

Result<RedisUrl> parseRedisUrl(const QString &url)
{
    RedisUrl result;
    result.masked = maskRedisUrl(url);
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return urlError(result.masked, QStringLiteral("it is not a valid URL"));
    const QString scheme = parsed.scheme().toLower();
    if (scheme != u"redis" && scheme != u"rediss")
        return urlError(
            result.masked,
            QStringLiteral("unknown scheme \"%1\", expected redis or rediss").arg(parsed.scheme()));
    result.tls = scheme == u"rediss";
    result.host = parsed.host();
    if (result.host.isEmpty())
        return urlError(result.masked, QStringLiteral("it names no host"));
    const int port = parsed.port(6379);
    if (port <= 0 || port > 65535)
        return urlError(result.masked, QStringLiteral("port %1 is out of range").arg(port));
    result.port = quint16(port);

    result.user = parsed.userName(QUrl::FullyDecoded);
    result.password = parsed.password(QUrl::FullyDecoded);
    if (result.password.isEmpty())
        result.masked = url;
    if (parsed.userInfo().contains(u':') && result.password.isEmpty())
        return urlError(result.masked, QStringLiteral("the password after ':' is empty"));
    if (!result.user.isEmpty() && result.password.isEmpty())
        return urlError(
            result.masked,
            QStringLiteral("user \"%1\" has no password; add :PASSWORD after it").arg(result.user));

    QString path = parsed.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        result.db = path.toInt(&ok);
        if (!ok || result.db < 0 || path.startsWith(u'+'))
            return urlError(result.masked,
                            QStringLiteral("database \"%1\" is not a number from 0 up").arg(path));
    }

    const QUrlQuery query(parsed);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"prefix") {
            if (value.isEmpty() || value.contains(u'{') || value.contains(u'}'))
                return urlError(result.masked,
                                QStringLiteral("prefix must be non-empty and hold no braces"));
            result.prefix = value.toUtf8();
        } else if (qint64 *target = numericOption(result, key)) {
            const std::optional<qint64> number = positiveNumber(value);
            if (!number)
                return urlError(result.masked,
                                QStringLiteral("%1 must be a positive number").arg(key));
            *target = *number;
        } else {
            return urlError(result.masked,
                            QStringLiteral("unknown option \"%1\"; use prefix, max_events, "
                                           "max_buffered, keep_runs or keep_failed_runs")
                                .arg(key));
        }
    }
    return result;
}

} // namespace nightshift
