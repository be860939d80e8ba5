#include "agenteditor.h"
#include "backgroundagentservice.h"
#include "budgetforecastview.h"
#include "duetimes.h"
#include "enginehost.h"
#include "event.h"
#include "mainwindow.h"
#include "providerpresets.h"
#include "routers.h"
#include "toolregistry.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <tuple>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(nightshift::AgentSpec)

namespace {

// The seed's agent_config example (docs: Background Agent System), as JSON.
const QByteArray SeedConfig = R"({
    "agent_id": "system_monitor",
    "system_instruction": "Monitor system resources and alert if usage is high.",
    "model_config": {"provider": "openai", "model": "gpt-4o-mini"},
    "interval": 300,
    "task_config": {
        "query": "Check local CPU and Memory usage.",
        "max_retries": 2
    }
})";

// Every invalid-JSON row changes this valid agent in one place.
const QByteArray BaseAgent = R"({
    "agent_id": "base",
    "system_instruction": "Watch the disks.",
    "model_config": {"provider": "openai", "model": "gpt-4o-mini"},
    "interval": 60,
    "task_config": {"query": "Check the disks."},
    "tools": ["system_info"]
})";

const QString ProviderChoices = uR"("none", "openai", "anthropic", "gemini", "azure", "ollama", )"
                                uR"("lmstudio", "vllm", "llamacpp", "groq", "deepseek", )"
                                uR"("mistral", "openrouter", "together")"_s;

QList<ToolDescriptor> builtinTools()
{
    const auto registry = ToolRegistry::withBuiltins();
    QList<ToolDescriptor> tools;
    for (const QString &name : registry->names())
        tools.append(registry->find(name)->descriptor());
    return tools;
}

QString toolNames()
{
    return ToolRegistry::withBuiltins()->names().join(u", "_s);
}

QByteArray patched(const QByteArray &patch)
{
    Json agent = Json::parse(BaseAgent.toStdString());
    agent.merge_patch(Json::parse(patch.toStdString()));
    return QByteArray::fromStdString(agent.dump(2));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The example agents one by one, as JSON text of one agent each.
QList<std::pair<QString, QByteArray>> exampleAgents()
{
    QList<std::pair<QString, QByteArray>> agents{{u"seed"_s, SeedConfig}};
    const QDir folder(QStringLiteral(NIGHTSHIFT_RESOURCES "/agents"));
    for (const QString &name : folder.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        const Json document = Json::parse(readFile(folder.filePath(name)).toStdString());
        if (document.is_array()) {
            for (const Json &agent : document)
                agents.append({name + u':' + QString::fromStdString(agent.at("agent_id")),
                               QByteArray::fromStdString(agent.dump())});
        } else {
            agents.append({name, QByteArray::fromStdString(document.dump())});
        }
    }
    return agents;
}

QString dumped(const Json &value)
{
    return QString::fromStdString(value.dump());
}

QString shown(const Json &value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

const Json *at(const Json &document, const QString &path)
{
    const Json *value = &document;
    for (const QString &key : path.split(u'.')) {
        if (!value->is_object() || !value->contains(key.toStdString()))
            return nullptr;
        value = &value->at(key.toStdString());
    }
    return value;
}

/// One dialog, shown, with handles on its parts.
class Editor final
{
public:
    explicit Editor(const std::optional<AgentSpec> &existing = std::nullopt,
                    const QStringList &providers = availableProviderIds())
        : dialog(providers, builtinTools(), existing)
    {
        dialog.show();
        tabs = dialog.findChild<QTabWidget *>();
        json = dialog.findChild<QPlainTextEdit *>(u"json"_s);
        save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    }

    template<typename T = QWidget>
    T *field(const QString &name) const
    {
        return dialog.findChild<T *>(name);
    }
    QLabel *label(const QString &name) const { return dialog.findChild<QLabel *>(name); }

    void setJson(const QByteArray &text)
    {
        tabs->setCurrentIndex(AgentEditorDialog::JsonTab);
        json->setPlainText(QString::fromUtf8(text));
    }
    QByteArray jsonText()
    {
        tabs->setCurrentIndex(AgentEditorDialog::JsonTab);
        return json->toPlainText().toUtf8();
    }
    void showForm() { tabs->setCurrentIndex(AgentEditorDialog::AgentTab); }

    /// Types text into a line edit the way a user does, replacing what was there.
    void type(const QString &name, const QString &text)
    {
        auto *edit = field<QLineEdit>(name);
        QVERIFY2(edit, qPrintable(name));
        tabs->setCurrentWidget(tabOf(edit));
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), text);
    }
    void choose(const QString &name, const QString &value)
    {
        auto *combo = field<QComboBox>(name);
        QVERIFY2(combo, qPrintable(name));
        const int index = combo->findData(value);
        QVERIFY2(index >= 0, qPrintable(value));
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
    }
    QWidget *tabOf(QWidget *widget) const
    {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(widget))
                return tabs->widget(i);
        }
        return nullptr;
    }

    /// Fills every field of the form from an agent's canonical JSON, as a user would.
    void fillForm(const Json &agent)
    {
        const QList<QLineEdit *> edits = dialog.findChildren<QLineEdit *>();
        for (QLineEdit *edit : edits) {
            const QString name = edit->objectName();
            // The date edits' own line edits are Qt's, named qt_….
            if (name.isEmpty() || name.startsWith(u"qt_"_s))
                continue;
            if (const Json *value = at(agent, name))
                type(name, shown(*value));
            else if (!edit->text().isEmpty())
                type(name, QString());
        }
        for (const QString &name : {u"system_instruction"_s, u"task_config.query"_s}) {
            const Json *value = at(agent, name);
            field<QPlainTextEdit>(name)->setPlainText(value ? shown(*value) : QString());
        }
        const Json *arguments = at(agent, u"task_config.tool_arguments"_s);
        field<QPlainTextEdit>(u"task_config.tool_arguments"_s)
            ->setPlainText(arguments && !arguments->empty()
                               ? QString::fromStdString(arguments->dump(2))
                               : QString());
        QStringList folders;
        if (const Json *paths = at(agent, u"agent_config.allowed_paths"_s)) {
            for (const Json &folder : *paths)
                folders.append(shown(folder));
        }
        field<QPlainTextEdit>(u"agent_config.allowed_paths"_s)->setPlainText(folders.join(u'\n'));
        for (const QString &name : {u"model_config.provider"_s,
                                    u"task_config.retry_backoff"_s,
                                    u"agent_config.memory_config.mode"_s}) {
            if (const Json *value = at(agent, name))
                choose(name, shown(*value));
        }
        QStringList listed;
        for (const Json &tool : agent.at("tools"))
            listed.append(shown(tool));
        // Checked in the agent's order, since the order of tools is part of the spec.
        for (const QString &tool : std::as_const(listed)) {
            auto *check = field<QCheckBox>(u"tool:"_s + tool);
            QVERIFY2(check, qPrintable(tool));
            QVERIFY(!check->isChecked());
            check->click();
        }
    }

    AgentEditorDialog dialog;
    QTabWidget *tabs;
    QPlainTextEdit *json;
    QPushButton *save;
};

