#include "agentinstaller.h"

#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QDir>

#include <algorithm>

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

QList<AgentSpec> bundledTemplates()
{
    QList<AgentSpec> templates;
    const QDir folder(BundledAgentsFolder);
    for (const QString &name : folder.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        for (const AgentSpec &spec : parseAgentConfigFile(folder.filePath(name)).agents) {
            const bool known
                = std::any_of(templates.cbegin(), templates.cend(), [&](const AgentSpec &t) {
                      return t.agentId == spec.agentId;
                  });
            if (!known)
                templates.append(spec);
        }
    }
    std::sort(templates.begin(), templates.end(), [](const AgentSpec &a, const AgentSpec &b) {
        return a.agentId < b.agentId;
    });
    return templates;
}

} // namespace nightshift
