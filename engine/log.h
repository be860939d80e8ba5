#pragma once

#include <spdlog/logger.h>

namespace nightshift {

/// The engine's logger. It writes to stderr, so stdout stays clean for `serve`'s event lines.
spdlog::logger &engineLog();

} // namespace nightshift