// A zone other than this machine's, so that due times are listed in both.
QString otherZone()
{
    return QTimeZone::systemTimeZoneId() == "Asia/Tokyo" ? u"Europe/Berlin"_s : u"Asia/Tokyo"_s;
}

AgentSpec parsedSpec(const QByteArray &json)
{
    const ConfigParseResult parsed = parseAgentConfigs(json);
    return parsed.ok() && parsed.agents.size() == 1 ? parsed.agents.first() : AgentSpec{};
}

} // namespace

class TestAgentEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesEachInvalidTypedField_data();
    void refusesEachInvalidTypedField();
    void refusesEachInvalidJsonField_data();
    void refusesEachInvalidJsonField();
    void acceptsTheSeedAndTheExamples_data();
    void acceptsTheSeedAndTheExamples();
    void typedFormRoundTrips_data();
    void typedFormRoundTrips();
    void keysTheFormCannotShowSurvive();
    void brokenJsonKeepsToItsTab();
    void providerPresetFillsTheBaseUrl();
    void nextTenDueTimes();
    void scheduleKindsAndAnchor();
    void cronFieldsShowTheirErrors();
    void cronDueTimesInBothZones();
    void cronAgentWithPoliciesAndBudgetRoundTrips();
    void policyHintsFollowTheChoice();
    void seedGainsNoNewKeys();
    void budgetTabForecastsTheSpend();
    void existingAgentForecastsFromItsRuns();
    void editingKeepsTheIdAndRevision();
    void savingAnExistingAgentBumpsItsRevision();
};

void TestAgentEditor::refusesEachInvalidTypedField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("message");

    const QString id = u"expected an id matching [A-Za-z0-9_.-]{1,64}, got %1"_s;
    QTest::newRow("empty agent id") << u"agent_id"_s << QString() << id.arg(u"\"\""_s);
    QTest::newRow("agent id with a space")
        << u"agent_id"_s << u"disk watch"_s << id.arg(u"\"disk watch\""_s);
    QTest::newRow("empty model")
        << u"model_config.model"_s << QString()
        << u"expected a model name (only provider \"none\" runs without one), got \"\""_s;
    QTest::newRow("ftp base URL") << u"model_config.base_url"_s << u"ftp://example.com"_s
                                  << u"expected an http or https URL, got \"ftp://example.com\""_s;
    QTest::newRow("key instead of its name")
        << u"model_config.api_key"_s << u"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"_s
        << u"this looks like an API key itself, not the name of one; a config must never hold "
           "a key. Store it in the keychain with `nightshift keys set NAME` (it reads the key "
           "from standard input) or in an environment variable NAME, and put NAME here"_s;
    QTest::newRow("temperature too high")
        << u"model_config.temperature"_s << u"3"_s << u"expected a number from 0 to 2, got 3"_s;
    QTest::newRow("no tokens") << u"model_config.max_tokens"_s << u"0"_s
                               << u"expected a whole number >= 1, got 0"_s;
    QTest::newRow("top_p of 0") << u"model_config.top_p"_s << u"0"_s
                                << u"expected a number > 0 and <= 1, got 0"_s;
    QTest::newRow("zero interval")
        << u"interval"_s << u"0"_s << u"expected a number of seconds >= 1, got 0"_s;
    QTest::newRow("interval in words")
        << u"interval"_s << u"five minutes"_s
        << u"expected a number of seconds >= 1, got \"five minutes\""_s;
    QTest::newRow("no interval")
        << u"interval"_s << QString()
        << u"a schedule is required: give interval (seconds) or a schedule block"_s;
    QTest::newRow("negative retries")
        << u"task_config.max_retries"_s << u"-1"_s << u"expected a whole number >= 0, got -1"_s;
    QTest::newRow("fractional retries")
        << u"task_config.max_retries"_s << u"1.5"_s << u"expected a whole number >= 0, got 1.5"_s;
    QTest::newRow("negative retry delay") << u"task_config.retry_delay"_s << u"-5"_s
                                          << u"expected a number of seconds >= 0, got -5"_s;
    QTest::newRow("cap below the delay")
        << u"task_config.retry_delay_max"_s << u"30"_s
        << u"expected a number of seconds >= retry_delay (60), got 30"_s;
    QTest::newRow("zero timeout") << u"task_config.timeout"_s << u"0"_s
                                  << u"expected a number of seconds > 0, got 0"_s;
    QTest::newRow("no steps") << u"agent_config.max_steps"_s << u"0"_s
                              << u"expected a whole number >= 1, got 0"_s;
    QTest::newRow("negative request limit")
        << u"agent_config.request_limit"_s << u"-1"_s << u"expected a whole number >= 0, got -1"_s;
    QTest::newRow("negative token limit") << u"agent_config.total_tokens_limit"_s << u"-100"_s
                                          << u"expected a whole number >= 0, got -100"_s;
    QTest::newRow("negative tool call timeout") << u"agent_config.tool_call_timeout"_s << u"-1"_s
                                                << u"expected a number of seconds > 0, got -1"_s;
    QTest::newRow("empty memory") << u"agent_config.memory_config.value"_s << u"0"_s
                                  << u"expected a whole number >= 1, got 0"_s;
    QTest::newRow("negative max runs")
        << u"schedule.max_runs"_s << u"-1"_s << u"expected a whole number >= 0, got -1"_s;
    QTest::newRow("jitter in words") << u"schedule.jitter"_s << u"a minute"_s
                                     << u"expected a number of seconds >= 0, got \"a minute\""_s;
    QTest::newRow("negative grace")
        << u"policies.misfire_grace"_s << u"-1"_s << u"expected a number of seconds >= 0, got -1"_s;
    QTest::newRow("catch-up limit 0")
        << u"policies.catch_up_limit"_s << u"0"_s << u"expected a whole number >= 1, got 0"_s;
    QTest::newRow("too many in parallel")
        << u"policies.max_parallel"_s << u"101"_s << u"expected a whole number <= 100, got 101"_s;
    QTest::newRow("negative failures") << u"policies.pause_after_failures"_s << u"-2"_s
                                       << u"expected a whole number >= 0, got -2"_s;
    QTest::newRow("negative daily tokens")
        << u"budget.daily_tokens"_s << u"-1"_s << u"expected a whole number >= 0, got -1"_s;
    QTest::newRow("monthly tokens in words")
        << u"budget.monthly_tokens"_s << u"ten"_s << u"expected a whole number >= 0, got \"ten\""_s;
    QTest::newRow("negative daily cost")
        << u"budget.daily_cost"_s << u"-1"_s << u"expected an amount in US dollars >= 0, got -1"_s;
    QTest::newRow("monthly cost with a sign")
        << u"budget.monthly_cost"_s << u"$10"_s
        << u"expected an amount in US dollars >= 0, got \"$10\""_s;
}

