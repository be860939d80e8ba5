#include "settingsdialog.h"

#include "appsettings.h"
#include "languages.h"
#include "loginitem.h"
#include "pricetablemodel.h"
#include "providerpresets.h"
#include "routers.h"
#include "secretstore.h"
#include "storepassword.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <optional>
#include <type_traits>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

/// What the login item starts: the dashboard, straight into the tray.
QStringList loginArguments()
{
    return {u"--hidden"_s};
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *resultLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QSpinBox *spinBox(const QString &objectName, int minimum, int maximum, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(minimum, maximum);
    box->setAccelerated(true);
    return box;
}

int seconds(qint64 ms)
{
    return int(ms / 1000);
}

/// Edits the Prices table: providers from a list (any id may be typed), prices to the fraction
/// of a cent that model prices have.
class PriceDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent,
                          const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        switch (index.column()) {
        case PriceTableModel::ProviderColumn: {
            auto *box = new QComboBox(parent);
            box->setEditable(true);
            for (const ProviderPreset &preset : providerPresets())
                box->addItem(preset.id);
            return box;
        }
        case PriceTableModel::InputColumn:
        case PriceTableModel::OutputColumn: {
            auto *box = new QDoubleSpinBox(parent);
            box->setDecimals(4);
            box->setRange(0, 1'000'000);
            box->setPrefix(u"$"_s);
            box->setFrame(false);
            return box;
        }
        default:
            return QStyledItemDelegate::createEditor(parent, option, index);
        }
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor))
            box->setCurrentText(index.data(Qt::EditRole).toString());
        else if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor))
            spin->setValue(index.data(Qt::EditRole).toDouble());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget *editor,
                      QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor))
            model->setData(index, box->currentText());
        else if (auto *spin = qobject_cast<QDoubleSpinBox *>(editor))
            model->setData(index, spin->value());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

SettingsDialog::SettingsDialog(AppSettings *settings,
                               std::shared_ptr<SecretStore> secrets,
                               QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(std::move(secrets))
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Settings"));
    m_tabs->addTab(makeStorePage(), tr("Store"));
    m_tabs->addTab(makeProvidersPage(), tr("Providers"));
    m_tabs->addTab(makeLimitsPage(), tr("Limits"));
    m_tabs->addTab(makeNotificationsPage(), tr("Notifications"));
    m_tabs->addTab(makeGeneralPage(), tr("General"));
    m_tabs->addTab(makePricesPage(), tr("Prices"));

    m_saveError = resultLabel(u"saveError"_s, this);
    m_saveError->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_saveError);
    layout->addWidget(buttons);
    load();
    resize(620, 420);
}

SettingsDialog::~SettingsDialog()
{
    // A store test blocks at most for the store's connect timeout; it must not outlive us.
    if (m_storeTest) {
        m_storeTest->wait();
        delete m_storeTest;
    }
}

void SettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

