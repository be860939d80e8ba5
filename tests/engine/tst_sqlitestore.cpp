#include "backgroundagentservice.h"
#include "clock.h"
#include "enginefixture.h"
#include "routers.h"
#include "sqlitedatabase.h"
#include "sqliteeventrouter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(nightshift::StoreRole)

namespace nightshift {

// QCOMPARE prints these when a comparison fails.
inline char *toString(ErrorCode code)
{
    return qstrdup(QByteArray::number(int(code)).prepend("ErrorCode ").constData());
}

} // namespace nightshift

namespace {

// "NSFT", as the engine marks its files.
constexpr qint64 NightshiftApplicationId = 0x4E534654;

/// A plain QSQLITE connection of its own beside the store's, to look at the file as another
/// program would. Used only on the thread that made it.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError().text();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

    bool isOpen() const { return m_open; }
    const QString &error() const { return m_error; }

    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (query.exec(sql))
            return true;
        m_error = sql + u": "_s + query.lastError().text();
        return false;
    }
    /// The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    }
    QStringList tables() const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        QStringList names;
        if (query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s)) {
            while (query.next())
                names.append(query.value(0).toString());
        }
        return names;
    }

private:
    QString m_name;
    bool m_open = false;
    QString m_error;
};

/// Takes the file's write lock on a thread of its own and keeps it for a while, as an owner in
/// the middle of a long transaction would; it cannot wait for a signal from the test's thread,
/// which is blocked in SQLite's busy wait meanwhile.
class WriteLockHolder
{
public:
    WriteLockHolder(const QString &path,
                    std::chrono::milliseconds holdFor,
                    const QString &sessionId)
    {
        std::promise<bool> locked;
        m_locked = locked.get_future();
        m_thread
            = std::jthread([this, path, holdFor, sessionId, locked = std::move(locked)]() mutable {
                  RawConnection raw(path);
                  const bool ok = raw.isOpen() && raw.exec(u"BEGIN IMMEDIATE"_s)
                                  && raw.exec(u"INSERT INTO sessions (session_id, messages) "
                                              "VALUES ('%1', '[\"held\"]')"_s.arg(sessionId));
                  locked.set_value(ok);
                  if (!ok)
                      return;
                  std::this_thread::sleep_for(holdFor);
                  m_released = true;
                  raw.exec(u"COMMIT"_s);
              });
    }

    /// Blocks until the lock is taken; false if it could not be.
    bool waitUntilLocked() { return m_locked.get(); }
    /// Whether the holder has let go (it sets this just before its COMMIT).
    bool released() const { return m_released; }

private:
    std::future<bool> m_locked;
    std::atomic<bool> m_released{false};
    std::jthread m_thread; // Last, so that it is joined before the rest goes.
};

Result<Store> openSqlite(const QString &path, StoreRole role)
{
    return openStore(u"sqlite:"_s + path, role);
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

AgentSpec simpleSpec(const QString &agentId)
{
    AgentSpec spec;
    spec.agentId = agentId;
    spec.model.provider = u"none"_s;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 60'000;
    spec.task.query = u"check"_s;
    spec.revision = 1;
    return spec;
}

Event makeEvent(const QString &agentId, int n)
{
    Event event;
    event.agentId = agentId;
    event.runId = u"run-%1"_s.arg(n);
    event.type = QString::fromLatin1(EventType::TaskStarted);
    event.timestampMs = 1'767'225'600'000 + n;
    event.payload = {{"n", n}};
    return event;
}

// Files a store must refuse, and must leave as they were.
enum class Foreign { Text, OtherTables, OtherTablesWal, OtherApplication, NewerSchema };

bool makeForeignFile(Foreign kind, const QString &path, QString *error)
{
    switch (kind) {
    case Foreign::Text:
        return writeFile(path, "These are my notes, not a database.\nLine two.\n");
    case Foreign::OtherTables:
    case Foreign::OtherTablesWal: {
        RawConnection raw(path);
        const bool ok
            = raw.isOpen()
              && (kind == Foreign::OtherTables || raw.exec(u"PRAGMA journal_mode = WAL"_s))
              && raw.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s)
              && raw.exec(u"INSERT INTO notes (body) VALUES ('keep me')"_s);
        *error = raw.error();
        return ok;
    }
    case Foreign::OtherApplication: {
        // Another program's file that has no tables yet: its application_id says whose it is.
        RawConnection raw(path);
        const bool ok = raw.isOpen() && raw.exec(u"PRAGMA application_id = 305419896"_s);
        *error = raw.error();
        return ok;
    }
    case Foreign::NewerSchema: {
        {
            Result<Store> store = openSqlite(path, StoreRole::Owner);
            if (!store) {
                *error = store.errorMessage();
                return false;
            }
            store->memory->saveSpec(simpleSpec(u"from-the-future"_s));
        }
        RawConnection raw(path);
        const bool ok
            = raw.isOpen()
              && raw.exec(u"PRAGMA user_version = %1"_s.arg(SqliteDatabase::SchemaVersion + 1));
        *error = raw.error();
        return ok;
    }
    }
    return false;
}