void TestAgentEditor::refusesEachInvalidTypedField()
{
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, message);

    Editor editor;
    QAbstractItemModelTester tester(editor.field<QListWidget>(u"summary"_s)->model());
    // Policies under which the catch-up limit and max parallel runs apply and can be typed.
    editor.setJson(patched(R"({"policies": {"misfire": "run_all", "overlap": "allow"}})"));
    editor.showForm();
    QTRY_VERIFY(editor.save->isEnabled());
    editor.type(field, typed);
    QLabel *error = editor.label(u"error:"_s + field);
    QVERIFY(error);
    QTRY_COMPARE(error->text(), message);
    QVERIFY(error->isVisible());
    QVERIFY(!editor.save->isEnabled());
    QVERIFY(!editor.dialog.isValid());
    QVERIFY(!editor.dialog.findChild<QListWidget *>(u"summary"_s)
                 ->findItems(message, Qt::MatchEndsWith)
                 .isEmpty());
    // Save refuses even before the pause in typing that validation waits for.
    editor.type(field, typed + u" "_s);
    editor.dialog.accept();
    QCOMPARE(editor.dialog.result(), int(QDialog::Rejected));
    QVERIFY(editor.dialog.isVisible());
}

void TestAgentEditor::refusesEachInvalidJsonField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("shownValue");

    QTest::newRow("agent id a number")
        << patched(R"({"agent_id": 5})") << u"error:agent_id"_s
        << u"expected an id matching [A-Za-z0-9_.-]{1,64}, got 5"_s << u"agent_id"_s << u"5"_s;
    QTest::newRow("misspelt provider")
        << patched(R"({"model_config": {"provider": "opnai"}})") << u"error:model_config.provider"_s
        << u"expected one of %1, got \"opnai\"; did you mean \"openai\"?"_s.arg(ProviderChoices)
        << QString() << QString();
    QTest::newRow("unknown provider")
        << patched(R"({"model_config": {"provider": "skynet"}})")
        << u"error:model_config.provider"_s
        << u"expected one of %1, got \"skynet\""_s.arg(ProviderChoices) << QString() << QString();
    QTest::newRow("temperature as text")
        << patched(R"({"model_config": {"temperature": "hot"}})")
        << u"error:model_config.temperature"_s << u"expected a number from 0 to 2, got \"hot\""_s
        << u"model_config.temperature"_s << u"hot"_s;
    QTest::newRow("model_config not an object")
        << patched(R"({"model_config": "openai"})") << u"error:tab:model"_s
        << u"model_config: expected an object with provider and model, got \"openai\""_s
        << QString() << QString();
    QTest::newRow("misspelt key")
        << patched(R"({"model_config": {"temprature": 0.2}})") << u"error:tab:model"_s
        << u"model_config.temprature: unknown key; did you mean \"temperature\"?"_s << QString()
        << QString();
    QTest::newRow("unknown top-level key")
        << patched(R"({"colour": "blue"})") << u"error:tab:json"_s
        << u"colour: unknown key; the known keys are: agent_id, system_instruction, "
           "model_config, interval, schedule, task_config, agent_config, tools, policies, budget"_s
        << QString() << QString();
    QTest::newRow("retries as text")
        << patched(R"({"task_config": {"max_retries": "two"}})")
        << u"error:task_config.max_retries"_s << u"expected a whole number >= 0, got \"two\""_s
        << u"task_config.max_retries"_s << u"two"_s;
    QTest::newRow("linear backoff")
        << patched(R"({"task_config": {"retry_backoff": "linear"}})")
        << u"error:task_config.retry_backoff"_s
        << u"expected one of \"fixed\", \"exponential\", got \"linear\""_s << QString()
        << QString();
    QTest::newRow("interval as text")
        << patched(R"({"interval": "5m"})") << u"error:interval"_s
        << u"expected a number of seconds >= 1, got \"5m\""_s << u"interval"_s << u"5m"_s;
    QTest::newRow("two schedules")
        << patched(R"({"schedule": {"kind": "manual"}})") << u"error:schedule.kind"_s
        << u"conflicts with interval: give only one of interval, task_config.interval or "
           "schedule"_s
        << QString() << QString();
    QTest::newRow("interval key on a manual schedule")
        << patched(R"({"interval": null, "schedule": {"kind": "manual", "seconds": 60}})")
        << u"error:tab:schedule"_s
        << u"schedule.seconds: not used when kind is \"manual\", which takes: kind"_s << QString()
        << QString();
    QTest::newRow("unknown time zone")
        << patched(R"({"interval": null,
                       "schedule": {"kind": "cron", "expression": "@daily", "timezone": "Mars/Base"}})")
        << u"error:schedule.timezone"_s
        << u"unknown time zone \"Mars/Base\"; give an IANA name such as \"Europe/Berlin\" or "
           "\"America/New_York\""_s
        << QString() << QString();
    QTest::newRow("end before start")
        << patched(R"({"interval": null,
                       "schedule": {"kind": "interval", "seconds": 60,
                                    "start_at": "2030-01-02T00:00:00Z",
                                    "end_at": "2030-01-01T00:00:00Z"}})")
        << u"error:schedule.end_at"_s << u"must be later than start_at"_s << QString() << QString();
    QTest::newRow("max runs on a once schedule")
        << patched(R"({"interval": null,
                       "schedule": {"kind": "once", "at": "2030-01-01T00:00:00Z", "max_runs": 3}})")
        << u"error:tab:schedule"_s
        << u"schedule.max_runs: not used when kind is \"once\", which takes: kind, at, jitter"_s
        << QString() << QString();
    QTest::newRow("catch-up limit 0")
        << patched(R"({"policies": {"catch_up_limit": 0}})") << u"error:policies.catch_up_limit"_s
        << u"expected a whole number >= 1, got 0"_s << u"policies.catch_up_limit"_s << u"0"_s;
    QTest::newRow("unknown misfire policy")
        << patched(R"({"policies": {"misfire": "run_al"}})") << u"error:policies.misfire"_s
        << u"expected one of \"skip\", \"run_once\", \"run_all\", got \"run_al\"; did you "
           "mean \"run_all\"?"_s
        << QString() << QString();
    QTest::newRow("misspelt policy")
        << patched(R"({"policies": {"overlaps": "skip"}})") << u"error:tab:policies"_s
        << u"policies.overlaps: unknown key; did you mean \"overlap\"?"_s << QString() << QString();
    QTest::newRow("budget not an object")
        << patched(R"({"budget": 10})") << u"error:tab:budget"_s
        << u"budget: expected an object, got 10"_s << QString() << QString();
    QTest::newRow("stop when exceeded")
        << patched(R"({"budget": {"on_exceeded": "stop"}})") << u"error:budget.on_exceeded"_s
        << u"expected one of \"skip\", \"pause\", got \"stop\""_s << QString() << QString();
    QTest::newRow("memory without a mode")
        << patched(R"({"agent_config": {"memory_config": {"value": 5}}})")
        << u"error:agent_config.memory_config.mode"_s
        << u"missing; expected one of \"sliding_window\", \"token_budget\""_s << QString()
        << QString();
    QTest::newRow("tools not a list")
        << patched(R"({"tools": "system_info"})") << u"error:tools"_s
        << u"expected an array of tool names, got \"system_info\""_s << QString() << QString();
    QTest::newRow("unknown tool") << patched(R"({"tools": ["system_info", "teleport"]})")
                                  << u"error:tools"_s
                                  << u"tools[1]: unknown tool \"teleport\"; available: %1"_s.arg(
                                         toolNames())
                                  << QString() << QString();
    QTest::newRow("tool listed twice")
        << patched(R"({"tools": ["system_info", "system_info"]})") << u"error:tools"_s
        << u"tools[1]: \"system_info\" is already listed at tools[0]"_s << QString() << QString();
    QTest::newRow("arguments for an unlisted tool")
        << patched(R"({"task_config": {"tool_arguments": {"http_fetch": {}}}})")
        << u"error:task_config.tool_arguments"_s
        << u"task_config.tool_arguments.http_fetch: \"http_fetch\" is not in tools; list the "
           "tool there or drop its arguments"_s
        << QString() << QString();
    QTest::newRow("relative folder")
        << patched(R"({"agent_config": {"allowed_paths": ["notes"]}})")
        << u"error:agent_config.allowed_paths"_s
        << u"agent_config.allowed_paths[0]: \"notes\" is relative; give an absolute path (a "
           "relative one would depend on the folder the worker was started in)"_s
        << QString() << QString();
    QTest::newRow("array instead of an agent")
        << QByteArray("[]") << u"error:tab:json"_s << u"agent: expected an object, got []"_s
        << QString() << QString();
    QTest::newRow("malformed JSON")
        << QByteArray("{\n  \"agent_id\": \"base\",\n}") << u"error:tab:json"_s
        << u"invalid JSON at line 3, column 1: syntax error while parsing object key - "
           "unexpected '}'; expected string literal"_s
        << QString() << QString();
}

