#include "agentspec.h"

#include "cronexpression.h"
#include "event.h"
#include "secretstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using namespace std::string_view_literals;
using Json = nlohmann::json;
using Names = std::span<const std::string_view>;

constexpr std::array AgentKeys{"agent_id"sv,
                               "system_instruction"sv,
                               "model_config"sv,
                               "interval"sv,
                               "schedule"sv,
                               "task_config"sv,
                               "agent_config"sv,
                               "tools"sv,
                               "policies"sv,
                               "budget"sv};
constexpr std::array ModelKeys{
    "provider"sv, "model"sv, "base_url"sv, "temperature"sv, "max_tokens"sv, "top_p"sv, "api_key"sv};
constexpr std::array TaskKeys{"query"sv,
                              "max_retries"sv,
                              "retry_delay"sv,
                              "retry_backoff"sv,
                              "retry_delay_max"sv,
                              "timeout"sv,
                              "session_id"sv,
                              "interval"sv,
                              "tool_arguments"sv};
constexpr std::array AgentConfigKeys{"tool_call_timeout"sv,
                                     "max_steps"sv,
                                     "request_limit"sv,
                                     "total_tokens_limit"sv,
                                     "memory_config"sv,
                                     "allowed_paths"sv};
constexpr std::array MemoryKeys{"mode"sv, "value"sv};
constexpr std::array MemoryModes{"sliding_window"sv, "token_budget"sv};
constexpr std::array ScheduleKeys{"kind"sv,
                                  "seconds"sv,
                                  "anchor"sv,
                                  "expression"sv,
                                  "timezone"sv,
                                  "at"sv,
                                  "start_at"sv,
                                  "end_at"sv,
                                  "max_runs"sv,
                                  "jitter"sv};
constexpr std::array IntervalScheduleKeys{
    "kind"sv, "seconds"sv, "anchor"sv, "start_at"sv, "end_at"sv, "max_runs"sv, "jitter"sv};
constexpr std::array CronScheduleKeys{
    "kind"sv, "expression"sv, "timezone"sv, "start_at"sv, "end_at"sv, "max_runs"sv, "jitter"sv};
constexpr std::array OnceScheduleKeys{"kind"sv, "at"sv, "jitter"sv};
constexpr std::array ManualScheduleKeys{"kind"sv};
constexpr std::array ScheduleKinds{"interval"sv, "cron"sv, "once"sv, "manual"sv};
constexpr std::array PolicyKeys{"misfire"sv,
                                "misfire_grace"sv,
                                "catch_up_limit"sv,
                                "overlap"sv,
                                "max_parallel"sv,
                                "pause_after_failures"sv};
constexpr std::array MisfirePolicies{"skip"sv, "run_once"sv, "run_all"sv};
constexpr std::array OverlapPolicies{"skip"sv, "queue_one"sv, "cancel_previous"sv, "allow"sv};
constexpr std::array BudgetKeys{
    "daily_tokens"sv, "monthly_tokens"sv, "daily_cost"sv, "monthly_cost"sv, "on_exceeded"sv};
constexpr std::array BudgetActions{"skip"sv, "pause"sv};
constexpr std::array Backoffs{"fixed"sv, "exponential"sv};
constexpr std::array Providers{"none"sv,
                               "openai"sv,
                               "anthropic"sv,
                               "gemini"sv,
                               "azure"sv,
                               "ollama"sv,
                               "lmstudio"sv,
                               "vllm"sv,
                               "llamacpp"sv,
                               "groq"sv,
                               "deepseek"sv,
                               "mistral"sv,
                               "openrouter"sv,
                               "together"sv};

constexpr auto NoProvider = "none"sv;
constexpr qsizetype MaxAgentIdLength = 64;
constexpr qint64 MaxInt = std::numeric_limits<int>::max();
constexpr qint64 MaxInt64 = std::numeric_limits<qint64>::max();
// Ten years: longer than any useful period, and far from overflowing once in milliseconds.
constexpr double MaxSeconds = 10 * 365 * 24 * 3600.0;
// The first double past qint64; comparing against double(MaxInt64) would round up to it.
constexpr double TwoToThe63 = 9223372036854775808.0;
constexpr qsizetype MaxShownChars = 40;
// Enough for a few nested containers before the 40 shown characters are cut.
constexpr std::size_t MaxShownBytes = 256;

const QString AgentIdExpectation = u"an id matching [A-Za-z0-9_.-]{1,64}"_s;
const QString InstantExpectation = u"an ISO 8601 time with a zone, e.g. 2026-11-24T09:00:00Z"_s;

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString textOf(const Json &value)
{
    return QString::fromStdString(value.get_ref<const std::string &>());
}

QString quoted(const QString &text)
{
    return QString::fromStdString(
        Json(text.toStdString()).dump(-1, ' ', false, Json::error_handler_t::replace));
}

QString quotedList(Names names)
{
    QStringList parts;
    for (const std::string_view name : names)
        parts.append(quoted(fromView(name)));
    return parts.join(u", "_s);
}

QString plainList(Names names)
{
    QStringList parts;
    for (const std::string_view name : names)
        parts.append(fromView(name));
    return parts.join(u", "_s);
}

// Containers stop early so that a huge or deeply nested value costs no more than what is shown.
void appendCompact(const Json &value, std::string &out)
{
    if (out.size() > MaxShownBytes)
        return;
    if (!value.is_structured()) {
        out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
    }
    const bool isObject = value.is_object();
    out += isObject ? '{' : '[';
    bool first = true;
    for (auto it = value.begin(); it != value.end() && out.size() <= MaxShownBytes; ++it) {
        if (!first)
            out += ',';
        first = false;
        if (isObject) {
            out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace);
            out += ':';
        }
        appendCompact(it.value(), out);
    }
    out += isObject ? '}' : ']';
}

QString shown(const Json &value)
{
    std::string compact;
    appendCompact(value, compact);
    const QString text = QString::fromStdString(compact);
    if (text.size() <= MaxShownChars)
        return text;
    qsizetype cut = MaxShownChars;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + u'…';
}

bool isPlainKey(const QString &key)
{
    return !key.isEmpty() && std::all_of(key.cbegin(), key.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
               || u == u'_';
    });
}

