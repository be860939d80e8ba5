#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace nightshift {

/// When an agent's runs fall due. The seed's top-level `interval` is shorthand for Interval.
struct Schedule
{
    enum class Kind { Interval, Cron, Once, Manual };

    Kind kind = Kind::Manual;
    qint64 intervalMs = 0;           ///< Interval: the period.
    std::optional<qint64> anchorMs;  ///< Interval: phase origin; unset means "when started".
    QString cron;                    ///< Cron: the expression as written.
    QString timeZone;                ///< Cron: an IANA zone id; empty means the system's.
    qint64 atMs = 0;                 ///< Once: the instant, UTC ms since the epoch.
    std::optional<qint64> startAtMs; ///< No occurrence before this instant.
    std::optional<qint64> endAtMs;   ///< No occurrence after this instant.
    int maxRuns = 0;                 ///< Occurrences served in all; 0: no limit.
    qint64 jitterMs = 0; ///< Each occurrence runs up to this much later, the same on every restart.

    bool operator==(const Schedule &) const = default;
};

/// `policies`: what happens to occurrences that were missed, that overlap a running run, and to
/// an agent that keeps failing.
struct RunPolicies
{
    enum class Misfire { Skip, RunOnce, RunAll };
    enum class Overlap { Skip, QueueOne, CancelPrevious, Allow };

    Misfire misfire = Misfire::Skip;
    qint64 misfireGraceMs = 60'000; ///< A run this late or less simply runs.
    int catchUpLimit = 10;          ///< RunAll: the most catch-up runs after one gap.
    Overlap overlap = Overlap::Skip;
    int maxParallel = 2;        ///< Allow: runs at once.
    int pauseAfterFailures = 5; ///< Consecutive failures that pause the agent; 0: never.

    bool operator==(const RunPolicies &) const = default;
};

/// `budget`: what an agent may spend per day and per month (0: no cap). A run that would pass a
/// cap is skipped or pauses the agent. The per-run cap is `agent_config.total_tokens_limit`.
struct Budget
{
    enum class Action { Skip, Pause };

    qint64 dailyTokens = 0;
    qint64 monthlyTokens = 0;
    double dailyCost = 0;
    double monthlyCost = 0;
    Action onExceeded = Action::Skip;

    bool hasCap() const { return dailyTokens || monthlyTokens || dailyCost || monthlyCost; }
    bool operator==(const Budget &) const = default;
};

/// `model_config`: which provider and model answer, and how.
struct ModelConfig
{
    QString provider;
    QString model;
    QString baseUrl;
    std::optional<double> temperature;
    std::optional<qint64> maxTokens;
    std::optional<double> topP;
    /// The name of the API key (a keychain entry or an environment variable), never a key;
    /// empty means the provider's usual name (keyNameFor()).
    QString apiKey;

    bool operator==(const ModelConfig &) const = default;
};

/// `task_config`: what one run does and how it is retried.
struct TaskConfig
{
    enum class Backoff { Fixed, Exponential };

    QString query;
    int maxRetries = 3;
    qint64 retryDelayMs = 60'000;
    Backoff retryBackoff = Backoff::Fixed;
    qint64 retryDelayMaxMs = 3'600'000; ///< Cap for exponential backoff.
    qint64 timeoutMs = 300'000;         ///< Per attempt.
    QString sessionId;
    nlohmann::json toolArguments = nlohmann::json::object(); ///< Keyed by tool name.

    /// The wait before retry number `retry` (1 for the first retry).
    qint64 retryDelayFor(int retry) const;

    bool operator==(const TaskConfig &) const = default;
};

/// `agent_config`: the limits of one run.
struct AgentLimits
{
    qint64 toolCallTimeoutMs = 30'000;
    int maxSteps = 15;
    qint64 requestLimit = 0;     ///< 0: no limit.
    qint64 totalTokensLimit = 0; ///< 0: no limit.

    bool operator==(const AgentLimits &) const = default;
};

/// `agent_config.memory_config`: how much of a session's conversation the model is given.
struct MemoryConfig
{
    enum class Mode { SlidingWindow, TokenBudget };

    Mode mode = Mode::SlidingWindow;
    qint64 value = 20; ///< SlidingWindow: messages kept; TokenBudget: tokens kept.

    bool operator==(const MemoryConfig &) const = default;
};

/// One agent's configuration, in the seed's JSON shape.
struct AgentSpec
{
    QString agentId;
    QString systemInstruction;
    ModelConfig model;
    Schedule schedule;
    RunPolicies policies;
    Budget budget;
    TaskConfig task;
    AgentLimits limits;
    MemoryConfig memory;      ///< `agent_config.memory_config`
    QStringList allowedPaths; ///< `agent_config.allowed_paths`: absolute folders for file tools.
    QStringList tools;
    int revision = 0;

    /// The canonical JSON form; parseAgentSpec() reads it back to an equal spec.
    nlohmann::json toJson() const;

    bool operator==(const AgentSpec &) const = default;
};

/// One problem in a config: the field's path (`agents[2].task_config.max_retries`) and what
/// was expected there.
struct ConfigError
{
    QString path;
    QString message;

    QString toString() const;
};

/// What reading a config yields: every agent that parsed, and every error found.
struct ConfigParseResult
{
    QList<AgentSpec> agents;
    QList<ConfigError> errors;

    bool ok() const { return errors.isEmpty(); }
};

/// The largest config file Nightshift reads.
inline constexpr qint64 MaxConfigFileBytes = 1024 * 1024;
/// How deeply a config's JSON may nest: agents need a few levels, and the limit keeps
/// recursive copies of hostile input off the stack.
inline constexpr int MaxConfigNestingDepth = 64;

/// Reads one agent object, a list of them, or {"agents": [...]} from JSON text.
ConfigParseResult parseAgentConfigs(const QByteArray &json);
/// Reads a config file (at most MaxConfigFileBytes) with parseAgentConfigs().
ConfigParseResult parseAgentConfigFile(const QString &path);
/// Validates one agent object; paths in errors start with pathPrefix.
ConfigParseResult parseAgentSpec(const nlohmann::json &object, const QString &pathPrefix = {});

/// Whether id is a valid agent_id: [A-Za-z0-9_.-]{1,64}.
bool isValidAgentId(const QString &id);

} // namespace nightshift
