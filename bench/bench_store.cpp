// The durable stores under load, through the engine's own API: events per second appended
// through openStore(url)->events (SQLite batched, Redis pipelined) with how long an appended
// event waits until it is durable, and how long a process takes from main() to a running
// scheduler on a store of many agents and events. run_store_benchmark.py runs it next to the raw
// ceilings (sqlite_ceiling.c, redis-benchmark); BENCHMARKS.md explains the figures.
#include "backgroundagentservice.h"
#include "clock.h"
#include "enginehost.h"
#include "rediseventrouter.h"
#include "routers.h"
#include "scheduler.h"
#include "sqliteeventrouter.h"
#include "toolregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <vector>

#include <sys/resource.h>

using namespace nightshift;

namespace {

using SteadyClock = std::chrono::steady_clock;

// The rows are a pure function of the event's index, the same byte for byte as the ones
// sqlite_ceiling.c writes, so the two sides store identical data.
constexpr qint64 FirstTimestampMs = 1'767'225'600'000;
constexpr char ResultText[]
    = "Disk usage on /var is 71 percent; the largest growth since the last run is "
      "/var/log/journal (+1.2 GiB in 24 h). Memory and load are within their usual range. "
      "No action needed; the next check will compare against this one. Uptime 41 days; 3 "
      "packages have updates pending, none of them security fixes.";
// completedPayload() takes up to 250 characters of it.
static_assert(sizeof(ResultText) > 250);

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double msBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

QString agentName(qint64 agent)
{
    return QStringLiteral("agent-%1").arg(agent, 5, 10, QLatin1Char('0'));
}

// Shaped like a UUID, as the engine's run ids are, but reproducible.
QString runName(qint64 agent, qint64 run)
{
    return QStringLiteral("%1-0000-4000-8000-%2")
        .arg(agent, 8, 16, QLatin1Char('0'))
        .arg(run, 12, 16, QLatin1Char('0'));
}

// A background_task_completed payload of 200 to 400 bytes, as a run with a short answer has.
nlohmann::json completedPayload(qint64 index)
{
    const qint64 inputTokens = 500 + index % 1000;
    const qint64 outputTokens = 100 + index % 400;
    const std::size_t resultLength = std::size_t(70 + index * 37 % 181);
    return {{"attempts", 1},
            {"duration_ms", 800 + index % 5000},
            {"result", std::string(ResultText, resultLength)},
            {"usage",
             {{"cost", 0.0025},
              {"input_tokens", inputTokens},
              {"output_tokens", outputTokens},
              {"requests", 1},
              {"total_tokens", inputTokens + outputTokens}}}};
}

// Event number index of a load spread round-robin over the agents, one run per round.
Event completedEvent(const QStringList &agents, qint64 index)
{
    const qint64 agent = index % agents.size();
    Event event;
    event.agentId = agents.at(agent);
    event.runId = runName(agent, index / agents.size());
    event.type = QString::fromLatin1(EventType::TaskCompleted);
    event.timestampMs = FirstTimestampMs + index;
    event.payload = completedPayload(index);
    return event;
}

QStringList agentNames(qint64 count)
{
    QStringList names;
    for (qint64 agent = 0; agent < count; ++agent)
        names.append(agentName(agent));
    return names;
}

qint64 storedEvents(const EventRouter &events, const QStringList &agents)
{
    qint64 total = 0;
    for (const QString &agent : agents)
        total += events.lastSeq(agent);
    return total;
}

// Events appended but not yet durable. Both routers write in append order, so every event
// older than the newest pending ones is durable.
std::function<qint64()> pendingCounter(EventRouter *events)
{
    if (auto *sqlite = dynamic_cast<SqliteEventRouter *>(events))
        return [sqlite] {
            return qint64(sqlite->pendingCount());
        };
    if (auto *redis = dynamic_cast<RedisEventRouter *>(events))
        return [redis] {
            return redis->pendingCount();
        };
    return {};
}

double percentile(std::vector<double> sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank.
    const auto rank = std::size_t(std::max(1.0, std::ceil(fraction * double(sorted.size()))));
    return sorted.at(std::min(rank, sorted.size()) - 1);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_store: %s\n", qPrintable(message));
    return 2;
}

// Appends `total` events from the event loop, a chunk per turn, so the router's own timers
// (SQLite's 50 ms batch) and socket (Redis's replies) run between chunks as in the engine.
class AppendLoad final : public QObject
{
public:
    AppendLoad(EventRouter *events,
               QStringList agents,
               qint64 total,
               int chunk,
               qint64 maxPending,
               double rate)
        : m_events(events)
        , m_pending(pendingCounter(events))
        , m_countCommits(dynamic_cast<SqliteEventRouter *>(events) != nullptr)
        , m_agents(std::move(agents))
        , m_total(total)
        , m_chunk(chunk)
        , m_maxPending(maxPending)
        , m_rate(rate)
    {
        // Zero interval: one chunk each time the event loop has handled everything else. A paced
        // load looks every millisecond instead.
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(m_rate > 0 ? 1 : 0);
        connect(&m_ticker, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        m_cpuBefore = cpuSeconds();
        m_started = SteadyClock::now();
        m_ticker.start();
    }

    const nlohmann::json &result() const { return m_result; }

private:
    struct Chunk
    {
        qint64 lastIndex;
        SteadyClock::time_point firstAppended;
    };

    void tick()
    {
        observe();
        if (m_appended == m_total) {
            finish();
            return;
        }
        const bool blocked = m_maxPending > 0 && m_pending() >= m_maxPending;
        // Waiting in 1 ms steps rather than spinning keeps the CPU figure the writes' own.
        m_ticker.setInterval(blocked || m_rate > 0 ? 1 : 0);
        if (blocked)
            return;
        qint64 end = std::min(m_total, m_appended + m_chunk);
        if (m_rate > 0) {
            const double elapsed = msBetween(m_started, SteadyClock::now()) / 1000.0;
            end = std::min(end, qint64(m_rate * elapsed));
            if (end <= m_appended)
                return;
        }
        const auto firstAppended = SteadyClock::now();
        for (; m_appended < end; ++m_appended) {
            const Result<Event> appended = m_events->append(completedEvent(m_agents, m_appended));
            if (!appended) {
                stop(appended.errorMessage());
                return;
            }
        }
        // A chunk is durable once its last event is; its first event waited the longest.
        m_waiting.push_back({end - 1, firstAppended});
        m_lastPending = m_pending();
    }

    // Settles every chunk whose last event became durable since the last look. The look comes
    // right after the event loop ran the write, so the figure is an upper bound by at most
    // one turn of the loop.
    void observe()
    {
        const auto now = SteadyClock::now();
        const qint64 pending = m_pending();
        // A SQLite batch is written whole, in one transaction, so a drop is one commit.
        if (m_countCommits && pending < m_lastPending)
            ++m_commits;
        m_lastPending = pending;
        const qint64 durable = m_appended - pending;
        while (!m_waiting.empty() && m_waiting.front().lastIndex < durable) {
            m_latencies.push_back(msBetween(m_waiting.front().firstAppended, now));
            m_waiting.pop_front();
        }
    }

    void finish()
    {
        m_ticker.stop();
        const Result<void> flushed = m_events->flush();
        const auto done = SteadyClock::now();
        const double cpu = cpuSeconds() - m_cpuBefore;
        if (!flushed) {
            stop(flushed.errorMessage());
            return;
        }
        observe();
        const double wall = msBetween(m_started, done) / 1000.0;
        m_result = {
            {"events", m_total},
            {"agents", m_agents.size()},
            {"chunk", m_chunk},
            {"rate", m_rate},
            {"wall_seconds", wall},
            {"cpu_seconds", cpu},
            {"events_per_second", double(m_total) / wall},
            {"events_per_cpu_second", double(m_total) / cpu},
            {"durable_samples", m_latencies.size()},
            {"durable_p50_ms", percentile(m_latencies, 0.50)},
            {"durable_p99_ms", percentile(m_latencies, 0.99)},
            {"durable_max_ms", percentile(m_latencies, 1.0)},
        };
        if (m_countCommits) {
            m_result["commits"] = m_commits;
            m_result["events_per_commit"]
                = double(m_total) / double(std::max<qint64>(1, m_commits));
        }
        QCoreApplication::exit(0);
    }

    void stop(const QString &error)
    {
        m_ticker.stop();
        m_result = {{"error", error.toStdString()}};
        QCoreApplication::exit(2);
    }

    EventRouter *m_events;
    std::function<qint64()> m_pending;
    bool m_countCommits;
    QStringList m_agents;
    qint64 m_total;
    int m_chunk;
    qint64 m_maxPending;
    double m_rate;
    qint64 m_appended = 0;
    qint64 m_lastPending = 0;
    qint64 m_commits = 0;
    std::deque<Chunk> m_waiting;
    std::vector<double> m_latencies;
    QTimer m_ticker;
    SteadyClock::time_point m_started;
    double m_cpuBefore = 0;
    nlohmann::json m_result;
};

int appendEvents(const QString &url,
                 qint64 agentCount,
                 qint64 eventCount,
                 int chunk,
                 qint64 maxPending,
                 double rate)
{
    Result<Store> opened = openStore(url);
    if (!opened)
        return fail(opened.errorMessage());
    const Store store = std::move(opened).value();
    if (!pendingCounter(store.events.get()))
        return fail(QStringLiteral("%1 is not a durable store; use sqlite: or redis://").arg(url));
    const QStringList agents = agentNames(agentCount);
    const qint64 before = storedEvents(*store.events, agents);
    AppendLoad load(store.events.get(), agents, eventCount, chunk, maxPending, rate);
    load.start();
    const int status = QCoreApplication::exec();
    nlohmann::json result = load.result();
    if (status != 0)
        return fail(QString::fromStdString(result.value("error", std::string())));
    // Durable means another connection reads it: a client's view of the store must hold every
    // event.
    Result<Store> client = openStore(url, StoreRole::Client);
    if (!client)
        return fail(client.errorMessage());
    const qint64 seen = storedEvents(*client.value().events, agents) - before;
    result["client_sees"] = seen;
    result["url"] = store.url.toStdString();
    std::puts(result.dump().c_str());
    return seen == eventCount ? 0 : 1;
}

// Agents as a deployment has them, started through the service on interval schedules whose
// first runs fall across one interval from now, then a history of events in big transactions.
int populate(const QString &url, qint64 agentCount, qint64 eventCount, qint64 intervalMs)
{
    Result<Store> opened = openStore(url);
    if (!opened)
        return fail(opened.errorMessage());
    const Store store = std::move(opened).value();
    const auto began = SteadyClock::now();
    SystemClock clock;
    Scheduler scheduler(&clock);
    const std::unique_ptr<ToolRegistry> tools = ToolRegistry::withBuiltins();
    BackgroundAgentService service(store.memory.get(), store.events.get(), &scheduler, tools.get());
    if (const Result<void> loaded = service.loadStoredAgents(); !loaded)
        return fail(loaded.errorMessage());
    const qint64 now = clock.nowMs();
    const QStringList agents = agentNames(agentCount);
    for (qint64 i = 0; i < agentCount; ++i) {
        AgentSpec spec;
        spec.agentId = agents.at(i);
        spec.systemInstruction = QStringLiteral(
            "You watch one host and report what changed since your last run, briefly.");
        spec.model.provider = QStringLiteral("none");
        spec.schedule.kind = Schedule::Kind::Interval;
        spec.schedule.intervalMs = intervalMs;
        spec.schedule.anchorMs = now + i * intervalMs / agentCount;
        spec.task.query = QStringLiteral("Check disk, memory and load on host-%1; report anything "
                                         "unusual.")
                              .arg(i);
        spec.tools = {QStringLiteral("system_info")};
        if (const Result<AgentStatus> created = service.create(spec); !created)
            return fail(created.errorMessage());
        if (const Result<AgentStatus> started = service.startAgent(spec.agentId); !started)
            return fail(started.errorMessage());
    }
    constexpr qint64 Transaction = 50'000;
    qint64 stored = storedEvents(*store.events, agents);
    for (qint64 index = 0; stored < eventCount; ++index, ++stored) {
        if (const Result<Event> appended = store.events->append(completedEvent(agents, index));
            !appended)
            return fail(appended.errorMessage());
        if (index % Transaction == Transaction - 1) {
            if (const Result<void> flushed = store.events->flush(); !flushed)
                return fail(flushed.errorMessage());
        }
    }
    if (const Result<void> flushed = store.events->flush(); !flushed)
        return fail(flushed.errorMessage());
    const nlohmann::json result = {
        {"agents", agentCount},
        {"events", stored},
        {"interval_seconds", intervalMs / 1000},
        {"seconds", msBetween(began, SteadyClock::now()) / 1000.0},
    };
    std::puts(result.dump().c_str());
    return 0;
}

// Whole runs through the service on the store, in simulated time as fast as one core goes, as
// bench_runs does on the in-memory store: what a run's writes (run record and status, each
// saved twice, and its events made durable before it is reported finished) cost on a real
// backend.
int wholeRuns(const QString &url, qint64 agentCount, qint64 simulatedSeconds)
{
    Result<Store> opened = openStore(url);
    if (!opened)
        return fail(opened.errorMessage());
    const Store store = std::move(opened).value();
    const qint64 start = SystemClock().nowMs();
    ManualClock clock(start);
    Scheduler scheduler(&clock);
    const std::unique_ptr<ToolRegistry> tools = ToolRegistry::withBuiltins();
    BackgroundAgentService service(store.memory.get(), store.events.get(), &scheduler, tools.get());
    if (const Result<void> started = service.startManager(); !started)
        return fail(started.errorMessage());
    const QStringList agents = agentNames(agentCount);
    for (qint64 i = 0; i < agentCount; ++i) {
        AgentSpec spec;
        spec.agentId = agents.at(i);
        spec.model.provider = QStringLiteral("none");
        spec.schedule.kind = Schedule::Kind::Interval;
        spec.schedule.intervalMs = 1000;
        // Spread evenly over the second.
        spec.schedule.anchorMs = start + i * 1000 / agentCount;
        if (const Result<AgentStatus> created = service.create(spec); !created)
            return fail(created.errorMessage());
        if (const Result<AgentStatus> started = service.startAgent(spec.agentId); !started)
            return fail(started.errorMessage());
    }
    if (const Result<void> flushed = store.events->flush(); !flushed)
        return fail(flushed.errorMessage());
    const qint64 eventsBefore = storedEvents(*store.events, agents);
    qint64 runsBefore = 0;
    for (const AgentStatus &status : service.listAgents())
        runsBefore += status.runCount;

    const double cpuBefore = cpuSeconds();
    const auto wallBefore = SteadyClock::now();
    clock.advanceBy(simulatedSeconds * 1000);
    const double wall = msBetween(wallBefore, SteadyClock::now()) / 1000.0;
    const double cpu = cpuSeconds() - cpuBefore;

    qint64 runs = -runsBefore;
    for (const AgentStatus &status : service.listAgents())
        runs += status.runCount;
    const qint64 events = storedEvents(*store.events, agents) - eventsBefore;
    const nlohmann::json result = {
        {"agents", agentCount},
        {"simulated_seconds", simulatedSeconds},
        {"runs", runs},
        {"events", events},
        {"wall_seconds", wall},
        {"cpu_seconds", cpu},
        {"runs_per_second", double(runs) / wall},
        {"runs_per_cpu_second", double(runs) / cpu},
        {"events_per_second", double(events) / wall},
        {"url", store.url.toStdString()},
    };
    std::puts(result.dump().c_str());
    return 0;
}

// From main() to EngineHost::start() returning: the store opened on the engine thread, the
// agents loaded, what a crash cut off settled, every started agent scheduled and the
// scheduler's wake-up armed.
int startup(const QString &url, SteadyClock::time_point mainEntered)
{
    EngineHost host;
    const Result<void> started = host.start(url);
    const auto running = SteadyClock::now();
    if (!started)
        return fail(started.errorMessage());
    // Checked after the clock stopped: the manager runs and every agent has its next run due.
    qint64 agents = 0;
    qint64 scheduled = 0;
    qint64 firstDueMs = 0;
    bool managerRunning = false;
    host.call([&](BackgroundAgentService &service) {
        managerRunning = service.isManagerRunning();
        for (const AgentStatus &status : service.listAgents()) {
            ++agents;
            if (status.nextRunMs <= 0)
                continue;
            ++scheduled;
            firstDueMs
                = firstDueMs == 0 ? status.nextRunMs : std::min(firstDueMs, status.nextRunMs);
        }
    });
    const nlohmann::json result = {
        {"startup_ms", msBetween(mainEntered, running)},
        {"manager_running", managerRunning},
        {"agents", agents},
        {"scheduled", scheduled},
        {"first_due_in_s", double(firstDueMs - SystemClock().nowMs()) / 1000.0},
    };
    std::puts(result.dump().c_str());
    return managerRunning && scheduled == agents ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    // Start-up counts from here, as a user's process would (the loader's work before main()
    // is outside the engine's reach).
    const auto mainEntered = SteadyClock::now();
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Store throughput and start-up; one mode per run, one JSON line out."));
    const QCommandLineOption appendOption(
        QStringLiteral("append"),
        QStringLiteral("Append --events events to the store at URL, as fast as it takes them."),
        QStringLiteral("URL"));
    const QCommandLineOption populateOption(
        QStringLiteral("populate"),
        QStringLiteral("Fill the store at URL with --agents started agents and --events events."),
        QStringLiteral("URL"));
    const QCommandLineOption startupOption(
        QStringLiteral("startup"),
        QStringLiteral("Time main() to a running scheduler on the store at URL."),
        QStringLiteral("URL"));
    const QCommandLineOption runsOption(
        QStringLiteral("runs"),
        QStringLiteral("Run --agents agents every second for --seconds simulated seconds."),
        QStringLiteral("URL"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Simulated seconds of --runs."),
                                           QStringLiteral("S"),
                                           QStringLiteral("10"));
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QStringLiteral("Events to append or to store."),
                                          QStringLiteral("N"),
                                          QStringLiteral("1000000"));
    const QCommandLineOption agentsOption(QStringLiteral("agents"),
                                          QStringLiteral("Agents the events are spread over."),
                                          QStringLiteral("N"),
                                          QStringLiteral("100"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"),
                                         QStringLiteral("Appends per turn of the event loop."),
                                         QStringLiteral("N"),
                                         QStringLiteral("256"));
    const QCommandLineOption rateOption(
        QStringLiteral("rate"),
        QStringLiteral("Append at this many events per second instead of as fast as possible."),
        QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption maxPendingOption(
        QStringLiteral("max-pending"),
        QStringLiteral("Hold appends while this many wait to be durable (0: never); Redis "
                       "defaults to the router's window."),
        QStringLiteral("N"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("Populated agents' interval."),
                                            QStringLiteral("SECONDS"),
                                            QStringLiteral("3600"));
    parser.addOptions({appendOption,
                       populateOption,
                       startupOption,
                       runsOption,
                       secondsOption,
                       eventsOption,
                       agentsOption,
                       chunkOption,
                       rateOption,
                       maxPendingOption,
                       intervalOption});
    parser.addHelpOption();
    parser.process(app);
    const qint64 events = parser.value(eventsOption).toLongLong();
    const qint64 agents = parser.value(agentsOption).toLongLong();
    const int chunk = parser.value(chunkOption).toInt();
    if (events <= 0 || agents <= 0 || chunk <= 0)
        return fail(QStringLiteral("--events, --agents and --chunk must be positive"));
    if (parser.isSet(appendOption)) {
        const QString url = parser.value(appendOption);
        // Redis takes writes as fast as its socket does and keeps the rest in memory, then on
        // disk; a producer that outran it would measure the spill file, not Redis.
        const qint64 defaultMaxPending
            = url.startsWith(u"redis") ? RedisEventRouter::Window : qint64(0);
        const qint64 maxPending = parser.isSet(maxPendingOption)
                                      ? parser.value(maxPendingOption).toLongLong()
                                      : defaultMaxPending;
        return appendEvents(
            url, agents, events, chunk, maxPending, parser.value(rateOption).toDouble());
    }
    if (parser.isSet(populateOption))
        return populate(parser.value(populateOption),
                        agents,
                        events,
                        parser.value(intervalOption).toLongLong() * 1000);
    if (parser.isSet(runsOption))
        return wholeRuns(
            parser.value(runsOption), agents, parser.value(secondsOption).toLongLong());
    if (parser.isSet(startupOption))
        return startup(parser.value(startupOption), mainEntered);
    return fail(
        QStringLiteral("choose one of --append, --populate, --startup, --runs (see --help)"));
}
