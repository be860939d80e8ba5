#include "agentdraft.h"

#include "event.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using Plain = nlohmann::json;
using Json = AgentDraft::Json;
using namespace std::string_view_literals;

// The order the seed and the examples write keys in; toJson() gives them sorted by name.
constexpr std::array KeyOrder{
    "agent_id"sv,
    "system_instruction"sv,
    "model_config"sv,
    "provider"sv,
    "model"sv,
    "base_url"sv,
    "api_key"sv,
    "temperature"sv,
    "max_tokens"sv,
    "top_p"sv,
    "interval"sv,
    "schedule"sv,
    "kind"sv,
    "seconds"sv,
    "anchor"sv,
    "expression"sv,
    "timezone"sv,
    "at"sv,
    "start_at"sv,
    "end_at"sv,
    "max_runs"sv,
    "jitter"sv,
    "task_config"sv,
    "query"sv,
    "max_retries"sv,
    "retry_delay"sv,
    "retry_backoff"sv,
    "retry_delay_max"sv,
    "timeout"sv,
    "session_id"sv,
    "tool_arguments"sv,
    "agent_config"sv,
    "max_steps"sv,
    "request_limit"sv,
    "total_tokens_limit"sv,
    "tool_call_timeout"sv,
    "memory_config"sv,
    "mode"sv,
    "value"sv,
    "allowed_paths"sv,
    "tools"sv,
    "policies"sv,
    "misfire"sv,
    "misfire_grace"sv,
    "catch_up_limit"sv,
    "overlap"sv,
    "max_parallel"sv,
    "pause_after_failures"sv,
    "budget"sv,
    "daily_tokens"sv,
    "monthly_tokens"sv,
    "daily_cost"sv,
    "monthly_cost"sv,
    "on_exceeded"sv,
};

std::size_t rank(const std::string &key)
{
    return static_cast<std::size_t>(std::find(KeyOrder.begin(), KeyOrder.end(), key)
                                    - KeyOrder.begin());
}

Json inSeedOrder(const Plain &value)
{
    if (!value.is_object())
        return Json(value);
    std::vector<std::string> keys;
    for (auto it = value.begin(); it != value.end(); ++it)
        keys.push_back(it.key());
    std::stable_sort(keys.begin(), keys.end(), [](const std::string &a, const std::string &b) {
        return rank(a) < rank(b);
    });
    Json result = Json::object();
    for (const std::string &key : keys) {
        // Tool arguments are the tools' own data: their order is not ours to choose.
        result[key] = key == "tool_arguments" ? Json(value.at(key)) : inSeedOrder(value.at(key));
    }
    return result;
}

QString defaultProvider(const QStringList &providerIds)
{
    const QString openai = u"openai"_s;
    if (providerIds.contains(openai))
        return openai;
    for (const QString &id : providerIds) {
        if (id != u"none"_s)
            return id;
    }
    return u"none"_s;
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString pathOf(const AgentDraft::Keys &keys)
{
    return keys.join(u'.');
}

} // namespace

AgentDraft::AgentDraft(QStringList providerIds, QStringList toolNames)
    : m_providerIds(std::move(providerIds))
    , m_toolNames(std::move(toolNames))
{
    // The seed's example, emptied: what a user must fill in is what the validator asks for.
    m_document = Json::object();
    m_document["agent_id"] = "";
    m_document["system_instruction"] = "";
    m_document["model_config"]
        = {{"provider", utf8(defaultProvider(m_providerIds))}, {"model", ""}};
    m_document["interval"] = 300;
    m_document["task_config"] = {{"query", ""}};
    m_document["tools"] = Json::array();
}

void AgentDraft::startFrom(const AgentSpec &spec)
{
    m_existing = spec;
    m_document = inSeedOrder(spec.toJson());
    m_syntaxErrors.clear();
}

bool AgentDraft::setText(const QByteArray &text)
{
    bool tooDeep = false;
    const Json::parser_callback_t limitDepth = [&tooDeep](int depth, Json::parse_event_t, Json &) {
        if (depth <= MaxConfigNestingDepth)
            return true;
        tooDeep = true;
        return false;
    };
    Json document = Json::parse(text.cbegin(), text.cend(), limitDepth, false);
    if (document.is_discarded() || tooDeep) {
        // The engine's reader words the problem with a line and column.
        m_syntaxErrors = parseAgentConfigs(text).errors;
        if (m_syntaxErrors.isEmpty())
            m_syntaxErrors.append({{}, tr("invalid JSON")});
        return false;
    }
    m_document = std::move(document);
    m_syntaxErrors.clear();
    return true;
}