// Keys that would make a dotted path ambiguous are written as ["key"], like a JS accessor.
QString childPath(const QString &parent, const QString &key)
{
    if (!isPlainKey(key))
        return parent + u'[' + quoted(key) + u']';
    return parent.isEmpty() ? key : parent + u'.' + key;
}

QString childPath(const QString &parent, std::string_view key)
{
    return childPath(parent, fromView(key));
}

QString indexPath(const QString &parent, std::size_t index)
{
    return parent + u'[' + QString::number(index) + u']';
}

const Json *field(const Json &object, std::string_view key)
{
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

bool contains(Names names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Optimal string alignment distance: a swapped pair of letters counts as one typo.
int editDistance(const QString &a, const QString &b)
{
    const auto n = static_cast<std::size_t>(a.size());
    const auto m = static_cast<std::size_t>(b.size());
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i)
        d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j)
        d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

std::optional<QString> closest(const QString &word, Names candidates)
{
    const QString lower = word.toLower();
    std::optional<QString> best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const std::string_view candidate : candidates) {
        const QString name = fromView(candidate);
        // One typo in a short word already makes a different word; longer ones tolerate more.
        const int allowed = name.size() <= 4 ? 1 : std::max(2, static_cast<int>(name.size() / 3));
        if (std::abs(lower.size() - name.size()) > allowed)
            continue;
        const int distance = editDistance(lower, name);
        if (distance <= allowed && distance < bestDistance) {
            best = name;
            bestDistance = distance;
        }
    }
    return best;
}

QString secondsText(double seconds)
{
    return QString::number(seconds, 'g', 15);
}

Json secondsJson(qint64 ms)
{
    if (ms % 1000 == 0)
        return ms / 1000;
    return static_cast<double>(ms) / 1000.0;
}

// Collects every problem in one agent. Paths are given relative to the agent and reported with
// the agent's prefix in front.
class Validator
{
public:
    explicit Validator(QString prefix)
        : m_prefix(std::move(prefix))
    {}

    const QList<ConfigError> &errors() const { return m_errors; }
    qsizetype errorCount() const { return m_errors.size(); }

    QString fullPath(const QString &path) const
    {
        if (m_prefix.isEmpty() || path.isEmpty())
            return m_prefix + path;
        return path.startsWith(u'[') ? m_prefix + path : m_prefix + u'.' + path;
    }

    void fail(const QString &path, const QString &message)
    {
        m_errors.append({fullPath(path), message});
    }

    void mismatch(const QString &path, const QString &expectation, const Json &got)
    {
        fail(path, u"expected %1, got %2"_s.arg(expectation, shown(got)));
    }

    void missing(const QString &path, const QString &expectation)
    {
        fail(path, u"missing; expected %1"_s.arg(expectation));
    }

    void unknownKey(const QString &objectPath, const QString &key, Names known)
    {
        const QString path = childPath(objectPath, key);
        if (const std::optional<QString> guess = closest(key, known))
            fail(path, u"unknown key; did you mean %1?"_s.arg(quoted(*guess)));
        else
            fail(path, u"unknown key; the known keys are: %1"_s.arg(plainList(known)));
    }

    void checkKeys(const Json &object, const QString &path, Names known)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!contains(known, it.key()))
                unknownKey(path, QString::fromStdString(it.key()), known);
        }
    }

    std::optional<QString> string(const Json &value, const QString &path)
    {
        if (value.is_string())
            return textOf(value);
        mismatch(path, u"a string"_s, value);
        return {};
    }

    std::optional<std::string_view> choice(const Json &value, const QString &path, Names allowed)
    {
        if (value.is_string()) {
            const auto it
                = std::find(allowed.begin(), allowed.end(), value.get_ref<const std::string &>());
            if (it != allowed.end())
                return *it;
        }
        QString message = u"expected one of %1, got %2"_s.arg(quotedList(allowed), shown(value));
        if (value.is_string()) {
            if (const std::optional<QString> guess = closest(textOf(value), allowed))
                message += u"; did you mean %1?"_s.arg(quoted(*guess));
        }
        fail(path, message);
        return {};
    }

    std::optional<qint64> wholeNumber(const Json &value,
                                      const QString &path,
                                      qint64 min,
                                      qint64 max)
    {
        const QString atLeast = u"a whole number >= %1"_s.arg(min);
        const QString atMost = u"a whole number <= %1"_s.arg(max);
        qint64 exact = 0;
        if (value.is_number_unsigned()) {
            const auto number = value.get<std::uint64_t>();
            if (number > static_cast<std::uint64_t>(MaxInt64)) {
                mismatch(path, atMost, value);
                return {};
            }
            exact = static_cast<qint64>(number);
        } else if (value.is_number_integer()) {
            exact = value.get<std::int64_t>();
        } else if (value.is_number_float()) {
            const double number = value.get<double>();
            if (!std::isfinite(number) || std::trunc(number) != number) {
                mismatch(path, atLeast, value);
                return {};
            }
            // Outside ±2^63 the cast to qint64 would be undefined.
            if (number >= TwoToThe63 || number < -TwoToThe63) {
                mismatch(path, number > 0 ? atMost : atLeast, value);
                return {};
            }
            exact = static_cast<qint64>(number);
        } else {
            mismatch(path, atLeast, value);
            return {};
        }
        if (exact < min || exact > max) {
            mismatch(path, exact < min ? atLeast : atMost, value);
            return {};
        }
        return exact;
    }

    template<typename Accept>
    std::optional<double> number(const Json &value,
                                 const QString &path,
                                 const QString &expectation,
                                 Accept accept)
    {
        if (value.is_number()) {
            const double number = value.get<double>();
            if (std::isfinite(number) && accept(number))
                return number;
        }
        mismatch(path, expectation, value);
        return {};
    }

    // Seconds as the config writes them, in milliseconds; min is allowed when inclusive.
    std::optional<qint64> seconds(const Json &value,
                                  const QString &path,
                                  double min,
                                  bool inclusive)
    {
        const QString expectation
            = u"a number of seconds %1 %2"_s.arg(inclusive ? u">="_s : u">"_s, secondsText(min));
        const double number = value.is_number() ? value.get<double>() : 0.0;
        if (!value.is_number() || !std::isfinite(number) || number < min
            || (!inclusive && number == min)) {
            mismatch(path, expectation, value);
            return {};
        }
        if (number > MaxSeconds) {
            mismatch(path, u"a number of seconds <= %1"_s.arg(secondsText(MaxSeconds)), value);
            return {};
        }
        const qint64 ms = std::llround(number * 1000.0);
        if (!inclusive && ms <= std::llround(min * 1000.0)) {
            mismatch(
                path, u"a number of seconds of at least %1"_s.arg(secondsText(min + 0.001)), value);
            return {};
        }
        return ms;
    }

    std::optional<qint64> instant(const Json &value, const QString &path)
    {
        if (value.is_string()) {
            const QDateTime time = QDateTime::fromString(textOf(value), Qt::ISODateWithMs);
            // Without an offset Qt reads local time, which would shift with the machine's zone.
            if (time.isValid() && time.timeSpec() != Qt::LocalTime)
                return time.toMSecsSinceEpoch();
        }
        mismatch(path, InstantExpectation, value);
        return {};
    }