void TestAgentEditor::refusesEachInvalidJsonField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, label);
    QFETCH(QString, message);
    QFETCH(QString, field);
    QFETCH(QString, shownValue);

    Editor editor;
    editor.setJson(json);
    QLabel *error = editor.label(label);
    QVERIFY2(error, qPrintable(label));
    QTRY_COMPARE(error->text(), message);
    QVERIFY(!editor.save->isEnabled());
    if (!field.isEmpty()) {
        editor.showForm();
        QCOMPARE(editor.field<QLineEdit>(field)->text(), shownValue);
        QCOMPARE(editor.jsonText(), json);
    }
}

void TestAgentEditor::acceptsTheSeedAndTheExamples_data()
{
    QTest::addColumn<QByteArray>("json");
    for (const auto &[name, json] : exampleAgents())
        QTest::newRow(qPrintable(name)) << json;
}

void TestAgentEditor::acceptsTheSeedAndTheExamples()
{
    QFETCH(QByteArray, json);
    const AgentSpec expected = parsedSpec(json);
    QVERIFY(!expected.agentId.isEmpty());

    Editor editor;
    editor.setJson(json);
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec(), expected);

    // JSON → form: each field shows what the JSON says.
    editor.showForm();
    const Json document = Json::parse(json.toStdString());
    for (QLineEdit *edit : editor.dialog.findChildren<QLineEdit *>()) {
        if (const Json *value = at(document, edit->objectName()))
            QCOMPARE(edit->text(), shown(*value));
    }
    QCOMPARE(editor.field<QComboBox>(u"model_config.provider"_s)->currentData().toString(),
             expected.model.provider);
    QCOMPARE(editor.field<QPlainTextEdit>(u"task_config.query"_s)->toPlainText(),
             expected.task.query);
    QStringList checked;
    for (const QCheckBox *check : editor.dialog.findChildren<QCheckBox *>()) {
        if (check->objectName().startsWith(u"tool:"_s) && check->isChecked())
            checked.append(check->text());
    }
    checked.sort();
    QStringList listed = expected.tools;
    listed.sort();
    QCOMPARE(checked, listed);

    // form → JSON → form → spec, unchanged.
    const QByteArray text = editor.jsonText();
    editor.showForm();
    QCOMPARE(editor.jsonText(), text);
    editor.showForm();
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec(), expected);
    editor.dialog.accept();
    QCOMPARE(editor.dialog.result(), int(QDialog::Accepted));
}

void TestAgentEditor::typedFormRoundTrips_data()
{
    acceptsTheSeedAndTheExamples_data();
}

void TestAgentEditor::typedFormRoundTrips()
{
    QFETCH(QByteArray, json);
    const AgentSpec expected = parsedSpec(json);
    QVERIFY(!expected.agentId.isEmpty());

    Editor editor;
    editor.fillForm(expected.toJson());
    QTRY_VERIFY2(editor.save->isEnabled(),
                 qPrintable(editor.dialog.findChild<QLabel *>(u"summaryTitle"_s)->text()));
    QCOMPARE(editor.dialog.spec(), expected);

    // The JSON the form wrote reads back to the same agent, and so does the form after it.
    QCOMPARE(parsedSpec(editor.jsonText()), expected);
    editor.setJson(editor.jsonText() + "\n");
    editor.showForm();
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec(), expected);
}

void TestAgentEditor::keysTheFormCannotShowSurvive()
{
    Editor editor;
    editor.setJson(R"({
        "x_owner": "ops",
        "agent_id": "base",
        "model_config": {"provider": "openai", "model": "gpt-4o-mini", "x_route": [1, 2]},
        "interval": 60,
        "task_config": {"query": "Check.", "tool_arguments": {"system_info": {"a": 1}}},
        "tools": ["system_info"]
    })");
    editor.showForm();
    editor.type(u"task_config.max_retries"_s, u"4"_s);
    editor.type(u"interval"_s, u"120"_s);
    editor.choose(u"model_config.provider"_s, u"anthropic"_s);
    const Json document = Json::parse(editor.jsonText().toStdString());
    QCOMPARE(dumped(document.at("x_owner")), dumped(Json("ops")));
    QCOMPARE(dumped(document.at("model_config").at("x_route")), dumped(Json::parse("[1, 2]")));
    QCOMPARE(dumped(document.at("model_config").at("provider")), dumped(Json("anthropic")));
    QCOMPARE(dumped(document.at("task_config").at("max_retries")), dumped(Json(4)));
    QCOMPARE(dumped(document.at("task_config").at("tool_arguments")),
             dumped(Json::parse(R"({"system_info": {"a": 1}})")));
    QCOMPARE(dumped(document.at("interval")), dumped(Json(120)));
    // The order the keys were written in is kept.
    QVERIFY(editor.json->toPlainText().startsWith(u"{\n  \"x_owner\": \"ops\",\n  \"agent_id\""_s));
    // They are still errors: the engine takes no key it does not know.
    QTRY_COMPARE(
        editor.label(u"error:tab:json"_s)->text(),
        u"x_owner: unknown key; the known keys are: agent_id, system_instruction, "
        "model_config, interval, schedule, task_config, agent_config, tools, policies, budget"_s);
    QCOMPARE(editor.label(u"error:tab:model"_s)->text(),
             u"model_config.x_route: unknown key; the known keys are: provider, model, base_url, "
             "temperature, max_tokens, top_p, api_key"_s);
}

