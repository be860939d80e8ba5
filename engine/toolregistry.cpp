#include "toolregistry.h"

#include "tools/systeminfotool.h"

#include <QMetaObject>

namespace nightshift {

void BlockingTool::invoke(const ToolCall &call, ToolDone done)
{
    call.pool->start([this, call, done = std::move(done)] {
        Result<nlohmann::json> result = run(call.arguments, *call.cancelled);
        // Pool thread → engine thread: the result is delivered where the run lives.
        QMetaObject::invokeMethod(
            call.context.data(),
            [done, result = std::move(result)] { done(result); },
            Qt::QueuedConnection);
    });
}

ToolRegistry::ToolRegistry()
{
    m_pool.setMaxThreadCount(4);
    m_pool.setObjectName(QStringLiteral("nightshift-tools"));
}

ToolRegistry::~ToolRegistry()
{
    m_pool.waitForDone();
}

std::unique_ptr<ToolRegistry> ToolRegistry::withBuiltins()
{
    auto registry = std::make_unique<ToolRegistry>();
    registry->add(std::make_unique<SystemInfoTool>());
    return registry;
}

void ToolRegistry::add(std::unique_ptr<Tool> tool)
{
    const QString name = tool->descriptor().name;
    m_tools[name] = std::move(tool);
}

Tool *ToolRegistry::find(const QString &name) const
{
    const auto it = m_tools.find(name);
    return it == m_tools.end() ? nullptr : it->second.get();
}

QStringList ToolRegistry::names() const
{
    QStringList result;
    for (const auto &[name, tool] : m_tools)
        result.append(name);
    return result;
}

} // namespace nightshift
