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
    QThreadPool *pool() { return &m_pool; }

private:
    std::map<QString, std::unique_ptr<Tool>> m_tools;
    QThreadPool m_pool;
};

} // namespace nightshift