void TestAgentEditor::brokenJsonKeepsToItsTab()
{
    Editor editor;
    editor.setJson(BaseAgent);
    QTRY_VERIFY(editor.save->isEnabled());
    editor.json->setPlainText(u"{\"agent_id\": "_s);
    for (int tab = 0; tab < AgentEditorDialog::JsonTab; ++tab)
        QVERIFY(!editor.tabs->isTabEnabled(tab));
    QTRY_VERIFY(!editor.save->isEnabled());
    QVERIFY(editor.label(u"error:tab:json"_s)->text().startsWith(u"invalid JSON at line 1"_s));
    // The broken text stays as typed; fixing it brings the form back with the new values.
    QCOMPARE(editor.json->toPlainText(), u"{\"agent_id\": "_s);
    editor.json->setPlainText(QString::fromUtf8(patched(R"({"agent_id": "fixed"})")));
    QVERIFY(editor.tabs->isTabEnabled(AgentEditorDialog::AgentTab));
    editor.showForm();
    QCOMPARE(editor.field<QLineEdit>(u"agent_id"_s)->text(), u"fixed"_s);
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec().agentId, u"fixed"_s);
}

void TestAgentEditor::providerPresetFillsTheBaseUrl()
{
    Editor editor;
    editor.setJson(BaseAgent);
    editor.showForm();
    auto *baseUrl = editor.field<QLineEdit>(u"model_config.base_url"_s);
    auto *apiKey = editor.field<QLineEdit>(u"model_config.api_key"_s);
    QCOMPARE(baseUrl->placeholderText(), u"https://api.openai.com/v1"_s);
    QCOMPARE(apiKey->placeholderText(), u"OPENAI_API_KEY"_s);

    for (const ProviderPreset &preset : providerPresets()) {
        editor.choose(u"model_config.provider"_s, preset.id);
        if (preset.defaultBaseUrl.isEmpty())
            QVERIFY(baseUrl->placeholderText().startsWith(u"required"_s));
        else
            QCOMPARE(baseUrl->placeholderText(), preset.defaultBaseUrl);
    }

    // A base URL that was the old provider's default does not follow to the new one.
    editor.choose(u"model_config.provider"_s, u"ollama"_s);
    editor.type(u"model_config.base_url"_s, u"http://localhost:11434/v1"_s);
    editor.choose(u"model_config.provider"_s, u"lmstudio"_s);
    QCOMPARE(baseUrl->text(), QString());
    QCOMPARE(baseUrl->placeholderText(), u"http://localhost:1234/v1"_s);
    QCOMPARE(apiKey->placeholderText(), u"none needed"_s);
    // One the user chose stays.
    editor.type(u"model_config.base_url"_s, u"http://gpu-box:1234/v1"_s);
    editor.choose(u"model_config.provider"_s, u"vllm"_s);
    QCOMPARE(baseUrl->text(), u"http://gpu-box:1234/v1"_s);
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec().model.provider, u"vllm"_s);
    QCOMPARE(editor.dialog.spec().model.baseUrl, u"http://gpu-box:1234/v1"_s);

    // A provider the engine knows but this one does not offer is refused.
    Editor limited(std::nullopt, {u"none"_s, u"openai"_s});
    limited.setJson(patched(R"({"model_config": {"provider": "gemini"}})"));
    QTRY_COMPARE(limited.label(u"error:model_config.provider"_s)->text(),
                 u"\"gemini\" is not available here; available: none, openai"_s);
    limited.showForm();
    QCOMPARE(limited.field<QComboBox>(u"model_config.provider"_s)->currentText(),
             u"gemini (not valid)"_s);
}

