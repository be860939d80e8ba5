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
    view.setForecast(forecastBudget(agent, prices(), 1200, decemberFirst(), 20));
    QCOMPARE(view.summaryText(),
             u"≈ 288 runs a day × 1,200 tokens (average of the last 20 runs) × $0.2625/M ≈ "
             "$0.09 a day, $2.72 a month"_s);
    QCOMPARE(view.priceText(),
             u"Priced as openai gpt-4o-mini: $0.15/M input, $0.60/M output; 75% of the tokens "
             "are counted as input."_s);
    QCOMPARE(view.capsText(),
             u"The daily cap of 100,000 tokens would be passed: about 345,600 tokens a day.\n"
             "The monthly cap of 50,000,000 tokens would not be reached this month.\n"
             "The monthly cap of $1.00 would be reached on 12 December."_s);
    QVERIFY(view.findChild<QLabel *>(u"caps"_s)->isVisibleTo(&view));
}

void TestBudgetForecastView::withoutAPriceForecastsTokens()
{
    AgentSpec agent = spec();
    agent.model.model = u"gpt-9"_s;
    agent.budget.monthlyCost = 1;
    BudgetForecastView view;
    view.setForecast(forecastBudget(agent, prices(), std::nullopt, decemberFirst()));
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
    view.setForecast(forecastBudget(agent, prices(), 1200, decemberFirst()));
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
    view.setForecast(forecastBudget(agent, prices(), std::nullopt, decemberFirst()));
    // Four weekly runs of at most 20,000 tokens at $0.2625 a million.
    QCOMPARE(view.summaryText(),
             u"4 runs in the next 30 days × 20,000 tokens (the run's token limit) × $0.2625/M ≈ "
             "$0.02"_s);
}

QTEST_MAIN(TestBudgetForecastView)
#include "tst_budgetforecastview.moc"
