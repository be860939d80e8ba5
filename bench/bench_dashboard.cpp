// The dashboard under load, as a user would run it: the main window on the GUI thread, fed by
// the engine host's batched signals. `--load` drives it with N agents that each change state
// every second and E events per second from a thread of its own for S seconds, and reports the
// GUI thread's event-loop latency, how often the table repainted, and the memory held with the
// event log full. `--startup URL` times main() to the window on screen on a stored fleet (made
// with `bench_store --populate`), started as the dashboard starts it, and then to the engine
// running and the table filled. Each mode prints one JSON line; BENCHMARKS.md explains them.
#include "enginehost.h"
#include "mainwindow.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace nightshift;

namespace {

using SteadyClock = std::chrono::steady_clock;

QElapsedTimer processClock;

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    // Nearest rank.
    const auto rank = std::size_t(std::max(1.0, std::ceil(fraction * double(values.size()))));
    return values.at(std::min(rank, values.size()) - 1);
}

// Resident memory of this process in MiB, from the kernel's own count.
double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_dashboard: %s\n", qPrintable(message));
    return 2;
}

QString agentId(int index)
{
    return QStringLiteral("agent-%1").arg(index, 5, 10, QLatin1Char('0'));
}

// How late a timer that should fire every millisecond actually fires on the GUI thread: the
// time any other work held the event loop.
class LatencyProbe final : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const auto now = SteadyClock::now();
            m_samples.push_back(std::max(
                0.0, std::chrono::duration<double, std::milli>(now - m_last).count() - 1.0));
            m_last = now;
        });
    }
    void start()
    {
        m_last = SteadyClock::now();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    const std::vector<double> &samples() const { return m_samples; }

private:
    QTimer m_timer;
    SteadyClock::time_point m_last;
    std::vector<double> m_samples;
};

// Counts the table's repaints, one per screen update however many rows changed.
class PaintCounter final : public QObject
{
public:
    using QObject::QObject;
    int count() const { return m_count; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return QObject::eventFilter(watched, event);
    }

private:
    int m_count = 0;
};

AgentStatus statusOf(int index, int tick)
{
    AgentStatus status;
    status.agentId = agentId(index);
    status.specRevision = 1;
    status.desired = DesiredState::Started;
    status.state = (index + tick) % 2 == 0 ? AgentState::Running : AgentState::Scheduled;
    status.runCount = tick;
    status.nextRunMs = QDateTime::currentMSecsSinceEpoch() + 1000;
    status.lastOutcome = QStringLiteral("completed");
    return status;
}

// The engine's side of the load, on a thread of its own as the engine is: a batch every 100 ms
// (EngineHost's own cadence), each with the agents whose second came round and their events.
class Feeder final : public QObject
{
public:
    Feeder(EngineHost *host, int agents, int eventsPerSecond, int seconds)
        : m_host(host)
        , m_agents(agents)
        , m_eventsPerBatch(eventsPerSecond / 10)
        , m_batches(seconds * 10)
    {}

    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(100);
        connect(m_timer, &QTimer::timeout, this, [this] { sendBatch(); });
        m_timer->start();
    }
    bool done() const { return m_done.load(); }
    qint64 eventsSent() const { return m_eventsSent.load(); }

private:
    void sendBatch()
    {
        const int tick = m_sent / 10;
        const int slice = m_sent % 10;
        QList<AgentStatus> statuses;
        for (int i = slice; i < m_agents; i += 10)
            statuses.append(statusOf(i, tick + 1));
        EventList events;
        events.reserve(m_eventsPerBatch);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < m_eventsPerBatch; ++i) {
            Event event;
            event.agentId = agentId(int(m_seq % m_agents));
            event.seq = ++m_seq;
            event.runId = QStringLiteral("run-%1").arg(m_seq / 7);
            event.type = i % 7 == 0 ? QStringLiteral("background_task_completed")
                                    : QStringLiteral("tool_call_completed");
            event.timestampMs = now;
            event.payload = {{"tool", "system_info"},
                             {"result", "load 0.42, disk 71 percent, memory 38 percent"},
                             {"duration_ms", 12}};
            events.append(std::move(event));
        }
        // Emitted here, delivered on the GUI thread: the host's signals cross as queued ones.
        Q_EMIT m_host->agentsUpdated(statuses);
        Q_EMIT m_host->eventsAppended(events);
        m_eventsSent += m_eventsPerBatch;
        if (++m_sent == m_batches) {
            m_timer->stop();
            m_done = true;
        }
    }

    EngineHost *m_host;
    int m_agents;
    int m_eventsPerBatch;
    int m_batches;
    int m_sent = 0;
    qint64 m_seq = 0;
    QTimer *m_timer = nullptr;
    std::atomic<bool> m_done = false;
    std::atomic<qint64> m_eventsSent = 0;
};

