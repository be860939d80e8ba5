#pragma once

#include "../tool.h"

namespace nightshift {

/// `notify`: adds a `notification` event (title, body, level) to the run, which the dashboard
/// shows as a desktop notification.
class NotifyTool final : public Tool
{
public:
    ToolDescriptor descriptor() const override;
    void invoke(const ToolCall &call, ToolDone done) override;
};

} // namespace nightshift