QByteArray AgentDraft::text() const
{
    return QByteArray::fromStdString(
        m_document.dump(2, ' ', false, Json::error_handler_t::replace));
}

const AgentDraft::Json *AgentDraft::value(const Keys &keys) const
{
    const Json *at = &m_document;
    for (const QString &key : keys) {
        if (!at->is_object())
            return nullptr;
        const auto it = at->find(utf8(key));
        if (it == at->end())
            return nullptr;
        at = &*it;
    }
    return at;
}

void AgentDraft::setValue(const Keys &keys, Json value)
{
    if (keys.isEmpty()) {
        m_document = std::move(value);
        return;
    }
    Json *at = &m_document;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (!at->is_object())
            *at = Json::object();
        at = &(*at)[utf8(keys.at(i))];
    }
    *at = std::move(value);
}

void AgentDraft::remove(const Keys &keys)
{
    if (keys.isEmpty())
        return;
    Json *parent = &m_document;
    for (qsizetype i = 0; i + 1 < keys.size(); ++i) {
        if (!parent->is_object())
            return;
        const auto it = parent->find(utf8(keys.at(i)));
        if (it == parent->end())
            return;
        parent = &*it;
    }
    if (parent->is_object())
        parent->erase(utf8(keys.last()));
}

void AgentDraft::setToolListed(const QString &name, bool listed)
{
    const Json *current = value({u"tools"_s});
    Json tools = current && current->is_array() ? *current : Json::array();
    const std::string entry = utf8(name);
    const auto found = std::find(tools.begin(), tools.end(), Json(entry));
    if (listed && found == tools.end())
        tools.push_back(entry);
    else if (!listed && found != tools.end())
        tools.erase(found);
    setValue({u"tools"_s}, std::move(tools));
}

QString AgentDraft::scheduleKind() const
{
    if (const Json *block = value({u"schedule"_s})) {
        const Json *kind = value({u"schedule"_s, u"kind"_s});
        if (!block->is_object() || !kind)
            return {};
        return kind->is_string() ? QString::fromStdString(kind->get<std::string>())
                                 : QString::fromStdString(kind->dump());
    }
    if (value({u"interval"_s}) || value({u"task_config"_s, u"interval"_s}))
        return u"interval"_s;
    return {};
}

AgentDraft::Json *AgentDraft::scheduleBlock()
{
    if (!m_document.is_object())
        return nullptr;
    const auto it = m_document.find("schedule");
    return it != m_document.end() && it->is_object() ? &*it : nullptr;
}

QStringList AgentDraft::scheduleKeysFor(const QString &kind)
{
    if (kind == u"interval"_s)
        return {u"seconds"_s, u"anchor"_s, u"start_at"_s, u"end_at"_s, u"max_runs"_s, u"jitter"_s};
    if (kind == u"cron"_s)
        return {
            u"expression"_s, u"timezone"_s, u"start_at"_s, u"end_at"_s, u"max_runs"_s, u"jitter"_s};
    if (kind == u"once"_s)
        return {u"at"_s, u"jitter"_s};
    return {};
}

void AgentDraft::setScheduleKind(const QString &kind)
{
    Json *block = scheduleBlock();
    if (kind == u"interval"_s && !block) {
        if (value({u"schedule"_s}))
            setValue({u"schedule"_s}, Json{{"kind", "interval"}});
        return;
    }
    if (!block) {
        setValue({u"schedule"_s}, Json{{"kind", utf8(kind)}});
        block = scheduleBlock();
    }
    (*block)["kind"] = utf8(kind);
    // What the new kind does not take would be an error; the form keeps it to bring it back.
    // Keys no kind knows stay, so that the validator still names them.
    const QStringList taken = scheduleKeysFor(kind);
    QStringList dropped;
    for (const QString &other : {u"interval"_s, u"cron"_s, u"once"_s}) {
        for (const QString &key : scheduleKeysFor(other)) {
            if (!taken.contains(key) && !dropped.contains(key))
                dropped.append(key);
        }
    }
    for (const QString &key : std::as_const(dropped))
        block->erase(utf8(key));
    if (kind == u"interval"_s)
        return;
    // A block and a shorthand together are a conflict; the block now says what is meant.
    remove({u"interval"_s});
    remove({u"task_config"_s, u"interval"_s});
}

void AgentDraft::setScheduleValue(const QString &key, std::optional<Json> value)
{
    if (!value) {
        if (Json *block = scheduleBlock())
            block->erase(utf8(key));
        return;
    }
    // Only the schedule block has room for it.
    if (!scheduleBlock())
        moveIntervalIntoBlock();
    (*scheduleBlock())[utf8(key)] = std::move(*value);
}

