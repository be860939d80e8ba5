#pragma once

#include "scheduler.h"
#include "tool.h"

#include <QString>

#include <memory>

namespace nightshift::test {

/// `sleep`: answers {"slept": seconds} after `seconds` of the engine's (simulated) time.
class SleepTool final : public Tool
{
public:
    ToolDescriptor descriptor() const override
    {
        return {QStringLiteral("sleep"), QStringLiteral("Waits, then answers."), {}};
    }
    void invoke(const ToolCall &call, ToolDone done) override
    {
        const double seconds = call.arguments.value("seconds", 1.0);
        const qint64 due = call.scheduler->nowMs() + qint64(seconds * 1000);
        call.scheduler->schedule(due, [done, seconds] {
            done(nlohmann::json{{"slept", seconds}});
        });
    }
};

/// `flaky`: fails the first `failures` calls with "flaky failure N", then answers {"ok": true}.
class FlakyTool final : public Tool
{
public:
    explicit FlakyTool(int failures)
        : m_failuresLeft(failures)
    {}
    ToolDescriptor descriptor() const override
    {
        return {QStringLiteral("flaky"), QStringLiteral("Fails, then works."), {}};
    }
    void invoke(const ToolCall &, ToolDone done) override
    {
        ++m_calls;
        if (m_failuresLeft > 0) {
            --m_failuresLeft;
            done(makeError(ErrorCode::Internal, QStringLiteral("flaky failure %1").arg(m_calls)));
            return;
        }
        done(nlohmann::json{{"ok", true}});
    }
    int calls() const { return m_calls; }

private:
    int m_failuresLeft;
    int m_calls = 0;
};

} // namespace nightshift::test
