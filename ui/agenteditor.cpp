#include "agenteditor.h"

#include "budgetforecastview.h"

#include "duetimes.h"
#include "event.h"
#include "providerpresets.h"
#include "scheduledescription.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTabWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <utility>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using Json = AgentDraft::Json;

// Long enough to let a word be typed, short enough to feel live.
constexpr int ValidateDelayMs = 300;
// The due-time preview counts from now, so it is redrawn while the dialog stays open.
constexpr int DueTimesRefreshMs = 30'000;
constexpr int PathRole = Qt::UserRole;
// Object names of the tabs' own error labels ("error:tab:model"), in Tab order.
constexpr std::array<QStringView, AgentEditorDialog::TabCount> TabNames{
    u"agent", u"model", u"schedule", u"task", u"limits", u"tools", u"policies", u"budget", u"json"};

QString pathOf(const AgentDraft::Keys &keys)
{
    return keys.join(u'.');
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// Strings as their text, anything else as JSON, so that a wrong type is shown as it is.
QString shownText(const Json *value)
{
    if (!value)
        return {};
    if (value->is_string())
        return QString::fromStdString(value->get<std::string>());
    return QString::fromStdString(value->dump(-1, ' ', false, Json::error_handler_t::replace));
}

// What a typed value means: JSON when it is JSON (300, 0.5, true, {...}), else a string, which
// the validator then names as the wrong type.
Json valueFromText(const QString &text)
{
    const std::string typed = utf8(text.trimmed());
    Json value = Json::parse(typed, nullptr, false);
    if (value.is_discarded())
        return Json(typed);
    return value;
}

QDateTime fromIso(const Json *value)
{
    if (!value || !value->is_string())
        return {};
    return QDateTime::fromString(QString::fromStdString(value->get<std::string>()),
                                 Qt::ISODateWithMs)
        .toLocalTime();
}

QDateTime nextFullHour()
{
    const QDateTime now = QDateTime::currentDateTime();
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600);
}

QLabel *newErrorLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showLines(QLabel *label, const QStringList &lines)
{
    label->setText(lines.join(u'\n'));
    label->setVisible(!lines.isEmpty());
}

QDateTimeEdit *newDateTimeEdit(const QString &objectName)
{
    auto *edit = new QDateTimeEdit(nextFullHour());
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    return edit;
}

// A fixed height for a text box of lines lines, so that the form does not jump as text grows.
void setLines(QPlainTextEdit *edit, int lines)
{
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines
                         + 2 * (edit->frameWidth() + int(edit->document()->documentMargin())));
}

// One label column for every kind's rows, so that it does not shift as the rows shown change.
void alignLabels(QFormLayout *form)
{
    QList<QWidget *> labels;
    int width = 0;
    for (int row = 0; row < form->rowCount(); ++row) {
        if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
            labels.append(item->widget());
            width = std::max(width, item->widget()->sizeHint().width());
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(width);
}

bool startsPath(const QString &path, const QString &prefix)
{
    if (!path.startsWith(prefix))
        return false;
    if (path.size() == prefix.size())
        return true;
    const QChar next = path.at(prefix.size());
    return next == u'.' || next == u'[';
}

} // namespace

AgentEditorDialog::AgentEditorDialog(const QStringList &providerIds,
                                     const QList<ToolDescriptor> &tools,
                                     const std::optional<AgentSpec> &existing,
                                     QWidget *parent)
    : QDialog(parent)
    , m_draft(providerIds,
              [&tools] {
                  QStringList names;
                  for (const ToolDescriptor &tool : tools)
                      names.append(tool.name);
                  return names;
              }())
    , m_tools(tools)
    , m_tabs(new QTabWidget(this))
    , m_summaryTitle(new QLabel(this))
    , m_summary(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_validateTimer(new QTimer(this))
    , m_dueTimesTimer(new QTimer(this))
{
    if (existing)
        m_draft.startFrom(*existing);
    setWindowTitle(existing ? tr("Edit agent %1").arg(existing->agentId) : tr("New agent"));

    m_tabs->addTab(buildAgentTab(), tr("Agent"));
    m_tabs->addTab(buildModelTab(), tr("Model"));
    m_tabs->addTab(buildScheduleTab(), tr("Schedule"));
    m_tabs->addTab(buildTaskTab(), tr("Task"));
    m_tabs->addTab(buildLimitsTab(), tr("Limits"));
    m_tabs->addTab(buildToolsTab(), tr("Tools"));
    m_tabs->addTab(buildPoliciesTab(), tr("Policies"));
    m_tabs->addTab(buildBudgetTab(), tr("Budget"));
    m_tabs->addTab(buildJsonTab(), tr("JSON"));

    m_summaryTitle->setObjectName(u"summaryTitle"_s);
    m_summary->setObjectName(u"summary"_s);
    m_summary->setMaximumHeight(m_summary->fontMetrics().lineSpacing() * 5
                                + 2 * m_summary->frameWidth() + 4);
    m_summary->setWordWrap(true);
    if (!existing)
        m_buttons->button(QDialogButtonBox::Save)->setText(tr("Create"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_summaryTitle);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(ValidateDelayMs);
    m_dueTimesTimer->setInterval(DueTimesRefreshMs);
    connect(m_validateTimer, &QTimer::timeout, this, &AgentEditorDialog::validateNow);
    connect(m_dueTimesTimer, &QTimer::timeout, this, &AgentEditorDialog::showDueTimes);
    connect(m_tabs, &QTabWidget::currentChanged, this, &AgentEditorDialog::onTabChanged);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AgentEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AgentEditorDialog::reject);
    connect(m_summary, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        focusError(item->data(PathRole).toString());
    });

    loadForm();
    validateNow();
    m_dueTimesTimer->start();
    resize(760, 620);
}

void AgentEditorDialog::startFromTemplate(const AgentSpec &spec)
{
    m_draft.setText(QByteArray::fromStdString(spec.toJson().dump(2)));
    loadForm();
    validateNow();
}

AgentSpec AgentEditorDialog::spec() const
{
    return m_draft.spec().value_or(AgentSpec{});
}

bool AgentEditorDialog::isValid() const
{
    return m_draft.spec().has_value();
}

bool AgentEditorDialog::isEditing() const
{
    return m_draft.isExisting();
}

void AgentEditorDialog::setScheduleAnchor(qint64 anchorMs)
{
    m_scheduleAnchorMs = anchorMs;
    showDueTimes();
}

void AgentEditorDialog::setSpending(const AgentSpending &spending)
{
    m_spending = spending;
    showForecast();
}