/// How a test makes a file of an earlier schema version (or none at all) at a path.
enum class Earlier {
    Nothing,
    EmptyFile,
    SqliteWithoutTables,
    NightshiftIdOnly,
    Version1WithAgent,
    Version2WithAgent,
};

// The tokens the version 1 file's agent has used; migrating keeps them.
constexpr qint64 Version1Tokens = 4242;

struct EarlierFile
{
    const char *name;
    int version;
    const char *relativePath;
    Earlier make;
};

// One row per kind of file a store must migrate, for every earlier schema version. A new
// SchemaVersion needs rows here that make a file of the previous one, with data in it.
const QList<EarlierFile> &earlierFiles()
{
    static const QList<EarlierFile> files = {
        {"v0: no file", 0, "missing.db", Earlier::Nothing},
        {"v0: no file, no folder", 0, "not/there/yet/new.db", Earlier::Nothing},
        {"v0: empty file", 0, "empty.db", Earlier::EmptyFile},
        {"v0: SQLite file without tables", 0, "bare.db", Earlier::SqliteWithoutTables},
        {"v0: Nightshift id, no tables", 0, "marked.db", Earlier::NightshiftIdOnly},
        {"v1: an agent with counters", 1, "v1.db", Earlier::Version1WithAgent},
        {"v2: an agent with today's tokens", 2, "v2.db", Earlier::Version2WithAgent},
    };
    return files;
}

bool makeEarlierFile(Earlier kind, const QString &path, QString *error)
{
    switch (kind) {
    case Earlier::Nothing:
        return !QFile::exists(path);
    case Earlier::EmptyFile:
        return writeFile(path, {});
    case Earlier::SqliteWithoutTables: {
        RawConnection raw(path);
        const bool ok = raw.isOpen() && raw.exec(u"CREATE TABLE scratch (x)"_s)
                        && raw.exec(u"DROP TABLE scratch"_s);
        *error = raw.error();
        return ok;
    }
    case Earlier::Version1WithAgent: {
        RawConnection raw(path);
        bool ok = raw.isOpen();
        for (const QString &statement : SqliteDatabase::migrationStatements(0))
            ok = ok && raw.exec(statement);
        ok = ok && raw.exec(u"PRAGMA application_id = %1"_s.arg(NightshiftApplicationId))
             && raw.exec(u"PRAGMA user_version = 1"_s)
             && raw.exec(u"INSERT INTO agents (agent_id, revision, spec, run_count, tokens_total) "
                         "VALUES ('migrated', 1, '%1', 3, %2)"_s
                             .arg(QString::fromStdString(simpleSpec(u"migrated"_s).toJson().dump()))
                             .arg(Version1Tokens));
        *error = raw.error();
        return ok;
    }
    case Earlier::Version2WithAgent: {
        RawConnection raw(path);
        bool ok = raw.isOpen();
        for (const int from : {0, 1}) {
            for (const QString &statement : SqliteDatabase::migrationStatements(from))
                ok = ok && raw.exec(statement);
        }
        ok = ok && raw.exec(u"PRAGMA application_id = %1"_s.arg(NightshiftApplicationId))
             && raw.exec(u"PRAGMA user_version = 2"_s)
             && raw.exec(u"INSERT INTO agents (agent_id, revision, spec, run_count, tokens_total, "
                         "tokens_today, tokens_day) VALUES ('migrated', 1, '%1', 3, %2, 7, "
                         "'2026-01-01')"_s
                             .arg(QString::fromStdString(simpleSpec(u"migrated"_s).toJson().dump()))
                             .arg(Version1Tokens));
        *error = raw.error();
        return ok;
    }
    case Earlier::NightshiftIdOnly: {
        RawConnection raw(path);
        const bool ok = raw.isOpen()
                        && raw.exec(u"PRAGMA application_id = %1"_s.arg(NightshiftApplicationId));
        *error = raw.error();
        return ok;
    }
    }
    return false;
}

} // namespace

class TestSqliteStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retentionKeepsTheNewestEvents();
    void fullDiskKeepsEventsAndSaysWhy();
    void fullDiskFailsTheRunHoldsAndRecovers();
    void badOptionsAreRefused_data();
    void badOptionsAreRefused();
    void freshFileIsSetUp_data();
    void freshFileIsSetUp();
    void refusesFilesThatAreNotItsOwn_data();
    void refusesFilesThatAreNotItsOwn();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void everyEarlierVersionHasAMigrationRow();
    void folderIsNotAStore_data();
    void folderIsNotAStore();
    void secondOwnerIsRefusedClientsAreNot();
    void eventsAreWrittenInBatches();
    void readsSeeEveryEventWhileTheWriterWrites();
    void checkpointsRunOffTheWritersConnection();
    void busyTimeoutWaitsForAWriter();
};

void TestSqliteStore::freshFileIsSetUp_data()
{
    QTest::addColumn<StoreRole>("role");
    QTest::newRow("owner") << StoreRole::Owner;
    QTest::newRow("client") << StoreRole::Client;
}

void TestSqliteStore::freshFileIsSetUp()
{
    QFETCH(StoreRole, role);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"fresh.db"_s);

    Result<Store> store = openSqlite(path, role);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    QCOMPARE(store->owner, role == StoreRole::Owner);
    QCOMPARE(store->url, u"sqlite:"_s + path);

    RawConnection raw(path);
    QVERIFY2(raw.isOpen(), qPrintable(raw.error()));
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(raw.scalar(u"PRAGMA application_id"_s).toLongLong(), NightshiftApplicationId);
    QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), SqliteDatabase::SchemaVersion);
    const QStringList tables = raw.tables();
    for (const QString &table : {u"agents"_s, u"commands"_s, u"events"_s, u"runs"_s, u"sessions"_s})
        QVERIFY2(tables.contains(table), qPrintable(tables.join(u", "_s)));
}

void TestSqliteStore::refusesFilesThatAreNotItsOwn_data()
{
    QTest::addColumn<Foreign>("kind");
    QTest::addColumn<StoreRole>("role");
    QTest::addColumn<QString>("expected");
    const struct
    {
        const char *name;
        Foreign kind;
        QString expected;
    } kinds[] = {
        {"text file", Foreign::Text, u"not a Nightshift database"_s},
        {"SQLite with other tables", Foreign::OtherTables, u"not a Nightshift database"_s},
        {"SQLite (WAL) with other tables", Foreign::OtherTablesWal, u"not a Nightshift database"_s},
        {"SQLite of another application",
         Foreign::OtherApplication,
         u"not a Nightshift database"_s},
        {"newer schema", Foreign::NewerSchema, u"newer Nightshift"_s},
    };
    for (const auto &kind : kinds) {
        QTest::addRow("%s, owner", kind.name) << kind.kind << StoreRole::Owner << kind.expected;
        QTest::addRow("%s, client", kind.name) << kind.kind << StoreRole::Client << kind.expected;
    }
}

