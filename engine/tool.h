#pragma once

#include "result.h"

#include <QPointer>
#include <QString>

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
    QString agentId;
    QString runId;
    nlohmann::json arguments = nlohmann::json::object();
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
    /// Runs on a pool thread; should return early once cancelled is set.
    virtual Result<nlohmann::json> run(const nlohmann::json &arguments,
                                       const std::atomic_bool &cancelled)
        = 0;
};

} // namespace nightshift
