#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace nightshift {

/// One Redis reply as a value, detached from the parser that produced it.
struct RedisReply
{
    enum class Type { Nil, String, Status, Integer, Array, Error };

    Type type = Type::Nil;
    QByteArray string; ///< String, Status and Error.
    qint64 integer = 0;
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }
    bool isNil() const { return type == Type::Nil; }
    /// The error text for messages; empty unless isError().
    QString errorText() const { return isError() ? QString::fromUtf8(string) : QString(); }
    QString text() const { return QString::fromUtf8(string); }
};

} // namespace nightshift