void TestSqliteStore::refusesFilesThatAreNotItsOwn()
{
    QFETCH(Foreign, kind);
    QFETCH(StoreRole, role);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"theirs.db"_s);
    QString error;
    QVERIFY2(makeForeignFile(kind, path, &error), qPrintable(error));
    const QByteArray before = fileBytes(path);
    QVERIFY(!before.isEmpty());

    const Result<Store> store = openSqlite(path, role);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(store.errorMessage().contains(expected), qPrintable(store.errorMessage()));
    QVERIFY2(store.errorMessage().contains(path), qPrintable(store.errorMessage()));

    // Not one byte changed: no schema, no application_id, no journal mode.
    const QByteArray after = fileBytes(path);
    QCOMPARE(after.size(), before.size());
    QVERIFY2(
        after == before,
        qPrintable(u"the file changed; header bytes 18-19 (journal mode) were %1, now %2"_s.arg(
            QString::fromLatin1(before.mid(18, 2).toHex()),
            QString::fromLatin1(after.mid(18, 2).toHex()))));
    if (kind == Foreign::NewerSchema) {
        RawConnection raw(path);
        QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), SqliteDatabase::SchemaVersion + 1);
    }
}

void TestSqliteStore::migratesFromEveryEarlierVersion_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<Earlier>("make");
    for (const EarlierFile &file : earlierFiles())
        QTest::newRow(file.name) << QString::fromLatin1(file.relativePath) << file.make;
}

void TestSqliteStore::migratesFromEveryEarlierVersion()
{
    QFETCH(QString, relativePath);
    QFETCH(Earlier, make);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(relativePath);
    QString error;
    QVERIFY2(makeEarlierFile(make, path, &error), qPrintable(error));

    {
        Result<Store> store = openSqlite(path, StoreRole::Owner);
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        QVERIFY(store->memory->saveSpec(simpleSpec(u"migrated"_s)).ok());
        QVERIFY(store->events->append(makeEvent(u"migrated"_s, 1)).ok());
    }
    {
        RawConnection raw(path);
        QVERIFY2(raw.isOpen(), qPrintable(raw.error()));
        QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), SqliteDatabase::SchemaVersion);
        QCOMPARE(raw.scalar(u"PRAGMA application_id"_s).toLongLong(), NightshiftApplicationId);
        QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    }
    // Opening an up-to-date file again migrates nothing and loses nothing.
    Result<Store> store = openSqlite(path, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agents->size(), 1);
    QCOMPARE(agents->first().spec.agentId, u"migrated"_s);
    QCOMPARE(store->events->lastSeq(u"migrated"_s), 1);
    if (make == Earlier::Version1WithAgent) {
        QCOMPARE(agents->first().status.runCount, 3);
        QCOMPARE(agents->first().status.tokensTotal, Version1Tokens);
        QCOMPARE(agents->first().status.tokensToday, 0);
    }
    if (make == Earlier::Version2WithAgent) {
        QCOMPARE(agents->first().status.tokensToday, 7);
        QCOMPARE(agents->first().status.pausedUntilMs, 0);
        QCOMPARE(agents->first().status.costMonth, 0.0);
        QCOMPARE(agents->first().status.spendMonth, QString());
    }
}

void TestSqliteStore::everyEarlierVersionHasAMigrationRow()
{
    QList<int> covered;
    for (const EarlierFile &file : earlierFiles()) {
        if (!covered.contains(file.version))
            covered.append(file.version);
    }
    std::sort(covered.begin(), covered.end());
    QList<int> expected;
    for (int version = 0; version < SqliteDatabase::SchemaVersion; ++version)
        expected.append(version);
    QCOMPARE(covered, expected);
}

void TestSqliteStore::folderIsNotAStore_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<StoreRole>("role");
    QTest::newRow("folder, owner") << QString() << StoreRole::Owner;
    QTest::newRow("folder, client") << QString() << StoreRole::Client;
    QTest::newRow("folder/, owner") << u"/"_s << StoreRole::Owner;
}

void TestSqliteStore::folderIsNotAStore()
{
    QFETCH(QString, suffix);
    QFETCH(StoreRole, role);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(u"agents"_s));
    const QString folder = dir.filePath(u"agents"_s);
    const auto listing = [&] {
        return QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
               + QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    };
    const QStringList before = listing();

    const Result<Store> store = openSqlite(folder + suffix, role);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(store.errorMessage().contains(u"folder"_s), qPrintable(store.errorMessage()));
    QCOMPARE(listing(), before);
}