void AgentEditorDialog::accept()
{
    validateNow();
    if (!isValid()) {
        if (!m_draft.errors().isEmpty())
            focusError(m_draft.errors().first().path);
        return;
    }
    QDialog::accept();
}

QWidget *AgentEditorDialog::newPage(Tab tab, QFormLayout *&form, bool stretch)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_tabErrors[tab] = newErrorLabel(u"error:tab:"_s + TabNames[tab].toString());
    layout->addWidget(m_tabErrors[tab]);
    form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    if (stretch)
        layout->addStretch(1);
    return page;
}

QWidget *AgentEditorDialog::addField(
    QFormLayout *form, Tab tab, const QString &label, const QStringList &paths, QWidget *editor)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editor);
    QLabel *error = newErrorLabel(u"error:"_s + paths.first());
    layout->addWidget(error);
    editor->setObjectName(paths.first());
    editor->setToolTip(tr("Config key: %1").arg(paths.first()));
    auto *name = new QLabel(label);
    name->setBuddy(editor);
    form->addRow(name, box);
    m_fields.append({paths, editor, error, tab});
    return box;
}

QLineEdit *AgentEditorDialog::addTextField(QFormLayout *form,
                                           Tab tab,
                                           const QString &label,
                                           const AgentDraft::Keys &keys,
                                           bool required,
                                           const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    addField(form, tab, label, {pathOf(keys)}, edit);
    m_loaders.append([this, edit, keys] { edit->setText(shownText(m_draft.value(keys))); });
    connect(edit, &QLineEdit::textEdited, this, [this, keys, required](const QString &text) {
        if (text.isEmpty() && !required)
            m_draft.remove(keys);
        else
            m_draft.setValue(keys, utf8(text));
        onFormEdited();
    });
    return edit;
}

QPlainTextEdit *AgentEditorDialog::addLongTextField(QFormLayout *form,
                                                    Tab tab,
                                                    const QString &label,
                                                    const AgentDraft::Keys &keys,
                                                    bool required,
                                                    const QString &placeholder,
                                                    int lines)
{
    auto *edit = new QPlainTextEdit;
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    setLines(edit, lines);
    addField(form, tab, label, {pathOf(keys)}, edit);
    m_loaders.append([this, edit, keys] {
        const QString text = shownText(m_draft.value(keys));
        if (edit->toPlainText() != text)
            edit->setPlainText(text);
    });
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit, keys, required] {
        if (m_loading)
            return;
        const QString text = edit->toPlainText();
        if (text.isEmpty() && !required)
            m_draft.remove(keys);
        else
            m_draft.setValue(keys, utf8(text));
        onFormEdited();
    });
    return edit;
}

QLineEdit *AgentEditorDialog::addValueField(QFormLayout *form,
                                            Tab tab,
                                            const QString &label,
                                            const AgentDraft::Keys &keys,
                                            const QString &placeholder,
                                            std::function<void()> afterEdit)
{
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    addField(form, tab, label, {pathOf(keys)}, edit);
    m_loaders.append([this, edit, keys] { edit->setText(shownText(m_draft.value(keys))); });
    connect(edit,
            &QLineEdit::textEdited,
            this,
            [this, keys, afterEdit = std::move(afterEdit)](const QString &text) {
                if (text.trimmed().isEmpty())
                    m_draft.remove(keys);
                else
                    m_draft.setValue(keys, valueFromText(text));
                if (afterEdit)
                    afterEdit();
                onFormEdited();
            });
    return edit;
}

QComboBox *AgentEditorDialog::addChoiceField(
    QFormLayout *form,
    Tab tab,
    const QString &label,
    const AgentDraft::Keys &keys,
    const QList<std::pair<QString, QString>> &choices,
    const QString &fallback,
    std::function<void(const QString &previous)> afterChoice)
{
    auto *combo = new QComboBox;
    for (const auto &[value, text] : choices)
        combo->addItem(text, value);
    addField(form, tab, label, {pathOf(keys)}, combo);
    m_loaders.append([this, combo, keys, fallback] {
        // An item without data stands for a value that is none of the choices.
        for (int i = combo->count() - 1; i >= 0; --i) {
            if (!combo->itemData(i).isValid())
                combo->removeItem(i);
        }
        const Json *value = m_draft.value(keys);
        int index = -1;
        if (!value)
            index = combo->findData(fallback);
        else if (value->is_string())
            index = combo->findData(shownText(value));
        if (index < 0) {
            combo->addItem(value ? tr("%1 (not valid)").arg(shownText(value)) : tr("(not set)"));
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    });
    connect(combo,
            &QComboBox::activated,
            this,
            [this, combo, keys, afterChoice = std::move(afterChoice)](int index) {
                const QVariant choice = combo->itemData(index);
                if (!choice.isValid())
                    return;
                const QString previous = shownText(m_draft.value(keys));
                m_draft.setValue(keys, utf8(choice.toString()));
                if (afterChoice)
                    afterChoice(previous);
                onFormEdited();
            });
    return combo;
}

QWidget *AgentEditorDialog::buildAgentTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(AgentTab, form);
    if (const std::optional<AgentSpec> &existing = m_draft.existing()) {
        auto *revision = new QLabel(
            tr("Revision %1. Saving makes revision %2: a run in progress finishes on revision "
               "%1, the agent's next run uses the new one.")
                .arg(existing->revision)
                .arg(existing->revision + 1));
        revision->setObjectName(u"revision"_s);
        revision->setWordWrap(true);
        form->addRow(revision);
    }
    m_agentId = addTextField(
        form, AgentTab, tr("Agent &id"), {u"agent_id"_s}, true, tr("e.g. system_monitor"));
    if (m_draft.isExisting()) {
        m_agentId->setReadOnly(true);
        m_agentId->setToolTip(tr("An existing agent keeps its id; create a new agent to use "
                                 "another."));
    }
    addLongTextField(form,
                     AgentTab,
                     tr("System &instruction"),
                     {u"system_instruction"_s},
                     false,
                     tr("Who the agent is and how it works, e.g. \"Monitor system resources "
                        "and alert if usage is high.\""),
                     12);
    return page;
}

