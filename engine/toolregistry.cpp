#include "toolregistry.h"

#include "jsonschema.h"
#include "tools/filereadtool.h"
#include "tools/filewritetool.h"
#include "tools/httpfetchtool.h"
#include "tools/notifytool.h"
#include "tools/systeminfotool.h"

#include <QMetaObject>

namespace nightshift {

void BlockingTool::invoke(const ToolCall &call, ToolDone done)
{
    call.pool->start([this, call, done = std::move(done)] {
        Result<nlohmann::json> result = run(call);
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
    registry->add(std::make_unique<HttpFetchTool>());
    registry->add(std::make_unique<FileReadTool>());
    registry->add(std::make_unique<FileWriteTool>());
    registry->add(std::make_unique<NotifyTool>());
    return registry;
}

void ToolRegistry::add(std::unique_ptr<Tool> tool)
{
    ToolDescriptor descriptor = tool->descriptor();
    const Result<void> supported = checkSchemaSupported(descriptor.parameters);
    Q_ASSERT_X(supported.ok(), "ToolRegistry::add", qPrintable(supported.errorMessage()));
    const QString name = descriptor.name;
    m_tools[name] = Entry{std::move(tool), std::move(descriptor)};
}

Tool *ToolRegistry::find(const QString &name) const
{
    const auto it = m_tools.find(name);
    return it == m_tools.end() ? nullptr : it->second.tool.get();
}

Result<Tool *> ToolRegistry::resolve(const QString &name,
                                     const QStringList &allowed,
                                     const nlohmann::json &arguments) const
{
    if (!allowed.contains(name)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("tool \"%1\" is not in this agent's tools list (%2)")
                             .arg(name, allowed.join(QStringLiteral(", "))));
    }
    const auto it = m_tools.find(name);
    if (it == m_tools.end()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("tool \"%1\" is not available in this build (available: "
                                        "%2)")
                             .arg(name, names().join(QStringLiteral(", "))));
    }
    if (const Result<void> valid = validateJson(it->second.descriptor.parameters, arguments);
        !valid) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("tool \"%1\" was called with invalid arguments: %2")
                             .arg(name, valid.errorMessage()));
    }
    return it->second.tool.get();
}

QStringList ToolRegistry::names() const
{
    QStringList result;
    for (const auto &[name, tool] : m_tools)
        result.append(name);
    return result;
}

} // namespace nightshift
