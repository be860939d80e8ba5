#include "agentscommand.h"

#include "backgroundagentservice.h"
#include "commandprocessor.h"
#include "duetimes.h"
#include "enginehost.h"
#include "event.h"
#include "historycommand.h"
#include "scheduledescription.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QLocale>
#include <QThread>

namespace nightshift {

namespace {

// How long the CLI waits for a running worker to carry out a queued command.
constexpr int CommandTimeoutMs = 10'000;

const QStringList AgentVerbs = {QStringLiteral("delete"),
                                QStringLiteral("start"),
                                QStringLiteral("pause"),
                                QStringLiteral("resume"),
                                QStringLiteral("stop"),
                                QStringLiteral("run-now")};

QString localTime(qint64 ms)
{
    return ms > 0
               ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
               : QStringLiteral("-");
}

QString str(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

Result<QList<StoredAgent>> readAgents(const QString &url)
{
    Result<Store> store = openStore(url, StoreRole::Client);
    if (!store)
        return store.error();
    return store->memory->loadAgents();
}

int list(const CliOptions &options, const QString &url)
{
    const Result<QList<StoredAgent>> agents = readAgents(url);
    if (!agents) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(agents.errorMessage()));
        return ExitFailure;
    }
    if (!options.text.value_or(true)) {
        QString out;
        for (const StoredAgent &agent : agents.value())
            out += QString::fromStdString(agent.status.toJson().dump()) + u'\n';
        writeOut(out);
        return ExitOk;
    }
    QList<QStringList> rows = {{QStringLiteral("AGENT"),
                                QStringLiteral("STATE"),
                                QStringLiteral("SCHEDULE"),
                                QStringLiteral("NEXT RUN"),
                                QStringLiteral("RUNS"),
                                QStringLiteral("ERRORS"),
                                QStringLiteral("LAST")}};
    for (const StoredAgent &agent : agents.value()) {
        const AgentStatus &status = agent.status;
        rows.append({status.agentId,
                     stateName(status.state),
                     describeSchedule(agent.spec.schedule),
                     localTime(status.nextRunMs),
                     QString::number(status.runCount),
                     QString::number(status.errorCount),
                     status.lastOutcome.isEmpty() ? QStringLiteral("-") : status.lastOutcome});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    QString out;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row.at(c).leftJustified(widths[c] + 2) : row.at(c);
        out += line + u'\n';
    }
    writeOut(out);
    return ExitOk;
}

int show(const CliOptions &options, const QString &url, const QString &agentId)
{
    Result<Store> store = openStore(url, StoreRole::Client);
    if (!store) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(store.errorMessage()));
        return ExitFailure;
    }
    const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
    if (!agents) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(agents.errorMessage()));
        return ExitFailure;
    }
    const auto found = std::find_if(agents->cbegin(), agents->cend(), [&](const StoredAgent &a) {
        return a.spec.agentId == agentId;
    });
    if (found == agents->cend()) {
        writeErr(QStringLiteral("nightshift: no agent \"%1\" in %2\n").arg(agentId, store->url));
        return ExitFailure;
    }
    const Result<QList<RunRecord>> runs = store->memory->listRuns(agentId, 10);
    nlohmann::json runList = nlohmann::json::array();
    for (const RunRecord &run : runs.ok() ? runs.value() : QList<RunRecord>())
        runList.push_back(run.toJson());
    const Schedule &schedule = found->spec.schedule;
    // An interval counts from where the agent's phase was set, or from now before it starts.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 anchor = found->status.anchorMs > 0 ? found->status.anchorMs : now;
    const QList<qint64> nextRuns = upcomingDueTimes(schedule, anchor, now);
    if (!options.text.value_or(true)) {
        nlohmann::json nextList = nlohmann::json::array();
        for (const qint64 ms : nextRuns)
            nextList.push_back(isoTimestamp(ms).toStdString());
        const nlohmann::json all = {{"spec", found->spec.toJson()},
                                    {"revision", found->spec.revision},
                                    {"status", found->status.toJson()},
                                    {"next_runs", nextList},
                                    {"runs", runList}};
        writeOut(QString::fromStdString(all.dump()) + u'\n');
        return ExitOk;
    }
    const AgentStatus &status = found->status;
    QString out = QStringLiteral("%1 (revision %2)\n").arg(agentId).arg(found->spec.revision);
    out += QStringLiteral("  state      %1").arg(stateName(status.state));
    if (status.state == AgentState::Paused) {
        out += QStringLiteral(" since %1%2")
                   .arg(localTime(status.pausedAtMs),
                        status.pauseReason.isEmpty() ? QString()
                                                     : QStringLiteral(": ") + status.pauseReason);
        if (status.pausedUntilMs > 0)
            out += QStringLiteral(" (resumes at %1)").arg(localTime(status.pausedUntilMs));
    }
    out += u'\n';
    out += QStringLiteral("  schedule   %1\n").arg(describeSchedule(found->spec.schedule));
    out += QStringLiteral("  next run   %1\n").arg(localTime(status.nextRunMs));
    out += QStringLiteral("  runs       %1 (%2 errors, %3 in a row), average %4 ms\n")
               .arg(status.runCount)
               .arg(status.errorCount)
               .arg(status.consecutiveFailures)
               .arg(status.averageDurationMs());
    if (!status.lastError.isEmpty())
        out += QStringLiteral("  last error %1\n").arg(status.lastError);
    out += QStringLiteral("  next runs\n");
    // Machine-independent text, like the rest of the CLI's output.
    for (const qint64 ms : nextRuns)
        out += QStringLiteral("    ") + dueTimeText(ms, schedule.timeZone, QLocale::c()) + u'\n';
    if (nextRuns.isEmpty())
        out += QStringLiteral("    none\n");
    out += QStringLiteral("  config\n");
    for (const QString &line : QString::fromStdString(found->spec.toJson().dump(2)).split(u'\n'))
        out += QStringLiteral("    ") + line + u'\n';
    out += QStringLiteral("  last runs\n");
    for (const nlohmann::json &run : runList)
        out += QStringLiteral("    %1  %2  %3  %4 ms%5\n")
                   .arg(str(run.at("occurrence")),
                        str(run.at("origin")),
                        str(run.at("state")),
                        str(run.at("duration_ms")),
                        run.contains("error") ? QStringLiteral("  ") + str(run.at("error"))
                                              : QString());
    writeOut(out);
    return ExitOk;
}

