// Due-time arithmetic on a fleet of cron agents: the next occurrences of 10,000 cron schedules,
// one-off (nextOccurrence) and as the engine keeps them (ScheduleTimes), and the editor's budget
// forecast of a cron schedule, which counts a month of occurrences on every edit. One JSON line
// of results.

#include "budgetforecast.h"
#include "scheduletimes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace nightshift {
namespace {

constexpr qint64 StartMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z

/// Varied expressions and zones, as a real fleet has them: a quarter in the system's zone.
std::vector<Schedule> cronSchedules(int count)
{
    const QStringList zones{QString(), u"Europe/Berlin"_s, u"America/New_York"_s, u"Asia/Tokyo"_s};
    std::vector<Schedule> schedules;
    schedules.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        Schedule schedule;
        schedule.kind = Schedule::Kind::Cron;
        schedule.cron = u"%1 %2-23 * * mon-fri"_s.arg(i % 60).arg(i % 12);
        schedule.timeZone = zones.at(i % zones.size());
        schedules.push_back(schedule);
    }
    return schedules;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

QJsonObject callResult(double calls, double seconds, qint64 checksum)
{
    return {{u"calls"_s, calls},
            {u"seconds"_s, seconds},
            {u"us_per_call"_s, seconds * 1e6 / calls},
            {u"checksum"_s, checksum}};
}

/// Each schedule's next `steps` due times, as the engine keeps them: one ScheduleTimes per
/// agent, built inside the measurement.
QJsonObject benchScheduleTimes(const std::vector<Schedule> &schedules, int steps)
{
    qint64 checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const Schedule &schedule : schedules) {
        const ScheduleTimes times(schedule);
        qint64 after = StartMs;
        for (int step = 0; step < steps; ++step) {
            after = times.next(StartMs, after);
            checksum += after % 1000'003;
        }
    }
    return callResult(double(schedules.size()) * steps, secondsSince(start), checksum);
}

/// Each schedule's next `steps` due times, one nextOccurrence() call each, which parses the
/// expression and looks up the zone every time.
QJsonObject benchNextOccurrence(const std::vector<Schedule> &schedules, int steps)
{
    qint64 checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const Schedule &schedule : schedules) {
        qint64 after = StartMs;
        for (int step = 0; step < steps; ++step) {
            after = nextOccurrence(schedule, StartMs, after);
            checksum += after % 1000'003;
        }
    }
    return callResult(double(schedules.size()) * steps, secondsSince(start), checksum);
}

/// The forecast of an every-minute cron agent: 43,200 occurrences counted per forecast.
QJsonObject benchForecast(int repeats)
{
    AgentSpec spec;
    spec.agentId = u"minutely"_s;
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini"_s;
    spec.schedule.kind = Schedule::Kind::Cron;
    spec.schedule.cron = u"* * * * *"_s;
    spec.schedule.timeZone = u"Europe/Berlin"_s;
    const PriceTable prices({{u"openai"_s, u"gpt-4o-mini"_s, 0.15, 0.60}});
    AgentSpending spending;
    spending.averageTokensPerRun = 1000;
    qint64 runs = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; ++i)
        runs += forecastBudget(spec, prices, spending, StartMs).runsAhead;
    const double seconds = secondsSince(start);
    return {{u"forecasts"_s, repeats},
            {u"runs_counted"_s, runs},
            {u"ms_per_forecast"_s, seconds * 1000 / repeats}};
}

} // namespace
} // namespace nightshift

int main(int argc, char **argv)
{
    using namespace nightshift;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption agentsOption(u"agents"_s, u"Cron agents."_s, u"n"_s, u"10000"_s);
    const QCommandLineOption stepsOption(
        u"steps"_s, u"Due times computed per agent."_s, u"n"_s, u"10"_s);
    const QCommandLineOption forecastsOption(
        u"forecasts"_s, u"Forecasts of an every-minute agent."_s, u"n"_s, u"5"_s);
    parser.addOptions({agentsOption, stepsOption, forecastsOption});
    parser.process(app);

    const std::vector<Schedule> schedules = cronSchedules(parser.value(agentsOption).toInt());
    QJsonObject result;
    result.insert(u"next_occurrence"_s,
                  benchNextOccurrence(schedules, parser.value(stepsOption).toInt()));
    result.insert(u"schedule_times"_s,
                  benchScheduleTimes(schedules, parser.value(stepsOption).toInt()));
    result.insert(u"forecast"_s, benchForecast(parser.value(forecastsOption).toInt()));
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
