// The budget forecast in words, as the agent editor shows it.

#include "budgetforecastview.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

class TestBudgetForecastView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saysTheSumAndTheCapDates();
    void withoutAPriceForecastsTokens();
    void manualAgentsHaveNoForecast();
    void rareRunsAreCountedNotPerDay();
    void existingAgentsCountFromTheirSpend();
    void capsAlreadyReachedSaySo();
};

namespace {

constexpr qint64 Minute = 60'000;

PriceTable prices()
{
    return PriceTable({{u"openai"_s, u"gpt-4o-mini"_s, 0.15, 0.60}});
}

AgentSpec spec()
{
    AgentSpec spec;
    spec.agentId = u"watch"_s;
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini"_s;
    spec.schedule.kind = Schedule::Kind::Interval;
    spec.schedule.intervalMs = 5 * Minute;
    return spec;
}

qint64 decemberFirst()
{
    return QDateTime(QDate(2026, 12, 1), QTime(9, 0)).toMSecsSinceEpoch();
}

AgentSpending history(double average, int runs)
{
    AgentSpending spending;
    spending.averageTokensPerRun = average;
    spending.averagedRuns = runs;
    return spending;
}

} // namespace

void TestBudgetForecastView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestBudgetForecastView::saysTheSumAndTheCapDates()
{
    AgentSpec agent = spec();
    agent.budget.dailyTokens = 100'000;
    agent.budget.monthlyTokens = 50'000'000;
    agent.budget.monthlyCost = 1;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), history(1200, 20), decemberFirst()));
    QCOMPARE(view.summaryText(),
             u"≈ 288 runs a day × 1,200 tokens (average of the last 20 runs) × $0.2625/M ≈ "
             "$0.09 a day, $2.72 a month"_s);
    QCOMPARE(view.priceText(),
             u"Priced as openai gpt-4o-mini: $0.15/M input, $0.60/M output; 75% of the tokens "
             "are counted as input."_s);
    QCOMPARE(view.capsText(),
             u"The daily cap of 100,000 tokens would be passed: about 345,600 tokens a day.\n"
             "≈ 10,584,000 tokens by the month's end: the monthly cap of 50,000,000 tokens would "
             "not be reached this month.\n"
             "≈ $2.78 by the month's end: the monthly cap of $1.00 would be reached on 12 "
             "December."_s);
    QVERIFY(view.findChild<QLabel *>(u"caps"_s)->isVisibleTo(&view));
}

void TestBudgetForecastView::withoutAPriceForecastsTokens()
{
    AgentSpec agent = spec();
    agent.model.model = u"gpt-9"_s;
    agent.budget.monthlyCost = 1;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), AgentSpending(), decemberFirst()));
    QCOMPARE(view.summaryText(),
             u"≈ 288 runs a day × 4,000 tokens (a guess: no history or limits to go by) ≈ "
             "1,152,000 tokens a day, 34,560,000 a month"_s);
    QCOMPARE(view.priceText(),
             u"openai gpt-9 has no price, so no cost is forecast: add one in Settings → Prices."_s);
    QCOMPARE(view.capsText(), u"The monthly cap of $1.00 cannot be checked without a price."_s);
}

void TestBudgetForecastView::manualAgentsHaveNoForecast()
{
    AgentSpec agent = spec();
    agent.schedule.kind = Schedule::Kind::Manual;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), history(1200, 20), decemberFirst()));
    QCOMPARE(view.summaryText(), u"Runs only when started by hand, so nothing is forecast."_s);
    QVERIFY(view.capsText().isEmpty());
    QVERIFY(!view.findChild<QLabel *>(u"caps"_s)->isVisibleTo(&view));
}

void TestBudgetForecastView::rareRunsAreCountedNotPerDay()
{
    AgentSpec agent = spec();
    agent.schedule.intervalMs = 7 * 24 * 60 * Minute;
    agent.limits.totalTokensLimit = 20'000;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), AgentSpending(), decemberFirst()));
    // Four weekly runs of at most 20,000 tokens at $0.2625 a million.
    QCOMPARE(view.summaryText(),
             u"4 runs in the next 30 days × 20,000 tokens (the run's token limit) × $0.2625/M ≈ "
             "$0.02"_s);
}

void TestBudgetForecastView::existingAgentsCountFromTheirSpend()
{
    AgentSpec agent = spec();
    agent.budget.dailyCost = 0.5;
    agent.budget.monthlyCost = 4;
    agent.budget.monthlyTokens = 100'000'000;
    const qint64 now = QDateTime(QDate(2026, 11, 10), QTime(12, 0)).toMSecsSinceEpoch();
    AgentSpending spending = history(1200, 50);
    spending.countedAtMs = now;
    spending.costToday = 0.02;
    spending.costMonth = 3.1;
    spending.tokensMonth = 11'800'000;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), spending, now));
    QVERIFY2(view.summaryText().contains(u"1,200 tokens (average of the last 50 runs)"_s),
             qPrintable(view.summaryText()));
    // $0.09072 a day: half a day left today, 20.5 days this month; $0.90 more takes 9.9 days.
    QCOMPARE(view.capsText(),
             u"The daily cap of $0.50 leaves room: about $0.09 a day. $0.02 spent today; ≈ $0.07 "
             "by the day's end.\n"
             "11,800,000 tokens spent this month; ≈ 18,884,800 tokens by the month's end: the "
             "monthly cap of 100,000,000 tokens would not be reached this month.\n"
             "$3.10 spent this month; ≈ $4.96 by the month's end: the monthly cap of $4.00 would "
             "be reached on 20 November."_s);
}

void TestBudgetForecastView::capsAlreadyReachedSaySo()
{
    AgentSpec agent = spec();
    agent.budget.dailyTokens = 10'000;
    agent.budget.monthlyCost = 3;
    const qint64 now = QDateTime(QDate(2026, 11, 10), QTime(12, 0)).toMSecsSinceEpoch();
    AgentSpending spending = history(1200, 1);
    spending.countedAtMs = now;
    spending.tokensToday = 12'000;
    spending.costMonth = 3.1;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), spending, now));
    QVERIFY2(view.summaryText().contains(u"1,200 tokens (the last run)"_s),
             qPrintable(view.summaryText()));
    QCOMPARE(view.capsText(),
             u"The daily cap of 10,000 tokens would be passed: about 345,600 tokens a day. "
             "12,000 tokens spent today: the cap is reached.\n"
             "$3.10 spent this month: the monthly cap of $3.00 is reached."_s);
}

QTEST_MAIN(TestBudgetForecastView)
#include "tst_budgetforecastview.moc"
