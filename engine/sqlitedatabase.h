#pragma once

#include "result.h"
#include "routers.h"

#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <memory>
#include <unordered_map>

namespace nightshift {

/// One Nightshift SQLite file, opened on the thread that uses it: the connection with its
/// pragmas, the schema brought up to date, and (for the owner) the lock that lets one process
/// run the scheduler on it.
class SqliteDatabase final
{
public:
    /// The schema this build writes; older files are migrated forward at open.
    static constexpr int SchemaVersion = 3;
    /// The statements that bring the schema from fromVersion to fromVersion + 1.
    static QStringList migrationStatements(int fromVersion);

    static Result<std::shared_ptr<SqliteDatabase>> open(const QString &path,
                                                        StoreRole role,
                                                        qint64 maxSizeBytes = 0);
    ~SqliteDatabase();

    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    const QString &path() const { return m_path; }
    /// A prepared query on this connection, reused by the caller.
    QSqlQuery prepare(const QString &sql) const;
    /// A prepared statement kept for the connection's lifetime, for writes that run often. Not
    /// for SELECTs: a statement left unfinished would hold its read snapshot open.
    QSqlQuery &cached(const QString &sql);
    /// Text for a NOT NULL column: Qt binds a null QString as SQL NULL, an empty one as ''.
    static QVariant text(const QString &value)
    {
        return value.isNull() ? QStringLiteral("") : value;
    }
    /// An error that names the file, says what SQLite said and what to do. Any thread.
    Error failure(const QString &what, const QSqlQuery &query) const;
    /// Opens another connection to the file on the calling thread, set up as the main one
    /// (sync mode, size cap, checkpoints); returns its connection name. Any thread.
    Result<QString> openSibling() const;
    /// Closes a connection openSibling() opened, on the thread that opened it.
    static void closeSibling(const QString &name);

private:
    SqliteDatabase(QString path, QString connectionName, std::unique_ptr<QLockFile> lock);
    Result<void> checkOwnership() const;
    /// Applies the per-connection settings every connection of this file shares.
    Result<void> configure(const QSqlDatabase &db) const;
    Result<void> migrate();
    void startCheckpoints();

    QString m_path;
    QString m_connectionName;
    std::unique_ptr<QLockFile> m_lock;
    qint64 m_maxPageCount = 0;
    bool m_owner = false;
    std::unique_ptr<QThread> m_checkpointThread;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

/// Opens `sqlite:PATH[?options]` as a Store; location is what follows `sqlite:`.
Result<Store> openSqliteStore(const QString &location, StoreRole role);

} // namespace nightshift