QWidget *AgentEditorDialog::buildModelTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(ModelTab, form);
    const QString section = u"model_config"_s;
    QList<std::pair<QString, QString>> providers;
    for (const QString &id : m_draft.providerIds())
        providers.append({id, id});
    m_provider = addChoiceField(form,
                                ModelTab,
                                tr("&Provider"),
                                {section, u"provider"_s},
                                providers,
                                QString(),
                                [this](const QString &previous) { onProviderChosen(previous); });
    addTextField(form, ModelTab, tr("&Model"), {section, u"model"_s}, true, tr("e.g. gpt-4o-mini"));
    m_baseUrl = addTextField(form, ModelTab, tr("&Base URL"), {section, u"base_url"_s}, false, {});
    m_apiKey
        = addTextField(form, ModelTab, tr("API &key name"), {section, u"api_key"_s}, false, {});
    auto *keyHint = new QLabel(tr("The name of a keychain entry or environment variable that "
                                  "holds the key, never the key itself."));
    keyHint->setWordWrap(true);
    form->addRow(QString(), keyHint);
    addValueField(form,
                  ModelTab,
                  tr("&Temperature"),
                  {section, u"temperature"_s},
                  tr("provider's default (0 to 2)"));
    addValueField(
        form, ModelTab, tr("Max &tokens"), {section, u"max_tokens"_s}, tr("provider's default"));
    addValueField(form,
                  ModelTab,
                  tr("Top &p"),
                  {section, u"top_p"_s},
                  tr("provider's default (over 0, up to 1)"));
    return page;
}

QWidget *AgentEditorDialog::buildScheduleTab()
{
    QFormLayout *form = nullptr;
    // The due-time list takes the room left over, up to its rows, before a stretch below it.
    QWidget *page = newPage(ScheduleTab, form, false);
    m_scheduleForm = form;

    m_scheduleKind = new QComboBox;
    m_scheduleKind->addItem(tr("Every interval"), u"interval"_s);
    m_scheduleKind->addItem(tr("On a cron schedule"), u"cron"_s);
    m_scheduleKind->addItem(tr("Once"), u"once"_s);
    m_scheduleKind->addItem(tr("Manual only"), u"manual"_s);
    addField(form, ScheduleTab, tr("&Runs"), {u"schedule.kind"_s, u"schedule"_s}, m_scheduleKind);
    connect(m_scheduleKind, &QComboBox::activated, this, &AgentEditorDialog::onScheduleKindChosen);

    // Every kind's rows are in the one form, so that wrapped text gets its height; a row shows
    // while the chosen kind takes its key (loadScheduleFields()).
    m_intervalSeconds = new QLineEdit;
    m_intervalSeconds->setPlaceholderText(tr("e.g. 300 for every 5 minutes"));
    m_scheduleRows.append(
        {addField(form,
                  ScheduleTab,
                  tr("Every (&seconds)"),
                  {u"interval"_s, u"task_config.interval"_s, u"schedule.seconds"_s},
                  m_intervalSeconds),
         u"seconds"_s});
    connect(m_intervalSeconds, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            m_draft.remove(m_draft.intervalKeys());
        else
            m_draft.setValue(m_draft.intervalKeys(), valueFromText(text));
        onFormEdited();
    });
    m_anchor = addOptionalTimeField(
        form, tr("Counted from"), u"anchor"_s, tr("a fixed time:"), u"anchor"_s);
    m_anchor.set->setToolTip(tr("Unchecked, the interval counts from when the agent starts."));

    m_cronExpression = new QLineEdit;
    m_cronExpression->setPlaceholderText(tr("minute hour day-of-month month day-of-week"));
    m_scheduleRows.append(
        {addField(
             form, ScheduleTab, tr("&Expression"), {u"schedule.expression"_s}, m_cronExpression),
         u"expression"_s});
    connect(m_cronExpression, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Always a string: "5" is an expression here, not a number.
        m_draft.setScheduleValue(u"expression"_s,
                                 text.trimmed().isEmpty() ? std::nullopt
                                                          : std::optional<Json>(utf8(text)));
        onFormEdited();
    });
    auto *cronHint = new QLabel(tr("e.g. \"0 9 * * mon-fri\" weekdays at 09:00, \"*/15 * * * *\" "
                                   "every 15 minutes, \"30 2 1 * *\" at 02:30 on the 1st of each "
                                   "month, or @hourly, @daily, @weekly, @monthly."));
    cronHint->setObjectName(u"cronHint"_s);
    cronHint->setWordWrap(true);
    form->addRow(QString(), cronHint);
    m_scheduleRows.append({cronHint, u"expression"_s});
    m_timeZone = new QComboBox;
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    // The system's zone is written as no zone at all, so the agent follows the machine it runs on.
    m_timeZone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())),
                        QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    m_timeZone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_timeZone->completer()->setFilterMode(Qt::MatchContains);
    m_timeZone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_scheduleRows.append(
        {addField(form, ScheduleTab, tr("Time &zone"), {u"schedule.timezone"_s}, m_timeZone),
         u"timezone"_s});
    connect(
        m_timeZone->lineEdit(), &QLineEdit::textEdited, this, &AgentEditorDialog::onTimeZoneEdited);
    connect(m_timeZone, &QComboBox::activated, this, [this](int index) {
        onTimeZoneEdited(m_timeZone->itemText(index));
    });

    m_onceAt = newDateTimeEdit(QString());
    m_scheduleRows.append(
        {addField(form, ScheduleTab, tr("&At"), {u"schedule.at"_s}, m_onceAt), u"at"_s});
    connect(m_onceAt, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &time) {
        if (m_loading)
            return;
        m_draft.setOnceAt(time.toMSecsSinceEpoch());
        onFormEdited();
    });

    m_manualHint = new QLabel(tr("Runs only when started by hand (Run now)."));
    m_manualHint->setWordWrap(true);
    form->addRow(QString(), m_manualHint);

    m_startAt = addOptionalTimeField(
        form, tr("First run"), u"start_at"_s, tr("not before:"), u"startAt"_s);
    m_startAt.set->setToolTip(tr("Unchecked, the schedule starts at once."));
    m_endAt = addOptionalTimeField(form, tr("Last run"), u"end_at"_s, tr("not after:"), u"endAt"_s);
    m_endAt.set->setToolTip(tr("Unchecked, the schedule never ends."));
    m_maxRuns = addScheduleValueField(
        form, tr("&Max runs"), u"max_runs"_s, tr("no limit; e.g. 3 stops after three runs"));
    m_jitter = addScheduleValueField(form,
                                     tr("&Jitter (seconds)"),
                                     u"jitter"_s,
                                     tr("0: each run starts on time; e.g. 60 spreads starts "
                                        "over a minute"));

    m_dueCaption = new QLabel;
    m_dueCaption->setObjectName(u"dueCaption"_s);
    m_dueCaption->setWordWrap(true);
    m_dueTimes = new QListWidget;
    m_dueTimes->setObjectName(u"dueTimes"_s);
    m_dueTimes->setSelectionMode(QAbstractItemView::NoSelection);
    m_dueTimes->setFocusPolicy(Qt::NoFocus);
    // Every row listed when the dialog has the room, and a few when it has not.
    m_dueTimes->addItem(u"0"_s);
    const int rowHeight = m_dueTimes->sizeHintForRow(0);
    m_dueTimes->clear();
    m_dueTimes->setMinimumHeight(rowHeight * 4 + 2 * m_dueTimes->frameWidth());
    m_dueTimes->setMaximumHeight(rowHeight * DueTimesListed + 2 * m_dueTimes->frameWidth());
    auto *pageLayout = static_cast<QVBoxLayout *>(page->layout());
    pageLayout->addWidget(m_dueCaption);
    pageLayout->addWidget(m_dueTimes, 1);
    pageLayout->addStretch(0);
    alignLabels(form);
    // The times of the optional instants start at one edge.
    const int checkWidth = std::max({m_anchor.set->sizeHint().width(),
                                     m_startAt.set->sizeHint().width(),
                                     m_endAt.set->sizeHint().width()});
    for (QCheckBox *check : {m_anchor.set, m_startAt.set, m_endAt.set})
        check->setMinimumWidth(checkWidth);
    return page;
}