private:
    QString m_prefix;
    QList<ConfigError> m_errors;
};

// A place a schedule was given; more than one is a conflict.
struct ScheduleSource
{
    QString path;
    std::optional<Schedule> schedule;
};

std::optional<Schedule> readIntervalShorthand(Validator &v, const Json &value, const QString &path)
{
    const std::optional<qint64> ms = v.seconds(value, path, 1, true);
    if (!ms)
        return {};
    Schedule schedule;
    schedule.kind = Schedule::Kind::Interval;
    schedule.intervalMs = *ms;
    return schedule;
}

void readCron(Validator &v, const Json &block, const QString &path, Schedule &schedule)
{
    const QString expressionPath = childPath(path, "expression"sv);
    if (const Json *expression = field(block, "expression")) {
        if (const auto text = v.string(*expression, expressionPath)) {
            if (const Result<CronExpression> cron = CronExpression::parse(*text))
                schedule.cron = cron->text();
            else
                v.fail(expressionPath, cron.errorMessage());
        }
    } else {
        v.missing(expressionPath, u"a cron expression such as \"0 9 * * mon-fri\""_s);
    }
    if (const Json *zone = field(block, "timezone")) {
        const QString zonePath = childPath(path, "timezone"sv);
        if (const auto id = v.string(*zone, zonePath)) {
            if (QTimeZone::isTimeZoneIdAvailable(id->toUtf8()))
                schedule.timeZone = *id;
            else
                v.fail(zonePath,
                       u"unknown time zone %1; give an IANA name such as \"Europe/Berlin\" or "
                       "\"America/New_York\""_s.arg(quoted(*id)));
        }
    }
}

void readScheduleBounds(Validator &v, const Json &block, const QString &path, Schedule &schedule)
{
    if (const Json *start = field(block, "start_at"))
        schedule.startAtMs = v.instant(*start, childPath(path, "start_at"sv));
    if (const Json *end = field(block, "end_at"))
        schedule.endAtMs = v.instant(*end, childPath(path, "end_at"sv));
    if (schedule.startAtMs && schedule.endAtMs && *schedule.endAtMs <= *schedule.startAtMs)
        v.fail(childPath(path, "end_at"sv), u"must be later than start_at"_s);
    if (const Json *runs = field(block, "max_runs")) {
        if (const auto n = v.wholeNumber(*runs, childPath(path, "max_runs"sv), 0, MaxInt))
            schedule.maxRuns = static_cast<int>(*n);
    }
}

std::optional<Schedule> readScheduleBlock(Validator &v, const Json &block)
{
    const QString path = u"schedule"_s;
    if (!block.is_object()) {
        v.mismatch(path, u"an object with a kind of %1"_s.arg(quotedList(ScheduleKinds)), block);
        return {};
    }
    const qsizetype errorsBefore = v.errorCount();
    const QString kindPath = childPath(path, "kind"sv);
    std::optional<std::string_view> kindName;
    if (const Json *kind = field(block, "kind"))
        kindName = v.choice(*kind, kindPath, ScheduleKinds);
    else
        v.missing(kindPath, u"one of %1"_s.arg(quotedList(ScheduleKinds)));

    Schedule schedule;
    Names kindKeys = ScheduleKeys;
    if (kindName == "interval"sv) {
        schedule.kind = Schedule::Kind::Interval;
        kindKeys = IntervalScheduleKeys;
    } else if (kindName == "cron"sv) {
        schedule.kind = Schedule::Kind::Cron;
        kindKeys = CronScheduleKeys;
    } else if (kindName == "once"sv) {
        schedule.kind = Schedule::Kind::Once;
        kindKeys = OnceScheduleKeys;
    } else if (kindName == "manual"sv) {
        schedule.kind = Schedule::Kind::Manual;
        kindKeys = ManualScheduleKeys;
    }

    for (auto it = block.begin(); it != block.end(); ++it) {
        if (contains(kindKeys, it.key()))
            continue;
        const QString key = QString::fromStdString(it.key());
        if (kindName && contains(ScheduleKeys, it.key())) {
            v.fail(childPath(path, key),
                   u"not used when kind is %1, which takes: %2"_s.arg(quoted(fromView(*kindName)),
                                                                      plainList(kindKeys)));
        } else {
            v.unknownKey(path, key, kindKeys);
        }
    }

    if (schedule.kind == Schedule::Kind::Interval) {
        const QString secondsPath = childPath(path, "seconds"sv);
        if (const Json *seconds = field(block, "seconds")) {
            if (const std::optional<qint64> ms = v.seconds(*seconds, secondsPath, 1, true))
                schedule.intervalMs = *ms;
        } else {
            v.missing(secondsPath, u"a number of seconds >= 1"_s);
        }
        if (const Json *anchor = field(block, "anchor"))
            schedule.anchorMs = v.instant(*anchor, childPath(path, "anchor"sv));
    } else if (schedule.kind == Schedule::Kind::Cron) {
        readCron(v, block, path, schedule);
    } else if (schedule.kind == Schedule::Kind::Once) {
        const QString atPath = childPath(path, "at"sv);
        if (const Json *at = field(block, "at")) {
            if (const std::optional<qint64> ms = v.instant(*at, atPath))
                schedule.atMs = *ms;
        } else {
            v.missing(atPath, InstantExpectation);
        }
    }
    if (kindName && contains(kindKeys, "start_at"sv))
        readScheduleBounds(v, block, path, schedule);
    if (const Json *jitter = field(block, "jitter");
        jitter && kindName && contains(kindKeys, "jitter"sv)) {
        if (const std::optional<qint64> ms
            = v.seconds(*jitter, childPath(path, "jitter"sv), 0, true))
            schedule.jitterMs = *ms;
    }
    if (v.errorCount() != errorsBefore)
        return {};
    return schedule;
}

