#include "cli.h"

#include "agentinstaller.h"
#include "agentscommand.h"
#include "appsettings.h"
#include "backgroundagentservice.h"
#include "budgettext.h"
#include "clicommon.h"
#include "enginehost.h"
#include "eventscommand.h"
#include "jsonschema.h"
#include "keychainsecretstore.h"
#include "keyscommand.h"
#include "log.h"
#include "pricetable.h"
#include "providerpresets.h"
#include "scheduledescription.h"
#include "signalwatcher.h"
#include "toolregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <optional>

namespace nightshift {

namespace {

QString helpText()
{
    return QStringLiteral(
               "Nightshift %1: background agents on a schedule, every step reported.\n"
               "\n"
               "Usage:\n"
               "  nightshift [--store URL] [--hidden]  open the dashboard (on the store chosen\n"
               "      in Settings unless --store; --hidden: in the tray only, as at login)\n"
               "  nightshift serve [--agents FILE] [--store URL] [--format json|text]\n"
               "                   [--provider-limit PROVIDER=CONCURRENT/PER_MINUTE]...\n"
               "                   [--max-concurrent-runs N] [--fleet-budget NAME=VALUE,...]\n"
               "      run the store's agents headless (and FILE's, created or updated first),\n"
               "      every event as a JSON line on stdout; Ctrl+C lets running runs finish.\n"
               "      Requests over a provider's limits (0: none; default: the dashboard's\n"
               "      Settings) wait their turn, e.g. --provider-limit openai=4/60.\n"
               "      --max-concurrent-runs: the most runs at once across all agents (0: no\n"
               "      limit); more wait as queued runs. --fleet-budget: what all agents may\n"
               "      spend together, any of daily_tokens=N, monthly_tokens=N, daily_cost=USD,\n"
               "      monthly_cost=USD (0: no cap) and on_exceeded=skip|pause, comma-separated,\n"
               "      e.g. --fleet-budget daily_cost=5,on_exceeded=pause; parts not given keep\n"
               "      the dashboard's Settings, as does a missing --max-concurrent-runs\n"
               "  nightshift --headless [...]          the same as serve\n"
               "  nightshift validate FILE             check an agent config file\n"
               "  nightshift run FILE --agent ID [--store URL] [--format json|text]\n"
               "      run one agent once in the foreground (on memory: unless --store)\n"
               "  nightshift agents list|show ID|create FILE|update FILE|delete ID|start ID|\n"
               "                    pause ID [--reason TEXT] [--until TIME]|resume ID|stop ID|\n"
               "                    run-now ID\n"
               "      change the store's agents; a running serve on it picks changes up\n"
               "  nightshift agents history ID [--limit N] [--since TIME] [--not-as-scheduled]\n"
               "                    [--utc] [--json]\n"
               "      every occurrence of the agent's schedule, newest first: when it was due,\n"
               "      whether it ran on time, late or not at all (and why), what it cost; a\n"
               "      summary at the end. --limit: at most N (50); --since: due since TIME,\n"
               "      ISO 8601 or a span back (30m, 24h, 7d); --not-as-scheduled: only\n"
               "      skipped, missed, catch-up, over a minute late, failed, timed out or\n"
               "      interrupted; --json: one run record per line, with late_ms\n"
               "  nightshift events [--agent ID] [--from SEQ] [--follow] [--format json|text]\n"
               "      print stored events, then (with --follow) new ones as they come\n"
               "  nightshift keys set NAME | delete NAME | test [NAME...]\n"
               "      API keys in the system keychain (service nightshift); set reads the key\n"
               "      from standard input, never the command line. test says where each key\n"
               "      is found (keychain or environment); without NAME, every provider's usual\n"
               "      name (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ...)\n"
               "  nightshift --version | --help\n"
               "\n"
               "Options:\n"
               "  --store URL   sqlite:PATH, redis://[USER:PASSWORD@]HOST:PORT/DB, memory:\n"
               "                (default: the store chosen in Settings, else %2; a saved\n"
               "                Redis password is read from the keychain)\n"
               "  --format F    json or text\n"
               "\n"
               "Exit codes: 0 success, 1 failure, 2 wrong usage.\n")
        .arg(QCoreApplication::applicationVersion(), defaultStoreUrl());
}

// The dashboard's saved limits, each provider named on the command line taking its own.
QHash<QString, ProviderLimits> serveLimits(const CliOptions &options)
{
    QHash<QString, ProviderLimits> limits = AppSettings().allProviderLimits();
    for (auto it = options.providerLimits.cbegin(); it != options.providerLimits.cend(); ++it) {
        if (it->isUnlimited())
            limits.remove(it.key());
        else
            limits.insert(it.key(), it.value());
    }
    QStringList providers = limits.keys();
    providers.sort();
    for (const QString &provider : providers) {
        const ProviderLimits limit = limits.value(provider);
        const auto count = [](int value) {
            return value > 0 ? QString::number(value) : QStringLiteral("no limit");
        };
        writeErr(QStringLiteral("nightshift: requests to %1: %2 at once, %3 per minute\n")
                     .arg(provider, count(limit.maxConcurrent), count(limit.perMinute)));
    }
    return limits;
}

// The dashboard's saved fleet limits, with what the command line names over them.
void useFleetLimits(EngineHost &host, const CliOptions &options)
{
    const AppSettings settings;
    const int runs = options.maxConcurrentRuns.value_or(settings.maxConcurrentRuns());
    // parseCliOptions() has checked the text already.
    const Budget budget
        = options.fleetBudget.isEmpty()
              ? settings.fleetBudget()
              : parseBudgetText(options.fleetBudget, settings.fleetBudget()).value();
    if (runs > 0)
        writeErr(QCoreApplication::translate(
            "cli", "nightshift: at most %n run(s) at once\n", nullptr, runs));
    if (budget.hasCap())
        writeErr(QStringLiteral("nightshift: fleet budget %1\n").arg(budgetText(budget)));
    host.setMaxConcurrentRuns(runs);
    host.setFleetBudget(budget);
}

// Runs are costed at the dashboard's prices: the shipped ones with the user's file over them.
void usePriceTable(EngineHost &host)
{
    const PriceTable::Loaded prices = PriceTable::load();
    if (!prices.error.isEmpty())
        writeErr(QStringLiteral("nightshift: %1\n").arg(prices.error));
    host.setPriceTable(prices.table);
}

int serve(const CliOptions &options)
{
    QList<AgentSpec> specs;
    if (!options.agentsFile.isEmpty()) {
        const ConfigParseResult parsed = parseAgentConfigFile(options.agentsFile);
        if (!parsed.ok()) {
            printParseErrors(options.agentsFile, parsed);
            return ExitFailure;
        }
        specs = parsed.agents;
    }

    EngineHost host;
    host.setSecretStore(appSecretStore());
    // Agents whose model_config names no base_url reach their provider where Settings says.
    host.setProviderBaseUrls(AppSettings().providerBaseUrls());
    host.setProviderLimits(serveLimits(options));
    useFleetLimits(host, options);
    usePriceTable(host);
    printEvents(host, options.text.value_or(false));
    const Result<QString> url = commandStoreUrl(options);
    if (!url) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(url.errorMessage()));
        return ExitFailure;
    }
    if (const Result<void> started = host.start(*url); !started) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(started.errorMessage()));
        return ExitFailure;
    }
    const auto storedAgents = [&host] {
        return host.call([](BackgroundAgentService &service) { return service.listAgents(); });
    };
    if (specs.isEmpty() && storedAgents().isEmpty()) {
        writeErr(QStringLiteral("nightshift: the store holds no agents; adding the bundled "
                                "examples\n"));
        specs = parseAgentConfigFile(BundledExamplesPath).agents;
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
    QObject::connect(&host, &EngineHost::storeOnlineChanged, &host, [&host](bool online) {
        writeErr(online ? QStringLiteral("nightshift: store %1 is back; writing what was "
                                         "buffered\n")
                              .arg(host.storeUrl())
                        : QStringLiteral("nightshift: store %1 is offline; runs go on and events "
                                         "are buffered until it is back\n")
                              .arg(host.storeUrl()));
    });
    QObject::connect(&host, &EngineHost::ownershipLost, &host, [](const QString &holder) {
        writeErr(QStringLiteral("nightshift: %1 took the store over while it was unreachable; "
                                "this worker stops\n")
                     .arg(holder));
    });
    writeErr(QCoreApplication::translate("cli",
                                         "nightshift: serving %n agent(s) on %1; Ctrl+C to stop\n",
                                         nullptr,
                                         int(storedAgents().size()))
                 .arg(host.storeUrl()));
    return QCoreApplication::exec();
}

