#include "cli.h"

#include "agentinstaller.h"
#include "backgroundagentservice.h"
#include "enginehost.h"
#include "provider.h"
#include "scheduledescription.h"
#include "signalwatcher.h"
#include "toolregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace nightshift {

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

const QString DefaultStore = QStringLiteral("memory:");

void writeOut(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

void writeErr(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stderr);
    std::fflush(stderr);
}

QString helpText()
{
    return QStringLiteral(
               "Nightshift %1: background agents on a schedule, every step reported.\n"
               "\n"
               "Usage:\n"
               "  nightshift [--store URL]            open the dashboard\n"
               "  nightshift serve [--agents FILE] [--store URL] [--format json|text]\n"
               "                                      run agents headless, events as JSON lines "
               "on\n"
               "                                      stdout; Ctrl+C drains running runs and "
               "exits\n"
               "  nightshift --headless [...]         the same as serve\n"
               "  nightshift validate FILE            check an agent config file; exit 1 on "
               "errors\n"
               "  nightshift run FILE --agent ID [--format json|text]\n"
               "                                      run one agent once in the foreground; exit "
               "0\n"
               "                                      if the run completed, 1 if it did not\n"
               "  nightshift --version | --help\n"
               "\n"
               "Options:\n"
               "  --store URL     where agents, runs and events are kept (default: %2)\n"
               "  --agents FILE   agent configs to create and start (default on the memory store:\n"
               "                  the bundled examples)\n"
               "  --format F      json (default) or text\n"
               "\n"
               "Exit codes: 0 success, 1 failure, 2 wrong usage.\n")
        .arg(QCoreApplication::applicationVersion(), DefaultStore);
}

struct Options
{
    QString verb;
    QStringList positional;
    QString store = DefaultStore;
    QString agentsFile;
    QString agentId;
    bool text = false;
};

std::optional<Options> parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption store(QStringLiteral("store"), QString(), QStringLiteral("URL"));
    const QCommandLineOption agents(QStringLiteral("agents"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption agent(QStringLiteral("agent"), QString(), QStringLiteral("ID"));
    const QCommandLineOption format(QStringLiteral("format"), QString(), QStringLiteral("F"));
    const QCommandLineOption headless(QStringLiteral("headless"));
    parser.addOptions({store, agents, agent, format, headless});
    if (!parser.parse(arguments)) {
        writeErr(
            QStringLiteral("nightshift: %1\nTry `nightshift --help`.\n").arg(parser.errorText()));
        return std::nullopt;
    }
    Options options;
    options.positional = parser.positionalArguments();
    options.verb = parser.isSet(headless) ? QStringLiteral("serve") : options.positional.value(0);
    if (!parser.isSet(headless) && !options.positional.isEmpty())
        options.positional.removeFirst();
    if (parser.isSet(store))
        options.store = parser.value(store);
    options.agentsFile = parser.value(agents);
    options.agentId = parser.value(agent);
    const QString formatName = parser.value(format);
    if (!formatName.isEmpty() && formatName != u"json" && formatName != u"text") {
        writeErr(QStringLiteral("nightshift: --format takes json or text, got \"%1\"\n")
                     .arg(formatName));
        return std::nullopt;
    }
    options.text = formatName == u"text";
    return options;
}

void printParseErrors(const QString &file, const ConfigParseResult &parsed)
{
    for (const ConfigError &error : parsed.errors)
        writeErr(file + QStringLiteral(": ") + error.toString() + u'\n');
    writeErr(QCoreApplication::translate(
                 "cli", "%1: %n error(s); nothing was loaded\n", nullptr, int(parsed.errors.size()))
                 .arg(file));
}

/// Prints what the engine reports, one line per event, on the CLI's thread.
void printEvents(EngineHost &host, bool text)
{
    QObject::connect(&host, &EngineHost::eventsAppended, &host, [text](const EventList &events) {
        QString out;
        for (const Event &event : events)
            out += (text ? event.toText() : QString::fromStdString(event.toJson().dump())) + u'\n';
        writeOut(out);
    });
    QObject::connect(&host, &EngineHost::storeError, &host, [](const QString &message) {
        writeErr(QStringLiteral("nightshift: store error: %1\n").arg(message));
    });
}

int serve(const Options &options)
{
    QString file = options.agentsFile;
    if (file.isEmpty() && options.store == DefaultStore) {
        file = BundledExamplesPath;
        writeErr(QStringLiteral("nightshift: no --agents given; running the bundled examples\n"));
    }
    QList<AgentSpec> specs;
    if (!file.isEmpty()) {
        const ConfigParseResult parsed = parseAgentConfigFile(file);
        if (!parsed.ok()) {
            printParseErrors(file, parsed);
            return ExitFailure;
        }
        specs = parsed.agents;
    }

    EngineHost host;
    printEvents(host, options.text);
    if (const Result<void> started = host.start(options.store); !started) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(started.errorMessage()));
        return ExitFailure;
    }
    if (const Result<void> installed = installAgents(host, specs, true); !installed) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(installed.errorMessage()));
        return ExitFailure;
    }

    SignalWatcher watcher;
    bool stopping = false;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &host, [&] {
        if (stopping) {
            writeErr(QStringLiteral("nightshift: still draining; waiting for running runs\n"));
            return;
        }
        stopping = true;
        writeErr(QStringLiteral("nightshift: draining running runs, then exiting\n"));
        host.shutdown();
    });
    QObject::connect(&host, &EngineHost::drained, &host, [] { QCoreApplication::quit(); });
    writeErr(QCoreApplication::translate("cli",
                                         "nightshift: serving %n agent(s) on %1; Ctrl+C to stop\n",
                                         nullptr,
                                         int(specs.size()))
                 .arg(host.storeUrl()));
    return QCoreApplication::exec();
}