void readPolicies(Validator &v, const Json &object, RunPolicies &policies)
{
    const QString path = u"policies"_s;
    v.checkKeys(object, path, PolicyKeys);
    if (const Json *misfire = field(object, "misfire")) {
        if (const auto name = v.choice(*misfire, childPath(path, "misfire"sv), MisfirePolicies)) {
            policies.misfire = *name == "run_once"sv  ? RunPolicies::Misfire::RunOnce
                               : *name == "run_all"sv ? RunPolicies::Misfire::RunAll
                                                      : RunPolicies::Misfire::Skip;
        }
    }
    if (const Json *grace = field(object, "misfire_grace")) {
        if (const auto ms = v.seconds(*grace, childPath(path, "misfire_grace"sv), 0, true))
            policies.misfireGraceMs = *ms;
    }
    if (const Json *limit = field(object, "catch_up_limit")) {
        if (const auto n = v.wholeNumber(*limit, childPath(path, "catch_up_limit"sv), 1, 1000))
            policies.catchUpLimit = static_cast<int>(*n);
    }
    if (const Json *overlap = field(object, "overlap")) {
        if (const auto name = v.choice(*overlap, childPath(path, "overlap"sv), OverlapPolicies)) {
            policies.overlap = *name == "queue_one"sv         ? RunPolicies::Overlap::QueueOne
                               : *name == "cancel_previous"sv ? RunPolicies::Overlap::CancelPrevious
                               : *name == "allow"sv           ? RunPolicies::Overlap::Allow
                                                              : RunPolicies::Overlap::Skip;
        }
    }
    if (const Json *parallel = field(object, "max_parallel")) {
        if (const auto n = v.wholeNumber(*parallel, childPath(path, "max_parallel"sv), 1, 100))
            policies.maxParallel = static_cast<int>(*n);
    }
    if (const Json *failures = field(object, "pause_after_failures")) {
        if (const auto n
            = v.wholeNumber(*failures, childPath(path, "pause_after_failures"sv), 0, MaxInt))
            policies.pauseAfterFailures = static_cast<int>(*n);
    }
}

void readBudget(Validator &v, const Json &object, Budget &budget)
{
    const QString path = u"budget"_s;
    v.checkKeys(object, path, BudgetKeys);
    if (const Json *tokens = field(object, "daily_tokens")) {
        if (const auto n = v.wholeNumber(*tokens, childPath(path, "daily_tokens"sv), 0, MaxInt64))
            budget.dailyTokens = *n;
    }
    if (const Json *tokens = field(object, "monthly_tokens")) {
        if (const auto n = v.wholeNumber(*tokens, childPath(path, "monthly_tokens"sv), 0, MaxInt64))
            budget.monthlyTokens = *n;
    }
    const auto notNegative = [](double cost) {
        return cost >= 0;
    };
    const QString costExpectation = u"an amount in US dollars >= 0"_s;
    if (const Json *cost = field(object, "daily_cost")) {
        if (const auto amount
            = v.number(*cost, childPath(path, "daily_cost"sv), costExpectation, notNegative))
            budget.dailyCost = *amount;
    }
    if (const Json *cost = field(object, "monthly_cost")) {
        if (const auto amount
            = v.number(*cost, childPath(path, "monthly_cost"sv), costExpectation, notNegative))
            budget.monthlyCost = *amount;
    }
    if (const Json *action = field(object, "on_exceeded")) {
        if (const auto name = v.choice(*action, childPath(path, "on_exceeded"sv), BudgetActions))
            budget.onExceeded = *name == "pause"sv ? Budget::Action::Pause : Budget::Action::Skip;
    }
}

void readModel(Validator &v, const Json &object, ModelConfig &model)
{
    const QString path = u"model_config"_s;
    v.checkKeys(object, path, ModelKeys);

    const QString providerPath = childPath(path, "provider"sv);
    if (const Json *provider = field(object, "provider")) {
        if (const auto name = v.choice(*provider, providerPath, Providers))
            model.provider = fromView(*name);
    } else {
        v.missing(providerPath, u"one of %1"_s.arg(quotedList(Providers)));
    }

    const bool needsModel = model.provider != fromView(NoProvider);
    const QString modelExpectation = u"a model name (only provider \"none\" runs without one)"_s;
    const QString modelPath = childPath(path, "model"sv);
    if (const Json *name = field(object, "model")) {
        if (!name->is_string() || (needsModel && textOf(*name).trimmed().isEmpty()))
            v.mismatch(modelPath, modelExpectation, *name);
        else
            model.model = textOf(*name);
    } else if (needsModel) {
        v.missing(modelPath, modelExpectation);
    }

    if (const Json *baseUrl = field(object, "base_url")) {
        const QUrl url = baseUrl->is_string() ? QUrl(textOf(*baseUrl), QUrl::StrictMode) : QUrl();
        const QString scheme = url.scheme();
        if (url.isValid() && (scheme == u"http"_s || scheme == u"https"_s) && !url.host().isEmpty())
            model.baseUrl = textOf(*baseUrl);
        else
            v.mismatch(childPath(path, "base_url"sv), u"an http or https URL"_s, *baseUrl);
    }
    if (const Json *temperature = field(object, "temperature")) {
        model.temperature = v.number(*temperature,
                                     childPath(path, "temperature"sv),
                                     u"a number from 0 to 2"_s,
                                     [](double t) { return t >= 0 && t <= 2; });
    }
    if (const Json *maxTokens = field(object, "max_tokens"))
        model.maxTokens = v.wholeNumber(*maxTokens, childPath(path, "max_tokens"sv), 1, MaxInt64);
    if (const Json *topP = field(object, "top_p")) {
        model.topP
            = v.number(*topP, childPath(path, "top_p"sv), u"a number > 0 and <= 1"_s, [](double p) {
                  return p > 0 && p <= 1;
              });
    }
    // The value is never shown back: if it is a key, an error message must not repeat it.
    if (const Json *apiKey = field(object, "api_key")) {
        const QString keyPath = childPath(path, "api_key"sv);
        const QString name = apiKey->is_string() ? textOf(*apiKey) : QString();
        if (looksLikeSecret(name))
            v.fail(keyPath, secretInsteadOfNameMessage());
        else if (!isValidKeyName(name))
            v.fail(keyPath,
                   u"expected the name of a key (1 to 64 of A-Z a-z 0-9 _ . -), such as "
                   "OPENAI_API_KEY"_s);
        else
            model.apiKey = name;
    }
}

