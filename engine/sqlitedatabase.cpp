#include "sqlitedatabase.h"

#include "sqliteeventrouter.h"
#include "sqlitememoryrouter.h"

#include "log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace nightshift {

namespace {

// PRAGMA application_id marks the file as Nightshift's: "NSFT".
constexpr qint64 ApplicationId = 0x4E534654;

// Each step brings the schema from version (index) to version (index + 1).
const char *const Migrations[] = {
    R"(
    CREATE TABLE agents (
        agent_id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        spec TEXT NOT NULL,
        desired TEXT NOT NULL DEFAULT 'idle',
        state TEXT NOT NULL DEFAULT 'idle',
        anchor INTEGER NOT NULL DEFAULT 0,
        next_run INTEGER NOT NULL DEFAULT 0,
        run_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        last_run INTEGER NOT NULL DEFAULT 0,
        last_outcome TEXT NOT NULL DEFAULT '',
        last_error TEXT NOT NULL DEFAULT '',
        last_duration_ms INTEGER NOT NULL DEFAULT 0,
        total_duration_ms INTEGER NOT NULL DEFAULT 0,
        pause_reason TEXT NOT NULL DEFAULT '',
        paused_at INTEGER NOT NULL DEFAULT 0,
        tokens_total INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
        spec_revision INTEGER NOT NULL,
        origin TEXT NOT NULL,
        occurrence INTEGER NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        started INTEGER NOT NULL,
        finished INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost REAL NOT NULL,
        result TEXT NOT NULL,
        error TEXT NOT NULL,
        skip_reason TEXT NOT NULL
    );
    CREATE INDEX runs_by_agent ON runs(agent_id);
    CREATE INDEX runs_unfinished ON runs(state) WHERE state IN ('queued', 'running');
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        agent_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        run_id TEXT NOT NULL,
        type TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (agent_id, seq)
    );
    CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        messages TEXT NOT NULL
    );
    CREATE TABLE commands (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        verb TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        arguments TEXT NOT NULL,
        answer TEXT
    );
    )",
    R"(
    ALTER TABLE agents ADD COLUMN tokens_today INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN tokens_day TEXT NOT NULL DEFAULT '';
    )",
    R"(
    ALTER TABLE agents ADD COLUMN paused_until INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN served_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN cost_total REAL NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN cost_today REAL NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN tokens_month INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN cost_month REAL NOT NULL DEFAULT 0;
    ALTER TABLE agents ADD COLUMN spend_month TEXT NOT NULL DEFAULT '';
    )",
};
static_assert(std::size(Migrations) == SqliteDatabase::SchemaVersion);

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

bool looksLikeSqlite(const QString &path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

QString lockHolder(const QLockFile &lock)
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lock.getLockInfo(&pid, &host, &application))
        return QStringLiteral("another process");
    return QStringLiteral("process %1 on %2").arg(pid).arg(host);
}

QSqlDatabase openConnection(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    db.open();
    return db;
}

QString newConnectionName()
{
    return QStringLiteral("nightshift-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Copies the WAL back into the database from a connection of its own, on the thread it lives
// on, once a second. The owner's connection turns automatic checkpoints off, so no commit on
// the engine thread waits for a checkpoint's fsyncs. PASSIVE never blocks readers or writers.
class WalCheckpointer final : public QObject
{
public:
    explicit WalCheckpointer(QString path)
        : m_path(std::move(path))
        , m_name(newConnectionName())
        , m_timer(this)
    {
        m_timer.setInterval(std::chrono::seconds(1));
        connect(&m_timer, &QTimer::timeout, this, &WalCheckpointer::checkpoint);
    }
    ~WalCheckpointer() override { SqliteDatabase::closeSibling(m_name); }

    /// Opens the connection and starts the timer; call on the checkpointer's thread.
    void start()
    {
        const QSqlDatabase db = openConnection(m_path, m_name);
        if (!db.isOpen()) {
            engineLog().warn("store \"sqlite:{}\": cannot open a connection for checkpoints: {}",
                             m_path.toStdString(),
                             db.lastError().text().toStdString());
            return;
        }
        m_timer.start();
    }

private:
    void checkpoint()
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
            engineLog().warn("store \"sqlite:{}\": checkpoint failed: {}",
                             m_path.toStdString(),
                             query.lastError().text().toStdString());
    }

    QString m_path;
    QString m_name;
    QTimer m_timer;
};

} // namespace