int validate(const Options &options)
{
    if (options.positional.size() != 1) {
        writeErr(QStringLiteral("nightshift: validate takes one FILE\n"));
        return ExitUsage;
    }
    const QString file = options.positional.first();
    ConfigParseResult parsed = parseAgentConfigFile(file);
    const auto tools = ToolRegistry::withBuiltins();
    const QStringList providers = availableProviderIds();
    QStringList notes;
    for (qsizetype i = 0; i < parsed.agents.size(); ++i) {
        const AgentSpec &spec = parsed.agents.at(i);
        const QString prefix
            = parsed.agents.size() > 1 ? QStringLiteral("agents[%1].").arg(i) : QString();
        for (qsizetype t = 0; t < spec.tools.size(); ++t) {
            if (!tools->find(spec.tools.at(t)))
                parsed.errors.append(
                    {prefix + QStringLiteral("tools[%1]").arg(t),
                     QStringLiteral("unknown tool \"%1\" (available: %2)")
                         .arg(spec.tools.at(t), tools->names().join(QStringLiteral(", ")))});
        }
        if (!providers.contains(spec.model.provider))
            notes.append(
                QStringLiteral("%1model_config.provider: \"%2\" is valid but not in this "
                               "build yet (available: %3); serve and run refuse it")
                    .arg(prefix, spec.model.provider, providers.join(QStringLiteral(", "))));
    }
    if (!parsed.ok()) {
        printParseErrors(file, parsed);
        return ExitFailure;
    }
    QString out = QCoreApplication::translate(
                      "cli", "%1: %n agent(s), all valid\n", nullptr, int(parsed.agents.size()))
                      .arg(file);
    for (const AgentSpec &spec : parsed.agents) {
        out += QStringLiteral("  %1  %2  provider %3%4\n")
                   .arg(spec.agentId,
                        describeSchedule(spec.schedule),
                        spec.model.provider,
                        spec.tools.isEmpty()
                            ? QString()
                            : QStringLiteral("  tools: ") + spec.tools.join(QStringLiteral(", ")));
    }
    writeOut(out);
    for (const QString &note : notes)
        writeErr(file + QStringLiteral(": note: ") + note + u'\n');
    return ExitOk;
}

