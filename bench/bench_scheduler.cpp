// Nightshift side of the scheduler benchmark: N jobs on a 1 s interval through Scheduler and
// SystemClock, one JSON line of results. bench/run_scheduler_comparison.py runs it beside
// bench/apscheduler_load.py, which prints the same fields.

#include "clock.h"
#include "scheduler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace nightshift {
namespace {

constexpr qint64 IntervalMs = 1000;
// A run that starts more than this late counts as missed: the same line APScheduler draws with
// its default misfire_grace_time of 1 s, so both sides are judged by one rule.
constexpr qint64 MissedAfterUs = 1'000'000;

enum class Load { Spread, Aligned };

struct Options
{
    Load load = Load::Spread;
    int jobs = 10'000;
    int seconds = 30;
};

struct CpuWindow
{
    double cpuSeconds = 0;
    double wallSeconds = 0;
};

struct LatenessStats
{
    qint64 due = 0;
    qint64 ran = 0;
    qint64 ranTooLate = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
};

qint64 wallNowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &tv) {
        return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double peakRssMib()
{
    // VmHWM rather than getrusage's ru_maxrss: Linux keeps ru_maxrss across execve, so a process
    // started by a larger one (the Python driver) would report its parent's peak instead.
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmHWM:"))
            return std::stod(line.substr(6)) / 1024.0; // kB
    }
    return 0;
}

// Samples from its own thread so that a busy event loop cannot delay the samples and stretch
// the window over work that belongs outside it.
CpuWindow measureCpuWindow(qint64 startMs, qint64 endMs)
{
    using namespace std::chrono;
    const auto at = [](qint64 ms) {
        return system_clock::time_point(milliseconds(ms));
    };
    std::this_thread::sleep_until(at(startMs));
    const double cpuStart = processCpuSeconds();
    const auto wallStart = steady_clock::now();
    std::this_thread::sleep_until(at(endMs));
    const double cpuEnd = processCpuSeconds();
    const auto wallEnd = steady_clock::now();
    return {cpuEnd - cpuStart, duration<double>(wallEnd - wallStart).count()};
}

double percentileMs(const std::vector<std::int32_t> &sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    // Nearest rank, the same definition apscheduler_load.py uses.
    const auto rank
        = std::max<std::size_t>(1, std::size_t(std::ceil(fraction * double(sorted.size()))));
    return double(sorted[rank - 1]) / 1000.0;
}

// Every job re-schedules itself at due + 1 s from its own callback, keeping its phase, the way
// the engine re-arms a recurring agent.
class PeriodicLoad
{
public:
    PeriodicLoad(Scheduler *scheduler, const Options &options, qint64 firstDueMs)
        : m_scheduler(scheduler)
        , m_options(options)
        , m_firstDueMs(firstDueMs)
        , m_windowEndMs(firstDueMs + options.seconds * IntervalMs)
    {
        // Sized for every run due in the window, so recording never allocates while measuring.
        m_latenessUs.reserve(std::size_t(options.jobs) * std::size_t(options.seconds));
    }

    qint64 windowEndMs() const { return m_windowEndMs; }

    void start()
    {
        for (int i = 0; i < m_options.jobs; ++i)
            scheduleRun(firstDueOf(i));
    }

    LatenessStats stats()
    {
        LatenessStats result;
        for (int i = 0; i < m_options.jobs; ++i)
            result.due += (m_windowEndMs - firstDueOf(i) + IntervalMs - 1) / IntervalMs;
        std::sort(m_latenessUs.begin(), m_latenessUs.end());
        result.ran = qint64(m_latenessUs.size());
        result.ranTooLate = std::count_if(m_latenessUs.begin(),
                                          m_latenessUs.end(),
                                          [](std::int32_t us) { return us > MissedAfterUs; });
        result.p50Ms = percentileMs(m_latenessUs, 0.50);
        result.p99Ms = percentileMs(m_latenessUs, 0.99);
        result.maxMs = m_latenessUs.empty() ? 0 : double(m_latenessUs.back()) / 1000.0;
        return result;
    }

private:
    qint64 firstDueOf(int job) const
    {
        if (m_options.load == Load::Aligned)
            return m_firstDueMs;
        return m_firstDueMs + qint64(job) * IntervalMs / m_options.jobs;
    }