void TestAgentEditor::nextTenDueTimes()
{
    Editor editor;
    editor.setJson(patched(R"({"interval": 300})"));
    editor.showForm();
    auto *due = editor.field<QListWidget>(u"dueTimes"_s);
    QAbstractItemModelTester tester(due->model());
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTRY_COMPARE(due->count(), 10);
    QList<qint64> times;
    for (int i = 0; i < due->count(); ++i) {
        const qint64 ms = due->item(i)->data(Qt::UserRole).toLongLong();
        times.append(ms);
        // No zone of its own: local time alone.
        QCOMPARE(due->item(i)->text(), dueTimeText(ms, QString()));
        QVERIFY(!due->item(i)->text().contains(u" local"_s));
    }
    QVERIFY(times.first() > before);
    QVERIFY(times.first() <= QDateTime::currentMSecsSinceEpoch() + 300'000);
    for (int i = 1; i < times.size(); ++i)
        QCOMPARE(times.at(i) - times.at(i - 1), 300'000);
    QVERIFY(editor.label(u"dueCaption"_s)->text().contains(u"every 5 minutes"_s));

    // Typing a new period redraws them.
    editor.type(u"interval"_s, u"90"_s);
    QTRY_COMPARE(due->item(1)->data(Qt::UserRole).toLongLong()
                     - due->item(0)->data(Qt::UserRole).toLongLong(),
                 90'000);
    editor.type(u"interval"_s, u"0"_s);
    QTRY_COMPARE(due->count(), 0);
}

void TestAgentEditor::scheduleKindsAndAnchor()
{
    Editor editor;
    editor.setJson(BaseAgent);
    editor.showForm();
    auto *due = editor.field<QListWidget>(u"dueTimes"_s);

    // An anchor moves the period into a schedule block and fixes the phase.
    const QDateTime anchor(QDate(2030, 1, 1), QTime(9, 0, 30));
    editor.field<QDateTimeEdit>(u"anchor"_s)->setDateTime(anchor);
    editor.field<QCheckBox>(u"anchorSet"_s)->click();
    QTRY_VERIFY(editor.save->isEnabled());
    Schedule schedule = editor.dialog.spec().schedule;
    QCOMPARE(schedule.kind, Schedule::Kind::Interval);
    QCOMPARE(schedule.intervalMs, 60'000);
    QCOMPARE(schedule.anchorMs, anchor.toMSecsSinceEpoch());
    QTRY_COMPARE(due->item(0)->data(Qt::UserRole).toLongLong(),
                 anchor.toMSecsSinceEpoch() + 60'000);
    const Json document = Json::parse(editor.jsonText().toStdString());
    QVERIFY(!document.contains("interval"));
    QCOMPARE(dumped(document.at("schedule").at("seconds")), u"60"_s);
    editor.showForm();

    const QDateTime at(QDate(2031, 6, 1), QTime(12, 0));
    editor.choose(u"schedule.kind"_s, u"once"_s);
    editor.field<QDateTimeEdit>(u"schedule.at"_s)->setDateTime(at);
    QTRY_COMPARE(editor.dialog.spec().schedule.atMs, at.toMSecsSinceEpoch());
    QCOMPARE(editor.dialog.spec().schedule.kind, Schedule::Kind::Once);
    QTRY_COMPARE(due->count(), 1);
    QCOMPARE(due->item(0)->data(Qt::UserRole).toLongLong(), at.toMSecsSinceEpoch());

    editor.choose(u"schedule.kind"_s, u"manual"_s);
    QTRY_COMPARE(editor.dialog.spec().schedule.kind, Schedule::Kind::Manual);
    QCOMPARE(due->count(), 1);
    QVERIFY(!due->item(0)->data(Qt::UserRole).isValid());

    // Back to an interval: the period and anchor typed before come back.
    editor.choose(u"schedule.kind"_s, u"interval"_s);
    QTRY_COMPARE(editor.dialog.spec().schedule.kind, Schedule::Kind::Interval);
    QCOMPARE(editor.dialog.spec().schedule.intervalMs, 60'000);
    QCOMPARE(editor.dialog.spec().schedule.anchorMs, anchor.toMSecsSinceEpoch());
    editor.field<QCheckBox>(u"anchorSet"_s)->click();
    QTRY_VERIFY(!editor.dialog.spec().schedule.anchorMs.has_value());
}

void TestAgentEditor::cronFieldsShowTheirErrors()
{
    Editor editor;
    editor.setJson(BaseAgent);
    editor.showForm();
    editor.choose(u"schedule.kind"_s, u"cron"_s);
    QLabel *expressionError = editor.label(u"error:schedule.expression"_s);
    QTRY_COMPARE(expressionError->text(),
                 u"missing; expected a cron expression such as \"0 9 * * mon-fri\""_s);
    editor.tabs->setCurrentIndex(AgentEditorDialog::ScheduleTab);
    QVERIFY(expressionError->isVisible());
    QVERIFY(editor.label(u"cronHint"_s)->isVisible());
    editor.type(u"schedule.expression"_s, u"0 9 * * mon-fri"_s);
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec().schedule.kind, Schedule::Kind::Cron);
    QCOMPARE(editor.dialog.spec().schedule.cron, u"0 9 * * mon-fri"_s);

    // The zone is typed or chosen; the system's is written as none.
    auto *zone = editor.field<QComboBox>(u"schedule.timezone"_s);
    QCOMPARE(zone->currentText(),
             u"System (%1)"_s.arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    zone->lineEdit()->selectAll();
    QTest::keyClicks(zone->lineEdit(), u"Mars/Olympus"_s);
    QTRY_COMPARE(editor.label(u"error:schedule.timezone"_s)->text(),
                 u"unknown time zone \"Mars/Olympus\"; give an IANA name such as "
                 "\"Europe/Berlin\" or \"America/New_York\""_s);
    QVERIFY(!editor.save->isEnabled());
    editor.choose(u"schedule.timezone"_s, u"Europe/Berlin"_s);
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec().schedule.timeZone, u"Europe/Berlin"_s);
    editor.choose(u"schedule.timezone"_s, QString());
    QTRY_COMPARE(editor.dialog.spec().schedule.timeZone, QString());
    QVERIFY(!editor.jsonText().contains("timezone"));
    editor.tabs->setCurrentIndex(AgentEditorDialog::ScheduleTab);

    // Bounds: the end must come after the start.
    const QDateTime start(QDate(2030, 6, 1), QTime(9, 0));
    editor.field<QDateTimeEdit>(u"startAt"_s)->setDateTime(start);
    editor.field<QCheckBox>(u"startAtSet"_s)->click();
    editor.field<QDateTimeEdit>(u"endAt"_s)->setDateTime(start.addDays(-31));
    editor.field<QCheckBox>(u"endAtSet"_s)->click();
    QLabel *endError = editor.label(u"error:schedule.end_at"_s);
    QTRY_COMPARE(endError->text(), u"must be later than start_at"_s);
    QVERIFY(endError->isVisible());
    QVERIFY(!editor.save->isEnabled());

    // Once takes no bounds: their rows go, and so do they from the JSON, until cron is back.
    editor.choose(u"schedule.kind"_s, u"once"_s);
    QTRY_VERIFY(editor.save->isEnabled());
    QVERIFY(editor.field(u"schedule.at"_s)->isVisible());
    QVERIFY(!editor.field(u"schedule.start_at"_s)->isVisible());
    QVERIFY(!editor.field(u"schedule.max_runs"_s)->isVisible());
    QVERIFY(editor.field(u"schedule.jitter"_s)->isVisible());
    const QByteArray once = editor.jsonText();
    QVERIFY(!once.contains("start_at"));
    QVERIFY(!once.contains("expression"));
    editor.showForm();
    editor.choose(u"schedule.kind"_s, u"cron"_s);
    QTRY_COMPARE(endError->text(), u"must be later than start_at"_s);
    QCOMPARE(editor.field<QLineEdit>(u"schedule.expression"_s)->text(), u"0 9 * * mon-fri"_s);
    editor.field<QCheckBox>(u"endAtSet"_s)->click();
    QTRY_VERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec().schedule.startAtMs, start.toMSecsSinceEpoch());
    QVERIFY(!editor.dialog.spec().schedule.endAtMs);
}

void TestAgentEditor::cronDueTimesInBothZones()
{
    const QString zone = otherZone();
    Editor editor;
    editor.setJson(patched(
        uR"({"interval": null, "schedule": {"kind": "cron", "expression": "0 9 * * *", "timezone": "%1"}})"_s
            .arg(zone)
            .toUtf8()));
    editor.showForm();
    QTRY_VERIFY(editor.save->isEnabled());
    QVERIFY2(editor.label(u"dueCaption"_s)->text().contains(zone + u" and in local time"_s),
             qPrintable(editor.label(u"dueCaption"_s)->text()));
    QCOMPARE(editor.field<QComboBox>(u"schedule.timezone"_s)->currentText(), zone);

    auto *due = editor.field<QListWidget>(u"dueTimes"_s);
    QTRY_COMPARE(due->count(), 10);
    for (int i = 0; i < due->count(); ++i) {
        const qint64 ms = due->item(i)->data(Qt::UserRole).toLongLong();
        QCOMPARE(due->item(i)->text(), dueTimeText(ms, zone));
        QVERIFY(due->item(i)->text().contains(zone + u" — "_s));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(zone.toUtf8())).time(), QTime(9, 0));
    }
}

void TestAgentEditor::cronAgentWithPoliciesAndBudgetRoundTrips()
{
    const QString zone = otherZone();
    const QDateTime start(QDate(2030, 3, 1), QTime(8, 0));
    const QDateTime end(QDate(2030, 12, 31), QTime(18, 30, 15));
    const AgentSpec expected = parsedSpec(patched(uR"({
        "interval": null,
        "schedule": {"kind": "cron", "expression": "0 9 * * mon-fri", "timezone": "%1",
                     "start_at": "%2", "end_at": "%3", "max_runs": 20, "jitter": 30},
        "policies": {"misfire": "run_all", "misfire_grace": 120, "catch_up_limit": 3,
                     "overlap": "allow", "max_parallel": 4, "pause_after_failures": 0},
        "budget": {"daily_tokens": 50000, "monthly_tokens": 1000000, "daily_cost": 0.5,
                   "monthly_cost": 10, "on_exceeded": "pause"}
    })"_s.arg(zone, isoTimestamp(start.toMSecsSinceEpoch()), isoTimestamp(end.toMSecsSinceEpoch()))
                                                      .toUtf8()));
    QCOMPARE(expected.schedule.kind, Schedule::Kind::Cron);

    // form: typed and chosen as a user would.
    Editor editor;
    editor.setJson(BaseAgent);
    editor.showForm();
    editor.choose(u"schedule.kind"_s, u"cron"_s);
    editor.type(u"schedule.expression"_s, u"0 9 * * mon-fri"_s);
    editor.choose(u"schedule.timezone"_s, zone);
    editor.field<QDateTimeEdit>(u"startAt"_s)->setDateTime(start);
    editor.field<QCheckBox>(u"startAtSet"_s)->click();
    editor.field<QCheckBox>(u"endAtSet"_s)->click();
    editor.field<QDateTimeEdit>(u"endAt"_s)->setDateTime(end);
    editor.type(u"schedule.max_runs"_s, u"20"_s);
    editor.type(u"schedule.jitter"_s, u"30"_s);
    editor.choose(u"policies.misfire"_s, u"run_all"_s);
    editor.type(u"policies.misfire_grace"_s, u"120"_s);
    editor.type(u"policies.catch_up_limit"_s, u"3"_s);
    editor.choose(u"policies.overlap"_s, u"allow"_s);
    editor.type(u"policies.max_parallel"_s, u"4"_s);
    editor.type(u"policies.pause_after_failures"_s, u"0"_s);
    editor.type(u"budget.daily_tokens"_s, u"50000"_s);
    editor.type(u"budget.monthly_tokens"_s, u"1000000"_s);
    editor.type(u"budget.daily_cost"_s, u"0.5"_s);
    editor.type(u"budget.monthly_cost"_s, u"10"_s);
    editor.choose(u"budget.on_exceeded"_s, u"pause"_s);
    QTRY_VERIFY2(editor.save->isEnabled(),
                 qPrintable(editor.dialog.findChild<QLabel *>(u"summaryTitle"_s)->text()));
    QCOMPARE(editor.dialog.spec(), expected);

    // → JSON → form → spec.
    const QByteArray json = editor.jsonText();
    QCOMPARE(parsedSpec(json), expected);
    Editor reopened;
    reopened.setJson(json);
    reopened.showForm();
    QCOMPARE(reopened.field<QComboBox>(u"schedule.kind"_s)->currentData().toString(), u"cron"_s);
    QCOMPARE(reopened.field<QLineEdit>(u"schedule.expression"_s)->text(), u"0 9 * * mon-fri"_s);
    QCOMPARE(reopened.field<QComboBox>(u"schedule.timezone"_s)->currentText(), zone);
    QVERIFY(reopened.field<QCheckBox>(u"startAtSet"_s)->isChecked());
    QCOMPARE(reopened.field<QDateTimeEdit>(u"startAt"_s)->dateTime(), start);
    QVERIFY(reopened.field<QCheckBox>(u"endAtSet"_s)->isChecked());
    QCOMPARE(reopened.field<QDateTimeEdit>(u"endAt"_s)->dateTime(), end);
    QCOMPARE(reopened.field<QLineEdit>(u"schedule.max_runs"_s)->text(), u"20"_s);
    QCOMPARE(reopened.field<QLineEdit>(u"schedule.jitter"_s)->text(), u"30"_s);
    QCOMPARE(reopened.field<QComboBox>(u"policies.misfire"_s)->currentData().toString(),
             u"run_all"_s);
    QCOMPARE(reopened.field<QLineEdit>(u"policies.catch_up_limit"_s)->text(), u"3"_s);
    QCOMPARE(reopened.field<QComboBox>(u"policies.overlap"_s)->currentData().toString(),
             u"allow"_s);
    QCOMPARE(reopened.field<QLineEdit>(u"policies.pause_after_failures"_s)->text(), u"0"_s);
    QCOMPARE(reopened.field<QLineEdit>(u"budget.daily_cost"_s)->text(), u"0.5"_s);
    QCOMPARE(reopened.field<QComboBox>(u"budget.on_exceeded"_s)->currentData().toString(),
             u"pause"_s);
    // A field touched in the form writes back what it shows.
    reopened.type(u"budget.monthly_cost"_s, u"10"_s);
    QTRY_VERIFY(reopened.save->isEnabled());
    QCOMPARE(reopened.dialog.spec(), expected);
    QCOMPARE(parsedSpec(reopened.jsonText()), expected);
}

