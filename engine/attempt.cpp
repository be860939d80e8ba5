#include "attempt.h"

#include "event.h"
#include "scheduler.h"
#include "toolregistry.h"

#include <memory>

namespace nightshift {

namespace {

// Tool output beyond this many bytes is cut in events; the tool's caller still gets all of it.
constexpr std::size_t MaxEventResultBytes = 16 * 1024;

nlohmann::json truncatedForEvent(const nlohmann::json &value)
{
    const std::string text = value.dump();
    if (text.size() <= MaxEventResultBytes)
        return value;
    return nlohmann::json{
        {"truncated", true}, {"bytes", text.size()}, {"head", text.substr(0, MaxEventResultBytes)}};
}

} // namespace

Attempt::Attempt(AgentSpec spec,
                 QString runId,
                 int number,
                 Scheduler *scheduler,
                 ToolRegistry *tools,
                 QObject *context,
                 EventSink events,
                 FinishSink finish)
    : m_spec(std::move(spec))
    , m_runId(std::move(runId))
    , m_number(number)
    , m_scheduler(scheduler)
    , m_tools(tools)
    , m_context(context)
    , m_events(std::move(events))
    , m_finish(std::move(finish))
{}

void Attempt::emitEvent(const char *type, nlohmann::json payload)
{
    if (!m_finished)
        m_events(type, std::move(payload));
}

QList<ToolDescriptor> Attempt::toolDescriptors() const
{
    QList<ToolDescriptor> descriptors;
    for (const QString &name : m_spec.tools) {
        if (const Tool *tool = m_tools->find(name))
            descriptors.append(tool->descriptor());
    }
    return descriptors;
}

void Attempt::callTool(const QString &name,
                       const nlohmann::json &arguments,
                       std::function<void(Result<nlohmann::json>)> done)
{
    if (m_finished)
        return;
    const int callIndex = ++m_toolCalls;
    const std::string toolName = name.toStdString();
    const qint64 startedMs = m_scheduler->nowMs();
    emitEvent(
        EventType::ToolCallStarted,
        {{"tool", toolName}, {"call", callIndex}, {"arguments", withoutUrlPasswords(arguments)}});

    // One completion per call, whichever comes first: the tool, its timeout, or the attempt's end.
    struct CallState
    {
        bool settled = false;
        Scheduler::TimerId timeout = 0;
    };
    auto state = std::make_shared<CallState>();
    std::weak_ptr<Attempt> weakSelf = weak_from_this();
    auto settle
        = [weakSelf, state, toolName, callIndex, startedMs, done](Result<nlohmann::json> result) {
              const auto self = weakSelf.lock();
              if (!self || state->settled || self->m_finished)
                  return;
              state->settled = true;
              self->m_scheduler->cancel(state->timeout);
              const qint64 durationMs = self->m_scheduler->nowMs() - startedMs;
              if (result.ok()) {
                  self->emitEvent(EventType::ToolCallCompleted,
                                  {{"tool", toolName},
                                   {"call", callIndex},
                                   {"duration_ms", durationMs},
                                   {"result", truncatedForEvent(result.value())}});
              } else {
                  self->emitEvent(EventType::ToolCallError,
                                  {{"tool", toolName},
                                   {"call", callIndex},
                                   {"duration_ms", durationMs},
                                   {"error", result.errorMessage().toStdString()}});
              }
              done(std::move(result));
          };

    // A call the agent may not make, or with arguments its schema refuses, never reaches a tool.
    const Result<Tool *> tool = m_tools->resolve(name, m_spec.tools, arguments);
    if (!tool) {
        settle(tool.error());
        return;
    }

    const qint64 timeoutMs = m_spec.limits.toolCallTimeoutMs;
    state->timeout = m_scheduler->schedule(startedMs + timeoutMs, [settle, name, timeoutMs] {
        settle(
            makeError(ErrorCode::Timeout,
                      QStringLiteral("tool \"%1\" did not answer within tool_call_timeout (%2 s)")
                          .arg(name)
                          .arg(double(timeoutMs) / 1000.0)));
    });

    ToolCall call;
    call.agentId = m_spec.agentId;
    call.runId = m_runId;
    call.arguments = arguments;
    call.allowedPaths = m_spec.allowedPaths;
    call.emitEvent = [weakSelf](const char *type, nlohmann::json payload) {
        if (const auto self = weakSelf.lock())
            self->emitEvent(type, std::move(payload));
    };
    call.cancelled = m_cancelled;
    call.scheduler = m_scheduler;
    call.pool = m_tools->pool();
    call.context = m_context;
    tool.value()->invoke(call, settle);
}

void Attempt::complete(const QString &result, const Usage &usage)
{
    finish({RunState::Completed, result, QString(), usage});
}

void Attempt::fail(const QString &error, const Usage &usage)
{
    finish({RunState::Failed, QString(), error, usage});
}

void Attempt::abort(RunState state, const QString &error)
{
    if (m_finished)
        return;
    m_cancelled->store(true);
    const auto handlers = std::move(m_abortHandlers);
    for (const auto &handler : handlers)
        handler();
    finish({state, QString(), error, Usage()});
}

void Attempt::onAbort(std::function<void()> handler)
{
    m_abortHandlers.push_back(std::move(handler));
}

void Attempt::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    // The sink may drop the run's last reference to this attempt; stay alive until it returns.
    const auto keepAlive = shared_from_this();
    m_finish(outcome);
}

QString sessionIdFor(const AgentSpec &spec, const QString &runId)
{
    return spec.task.sessionId.isEmpty() ? QStringLiteral("run-") + runId : spec.task.sessionId;
}

} // namespace nightshift