QLineEdit *AgentEditorDialog::addScheduleValueField(QFormLayout *form,
                                                    const QString &label,
                                                    const QString &key,
                                                    const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    m_scheduleRows.append({addField(form, ScheduleTab, label, {u"schedule."_s + key}, edit), key});
    connect(edit, &QLineEdit::textEdited, this, [this, key](const QString &text) {
        m_draft.setScheduleValue(
            key,
            text.trimmed().isEmpty() ? std::nullopt : std::optional<Json>(valueFromText(text)));
        onFormEdited();
    });
    return edit;
}

AgentEditorDialog::OptionalTime AgentEditorDialog::addOptionalTimeField(QFormLayout *form,
                                                                        const QString &label,
                                                                        const QString &key,
                                                                        const QString &checkText,
                                                                        const QString &objectName)
{
    auto *box = new QWidget;
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    OptionalTime field{new QCheckBox(checkText), newDateTimeEdit(objectName)};
    field.set->setObjectName(objectName + u"Set"_s);
    field.time->setEnabled(false);
    layout->addWidget(field.set);
    layout->addWidget(field.time, 1);
    m_scheduleRows.append({addField(form, ScheduleTab, label, {u"schedule."_s + key}, box), key});
    connect(field.set, &QCheckBox::clicked, this, [this, key, field](bool checked) {
        field.time->setEnabled(checked);
        m_draft.setScheduleValue(key,
                                 checked ? std::optional<Json>(
                                     utf8(isoTimestamp(field.time->dateTime().toMSecsSinceEpoch())))
                                         : std::nullopt);
        onFormEdited();
    });
    connect(field.time,
            &QDateTimeEdit::dateTimeChanged,
            this,
            [this, key, field](const QDateTime &time) {
                if (m_loading || !field.set->isChecked())
                    return;
                m_draft.setScheduleValue(key, utf8(isoTimestamp(time.toMSecsSinceEpoch())));
                onFormEdited();
            });
    return field;
}

QWidget *AgentEditorDialog::buildTaskTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(TaskTab, form);
    const QString section = u"task_config"_s;
    const TaskConfig defaults;
    const auto seconds = [](qint64 ms) {
        return QString::number(double(ms) / 1000.0);
    };
    addLongTextField(form,
                     TaskTab,
                     tr("&Query"),
                     {section, u"query"_s},
                     true,
                     tr("What each run asks, e.g. \"Check local CPU and Memory usage.\""),
                     4);
    addValueField(form,
                  TaskTab,
                  tr("Max &retries"),
                  {section, u"max_retries"_s},
                  tr("default: %1").arg(defaults.maxRetries));
    addValueField(form,
                  TaskTab,
                  tr("Retry &delay (seconds)"),
                  {section, u"retry_delay"_s},
                  tr("default: %1").arg(seconds(defaults.retryDelayMs)));
    addChoiceField(form,
                   TaskTab,
                   tr("Retry &backoff"),
                   {section, u"retry_backoff"_s},
                   {{u"fixed"_s, tr("Fixed delay")}, {u"exponential"_s, tr("Exponential")}},
                   u"fixed"_s);
    addValueField(form,
                  TaskTab,
                  tr("Longest retry d&elay (seconds)"),
                  {section, u"retry_delay_max"_s},
                  tr("default: %1").arg(seconds(defaults.retryDelayMaxMs)));
    addValueField(form,
                  TaskTab,
                  tr("&Timeout per attempt (seconds)"),
                  {section, u"timeout"_s},
                  tr("default: %1").arg(seconds(defaults.timeoutMs)));
    addTextField(form,
                 TaskTab,
                 tr("&Session id"),
                 {section, u"session_id"_s},
                 false,
                 tr("empty: each run starts a fresh conversation"));
    return page;
}

QWidget *AgentEditorDialog::buildLimitsTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(LimitsTab, form);
    const QString section = u"agent_config"_s;
    const AgentLimits defaults;
    const MemoryConfig memoryDefaults;
    addValueField(form,
                  LimitsTab,
                  tr("Max &steps per run"),
                  {section, u"max_steps"_s},
                  tr("default: %1").arg(defaults.maxSteps));
    addValueField(form,
                  LimitsTab,
                  tr("&Request limit per run"),
                  {section, u"request_limit"_s},
                  tr("default: 0, no limit"));
    addValueField(form,
                  LimitsTab,
                  tr("T&oken limit per run"),
                  {section, u"total_tokens_limit"_s},
                  tr("default: 0, no limit"));
    addValueField(form,
                  LimitsTab,
                  tr("Tool call &timeout (seconds)"),
                  {section, u"tool_call_timeout"_s},
                  tr("default: %1").arg(double(defaults.toolCallTimeoutMs) / 1000.0));

    const AgentDraft::Keys memory{section, u"memory_config"_s};
    const QString defaultMode = u"sliding_window"_s;
    // memory_config needs both keys: choosing one fills in the other as shown.
    m_memoryMode = addChoiceField(
        form,
        LimitsTab,
        tr("&Memory"),
        memory + AgentDraft::Keys{u"mode"_s},
        {{u"sliding_window"_s, tr("Last messages (sliding window)")},
         {u"token_budget"_s, tr("Last tokens (token budget)")}},
        defaultMode,
        [this, memory, memoryDefaults](const QString &) {
            if (!m_draft.value(memory + AgentDraft::Keys{u"value"_s})) {
                m_draft.setValue(memory + AgentDraft::Keys{u"value"_s}, memoryDefaults.value);
                m_memoryValue->setText(QString::number(memoryDefaults.value));
            }
        });
    m_memoryValue = addValueField(
        form,
        LimitsTab,
        tr("Memory &size"),
        memory + AgentDraft::Keys{u"value"_s},
        tr("default: %1, in messages or tokens as chosen above").arg(memoryDefaults.value),
        [this, memory] {
            const AgentDraft::Keys mode = memory + AgentDraft::Keys{u"mode"_s};
            if (!m_draft.value(mode))
                m_draft.setValue(mode, utf8(m_memoryMode->currentData().toString()));
        });
    return page;
}

