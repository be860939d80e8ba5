#pragma once

#include "backgroundagentservice.h"
#include "clock.h"
#include "memorystore.h"
#include "scheduler.h"
#include "testtools.h"
#include "toolregistry.h"

#include <QStringList>

namespace nightshift {

// QCOMPARE prints these when a comparison fails.
inline char *toString(AgentState state)
{
    return qstrdup(stateName(state).toUtf8().constData());
}

inline char *toString(RunState state)
{
    return qstrdup(stateName(state).toUtf8().constData());
}

} // namespace nightshift

namespace nightshift::test {

/// A JSON value as text: strings as they are, anything else as compact JSON.
inline QString text(const nlohmann::json &value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

inline constexpr qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
inline constexpr qint64 Second = 1000;
inline constexpr qint64 Minute = 60 * Second;
inline constexpr qint64 Hour = 60 * Minute;

/// An agent on the `none` provider that runs every intervalMs and calls the given tools.
inline AgentSpec intervalSpec(const QString &id,
                              qint64 intervalMs,
                              const QStringList &tools = {},
                              nlohmann::json arguments = nlohmann::json::object())
{
    AgentSpec spec;
    spec.agentId = id;
    spec.model.provider = QStringLiteral("none");
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = intervalMs;
    spec.task.query = QStringLiteral("check");
    spec.task.toolArguments = std::move(arguments);
    spec.tools = tools;
    // Test tools may sleep for minutes; tests of tool_call_timeout set their own.
    spec.limits.toolCallTimeoutMs = Hour;
    return spec;
}

/// A whole engine on simulated time and the in-memory store, with every event it emits.
class EngineFixture
{
public:
    explicit EngineFixture(int flakyFailures = 0)
    {
        tools.add(std::make_unique<SleepTool>());
        auto flakyTool = std::make_unique<FlakyTool>(flakyFailures);
        flaky = flakyTool.get();
        tools.add(std::move(flakyTool));
        QObject::connect(&service,
                         &BackgroundAgentService::eventAppended,
                         &service,
                         [this](const Event &event) { events.append(event); });
        service.startManager();
    }

    /// The captured events of one type, optionally of one agent.
    EventList ofType(const char *type, const QString &agentId = {}) const
    {
        EventList result;
        for (const Event &event : events) {
            if (event.type == QLatin1String(type)
                && (agentId.isEmpty() || event.agentId == agentId))
                result.append(event);
        }
        return result;
    }

    AgentStatus status(const QString &agentId) const
    {
        return service.getAgentStatus(agentId).value();
    }

    QList<RunRecord> runs(const QString &agentId) const
    {
        return service.listRuns(agentId, 1'000'000).value();
    }

    ManualClock clock{T0};
    Scheduler scheduler{&clock};
    VolatileMemoryRouter memory;
    FaultyEventRouter eventRouter;
    ToolRegistry tools;
    FlakyTool *flaky = nullptr;
    BackgroundAgentService service{&memory, &eventRouter, &scheduler, &tools};
    EventList events;
};

} // namespace nightshift::test
