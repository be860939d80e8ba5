#pragma once

#include <QString>

#include <memory>

namespace nightshift {

class Attempt;

/// Something that carries out one attempt of a run: a model with tools, or (`none`) the
/// tools alone. execute() must not block; it ends the attempt with Attempt::complete() or
/// Attempt::fail(), now or later, and stops early when the attempt is cancelled.
class Provider
{
public:
    virtual ~Provider() = default;

    virtual QString id() const = 0;
    virtual void execute(const std::shared_ptr<Attempt> &attempt) = 0;
};

/// `none`: no model. Calls each tool the agent lists, in order, with its arguments from
/// `task_config.tool_arguments`, and answers with a JSON object of their outputs.
class NoneProvider final : public Provider
{
public:
    QString id() const override { return QStringLiteral("none"); }
    void execute(const std::shared_ptr<Attempt> &attempt) override;
};

} // namespace nightshift
