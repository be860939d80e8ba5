#pragma once

#include "clicommon.h"

namespace nightshift {

/// `nightshift agents history ID`: every occurrence of the agent's schedule, newest first, with
/// whether it ran on time, late, or not at all and why; a summary line closes the list.
int printAgentHistory(const CliOptions &options, const QString &url, const QString &agentId);

} // namespace nightshift
