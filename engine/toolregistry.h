#pragma once

#include "tool.h"

#include <QStringList>
#include <QThreadPool>

#include <map>
#include <memory>

namespace nightshift {

/// The tools agents may name, by name, and the bounded pool their blocking work runs on.
class ToolRegistry final
{
public:
    ToolRegistry();
    ~ToolRegistry();

    /// A registry holding every built-in tool.
    static std::unique_ptr<ToolRegistry> withBuiltins();

    /// Adds a tool; a tool of the same name is replaced.
    void add(std::unique_ptr<Tool> tool);
    Tool *find(const QString &name) const;
    QStringList names() const;
    /// The tool to run for a call: it must be in allowed (the agent's tools list), be here, and
    /// arguments must satisfy its schema. The error says which and is meant for the caller.
    Result<Tool *> resolve(const QString &name,
                           const QStringList &allowed,
                           const nlohmann::json &arguments) const;
    QThreadPool *pool() { return &m_pool; }

private:
    struct Entry
    {
        std::unique_ptr<Tool> tool;
        ToolDescriptor descriptor;
    };
    std::map<QString, Entry> m_tools;
    QThreadPool m_pool;
};

} // namespace nightshift