int load(int agents, int eventsPerSecond, int seconds)
{
    EngineHost host;
    if (const Result<void> started = host.start(QStringLiteral("memory:")); !started)
        return fail(started.errorMessage());
    MainWindow window(&host);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return fail(QStringLiteral("the window never showed"));
    // The whole fleet first, as the store would list it at start.
    QList<AgentStatus> fleet;
    for (int i = 0; i < agents; ++i)
        fleet.append(statusOf(i, 0));
    Q_EMIT host.agentsUpdated(fleet);
    QCoreApplication::processEvents();

    auto *table = window.findChild<QAbstractItemView *>(QStringLiteral("agentTable"));
    if (!table)
        return fail(QStringLiteral("the main window has no view named agentTable"));
    PaintCounter paints;
    table->viewport()->installEventFilter(&paints);

    QThread engineSide;
    Feeder feeder(&host, agents, eventsPerSecond, seconds);
    feeder.moveToThread(&engineSide);
    engineSide.start();
    LatencyProbe probe;
    const double rssBefore = residentMiB();
    const auto started = SteadyClock::now();
    probe.start();
    // Started on the feeder's thread, as the engine's batches start on the engine's.
    QMetaObject::invokeMethod(&feeder, [&feeder] { feeder.start(); });
    const int timeoutMs = seconds * 1000 + 60'000;
    // The GUI thread runs an event loop, as the application's does: QTest::qWaitFor() and
    // qWait() sleep 10 ms between passes, which the probe would count as latency.
    QEventLoop loop;
    const QDeadlineTimer deadline(timeoutMs);
    QTimer finished;
    finished.setInterval(50);
    QObject::connect(&finished, &QTimer::timeout, &loop, [&] {
        if (feeder.done() || deadline.hasExpired())
            loop.quit();
    });
    finished.start();
    loop.exec();
    finished.stop();
    // Let the last batches arrive and be shown.
    QTimer::singleShot(500, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    const double elapsed = std::chrono::duration<double>(SteadyClock::now() - started).count();
    engineSide.quit();
    engineSide.wait();
    const double rssAfter = residentMiB();
    if (!feeder.done())
        return fail(QStringLiteral("the feeder did not finish within %1 ms").arg(timeoutMs));

    const std::vector<double> &samples = probe.samples();
    nlohmann::json result = {
        {"mode", "load"},
        {"agents", agents},
        {"events_per_second", eventsPerSecond},
        {"seconds", seconds},
        {"events_sent", feeder.eventsSent()},
        {"latency_samples", samples.size()},
        {"latency_p50_ms", percentile(samples, 0.50)},
        {"latency_p99_ms", percentile(samples, 0.99)},
        {"latency_max_ms",
         samples.empty() ? 0.0 : *std::max_element(samples.begin(), samples.end())},
        {"table_repaints_per_second", double(paints.count()) / elapsed},
        {"rss_before_mib", rssBefore},
        {"rss_after_mib", rssAfter},
    };
    std::printf("%s\n", result.dump().c_str());
    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    drained.wait(30'000);
    return 0;
}

int startup(const QString &url)
{
    // As the dashboard starts: the engine in the background while the window is built.
    EngineHost host;
    host.startInBackground(url);
    MainWindow window(&host);
    const qint64 showFromMs = processClock.elapsed();
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return fail(QStringLiteral("the window never showed"));
    const qint64 visibleMs = processClock.elapsed();
    QSignalSpy started(&host, &EngineHost::started);
    QSignalSpy failed(&host, &EngineHost::startFailed);
    if (!host.isStarted() && !started.wait(60'000))
        return fail(failed.isEmpty() ? QStringLiteral("the engine did not start in a minute")
                                     : failed.first().first().toString());
    const qint64 startedMs = processClock.elapsed();
    auto *table = window.findChild<QAbstractItemView *>(QStringLiteral("agentTable"));
    if (!table || !table->model())
        return fail(QStringLiteral("the window has no agent table"));
    // The first page of specs comes with the statuses; the rest follow a page per pass.
    QCoreApplication::processEvents();
    const int rows = table->model()->rowCount();
    const qint64 filledMs = processClock.elapsed();
    std::printf("%s\n",
                nlohmann::json{{"mode", "startup"},
                               {"store", url.toStdString()},
                               {"rows", rows},
                               {"main_to_visible_ms", visibleMs},
                               {"window_built_ms", showFromMs},
                               {"show_to_exposed_ms", visibleMs - showFromMs},
                               {"main_to_engine_started_ms", startedMs},
                               {"main_to_table_filled_ms", filledMs}}
                    .dump()
                    .c_str());
    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    drained.wait(30'000);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    processClock.start();
    QApplication app(argc, argv);
    // Column layouts and geometry the window remembers go to a throwaway place.
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption loadOption(QStringLiteral("load"),
                                        QStringLiteral("Drive the window with a synthetic load."));
    const QCommandLineOption startupOption(QStringLiteral("startup"),
                                           QStringLiteral("Time main() to a visible window."),
                                           QStringLiteral("URL"));
    const QCommandLineOption agentsOption(QStringLiteral("agents"),
                                          QStringLiteral("Agents."),
                                          QStringLiteral("N"),
                                          QStringLiteral("10000"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Events per second."),
                                        QStringLiteral("N"),
                                        QStringLiteral("50000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Seconds."),
                                           QStringLiteral("N"),
                                           QStringLiteral("60"));
    parser.addOptions({loadOption, startupOption, agentsOption, rateOption, secondsOption});
    parser.process(app);
    if (parser.isSet(startupOption))
        return startup(parser.value(startupOption));
    if (parser.isSet(loadOption))
        return load(parser.value(agentsOption).toInt(),
                    parser.value(rateOption).toInt(),
                    parser.value(secondsOption).toInt());
    return fail(QStringLiteral("choose --load or --startup URL (see --help)"));
}