// Returns where task_config gave a schedule, if it did.
std::optional<ScheduleSource> readTask(Validator &v,
                                       const Json &object,
                                       TaskConfig &task,
                                       const QString &provider)
{
    const QString path = u"task_config"_s;
    v.checkKeys(object, path, TaskKeys);

    const QString queryPath = childPath(path, "query"sv);
    const QString queryExpectation = u"a string (empty only with provider \"none\")"_s;
    if (const Json *query = field(object, "query")) {
        const bool needsQuery = provider != fromView(NoProvider);
        if (!query->is_string() || (needsQuery && textOf(*query).trimmed().isEmpty()))
            v.mismatch(queryPath, queryExpectation, *query);
        else
            task.query = textOf(*query);
    } else {
        v.missing(queryPath, queryExpectation);
    }

    if (const Json *retries = field(object, "max_retries")) {
        if (const auto n = v.wholeNumber(*retries, childPath(path, "max_retries"sv), 0, MaxInt))
            task.maxRetries = static_cast<int>(*n);
    }

    bool retryDelayRead = true;
    if (const Json *delay = field(object, "retry_delay")) {
        const auto ms = v.seconds(*delay, childPath(path, "retry_delay"sv), 0, true);
        retryDelayRead = ms.has_value();
        task.retryDelayMs = ms.value_or(task.retryDelayMs);
    }

    if (const Json *backoff = field(object, "retry_backoff")) {
        const auto name = v.choice(*backoff, childPath(path, "retry_backoff"sv), Backoffs);
        if (name == "exponential"sv)
            task.retryBackoff = TaskConfig::Backoff::Exponential;
    }

    // A long retry_delay alone lifts the default cap rather than failing against it.
    if (const Json *delayMax = field(object, "retry_delay_max")) {
        const QString delayMaxPath = childPath(path, "retry_delay_max"sv);
        if (const auto ms = v.seconds(*delayMax, delayMaxPath, 0, true)) {
            if (retryDelayRead && *ms < task.retryDelayMs) {
                v.mismatch(delayMaxPath,
                           u"a number of seconds >= retry_delay (%1)"_s.arg(
                               secondsText(static_cast<double>(task.retryDelayMs) / 1000.0)),
                           *delayMax);
            } else {
                task.retryDelayMaxMs = *ms;
            }
        }
    } else {
        task.retryDelayMaxMs = std::max(task.retryDelayMaxMs, task.retryDelayMs);
    }

    if (const Json *timeout = field(object, "timeout")) {
        if (const auto ms = v.seconds(*timeout, childPath(path, "timeout"sv), 0, false))
            task.timeoutMs = *ms;
    }

    if (const Json *session = field(object, "session_id")) {
        if (const auto id = v.string(*session, childPath(path, "session_id"sv)))
            task.sessionId = *id;
    }

    if (const Json *arguments = field(object, "tool_arguments")) {
        const QString argumentsPath = childPath(path, "tool_arguments"sv);
        if (!arguments->is_object()) {
            v.mismatch(argumentsPath, u"an object keyed by tool name"_s, *arguments);
        } else {
            bool allObjects = true;
            for (auto it = arguments->begin(); it != arguments->end(); ++it) {
                if (it.value().is_object())
                    continue;
                allObjects = false;
                v.mismatch(childPath(argumentsPath, QString::fromStdString(it.key())),
                           u"an object of arguments"_s,
                           it.value());
            }
            if (allObjects)
                task.toolArguments = *arguments;
        }
    }

    if (const Json *interval = field(object, "interval")) {
        const QString intervalPath = childPath(path, "interval"sv);
        return ScheduleSource{intervalPath, readIntervalShorthand(v, *interval, intervalPath)};
    }
    return {};
}

void readMemory(Validator &v, const Json &object, MemoryConfig &memory)
{
    const QString path = u"agent_config.memory_config"_s;
    if (!object.is_object()) {
        v.mismatch(path, u"an object like {\"mode\": \"sliding_window\", \"value\": 20}"_s, object);
        return;
    }
    v.checkKeys(object, path, MemoryKeys);
    const QString modePath = childPath(path, "mode"sv);
    if (const Json *mode = field(object, "mode")) {
        if (const auto name = v.choice(*mode, modePath, MemoryModes))
            memory.mode = *name == "token_budget"sv ? MemoryConfig::Mode::TokenBudget
                                                    : MemoryConfig::Mode::SlidingWindow;
    } else {
        v.missing(modePath, u"one of %1"_s.arg(quotedList(MemoryModes)));
    }
    const QString valuePath = childPath(path, "value"sv);
    if (const Json *value = field(object, "value")) {
        if (const auto n = v.wholeNumber(*value, valuePath, 1, MaxInt))
            memory.value = *n;
    } else {
        v.missing(
            valuePath,
            u"a whole number >= 1: messages kept (sliding_window) or tokens (token_budget)"_s);
    }
}

