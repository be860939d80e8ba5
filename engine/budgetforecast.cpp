#include "budgetforecast.h"

#include "scheduletimes.h"

#include <QDateTime>

#include <algorithm>

namespace nightshift {

namespace {

constexpr qint64 DayMs = 24 * 60 * 60 * 1000;
// A schedule of a run every few seconds is counted this far and extrapolated from there, so
// a forecast stays quick to compute on every edit.
constexpr int MaxCountedRuns = 100'000;

struct RunCount
{
    qint64 runs = 0;
    double perDay = 0;
};

RunCount countRuns(const Schedule &schedule, qint64 nowMs)
{
    RunCount count;
    if (schedule.kind == Schedule::Kind::Manual)
        return count;
    const qint64 endMs = nowMs + ForecastDays * DayMs;
    const qint64 anchorMs = schedule.anchorMs.value_or(nowMs);
    const ScheduleTimes times(schedule);
    qint64 last = nowMs;
    while (count.runs < MaxCountedRuns) {
        const qint64 next = times.next(anchorMs, last);
        if (next < 0 || next > endMs)
            break;
        ++count.runs;
        last = next;
    }
    if (count.runs < MaxCountedRuns) {
        count.perDay = double(count.runs) / ForecastDays;
        return count;
    }
    count.perDay = double(count.runs) * DayMs / double(std::max<qint64>(last - nowMs, 1));
    count.runs = qint64(count.perDay * ForecastDays);
    return count;
}

QDate localDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).date();
}

/// The instant the period holding nowMs ends in local time: the next midnight, or the one
/// starting the next month.
qint64 periodEndMs(BudgetForecast::Cap::Period period, qint64 nowMs)
{
    const QDate today = localDate(nowMs);
    const QDate next = period == BudgetForecast::Cap::Period::Day
                           ? today.addDays(1)
                           : QDate(today.year(), today.month(), 1).addMonths(1);
    return next.startOfDay().toMSecsSinceEpoch();
}

BudgetForecast::Cap cap(BudgetForecast::Cap::Kind kind,
                        BudgetForecast::Cap::Period period,
                        double limit,
                        std::optional<double> spent,
                        std::optional<double> perDay,
                        qint64 nowMs)
{
    BudgetForecast::Cap cap;
    cap.kind = kind;
    cap.period = period;
    cap.limit = limit;
    cap.spent = spent;
    if (!perDay)
        return cap;
    cap.perDay = perDay;
    const double spentSoFar = spent.value_or(0);
    const double daysLeft = double(periodEndMs(period, nowMs) - nowMs) / DayMs;
    cap.forecast = spentSoFar + *perDay * daysLeft;
    if (spentSoFar >= limit) {
        cap.reachedOn = localDate(nowMs);
    } else if (*perDay > 0) {
        const double daysToReach = (limit - spentSoFar) / *perDay;
        if (daysToReach < daysLeft)
            cap.reachedOn = localDate(nowMs + qint64(daysToReach * DayMs));
    }
    return cap;
}

} // namespace

AgentSpending agentSpending(const AgentStatus &status, const QList<RunRecord> &runs, qint64 nowMs)
{
    AgentSpending spending;
    spending.countedAtMs = nowMs;
    // The status's counts start over only when the engine next checks a budget, so a count of
    // an earlier day or month may still be there.
    const QString today = localDate(nowMs).toString(Qt::ISODate);
    if (status.tokensDay == today) {
        spending.tokensToday = status.tokensToday;
        spending.costToday = status.costToday;
    }
    if (status.spendMonth == today.left(7)) {
        spending.tokensMonth = status.tokensMonth;
        spending.costMonth = status.costMonth;
    }
    qint64 tokens = 0;
    for (const RunRecord &run : runs) {
        if (spending.averagedRuns == AveragedRunsLimit)
            break;
        if (!isFinal(run.state) || run.usage.totalTokens() <= 0)
            continue;
        tokens += run.usage.totalTokens();
        ++spending.averagedRuns;
    }
    if (spending.averagedRuns > 0)
        spending.averageTokensPerRun = double(tokens) / spending.averagedRuns;
    return spending;
}