void printAnswer(const CliOptions &options,
                 const StoreCommand &command,
                 const nlohmann::json &answer)
{
    if (!options.text.value_or(true)) {
        writeOut(QString::fromStdString(answer.dump()) + u'\n');
        return;
    }
    if (!answer.value("ok", false)) {
        writeErr(
            QStringLiteral("nightshift: %1\n").arg(str(answer.value("error", nlohmann::json()))));
        return;
    }
    if (answer.contains("run_id")) {
        writeOut(
            QStringLiteral("%1: run %2 started\n").arg(command.agentId, str(answer.at("run_id"))));
        return;
    }
    if (!answer.contains("status")) {
        writeOut(QStringLiteral("%1: %2d\n").arg(command.agentId, command.verb));
        return;
    }
    const nlohmann::json &status = answer.at("status");
    const nlohmann::json nextRun = status.value("next_run", nlohmann::json());
    writeOut(
        QStringLiteral("%1: %2%3\n")
            .arg(command.agentId,
                 str(status.at("state")),
                 nextRun.is_string() ? QStringLiteral(", next run ") + str(nextRun) : QString()));
}

/// Carries the commands out in this process when no worker owns the store, else hands them to
/// the worker through the store and waits for its answers.
int apply(const CliOptions &options, const QString &url, const QList<StoreCommand> &commands)
{
    EngineHost host;
    const Result<void> owned = host.start(url, EngineHost::Mode::Maintenance);
    bool allOk = true;
    if (owned) {
        QStringList runs;
        for (const StoreCommand &command : commands) {
            const nlohmann::json answer = host.call([&](BackgroundAgentService &service) {
                return CommandProcessor::execute(service, command);
            });
            printAnswer(options, command, answer);
            allOk = allOk && answer.value("ok", false);
            if (answer.contains("run_id"))
                runs.append(str(answer.at("run_id")));
        }
        if (runs.isEmpty())
            return allOk ? ExitOk : ExitFailure;
        // No worker runs the store: the run happens here, and the CLI waits for it.
        QObject::connect(
            &host, &EngineHost::runsFinished, &host, [&](const QList<RunRecord> &done) {
                for (const RunRecord &run : done) {
                    if (!runs.removeOne(run.runId))
                        continue;
                    allOk = allOk && run.state == RunState::Completed;
                    writeOut(QStringLiteral("%1: run %2 %3%4\n")
                                 .arg(run.agentId,
                                      run.runId,
                                      stateName(run.state),
                                      run.error.isEmpty() ? QString()
                                                          : QStringLiteral(": ") + run.error));
                }
                if (runs.isEmpty())
                    host.shutdown();
            });
        QObject::connect(&host, &EngineHost::drained, &host, [] { QCoreApplication::quit(); });
        QCoreApplication::exec();
        return allOk ? ExitOk : ExitFailure;
    }
    if (owned.error().code != ErrorCode::WrongState) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(owned.errorMessage()));
        return ExitFailure;
    }
    Result<Store> store = openStore(url, StoreRole::Client);
    if (!store) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(store.errorMessage()));
        return ExitFailure;
    }
    for (const StoreCommand &command : commands) {
        const Result<qint64> id = store->memory->submitCommand(command);
        if (!id) {
            writeErr(QStringLiteral("nightshift: %1\n").arg(id.errorMessage()));
            return ExitFailure;
        }
        QDeadlineTimer deadline(CommandTimeoutMs);
        nlohmann::json answer;
        while (answer.is_null() && !deadline.hasExpired()) {
            const Result<nlohmann::json> polled = store->memory->commandAnswer(id.value());
            if (polled && !polled->is_null()) {
                answer = polled.value();
                break;
            }
            // Another process answers; nothing in this one would wake us earlier.
            QThread::msleep(50);
        }
        if (answer.is_null()) {
            // Withdrawn rather than left queued: a command carried out hours later, when the
            // user has given up on it, would be worse than none.
            store->memory->answerCommand(
                id.value(), {{"ok", false}, {"error", "withdrawn: no answer in time"}});
            writeErr(QStringLiteral("nightshift: %1\nnightshift: it did not take the command "
                                    "within %2 s, so the command was withdrawn; try again\n")
                         .arg(owned.errorMessage())
                         .arg(CommandTimeoutMs / 1000));
            return ExitFailure;
        }
        printAnswer(options, command, answer);
        allOk = allOk && answer.value("ok", false);
    }
    return allOk ? ExitOk : ExitFailure;
}

} // namespace

