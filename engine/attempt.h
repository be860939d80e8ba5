#pragma once

#include "agentspec.h"
#include "result.h"
#include "run.h"
#include "tool.h"

#include <QPointer>

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace nightshift {

class Scheduler;
class ToolRegistry;

/// One attempt of a run, as a provider sees it: the spec, tools bounded by the agent's limits,
/// event output, and one way out (complete, fail, or being cancelled from outside).
class Attempt : public std::enable_shared_from_this<Attempt>
{
public:
    /// How the attempt ended, as the run engine sees it.
    struct Outcome
    {
        RunState state = RunState::Completed;
        QString result;
        QString error;
        Usage usage;
    };
    using EventSink = std::function<void(const char *type, nlohmann::json payload)>;
    using FinishSink = std::function<void(const Outcome &)>;

    Attempt(AgentSpec spec,
            QString runId,
            int number,
            Scheduler *scheduler,
            ToolRegistry *tools,
            QObject *context,
            EventSink events,
            FinishSink finish);

    const AgentSpec &spec() const { return m_spec; }
    const QString &runId() const { return m_runId; }
    int number() const { return m_number; }
    Scheduler *scheduler() const { return m_scheduler; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled->load(); }

    void emitEvent(const char *type, nlohmann::json payload);
    /// What the model is told of the tools the agent lists (those this build has).
    QList<ToolDescriptor> toolDescriptors() const;

    /// Calls a tool the agent lists, bounded by `tool_call_timeout`, with events for its start
    /// and end. done gets the tool's output or an error; it is not called once the attempt ended.
    void callTool(const QString &name,
                  const nlohmann::json &arguments,
                  std::function<void(Result<nlohmann::json>)> done);

    void complete(const QString &result, const Usage &usage = {});
    void fail(const QString &error, const Usage &usage = {});
    /// Ends the attempt from outside (stop, cancel, timeout) and tells running tools to stop.
    void abort(RunState state, const QString &error);
    /// Runs when the attempt is aborted, so a provider can drop its requests.
    void onAbort(std::function<void()> handler);

private:
    void finish(Outcome outcome);

    AgentSpec m_spec;
    QString m_runId;
    int m_number;
    Scheduler *m_scheduler;
    ToolRegistry *m_tools;
    QPointer<QObject> m_context;
    EventSink m_events;
    FinishSink m_finish;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    std::vector<std::function<void()>> m_abortHandlers;
    bool m_finished = false;
    int m_toolCalls = 0;
};

/// The conversation a run of spec belongs to: `task_config.session_id`, or one of the run's
/// own (`run-<run id>`) when none is set.
QString sessionIdFor(const AgentSpec &spec, const QString &runId);

} // namespace nightshift
