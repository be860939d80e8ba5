#pragma once

#include "agentspec.h"
#include "result.h"

namespace nightshift {

class EngineHost;

/// The example agents built into the executable, run when the memory store starts empty.
inline const QString BundledExamplesPath = QStringLiteral(":/agents/examples.json");

/// Creates each agent, or updates it when the store already has it, and starts the idle ones
/// when start is set; stops at the first refusal.
Result<void> installAgents(EngineHost &host, const QList<AgentSpec> &specs, bool start);

} // namespace nightshift
