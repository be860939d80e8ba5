#include "budgetforecastview.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

const QString Dollar = u"$"_s;

/// Dollars as money: cents, or two significant digits below a cent, where a cheap model's
/// daily cost would otherwise read as $0.00.
QString money(const QLocale &locale, double dollars)
{
    int decimals = 2;
    if (dollars > 0 && dollars < 0.01)
        decimals = std::min(6, 1 - int(std::floor(std::log10(dollars))));
    return locale.toCurrencyString(dollars, Dollar, decimals);
}

/// A price per million tokens: as many decimals as it has, from two up to four ($0.075).
QString price(const QLocale &locale, double dollars)
{
    int decimals = 2;
    while (
        decimals < 4
        && std::abs(std::round(dollars * std::pow(10, decimals)) - dollars * std::pow(10, decimals))
               > 1e-6)
        ++decimals;
    return locale.toCurrencyString(dollars, Dollar, decimals);
}

QString whole(const QLocale &locale, double value)
{
    return locale.toString(qint64(std::llround(value)));
}

QString tokenSource(const BudgetForecast &forecast)
{
    switch (forecast.tokenSource) {
    case BudgetForecast::TokenSource::History:
        // One and many spelt out rather than %n: English plurals come from the translation
        // file, which new strings reach only when lupdate runs.
        if (forecast.averagedRuns == 1)
            return BudgetForecastView::tr("the last run");
        if (forecast.averagedRuns > 1)
            return BudgetForecastView::tr("average of the last %1 runs").arg(forecast.averagedRuns);
        return BudgetForecastView::tr("average of recent runs");
    case BudgetForecast::TokenSource::RunLimit:
        return BudgetForecastView::tr("the run's token limit");
    case BudgetForecast::TokenSource::ModelLimit:
        return BudgetForecastView::tr("estimate: max_tokens × max_steps ÷ 2");
    case BudgetForecast::TokenSource::Default:
        return BudgetForecastView::tr("a guess: no history or limits to go by");
    }
    return {};
}

QString runsText(const QLocale &locale, const BudgetForecast &forecast)
{
    if (forecast.runsPerDay < 1 && forecast.runsAhead == 1)
        return BudgetForecastView::tr("1 run in the next %1 days").arg(ForecastDays);
    if (forecast.runsPerDay < 1)
        return BudgetForecastView::tr("%1 runs in the next %2 days")
            .arg(whole(locale, double(forecast.runsAhead)))
            .arg(ForecastDays);
    const double rounded = std::round(forecast.runsPerDay);
    if (rounded == 1 && std::abs(forecast.runsPerDay - rounded) < 0.05)
        return BudgetForecastView::tr("≈ 1 run a day");
    if (std::abs(forecast.runsPerDay - rounded) < 0.05)
        return BudgetForecastView::tr("≈ %1 runs a day").arg(whole(locale, rounded));
    return BudgetForecastView::tr("≈ %1 runs a day")
        .arg(locale.toString(forecast.runsPerDay, 'f', 1));
}

QString summary(const QLocale &locale, const BudgetForecast &forecast)
{
    if (forecast.runsByHand)
        return BudgetForecastView::tr("Runs only when started by hand, so nothing is forecast.");
    if (forecast.runsAhead == 0)
        return BudgetForecastView::tr("No run falls due in the next %1 days, so nothing is "
                                      "forecast.")
            .arg(ForecastDays);
    const QString runs = runsText(locale, forecast);
    const QString tokens = BudgetForecastView::tr("%1 tokens (%2)")
                               .arg(whole(locale, forecast.tokensPerRun), tokenSource(forecast));
    const bool daily = forecast.runsPerDay >= 1;
    if (forecast.costPerDay) {
        if (daily)
            return BudgetForecastView::tr("%1 × %2 × %3/M ≈ %4 a day, %5 a month")
                .arg(runs,
                     tokens,
                     price(locale, forecast.pricePerMillion),
                     money(locale, *forecast.costPerDay),
                     money(locale, *forecast.costPerMonth));
        return BudgetForecastView::tr("%1 × %2 × %3/M ≈ %4")
            .arg(runs,
                 tokens,
                 price(locale, forecast.pricePerMillion),
                 money(locale, *forecast.costPerMonth));
    }
    if (daily)
        return BudgetForecastView::tr("%1 × %2 ≈ %3 tokens a day, %4 a month")
            .arg(runs,
                 tokens,
                 whole(locale, forecast.tokensPerDay),
                 whole(locale, forecast.tokensPerMonth));
    return BudgetForecastView::tr("%1 × %2 ≈ %3 tokens")
        .arg(runs, tokens, whole(locale, forecast.tokensPerMonth));
}