int runAgentsCommand(const CliOptions &options)
{
    const QString sub = options.positional.value(0);
    const QString argument = options.positional.value(1);
    // The store is looked up (and its password asked of the keychain) only for a valid command.
    const auto onStore = [&options](const auto &command) {
        const Result<QString> url = commandStoreUrl(options);
        if (!url) {
            writeErr(QStringLiteral("nightshift: %1\n").arg(url.errorMessage()));
            return ExitFailure;
        }
        return command(*url);
    };
    const auto usage = [] {
        writeErr(QStringLiteral("nightshift: usage: nightshift agents list|show ID|history ID|"
                                "create FILE|update FILE|delete ID|start ID|pause ID "
                                "[--reason TEXT] [--until TIME]|resume ID|stop ID|run-now ID "
                                "[--store URL]\n"));
        return ExitUsage;
    };
    static const QStringList verbs = QStringList{QStringLiteral("list"),
                                                 QStringLiteral("show"),
                                                 QStringLiteral("history"),
                                                 QStringLiteral("create"),
                                                 QStringLiteral("update")}
                                     + AgentVerbs;
    if (!sub.isEmpty() && !verbs.contains(sub)) {
        writeErr(QStringLiteral("nightshift: unknown agents command \"%1\"\n").arg(sub));
        return usage();
    }
    if (sub == u"list")
        return options.positional.size() == 1
                   ? onStore([&](const QString &url) { return list(options, url); })
                   : usage();
    if (options.positional.size() != 2) {
        if (!sub.isEmpty() && options.positional.size() == 1)
            writeErr(QStringLiteral("nightshift: agents %1 needs %2\n")
                         .arg(sub,
                              sub == u"create" || sub == u"update"
                                  ? QStringLiteral("a FILE")
                                  : QStringLiteral("an agent ID")));
        return usage();
    }
    if (sub == u"show")
        return onStore([&](const QString &url) { return show(options, url, argument); });
    if (sub == u"history")
        return onStore(
            [&](const QString &url) { return printAgentHistory(options, url, argument); });
    QList<StoreCommand> commands;
    if (sub == u"create" || sub == u"update") {
        const ConfigParseResult parsed = parseAgentConfigFile(argument);
        if (!parsed.ok()) {
            printParseErrors(argument, parsed);
            return ExitFailure;
        }
        for (const AgentSpec &spec : parsed.agents)
            commands.append({0, sub, spec.agentId, {{"spec", spec.toJson()}}});
    } else if (AgentVerbs.contains(sub)) {
        nlohmann::json arguments = nlohmann::json::object();
        if (sub == u"pause" && !options.reason.isEmpty())
            arguments["reason"] = options.reason.toStdString();
        if (sub == u"pause" && options.untilMs > 0)
            arguments["until"] = options.untilMs;
        commands.append({0, sub, argument, arguments});
    } else {
        return usage();
    }
    return onStore([&](const QString &url) { return apply(options, url, commands); });
}

} // namespace nightshift
