#pragma once

#include "agentspec.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace nightshift {

/// One agent's config while it is being edited: the JSON document as written (unknown keys and
/// wrong types included, in their order) and what the engine's validator says about it.
class AgentDraft final
{
    Q_DECLARE_TR_FUNCTIONS(AgentDraft)
public:
    using Json = nlohmann::ordered_json;
    /// A place in the document as object keys, e.g. {"task_config", "max_retries"}.
    using Keys = QStringList;

    /// A draft of a new agent, checked against the provider ids and tool names available.
    AgentDraft(QStringList providerIds, QStringList toolNames);

    /// The provider ids the draft accepts.
    const QStringList &providerIds() const { return m_providerIds; }
    /// The tool names the draft accepts.
    const QStringList &toolNames() const { return m_toolNames; }

    /// Starts from an existing agent: its id may not change and its revision is kept.
    void startFrom(const AgentSpec &spec);
    /// Whether the draft edits an existing agent.
    bool isExisting() const { return m_existing.has_value(); }
    /// The agent the draft started from, if it edits one.
    const std::optional<AgentSpec> &existing() const { return m_existing; }

    /// Replaces the document with JSON text. Text that is not JSON leaves the document as it
    /// was and makes errors() the syntax error until text that is JSON comes.
    bool setText(const QByteArray &text);
    /// The document as indented JSON text.
    QByteArray text() const;
    /// Whether the last setText() was not JSON.
    bool hasSyntaxError() const { return !m_syntaxErrors.isEmpty(); }
    /// Whether the form can show the document: it is one JSON object.
    bool isObject() const { return m_document.is_object(); }
    /// The document as it stands, whatever it holds.
    const Json &document() const { return m_document; }

    /// The value at keys, or null when it is absent or a parent is not an object.
    const Json *value(const Keys &keys) const;
    /// Sets the value at keys; missing parents are created and parents that are not objects
    /// are replaced by objects.
    void setValue(const Keys &keys, Json value);
    /// Removes the value at keys, if it is there.
    void remove(const Keys &keys);

    /// Adds name to `tools` or drops it, keeping the order of the others.
    void setToolListed(const QString &name, bool listed);

    /// The schedule's kind as written: "interval" for the `interval` shorthands, else the
    /// schedule block's `kind` (as JSON text when it is not a string), empty when none is given.
    QString scheduleKind() const;
    /// The keys of a schedule block of kind, other than `kind` itself.
    static QStringList scheduleKeysFor(const QString &kind);
    /// Makes the schedule of kind "interval", "cron", "once" or "manual", dropping the keys that
    /// kind does not take; an interval keeps its period.
    void setScheduleKind(const QString &kind);
    /// Sets or, without a value, removes key of the schedule block (start_at, jitter, …); an
    /// `interval` shorthand becomes a block first.
    void setScheduleValue(const QString &key, std::optional<Json> value);
    /// Where the interval's period is written: `interval`, `task_config.interval` or
    /// `schedule.seconds`.
    Keys intervalKeys() const;
    /// The instant of a `once` schedule.
    void setOnceAt(qint64 atMs);
    /// The schedule alone, when the parts that give it are valid (whatever else is wrong).
    std::optional<Schedule> schedule() const;

    /// Runs the engine's validator and the draft's own checks (provider and tools available
    /// here, an existing agent's id unchanged) on the document.
    void validate();
    /// The problems the last validate() found, in the validator's order.
    const QList<ConfigError> &errors() const { return m_errors; }
    /// The agent, when the last validate() found no problem; it carries the existing revision.
    const std::optional<AgentSpec> &spec() const { return m_spec; }

private:
    void addAvailabilityErrors();
    bool hasErrorAt(const QString &path) const;
    Json *scheduleBlock();
    void moveIntervalIntoBlock();

    QStringList m_providerIds;
    QStringList m_toolNames;
    std::optional<AgentSpec> m_existing;
    Json m_document;
    QList<ConfigError> m_syntaxErrors;
    QList<ConfigError> m_errors;
    std::optional<AgentSpec> m_spec;
};

} // namespace nightshift