AgentDraft::Keys AgentDraft::intervalKeys() const
{
    const Json *block = value({u"schedule"_s});
    if (block && block->is_object())
        return {u"schedule"_s, u"seconds"_s};
    if (!value({u"interval"_s}) && value({u"task_config"_s, u"interval"_s}))
        return {u"task_config"_s, u"interval"_s};
    return {u"interval"_s};
}

void AgentDraft::moveIntervalIntoBlock()
{
    if (!scheduleBlock())
        setValue({u"schedule"_s}, Json{{"kind", "interval"}});
    Json &block = *scheduleBlock();
    for (const Keys &shorthand : {Keys{u"interval"_s}, Keys{u"task_config"_s, u"interval"_s}}) {
        if (const Json *seconds = value(shorthand)) {
            if (!block.contains("seconds"))
                block["seconds"] = *seconds;
            remove(shorthand);
        }
    }
}

void AgentDraft::setOnceAt(qint64 atMs)
{
    if (!scheduleBlock())
        setValue({u"schedule"_s}, Json{{"kind", "once"}});
    (*scheduleBlock())["at"] = utf8(isoTimestamp(atMs));
}

std::optional<Schedule> AgentDraft::schedule() const
{
    // A minimal valid agent around the schedule's parts lets the engine's validator read them.
    Plain probe = {{"agent_id", "schedule"},
                   {"model_config", {{"provider", "none"}}},
                   {"task_config", {{"query", ""}}}};
    if (const Json *interval = value({u"interval"_s}))
        probe["interval"] = Plain(*interval);
    if (const Json *block = value({u"schedule"_s}))
        probe["schedule"] = Plain(*block);
    if (const Json *interval = value({u"task_config"_s, u"interval"_s}))
        probe["task_config"]["interval"] = Plain(*interval);
    const ConfigParseResult parsed = parseAgentSpec(probe);
    if (!parsed.ok() || parsed.agents.isEmpty())
        return {};
    return parsed.agents.first().schedule;
}

void AgentDraft::validate()
{
    m_spec.reset();
    if (hasSyntaxError()) {
        m_errors = m_syntaxErrors;
        return;
    }
    ConfigParseResult parsed = parseAgentSpec(Plain(m_document));
    m_errors = std::move(parsed.errors);
    if (!m_document.is_object())
        return;
    addAvailabilityErrors();
    if (m_errors.isEmpty() && !parsed.agents.isEmpty()) {
        m_spec = parsed.agents.first();
        m_spec->revision = m_existing ? m_existing->revision : 0;
    }
}

bool AgentDraft::hasErrorAt(const QString &path) const
{
    return std::any_of(m_errors.cbegin(), m_errors.cend(), [&path](const ConfigError &error) {
        return error.path == path;
    });
}

void AgentDraft::addAvailabilityErrors()
{
    const Keys providerKeys{u"model_config"_s, u"provider"_s};
    const Json *provider = value(providerKeys);
    if (provider && provider->is_string()) {
        const QString id = QString::fromStdString(provider->get<std::string>());
        const QString path = pathOf(providerKeys);
        // The validator knows every provider id; this build or worker may offer fewer.
        if (!m_providerIds.contains(id) && !hasErrorAt(path)) {
            m_errors.append({path,
                             tr("\"%1\" is not available here; available: %2")
                                 .arg(id, m_providerIds.join(u", "_s))});
        }
    }

    if (const Json *tools = value({u"tools"_s}); tools && tools->is_array()) {
        for (std::size_t i = 0; i < tools->size(); ++i) {
            const Json &tool = (*tools)[i];
            const QString path = u"tools[%1]"_s.arg(i);
            if (!tool.is_string() || hasErrorAt(path))
                continue;
            const QString name = QString::fromStdString(tool.get<std::string>());
            if (!m_toolNames.contains(name)) {
                m_errors.append({path,
                                 tr("unknown tool \"%1\"; available: %2")
                                     .arg(name, m_toolNames.join(u", "_s))});
            }
        }
    }

    const QString idPath = u"agent_id"_s;
    const Json *id = value({idPath});
    if (m_existing && id && id->is_string() && !hasErrorAt(idPath)
        && QString::fromStdString(id->get<std::string>()) != m_existing->agentId) {
        m_errors.append({idPath,
                         tr("an existing agent keeps its id \"%1\"; create a new agent to use "
                            "another")
                             .arg(m_existing->agentId)});
    }
}

} // namespace nightshift
