#include "systeminfotool.h"

#include "systeminfo.h"

using namespace Qt::StringLiterals;

namespace nightshift {

ToolDescriptor SystemInfoTool::descriptor() const
{
    ToolDescriptor descriptor;
    descriptor.name = u"system_info"_s;
    descriptor.description
        = u"Reports this machine's current CPU use, memory and swap use, used and free space of "
          "each disk, load average, uptime, hostname and operating system."_s;
    descriptor.parameters = {
        {"type", "object"},
        {"properties",
         {{"cpu_sample_ms",
           {
               {"type", "integer"},
               {"minimum", kCpuSampleMinMs},
               {"maximum", kCpuSampleMaxMs},
               {"default", kCpuSampleDefaultMs},
               {"description",
                "How many milliseconds to measure CPU use over; longer gives a steadier figure."},
           }}}},
        {"additionalProperties", false},
    };
    return descriptor;
}

Result<nlohmann::json> SystemInfoTool::run(const ToolCall &call)
{
    const Result<std::chrono::milliseconds> cpuWindow = parseSystemInfoArguments(call.arguments);
    if (!cpuWindow)
        return cpuWindow.error();
    const Result<SystemSnapshot> snapshot = readSystemSnapshot(*cpuWindow, *call.cancelled);
    if (!snapshot)
        return snapshot.error();
    return snapshot->toJson();
}

} // namespace nightshift
