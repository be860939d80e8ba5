#include "agentinstaller.h"

#include "backgroundagentservice.h"
#include "enginehost.h"

namespace nightshift {

Result<void> installAgents(EngineHost &host, const QList<AgentSpec> &specs, bool start)
{
    for (const AgentSpec &spec : specs) {
        const Result<AgentStatus> installed = host.call([&](BackgroundAgentService &service) {
            Result<AgentStatus> created = service.create(spec);
            if (!created && created.error().code == ErrorCode::AlreadyExists)
                return service.update(spec);
            return created;
        });
        if (!installed)
            return installed.error();
        if (!start || installed->state != AgentState::Idle)
            continue;
        const Result<AgentStatus> started = host.call(
            [&](BackgroundAgentService &service) { return service.startAgent(spec.agentId); });
        if (!started)
            return started.error();
    }
    return {};
}

} // namespace nightshift
