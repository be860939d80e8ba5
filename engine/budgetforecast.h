#pragma once

#include "agentspec.h"
#include "pricetable.h"

#include <QDate>
#include <QList>

#include <optional>

namespace nightshift {

/// Tokens a run is taken to use when neither history nor limits say more.
inline constexpr double DefaultTokensPerRun = 4000;
/// The share of a run's tokens counted at the input price when only the total is known: an
/// agent re-reads its conversation and tool results at every step and writes little.
inline constexpr double InputShareOfTokens = 0.75;
/// The days a forecast's month has, and the days ahead its schedule is counted over.
inline constexpr int ForecastDays = 30;

/// What an agent's runs are expected to use and cost, from its schedule, its limits or
/// history, and the price table; for the editor to show before a spec is saved.
struct BudgetForecast
{
    /// Where tokensPerRun comes from.
    enum class TokenSource {
        History,    ///< The average of the agent's recent runs.
        RunLimit,   ///< `agent_config.total_tokens_limit`, the most a run may use.
        ModelLimit, ///< `model_config.max_tokens` × `agent_config.max_steps` ÷ 2.
        Default,    ///< DefaultTokensPerRun: nothing better to go by.
    };

    /// One cap of the agent's `budget` against the forecast.
    struct Cap
    {
        enum class Kind { Tokens, Cost };
        enum class Period { Day, Month };

        Kind kind = Kind::Tokens;
        Period period = Period::Month;
        double limit = 0; ///< Tokens or US dollars.
        /// What a day or a month is expected to use, in the cap's unit; unset for a cost
        /// when the model has no price.
        std::optional<double> forecast;
        /// A monthly cap: the local date it would be reached counting from now, when that is
        /// before this month ends.
        std::optional<QDate> reachedOn;

        bool isExceeded() const { return forecast && *forecast > limit; }
    };

    QString provider;
    QString model;
    double runsPerDay = 0;   ///< Occurrences in the next ForecastDays days, per day.
    qint64 runsAhead = 0;    ///< Occurrences in the next ForecastDays days.
    bool runsByHand = false; ///< A manual schedule: nothing is forecast.
    double tokensPerRun = 0;
    TokenSource tokenSource = TokenSource::Default;
    int averagedRuns = 0;            ///< History: how many runs the average is of (0: not said).
    std::optional<ModelPrice> price; ///< Unset when the model has no price.
    double pricePerMillion = 0;      ///< The price blended by InputShareOfTokens.
    double tokensPerDay = 0;
    double tokensPerMonth = 0;
    std::optional<double> costPerDay; ///< Unset when the model has no price.
    std::optional<double> costPerMonth;
    QList<Cap> caps; ///< The budget's caps that are set, daily ones first.
};

/// The forecast for spec at nowMs: runs per day from its schedule; tokens per run from
/// averageTokensPerRun (the history's, over averagedRuns runs) if given, else from its limits;
/// cost from prices. A month is ForecastDays days.
BudgetForecast forecastBudget(const AgentSpec &spec,
                              const PriceTable &prices,
                              std::optional<double> averageTokensPerRun,
                              qint64 nowMs,
                              int averagedRuns = 0);

} // namespace nightshift