int validate(const CliOptions &options)
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
        // Arguments the tool's schema refuses would fail every run; say so now.
        const nlohmann::json &arguments = spec.task.toolArguments;
        for (auto it = arguments.begin(); it != arguments.end(); ++it) {
            const Tool *tool = tools->find(QString::fromStdString(it.key()));
            if (!tool)
                continue;
            const QString root = prefix + QStringLiteral("task_config.tool_arguments.")
                                 + QString::fromStdString(it.key());
            if (const Result<void> valid
                = validateJson(tool->descriptor().parameters, it.value(), root);
                !valid)
                parsed.errors.append({QString(), valid.errorMessage()});
        }
        const bool usesFiles = spec.tools.contains(QStringLiteral("file_read"))
                               || spec.tools.contains(QStringLiteral("file_write"));
        if (usesFiles && spec.allowedPaths.isEmpty())
            notes.append(QStringLiteral("%1agent_config.allowed_paths is empty, so file_read and "
                                        "file_write will refuse every path")
                             .arg(prefix));
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

int runOnce(const CliOptions &options)
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
    host.setSecretStore(appSecretStore());
    usePriceTable(host);
    printEvents(host, options.text.value_or(false));
    if (const Result<void> started = host.start(options.storeOr(QStringLiteral("memory:")));
        !started) {
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
    const std::optional<CliOptions> options = parseCliOptions(arguments);
    if (!options)
        return ExitUsage;
    // A one-shot command's own output says what happened; the engine's progress notes would
    // only clutter it. serve keeps them, as a worker's log.
    if (options->verb != u"serve")
        engineLog().set_level(spdlog::level::warn);
    if (options->verb == u"serve")
        return serve(*options);
    if (options->verb == u"validate")
        return validate(*options);
    if (options->verb == u"run")
        return runOnce(*options);
    if (options->verb == u"agents")
        return runAgentsCommand(*options);
    if (options->verb == u"events")
        return runEventsCommand(*options);
    if (options->verb == u"keys")
        return runKeysCommand(*options);
    writeErr(QStringLiteral("nightshift: unknown command \"%1\"\nTry `nightshift --help`.\n")
                 .arg(options->verb));
    return ExitUsage;
}

} // namespace nightshift