void TestSqliteStore::secondOwnerIsRefusedClientsAreNot()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"shared.db"_s);

    std::optional<Store> owner;
    {
        Result<Store> opened = openSqlite(path, StoreRole::Owner);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        owner.emplace(std::move(opened).value());
    }
    QVERIFY(owner->owner);
    QVERIFY(owner->memory->saveSpec(simpleSpec(u"shared"_s)).ok());

    const Result<Store> second = openSqlite(path, StoreRole::Owner);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::WrongState);
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QVERIFY2(second.errorMessage().contains(u"process "_s + pid),
             qPrintable(second.errorMessage()));

    Result<Store> client = openSqlite(path, StoreRole::Client);
    QVERIFY2(client.ok(), qPrintable(client.errorMessage()));
    QVERIFY(!client->owner);
    Result<Store> anotherClient = openSqlite(path, StoreRole::Client);
    QVERIFY2(anotherClient.ok(), qPrintable(anotherClient.errorMessage()));

    const Result<QList<StoredAgent>> agents = client->memory->loadAgents();
    QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
    QCOMPARE(agents->size(), 1);
    QCOMPARE(agents->first().spec.agentId, u"shared"_s);

    // The CLI's path: a client queues, the owner answers, the client reads the answer.
    const Result<qint64> id
        = client->memory->submitCommand({0, u"start"_s, u"shared"_s, Json::object()});
    QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
    Result<QList<StoreCommand>> pending = owner->memory->pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().id, id.value());
    QCOMPARE(pending->first().verb, u"start"_s);
    const Json answer = {{"ok", true}};
    QVERIFY(owner->memory->answerCommand(id.value(), answer).ok());
    const Result<Json> read = anotherClient->memory->commandAnswer(id.value());
    QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
    QVERIFY(read.value() == answer);

    // Once the owner is gone, another process may own the file; the clients carry on.
    owner.reset();
    Result<Store> next = openSqlite(path, StoreRole::Owner);
    QVERIFY2(next.ok(), qPrintable(next.errorMessage()));
    QVERIFY(next->owner);
    pending = next->memory->pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QVERIFY(pending->isEmpty());
    QVERIFY(client->memory->submitCommand({0, u"stop"_s, u"shared"_s, Json::object()}).ok());
    pending = next->memory->pendingCommands();
    QVERIFY(pending.ok());
    QCOMPARE(pending->size(), 1);
}

void TestSqliteStore::eventsAreWrittenInBatches()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"batches.db"_s);
    Result<Store> owner = openSqlite(path, StoreRole::Owner);
    QVERIFY2(owner.ok(), qPrintable(owner.errorMessage()));
    Result<Store> client = openSqlite(path, StoreRole::Client);
    QVERIFY2(client.ok(), qPrintable(client.errorMessage()));
    auto *router = dynamic_cast<SqliteEventRouter *>(owner->events.get());
    QVERIFY(router);
    QSignalSpy failures(router, &SqliteEventRouter::writeFailed);

    // What another process sees is what is in the file.
    const auto rowsSeenByClient = [&]() -> qsizetype {
        const Result<EventList> read = client->events->read(u"batch"_s, 1, 1000);
        return read ? read->size() : -1;
    };

    EventList appended;
    for (int i = 1; i <= 3; ++i)
        appended.append(owner->events->append(makeEvent(u"batch"_s, i)).value());
    // The owner delivers and reads them at once; no event loop has run, so none is written yet.
    QCOMPARE(owner->events->read(u"batch"_s, 1, 100)->size(), 3);
    QCOMPARE(router->pendingCount(), 3);
    QCOMPARE(rowsSeenByClient(), 0);
    // The batch timer (20 ms) writes them.
    QTRY_COMPARE_WITH_TIMEOUT(rowsSeenByClient(), 3, 1000);
    QCOMPARE(router->pendingCount(), 0);
    QVERIFY(client->events->read(u"batch"_s, 1, 100).value() == appended);

    // flush() writes at once.
    for (int i = 4; i <= 5; ++i)
        QVERIFY(owner->events->append(makeEvent(u"batch"_s, i)).ok());
    QCOMPARE(rowsSeenByClient(), 3);
    const Result<void> flushed = owner->events->flush();
    QVERIFY2(flushed.ok(), qPrintable(flushed.errorMessage()));
    QCOMPARE(router->pendingCount(), 0);
    QCOMPARE(rowsSeenByClient(), 5);
    QCOMPARE(client->events->lastSeq(u"batch"_s), 5);

    // A large backlog does not wait for the timer: it goes to the writer at the next turn of
    // the loop, which writes it on its own thread.
    for (int i = 6; i <= 2005; ++i)
        QVERIFY(owner->events->append(makeEvent(u"batch"_s, i)).ok());
    QCOMPARE(router->waitingCount(), 2000);
    QCoreApplication::processEvents();
    QCOMPARE(router->waitingCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(client->events->lastSeq(u"batch"_s), 2005, 5000);
    QCOMPARE(router->pendingCount(), 0);
    QCOMPARE(failures.count(), 0);
}

