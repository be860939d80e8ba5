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
    qint64 last = nowMs;
    while (count.runs < MaxCountedRuns) {
        const qint64 next = nextOccurrence(schedule, anchorMs, last);
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

/// The instant this month ends in local time: midnight starting the next month.
qint64 endOfMonthMs(qint64 nowMs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).date();
    const QDate firstOfNext = QDate(today.year(), today.month(), 1).addMonths(1);
    return firstOfNext.startOfDay().toMSecsSinceEpoch();
}

BudgetForecast::Cap cap(BudgetForecast::Cap::Kind kind,
                        BudgetForecast::Cap::Period period,
                        double limit,
                        std::optional<double> perDay,
                        qint64 nowMs)
{
    BudgetForecast::Cap cap;
    cap.kind = kind;
    cap.period = period;
    cap.limit = limit;
    if (!perDay)
        return cap;
    cap.forecast = period == BudgetForecast::Cap::Period::Day ? *perDay : *perDay * ForecastDays;
    if (period != BudgetForecast::Cap::Period::Month || *perDay <= 0)
        return cap;
    const double daysToReach = limit / *perDay;
    const qint64 endMs = endOfMonthMs(nowMs);
    if (daysToReach < double(endMs - nowMs) / DayMs) {
        const qint64 reachedMs = nowMs + qint64(daysToReach * DayMs);
        cap.reachedOn = QDateTime::fromMSecsSinceEpoch(reachedMs).date();
    }
    return cap;
}

} // namespace

BudgetForecast forecastBudget(const AgentSpec &spec,
                              const PriceTable &prices,
                              std::optional<double> averageTokensPerRun,
                              qint64 nowMs,
                              int averagedRuns)
{
    BudgetForecast forecast;
    forecast.provider = spec.model.provider;
    forecast.model = spec.model.model;
    forecast.runsByHand = spec.schedule.kind == Schedule::Kind::Manual;
    const RunCount runs = countRuns(spec.schedule, nowMs);
    forecast.runsAhead = runs.runs;
    forecast.runsPerDay = runs.perDay;

    if (averageTokensPerRun && *averageTokensPerRun >= 0) {
        forecast.tokenSource = BudgetForecast::TokenSource::History;
        forecast.tokensPerRun = *averageTokensPerRun;
        forecast.averagedRuns = averagedRuns;
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

    using Kind = BudgetForecast::Cap::Kind;
    using Period = BudgetForecast::Cap::Period;
    const Budget &budget = spec.budget;
    if (budget.dailyTokens > 0)
        forecast.caps.append(cap(
            Kind::Tokens, Period::Day, double(budget.dailyTokens), forecast.tokensPerDay, nowMs));
    if (budget.dailyCost > 0)
        forecast.caps.append(
            cap(Kind::Cost, Period::Day, budget.dailyCost, forecast.costPerDay, nowMs));
    if (budget.monthlyTokens > 0)
        forecast.caps.append(cap(Kind::Tokens,
                                 Period::Month,
                                 double(budget.monthlyTokens),
                                 forecast.tokensPerDay,
                                 nowMs));
    if (budget.monthlyCost > 0)
        forecast.caps.append(
            cap(Kind::Cost, Period::Month, budget.monthlyCost, forecast.costPerDay, nowMs));
    return forecast;
}

} // namespace nightshift
