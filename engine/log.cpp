#include "log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace nightshift {

spdlog::logger &engineLog()
{
    static const std::shared_ptr<spdlog::logger> logger = spdlog::stderr_color_mt("nightshift");
    return *logger;
}

} // namespace nightshift