void TestSqliteStore::readsSeeEveryEventWhileTheWriterWrites()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<Store> owner = openSqlite(dir.filePath(u"race.db"_s), StoreRole::Owner);
    QVERIFY2(owner.ok(), qPrintable(owner.errorMessage()));
    auto *router = dynamic_cast<SqliteEventRouter *>(owner->events.get());
    QVERIFY(router);
    // Each round hands a batch to the writer, whose commit races the reads that follow: an
    // event moving from the queue to the file must be seen exactly once.
    int appended = 0;
    int roundsWithWritesInFlight = 0;
    for (int round = 0; round < 40; ++round) {
        for (int i = 0; i < 2000; ++i)
            QVERIFY(owner->events->append(makeEvent(u"race"_s, ++appended)).ok());
        QCoreApplication::processEvents();
        for (int check = 0; check < 3; ++check) {
            if (router->pendingCount() > 0)
                ++roundsWithWritesInFlight;
            // From before the batch in flight: the part of the log where queue and file meet.
            const int from = std::max(1, appended - 5000);
            const EventList tail = owner->events->read(u"race"_s, from, 1'000'000).value();
            QCOMPARE(tail.size(), appended - from + 1);
            for (int i = 0; i < tail.size(); ++i)
                QCOMPARE(tail.at(i).seq, qint64(from + i));
        }
    }
    QVERIFY2(roundsWithWritesInFlight > 0, "the writer never had a batch in flight during a read");
    QVERIFY(owner->events->flush().ok());
    QCOMPARE(router->pendingCount(), 0);
}

void TestSqliteStore::checkpointsRunOffTheWritersConnection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"wal.db"_s);
    Result<Store> owner = openSqlite(path, StoreRole::Owner);
    QVERIFY2(owner.ok(), qPrintable(owner.errorMessage()));
    const qint64 emptySize = QFileInfo(path).size();
    // About 1 MiB of events: under SQLite's own checkpoint threshold (1,000 pages, ~4 MiB), so
    // only the store's checkpointer can move them from the WAL into the database file.
    const std::string padding(1000, 'x');
    for (int i = 1; i <= 1000; ++i) {
        Event event = makeEvent(u"wal"_s, i);
        event.payload["padding"] = padding;
        QVERIFY(owner->events->append(event).ok());
    }
    QVERIFY(owner->events->flush().ok());
    QVERIFY(QFileInfo(path + u"-wal"_s).size() > 1'000'000);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > emptySize + 1'000'000, 5000);
}

