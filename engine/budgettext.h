#pragma once

#include "agentspec.h"
#include "result.h"

#include <QString>

namespace nightshift {

/// Reads a budget as the command line writes it, comma-separated NAME=VALUE parts in any
/// subset: daily_tokens=N, monthly_tokens=N, daily_cost=X, monthly_cost=X (US dollars; 0 for
/// no cap) and on_exceeded=skip|pause. Parts not named keep base's values; the error names the
/// part that is wrong.
Result<Budget> parseBudgetText(const QString &text, const Budget &base = {});

/// A budget in the form parseBudgetText() reads: the caps that are set, then on_exceeded.
QString budgetText(const Budget &budget);

} // namespace nightshift