SqliteDatabase::SqliteDatabase(QString path,
                               QString connectionName,
                               std::unique_ptr<QLockFile> lock)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_lock(std::move(lock))
{}

SqliteDatabase::~SqliteDatabase()
{
    m_statements.clear();
    if (m_checkpointThread) {
        m_checkpointThread->quit();
        m_checkpointThread->wait();
    }
    {
        QSqlDatabase db = connection();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::shared_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &path,
                                                             StoreRole role,
                                                             qint64 maxSizeBytes)
{
    const QString store = QStringLiteral("sqlite:") + path;
    if (path.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store \"sqlite:\" names no file; use sqlite:PATH"));
    const QFileInfo info(path);
    if (info.isDir())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store \"%1\" is a folder; name a file in it, e.g. "
                                        "sqlite:%2")
                             .arg(store, QDir(path).filePath(QStringLiteral("nightshift.db"))));
    if (!looksLikeSqlite(path))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store \"%1\" is not a Nightshift database (not an SQLite "
                                        "file); it was left untouched: choose another file")
                             .arg(store));
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(ErrorCode::Io,
                         QStringLiteral("store \"%1\": cannot create the folder %2; check its "
                                        "permissions")
                             .arg(store, info.absolutePath()));

    std::unique_ptr<QLockFile> lock;
    if (role == StoreRole::Owner) {
        lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
        // Time alone never makes the lock stale; a holder that died (kill -9) is detected by pid.
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0))
            return makeError(ErrorCode::WrongState,
                             QStringLiteral("store \"%1\" is in use by %2, which runs its "
                                            "scheduler; stop it, or change agents through it "
                                            "with `nightshift agents ...`")
                                 .arg(store, lockHolder(*lock)));
    }

    const QString name = newConnectionName();
    {
        QSqlDatabase db = openConnection(path, name);
        if (!db.isOpen()) {
            const QString message = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return makeError(
                ErrorCode::Io,
                QStringLiteral("store \"%1\" cannot be opened: %2").arg(store, message));
        }
    }
    std::shared_ptr<SqliteDatabase> database(new SqliteDatabase(path, name, std::move(lock)));
    // Whose file it is is settled by reading alone: a refused file must not change by a byte,
    // and switching it to WAL would.
    if (const Result<void> ours = database->checkOwnership(); !ours)
        return ours.error();
    {
        QSqlQuery pragma(database->connection());
        // WAL lets readers (the CLI, a dashboard) work while the owner writes.
        if (!pragma.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
            return database->failure(QStringLiteral("cannot set up"), pragma);
    }
    if (const Result<void> migrated = database->migrate(); !migrated)
        return migrated.error();
    // A size cap makes SQLite answer "database or disk is full" at the cap, as a full disk would.
    if (maxSizeBytes > 0) {
        QSqlQuery pageSize(database->connection());
        const qint64 page = pageSize.exec(QStringLiteral("PRAGMA page_size")) && pageSize.next()
                                ? pageSize.value(0).toLongLong()
                                : 4096;
        database->m_maxPageCount = std::max<qint64>(1, maxSizeBytes / page);
    }
    database->m_owner = role == StoreRole::Owner;
    if (const Result<void> configured = database->configure(database->connection()); !configured)
        return configured.error();
    if (role == StoreRole::Owner)
        database->startCheckpoints();
    return database;
}

