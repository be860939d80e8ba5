/* The raw SQLite ceiling for `bench_store --append sqlite:...`: the same rows into the same
 * table with the same pragmas, in batches of the same size (one transaction each, one prepared
 * statement), from a plain C loop on the same libsqlite3. Nightshift's rate divided by this one
 * is what the engine's path (Qt SQL, JSON, its batching) keeps of what SQLite can do here.
 *
 *     sqlite_ceiling PATH EVENTS AGENTS BATCH
 *
 * PATH must not exist yet. Prints one JSON line. */
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/resource.h>
#include <sys/stat.h>

/* The rows are a pure function of the event's index, byte for byte those of bench_store.cpp's
 * completedEvent(): keep the two in step. */
#define FIRST_TIMESTAMP_MS 1767225600000LL
static const char result_text[]
    = "Disk usage on /var is 71 percent; the largest growth since the last run is "
      "/var/log/journal (+1.2 GiB in 24 h). Memory and load are within their usual range. "
      "No action needed; the next check will compare against this one. Uptime 41 days; 3 "
      "packages have updates pending, none of them security fixes.";
/* The rows take up to 250 characters of it. */
_Static_assert(sizeof result_text > 250, "result_text is too short");
static const char event_type[] = "background_task_completed";

/* The engine's `events` table (engine/sqlitedatabase.cpp, schema 1). */
static const char schema[] = "CREATE TABLE events ("
                             "    id INTEGER PRIMARY KEY,"
                             "    agent_id TEXT NOT NULL,"
                             "    seq INTEGER NOT NULL,"
                             "    run_id TEXT NOT NULL,"
                             "    type TEXT NOT NULL,"
                             "    timestamp INTEGER NOT NULL,"
                             "    payload TEXT NOT NULL,"
                             "    UNIQUE (agent_id, seq)"
                             ")";

static void check(int rc, int expected, sqlite3 *db, const char *what)
{
    if (rc == expected)
        return;
    fprintf(stderr, "sqlite_ceiling: %s: %s\n", what, sqlite3_errmsg(db));
    exit(2);
}

static void exec(sqlite3 *db, const char *sql)
{
    check(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, db, sql);
}

static double seconds(clockid_t clock)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static long long positive(const char *text, const char *name)
{
    char *end = NULL;
    const long long value = strtoll(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value <= 0) {
        fprintf(stderr, "sqlite_ceiling: %s must be a positive number, not \"%s\"\n", name, text);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: sqlite_ceiling PATH EVENTS AGENTS BATCH\n");
        return 2;
    }
    const char *path = argv[1];
    const long long events = positive(argv[2], "EVENTS");
    const long long agents = positive(argv[3], "AGENTS");
    const long long batch = positive(argv[4], "BATCH");
    struct stat existing;
    if (stat(path, &existing) == 0) {
        fprintf(stderr, "sqlite_ceiling: %s exists; the rows' seq start at 1\n", path);
        return 2;
    }

    sqlite3 *db = NULL;
    check(sqlite3_open(path, &db), SQLITE_OK, db, "open");
    /* The engine's pragmas (engine/sqlitedatabase.cpp). */
    exec(db, "PRAGMA journal_mode = WAL");
    exec(db, "PRAGMA synchronous = NORMAL");
    exec(db, schema);
    sqlite3_stmt *insert = NULL;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO events (agent_id, seq, run_id, type, timestamp, payload) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             -1,
                             &insert,
                             NULL),
          SQLITE_OK,
          db,
          "prepare");

    char agent_id[32];
    char run_id[48];
    char payload[1024];
    const double wall_before = seconds(CLOCK_MONOTONIC);
    const double cpu_before = cpu_seconds();
    long long commits = 0;
    for (long long index = 0; index < events; ++index) {
        if (index % batch == 0)
            exec(db, "BEGIN IMMEDIATE");
        const long long agent = index % agents;
        const long long input_tokens = 500 + index % 1000;
        const long long output_tokens = 100 + index % 400;
        const int result_length = (int)(70 + index * 37 % 181);
        const int agent_length = snprintf(agent_id, sizeof agent_id, "agent-%05lld", agent);
        const int run_length = snprintf(
            run_id, sizeof run_id, "%08llx-0000-4000-8000-%012llx", agent, index / agents);
        const int payload_length
            = snprintf(payload,
                       sizeof payload,
                       "{\"attempts\":1,\"duration_ms\":%lld,\"result\":\"%.*s\","
                       "\"usage\":{\"cost\":0.0025,\"input_tokens\":%lld,"
                       "\"output_tokens\":%lld,\"requests\":1,"
                       "\"total_tokens\":%lld}}",
                       800 + index % 5000,
                       result_length,
                       result_text,
                       input_tokens,
                       output_tokens,
                       input_tokens + output_tokens);
        sqlite3_bind_text(insert, 1, agent_id, agent_length, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, index / agents + 1);
        sqlite3_bind_text(insert, 3, run_id, run_length, SQLITE_STATIC);
        sqlite3_bind_text(insert, 4, event_type, (int)strlen(event_type), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 5, FIRST_TIMESTAMP_MS + index);
        sqlite3_bind_text(insert, 6, payload, payload_length, SQLITE_STATIC);
        check(sqlite3_step(insert), SQLITE_DONE, db, "insert");
        sqlite3_reset(insert);
        if (index % batch == batch - 1 || index == events - 1) {
            exec(db, "COMMIT");
            ++commits;
        }
    }
    const double wall = seconds(CLOCK_MONOTONIC) - wall_before;
    const double cpu = cpu_seconds() - cpu_before;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    printf("{\"rows\":%lld,\"agents\":%lld,\"batch\":%lld,\"commits\":%lld,"
           "\"wall_seconds\":%.6f,\"cpu_seconds\":%.6f,\"rows_per_second\":%.1f,"
           "\"rows_per_cpu_second\":%.1f,\"sqlite_version\":\"%s\"}\n",
           events,
           agents,
           batch,
           commits,
           wall,
           cpu,
           (double)events / wall,
           (double)events / cpu,
           sqlite3_libversion());
    return 0;
}
