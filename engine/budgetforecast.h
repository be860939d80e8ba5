#pragma once

#include "agentspec.h"
#include "agentstatus.h"
#include "pricetable.h"
#include "run.h"

#include <QDate>
#include <QList>

#include <optional>

namespace nightshift {

/// Tokens a run is taken to use when neither history nor limits say more.
inline constexpr double DefaultTokensPerRun = 4000;
/// The share of a run's tokens counted at the input price when only the total is known: an
/// agent re-reads its conversation and tool results at every step and writes little.
inline constexpr double InputShareOfTokens = 0.75;
/// The days ahead a schedule is counted over, and the days of the summary's "a month"; caps
/// count the days left in the actual calendar month.
inline constexpr int ForecastDays = 30;
/// The most recent runs that used tokens an existing agent's average is taken over.
inline constexpr int AveragedRunsLimit = 50;

/// What is known of an existing agent's use, for its forecast: the average of its recent runs
/// and what it has spent this month and today. Default: a new agent, nothing known.
struct AgentSpending
{
    std::optional<double> averageTokensPerRun; ///< Unset: no finished run used tokens.
    int averagedRuns = 0;                      ///< How many runs the average is of.
    /// When the spend below was counted, UTC ms; 0: not known. A forecast on another local day
    /// or month than this counts that period's spend as 0.
    qint64 countedAtMs = 0;
    qint64 tokensToday = 0;
    double costToday = 0; ///< US dollars.
    qint64 tokensMonth = 0;
    double costMonth = 0; ///< US dollars.
};

/// What an existing agent's status and runs (newest first) say at nowMs, the engine clock's
/// time: today's and this month's spend (0 when the status still counts an earlier day or
/// month) and the average tokens of its last AveragedRunsLimit finished runs that used any.
AgentSpending agentSpending(const AgentStatus &status, const QList<RunRecord> &runs, qint64 nowMs);

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
        /// What the period (today, this month) has used so far; unset for a new agent.
        std::optional<double> spent;
        /// What a whole day is expected to use, in the cap's unit; unset for a cost when the
        /// model has no price.
        std::optional<double> perDay;
        /// What the period is expected to have used by its end: spent so far and the rest of
        /// today or of this calendar month; unset for a cost when the model has no price.
        std::optional<double> forecast;
        /// The local date the cap would be reached, counting from what is spent (today when it
        /// already is), when that is before the period ends.
        std::optional<QDate> reachedOn;

        /// Whether the period is expected to end over the cap.
        bool isExceeded() const { return forecast && *forecast > limit; }
        /// Whether the period's spend has already reached the cap.
        bool isReached() const { return spent && *spent >= limit; }
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
/// spending's average if it has one, else from its limits; cost from prices. A cap's forecast
/// is what spending says is spent in its period and the rest of that period's expected use.
BudgetForecast forecastBudget(const AgentSpec &spec,
                              const PriceTable &prices,
                              const AgentSpending &spending,
                              qint64 nowMs);

} // namespace nightshift