void readAllowedPaths(Validator &v, const Json &array, QStringList &paths)
{
    const QString path = u"agent_config.allowed_paths"_s;
    if (!array.is_array()) {
        v.mismatch(path, u"an array of absolute folder paths"_s, array);
        return;
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
        const Json &item = array[i];
        const QString itemPath = indexPath(path, i);
        if (!item.is_string() || item.get_ref<const std::string &>().empty()) {
            v.mismatch(itemPath, u"an absolute folder path"_s, item);
            continue;
        }
        const QString folder = textOf(item);
        if (folder.startsWith(u'~')) {
            v.fail(itemPath,
                   u"%1: ~ is not expanded; write the full path, e.g. /home/me/notes"_s.arg(
                       quoted(folder)));
        } else if (!QDir::isAbsolutePath(folder)) {
            v.fail(itemPath,
                   u"%1 is relative; give an absolute path (a relative one would depend on the "
                   "folder the worker was started in)"_s.arg(quoted(folder)));
        } else {
            paths.append(QDir::cleanPath(folder));
        }
    }
}

void readAgentConfig(Validator &v, const Json &object, AgentSpec &spec)
{
    const QString path = u"agent_config"_s;
    AgentLimits &limits = spec.limits;
    v.checkKeys(object, path, AgentConfigKeys);

    if (const Json *timeout = field(object, "tool_call_timeout")) {
        if (const auto ms = v.seconds(*timeout, childPath(path, "tool_call_timeout"sv), 0, false))
            limits.toolCallTimeoutMs = *ms;
    }
    if (const Json *steps = field(object, "max_steps")) {
        if (const auto n = v.wholeNumber(*steps, childPath(path, "max_steps"sv), 1, MaxInt))
            limits.maxSteps = static_cast<int>(*n);
    }
    if (const Json *requests = field(object, "request_limit")) {
        if (const auto n
            = v.wholeNumber(*requests, childPath(path, "request_limit"sv), 0, MaxInt64))
            limits.requestLimit = *n;
    }
    if (const Json *tokens = field(object, "total_tokens_limit")) {
        const QString tokensPath = childPath(path, "total_tokens_limit"sv);
        if (const auto n = v.wholeNumber(*tokens, tokensPath, 0, MaxInt64))
            limits.totalTokensLimit = *n;
    }
    if (const Json *memory = field(object, "memory_config"))
        readMemory(v, *memory, spec.memory);
    if (const Json *paths = field(object, "allowed_paths"))
        readAllowedPaths(v, *paths, spec.allowedPaths);
}

// Returns whether every entry was a usable, distinct tool name.
bool readTools(Validator &v, const Json &array, QStringList &tools)
{
    const QString path = u"tools"_s;
    if (!array.is_array()) {
        v.mismatch(path, u"an array of tool names"_s, array);
        return false;
    }
    bool ok = true;
    QHash<QString, std::size_t> seen;
    for (std::size_t i = 0; i < array.size(); ++i) {
        const Json &item = array[i];
        const QString itemPath = indexPath(path, i);
        if (!item.is_string() || item.get_ref<const std::string &>().empty()) {
            v.mismatch(itemPath, u"a non-empty tool name"_s, item);
            ok = false;
            continue;
        }
        const QString name = textOf(item);
        if (const auto earlier = seen.constFind(name); earlier != seen.cend()) {
            v.fail(itemPath,
                   u"%1 is already listed at %2"_s.arg(quoted(name),
                                                       v.fullPath(indexPath(path, *earlier))));
            ok = false;
            continue;
        }
        seen.insert(name, i);
        tools.append(name);
    }
    return ok;
}

void checkToolArguments(Validator &v, const Json &arguments, const QStringList &tools)
{
    const QString path = u"task_config.tool_arguments"_s;
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (!tools.contains(name)) {
            v.fail(childPath(path, name),
                   u"%1 is not in tools; list the tool there or drop its arguments"_s.arg(
                       quoted(name)));
        }
    }
}

template<typename Read>
void readRequiredObject(
    Validator &v, const Json &agent, std::string_view key, const QString &expectation, Read read)
{
    const QString path = fromView(key);
    if (const Json *object = field(agent, key)) {
        if (object->is_object())
            read(*object);
        else
            v.mismatch(path, expectation, *object);
    } else {
        v.missing(path, expectation);
    }
}

AgentSpec readAgent(Validator &v, const Json &object)
{
    AgentSpec spec;
    v.checkKeys(object, {}, AgentKeys);

    const QString idPath = u"agent_id"_s;
    if (const Json *id = field(object, "agent_id")) {
        if (id->is_string() && isValidAgentId(textOf(*id)))
            spec.agentId = textOf(*id);
        else
            v.mismatch(idPath, AgentIdExpectation, *id);
    } else {
        v.missing(idPath, AgentIdExpectation);
    }

    if (const Json *instruction = field(object, "system_instruction")) {
        if (const auto text = v.string(*instruction, u"system_instruction"_s))
            spec.systemInstruction = *text;
    }

    readRequiredObject(v,
                       object,
                       "model_config"sv,
                       u"an object with provider and model"_s,
                       [&](const Json &model) { readModel(v, model, spec.model); });

    QList<ScheduleSource> schedules;
    if (const Json *interval = field(object, "interval")) {
        const QString path = u"interval"_s;
        schedules.append({path, readIntervalShorthand(v, *interval, path)});
    }

    readRequiredObject(
        v, object, "task_config"sv, u"an object with at least a query"_s, [&](const Json &task) {
            if (auto source = readTask(v, task, spec.task, spec.model.provider))
                schedules.append(*source);
        });

    if (const Json *block = field(object, "schedule"))
        schedules.append({u"schedule"_s, readScheduleBlock(v, *block)});

    if (const Json *limits = field(object, "agent_config")) {
        if (limits->is_object())
            readAgentConfig(v, *limits, spec);
        else
            v.mismatch(u"agent_config"_s, u"an object"_s, *limits);
    }

    if (const Json *policies = field(object, "policies")) {
        if (policies->is_object())
            readPolicies(v, *policies, spec.policies);
        else
            v.mismatch(u"policies"_s, u"an object"_s, *policies);
    }
    if (const Json *budget = field(object, "budget")) {
        if (budget->is_object())
            readBudget(v, *budget, spec.budget);
        else
            v.mismatch(u"budget"_s, u"an object"_s, *budget);
    }

    bool toolsRead = true;
    if (const Json *tools = field(object, "tools"))
        toolsRead = readTools(v, *tools, spec.tools);
    // With a broken tools list every name would look missing; its own errors say enough.
    if (toolsRead)
        checkToolArguments(v, spec.task.toolArguments, spec.tools);

    if (schedules.isEmpty()) {
        v.fail(u"interval"_s,
               u"a schedule is required: give interval (seconds) or a schedule block"_s);
    }
    for (qsizetype i = 1; i < schedules.size(); ++i) {
        v.fail(
            schedules.at(i).path,
            u"conflicts with %1: give only one of interval, task_config.interval or schedule"_s.arg(
                v.fullPath(schedules.first().path)));
    }
    if (schedules.size() == 1 && schedules.first().schedule)
        spec.schedule = *schedules.first().schedule;
    return spec;
}