int runOnce(const Options &options)
{
    if (options.positional.size() != 1 || options.agentId.isEmpty()) {
        writeErr(QStringLiteral("nightshift: usage: nightshift run FILE --agent ID\n"));
        return ExitUsage;
    }
    const QString file = options.positional.first();
    const ConfigParseResult parsed = parseAgentConfigFile(file);
    if (!parsed.ok()) {
        printParseErrors(file, parsed);
        return ExitFailure;
    }
    const auto found
        = std::find_if(parsed.agents.cbegin(), parsed.agents.cend(), [&](const AgentSpec &s) {
              return s.agentId == options.agentId;
          });
    if (found == parsed.agents.cend()) {
        QStringList ids;
        for (const AgentSpec &spec : parsed.agents)
            ids.append(spec.agentId);
        writeErr(QStringLiteral("nightshift: %1 has no agent \"%2\" (it has: %3)\n")
                     .arg(file, options.agentId, ids.join(QStringLiteral(", "))));
        return ExitFailure;
    }

    EngineHost host;
    printEvents(host, options.text);
    if (const Result<void> started = host.start(DefaultStore); !started) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(started.errorMessage()));
        return ExitFailure;
    }
    if (const Result<void> installed = installAgents(host, {*found}, false); !installed) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(installed.errorMessage()));
        return ExitFailure;
    }

    std::optional<RunRecord> finished;
    QString runId;
    QObject::connect(&host, &EngineHost::runsFinished, &host, [&](const QList<RunRecord> &runs) {
        for (const RunRecord &run : runs) {
            if (run.runId == runId) {
                finished = run;
                host.shutdown();
            }
        }
    });
    QObject::connect(&host, &EngineHost::drained, &host, [] { QCoreApplication::quit(); });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &host, [&] {
        host.call([&](BackgroundAgentService &service) { return service.cancelRun(runId); });
    });

    const Result<QString> run = host.call(
        [&](BackgroundAgentService &service) { return service.runNow(options.agentId); });
    if (!run) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(run.errorMessage()));
        return ExitFailure;
    }
    runId = run.value();
    QCoreApplication::exec();
    if (!finished) {
        writeErr(QStringLiteral("nightshift: the run did not report an end\n"));
        return ExitFailure;
    }
    const QString seconds = QString::number(double(finished->durationMs()) / 1000.0, 'f', 3);
    if (finished->state == RunState::Completed) {
        writeErr(QStringLiteral("nightshift: run %1 completed in %2 s\n").arg(runId, seconds));
        return ExitOk;
    }
    writeErr(QStringLiteral("nightshift: run %1 %2 after %3 s: %4\n")
                 .arg(runId, stateName(finished->state), seconds, finished->error));
    return ExitFailure;
}

} // namespace

bool isCommandLineInvocation(const QStringList &arguments)
{
    // The dashboard takes options only; a first word that is not an option names a verb,
    // known or not, and an unknown one deserves a usage error rather than a window.
    if (arguments.size() > 1 && !arguments.at(1).startsWith(u'-'))
        return true;
    static const QStringList flags = {QStringLiteral("--headless"),
                                      QStringLiteral("--help"),
                                      QStringLiteral("-h"),
                                      QStringLiteral("--version"),
                                      QStringLiteral("-v")};
    return std::any_of(arguments.cbegin(), arguments.cend(), [](const QString &argument) {
        return flags.contains(argument);
    });
}

int runCommandLine(const QStringList &arguments)
{
    if (arguments.contains(u"--help") || arguments.contains(u"-h")) {
        writeOut(helpText());
        return ExitOk;
    }
    if (arguments.contains(u"--version") || arguments.contains(u"-v")) {
        writeOut(QStringLiteral("nightshift %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    const std::optional<Options> options = parseOptions(arguments);
    if (!options)
        return ExitUsage;
    if (options->verb == u"serve")
        return serve(*options);
    if (options->verb == u"validate")
        return validate(*options);
    if (options->verb == u"run")
        return runOnce(*options);
    writeErr(QStringLiteral("nightshift: unknown command \"%1\"\nTry `nightshift --help`.\n")
                 .arg(options->verb));
    return ExitUsage;
}

} // namespace nightshift