void TestSqliteStore::busyTimeoutWaitsForAWriter()
{
    using namespace std::chrono_literals;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"busy.db"_s);
    Result<Store> owner = openSqlite(path, StoreRole::Owner);
    QVERIFY2(owner.ok(), qPrintable(owner.errorMessage()));
    QVERIFY(owner->memory->saveSpec(simpleSpec(u"busy"_s)).ok());
    Result<Store> client = openSqlite(path, StoreRole::Client);
    QVERIFY2(client.ok(), qPrintable(client.errorMessage()));

    {
        WriteLockHolder writer(path, 300ms, u"first"_s);
        QVERIFY(writer.waitUntilLocked());
        // Reading does not wait for the writer (WAL).
        const Result<QList<StoredAgent>> agents = client->memory->loadAgents();
        QVERIFY2(agents.ok(), qPrintable(agents.errorMessage()));
        QCOMPARE(agents->size(), 1);
        // Writing waits for it, within the busy timeout, instead of failing with "locked".
        const Result<qint64> id
            = client->memory->submitCommand({0, u"start"_s, u"busy"_s, Json::object()});
        QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
        QVERIFY(writer.released());
    }
    {
        // Opening runs the schema check under the write lock: it waits as well.
        WriteLockHolder writer(path, 300ms, u"second"_s);
        QVERIFY(writer.waitUntilLocked());
        const Result<Store> late = openSqlite(path, StoreRole::Client);
        QVERIFY2(late.ok(), qPrintable(late.errorMessage()));
        QVERIFY(writer.released());
        const Result<Json> session = late->memory->loadSession(u"second"_s);
        QVERIFY2(session.ok(), qPrintable(session.errorMessage()));
        QVERIFY(session.value() == Json::array({"held"}));
    }
    const Result<QList<StoreCommand>> pending = owner->memory->pendingCommands();
    QVERIFY2(pending.ok(), qPrintable(pending.errorMessage()));
    QCOMPARE(pending->size(), 1);
}

void TestSqliteStore::retentionKeepsTheNewestEvents()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<Store> store
        = openStore(u"sqlite:"_s + dir.filePath(u"r.db"_s) + u"?keep_events=5"_s, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    AgentSpec spec;
    spec.agentId = u"kept"_s;
    spec.model.provider = u"none"_s;
    spec.schedule.kind = Schedule::Kind::Manual;
    spec.revision = 1;
    QVERIFY(store->memory->saveSpec(spec).ok());

    for (int i = 0; i < 20; ++i) {
        Event event;
        event.agentId = spec.agentId;
        event.type = u"background_agent_status"_s;
        QVERIFY(store->events->append(event).ok());
    }
    QVERIFY(store->events->flush().ok());
    const EventList events = store->events->read(spec.agentId, 1, 100).value();
    QCOMPARE(events.size(), 5);
    QCOMPARE(events.first().seq, 16);
    QCOMPARE(store->events->lastSeq(spec.agentId), 20);
}

