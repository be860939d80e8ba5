#pragma once

#include "clicommon.h"

namespace nightshift {

/// `nightshift events [--agent ID] [--from SEQ] [--follow]`: stored events as JSON lines (or
/// text), then, with --follow, new ones as the worker writes them.
int runEventsCommand(const CliOptions &options);

} // namespace nightshift