QWidget *AgentEditorDialog::buildToolsTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(ToolsTab, form);
    // Check boxes rather than a list view, so each tool's description wraps under its name.
    m_toolBox = new QWidget;
    auto *toolLayout = new QVBoxLayout(m_toolBox);
    toolLayout->setSpacing(2);
    auto *toolScroll = new QScrollArea;
    toolScroll->setWidget(m_toolBox);
    toolScroll->setWidgetResizable(true);
    toolScroll->setMinimumHeight(toolScroll->fontMetrics().lineSpacing() * 10);
    addField(form, ToolsTab, tr("&Tools"), {u"tools"_s}, toolScroll);

    // One folder a line is the form's view of the JSON array.
    auto *paths = new QPlainTextEdit;
    paths->setPlaceholderText(
        tr("One absolute folder a line: where file_read and file_write may work"));
    paths->setTabChangesFocus(true);
    setLines(paths, 3);
    const AgentDraft::Keys pathKeys{u"agent_config"_s, u"allowed_paths"_s};
    addField(form, ToolsTab, tr("&Allowed folders"), {pathOf(pathKeys)}, paths);
    m_loaders.append([this, paths, pathKeys] {
        const Json *value = m_draft.value(pathKeys);
        QStringList lines;
        if (value && value->is_array()) {
            for (const Json &item : *value)
                lines.append(shownText(&item));
        } else if (value) {
            lines.append(shownText(value));
        }
        const QString text = lines.join(u'\n');
        if (paths->toPlainText() != text)
            paths->setPlainText(text);
    });
    connect(paths, &QPlainTextEdit::textChanged, this, [this, paths, pathKeys] {
        if (m_loading)
            return;
        Json folders = Json::array();
        for (const QString &line : paths->toPlainText().split(u'\n')) {
            if (!line.trimmed().isEmpty())
                folders.push_back(utf8(line.trimmed()));
        }
        if (folders.empty())
            m_draft.remove(pathKeys);
        else
            m_draft.setValue(pathKeys, std::move(folders));
        onFormEdited();
    });
    auto *addFolder = new QPushButton(tr("Add &folder…"));
    connect(addFolder, &QPushButton::clicked, this, [this, paths] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Allowed folder"));
        if (!folder.isEmpty())
            paths->appendPlainText(folder);
    });
    form->addRow(QString(), addFolder);

    auto *arguments = new QPlainTextEdit;
    arguments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    arguments->setTabChangesFocus(true);
    arguments->setPlaceholderText(u"{\"system_info\": {\"cpu_sample_ms\": 250}}"_s);
    setLines(arguments, 4);
    const AgentDraft::Keys argumentKeys{u"task_config"_s, u"tool_arguments"_s};
    addField(form, ToolsTab, tr("Tool a&rguments (JSON)"), {pathOf(argumentKeys)}, arguments);
    m_loaders.append([this, arguments, argumentKeys] {
        const Json *value = m_draft.value(argumentKeys);
        QString text = shownText(value);
        if (value && value->is_object()) {
            text = value->empty() ? QString()
                                  : QString::fromStdString(
                                      value->dump(2, ' ', false, Json::error_handler_t::replace));
        }
        if (arguments->toPlainText() != text)
            arguments->setPlainText(text);
    });
    connect(arguments, &QPlainTextEdit::textChanged, this, [this, arguments, argumentKeys] {
        if (m_loading)
            return;
        const QString text = arguments->toPlainText();
        if (text.trimmed().isEmpty())
            m_draft.remove(argumentKeys);
        else
            m_draft.setValue(argumentKeys, valueFromText(text));
        onFormEdited();
    });
    return page;
}

QWidget *AgentEditorDialog::buildPoliciesTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(PoliciesTab, form);
    const QString section = u"policies"_s;
    const RunPolicies defaults;
    const auto hintLabel = [form](const QString &objectName) {
        auto *hint = new QLabel;
        hint->setObjectName(objectName);
        hint->setWordWrap(true);
        form->addRow(QString(), hint);
        return hint;
    };
    m_misfire = addChoiceField(form,
                               PoliciesTab,
                               tr("M&issed runs"),
                               {section, u"misfire"_s},
                               {{u"skip"_s, tr("Skip them")},
                                {u"run_once"_s, tr("Run once to catch up")},
                                {u"run_all"_s, tr("Run every one missed")}},
                               u"skip"_s,
                               [this](const QString &) { updatePolicyHints(); });
    m_misfireHint = hintLabel(u"misfireHint"_s);
    addValueField(form,
                  PoliciesTab,
                  tr("&Grace (seconds)"),
                  {section, u"misfire_grace"_s},
                  tr("default: %1; a run at most this late is not missed")
                      .arg(double(defaults.misfireGraceMs) / 1000.0));
    m_catchUpLimit = addValueField(
        form,
        PoliciesTab,
        tr("&Catch-up limit"),
        {section, u"catch_up_limit"_s},
        tr("default: %1 runs at most after one gap (1 to 1000)").arg(defaults.catchUpLimit));

    m_overlap = addChoiceField(form,
                               PoliciesTab,
                               tr("&Overlapping runs"),
                               {section, u"overlap"_s},
                               {{u"skip"_s, tr("Skip the new run")},
                                {u"queue_one"_s, tr("Queue one")},
                                {u"cancel_previous"_s, tr("Cancel the running one")},
                                {u"allow"_s, tr("Allow them")}},
                               u"skip"_s,
                               [this](const QString &) { updatePolicyHints(); });
    m_overlapHint = hintLabel(u"overlapHint"_s);
    m_maxParallel = addValueField(form,
                                  PoliciesTab,
                                  tr("Max &parallel runs"),
                                  {section, u"max_parallel"_s},
                                  tr("default: %1 (1 to 100)").arg(defaults.maxParallel));
    addValueField(form,
                  PoliciesTab,
                  tr("P&ause after failures"),
                  {section, u"pause_after_failures"_s},
                  tr("default: %1 in a row; 0: never pause").arg(defaults.pauseAfterFailures));
    return page;
}

