#pragma once

#include "budgetforecast.h"

#include <QWidget>

class QLabel;

namespace nightshift {

/// A budget forecast in words, for the agent editor: runs a day × tokens a run × price ≈ cost
/// a day and a month, where the numbers come from, and when each cap would be reached.
class BudgetForecastView final : public QWidget
{
    Q_OBJECT
public:
    explicit BudgetForecastView(QWidget *parent = nullptr);

    /// Shows forecast, replacing what was shown.
    void setForecast(const BudgetForecast &forecast);

    /// The first line: the sum and its result.
    QString summaryText() const;
    /// The line on where the price comes from; empty when there is no price.
    QString priceText() const;
    /// One line per cap of the budget; empty when it has none.
    QString capsText() const;

private:
    QLabel *m_summary;
    QLabel *m_price;
    QLabel *m_caps;
};

} // namespace nightshift
