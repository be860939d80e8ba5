#include "agentinstaller.h"
#include "backgroundagentservice.h"
#include "cli.h"
#include "enginehost.h"
#include "keychainsecretstore.h"
#include "mainwindow.h"

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

int runDashboard(int argc, char **argv)
{
    QApplication app(argc, argv);
    describeApplication();
    QCommandLineParser parser;
    const QCommandLineOption store(QStringLiteral("store"), QString(), QStringLiteral("URL"));
    parser.addOption(store);
    parser.process(app);

    nightshift::EngineHost host;
    host.setSecretStore(nightshift::appSecretStore());
    nightshift::Result<void> started
        = host.start(parser.isSet(store) ? parser.value(store) : nightshift::defaultStoreUrl());
    // A store with no agents yet (the first start) shows the bundled examples at work.
    const auto isEmpty = [&host] {
        return host.call([](nightshift::BackgroundAgentService &service) {
            return service.listAgents().isEmpty();
        });
    };
    if (started && isEmpty())
        started = nightshift::installAgents(
            host, nightshift::parseAgentConfigFile(nightshift::BundledExamplesPath).agents, true);
    nightshift::MainWindow window(&host);
    if (!started)
        window.showStartupError(started.errorMessage());
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
        return nightshift::runCommandLine(QCoreApplication::arguments());
    }
    return runDashboard(argc, argv);
}
