#pragma once

#include <QStringList>

namespace nightshift {

/// Whether the arguments ask for a command-line verb (no window): serve, validate, run,
/// --headless, --help or --version.
bool isCommandLineInvocation(const QStringList &arguments);

/// Runs the command-line verb the arguments name, in a QCoreApplication, and returns the exit
/// code: 0 success, 1 failure, 2 a usage error.
int runCommandLine(const QStringList &arguments);

} // namespace nightshift