void TestAgentEditor::policyHintsFollowTheChoice()
{
    Editor editor;
    editor.setJson(BaseAgent);
    editor.showForm();
    editor.tabs->setCurrentIndex(AgentEditorDialog::PoliciesTab);
    QLabel *misfireHint = editor.label(u"misfireHint"_s);
    auto *catchUp = editor.field<QLineEdit>(u"policies.catch_up_limit"_s);
    auto *parallel = editor.field<QLineEdit>(u"policies.max_parallel"_s);
    QVERIFY(misfireHint->isVisible());
    QVERIFY(misfireHint->text().contains(u"waits for its next due time"_s));
    QVERIFY(!catchUp->isEnabled());
    QVERIFY(!parallel->isEnabled());

    editor.choose(u"policies.misfire"_s, u"run_all"_s);
    QVERIFY(misfireHint->text().contains(u"up to the catch-up limit"_s));
    QVERIFY(catchUp->isEnabled());
    editor.choose(u"policies.overlap"_s, u"allow"_s);
    QVERIFY(editor.label(u"overlapHint"_s)->text().contains(u"max parallel runs"_s));
    QVERIFY(parallel->isEnabled());
    QTRY_COMPARE(editor.dialog.spec().policies.overlap, RunPolicies::Overlap::Allow);
    QCOMPARE(editor.dialog.spec().policies.misfire, RunPolicies::Misfire::RunAll);

    // The JSON's choice shows with its own explanation.
    editor.setJson(patched(R"({"policies": {"misfire": "run_once", "overlap": "queue_one"}})"));
    editor.tabs->setCurrentIndex(AgentEditorDialog::PoliciesTab);
    QVERIFY(misfireHint->text().contains(u"one runs at once to catch up"_s));
    QVERIFY(editor.label(u"overlapHint"_s)->text().contains(u"at most one waits"_s));
    QVERIFY(!catchUp->isEnabled());
    QVERIFY(!parallel->isEnabled());
}

