// The budget forecast: runs a day from the schedule, tokens a run from history or limits, cost
// from the price table, and, counting from what is spent this month and today, when a cap would
// be reached.

#include "budgetforecast.h"
#include "enginefixture.h"

#include <QDateTime>
#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

class TestBudgetForecast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFiveMinutesIs288RunsADay();
    void manualAgentsAreNotForecast();
    void onceIsOneRunAhead();
    void secondsApartIsExtrapolated();
    void tokensPerRunComeFromTheBestSource_data();
    void tokensPerRunComeFromTheBestSource();
    void costIsTokensTimesTheBlendedPrice();
    void monthlyCapsSayWhenTheyAreReached_data();
    void monthlyCapsSayWhenTheyAreReached();
    void dailyCapsSayWhetherADayPassesThem();
    void unpricedModelForecastsTokensOnly();
    void monthToDateSpendCounts_data();
    void monthToDateSpendCounts();
    void todaysSpendCounts();
    void spendOfAnEarlierPeriodIsNotCounted();
    void historyAverageOrLimitsEstimateWithSpend_data();
    void historyAverageOrLimitsEstimateWithSpend();
    void spendingComesFromTheStatusAndTheRuns();
};

namespace {

/// gpt-4o-mini's prices; blended 3:1 they make $0.2625 per million tokens.
PriceTable prices()
{
    return PriceTable({{u"openai"_s, u"gpt-4o-mini"_s, 0.15, 0.60}});
}

AgentSpec spec(qint64 intervalMs = 5 * Minute)
{
    AgentSpec spec = intervalSpec(u"watch"_s, intervalMs);
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini-2024-07-18"_s;
    return spec;
}

/// A local time: caps are reached on local dates.
qint64 local(int year, int month, int day, int hour = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0)).toMSecsSinceEpoch();
}

/// An existing agent's average, with nothing known of its spend.
AgentSpending history(double average, int runs = 20)
{
    AgentSpending spending;
    spending.averageTokensPerRun = average;
    spending.averagedRuns = runs;
    return spending;
}

/// An existing agent's average and what it spent this month and today, counted at nowMs.
AgentSpending spent(qint64 nowMs,
                    double costMonth,
                    qint64 tokensMonth = 0,
                    double costToday = 0,
                    qint64 tokensToday = 0)
{
    AgentSpending spending = history(1200);
    spending.countedAtMs = nowMs;
    spending.costMonth = costMonth;
    spending.tokensMonth = tokensMonth;
    spending.costToday = costToday;
    spending.tokensToday = tokensToday;
    return spending;
}

RunRecord run(RunState state, qint64 tokens)
{
    RunRecord record;
    record.state = state;
    record.usage.inputTokens = tokens * 3 / 4;
    record.usage.outputTokens = tokens - tokens * 3 / 4;
    return record;
}

} // namespace

void TestBudgetForecast::everyFiveMinutesIs288RunsADay()
{
    const BudgetForecast forecast = forecastBudget(spec(), prices(), history(1200, 20), T0);
    QCOMPARE(forecast.runsPerDay, 288.0);
    QCOMPARE(forecast.runsAhead, 288 * 30);
    QVERIFY(!forecast.runsByHand);
    QCOMPARE(forecast.tokensPerDay, 288.0 * 1200);
    QCOMPARE(forecast.tokensPerMonth, 288.0 * 1200 * 30);

    // The phase does not change the count.
    AgentSpec anchored = spec();
    anchored.schedule.anchorMs = T0 - 2 * Minute;
    QCOMPARE(forecastBudget(anchored, prices(), history(1200), T0).runsPerDay, 288.0);
    // An end inside the window counts only the runs before it.
    AgentSpec ending = spec(Hour);
    ending.schedule.endAtMs = T0 + 3 * 24 * Hour;
    QCOMPARE(forecastBudget(ending, prices(), history(1200), T0).runsAhead, 3 * 24);
}

void TestBudgetForecast::manualAgentsAreNotForecast()
{
    AgentSpec manual = spec();
    manual.schedule.kind = Schedule::Kind::Manual;
    manual.budget.monthlyCost = 1;
    const BudgetForecast forecast = forecastBudget(manual, prices(), history(1200), T0);
    QVERIFY(forecast.runsByHand);
    QCOMPARE(forecast.runsPerDay, 0.0);
    QCOMPARE(forecast.tokensPerDay, 0.0);
    QCOMPARE(forecast.costPerMonth, 0.0);
    QCOMPARE(forecast.caps.size(), 1);
    QVERIFY(!forecast.caps.first().reachedOn);
}