Result<void> SqliteDatabase::configure(const QSqlDatabase &db) const
{
    QSqlQuery pragma(db);
    // NORMAL sync keeps every commit across a process crash and costs no fsync per transaction.
    QStringList statements{QStringLiteral("PRAGMA synchronous = NORMAL"),
                           QStringLiteral("PRAGMA foreign_keys = ON")};
    if (m_maxPageCount > 0)
        statements.append(QStringLiteral("PRAGMA max_page_count = %1").arg(m_maxPageCount));
    // The owner's checkpoints run on a thread of their own, so no commit waits for their fsyncs.
    if (m_owner)
        statements.append(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    for (const QString &statement : std::as_const(statements)) {
        if (!pragma.exec(statement))
            return failure(QStringLiteral("cannot set up"), pragma);
    }
    return {};
}

Result<QString> SqliteDatabase::openSibling() const
{
    const QString name = newConnectionName();
    const QSqlDatabase db = openConnection(m_path, name);
    if (!db.isOpen()) {
        const QString message = db.lastError().text();
        closeSibling(name);
        return makeError(
            ErrorCode::Io,
            QStringLiteral("store \"sqlite:%1\" cannot be opened: %2").arg(m_path, message));
    }
    if (const Result<void> configured = configure(db); !configured) {
        closeSibling(name);
        return configured.error();
    }
    return name;
}

void SqliteDatabase::closeSibling(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void SqliteDatabase::startCheckpoints()
{
    m_checkpointThread = std::make_unique<QThread>();
    m_checkpointThread->setObjectName(QStringLiteral("sqlite-checkpoint"));
    auto *checkpointer = new WalCheckpointer(m_path);
    checkpointer->moveToThread(m_checkpointThread.get());
    QObject::connect(
        m_checkpointThread.get(), &QThread::finished, checkpointer, &QObject::deleteLater);
    m_checkpointThread->start();
    QMetaObject::invokeMethod(checkpointer, &WalCheckpointer::start);
}

QSqlQuery SqliteDatabase::prepare(const QString &sql) const
{
    QSqlQuery query(connection());
    // Every result is read once, front to back: without this Qt keeps a copy of each row read.
    query.setForwardOnly(true);
    query.prepare(sql);
    return query;
}

QSqlQuery &SqliteDatabase::cached(const QString &sql)
{
    std::unique_ptr<QSqlQuery> &statement = m_statements[sql];
    if (!statement)
        statement = std::make_unique<QSqlQuery>(prepare(sql));
    return *statement;
}

Error SqliteDatabase::failure(const QString &what, const QSqlQuery &query) const
{
    const QSqlError error = query.lastError();
    QString hint;
    const QString text = error.text();
    if (text.contains(u"full", Qt::CaseInsensitive))
        hint = QStringLiteral("; free some disk space");
    else if (text.contains(u"locked", Qt::CaseInsensitive)
             || text.contains(u"busy", Qt::CaseInsensitive))
        hint = QStringLiteral("; another process holds the database too long");
    else if (text.contains(u"readonly", Qt::CaseInsensitive))
        hint = QStringLiteral("; check the file's permissions");
    return makeError(ErrorCode::Io,
                     QStringLiteral("store \"sqlite:%1\": %2: %3%4").arg(m_path, what, text, hint));
}

Result<void> SqliteDatabase::checkOwnership() const
{
    const QSqlDatabase db = connection();
    const qint64 applicationId = scalar(db, QStringLiteral("PRAGMA application_id"));
    const qint64 version = scalar(db, QStringLiteral("PRAGMA user_version"));
    const qint64 tables = scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    const QString store = QStringLiteral("sqlite:") + m_path;
    // A file is Nightshift's when it carries our application id, or is an SQLite file with
    // nothing in it yet; another program's id, or tables without ours, mean someone else's.
    const bool foreign = applicationId != ApplicationId && (applicationId != 0 || tables > 0);
    if (applicationId < 0 || tables < 0 || foreign)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store \"%1\" is not a Nightshift database (it belongs to "
                                        "another program); it was left untouched: choose another "
                                        "file")
                             .arg(store));
    if (version > SchemaVersion)
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("store \"%1\" was written by a newer Nightshift (schema %2; "
                           "this build knows up to %3); it was left untouched: "
                           "upgrade Nightshift")
                .arg(store)
                .arg(version)
                .arg(SchemaVersion));
    return {};
}

