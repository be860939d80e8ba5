#pragma once

#include "redispendingwrite.h"
#include "result.h"

#include <QList>
#include <QString>

#include <deque>

namespace nightshift {

/// A local file of event writes, oldest first, for when Redis stays away longer than memory
/// allows: a queue on disk, read from the front, deleted once empty.
class RedisSpillFile
{
public:
    explicit RedisSpillFile(QString path);

    const QString &path() const { return m_path; }
    /// How many writes wait in the file.
    qint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }

    /// Takes up what an earlier process left in the file; returns those writes.
    Result<QList<RedisPendingWrite>> load();
    /// Adds writes at the back.
    Result<void> append(const std::deque<RedisPendingWrite> &writes);
    /// Removes and returns up to max writes from the front.
    QList<RedisPendingWrite> takeFront(qsizetype max);
    /// Rewrites the file as front, what it still holds, back: everything for the next process.
    Result<void> preserve(const std::deque<RedisPendingWrite> &front,
                          const std::deque<RedisPendingWrite> &back);

private:
    QString m_path;
    qint64 m_readOffset = 0;
    qint64 m_count = 0;
};

} // namespace nightshift