QWidget *AgentEditorDialog::buildBudgetTab()
{
    QFormLayout *form = nullptr;
    QWidget *page = newPage(BudgetTab, form, false);
    const QString section = u"budget"_s;
    auto *about = new QLabel(tr("What the agent may spend; empty or 0 means no cap. A run that "
                                "would pass a cap is skipped or pauses the agent. The cap for a "
                                "single run is the token limit on the Limits tab."));
    about->setWordWrap(true);
    form->addRow(about);
    addValueField(
        form, BudgetTab, tr("&Tokens per day"), {section, u"daily_tokens"_s}, tr("no cap"));
    addValueField(
        form, BudgetTab, tr("T&okens per month"), {section, u"monthly_tokens"_s}, tr("no cap"));
    addValueField(form,
                  BudgetTab,
                  tr("&Cost per day ($)"),
                  {section, u"daily_cost"_s},
                  tr("no cap; e.g. 0.50"));
    addValueField(form,
                  BudgetTab,
                  tr("Cost per &month ($)"),
                  {section, u"monthly_cost"_s},
                  tr("no cap; e.g. 10"));
    addChoiceField(form,
                   BudgetTab,
                   tr("&When exceeded"),
                   {section, u"on_exceeded"_s},
                   {{u"skip"_s, tr("Skip the run")}, {u"pause"_s, tr("Pause the agent")}},
                   u"skip"_s);
    auto *pageLayout = static_cast<QVBoxLayout *>(page->layout());
    m_forecastSlot = new QVBoxLayout;
    m_forecastSlot->setObjectName(u"forecastSlot"_s);
    m_forecastSlot->setContentsMargins(0, 0, 0, 0);
    m_forecast = new BudgetForecastView;
    m_forecast->setObjectName(u"budgetForecast"_s);
    m_forecastSlot->addWidget(m_forecast);
    pageLayout->addLayout(m_forecastSlot);
    pageLayout->addStretch(1);
    return page;
}

QWidget *AgentEditorDialog::buildJsonTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *hint = new QLabel(tr("The same config as JSON, in the seed's format. Keys the form has "
                               "no field for are kept."));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_tabErrors[JsonTab] = newErrorLabel(u"error:tab:"_s + TabNames[JsonTab].toString());
    layout->addWidget(m_tabErrors[JsonTab]);
    m_json = new QPlainTextEdit;
    m_json->setObjectName(u"json"_s);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_json, 1);
    connect(m_json, &QPlainTextEdit::textChanged, this, &AgentEditorDialog::onJsonEdited);
    return page;
}

void AgentEditorDialog::onFormEdited()
{
    m_jsonStale = true;
    m_validateTimer->start();
}

void AgentEditorDialog::onJsonEdited()
{
    if (m_loading)
        return;
    if (m_draft.setText(m_json->toPlainText().toUtf8()))
        m_formStale = true;
    m_jsonStale = false;
    // The form cannot show text that is not one JSON object; the JSON tab says what is wrong.
    const bool formUsable = !m_draft.hasSyntaxError() && m_draft.isObject();
    for (int tab = 0; tab < JsonTab; ++tab)
        m_tabs->setTabEnabled(tab, formUsable);
    m_validateTimer->start();
}

void AgentEditorDialog::onTabChanged(int index)
{
    if (index == JsonTab) {
        if (m_jsonStale) {
            m_loading = true;
            m_json->setPlainText(QString::fromUtf8(m_draft.text()));
            m_loading = false;
            m_jsonStale = false;
        }
    } else if (m_formStale) {
        loadForm();
    }
}

void AgentEditorDialog::onProviderChosen(const QString &previous)
{
    // A base URL that is the old provider's default would send requests to the wrong server.
    const AgentDraft::Keys baseUrlKeys{u"model_config"_s, u"base_url"_s};
    const ProviderPreset *old = findProviderPreset(previous);
    const Json *baseUrl = m_draft.value(baseUrlKeys);
    if (old && baseUrl && shownText(baseUrl) == old->defaultBaseUrl) {
        m_draft.remove(baseUrlKeys);
        m_baseUrl->clear();
    }
    updateProviderHints();
}

void AgentEditorDialog::updateProviderHints()
{
    const QString provider = shownText(m_draft.value({u"model_config"_s, u"provider"_s}));
    const ProviderPreset *preset = findProviderPreset(provider);
    if (!preset) {
        const QString unused = tr("not used by provider %1").arg(provider);
        m_baseUrl->setPlaceholderText(unused);
        m_apiKey->setPlaceholderText(unused);
        return;
    }
    m_baseUrl->setPlaceholderText(preset->defaultBaseUrl.isEmpty()
                                      ? tr("required, e.g. https://RESOURCE.openai.azure.com")
                                      : preset->defaultBaseUrl);
    m_apiKey->setPlaceholderText(preset->keyEnvVar.isEmpty() ? tr("none needed")
                                                             : preset->keyEnvVar);
}

void AgentEditorDialog::onScheduleKindChosen()
{
    const QVariant choice = m_scheduleKind->currentData();
    if (!choice.isValid())
        return;
    const QString kind = choice.toString();
    m_draft.setScheduleKind(kind);
    restoreScheduleFields(kind);
    m_loading = true;
    loadScheduleFields();
    m_loading = false;
    onFormEdited();
}

void AgentEditorDialog::restoreScheduleFields(const QString &kind)
{
    // The form kept what another kind dropped from the draft; the keys this kind takes get it
    // back, so that switching kinds back and forth loses nothing.
    const QStringList taken = AgentDraft::scheduleKeysFor(kind);
    const auto lost = [this, &taken](const QString &key) {
        return taken.contains(key) && !m_draft.value({u"schedule"_s, key});
    };
    if (kind == u"interval"_s) {
        if (!m_draft.value(m_draft.intervalKeys())
            && !m_intervalSeconds->text().trimmed().isEmpty())
            m_draft.setValue(m_draft.intervalKeys(), valueFromText(m_intervalSeconds->text()));
    } else if (kind == u"cron"_s) {
        if (lost(u"expression"_s) && !m_cronExpression->text().trimmed().isEmpty())
            m_draft.setScheduleValue(u"expression"_s, utf8(m_cronExpression->text()));
        const QString zone = m_timeZone->currentText().trimmed();
        if (lost(u"timezone"_s) && !zone.isEmpty() && zone != m_timeZone->itemText(0))
            m_draft.setScheduleValue(u"timezone"_s, utf8(zone));
    } else if (kind == u"once"_s && !m_draft.value({u"schedule"_s, u"at"_s})) {
        m_draft.setOnceAt(m_onceAt->dateTime().toMSecsSinceEpoch());
    }
    for (const auto &[key, field] : {std::pair(u"anchor"_s, m_anchor),
                                     std::pair(u"start_at"_s, m_startAt),
                                     std::pair(u"end_at"_s, m_endAt)}) {
        if (lost(key) && field.set->isChecked())
            m_draft.setScheduleValue(
                key, utf8(isoTimestamp(field.time->dateTime().toMSecsSinceEpoch())));
    }
    for (const auto &[key, edit] :
         {std::pair(u"max_runs"_s, m_maxRuns), std::pair(u"jitter"_s, m_jitter)}) {
        if (lost(key) && !edit->text().trimmed().isEmpty())
            m_draft.setScheduleValue(key, valueFromText(edit->text()));
    }
}