void TestSqliteStore::fullDiskKeepsEventsAndSaysWhy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // max_size makes SQLite report "database or disk is full", as a full disk does.
    Result<Store> store = openStore(
        u"sqlite:"_s + dir.filePath(u"full.db"_s) + u"?max_size=65536"_s, StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    auto *events = dynamic_cast<SqliteEventRouter *>(store->events.get());
    QVERIFY(events);
    Result<void> flushed;
    int appended = 0;
    while (flushed.ok() && appended < 1000) {
        Event event;
        event.agentId = u"big"_s;
        event.type = u"tool_call_completed"_s;
        event.payload = {{"result", std::string(2000, 'x')}};
        QVERIFY(events->append(event).ok());
        ++appended;
        flushed = events->flush();
    }
    QVERIFY2(!flushed.ok(), "the size cap was never reached");
    QVERIFY2(flushed.errorMessage().contains(u"full"), qPrintable(flushed.errorMessage()));
    QVERIFY2(flushed.errorMessage().contains(u"free some disk space"),
             qPrintable(flushed.errorMessage()));
    // Nothing appended is dropped: the failed batch waits in memory, readable, for a retry.
    QCOMPARE(events->pendingCount(), 1);
    QCOMPARE(events->lastSeq(u"big"_s), appended);
    const EventList all = events->read(u"big"_s, 1, 10'000).value();
    QCOMPARE(all.size(), appended);
    QCOMPARE(all.last().seq, appended);
}

void TestSqliteStore::fullDiskFailsTheRunHoldsAndRecovers()
{
    using namespace test;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"engine-full.db"_s);
    constexpr qint64 MaxPages = 64;
    Result<Store> store
        = openStore(u"sqlite:%1?max_size=%2"_s.arg(path).arg(MaxPages * 4096), StoreRole::Owner);
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    ToolRegistry tools;
    BackgroundAgentService service{store->memory.get(), store->events.get(), &scheduler, &tools};
    EventList emitted;
    QObject::connect(&service,
                     &BackgroundAgentService::eventAppended,
                     &service,
                     [&](const Event &event) { emitted.append(event); });
    const auto ofType = [&](const char *type) {
        EventList found;
        for (const Event &event : std::as_const(emitted)) {
            if (event.type == QLatin1String(type))
                found.append(event);
        }
        return found;
    };
    QVERIFY(service.startManager().ok());
    const QString id = u"watcher"_s;
    AgentSpec spec = intervalSpec(id, Minute);
    // Each run's first event carries the query: at 8 KB it needs new pages, which a full file
    // cannot give, so the store fails inside a run rather than between two.
    spec.task.query = QString(8000, u'q');
    QVERIFY(service.create(spec).ok());
    QVERIFY(service.startAgent(id).ok());
    clock.advanceBy(Minute);
    QCOMPARE(ofType(EventType::TaskCompleted).size(), 1);

    // Other data fills the rest of the space the store may use, as other files fill a disk.
    RawConnection other(path);
    QVERIFY2(other.isOpen(), qPrintable(other.error()));
    QVERIFY2(other.exec(u"CREATE TABLE filler (bytes BLOB)"_s), qPrintable(other.error()));
    while (other.scalar(u"PRAGMA page_count"_s).toLongLong() < MaxPages)
        QVERIFY2(other.exec(u"INSERT INTO filler VALUES (zeroblob(3000))"_s),
                 qPrintable(other.error()));

    // The next run cannot save what it writes: it fails and says why, and the scheduler holds.
    for (int minute = 0; minute < 60 && !service.isStoreFaulty(); ++minute)
        clock.advanceBy(Minute);
    QVERIFY2(service.isStoreFaulty(), "the store never filled up");
    const EventList failed = ofType(EventType::TaskError);
    QCOMPARE(failed.size(), 1);
    const QString error = text(failed.first().payload.at("error"));
    QVERIFY2(error.contains(u"could not be saved") && error.contains(u"full")
                 && error.contains(u"free some disk space"),
             qPrintable(error));
    const qsizetype startedBefore = ofType(EventType::TaskStarted).size();
    clock.advanceBy(2 * Minute);
    QCOMPARE(ofType(EventType::TaskStarted).size(), startedBefore);
    QCOMPARE(ofType(EventType::RunSkipped).size(), 2);

    // Space returns: within a probe interval runs resume, and nothing emitted meanwhile is lost.
    QVERIFY2(other.exec(u"DELETE FROM filler"_s), qPrintable(other.error()));
    clock.advanceBy(Second);
    QVERIFY(!service.isStoreFaulty());
    clock.advanceBy(Minute);
    QCOMPARE(ofType(EventType::TaskStarted).size(), startedBefore + 1);
    QVERIFY(store->events->flush().ok());
    Result<Store> reader = openStore(u"sqlite:"_s + path, StoreRole::Client);
    QVERIFY2(reader.ok(), qPrintable(reader.errorMessage()));
    const EventList stored = reader->events->read(id, 1, 100'000).value();
    EventList mine;
    for (const Event &event : std::as_const(emitted)) {
        if (event.agentId == id)
            mine.append(event);
    }
    QCOMPARE(stored.size(), mine.size());
    QVERIFY(stored == mine);
    // Every run has its record, the one refused while the disk was full included.
    QSet<QString> runIds;
    for (const Event &event : std::as_const(mine)) {
        if (!event.runId.isEmpty())
            runIds.insert(event.runId);
    }
    const Result<QList<RunRecord>> runs = reader->memory->listRuns(id, 1000);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QSet<QString> recorded;
    for (const RunRecord &run : *runs) {
        recorded.insert(run.runId);
        QVERIFY2(isFinal(run.state), qPrintable(run.runId));
    }
    QCOMPARE(recorded, runIds);
}

void TestSqliteStore::badOptionsAreRefused_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown") << u"keep_all=1"_s << u"unknown option \"keep_all\""_s;
    QTest::newRow("zero") << u"keep_events=0"_s << u"keep_events takes a whole number above 0"_s;
    QTest::newRow("text") << u"max_size=big"_s << u"max_size takes a whole number above 0"_s;
}

void TestSqliteStore::badOptionsAreRefused()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"o.db"_s);
    const Result<Store> store = openStore(u"sqlite:"_s + path + u'?' + query, StoreRole::Owner);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(store.errorMessage().contains(message), qPrintable(store.errorMessage()));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"