void TestBudgetForecast::onceIsOneRunAhead()
{
    AgentSpec once = spec();
    once.schedule.kind = Schedule::Kind::Once;
    once.schedule.atMs = T0 + 3 * Hour;
    BudgetForecast forecast = forecastBudget(once, prices(), history(1000), T0);
    QCOMPARE(forecast.runsAhead, 1);
    QCOMPARE(forecast.runsPerDay, 1.0 / 30);
    once.schedule.atMs = T0 - Hour;
    QCOMPARE(forecastBudget(once, prices(), history(1000), T0).runsAhead, 0);
}

void TestBudgetForecast::secondsApartIsExtrapolated()
{
    const BudgetForecast forecast = forecastBudget(spec(Second), prices(), history(100), T0);
    QCOMPARE(forecast.runsPerDay, 86'400.0);
    QCOMPARE(forecast.runsAhead, 86'400 * 30);
}

void TestBudgetForecast::tokensPerRunComeFromTheBestSource_data()
{
    QTest::addColumn<std::optional<double>>("average");
    QTest::addColumn<qint64>("runLimit");
    QTest::addColumn<std::optional<qint64>>("maxTokens");
    QTest::addColumn<int>("source");
    QTest::addColumn<double>("tokens");

    using Source = BudgetForecast::TokenSource;
    const std::optional<double> none;
    QTest::newRow("history first") << std::optional<double>(1234.5) << qint64(50'000)
                                   << std::optional<qint64>(1000) << int(Source::History) << 1234.5;
    QTest::newRow("run limit") << none << qint64(50'000) << std::optional<qint64>(1000)
                               << int(Source::RunLimit) << 50'000.0;
    // max_steps is 15: half of 1000 tokens at every step.
    QTest::newRow("max tokens") << none << qint64(0) << std::optional<qint64>(1000)
                                << int(Source::ModelLimit) << 7500.0;
    QTest::newRow("nothing to go by") << none << qint64(0) << std::optional<qint64>()
                                      << int(Source::Default) << DefaultTokensPerRun;
}

void TestBudgetForecast::tokensPerRunComeFromTheBestSource()
{
    QFETCH(std::optional<double>, average);
    QFETCH(qint64, runLimit);
    QFETCH(std::optional<qint64>, maxTokens);
    QFETCH(int, source);
    QFETCH(double, tokens);
    AgentSpec agent = spec();
    agent.limits.totalTokensLimit = runLimit;
    agent.model.maxTokens = maxTokens;
    const BudgetForecast forecast
        = forecastBudget(agent, prices(), average ? history(*average) : AgentSpending(), T0);
    QCOMPARE(int(forecast.tokenSource), source);
    QCOMPARE(forecast.tokensPerRun, tokens);
    QCOMPARE(forecast.averagedRuns, average ? 20 : 0);
}

void TestBudgetForecast::costIsTokensTimesTheBlendedPrice()
{
    const BudgetForecast forecast = forecastBudget(spec(), prices(), history(1200, 20), T0);
    QVERIFY(forecast.price);
    QCOMPARE(forecast.price->model, u"gpt-4o-mini"_s);
    QCOMPARE(forecast.pricePerMillion, 0.15 * 0.75 + 0.60 * 0.25);
    const double perDay = 288 * 1200 * 0.2625 / 1e6;
    QCOMPARE(*forecast.costPerDay, perDay);
    QCOMPARE(*forecast.costPerMonth, perDay * 30);
}

void TestBudgetForecast::monthlyCapsSayWhenTheyAreReached_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<double>("costCap");
    QTest::addColumn<qint64>("tokenCap");
    QTest::addColumn<QDate>("costDate");
    QTest::addColumn<QDate>("tokenDate");
    QTest::addColumn<double>("daysLeft");

    // $0.09072 and 345,600 tokens a day: $1 lasts 11.02 days, 5,000,000 tokens 14.47 days.
    const qint64 december = local(2026, 12, 1, 9);
    QTest::newRow("both this month") << december << 1.0 << qint64(5'000'000) << QDate(2026, 12, 12)
                                     << QDate(2026, 12, 15) << 30.625;
    QTest::newRow("not this month")
        << december << 10.0 << qint64(50'000'000) << QDate() << QDate() << 30.625;
    QTest::newRow("late in the month")
        << local(2026, 12, 25, 9) << 1.0 << qint64(5'000'000) << QDate() << QDate() << 6.625;
    // February has 28 days, not 30.
    QTest::newRow("already at the cap") << local(2026, 2, 10, 9) << 0.0001 << qint64(1)
                                        << QDate(2026, 2, 10) << QDate(2026, 2, 10) << 18.625;
}

void TestBudgetForecast::monthlyCapsSayWhenTheyAreReached()
{
    QFETCH(qint64, now);
    QFETCH(double, costCap);
    QFETCH(qint64, tokenCap);
    QFETCH(QDate, costDate);
    QFETCH(QDate, tokenDate);
    QFETCH(double, daysLeft);
    AgentSpec agent = spec();
    agent.budget.monthlyCost = costCap;
    agent.budget.monthlyTokens = tokenCap;
    const BudgetForecast forecast = forecastBudget(agent, prices(), history(1200, 20), now);
    QCOMPARE(forecast.caps.size(), 2);
    const BudgetForecast::Cap &tokens = forecast.caps.at(0);
    const BudgetForecast::Cap &cost = forecast.caps.at(1);
    QCOMPARE(tokens.kind, BudgetForecast::Cap::Kind::Tokens);
    QCOMPARE(tokens.period, BudgetForecast::Cap::Period::Month);
    QCOMPARE(tokens.limit, double(tokenCap));
    QVERIFY(!tokens.spent);
    QCOMPARE(*tokens.perDay, 345'600.0);
    QCOMPARE(*tokens.forecast, 345'600.0 * daysLeft);
    QCOMPARE(tokens.reachedOn.value_or(QDate()), tokenDate);
    QCOMPARE(cost.kind, BudgetForecast::Cap::Kind::Cost);
    QCOMPARE(cost.limit, costCap);
    QCOMPARE(cost.reachedOn.value_or(QDate()), costDate);
    QCOMPARE(*cost.forecast, 0.09072 * daysLeft);
    QCOMPARE(cost.isExceeded(), costCap < 0.09072 * daysLeft);
}

void TestBudgetForecast::dailyCapsSayWhetherADayPassesThem()
{
    AgentSpec agent = spec();
    agent.budget.dailyTokens = 100'000;
    agent.budget.dailyCost = 1;
    // Six hours of the day are left: a quarter of a day's use.
    const BudgetForecast forecast
        = forecastBudget(agent, prices(), history(1200), local(2026, 11, 10, 18));
    QCOMPARE(forecast.caps.size(), 2);
    const BudgetForecast::Cap &tokens = forecast.caps.at(0);
    QCOMPARE(tokens.period, BudgetForecast::Cap::Period::Day);
    QCOMPARE(*tokens.perDay, 345'600.0);
    QCOMPARE(*tokens.forecast, 86'400.0);
    QVERIFY(!tokens.isExceeded());
    // 100,000 tokens take 6.9 hours: not before midnight.
    QVERIFY(!tokens.reachedOn);
    QCOMPARE(forecast.caps.at(1).kind, BudgetForecast::Cap::Kind::Cost);
    QCOMPARE(*forecast.caps.at(1).forecast, 0.09072 / 4);
    QVERIFY(!forecast.caps.at(1).isExceeded());
}

void TestBudgetForecast::monthToDateSpendCounts_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<double>("spentCost");
    QTest::addColumn<double>("costCap");
    QTest::addColumn<double>("forecastCost");
    QTest::addColumn<QDate>("reachedOn");
    QTest::addColumn<bool>("reached");

    // $0.09072 a day; 20.5 days are left from 10 November noon, 10.5 from the 20th, and one
    // hour from 30 November 23:00.
    const qint64 tenth = local(2026, 11, 10, 12);
    QTest::newRow("cap already passed") << local(2026, 11, 20, 12) << 9.0 << 8.0
                                        << 9.0 + 0.09072 * 10.5 << QDate(2026, 11, 20) << true;
    // $1 more takes 11.02 days: 21 November, half past noon.
    QTest::newRow("reached later this month")
        << tenth << 6.0 << 7.0 << 6.0 + 0.09072 * 20.5 << QDate(2026, 11, 21) << false;
    QTest::newRow("not reached") << tenth << 3.0 << 8.0 << 3.0 + 0.09072 * 20.5 << QDate() << false;
    // The last hour holds $0.00378: $0.002 more is reached at 23:31, $0.01 more next month.
    QTest::newRow("reached in the month's last hour")
        << local(2026, 11, 30, 23) << 0.998 << 1.0 << 0.998 + 0.09072 / 24 << QDate(2026, 11, 30)
        << false;
    QTest::newRow("not reached in the month's last hour")
        << local(2026, 11, 30, 23) << 0.99 << 1.0 << 0.99 + 0.09072 / 24 << QDate() << false;
}

void TestBudgetForecast::monthToDateSpendCounts()
{
    QFETCH(qint64, now);
    QFETCH(double, spentCost);
    QFETCH(double, costCap);
    QFETCH(double, forecastCost);
    QFETCH(QDate, reachedOn);
    QFETCH(bool, reached);
    AgentSpec agent = spec();
    agent.budget.monthlyCost = costCap;
    const BudgetForecast forecast = forecastBudget(agent, prices(), spent(now, spentCost), now);
    QCOMPARE(forecast.caps.size(), 1);
    const BudgetForecast::Cap &cap = forecast.caps.first();
    QCOMPARE(*cap.spent, spentCost);
    QCOMPARE(*cap.forecast, forecastCost);
    QCOMPARE(cap.reachedOn.value_or(QDate()), reachedOn);
    QCOMPARE(cap.isReached(), reached);
    QCOMPARE(cap.isExceeded(), forecastCost > costCap);
}

void TestBudgetForecast::todaysSpendCounts()
{
    AgentSpec agent = spec();
    agent.budget.dailyTokens = 380'000;
    // Six hours left at 345,600 tokens a day: 86,400 more tokens by midnight.
    const qint64 evening = local(2026, 11, 10, 18);
    BudgetForecast forecast
        = forecastBudget(agent, prices(), spent(evening, 0, 0, 0, 300'000), evening);
    BudgetForecast::Cap cap = forecast.caps.first();
    QCOMPARE(*cap.spent, 300'000.0);
    QCOMPARE(*cap.forecast, 386'400.0);
    QVERIFY(cap.isExceeded());
    QVERIFY(!cap.isReached());
    // The last 80,000 tokens take 5.6 hours.
    QCOMPARE(cap.reachedOn.value_or(QDate()), QDate(2026, 11, 10));

    agent.budget.dailyTokens = 400'000;
    cap = forecastBudget(agent, prices(), spent(evening, 0, 0, 0, 300'000), evening).caps.first();
    QVERIFY(!cap.isExceeded());
    QVERIFY(!cap.reachedOn);

    cap = forecastBudget(agent, prices(), spent(evening, 0, 0, 0, 450'000), evening).caps.first();
    QVERIFY(cap.isReached());
    QCOMPARE(cap.reachedOn.value_or(QDate()), QDate(2026, 11, 10));
}

void TestBudgetForecast::spendOfAnEarlierPeriodIsNotCounted()
{
    AgentSpec agent = spec();
    agent.budget.dailyCost = 0.5;
    agent.budget.monthlyCost = 8;
    // Counted on 31 December, forecast on 1 January: a new day and a new month.
    const AgentSpending december = spent(local(2026, 12, 31, 22), 7.5, 0, 0.4);
    const qint64 now = local(2027, 1, 1, 0);
    const BudgetForecast forecast = forecastBudget(agent, prices(), december, now);
    QCOMPARE(*forecast.caps.at(0).spent, 0.0);
    QCOMPARE(*forecast.caps.at(0).forecast, 0.09072);
    QCOMPARE(*forecast.caps.at(1).spent, 0.0);
    QCOMPARE(*forecast.caps.at(1).forecast, 0.09072 * 31);
    QVERIFY(!forecast.caps.at(1).reachedOn);
    // The same spend counted within January is counted.
    const BudgetForecast counted
        = forecastBudget(agent, prices(), spent(now, 7.5, 0, 0.4), now + Hour);
    QCOMPARE(*counted.caps.at(1).spent, 7.5);
    QCOMPARE(*counted.caps.at(0).spent, 0.4);
}

void TestBudgetForecast::historyAverageOrLimitsEstimateWithSpend_data()
{
    QTest::addColumn<bool>("withHistory");
    QTest::addColumn<int>("source");
    QTest::addColumn<double>("forecastTokens");
    QTest::addColumn<QDate>("reachedOn");

    // 40,000,000 of 100,000,000 tokens spent by 10 November noon, 20.5 days before the month
    // ends. History: 288 runs × 1,200 tokens a day. Limits: 288 runs × 50,000 tokens, which
    // use the 60,000,000 left in 4.17 days.
    using Source = BudgetForecast::TokenSource;
    QTest::newRow("history average")
        << true << int(Source::History) << 40'000'000 + 345'600.0 * 20.5 << QDate();
    QTest::newRow("limits estimate") << false << int(Source::RunLimit)
                                     << 40'000'000 + 14'400'000.0 * 20.5 << QDate(2026, 11, 14);
}

void TestBudgetForecast::historyAverageOrLimitsEstimateWithSpend()
{
    QFETCH(bool, withHistory);
    QFETCH(int, source);
    QFETCH(double, forecastTokens);
    QFETCH(QDate, reachedOn);
    AgentSpec agent = spec();
    agent.limits.totalTokensLimit = 50'000;
    agent.budget.monthlyTokens = 100'000'000;
    const qint64 now = local(2026, 11, 10, 12);
    AgentSpending spending = spent(now, 0, 40'000'000);
    if (!withHistory) {
        spending.averageTokensPerRun.reset();
        spending.averagedRuns = 0;
    }
    const BudgetForecast forecast = forecastBudget(agent, prices(), spending, now);
    QCOMPARE(int(forecast.tokenSource), source);
    const BudgetForecast::Cap &cap = forecast.caps.first();
    QCOMPARE(*cap.spent, 40'000'000.0);
    QCOMPARE(*cap.forecast, forecastTokens);
    QCOMPARE(cap.reachedOn.value_or(QDate()), reachedOn);
}

void TestBudgetForecast::spendingComesFromTheStatusAndTheRuns()
{
    const qint64 now = local(2026, 11, 10, 12);
    AgentStatus status;
    status.tokensDay = u"2026-11-10"_s;
    status.tokensToday = 3000;
    status.costToday = 0.25;
    status.spendMonth = u"2026-11"_s;
    status.tokensMonth = 90'000;
    status.costMonth = 3.1;
    // Newest first: a running run, a skipped occurrence and a failed run without tokens are
    // not averaged; of 60 finished runs with tokens the newest 50 are.
    QList<RunRecord> runs{
        run(RunState::Running, 9999), run(RunState::Skipped, 0), run(RunState::Failed, 0)};
    for (int i = 0; i < 50; ++i)
        runs.append(run(i % 2 ? RunState::Completed : RunState::Failed, i % 2 ? 1000 : 2000));
    for (int i = 0; i < 10; ++i)
        runs.append(run(RunState::Completed, 1'000'000));
    AgentSpending spending = agentSpending(status, runs, now);
    QCOMPARE(spending.averagedRuns, 50);
    QCOMPARE(*spending.averageTokensPerRun, 1500.0);
    QCOMPARE(spending.countedAtMs, now);
    QCOMPARE(spending.tokensToday, 3000);
    QCOMPARE(spending.costToday, 0.25);
    QCOMPARE(spending.tokensMonth, 90'000);
    QCOMPARE(spending.costMonth, 3.1);

    // Counts of an earlier day and month are over; no run with tokens leaves no average.
    status.tokensDay = u"2026-11-09"_s;
    status.spendMonth = u"2026-10"_s;
    spending = agentSpending(status, {run(RunState::Skipped, 0)}, now);
    QVERIFY(!spending.averageTokensPerRun);
    QCOMPARE(spending.averagedRuns, 0);
    QCOMPARE(spending.tokensToday, 0);
    QCOMPARE(spending.costToday, 0.0);
    QCOMPARE(spending.tokensMonth, 0);
    QCOMPARE(spending.costMonth, 0.0);
}

void TestBudgetForecast::unpricedModelForecastsTokensOnly()
{
    AgentSpec agent = spec();
    agent.model.model = u"gpt-9"_s;
    agent.budget.monthlyCost = 1;
    agent.budget.monthlyTokens = 5'000'000;
    const BudgetForecast forecast
        = forecastBudget(agent, prices(), history(1200), local(2026, 12, 1, 9));
    QVERIFY(!forecast.price);
    QVERIFY(!forecast.costPerDay);
    QVERIFY(!forecast.costPerMonth);
    QCOMPARE(forecast.tokensPerDay, 345'600.0);
    QVERIFY(forecast.caps.at(0).reachedOn);
    QVERIFY(!forecast.caps.at(1).forecast);
    QVERIFY(!forecast.caps.at(1).reachedOn);
    QVERIFY(!forecast.caps.at(1).isExceeded());
}

QTEST_GUILESS_MAIN(TestBudgetForecast)
#include "tst_budgetforecast.moc"
