#pragma once

#include "clicommon.h"

namespace nightshift {

/// `nightshift keys set NAME | delete NAME | test [NAME...]`: API keys in the keychain.
/// set reads the key from standard input (hidden on a terminal), never from the command line.
int runKeysCommand(const CliOptions &options);

} // namespace nightshift
