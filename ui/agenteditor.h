#pragma once

#include "agentdraft.h"
#include "agentspec.h"
#include "budgetforecast.h"
#include "pricetable.h"
#include "tool.h"

#include <QDialog>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace nightshift {

class BudgetForecastView;

/// Creates or edits one agent: a form per group of the config and a JSON tab that round-trip,
/// checked by the engine's validator as the user types; Save is enabled only when valid.
class AgentEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    /// The tabs, in order.
    enum Tab {
        AgentTab,
        ModelTab,
        ScheduleTab,
        TaskTab,
        LimitsTab,
        ToolsTab,
        PoliciesTab,
        BudgetTab,
        JsonTab,
        TabCount
    };

    /// Edits existing when given (its id is then fixed and its revision kept), else a new agent;
    /// providerIds and tools are what the engine offers (BackgroundAgentService::providerIds()
    /// and toolDescriptors()).
    AgentEditorDialog(const QStringList &providerIds,
                      const QList<ToolDescriptor> &tools,
                      const std::optional<AgentSpec> &existing = std::nullopt,
                      QWidget *parent = nullptr);

    /// The agent as edited, with the revision it started from; meaningful when isValid(),
    /// which it is once the dialog was accepted. Pass it to create() or update().
    AgentSpec spec() const;
    /// Whether the config passed validation when last checked.
    bool isValid() const;
    /// Whether the dialog edits an existing agent rather than creating one.
    bool isEditing() const;
    /// Fills a new agent's form from a template (a bundled example); it stays a new agent.
    void startFromTemplate(const AgentSpec &spec);
    /// Where the running agent's interval counts from (AgentStatus::anchorMs), so that the
    /// due-time preview matches the agent while its schedule is unchanged.
    void setScheduleAnchor(qint64 anchorMs);
    /// What the existing agent is known to use (agentSpending() on the engine thread, read once
    /// as the dialog opens), so that the budget forecast counts from its history and spend.
    void setSpending(const AgentSpending &spending);

    /// Validates at once (otherwise this waits for a pause in typing) and accepts only a
    /// valid config.
    void accept() override;

private:
    /// An instant that may be left out: a check box that sets it and the time it sets.
    struct OptionalTime
    {
        QCheckBox *set = nullptr;
        QDateTimeEdit *time = nullptr;
    };

    struct Field
    {
        QStringList paths; ///< Config paths whose errors it shows; the first names it.
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
        Tab tab = AgentTab;
    };

    QWidget *buildAgentTab();
    QWidget *buildModelTab();
    QWidget *buildScheduleTab();
    QWidget *buildTaskTab();
    QWidget *buildLimitsTab();
    QWidget *buildToolsTab();
    QWidget *buildPoliciesTab();
    QWidget *buildBudgetTab();
    void showForecast();
    QWidget *buildJsonTab();
    QWidget *newPage(Tab tab, QFormLayout *&form, bool stretch = true);

    QWidget *addField(QFormLayout *form,
                      Tab tab,
                      const QString &label,
                      const QStringList &paths,
                      QWidget *editor);
    QLineEdit *addTextField(QFormLayout *form,
                            Tab tab,
                            const QString &label,
                            const AgentDraft::Keys &keys,
                            bool required,
                            const QString &placeholder);
    QPlainTextEdit *addLongTextField(QFormLayout *form,
                                     Tab tab,
                                     const QString &label,
                                     const AgentDraft::Keys &keys,
                                     bool required,
                                     const QString &placeholder,
                                     int lines);
    QLineEdit *addValueField(QFormLayout *form,
                             Tab tab,
                             const QString &label,
                             const AgentDraft::Keys &keys,
                             const QString &placeholder,
                             std::function<void()> afterEdit = {});
    QComboBox *addChoiceField(QFormLayout *form,
                              Tab tab,
                              const QString &label,
                              const AgentDraft::Keys &keys,
                              const QList<std::pair<QString, QString>> &choices,
                              const QString &fallback,
                              std::function<void(const QString &previous)> afterChoice = {});
    QLineEdit *addScheduleValueField(QFormLayout *form,
                                     const QString &label,
                                     const QString &key,
                                     const QString &placeholder);
    OptionalTime addOptionalTimeField(QFormLayout *form,
                                      const QString &label,
                                      const QString &key,
                                      const QString &checkText,
                                      const QString &objectName);

    void onFormEdited();
    void onJsonEdited();
    void onTabChanged(int index);
    void onProviderChosen(const QString &previous);
    void onScheduleKindChosen();
    void onTimeZoneEdited(const QString &text);
    void loadForm();
    void loadScheduleFields();
    void loadOptionalTime(const QString &key, const OptionalTime &field);
    void restoreScheduleFields(const QString &kind);
    void updatePolicyHints();
    void loadTools();
    void updateProviderHints();
    void validateNow();
    void showErrors();
    void showDueTimes();
    const Field *fieldFor(const QString &path) const;
    Tab tabFor(const QString &path) const;
    void focusError(const QString &path);

    AgentDraft m_draft;
    QList<ToolDescriptor> m_tools;
    QList<Field> m_fields;
    QList<std::function<void()>> m_loaders;
    bool m_loading = false;
    bool m_jsonStale = true;
    bool m_formStale = false;
    qint64 m_scheduleAnchorMs = 0;

    QTabWidget *m_tabs;
    QLabel *m_tabErrors[TabCount] = {};
    QLineEdit *m_agentId = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QComboBox *m_scheduleKind = nullptr;
    QFormLayout *m_scheduleForm = nullptr;
    /// The schedule's rows, each with the key whose kinds show it.
    QList<std::pair<QWidget *, QString>> m_scheduleRows;
    QLabel *m_manualHint = nullptr;
    QLineEdit *m_intervalSeconds = nullptr;
    QLabel *m_dueCaption = nullptr;
    OptionalTime m_anchor;
    QDateTimeEdit *m_onceAt = nullptr;
    QLineEdit *m_cronExpression = nullptr;
    QComboBox *m_timeZone = nullptr;
    OptionalTime m_startAt;
    OptionalTime m_endAt;
    QLineEdit *m_maxRuns = nullptr;
    QLineEdit *m_jitter = nullptr;
    QListWidget *m_dueTimes = nullptr;
    QComboBox *m_misfire = nullptr;
    QLabel *m_misfireHint = nullptr;
    QLineEdit *m_catchUpLimit = nullptr;
    QComboBox *m_overlap = nullptr;
    QLabel *m_overlapHint = nullptr;
    QLineEdit *m_maxParallel = nullptr;
    /// Empty: room at the foot of the Budget tab for a spending forecast.
    QVBoxLayout *m_forecastSlot = nullptr;
    BudgetForecastView *m_forecast = nullptr;
    AgentSpending m_spending;
    /// Prices for the forecast: the shipped table with the user's own over it.
    PriceTable m_prices = PriceTable::load().table;
    QComboBox *m_memoryMode = nullptr;
    QLineEdit *m_memoryValue = nullptr;
    QWidget *m_toolBox = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_summaryTitle;
    QListWidget *m_summary;
    QDialogButtonBox *m_buttons;
    QTimer *m_validateTimer;
    QTimer *m_dueTimesTimer;
};

} // namespace nightshift