QWidget *SettingsDialog::makeStorePage()
{
    auto *page = new QWidget(this);
    m_storeUrl = new QLineEdit(page);
    m_storeUrl->setObjectName(u"storeUrl"_s);
    m_storeUrl->setPlaceholderText(defaultStoreUrl());
    m_storeUrl->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("SQLite file…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString current = m_storeUrl->text().startsWith(u"sqlite:"_s)
                                    ? m_storeUrl->text().mid(7)
                                    : defaultStoreUrl().mid(7);
        const QString file = QFileDialog::getSaveFileName(this,
                                                          tr("SQLite store"),
                                                          current,
                                                          tr("SQLite databases (*.db)"),
                                                          nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_storeUrl->setText(u"sqlite:"_s + file);
    });
    m_storePassword = new QLineEdit(page);
    m_storePassword->setObjectName(u"storePassword"_s);
    // As the API key: never shown, never copied out.
    m_storePassword->setEchoMode(QLineEdit::Password);
    m_storePassword->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_storePassword->setContextMenuPolicy(Qt::NoContextMenu);
    m_storePassword->setPlaceholderText(tr("for a redis:// store that asks for one"));
    connect(m_storeUrl, &QLineEdit::textChanged, this, [this](const QString &url) {
        m_storePassword->setEnabled(url.trimmed().startsWith(u"redis"_s, Qt::CaseInsensitive));
    });
    // Only once typing ends: mid-word, "user:pa" is not yet a password.
    connect(m_storeUrl, &QLineEdit::editingFinished, this, &SettingsDialog::takePasswordOutOfUrl);
    m_testStoreButton = new QPushButton(tr("Test connection"), page);
    m_testStoreButton->setObjectName(u"testStore"_s);
    connect(m_testStoreButton, &QPushButton::clicked, this, &SettingsDialog::testStore);
    m_storeResult = resultLabel(u"storeResult"_s, page);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_storeUrl, 1);
    urlRow->addWidget(browse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testStoreButton);
    testRow->addStretch(1);

    auto *grid = new QGridLayout(page);
    auto *urlLabel = new QLabel(tr("Store URL:"), page);
    urlLabel->setBuddy(m_storeUrl);
    auto *passwordLabel = new QLabel(tr("Password:"), page);
    passwordLabel->setBuddy(m_storePassword);
    grid->addWidget(urlLabel, 0, 0);
    grid->addLayout(urlRow, 0, 1);
    grid->addWidget(passwordLabel, 1, 0);
    grid->addWidget(m_storePassword, 1, 1);
    grid->addLayout(testRow, 2, 1);
    grid->addWidget(m_storeResult, 3, 1);
    grid->addWidget(hint(tr("sqlite:PATH keeps everything in one file on this computer. "
                            "redis://[USER@]HOST:PORT/DB shares agents between computers; its "
                            "password goes in the Password field and is kept in the system "
                            "keychain, never in the settings file. memory: keeps nothing after "
                            "Nightshift quits. Empty means the default file shown. A new store "
                            "is used from the next start, or with --store."),
                         page),
                    4,
                    0,
                    1,
                    2);
    grid->setRowStretch(5, 1);
    grid->setColumnStretch(1, 1);
    return page;
}

QWidget *SettingsDialog::makeProvidersPage()
{
    auto *page = new QWidget(this);
    m_provider = new QComboBox(page);
    m_provider->setObjectName(u"provider"_s);
    for (const ProviderPreset &preset : providerPresets())
        m_provider->addItem(preset.id, preset.id);
    m_baseUrl = new QLineEdit(page);
    m_baseUrl->setObjectName(u"baseUrl"_s);
    m_baseUrl->setClearButtonEnabled(true);
    m_parallelRequests = spinBox(u"parallelRequests"_s, 0, 1000, page);
    m_parallelRequests->setSpecialValueText(tr("No limit"));
    m_requestsPerMinute = spinBox(u"requestsPerMinute"_s, 0, 100'000, page);
    m_requestsPerMinute->setSpecialValueText(tr("No limit"));
    m_testModel = new QLineEdit(page);
    m_testModel->setObjectName(u"testModel"_s);
    m_testModel->setPlaceholderText(tr("e.g. gpt-4o-mini"));
    m_keyStatus = resultLabel(u"keyStatus"_s, page);
    m_key = new QLineEdit(page);
    m_key->setObjectName(u"apiKey"_s);
    // Never shown, never copied out: a key on screen is a key in a screenshot.
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_key->setContextMenuPolicy(Qt::NoContextMenu);
    m_saveKeyButton = new QPushButton(tr("Save key"), page);
    m_saveKeyButton->setObjectName(u"saveKey"_s);
    m_saveKeyButton->setEnabled(false);
    connect(m_saveKeyButton, &QPushButton::clicked, this, &SettingsDialog::saveKey);
    connect(m_key, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_saveKeyButton->setEnabled(!text.trimmed().isEmpty());
    });
    m_testProviderButton = new QPushButton(tr("Test"), page);
    m_testProviderButton->setObjectName(u"testProvider"_s);
    connect(m_testProviderButton, &QPushButton::clicked, this, &SettingsDialog::testProvider);
    m_providerResult = resultLabel(u"providerResult"_s, page);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        keepProviderEdits();
        showProvider(currentProvider());
    });

    auto *limitsRow = new QHBoxLayout;
    limitsRow->addWidget(m_parallelRequests);
    limitsRow->addSpacing(12);
    auto *perMinuteLabel = new QLabel(tr("Requests per minute:"), page);
    perMinuteLabel->setBuddy(m_requestsPerMinute);
    limitsRow->addWidget(perMinuteLabel);
    limitsRow->addWidget(m_requestsPerMinute);
    limitsRow->addStretch(1);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_saveKeyButton);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testProviderButton);
    testRow->addStretch(1);

    auto *grid = new QGridLayout(page);
    int row = 0;
    const auto addRow = [grid, page, &row](const QString &label, auto *field) {
        if (!label.isEmpty())
            grid->addWidget(new QLabel(label, page), row, 0);
        if constexpr (std::is_base_of_v<QLayout, std::remove_pointer_t<decltype(field)>>)
            grid->addLayout(field, row++, 1);
        else
            grid->addWidget(field, row++, 1);
    };
    const auto addHint = [grid, page, &row](const QString &text) {
        grid->addWidget(hint(text, page), row++, 0, 1, 2);
    };
    addRow(tr("Provider:"), m_provider);
    addRow(tr("Base URL:"), m_baseUrl);
    addHint(tr("Used by this provider's agents whose config names no base_url. Empty means the "
               "provider's own URL, shown greyed."));
    addRow(tr("Parallel requests:"), limitsRow);
    addHint(tr("Requests beyond these wait their turn instead of failing; a retry counts as a "
               "request. They apply to this provider's agents as soon as the settings are "
               "saved."));
    addRow(tr("API key:"), keyRow);
    addRow(QString(), m_keyStatus);
    addRow(tr("Model to test with:"), m_testModel);
    addRow(QString(), testRow);
    addRow(QString(), m_providerResult);
    addHint(tr("Test sends one short request to the provider with the key typed above, or the "
               "stored one, and says whether it answered."));
    grid->setRowStretch(row, 1);
    grid->setColumnStretch(1, 1);
    return page;
}

