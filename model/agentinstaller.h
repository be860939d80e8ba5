#pragma once

#include "agentspec.h"
#include "result.h"

namespace nightshift {

class EngineHost;

/// The example agents built into the executable, run when the memory store starts empty.
inline const QString BundledExamplesPath = QStringLiteral(":/agents/examples.json");
/// The folder of every bundled agent file, the examples included.
inline const QString BundledAgentsFolder = QStringLiteral(":/agents");

/// Creates each agent, or updates it when the store already has it, and starts the idle ones
/// when start is set; stops at the first refusal.
Result<void> installAgents(EngineHost &host, const QList<AgentSpec> &specs, bool start);

/// Every agent of the bundled files, once per agent id, ordered by id: the templates a new
/// agent can start from.
QList<AgentSpec> bundledTemplates();

} // namespace nightshift