    void scheduleRun(qint64 dueMs)
    {
        m_scheduler->schedule(dueMs, [this, dueMs] { run(dueMs); });
    }

    void run(qint64 dueMs)
    {
        // Runs due after the window keep the load steady until the process quits, but are not
        // counted. 2^31 us is 35 minutes, far beyond any lateness a finished run can have.
        if (dueMs < m_windowEndMs)
            m_latenessUs.push_back(std::int32_t(wallNowUs() - dueMs * 1000));
        scheduleRun(dueMs + IntervalMs);
    }

    Scheduler *m_scheduler;
    Options m_options;
    qint64 m_firstDueMs;
    qint64 m_windowEndMs;
    std::vector<std::int32_t> m_latenessUs;
};

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs N jobs on a 1 s interval through nightshift::Scheduler and prints one JSON line."_s);
    parser.addHelpOption();
    const QCommandLineOption loadOption(u"load"_s,
                                        u"spread: due times spread over the second; aligned: "
                                        u"all due at the same instant."_s,
                                        u"spread|aligned"_s,
                                        u"spread"_s);
    const QCommandLineOption jobsOption(u"jobs"_s, u"Number of jobs."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption secondsOption(
        u"seconds"_s, u"Length of the measured window."_s, u"S"_s, u"30"_s);
    parser.addOptions({loadOption, jobsOption, secondsOption});
    parser.process(app);

    Options options;
    const QString load = parser.value(loadOption);
    bool jobsOk = false;
    bool secondsOk = false;
    options.jobs = parser.value(jobsOption).toInt(&jobsOk);
    options.seconds = parser.value(secondsOption).toInt(&secondsOk);
    if ((load != u"spread"_s && load != u"aligned"_s) || !jobsOk || options.jobs < 1 || !secondsOk
        || options.seconds < 1) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return std::nullopt;
    }
    options.load = load == u"aligned"_s ? Load::Aligned : Load::Spread;
    return options;
}

int runBenchmark(QCoreApplication &app, const Options &options)
{
    SystemClock clock;
    Scheduler scheduler(&clock);
    // One second, plus about a microsecond per job that start() takes to schedule, so that
    // setting up a large load is not measured as lateness of its first runs.
    const qint64 firstDueMs = clock.nowMs() + 1000 + options.jobs / 1000;
    PeriodicLoad load(&scheduler, options, firstDueMs);
    load.start();

    CpuWindow window;
    std::thread sampler([&window, firstDueMs, &load] {
        window = measureCpuWindow(firstDueMs, load.windowEndMs());
    });
    // Runs due just before the window closes may still start up to 1 s late and count as done.
    const qint64 quitAtMs = load.windowEndMs() + MissedAfterUs / 1000 + 100;
    QTimer::singleShot(std::chrono::milliseconds(quitAtMs - clock.nowMs()),
                       Qt::PreciseTimer,
                       &app,
                       &QCoreApplication::quit);
    app.exec();
    sampler.join();

    const LatenessStats stats = load.stats();
    const qint64 missed = stats.due - stats.ran + stats.ranTooLate;
    const QJsonObject result{
        {u"impl"_s, u"nightshift"_s},
        {u"load"_s, options.load == Load::Aligned ? u"aligned"_s : u"spread"_s},
        {u"jobs"_s, options.jobs},
        {u"seconds"_s, options.seconds},
        {u"dispatch_rate_per_s"_s, double(options.jobs) * 1000.0 / double(IntervalMs)},
        {u"due"_s, stats.due},
        {u"ran"_s, stats.ran},
        {u"ran_over_1s_late"_s, stats.ranTooLate},
        {u"missed"_s, missed},
        {u"p50_ms"_s, stats.p50Ms},
        {u"p99_ms"_s, stats.p99Ms},
        {u"max_ms"_s, stats.maxMs},
        {u"cpu_percent"_s, 100.0 * window.cpuSeconds / window.wallSeconds},
        {u"wall_s"_s, window.wallSeconds},
        {u"peak_rss_mib"_s, peakRssMib()},
    };
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    return 0;
}

} // namespace
} // namespace nightshift

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const std::optional<nightshift::Options> options = nightshift::parseOptions(app);
    if (!options)
        return 2;
    return nightshift::runBenchmark(app, *options);
}