QWidget *SettingsDialog::makeLimitsPage()
{
    auto *page = new QWidget(this);
    m_maxSteps = spinBox(u"maxSteps"_s, 1, 1000, page);
    m_toolCallTimeout = spinBox(u"toolCallTimeout"_s, 1, 24 * 3600, page);
    m_toolCallTimeout->setSuffix(tr(" s"));
    m_requestLimit = spinBox(u"requestLimit"_s, 0, 1'000'000, page);
    m_requestLimit->setSpecialValueText(tr("No limit"));
    m_tokensLimit = spinBox(u"tokensLimit"_s, 0, 2'000'000'000, page);
    m_tokensLimit->setSpecialValueText(tr("No limit"));
    m_tokensLimit->setSingleStep(1000);
    m_maxRetries = spinBox(u"maxRetries"_s, 0, 100, page);
    m_runTimeout = spinBox(u"runTimeout"_s, 1, 7 * 24 * 3600, page);
    m_runTimeout->setSuffix(tr(" s"));

    auto *agentGroup = new QGroupBox(tr("Each new agent"), page);
    auto *agentForm = new QFormLayout(agentGroup);
    agentForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    agentForm->addRow(
        hint(tr("What a new agent starts with; each agent's config can change them."), page));
    agentForm->addRow(tr("Steps per run:"), m_maxSteps);
    agentForm->addRow(tr("Requests per run:"), m_requestLimit);
    agentForm->addRow(tr("Tokens per run:"), m_tokensLimit);
    agentForm->addRow(tr("Tool call timeout:"), m_toolCallTimeout);
    agentForm->addRow(tr("Run timeout:"), m_runTimeout);
    agentForm->addRow(tr("Retries after a failure:"), m_maxRetries);

    m_fleetMaxRuns = spinBox(u"fleetMaxRuns"_s, 0, 10'000, page);
    m_fleetMaxRuns->setSpecialValueText(tr("No limit"));
    m_fleetDailyTokens = spinBox(u"fleetDailyTokens"_s, 0, 2'000'000'000, page);
    m_fleetMonthlyTokens = spinBox(u"fleetMonthlyTokens"_s, 0, 2'000'000'000, page);
    for (QSpinBox *tokens : {m_fleetDailyTokens, m_fleetMonthlyTokens}) {
        tokens->setSpecialValueText(tr("No cap"));
        tokens->setSingleStep(10'000);
    }
    m_fleetDailyCost = new QDoubleSpinBox(page);
    m_fleetDailyCost->setObjectName(u"fleetDailyCost"_s);
    m_fleetMonthlyCost = new QDoubleSpinBox(page);
    m_fleetMonthlyCost->setObjectName(u"fleetMonthlyCost"_s);
    for (QDoubleSpinBox *cost : {m_fleetDailyCost, m_fleetMonthlyCost}) {
        cost->setRange(0, 1'000'000);
        cost->setDecimals(2);
        cost->setPrefix(u"$"_s);
        cost->setSpecialValueText(tr("No cap"));
        cost->setAccelerated(true);
    }
    m_fleetOnExceeded = new QComboBox(page);
    m_fleetOnExceeded->setObjectName(u"fleetOnExceeded"_s);
    m_fleetOnExceeded->addItem(tr("Skip the run"), QVariant::fromValue(int(Budget::Action::Skip)));
    m_fleetOnExceeded->addItem(tr("Pause the agent"),
                               QVariant::fromValue(int(Budget::Action::Pause)));

    auto *fleetGroup = new QGroupBox(tr("Whole fleet"), page);
    auto *fleetForm = new QFormLayout(fleetGroup);
    fleetForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    fleetForm->addRow(tr("Runs at once:"), m_fleetMaxRuns);
    fleetForm->addRow(tr("Tokens a day:"), m_fleetDailyTokens);
    fleetForm->addRow(tr("Tokens a month:"), m_fleetMonthlyTokens);
    fleetForm->addRow(tr("Cost a day:"), m_fleetDailyCost);
    fleetForm->addRow(tr("Cost a month:"), m_fleetMonthlyCost);
    fleetForm->addRow(tr("When a cap would be passed:"), m_fleetOnExceeded);
    fleetForm->addRow(
        hint(tr("Runs over the limit wait their turn; the caps count all agents together."), page));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(agentGroup);
    layout->addWidget(fleetGroup);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::makePricesPage()
{
    auto *page = new QWidget(this);
    m_prices = new PriceTableModel(this);
    m_pricesView = new QTableView(page);
    m_pricesView->setObjectName(u"prices"_s);
    m_pricesView->setModel(m_prices);
    m_pricesView->setItemDelegate(new PriceDelegate(m_pricesView));
    m_pricesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pricesView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pricesView->setEditTriggers(QAbstractItemView::DoubleClicked
                                  | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::AnyKeyPressed);
    m_pricesView->verticalHeader()->hide();
    // Fifty-odd rows: compact ones show a provider's models at a glance.
    m_pricesView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_pricesView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PriceTableModel::ModelColumn, QHeaderView::Stretch);
    m_pricesError = resultLabel(u"pricesError"_s, page);
    m_pricesError->hide();

    auto *add = new QPushButton(tr("Add"), page);
    add->setObjectName(u"addPrice"_s);
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addPriceRow);
    auto *remove = new QPushButton(tr("Remove"), page);
    remove->setObjectName(u"removePrice"_s);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removePriceRows);
    auto *reset = new QPushButton(tr("Reset to shipped prices"), page);
    reset->setObjectName(u"resetPrices"_s);
    connect(
        reset, &QPushButton::clicked, this, [this] { m_prices->setPrices(PriceTable::shipped()); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(reset);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(
        hint(tr("US dollars per million tokens. A model takes the row with the longest match "
                "for the start of its name (gpt-4o-mini-2024-07-18: gpt-4o-mini); * matches "
                "every model of a provider; a model without a price costs $0. Shipped prices "
                "from %1; your changes are kept in %2.")
                 .arg(PriceTable::shipped().asOf(),
                      QDir::toNativeSeparators(PriceTable::userFilePath())),
             page));
    layout->addWidget(m_pricesError);
    layout->addWidget(m_pricesView, 1);
    layout->addLayout(buttons);
    return page;
}

void SettingsDialog::addPriceRow()
{
    // A new row most likely prices another model of the provider selected.
    const QModelIndex current = m_pricesView->currentIndex();
    const QString provider = current.isValid()
                                 ? m_prices->index(current.row(), PriceTableModel::ProviderColumn)
                                       .data(Qt::EditRole)
                                       .toString()
                                 : providerPresets().constFirst().id;
    const QModelIndex added = m_prices->appendRow(provider);
    m_pricesView->setCurrentIndex(added);
    m_pricesView->scrollTo(added);
    m_pricesView->edit(added);
}

void SettingsDialog::removePriceRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_pricesView->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_prices->removeRows(row, 1);
}

Result<void> SettingsDialog::savePrices()
{
    const PriceTable prices = m_prices->prices();
    // Untouched prices are not written: that would also move a hand-edited file aside.
    if (prices == m_loadedPrices)
        return {};
    if (const QString invalid = m_prices->validate(); !invalid.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("Prices were not saved: %1").arg(invalid));
    if (const Result<void> written = prices.saveUserFile(); !written)
        return makeError(written.error().code,
                         tr("Prices were not saved: %1").arg(written.errorMessage()));
    m_loadedPrices = prices;
    m_pricesError->hide();
    Q_EMIT pricesSaved(prices);
    return {};
}

QWidget *SettingsDialog::makeNotificationsPage()
{
    auto *page = new QWidget(this);
    m_onFailure = new QCheckBox(tr("When a run fails"), page);
    m_onFailure->setObjectName(u"onFailure"_s);
    m_onRecovery = new QCheckBox(tr("When an agent recovers after failed runs"), page);
    m_onRecovery->setObjectName(u"onRecovery"_s);
    m_onNotify = new QCheckBox(tr("When an agent sends one (the notify tool)"), page);
    m_onNotify->setObjectName(u"onNotify"_s);
    m_quietHours = new QCheckBox(tr("Quiet hours, from"), page);
    m_quietHours->setObjectName(u"quietHours"_s);
    m_quietFrom = new QTimeEdit(page);
    m_quietFrom->setObjectName(u"quietFrom"_s);
    m_quietFrom->setDisplayFormat(u"HH:mm"_s);
    m_quietUntil = new QTimeEdit(page);
    m_quietUntil->setObjectName(u"quietUntil"_s);
    m_quietUntil->setDisplayFormat(u"HH:mm"_s);
    for (QTimeEdit *edit : {m_quietFrom, m_quietUntil}) {
        edit->setEnabled(false);
        connect(m_quietHours, &QCheckBox::toggled, edit, &QWidget::setEnabled);
    }

    auto *quietRow = new QHBoxLayout;
    quietRow->addWidget(m_quietHours);
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(new QLabel(tr("until"), page));
    quietRow->addWidget(m_quietUntil);
    quietRow->addStretch(1);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Show a desktop notification:"), page));
    layout->addWidget(m_onFailure);
    layout->addWidget(m_onRecovery);
    layout->addWidget(m_onNotify);
    layout->addSpacing(12);
    layout->addLayout(quietRow);
    layout->addWidget(hint(tr("The same notification is shown at most once a minute. During "
                              "quiet hours none is shown; the event log keeps everything."),
                           page));
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::makeGeneralPage()
{
    auto *page = new QWidget(this);
    m_closeToTray = new QCheckBox(tr("Closing the window keeps agents running in the tray"), page);
    m_closeToTray->setObjectName(u"closeToTray"_s);
    m_startAtLogin = new QCheckBox(tr("Start Nightshift when I log in"), page);
    m_startAtLogin->setObjectName(u"startAtLogin"_s);
    m_language = new QComboBox(page);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System (%1)").arg(languageEndonym(chooseLanguage(QString()))),
                        QString());
    for (const QString &language : shippedLanguages())
        m_language->addItem(languageEndonym(language), language);

    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(m_closeToTray);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        form->addRow(hint(tr("This desktop has no system tray: closing the window quits."), page));
    form->addRow(m_startAtLogin);
    form->addRow(tr("Language:"), m_language);
    form->addRow(hint(tr("A new language takes effect when Nightshift restarts."), page));
    return page;
}

void SettingsDialog::load()
{
    const StoreUrlParts store = splitStorePassword(m_settings->storeUrl());
    m_loadedStoreUrl = store.url;
    m_storeUrl->setText(store.url == defaultStoreUrl() ? QString() : store.url);
    m_storePassword->setEnabled(store.url.startsWith(u"redis"_s, Qt::CaseInsensitive));
    readStorePassword(m_settings, m_secrets.get(), this, [this](const Result<QString> &password) {
        // Shown masked, so that the user sees one is set; an error shows at the next start.
        m_loadedStorePassword = password ? *password : QString();
        if (m_storePassword->text().isEmpty())
            m_storePassword->setText(m_loadedStorePassword);
    });

    for (const ProviderPreset &preset : providerPresets())
        m_providerEdits.insert(preset.id,
                               {m_settings->providerBaseUrl(preset.id),
                                m_settings->providerTestModel(preset.id),
                                m_settings->providerLimits(preset.id)});
    showProvider(currentProvider());

    const DefaultLimits limits = m_settings->defaultLimits();
    m_maxSteps->setValue(limits.limits.maxSteps);
    m_toolCallTimeout->setValue(seconds(limits.limits.toolCallTimeoutMs));
    m_requestLimit->setValue(int(limits.limits.requestLimit));
    m_tokensLimit->setValue(
        int(std::min<qint64>(limits.limits.totalTokensLimit, m_tokensLimit->maximum())));
    m_maxRetries->setValue(limits.maxRetries);
    m_runTimeout->setValue(seconds(limits.timeoutMs));
    m_fleetMaxRuns->setValue(m_settings->maxConcurrentRuns());
    const Budget fleet = m_settings->fleetBudget();
    m_fleetDailyTokens->setValue(
        int(std::min<qint64>(fleet.dailyTokens, m_fleetDailyTokens->maximum())));
    m_fleetMonthlyTokens->setValue(
        int(std::min<qint64>(fleet.monthlyTokens, m_fleetMonthlyTokens->maximum())));
    m_fleetDailyCost->setValue(fleet.dailyCost);
    m_fleetMonthlyCost->setValue(fleet.monthlyCost);
    m_fleetOnExceeded->setCurrentIndex(
        m_fleetOnExceeded->findData(QVariant::fromValue(int(fleet.onExceeded))));

    const PriceTable::Loaded prices = PriceTable::load();
    m_loadedPrices = prices.table;
    m_prices->setPrices(prices.table);
    m_pricesError->setText(prices.error);
    m_pricesError->setVisible(!prices.error.isEmpty());

    const NotificationSettings notifications = m_settings->notifications();
    m_onFailure->setChecked(notifications.onFailure);
    m_onRecovery->setChecked(notifications.onRecovery);
    m_onNotify->setChecked(notifications.onNotify);
    m_quietHours->setChecked(notifications.quietHours);
    m_quietFrom->setTime(notifications.quietFrom);
    m_quietUntil->setTime(notifications.quietUntil);

    m_closeToTray->setChecked(m_settings->closeToTray());
    // The system's word counts: the user may have removed the entry by hand.
    m_startAtLogin->setChecked(LoginItem(QString(), loginArguments()).isEnabled());
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings->language())));
}

Result<void> SettingsDialog::save()
{
    m_savingStore = saveStore();

    keepProviderEdits();
    for (auto it = m_providerEdits.cbegin(); it != m_providerEdits.cend(); ++it) {
        m_settings->setProviderBaseUrl(it.key(), it->baseUrl);
        m_settings->setProviderTestModel(it.key(), it->testModel);
        m_settings->setProviderLimits(it.key(), it->limits);
    }

    DefaultLimits limits;
    limits.limits.maxSteps = m_maxSteps->value();
    limits.limits.toolCallTimeoutMs = qint64(m_toolCallTimeout->value()) * 1000;
    limits.limits.requestLimit = m_requestLimit->value();
    limits.limits.totalTokensLimit = m_tokensLimit->value();
    limits.maxRetries = m_maxRetries->value();
    limits.timeoutMs = qint64(m_runTimeout->value()) * 1000;
    m_settings->setDefaultLimits(limits);
    m_settings->setMaxConcurrentRuns(m_fleetMaxRuns->value());
    Budget fleet;
    fleet.dailyTokens = m_fleetDailyTokens->value();
    fleet.monthlyTokens = m_fleetMonthlyTokens->value();
    fleet.dailyCost = m_fleetDailyCost->value();
    fleet.monthlyCost = m_fleetMonthlyCost->value();
    fleet.onExceeded = Budget::Action(m_fleetOnExceeded->currentData().toInt());
    m_settings->setFleetBudget(fleet);

    NotificationSettings notifications;
    notifications.onFailure = m_onFailure->isChecked();
    notifications.onRecovery = m_onRecovery->isChecked();
    notifications.onNotify = m_onNotify->isChecked();
    notifications.quietHours = m_quietHours->isChecked();
    notifications.quietFrom = m_quietFrom->time();
    notifications.quietUntil = m_quietUntil->time();
    m_settings->setNotifications(notifications);

    m_settings->setCloseToTray(m_closeToTray->isChecked());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setStartAtLogin(m_startAtLogin->isChecked());
    m_settings->sync();

    Result<void> outcome = savePrices();
    const LoginItem login(QString(), loginArguments());
    if (login.isEnabled() != m_startAtLogin->isChecked()) {
        if (const Result<void> changed = login.setEnabled(m_startAtLogin->isChecked()); !changed) {
            const QString message
                = tr("Start at login could not be changed: %1").arg(changed.errorMessage());
            outcome = makeError(changed.error().code,
                                outcome ? message : outcome.errorMessage() + u'\n' + message);
        }
    }
    Q_EMIT saved();
    return outcome;
}

void SettingsDialog::accept()
{
    if (const Result<void> saved = save(); !saved) {
        m_saveError->setText(saved.errorMessage());
        m_saveError->show();
        return;
    }
    if (m_savingStore) {
        m_closeWhenStoreSaved = true;
        return;
    }
    QDialog::accept();
}

void SettingsDialog::takePasswordOutOfUrl()
{
    const StoreUrlParts store = splitStorePassword(m_storeUrl->text().trimmed());
    if (store.password.isEmpty())
        return;
    m_storeUrl->setText(store.url);
    m_storePassword->setText(store.password);
}

QString SettingsDialog::enteredStoreUrl() const
{
    const QString url = m_storeUrl->text().trimmed();
    if (url.isEmpty())
        return defaultStoreUrl();
    // A password typed into the URL counts until editing ends and moves it to its field.
    if (!splitStorePassword(url).password.isEmpty() || !m_storePassword->isEnabled())
        return url;
    return joinStorePassword(url, m_storePassword->text());
}

bool SettingsDialog::saveStore()
{
    takePasswordOutOfUrl();
    const QString url = m_storeUrl->text().trimmed();
    const QString password = m_storePassword->isEnabled() ? m_storePassword->text() : QString();
    const QString unchangedUrl
        = m_loadedStoreUrl == defaultStoreUrl() ? QString() : m_loadedStoreUrl;
    if (url == unchangedUrl && password == m_loadedStorePassword)
        return false;
    saveStoreUrl(m_settings,
                 m_secrets.get(),
                 url,
                 password,
                 this,
                 [this, url, password](const Result<void> &stored) {
                     m_savingStore = false;
                     if (stored) {
                         m_loadedStoreUrl = url.isEmpty() ? defaultStoreUrl() : url;
                         m_loadedStorePassword = password;
                     }
                     const QString message
                         = stored ? tr("The store was saved.") : stored.errorMessage();
                     Q_EMIT storeSaved(stored.ok(), message);
                     if (!std::exchange(m_closeWhenStoreSaved, false))
                         return;
                     if (stored) {
                         QDialog::accept();
                     } else {
                         m_saveError->setText(message);
                         m_saveError->show();
                     }
                 });
    // Without a password the settings are written at once; only the keychain answers later.
    return !password.isEmpty();
}

void SettingsDialog::testStore()
{
    if (m_storeTest)
        return;
    const QString url = enteredStoreUrl();
    auto outcome = std::make_shared<std::optional<Result<qsizetype>>>();
    // A store is opened, used and closed on one thread; a Redis connect may block for seconds,
    // which the window must not.
    m_storeTest = QThread::create([url, outcome] {
        Result<Store> store = openStore(url, StoreRole::Client);
        if (!store) {
            outcome->emplace(store.error());
            return;
        }
        const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
        outcome->emplace(agents ? Result<qsizetype>(agents->size())
                                : Result<qsizetype>(agents.error()));
    });
    // Worker thread → this thread: finished is queued to the dialog.
    connect(m_storeTest, &QThread::finished, this, [this, outcome] {
        m_storeTest->wait();
        delete std::exchange(m_storeTest, nullptr);
        const Result<qsizetype> &agents = **outcome;
        if (agents)
            finishStoreTest(true,
                            tr("Connected; the store holds %n agent(s).", nullptr, int(*agents)));
        else
            finishStoreTest(false, tr("Cannot connect: %1").arg(agents.errorMessage()));
    });
    m_testStoreButton->setEnabled(false);
    m_storeResult->setText(tr("Connecting…"));
    m_storeTest->start();
}

void SettingsDialog::finishStoreTest(bool ok, const QString &message)
{
    m_testStoreButton->setEnabled(true);
    m_storeResult->setText(message);
    Q_EMIT storeTested(ok, message);
}

QString SettingsDialog::currentProvider() const
{
    return m_provider->currentData().toString();
}

void SettingsDialog::keepProviderEdits()
{
    if (m_shownProvider.isEmpty())
        return;
    m_providerEdits[m_shownProvider]
        = {m_baseUrl->text().trimmed(),
           m_testModel->text().trimmed(),
           {m_parallelRequests->value(), m_requestsPerMinute->value()}};
}

void SettingsDialog::showProvider(const QString &providerId)
{
    m_shownProvider = providerId;
    m_check.abort();
    m_testProviderButton->setEnabled(true);
    m_providerResult->clear();
    const ProviderPreset *preset = findProviderPreset(providerId);
    const ProviderEdit edit = m_providerEdits.value(providerId);
    m_baseUrl->setText(edit.baseUrl);
    m_baseUrl->setPlaceholderText(preset && !preset->defaultBaseUrl.isEmpty()
                                      ? preset->defaultBaseUrl
                                      : tr("required, e.g. https://RESOURCE.openai.azure.com"));
    m_parallelRequests->setValue(edit.limits.maxConcurrent);
    m_requestsPerMinute->setValue(edit.limits.perMinute);
    m_testModel->setText(edit.testModel);
    m_key->clear();
    m_key->setEnabled(!defaultKeyName(providerId).isEmpty());
    refreshKeyStatus();
}

void SettingsDialog::refreshKeyStatus()
{
    const QString providerId = currentProvider();
    const QString keyName = defaultKeyName(providerId);
    if (keyName.isEmpty()) {
        m_keyStatus->setText(tr("This provider takes no key."));
        return;
    }
    m_keyStatus->setText(tr("Looking for %1…").arg(keyName));
    m_secrets->read(keyName, this, [this, providerId, keyName](const Result<QString> &key) {
        if (providerId != currentProvider())
            return;
        if (key)
            m_keyStatus->setText(tr("%1 is set.").arg(keyName));
        else if (key.error().code == ErrorCode::NotFound)
            m_keyStatus->setText(
                tr("%1 is not set: enter the key and save it to the keychain.").arg(keyName));
        else
            m_keyStatus->setText(tr("%1 cannot be read: %2").arg(keyName, key.errorMessage()));
    });
}

void SettingsDialog::saveKey()
{
    const QString keyName = defaultKeyName(currentProvider());
    const QString key = m_key->text().trimmed();
    if (keyName.isEmpty() || key.isEmpty())
        return;
    m_saveKeyButton->setEnabled(false);
    m_secrets->write(keyName, key, this, [this, keyName](const Result<void> &stored) {
        const QString message
            = stored ? tr("%1 was saved in the keychain.").arg(keyName)
                     : tr("%1 was not saved: %2").arg(keyName, stored.errorMessage());
        if (stored) {
            m_key->clear();
            m_keyStatus->setText(tr("%1 is set.").arg(keyName));
        } else {
            m_saveKeyButton->setEnabled(true);
        }
        m_providerResult->setText(message);
        Q_EMIT keySaved(stored.ok(), message);
    });
}

void SettingsDialog::testProvider()
{
    const QString providerId = currentProvider();
    ModelConfig config;
    config.provider = providerId;
    config.baseUrl = m_baseUrl->text().trimmed();
    config.model = m_testModel->text().trimmed();
    m_testProviderButton->setEnabled(false);
    m_providerResult->setText(tr("Testing…"));
    const auto send = [this, config](const QString &key) {
        m_check.start(config, key, [this](const Result<ProviderCheckReply> &reply) {
            if (reply)
                finishProviderTest(
                    true, tr("%1 answered in %2 ms.").arg(reply->model).arg(reply->durationMs));
            else
                finishProviderTest(false, tr("Test failed: %1").arg(reply.errorMessage()));
        });
    };
    const QString typed = m_key->text().trimmed();
    const QString keyName = defaultKeyName(providerId);
    if (!typed.isEmpty() || keyName.isEmpty()) {
        send(typed);
        return;
    }
    m_secrets->read(keyName, this, [this, send, providerId](const Result<QString> &key) {
        if (providerId != currentProvider())
            return;
        if (!key && key.error().code != ErrorCode::NotFound) {
            finishProviderTest(false, tr("Test failed: %1").arg(key.errorMessage()));
            return;
        }
        send(key ? *key : QString());
    });
}

void SettingsDialog::finishProviderTest(bool ok, const QString &message)
{
    m_testProviderButton->setEnabled(true);
    m_providerResult->setText(message);
    Q_EMIT providerTested(ok, message);
}

} // namespace nightshift