void AgentEditorDialog::onTimeZoneEdited(const QString &text)
{
    const QString zone = text.trimmed();
    const bool system = zone.isEmpty() || zone == m_timeZone->itemText(0);
    m_draft.setScheduleValue(u"timezone"_s,
                             system ? std::nullopt : std::optional<Json>(utf8(zone)));
    onFormEdited();
}

void AgentEditorDialog::loadForm()
{
    m_loading = true;
    for (const std::function<void()> &load : std::as_const(m_loaders))
        load();
    loadScheduleFields();
    loadTools();
    updateProviderHints();
    updatePolicyHints();
    m_loading = false;
    m_formStale = false;
}

void AgentEditorDialog::loadScheduleFields()
{
    for (int i = m_scheduleKind->count() - 1; i >= 0; --i) {
        if (!m_scheduleKind->itemData(i).isValid())
            m_scheduleKind->removeItem(i);
    }
    const QString written = m_draft.scheduleKind();
    const QString kind = written.isEmpty() ? u"interval"_s : written;
    int index = m_scheduleKind->findData(kind);
    if (index < 0) {
        m_scheduleKind->addItem(tr("%1 (not valid)").arg(kind));
        index = m_scheduleKind->count() - 1;
    }
    m_scheduleKind->setCurrentIndex(index);
    // An invalid kind shows the interval's rows.
    const QString shown = m_scheduleKind->itemData(index).isValid() ? kind : u"interval"_s;
    const QStringList taken = AgentDraft::scheduleKeysFor(shown);
    for (const auto &[row, key] : std::as_const(m_scheduleRows))
        m_scheduleForm->setRowVisible(row, taken.contains(key));
    m_scheduleForm->setRowVisible(m_manualHint, shown == u"manual"_s);
    if (shown != kind)
        return;

    // Each kind's rows show its own values and keep what they had for the others.
    if (kind == u"interval"_s) {
        m_intervalSeconds->setText(shownText(m_draft.value(m_draft.intervalKeys())));
        loadOptionalTime(u"anchor"_s, m_anchor);
    } else if (kind == u"cron"_s) {
        m_cronExpression->setText(shownText(m_draft.value({u"schedule"_s, u"expression"_s})));
        const Json *zone = m_draft.value({u"schedule"_s, u"timezone"_s});
        const int zoneIndex = zone ? m_timeZone->findData(shownText(zone)) : 0;
        m_timeZone->setCurrentIndex(zoneIndex);
        // A zone that is none of the choices is shown as written, for its error to point at.
        if (zoneIndex < 0)
            m_timeZone->setEditText(shownText(zone));
    } else if (kind == u"once"_s) {
        if (const QDateTime time = fromIso(m_draft.value({u"schedule"_s, u"at"_s})); time.isValid())
            m_onceAt->setDateTime(time);
    }
    if (taken.contains(u"start_at"_s)) {
        loadOptionalTime(u"start_at"_s, m_startAt);
        loadOptionalTime(u"end_at"_s, m_endAt);
        m_maxRuns->setText(shownText(m_draft.value({u"schedule"_s, u"max_runs"_s})));
    }
    if (taken.contains(u"jitter"_s))
        m_jitter->setText(shownText(m_draft.value({u"schedule"_s, u"jitter"_s})));
}

void AgentEditorDialog::loadOptionalTime(const QString &key, const OptionalTime &field)
{
    const Json *value = m_draft.value({u"schedule"_s, key});
    field.set->setChecked(value != nullptr);
    field.time->setEnabled(value != nullptr);
    if (const QDateTime time = fromIso(value); time.isValid())
        field.time->setDateTime(time);
}

void AgentEditorDialog::updatePolicyHints()
{
    const QString misfire = m_misfire->currentData().toString();
    QString misfireHint;
    if (misfire == u"skip"_s)
        misfireHint = tr("A run missed by more than the grace (the computer was off or asleep) is "
                         "left out; the agent waits for its next due time.");
    else if (misfire == u"run_once"_s)
        misfireHint = tr("However many runs were missed, one runs at once to catch up, then the "
                         "schedule goes on.");
    else if (misfire == u"run_all"_s)
        misfireHint = tr("Every missed run is made up, one after another, up to the catch-up "
                         "limit.");
    showLines(m_misfireHint, misfireHint.isEmpty() ? QStringList() : QStringList{misfireHint});
    m_catchUpLimit->setEnabled(misfire == u"run_all"_s);

    const QString overlap = m_overlap->currentData().toString();
    QString overlapHint;
    if (overlap == u"skip"_s)
        overlapHint = tr("A run that falls due while the previous one is still going is left "
                         "out.");
    else if (overlap == u"queue_one"_s)
        overlapHint = tr("A run that falls due while one is going starts when it ends; at most "
                         "one waits.");
    else if (overlap == u"cancel_previous"_s)
        overlapHint = tr("The run still going is cancelled and the new one starts.");
    else if (overlap == u"allow"_s)
        overlapHint = tr("Runs may overlap, up to the max parallel runs.");
    showLines(m_overlapHint, overlapHint.isEmpty() ? QStringList() : QStringList{overlapHint});
    m_maxParallel->setEnabled(overlap == u"allow"_s);
}