// nlohmann reports the byte it stopped at; editors show lines and characters.
QString lineAndColumn(const QByteArray &text, std::size_t byte)
{
    const qsizetype end = std::clamp<qsizetype>(static_cast<qsizetype>(byte) - 1, 0, text.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const auto column
        = 1 + std::count_if(text.cbegin() + lineStart, text.cbegin() + end, [](char c) {
              return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
          });
    return u"line %1, column %2"_s.arg(line).arg(column);
}

std::optional<Json> parseDocument(const QByteArray &text, QList<ConfigError> &errors)
{
    bool tooDeep = false;
    const Json::parser_callback_t limitDepth = [&tooDeep](int depth, Json::parse_event_t, Json &) {
        if (depth <= MaxConfigNestingDepth)
            return true;
        tooDeep = true;
        return false;
    };
    try {
        Json document = Json::parse(text.cbegin(), text.cend(), limitDepth);
        if (!tooDeep)
            return document;
        errors.append(
            {{}, u"invalid JSON: nested deeper than %1 levels"_s.arg(MaxConfigNestingDepth)});
    } catch (const Json::parse_error &error) {
        // what() repeats nlohmann's own position (in bytes) before the first ": ".
        const std::string_view what = error.what();
        const auto detailStart = what.find(": ");
        const std::string_view detail
            = detailStart == std::string_view::npos ? what : what.substr(detailStart + 2);
        errors.append(
            {{},
             u"invalid JSON at %1: %2"_s.arg(lineAndColumn(text, error.byte), fromView(detail))});
    } catch (const std::exception &error) {
        // nlohmann prefixes an "[json.exception.…] " tag meant for programmers.
        std::string_view what = error.what();
        if (what.starts_with('[') && what.find("] ") != std::string_view::npos)
            what.remove_prefix(what.find("] ") + 2);
        errors.append({{}, u"invalid JSON: %1"_s.arg(fromView(what))});
    }
    return {};
}

void readAgentList(const Json &list, ConfigParseResult &result)
{
    QHash<QString, std::size_t> seenIds;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json &item = list[i];
        const QString prefix = indexPath(u"agents"_s, i);
        ConfigParseResult one = parseAgentSpec(item, prefix);
        result.errors.append(one.errors);

        // Read the id even from a broken agent, so that a later twin is still reported.
        const Json *id = item.is_object() ? field(item, "agent_id") : nullptr;
        if (!id || !id->is_string() || !isValidAgentId(textOf(*id))) {
            result.agents.append(one.agents);
            continue;
        }
        const QString agentId = textOf(*id);
        if (const auto twin = seenIds.constFind(agentId); twin != seenIds.cend()) {
            result.errors.append({prefix + u".agent_id"_s,
                                  u"%1 is already used by %2"_s.arg(
                                      quoted(agentId), indexPath(u"agents"_s, *twin))});
            continue;
        }
        seenIds.insert(agentId, i);
        result.agents.append(one.agents);
    }
}

Json scheduleJson(const Schedule &schedule)
{
    Json block;
    switch (schedule.kind) {
    case Schedule::Kind::Interval:
        block = {{"kind", "interval"}, {"seconds", secondsJson(schedule.intervalMs)}};
        if (schedule.anchorMs)
            block["anchor"] = isoTimestamp(*schedule.anchorMs).toStdString();
        break;
    case Schedule::Kind::Cron:
        block = {{"kind", "cron"}, {"expression", schedule.cron.toStdString()}};
        if (!schedule.timeZone.isEmpty())
            block["timezone"] = schedule.timeZone.toStdString();
        break;
    case Schedule::Kind::Once:
        block = {{"kind", "once"}, {"at", isoTimestamp(schedule.atMs).toStdString()}};
        break;
    case Schedule::Kind::Manual:
        block = {{"kind", "manual"}};
        break;
    }
    if (schedule.startAtMs)
        block["start_at"] = isoTimestamp(*schedule.startAtMs).toStdString();
    if (schedule.endAtMs)
        block["end_at"] = isoTimestamp(*schedule.endAtMs).toStdString();
    if (schedule.maxRuns > 0)
        block["max_runs"] = schedule.maxRuns;
    if (schedule.jitterMs > 0)
        block["jitter"] = secondsJson(schedule.jitterMs);
    // The seed's shorthand when nothing else is said.
    if (block.size() == 2 && schedule.kind == Schedule::Kind::Interval)
        return {{"interval", block["seconds"]}};
    return {{"schedule", std::move(block)}};
}

Json policiesJson(const RunPolicies &policies)
{
    return {{"misfire",
             policies.misfire == RunPolicies::Misfire::RunOnce  ? "run_once"
             : policies.misfire == RunPolicies::Misfire::RunAll ? "run_all"
                                                                : "skip"},
            {"misfire_grace", secondsJson(policies.misfireGraceMs)},
            {"catch_up_limit", policies.catchUpLimit},
            {"overlap",
             policies.overlap == RunPolicies::Overlap::QueueOne         ? "queue_one"
             : policies.overlap == RunPolicies::Overlap::CancelPrevious ? "cancel_previous"
             : policies.overlap == RunPolicies::Overlap::Allow          ? "allow"
                                                                        : "skip"},
            {"max_parallel", policies.maxParallel},
            {"pause_after_failures", policies.pauseAfterFailures}};
}

