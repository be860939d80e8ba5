#pragma once

#include "result.h"

#include <QPointer>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace nightshift {

class Scheduler;

/// What a model (or the `none` provider) is told about a tool.
struct ToolDescriptor
{
    QString name;
    QString description;
    nlohmann::json parameters = nlohmann::json::object(); ///< JSON Schema of the arguments.
};

/// One call of a tool, with what the tool may use to do its work.
struct ToolCall
{
    using EventSink = std::function<void(const char *type, nlohmann::json payload)>;

    QString agentId;
    QString runId;
    nlohmann::json arguments = nlohmann::json::object();
    QStringList allowedPaths; ///< Folders file tools may use (`agent_config.allowed_paths`).
    EventSink emitEvent;      ///< Adds an event to the run; engine thread only. May be empty.
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);
    Scheduler *scheduler = nullptr; ///< Engine-thread timers, in the engine's clock.
    QThreadPool *pool = nullptr;    ///< Where blocking work goes.
    QPointer<QObject> context;      ///< Engine-thread object results are delivered through.
};

using ToolDone = std::function<void(Result<nlohmann::json>)>;

/// A capability an agent may call. invoke() must not block the engine thread: it calls done
/// exactly once, on the engine thread, possibly later. Results after a cancel are ignored.
class Tool
{
public:
    virtual ~Tool() = default;

    virtual ToolDescriptor descriptor() const = 0;
    virtual void invoke(const ToolCall &call, ToolDone done) = 0;
};

/// A tool whose work blocks (reads files, walks /proc): run() executes on the engine's
/// bounded thread pool and its result is posted back to the engine thread.
class BlockingTool : public Tool
{
public:
    void invoke(const ToolCall &call, ToolDone done) final;

protected:
    /// Runs on a pool thread; should return early once *call.cancelled is set. Only the call's
    /// values may be used there: its scheduler, context and event sink belong to the engine.
    virtual Result<nlohmann::json> run(const ToolCall &call) = 0;
};

} // namespace nightshift