void TestAgentEditor::seedGainsNoNewKeys()
{
    Editor editor;
    editor.setJson(SeedConfig);
    QTRY_VERIFY(editor.save->isEnabled());
    for (int tab = 0; tab < AgentEditorDialog::JsonTab; ++tab)
        editor.tabs->setCurrentIndex(tab);
    QCOMPARE(dumped(Json::parse(editor.jsonText().toStdString())),
             dumped(Json::parse(SeedConfig.toStdString())));
    QCOMPARE(editor.dialog.spec(), parsedSpec(SeedConfig));
    QCOMPARE(editor.dialog.spec().policies, RunPolicies());
    QCOMPARE(editor.dialog.spec().budget, Budget());
}

void TestAgentEditor::budgetTabForecastsTheSpend()
{
    Editor editor;
    editor.setJson(SeedConfig);
    QTRY_VERIFY(editor.save->isEnabled());
    auto *forecast = editor.field<BudgetForecastView>(u"budgetForecast"_s);
    QVERIFY(forecast);
    // The seed runs every 5 minutes: 288 runs a day.
    QVERIFY2(forecast->summaryText().contains(u"288"_s), qPrintable(forecast->summaryText()));
    QVERIFY(forecast->capsText().isEmpty());
    QByteArray capped = SeedConfig;
    capped.insert(capped.lastIndexOf('}'), R"(, "budget": {"monthly_cost": 0.01})");
    editor.setJson(capped);
    QTRY_VERIFY2(forecast->capsText().contains(u"0.01"_s), qPrintable(forecast->capsText()));
}

void TestAgentEditor::existingAgentForecastsFromItsRuns()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The main window keeps its layout in settings: a folder of the test's own.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(u"settings"_s));
    const QString url = u"sqlite:"_s + dir.filePath(u"nightshift.db"_s);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AgentSpec seed = parsedSpec(SeedConfig);
    seed.revision = 1;
    seed.budget.monthlyCost = 100;
    {
        // Three finished runs of 1,000, 2,000 and 3,000 tokens and a skipped occurrence, as
        // earlier sessions left them, and $1.50 spent this month.
        Result<Store> store = openStore(url);
        QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
        QVERIFY(store->memory->saveSpec(seed).ok());
        AgentStatus status;
        status.agentId = seed.agentId;
        status.specRevision = 1;
        status.runCount = 3;
        status.spendMonth = QDateTime::fromMSecsSinceEpoch(now).date().toString(u"yyyy-MM"_s);
        status.tokensMonth = 6000;
        status.costMonth = 1.5;
        QVERIFY(store->memory->saveStatus(status).ok());
        for (int i = 0; i < 4; ++i) {
            RunRecord run;
            run.runId = u"run-%1"_s.arg(i);
            run.agentId = seed.agentId;
            run.specRevision = 1;
            run.occurrenceMs = now - (4 - i) * 300'000;
            run.state = i == 3 ? RunState::Skipped : RunState::Completed;
            if (i < 3) {
                run.startedMs = run.occurrenceMs;
                run.finishedMs = run.startedMs + 1000;
                run.usage.inputTokens = (i + 1) * 750;
                run.usage.outputTokens = (i + 1) * 250;
            }
            QVERIFY(store->memory->saveRun(run).ok());
        }
    }
    EngineHost host;
    QVERIFY(host.start(url).ok());
    {
        MainWindow window(&host);
        window.show();
        Q_EMIT window.agentActivated(seed.agentId);
        AgentEditorDialog *editor = window.findChild<AgentEditorDialog *>();
        QVERIFY(editor);
        QVERIFY(editor->isEditing());
        auto *forecast = editor->findChild<BudgetForecastView *>(u"budgetForecast"_s);
        QVERIFY(forecast);
        QVERIFY2(forecast->summaryText().contains(u"2,000 tokens (average of the last 3 runs)"_s),
                 qPrintable(forecast->summaryText()));
        // The money's form follows the test machine's locale.
        QVERIFY2(forecast->capsText().contains(u"1.50"_s)
                     && forecast->capsText().contains(u" spent this month; ≈ "_s),
                 qPrintable(forecast->capsText()));
        editor->reject();
    }
    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

void TestAgentEditor::editingKeepsTheIdAndRevision()
{
    AgentSpec existing = parsedSpec(SeedConfig);
    existing.revision = 3;
    Editor editor(existing);
    QVERIFY(editor.dialog.isEditing());
    QVERIFY(editor.field<QLineEdit>(u"agent_id"_s)->isReadOnly());
    QCOMPARE(editor.field<QLineEdit>(u"agent_id"_s)->text(), u"system_monitor"_s);
    QVERIFY(editor.label(u"revision"_s)->text().contains(u"Saving makes revision 4"_s));
    QVERIFY(editor.save->isEnabled());
    QCOMPARE(editor.dialog.spec(), existing);

    // The JSON tab cannot rename it either.
    const QByteArray text = editor.jsonText();
    editor.json->setPlainText(QString::fromUtf8(text).replace(u"system_monitor"_s, u"other"_s));
    QTRY_COMPARE(editor.label(u"error:agent_id"_s)->text(),
                 u"an existing agent keeps its id \"system_monitor\"; create a new agent to use "
                 "another"_s);
    QVERIFY(!editor.save->isEnabled());
    editor.json->setPlainText(QString::fromUtf8(text));
    QTRY_VERIFY(editor.save->isEnabled());
}

void TestAgentEditor::savingAnExistingAgentBumpsItsRevision()
{
    EngineHost host;
    QVERIFY(host.start(u"memory:"_s).ok());
    const AgentSpec seed = parsedSpec(SeedConfig);
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(seed); }).ok());
    const auto [providers, tools, stored] = host.call([](BackgroundAgentService &service) {
        return std::tuple(service.providerIds(),
                          service.toolDescriptors(),
                          service.getAgentSpec(u"system_monitor"_s));
    });
    QVERIFY(stored.ok());
    QCOMPARE(stored->revision, 1);

    AgentEditorDialog dialog(providers, tools, stored.value());
    dialog.show();
    dialog.findChild<QTabWidget *>()->setCurrentIndex(AgentEditorDialog::TaskTab);
    auto *retries = dialog.findChild<QLineEdit *>(u"task_config.max_retries"_s);
    retries->selectAll();
    QTest::keyClicks(retries, u"5"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.spec().task.maxRetries, 5);
    QCOMPARE(dialog.spec().revision, 1);

    const Result<AgentStatus> updated = host.call(
        [spec = dialog.spec()](BackgroundAgentService &service) { return service.update(spec); });
    QVERIFY(updated.ok());
    QCOMPARE(updated->specRevision, 2);
    const Result<AgentSpec> saved = host.call(
        [](BackgroundAgentService &service) { return service.getAgentSpec(u"system_monitor"_s); });
    QCOMPARE(saved->task.maxRetries, 5);
    QCOMPARE(saved->revision, 2);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

QTEST_MAIN(TestAgentEditor)
#include "tst_agenteditor.moc"
