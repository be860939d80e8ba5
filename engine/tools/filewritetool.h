#pragma once

#include "../tool.h"

namespace nightshift {

/// `file_write`: writes or appends text to a file inside the agent's allowed folders, creating
/// the folders on the way there (inside the allowed folder only).
class FileWriteTool final : public BlockingTool
{
public:
    /// The most one call may write.
    static constexpr qint64 MaxWriteBytes = 1024 * 1024;
    /// The largest a file may grow to by appending.
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    ToolDescriptor descriptor() const override;

protected:
    Result<nlohmann::json> run(const ToolCall &call) override;
};

} // namespace nightshift