QStringList SqliteDatabase::migrationStatements(int fromVersion)
{
    QStringList statements;
    for (const QString &statement :
         QString::fromLatin1(Migrations[fromVersion]).split(u';', Qt::SkipEmptyParts)) {
        if (!statement.trimmed().isEmpty())
            statements.append(statement.trimmed());
    }
    return statements;
}

Result<void> SqliteDatabase::migrate()
{
    QSqlDatabase db = connection();
    QSqlQuery query(db);
    // BEGIN IMMEDIATE takes the write lock first, so two processes opening a new file at once
    // cannot both create the schema.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failure(QStringLiteral("cannot start the schema check"), query);
    auto rollback = [&](Error error) -> Result<void> {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    // Checked again under the write lock: another process may have migrated meanwhile.
    if (const Result<void> ours = checkOwnership(); !ours)
        return rollback(ours.error());
    const qint64 version = scalar(db, QStringLiteral("PRAGMA user_version"));
    for (qint64 step = std::max<qint64>(version, 0); step < SchemaVersion; ++step) {
        for (const QString &statement : migrationStatements(int(step))) {
            if (!query.exec(statement))
                return rollback(
                    failure(QStringLiteral("migration to schema %1 failed").arg(step + 1), query));
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId))
        || !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion))
        || !query.exec(QStringLiteral("COMMIT")))
        return rollback(failure(QStringLiteral("cannot record the schema version"), query));
    return {};
}

namespace {

Result<qint64> positiveOption(const QUrlQuery &query, const QString &name, qint64 fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value <= 0)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("store option %1 takes a whole number above 0, got \"%2\"")
                             .arg(name, query.queryItemValue(name)));
    return value;
}

} // namespace

Result<Store> openSqliteStore(const QString &location, StoreRole role)
{
    const qsizetype mark = location.indexOf(u'?');
    const QString path = QDir::cleanPath(location.left(mark));
    const QUrlQuery query(mark >= 0 ? location.mid(mark + 1) : QString());
    static const QStringList known = {QStringLiteral("keep_runs"),
                                      QStringLiteral("keep_failed_runs"),
                                      QStringLiteral("keep_events"),
                                      QStringLiteral("max_size")};
    for (const auto &[key, value] : query.queryItems()) {
        if (!known.contains(key))
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("store \"sqlite:%1\": unknown option \"%2\" (known: %3)")
                    .arg(path, key, known.join(QStringLiteral(", "))));
    }
    RetentionPolicy retention;
    const Result<qint64> keepRuns = positiveOption(query, known.at(0), retention.keepRuns);
    const Result<qint64> keepFailed = positiveOption(query, known.at(1), retention.keepFailedRuns);
    const Result<qint64> keepEvents = positiveOption(query, known.at(2), retention.keepEvents);
    const Result<qint64> maxSize = positiveOption(query, known.at(3), 0);
    for (const Result<qint64> *option : {&keepRuns, &keepFailed, &keepEvents, &maxSize}) {
        if (!*option)
            return option->error();
    }
    retention = {keepRuns.value(), keepFailed.value(), keepEvents.value()};

    const Result<std::shared_ptr<SqliteDatabase>> database
        = SqliteDatabase::open(path, role, maxSize.value());
    if (!database)
        return database.error();
    Store store;
    store.memory = std::make_unique<SqliteMemoryRouter>(database.value(), retention);
    store.events = std::make_unique<SqliteEventRouter>(database.value(), retention, role);
    store.url = QStringLiteral("sqlite:") + path;
    store.owner = role == StoreRole::Owner;
    return store;
}

} // namespace nightshift
