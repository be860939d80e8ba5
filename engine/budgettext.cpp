#include "budgettext.h"

#include <QStringList>

#include <cmath>

namespace nightshift {

namespace {

const QStringList PartNames{QStringLiteral("daily_tokens"),
                            QStringLiteral("monthly_tokens"),
                            QStringLiteral("daily_cost"),
                            QStringLiteral("monthly_cost"),
                            QStringLiteral("on_exceeded")};

Error badPart(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

// Costs are written without the float noise of their binary form: 2.5, not 2.50000000001.
QString costText(double cost)
{
    return QString::number(cost, 'g', 12);
}

} // namespace

Result<Budget> parseBudgetText(const QString &text, const Budget &base)
{
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return badPart(QStringLiteral("expected NAME=VALUE parts separated by commas (%1), got "
                                      "\"%2\"")
                           .arg(PartNames.join(QStringLiteral(", ")), text));
    Budget budget = base;
    for (const QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        const QString name = part.left(equals).trimmed();
        if (equals < 0)
            return badPart(QStringLiteral("\"%1\" is not NAME=VALUE").arg(part.trimmed()));
        if (!PartNames.contains(name))
            return badPart(QStringLiteral("unknown part \"%1\" (one of %2)")
                               .arg(name, PartNames.join(QStringLiteral(", "))));
        const QString value = part.mid(equals + 1).trimmed();
        if (name == u"on_exceeded") {
            if (value != u"skip" && value != u"pause")
                return badPart(
                    QStringLiteral("on_exceeded takes skip or pause, got \"%1\"").arg(value));
            budget.onExceeded = value == u"pause" ? Budget::Action::Pause : Budget::Action::Skip;
        } else if (name.endsWith(u"_tokens")) {
            bool ok = false;
            const qint64 tokens = value.toLongLong(&ok);
            if (!ok || tokens < 0)
                return badPart(QStringLiteral("%1 takes a whole number of tokens (0 for no cap), "
                                              "got \"%2\"")
                                   .arg(name, value));
            (name == u"daily_tokens" ? budget.dailyTokens : budget.monthlyTokens) = tokens;
        } else {
            bool ok = false;
            const double cost = value.toDouble(&ok);
            if (!ok || !std::isfinite(cost) || cost < 0)
                return badPart(QStringLiteral("%1 takes an amount in US dollars (0 for no cap), "
                                              "got \"%2\"")
                                   .arg(name, value));
            (name == u"daily_cost" ? budget.dailyCost : budget.monthlyCost) = cost;
        }
    }
    return budget;
}

QString budgetText(const Budget &budget)
{
    QStringList parts;
    if (budget.dailyTokens > 0)
        parts.append(QStringLiteral("daily_tokens=%1").arg(budget.dailyTokens));
    if (budget.monthlyTokens > 0)
        parts.append(QStringLiteral("monthly_tokens=%1").arg(budget.monthlyTokens));
    if (budget.dailyCost > 0)
        parts.append(QStringLiteral("daily_cost=") + costText(budget.dailyCost));
    if (budget.monthlyCost > 0)
        parts.append(QStringLiteral("monthly_cost=") + costText(budget.monthlyCost));
    parts.append(budget.onExceeded == Budget::Action::Pause ? QStringLiteral("on_exceeded=pause")
                                                            : QStringLiteral("on_exceeded=skip"));
    return parts.join(u',');
}

} // namespace nightshift
