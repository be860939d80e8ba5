#include "agentinstaller.h"
#include "appsettings.h"
#include "backgroundagentservice.h"
#include "cli.h"
#include "clicommon.h"
#include "enginehost.h"
#include "keychainsecretstore.h"
#include "languages.h"
#include "log.h"
#include "mainwindow.h"
#include "notifier.h"
#include "pricetable.h"
#include "settingsdialog.h"
#include "trayicon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Nightshift"));
    QCoreApplication::setOrganizationName(QStringLiteral("Nightshift"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NIGHTSHIFT_VERSION));
}

QStringList argumentList(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

// Opens Settings over window; what it saves reaches the notifier, the engine's request limits,
// its fleet limits and its prices at once, the rest at the next start.
void openSettings(QWidget *window,
                  nightshift::AppSettings *settings,
                  nightshift::Notifier *notifier,
                  nightshift::EngineHost *host)
{
    auto *dialog = new nightshift::SettingsDialog(settings, nightshift::appSecretStore(), window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &nightshift::SettingsDialog::saved, notifier, [settings, notifier] {
        notifier->setSettings(settings->notifications());
    });
    QObject::connect(dialog, &nightshift::SettingsDialog::saved, host, [settings, host] {
        host->setProviderLimits(settings->allProviderLimits());
        host->setMaxConcurrentRuns(settings->maxConcurrentRuns());
        host->setFleetBudget(settings->fleetBudget());
    });
    QObject::connect(dialog,
                     &nightshift::SettingsDialog::pricesSaved,
                     host,
                     &nightshift::EngineHost::setPriceTable);
    dialog->show();
}

int runDashboard(int argc, char **argv)
{
    QApplication app(argc, argv);
    describeApplication();
    nightshift::AppSettings settings;
    nightshift::installTranslations(nightshift::chooseLanguage(settings.language()));
    app.setWindowIcon(nightshift::TrayIcon::appIcon());
    QCommandLineParser parser;
    const QCommandLineOption store(QStringLiteral("store"), QString(), QStringLiteral("URL"));
    const QCommandLineOption hidden(QStringLiteral("hidden"));
    parser.addOptions({store, hidden});
    parser.process(app);

    const std::shared_ptr<nightshift::SecretStore> secrets = nightshift::appSecretStore();
    nightshift::EngineHost host;
    host.setSecretStore(secrets);
    host.setProviderBaseUrls(settings.providerBaseUrls());
    host.setProviderLimits(settings.allProviderLimits());
    host.setMaxConcurrentRuns(settings.maxConcurrentRuns());
    host.setFleetBudget(settings.fleetBudget());
    // A broken price file is shown again in Settings → Prices, where it can be mended.
    const nightshift::PriceTable::Loaded prices = nightshift::PriceTable::load();
    if (!prices.error.isEmpty())
        nightshift::engineLog().warn("{}", prices.error.toStdString());
    host.setPriceTable(prices.table);
    const nightshift::Result<QString> storeUrl
        = parser.isSet(store) ? nightshift::Result<QString>(parser.value(store))
                              : nightshift::savedStoreUrl(settings, *secrets);
    // The engine loads the fleet on its thread while the window is built and shown; the window
    // fills when it has started.
    if (storeUrl)
        host.startInBackground(*storeUrl);
    nightshift::MainWindow window(&host);
    if (!storeUrl)
        window.showStartupError(storeUrl.errorMessage());
    // A store with no agents yet (the first start) shows the bundled examples at work.
    QObject::connect(&host, &nightshift::EngineHost::started, &window, [&host, &window] {
        const bool empty = host.call([](nightshift::BackgroundAgentService &service) {
            return service.listAgents().isEmpty();
        });
        if (!empty)
            return;
        const nightshift::Result<void> installed = nightshift::installAgents(
            host, nightshift::parseAgentConfigFile(nightshift::BundledExamplesPath).agents, true);
        if (!installed)
            window.showStartupError(installed.errorMessage());
    });

    nightshift::TrayIcon tray(&host);
    nightshift::Notifier notifier(tray.trayIcon());
    notifier.setSettings(settings.notifications());
    notifier.watch(&host);
    QObject::connect(
        &host, &nightshift::EngineHost::agentsUpdated, &tray, &nightshift::TrayIcon::applyStatuses);
    QObject::connect(&tray, &nightshift::TrayIcon::showWindowRequested, &window, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });
    QObject::connect(&tray, &nightshift::TrayIcon::settingsRequested, &window, [&] {
        openSettings(&window, &settings, &notifier, &host);
    });
    QObject::connect(&window, &nightshift::MainWindow::settingsRequested, &window, [&] {
        openSettings(&window, &settings, &notifier, &host);
    });
    QObject::connect(&tray, &nightshift::TrayIcon::quitRequested, &app, &QCoreApplication::quit);
    tray.show();
    tray.keepRunningInTray(&window, [&settings] { return settings.closeToTray(); });
    // Started at login, the dashboard waits in the tray; without a tray it must show itself.
    if (!parser.isSet(hidden) || !tray.isUsable())
        window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    // A command-line verb needs no display: decide before any QGuiApplication exists.
    const QStringList arguments = argumentList(argc, argv);
    if (nightshift::isCommandLineInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        // The same language as the dashboard's, so that a command says what a window would.
        nightshift::installTranslations(
            nightshift::chooseLanguage(nightshift::AppSettings().language()));
        return nightshift::runCommandLine(QCoreApplication::arguments());
    }
    return runDashboard(argc, argv);
}
