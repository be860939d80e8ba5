#pragma once

#include "../tool.h"

namespace nightshift {

/// `file_read`: a text file's content, from inside the agent's allowed folders, up to a cap.
class FileReadTool final : public BlockingTool
{
public:
    /// The most a call may read, whatever max_bytes asks.
    static constexpr qint64 MaxBytes = 1024 * 1024;
    static constexpr qint64 DefaultBytes = 256 * 1024;

    ToolDescriptor descriptor() const override;

protected:
    Result<nlohmann::json> run(const ToolCall &call) override;
};

} // namespace nightshift
