#include "attempt.h"
#include "provider.h"

#include <memory>

namespace nightshift {

namespace {

// Walks the agent's tools one after another; each tool's completion starts the next.
void runToolsFrom(const std::shared_ptr<Attempt> &attempt,
                  int index,
                  std::shared_ptr<nlohmann::json> outputs)
{
    const QStringList &tools = attempt->spec().tools;
    if (index >= tools.size()) {
        attempt->complete(QString::fromStdString(outputs->dump()));
        return;
    }
    const QString name = tools.at(index);
    const nlohmann::json &allArguments = attempt->spec().task.toolArguments;
    const auto it = allArguments.find(name.toStdString());
    const nlohmann::json arguments = it != allArguments.end() ? *it : nlohmann::json::object();
    std::weak_ptr<Attempt> weak = attempt;
    attempt->callTool(name, arguments, [weak, index, outputs, name](Result<nlohmann::json> result) {
        const auto self = weak.lock();
        if (!self)
            return;
        if (!result.ok()) {
            self->fail(QStringLiteral("tool %1 failed: %2").arg(name, result.errorMessage()));
            return;
        }
        (*outputs)[name.toStdString()] = result.value();
        runToolsFrom(self, index + 1, outputs);
    });
}

} // namespace

void NoneProvider::execute(const std::shared_ptr<Attempt> &attempt)
{
    runToolsFrom(attempt, 0, std::make_shared<nlohmann::json>(nlohmann::json::object()));
}

} // namespace nightshift
