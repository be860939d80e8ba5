#pragma once

#include "clicommon.h"

namespace nightshift {

/// `nightshift agents list|show|history|create|update|delete|start|pause|resume|stop|run-now`.
int runAgentsCommand(const CliOptions &options);

} // namespace nightshift
