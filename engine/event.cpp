#include "event.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

namespace nightshift {

QString isoTimestamp(qint64 msSinceEpoch)
{
    // Qt::ISODateWithMs writes "+00:00" for a QTimeZone UTC; the events promise a "Z".
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

nlohmann::json Event::toJson() const
{
    return {
        {"seq", seq},
        {"agent_id", agentId.toStdString()},
        {"run_id", runId.toStdString()},
        {"type", type.toStdString()},
        {"timestamp", isoTimestamp(timestampMs).toStdString()},
        {"payload", payload},
    };
}

namespace {

// The few payload fields that tell a person what happened, in the order they read best.
QString gist(const nlohmann::json &payload)
{
    static const char *const keys[] = {"state",
                                       "origin",
                                       "occurrence",
                                       "tool",
                                       "reason",
                                       "error",
                                       "level",
                                       "title",
                                       "body",
                                       "attempt",
                                       "delay_ms",
                                       "duration_ms",
                                       "result"};
    QStringList parts;
    for (const char *key : keys) {
        const auto it = payload.find(key);
        if (it == payload.end() || it->is_null())
            continue;
        QString value = it->is_string() ? QString::fromStdString(it->get<std::string>())
                                        : QString::fromStdString(it->dump());
        if (value.size() > 120)
            value = value.left(117) + QStringLiteral("...");
        parts.append(QString::fromLatin1(key) + u'=' + value);
    }
    return parts.join(u' ');
}

} // namespace

QString Event::summary() const
{
    return gist(payload);
}

QString Event::toText() const
{
    QString line = isoTimestamp(timestampMs) + u' ' + agentId + u' ' + type;
    if (!runId.isEmpty())
        line += QStringLiteral(" [") + runId + u']';
    const QString details = summary();
    if (!details.isEmpty())
        line += u' ' + details;
    return line;
}

nlohmann::json withoutUrlPasswords(const nlohmann::json &value)
{
    // scheme://user:password@ — the password runs to the last '@' before the host's path.
    static const QRegularExpression credentials(
        QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*:)[^/\\s]*@"));
    if (value.is_string()) {
        QString text = QString::fromStdString(value.get<std::string>());
        if (!text.contains(u'@'))
            return value;
        text.replace(credentials, QStringLiteral("\\1***@"));
        return text.toStdString();
    }
    if (value.is_array() || value.is_object()) {
        nlohmann::json copy = value;
        for (auto &item : copy)
            item = withoutUrlPasswords(item);
        return copy;
    }
    return value;
}

} // namespace nightshift
