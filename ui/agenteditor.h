#pragma once

#include "agentdraft.h"
#include "agentspec.h"
#include "tool.h"

#include <QDialog>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace nightshift {

/// Creates or edits one agent: a form per group of the config and a JSON tab that round-trip,
/// checked by the engine's validator as the user types; Save is enabled only when valid.
class AgentEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    /// The tabs, in order.
    enum Tab { AgentTab, ModelTab, ScheduleTab, TaskTab, LimitsTab, ToolsTab, JsonTab, TabCount };

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

    /// Validates at once (otherwise this waits for a pause in typing) and accepts only a
    /// valid config.
    void accept() override;

private:
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
    QWidget *buildJsonTab();
    QWidget *newPage(Tab tab, QFormLayout *&form);

    void addField(QFormLayout *form,
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

    void onFormEdited();
    void onJsonEdited();
    void onTabChanged(int index);
    void onProviderChosen(const QString &previous);
    void onScheduleKindChosen();
    void loadForm();
    void loadScheduleFields();
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
    QStackedWidget *m_schedulePages = nullptr;
    QLineEdit *m_intervalSeconds = nullptr;
    QLabel *m_dueCaption = nullptr;
    QCheckBox *m_anchorSet = nullptr;
    QDateTimeEdit *m_anchor = nullptr;
    QDateTimeEdit *m_onceAt = nullptr;
    QListWidget *m_dueTimes = nullptr;
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
