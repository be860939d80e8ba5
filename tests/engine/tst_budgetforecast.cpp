// The budget forecast: runs a day from the schedule, tokens a run from history or limits, cost
// from the price table, and when a monthly cap would be reached.

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

} // namespace

void TestBudgetForecast::everyFiveMinutesIs288RunsADay()
{
    const BudgetForecast forecast = forecastBudget(spec(), prices(), 1200, T0, 20);
    QCOMPARE(forecast.runsPerDay, 288.0);
    QCOMPARE(forecast.runsAhead, 288 * 30);
    QVERIFY(!forecast.runsByHand);
    QCOMPARE(forecast.tokensPerDay, 288.0 * 1200);
    QCOMPARE(forecast.tokensPerMonth, 288.0 * 1200 * 30);

    // The phase does not change the count.
    AgentSpec anchored = spec();
    anchored.schedule.anchorMs = T0 - 2 * Minute;
    QCOMPARE(forecastBudget(anchored, prices(), 1200, T0).runsPerDay, 288.0);
    // An end inside the window counts only the runs before it.
    AgentSpec ending = spec(Hour);
    ending.schedule.endAtMs = T0 + 3 * 24 * Hour;
    QCOMPARE(forecastBudget(ending, prices(), 1200, T0).runsAhead, 3 * 24);
}

void TestBudgetForecast::manualAgentsAreNotForecast()
{
    AgentSpec manual = spec();
    manual.schedule.kind = Schedule::Kind::Manual;
    manual.budget.monthlyCost = 1;
    const BudgetForecast forecast = forecastBudget(manual, prices(), 1200, T0);
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
    BudgetForecast forecast = forecastBudget(once, prices(), 1000, T0);
    QCOMPARE(forecast.runsAhead, 1);
    QCOMPARE(forecast.runsPerDay, 1.0 / 30);
    once.schedule.atMs = T0 - Hour;
    QCOMPARE(forecastBudget(once, prices(), 1000, T0).runsAhead, 0);
}

void TestBudgetForecast::secondsApartIsExtrapolated()
{
    const BudgetForecast forecast = forecastBudget(spec(Second), prices(), 100, T0);
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
    const BudgetForecast forecast = forecastBudget(agent, prices(), average, T0, 20);
    QCOMPARE(int(forecast.tokenSource), source);
    QCOMPARE(forecast.tokensPerRun, tokens);
    QCOMPARE(forecast.averagedRuns, average ? 20 : 0);
}

void TestBudgetForecast::costIsTokensTimesTheBlendedPrice()
{
    const BudgetForecast forecast = forecastBudget(spec(), prices(), 1200, T0, 20);
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

    // $0.09072 and 345,600 tokens a day: $1 lasts 11.02 days, 5,000,000 tokens 14.47 days.
    const qint64 december = local(2026, 12, 1, 9);
    QTest::newRow("both this month")
        << december << 1.0 << qint64(5'000'000) << QDate(2026, 12, 12) << QDate(2026, 12, 15);
    QTest::newRow("not this month") << december << 10.0 << qint64(50'000'000) << QDate() << QDate();
    QTest::newRow("late in the month")
        << local(2026, 12, 25, 9) << 1.0 << qint64(5'000'000) << QDate() << QDate();
    QTest::newRow("already at the cap")
        << local(2026, 2, 10, 9) << 0.0001 << qint64(1) << QDate(2026, 2, 10) << QDate(2026, 2, 10);
}

void TestBudgetForecast::monthlyCapsSayWhenTheyAreReached()
{
    QFETCH(qint64, now);
    QFETCH(double, costCap);
    QFETCH(qint64, tokenCap);
    QFETCH(QDate, costDate);
    QFETCH(QDate, tokenDate);
    AgentSpec agent = spec();
    agent.budget.monthlyCost = costCap;
    agent.budget.monthlyTokens = tokenCap;
    const BudgetForecast forecast = forecastBudget(agent, prices(), 1200, now, 20);
    QCOMPARE(forecast.caps.size(), 2);
    const BudgetForecast::Cap &tokens = forecast.caps.at(0);
    const BudgetForecast::Cap &cost = forecast.caps.at(1);
    QCOMPARE(tokens.kind, BudgetForecast::Cap::Kind::Tokens);
    QCOMPARE(tokens.period, BudgetForecast::Cap::Period::Month);
    QCOMPARE(tokens.limit, double(tokenCap));
    QCOMPARE(*tokens.forecast, 345'600.0 * 30);
    QCOMPARE(tokens.reachedOn.value_or(QDate()), tokenDate);
    QCOMPARE(cost.kind, BudgetForecast::Cap::Kind::Cost);
    QCOMPARE(cost.limit, costCap);
    QCOMPARE(cost.reachedOn.value_or(QDate()), costDate);
    QCOMPARE(cost.isExceeded(), costCap < *forecast.costPerMonth);
}

void TestBudgetForecast::dailyCapsSayWhetherADayPassesThem()
{
    AgentSpec agent = spec();
    agent.budget.dailyTokens = 100'000;
    agent.budget.dailyCost = 1;
    const BudgetForecast forecast = forecastBudget(agent, prices(), 1200, T0);
    QCOMPARE(forecast.caps.size(), 2);
    QCOMPARE(forecast.caps.at(0).period, BudgetForecast::Cap::Period::Day);
    QCOMPARE(*forecast.caps.at(0).forecast, 345'600.0);
    QVERIFY(forecast.caps.at(0).isExceeded());
    QVERIFY(!forecast.caps.at(0).reachedOn);
    QCOMPARE(forecast.caps.at(1).kind, BudgetForecast::Cap::Kind::Cost);
    QVERIFY(!forecast.caps.at(1).isExceeded());
}

void TestBudgetForecast::unpricedModelForecastsTokensOnly()
{
    AgentSpec agent = spec();
    agent.model.model = u"gpt-9"_s;
    agent.budget.monthlyCost = 1;
    agent.budget.monthlyTokens = 5'000'000;
    const BudgetForecast forecast = forecastBudget(agent, prices(), 1200, local(2026, 12, 1, 9));
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
