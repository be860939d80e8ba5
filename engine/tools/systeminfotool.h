#pragma once

#include "../tool.h"

namespace nightshift {

/// `system_info`: CPU %, memory, swap, disk per mount, load average and uptime of this machine.
class SystemInfoTool final : public BlockingTool
{
public:
    ToolDescriptor descriptor() const override;

protected:
    Result<nlohmann::json> run(const ToolCall &call) override;
};

} // namespace nightshift
