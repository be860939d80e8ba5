#pragma once

#include "memorystore.h"
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

/// The in-memory event log with a switch that makes writes fail, as a full disk would.
class FaultyEventRouter final : public EventRouter
{
public:
    bool failWrites = false;

    Result<Event> append(Event event) override { return m_inner.append(std::move(event)); }
    Result<EventList> read(const QString &agentId, qint64 fromSeq, int limit) override
    {
        return m_inner.read(agentId, fromSeq, limit);
    }
    qint64 lastSeq(const QString &agentId) const override { return m_inner.lastSeq(agentId); }
    Result<void> flush() override
    {
        if (failWrites)
            return makeError(ErrorCode::Io, QStringLiteral("database or disk is full (simulated)"));
        return m_inner.flush();
    }
    Result<void> removeAgent(const QString &agentId) override
    {
        return m_inner.removeAgent(agentId);
    }
    SubscriptionId subscribe(const QString &agentId,
                             qint64 fromSeq,
                             QObject *context,
                             Sink sink) override
    {
        return m_inner.subscribe(agentId, fromSeq, context, std::move(sink));
    }
    void unsubscribe(SubscriptionId id) override { m_inner.unsubscribe(id); }

private:
    VolatileEventRouter m_inner;
};

} // namespace nightshift::test
