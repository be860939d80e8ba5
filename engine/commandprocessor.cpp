#include "commandprocessor.h"

#include "backgroundagentservice.h"
#include "log.h"

namespace nightshift {

namespace {

constexpr auto PollInterval = std::chrono::milliseconds(250);

nlohmann::json failure(const QString &message)
{
    return {{"ok", false}, {"error", message.toStdString()}};
}

nlohmann::json answer(const Result<AgentStatus> &result)
{
    if (!result)
        return failure(result.errorMessage());
    return {{"ok", true}, {"status", result->toJson()}};
}

// Arguments come from another process: read them without trusting their types.
const nlohmann::json &argument(const StoreCommand &command, const char *key)
{
    static const nlohmann::json missing;
    if (!command.arguments.is_object())
        return missing;
    const auto it = command.arguments.find(key);
    return it == command.arguments.end() ? missing : *it;
}

Result<AgentSpec> specOf(const StoreCommand &command)
{
    const ConfigParseResult parsed = parseAgentSpec(argument(command, "spec"));
    if (!parsed.ok() || parsed.agents.isEmpty())
        return makeError(ErrorCode::InvalidArgument, parsed.errors.value(0).toString());
    return parsed.agents.first();
}

} // namespace

CommandProcessor::CommandProcessor(MemoryRouter *memory,
                                   BackgroundAgentService *service,
                                   QObject *parent)
    : QObject(parent)
    , m_memory(memory)
    , m_service(service)
{
    m_timer.setInterval(PollInterval);
    connect(&m_timer, &QTimer::timeout, this, &CommandProcessor::processPending);
    m_timer.start();
}

void CommandProcessor::processPending()
{
    const Result<QList<StoreCommand>> pending = m_memory->pendingCommands();
    // Polled four times a second: an unreachable store is said once, and its return once.
    if (!pending) {
        if (!m_unreachable)
            engineLog().warn("commands: {}", pending.errorMessage().toStdString());
        m_unreachable = true;
        return;
    }
    if (m_unreachable)
        engineLog().info("commands: the store answers again");
    m_unreachable = false;
    for (const StoreCommand &command : pending.value()) {
        const nlohmann::json result = execute(*m_service, command);
        if (const Result<void> answered = m_memory->answerCommand(command.id, result); !answered)
            engineLog().warn("commands: {}", answered.errorMessage().toStdString());
    }
}

nlohmann::json CommandProcessor::execute(BackgroundAgentService &service,
                                         const StoreCommand &command)
{
    const QString &verb = command.verb;
    const QString &id = command.agentId;
    if (verb == u"create" || verb == u"update") {
        const Result<AgentSpec> spec = specOf(command);
        if (!spec)
            return failure(spec.errorMessage());
        return answer(verb == u"create" ? service.create(spec.value())
                                        : service.update(spec.value()));
    }
    if (verb == u"delete") {
        const Result<void> removed = service.remove(id);
        return removed ? nlohmann::json{{"ok", true}} : failure(removed.errorMessage());
    }
    if (verb == u"start")
        return answer(service.startAgent(id));
    if (verb == u"pause") {
        const nlohmann::json &reason = argument(command, "reason");
        const nlohmann::json &until = argument(command, "until");
        return answer(service.pauseAgent(
            id,
            reason.is_string() ? QString::fromStdString(reason.get<std::string>()) : QString(),
            until.is_number_integer() ? until.get<qint64>() : 0));
    }
    if (verb == u"resume")
        return answer(service.resumeAgent(id));
    if (verb == u"stop")
        return answer(service.stopAgent(id));
    if (verb == u"run-now") {
        const Result<QString> run = service.runNow(id);
        return run ? nlohmann::json{{"ok", true}, {"run_id", run->toStdString()}}
                   : failure(run.errorMessage());
    }
    return failure(QStringLiteral("unknown command \"%1\"").arg(verb));
}

} // namespace nightshift