Json budgetJson(const Budget &budget)
{
    return {{"daily_tokens", budget.dailyTokens},
            {"monthly_tokens", budget.monthlyTokens},
            {"daily_cost", budget.dailyCost},
            {"monthly_cost", budget.monthlyCost},
            {"on_exceeded", budget.onExceeded == Budget::Action::Pause ? "pause" : "skip"}};
}

} // namespace

qint64 TaskConfig::retryDelayFor(int retry) const
{
    if (retryBackoff == Backoff::Fixed)
        return retryDelayMs;
    if (retryDelayMs <= 0)
        return 0;
    const int doublings = std::max(retry, 1) - 1;
    // Shifting by 63 or more is undefined, and any such delay is past every cap anyway.
    if (doublings >= 63 || retryDelayMs > (retryDelayMaxMs >> doublings))
        return retryDelayMaxMs;
    return retryDelayMs << doublings;
}

nlohmann::json AgentSpec::toJson() const
{
    Json modelJson
        = {{"provider", model.provider.toStdString()}, {"model", model.model.toStdString()}};
    if (!model.baseUrl.isEmpty())
        modelJson["base_url"] = model.baseUrl.toStdString();
    if (model.temperature)
        modelJson["temperature"] = *model.temperature;
    if (model.maxTokens)
        modelJson["max_tokens"] = *model.maxTokens;
    if (model.topP)
        modelJson["top_p"] = *model.topP;
    if (!model.apiKey.isEmpty())
        modelJson["api_key"] = model.apiKey.toStdString();

    Json taskJson = {
        {"query", task.query.toStdString()},
        {"max_retries", task.maxRetries},
        {"retry_delay", secondsJson(task.retryDelayMs)},
        {"retry_backoff",
         task.retryBackoff == TaskConfig::Backoff::Exponential ? "exponential" : "fixed"},
        {"retry_delay_max", secondsJson(task.retryDelayMaxMs)},
        {"timeout", secondsJson(task.timeoutMs)},
        {"session_id", task.sessionId.toStdString()},
        {"tool_arguments", task.toolArguments},
    };

    Json toolsJson = Json::array();
    for (const QString &tool : tools)
        toolsJson.push_back(tool.toStdString());
    Json pathsJson = Json::array();
    for (const QString &folder : allowedPaths)
        pathsJson.push_back(folder.toStdString());

    Json result = {
        {"agent_id", agentId.toStdString()},
        {"system_instruction", systemInstruction.toStdString()},
        {"model_config", std::move(modelJson)},
        {"task_config", std::move(taskJson)},
        {"agent_config",
         {{"tool_call_timeout", secondsJson(limits.toolCallTimeoutMs)},
          {"max_steps", limits.maxSteps},
          {"request_limit", limits.requestLimit},
          {"total_tokens_limit", limits.totalTokensLimit},
          {"memory_config",
           {{"mode",
             memory.mode == MemoryConfig::Mode::TokenBudget ? "token_budget" : "sliding_window"},
            {"value", memory.value}}},
          {"allowed_paths", std::move(pathsJson)}}},
        {"tools", std::move(toolsJson)},
    };

    result.update(scheduleJson(schedule));
    if (policies != RunPolicies())
        result["policies"] = policiesJson(policies);
    if (budget != Budget())
        result["budget"] = budgetJson(budget);
    return result;
}

QString ConfigError::toString() const
{
    return path.isEmpty() ? message : path + u": "_s + message;
}

ConfigParseResult parseAgentConfigs(const QByteArray &json)
{
    ConfigParseResult result;
    const std::optional<Json> document = parseDocument(json, result.errors);
    if (!document)
        return result;

    if (document->is_array()) {
        readAgentList(*document, result);
    } else if (document->is_object() && document->contains("agents")) {
        for (auto it = document->begin(); it != document->end(); ++it) {
            if (it.key() != "agents") {
                result.errors.append({childPath(QString(), QString::fromStdString(it.key())),
                                      u"unknown key; a file with \"agents\" holds nothing else"_s});
            }
        }
        const Json &agents = (*document)["agents"];
        if (agents.is_array()) {
            readAgentList(agents, result);
        } else {
            result.errors.append(
                {u"agents"_s, u"expected an array of agent objects, got %1"_s.arg(shown(agents))});
        }
    } else if (document->is_object()) {
        result = parseAgentSpec(*document);
    } else {
        result.errors.append({{},
                              u"expected an agent object, an array of them or {\"agents\": [...]}, "
                              "got %1"_s.arg(shown(*document))});
    }
    return result;
}

ConfigParseResult parseAgentConfigFile(const QString &path)
{
    ConfigParseResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append({{}, u"cannot read %1: %2"_s.arg(path, file.errorString())});
        return result;
    }
    const QString tooLarge
        = u"%1 is larger than %2 bytes (1 MiB), the limit for a config file"_s.arg(
            path, QString::number(MaxConfigFileBytes));
    if (file.size() > MaxConfigFileBytes) {
        result.errors.append({{}, tooLarge});
        return result;
    }
    // Read one byte past the limit: pipes and growing files report no reliable size up front.
    const QByteArray data = file.read(MaxConfigFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        result.errors.append({{}, u"cannot read %1: %2"_s.arg(path, file.errorString())});
        return result;
    }
    if (data.size() > MaxConfigFileBytes) {
        result.errors.append({{}, tooLarge});
        return result;
    }
    return parseAgentConfigs(data);
}

ConfigParseResult parseAgentSpec(const nlohmann::json &object, const QString &pathPrefix)
{
    ConfigParseResult result;
    if (!object.is_object()) {
        result.errors.append({pathPrefix.isEmpty() ? u"agent"_s : pathPrefix,
                              u"expected an object, got %1"_s.arg(shown(object))});
        return result;
    }
    Validator validator(pathPrefix);
    AgentSpec spec = readAgent(validator, object);
    if (validator.errors().isEmpty())
        result.agents.append(std::move(spec));
    else
        result.errors = validator.errors();
    return result;
}

bool isValidAgentId(const QString &id)
{
    if (id.isEmpty() || id.size() > MaxAgentIdLength)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
               || u == u'_' || u == u'.' || u == u'-';
    });
}

} // namespace nightshift