QString priceLine(const QLocale &locale, const BudgetForecast &forecast)
{
    if (!forecast.price)
        return BudgetForecastView::tr("%1 %2 has no price, so no cost is forecast: add one in "
                                      "Settings → Prices.")
            .arg(forecast.provider, forecast.model);
    const QString entry = forecast.price->model == u"*"
                              ? BudgetForecastView::tr("%1, every model").arg(forecast.provider)
                              : forecast.price->provider + u' ' + forecast.price->model;
    return BudgetForecastView::tr("Priced as %1: %2/M input, %3/M output; %4% of the tokens "
                                  "are counted as input.")
        .arg(entry,
             price(locale, forecast.price->inputPerMillion),
             price(locale, forecast.price->outputPerMillion),
             whole(locale, InputShareOfTokens * 100));
}

QString dailyCapLine(const BudgetForecast::Cap &cap,
                     const QString &limit,
                     const std::function<QString(double)> &amount)
{
    if (!cap.perDay)
        return BudgetForecastView::tr("The daily cap of %1 cannot be checked without a price.")
            .arg(limit);
    const QString day
        = *cap.perDay > cap.limit
              ? BudgetForecastView::tr("The daily cap of %1 would be passed: about %2 a day.")
                    .arg(limit, amount(*cap.perDay))
              : BudgetForecastView::tr("The daily cap of %1 leaves room: about %2 a day.")
                    .arg(limit, amount(*cap.perDay));
    if (!cap.spent)
        return day;
    const QString spent = amount(*cap.spent);
    if (cap.isReached())
        return day + u' '
               + BudgetForecastView::tr("%1 spent today: the cap is reached.").arg(spent);
    if (cap.reachedOn)
        return day + u' '
               + BudgetForecastView::tr("%1 spent today; ≈ %2 by the day's end: the cap is "
                                        "reached today.")
                     .arg(spent, amount(*cap.forecast));
    return day + u' '
           + BudgetForecastView::tr("%1 spent today; ≈ %2 by the day's end.")
                 .arg(spent, amount(*cap.forecast));
}

QString monthlyCapLine(const QLocale &locale,
                       const BudgetForecast::Cap &cap,
                       const QString &limit,
                       const std::function<QString(double)> &amount)
{
    if (!cap.forecast)
        return BudgetForecastView::tr("The monthly cap of %1 cannot be checked without a price.")
            .arg(limit);
    const QString date = cap.reachedOn ? locale.toString(*cap.reachedOn, u"d MMMM"_s) : QString();
    if (!cap.spent) {
        if (cap.reachedOn)
            return BudgetForecastView::tr("≈ %1 by the month's end: the monthly cap of %2 would "
                                          "be reached on %3.")
                .arg(amount(*cap.forecast), limit, date);
        return BudgetForecastView::tr("≈ %1 by the month's end: the monthly cap of %2 would not "
                                      "be reached this month.")
            .arg(amount(*cap.forecast), limit);
    }
    const QString spent = amount(*cap.spent);
    if (cap.isReached())
        return BudgetForecastView::tr("%1 spent this month: the monthly cap of %2 is reached.")
            .arg(spent, limit);
    if (cap.reachedOn)
        return BudgetForecastView::tr("%1 spent this month; ≈ %2 by the month's end: the monthly "
                                      "cap of %3 would be reached on %4.")
            .arg(spent, amount(*cap.forecast), limit, date);
    return BudgetForecastView::tr("%1 spent this month; ≈ %2 by the month's end: the monthly cap "
                                  "of %3 would not be reached this month.")
        .arg(spent, amount(*cap.forecast), limit);
}

QString capLine(const QLocale &locale, const BudgetForecast::Cap &cap)
{
    const auto amount = [&locale, &cap](double value) {
        return cap.kind == BudgetForecast::Cap::Kind::Tokens
                   ? BudgetForecastView::tr("%1 tokens").arg(whole(locale, value))
                   : money(locale, value);
    };
    const QString limit = amount(cap.limit);
    if (cap.period == BudgetForecast::Cap::Period::Day)
        return dailyCapLine(cap, limit, amount);
    return monthlyCapLine(locale, cap, limit, amount);
}

QLabel *line(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

BudgetForecastView::BudgetForecastView(QWidget *parent)
    : QWidget(parent)
    , m_summary(line(u"summary"_s, this))
    , m_price(line(u"price"_s, this))
    , m_caps(line(u"caps"_s, this))
{
    m_price->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_price);
    layout->addWidget(m_caps);
    m_caps->hide();
}

void BudgetForecastView::setForecast(const BudgetForecast &forecast)
{
    const QLocale locale = this->locale();
    m_summary->setText(summary(locale, forecast));
    m_price->setText(priceLine(locale, forecast));
    QStringList caps;
    for (const BudgetForecast::Cap &cap : forecast.caps)
        caps.append(capLine(locale, cap));
    m_caps->setText(caps.join(u'\n'));
    m_caps->setVisible(!caps.isEmpty());
}

QString BudgetForecastView::summaryText() const
{
    return m_summary->text();
}

QString BudgetForecastView::priceText() const
{
    return m_price->text();
}

QString BudgetForecastView::capsText() const
{
    return m_caps->text();
}

} // namespace nightshift