BudgetForecast forecastBudget(const AgentSpec &spec,
                              const PriceTable &prices,
                              const AgentSpending &spending,
                              qint64 nowMs)
{
    BudgetForecast forecast;
    forecast.provider = spec.model.provider;
    forecast.model = spec.model.model;
    forecast.runsByHand = spec.schedule.kind == Schedule::Kind::Manual;
    const RunCount runs = countRuns(spec.schedule, nowMs);
    forecast.runsAhead = runs.runs;
    forecast.runsPerDay = runs.perDay;

    if (spending.averageTokensPerRun && *spending.averageTokensPerRun >= 0) {
        forecast.tokenSource = BudgetForecast::TokenSource::History;
        forecast.tokensPerRun = *spending.averageTokensPerRun;
        forecast.averagedRuns = spending.averagedRuns;
    } else if (spec.limits.totalTokensLimit > 0) {
        forecast.tokenSource = BudgetForecast::TokenSource::RunLimit;
        forecast.tokensPerRun = double(spec.limits.totalTokensLimit);
    } else if (spec.model.maxTokens) {
        // Not every step writes its output limit: half of it over every step is the estimate.
        forecast.tokenSource = BudgetForecast::TokenSource::ModelLimit;
        forecast.tokensPerRun = double(*spec.model.maxTokens) * spec.limits.maxSteps / 2.0;
    } else {
        forecast.tokenSource = BudgetForecast::TokenSource::Default;
        forecast.tokensPerRun = DefaultTokensPerRun;
    }
    forecast.tokensPerDay = forecast.runsPerDay * forecast.tokensPerRun;
    forecast.tokensPerMonth = forecast.tokensPerDay * ForecastDays;

    forecast.price = prices.find(spec.model.provider, spec.model.model);
    if (forecast.price) {
        forecast.pricePerMillion = forecast.price->inputPerMillion * InputShareOfTokens
                                   + forecast.price->outputPerMillion * (1 - InputShareOfTokens);
        forecast.costPerDay = forecast.tokensPerDay * forecast.pricePerMillion / 1'000'000.0;
        forecast.costPerMonth = *forecast.costPerDay * ForecastDays;
    }

    // Spend counted on another local day or month than now belongs to a period that is over.
    std::optional<double> tokensToday, costToday, tokensMonth, costMonth;
    if (spending.countedAtMs > 0) {
        const QDate counted = localDate(spending.countedAtMs);
        const QDate today = localDate(nowMs);
        const bool sameDay = counted == today;
        const bool sameMonth = counted.year() == today.year() && counted.month() == today.month();
        tokensToday = sameDay ? double(spending.tokensToday) : 0.0;
        costToday = sameDay ? spending.costToday : 0.0;
        tokensMonth = sameMonth ? double(spending.tokensMonth) : 0.0;
        costMonth = sameMonth ? spending.costMonth : 0.0;
    }
    using Kind = BudgetForecast::Cap::Kind;
    using Period = BudgetForecast::Cap::Period;
    const Budget &budget = spec.budget;
    if (budget.dailyTokens > 0)
        forecast.caps.append(cap(Kind::Tokens,
                                 Period::Day,
                                 double(budget.dailyTokens),
                                 tokensToday,
                                 forecast.tokensPerDay,
                                 nowMs));
    if (budget.dailyCost > 0)
        forecast.caps.append(
            cap(Kind::Cost, Period::Day, budget.dailyCost, costToday, forecast.costPerDay, nowMs));
    if (budget.monthlyTokens > 0)
        forecast.caps.append(cap(Kind::Tokens,
                                 Period::Month,
                                 double(budget.monthlyTokens),
                                 tokensMonth,
                                 forecast.tokensPerDay,
                                 nowMs));
    if (budget.monthlyCost > 0)
        forecast.caps.append(cap(
            Kind::Cost, Period::Month, budget.monthlyCost, costMonth, forecast.costPerDay, nowMs));
    return forecast;
}

} // namespace nightshift
