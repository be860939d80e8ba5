// Whole runs per second on one core: agents on the `none` provider with no tools, the
// in-memory store keeping every event, driven through simulated time as fast as the engine
// goes, so the figure is the engine's own cost per run (dispatch, state machine, events, status).
#include "backgroundagentservice.h"
#include "clock.h"
#include "memorystore.h"
#include "scheduler.h"
#include "toolregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>

#include <sys/resource.h>

using namespace nightshift;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption agentsOption(QStringLiteral("agents"),
                                          QStringLiteral("Agents."),
                                          QStringLiteral("N"),
                                          QStringLiteral("1000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Simulated seconds."),
                                           QStringLiteral("S"),
                                           QStringLiteral("100"));
    parser.addOptions({agentsOption, secondsOption});
    parser.addHelpOption();
    parser.process(app);
    const int agents = parser.value(agentsOption).toInt();
    const qint64 simulatedSeconds = parser.value(secondsOption).toLongLong();

    constexpr qint64 start = 1'767'225'600'000;
    ManualClock clock(start);
    Scheduler scheduler(&clock);
    VolatileMemoryRouter memory;
    VolatileEventRouter events;
    ToolRegistry tools;
    BackgroundAgentService service(&memory, &events, &scheduler, &tools);
    service.startManager();
    qint64 due = 0;
    for (int i = 0; i < agents; ++i) {
        AgentSpec spec;
        spec.agentId = QStringLiteral("agent-%1").arg(i);
        spec.model.provider = QStringLiteral("none");
        spec.schedule.kind = Schedule::Kind::Interval;
        spec.schedule.intervalMs = 1000;
        // Spread the agents evenly over the second.
        const qint64 offset = qint64(i) * 1000 / agents;
        spec.schedule.anchorMs = start + offset;
        due += (simulatedSeconds * 1000 - offset) / 1000;
        service.create(spec);
        service.startAgent(spec.agentId);
    }
    qint64 eventsBefore = 0;
    for (int i = 0; i < agents; ++i)
        eventsBefore += events.lastSeq(QStringLiteral("agent-%1").arg(i));

    const double cpuBefore = cpuSeconds();
    const auto wallBefore = std::chrono::steady_clock::now();
    clock.advanceBy(simulatedSeconds * 1000);
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallBefore).count();
    const double cpu = cpuSeconds() - cpuBefore;

    qint64 runs = 0;
    qint64 eventCount = -eventsBefore;
    for (const AgentStatus &status : service.listAgents()) {
        runs += status.runCount;
        eventCount += events.lastSeq(status.agentId);
    }
    const nlohmann::json result = {
        {"agents", agents},
        {"simulated_seconds", simulatedSeconds},
        {"runs", runs},
        {"runs_due", due},
        {"events", eventCount},
        {"wall_seconds", wall},
        {"cpu_seconds", cpu},
        {"runs_per_second", double(runs) / wall},
        {"runs_per_cpu_second", double(runs) / cpu},
        {"events_per_second", double(eventCount) / wall},
        {"peak_rss_mb", peakRssMb()},
    };
    std::puts(result.dump().c_str());
    return runs == due ? 0 : 1;
}