void AgentEditorDialog::loadTools()
{
    // Rebuilt only from loadForm(), never from a check box's own signal.
    qDeleteAll(m_toolBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    QStringList listed;
    if (const Json *tools = m_draft.value({u"tools"_s}); tools && tools->is_array()) {
        for (const Json &tool : *tools) {
            if (tool.is_string())
                listed.append(shownText(&tool));
        }
    }
    const auto addTool = [this, &listed](const QString &name, const QString &description) {
        auto *check = new QCheckBox(name, m_toolBox);
        check->setObjectName(u"tool:"_s + name);
        check->setChecked(listed.contains(name));
        connect(check, &QCheckBox::clicked, this, [this, name](bool checked) {
            m_draft.setToolListed(name, checked);
            onFormEdited();
        });
        auto *about = new QLabel(description, m_toolBox);
        about->setWordWrap(true);
        // Under the check box's text rather than under its box.
        QStyleOptionButton option;
        option.initFrom(check);
        about->setContentsMargins(
            check->style()->subElementRect(QStyle::SE_CheckBoxContents, &option, check).left(),
            0,
            0,
            4);
        m_toolBox->layout()->addWidget(check);
        m_toolBox->layout()->addWidget(about);
        return about;
    };
    QStringList available;
    for (const ToolDescriptor &tool : std::as_const(m_tools)) {
        available.append(tool.name);
        addTool(tool.name, tool.description);
    }
    for (const QString &name : std::as_const(listed)) {
        if (!available.contains(name)) {
            QLabel *about = addTool(name, tr("Not available here."));
            about->setPalette(m_tabErrors[ToolsTab]->palette());
        }
    }
}

void AgentEditorDialog::validateNow()
{
    m_validateTimer->stop();
    // Errors are placed by the form's pages (a schedule kind's page), so it follows the JSON.
    if (m_formStale)
        loadForm();
    m_draft.validate();
    showErrors();
    showDueTimes();
    showForecast();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(isValid());
}

void AgentEditorDialog::showForecast()
{
    const std::optional<AgentSpec> spec = m_draft.spec();
    m_forecast->setVisible(spec.has_value());
    if (spec)
        m_forecast->setForecast(
            forecastBudget(*spec, m_prices, m_spending, QDateTime::currentMSecsSinceEpoch()));
}

const AgentEditorDialog::Field *AgentEditorDialog::fieldFor(const QString &path) const
{
    const Field *best = nullptr;
    qsizetype bestLength = -1;
    for (const Field &field : m_fields) {
        for (const QString &fieldPath : field.paths) {
            if (fieldPath.size() > bestLength && startsPath(path, fieldPath)) {
                best = &field;
                bestLength = fieldPath.size();
            }
        }
    }
    return best;
}

AgentEditorDialog::Tab AgentEditorDialog::tabFor(const QString &path) const
{
    static const QList<std::pair<QString, Tab>> groups{
        {u"agent_id"_s, AgentTab},
        {u"system_instruction"_s, AgentTab},
        {u"model_config"_s, ModelTab},
        {u"interval"_s, ScheduleTab},
        {u"schedule"_s, ScheduleTab},
        {u"task_config.interval"_s, ScheduleTab},
        {u"task_config.tool_arguments"_s, ToolsTab},
        {u"task_config"_s, TaskTab},
        {u"agent_config.allowed_paths"_s, ToolsTab},
        {u"agent_config"_s, LimitsTab},
        {u"tools"_s, ToolsTab},
        {u"policies"_s, PoliciesTab},
        {u"budget"_s, BudgetTab},
    };
    Tab tab = JsonTab;
    qsizetype bestLength = -1;
    for (const auto &[prefix, group] : groups) {
        if (prefix.size() > bestLength && startsPath(path, prefix)) {
            tab = group;
            bestLength = prefix.size();
        }
    }
    return tab;
}

void AgentEditorDialog::showErrors()
{
    QHash<QLabel *, QStringList> lines;
    std::array<bool, TabCount> tabHasErrors{};
    for (const ConfigError &error : m_draft.errors()) {
        const Field *field = fieldFor(error.path);
        // A field on a page not shown (another schedule kind) cannot show its error itself.
        if (field && field->editor->isVisibleTo(m_tabs->widget(field->tab))) {
            lines[field->error].append(field->paths.contains(error.path) ? error.message
                                                                         : error.toString());
            tabHasErrors[field->tab] = true;
        } else {
            const Tab tab = tabFor(error.path);
            lines[m_tabErrors[tab]].append(error.toString());
            tabHasErrors[tab] = true;
        }
    }
    for (const Field &field : std::as_const(m_fields))
        showLines(field.error, lines.value(field.error));
    for (QLabel *label : m_tabErrors) {
        if (label)
            showLines(label, lines.value(label));
    }
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int tab = 0; tab < TabCount; ++tab)
        m_tabs->setTabIcon(tab, tabHasErrors[tab] ? warning : QIcon());

    m_summary->clear();
    for (const ConfigError &error : m_draft.errors()) {
        auto *item = new QListWidgetItem(error.toString(), m_summary);
        item->setData(PathRole, error.path);
    }
    const auto count = static_cast<int>(m_draft.errors().size());
    m_summaryTitle->setText(count == 0 ? tr("The config is valid.")
                                       : tr("%n problem(s) to fix before saving "
                                            "(double-click one to go to its field):",
                                            nullptr,
                                            count));
    m_summary->setVisible(count > 0);
}

void AgentEditorDialog::showDueTimes()
{
    m_dueTimes->clear();
    const std::optional<Schedule> schedule = m_draft.schedule();
    if (!schedule) {
        m_dueCaption->setText(tr("The due times show once the schedule is valid."));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 anchor = now;
    if (schedule->anchorMs)
        anchor = *schedule->anchorMs;
    else if (m_scheduleAnchorMs > 0 && m_draft.existing()
             && m_draft.existing()->schedule == *schedule)
        anchor = m_scheduleAnchorMs;
    QStringList caption{tr("Runs %1.").arg(describeSchedule(*schedule))};
    if (schedule->jitterMs > 0) {
        caption.append(tr("Each run starts up to %1 s later (jitter).")
                           .arg(QLocale().toString(double(schedule->jitterMs) / 1000.0)));
    }
    caption.append(isOtherThanLocalZone(schedule->timeZone)
                       ? tr("Next due times, in %1 and in local time:").arg(schedule->timeZone)
                       : tr("Next due times (local time):"));
    m_dueCaption->setText(caption.join(u' '));
    const QList<qint64> due = upcomingDueTimes(*schedule, anchor, now);
    for (const qint64 ms : due) {
        auto *item = new QListWidgetItem(dueTimeText(ms, schedule->timeZone), m_dueTimes);
        item->setData(PathRole, ms);
    }
    if (due.isEmpty()) {
        m_dueTimes->addItem(schedule->kind == Schedule::Kind::Manual
                                ? tr("None: the agent runs only when started by hand.")
                            : schedule->kind == Schedule::Kind::Once
                                ? tr("None: that time has passed.")
                                : tr("None: the schedule has no due time left."));
    }
}

void AgentEditorDialog::focusError(const QString &path)
{
    const Field *field = fieldFor(path);
    const Tab tab = field && field->editor->isVisibleTo(m_tabs->widget(field->tab)) ? field->tab
                                                                                    : tabFor(path);
    if (!m_tabs->isTabEnabled(tab))
        return;
    m_tabs->setCurrentIndex(tab);
    if (field && field->tab == tab)
        field->editor->setFocus();
}

} // namespace nightshift
