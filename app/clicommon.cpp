#include "clicommon.h"

#include "enginehost.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace nightshift {

std::optional<CliOptions> parseCliOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption store(QStringLiteral("store"), QString(), QStringLiteral("URL"));
    const QCommandLineOption agents(QStringLiteral("agents"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption agent(QStringLiteral("agent"), QString(), QStringLiteral("ID"));
    const QCommandLineOption format(QStringLiteral("format"), QString(), QStringLiteral("F"));
    const QCommandLineOption reason(QStringLiteral("reason"), QString(), QStringLiteral("TEXT"));
    const QCommandLineOption from(QStringLiteral("from"), QString(), QStringLiteral("SEQ"));
    const QCommandLineOption follow(QStringLiteral("follow"));
    const QCommandLineOption headless(QStringLiteral("headless"));
    const QCommandLineOption providerLimit(QStringLiteral("provider-limit"),
                                           QString(),
                                           QStringLiteral("PROVIDER=CONCURRENT/PER_MINUTE"));
    parser.addOptions(
        {store, agents, agent, format, reason, from, follow, headless, providerLimit});
    if (!parser.parse(arguments)) {
        writeErr(
            QStringLiteral("nightshift: %1\nTry `nightshift --help`.\n").arg(parser.errorText()));
        return std::nullopt;
    }
    CliOptions options;
    options.positional = parser.positionalArguments();
    options.verb = parser.isSet(headless) ? QStringLiteral("serve") : options.positional.value(0);
    if (!parser.isSet(headless) && !options.positional.isEmpty())
        options.positional.removeFirst();
    options.store = parser.value(store);
    options.agentsFile = parser.value(agents);
    options.agentId = parser.value(agent);
    options.reason = parser.value(reason);
    options.follow = parser.isSet(follow);
    if (parser.isSet(from)) {
        bool ok = false;
        options.fromSeq = parser.value(from).toLongLong(&ok);
        if (!ok || options.fromSeq < 0) {
            writeErr(QStringLiteral("nightshift: --from takes a sequence number (0 or more), got "
                                    "\"%1\"\n")
                         .arg(parser.value(from)));
            return std::nullopt;
        }
    }
    for (const QString &value : parser.values(providerLimit)) {
        const auto parsed = parseProviderLimit(value);
        if (!parsed) {
            writeErr(
                QStringLiteral("nightshift: --provider-limit: %1\n").arg(parsed.errorMessage()));
            return std::nullopt;
        }
        options.providerLimits.insert(parsed->first, parsed->second);
    }
    const QString formatName = parser.value(format);
    if (!formatName.isEmpty() && formatName != u"json" && formatName != u"text") {
        writeErr(QStringLiteral("nightshift: --format takes json or text, got \"%1\"\n")
                     .arg(formatName));
        return std::nullopt;
    }
    if (!formatName.isEmpty())
        options.text = formatName == u"text";
    return options;
}

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

void printParseErrors(const QString &file, const ConfigParseResult &parsed)
{
    for (const ConfigError &error : parsed.errors)
        writeErr(file + QStringLiteral(": ") + error.toString() + u'\n');
    writeErr(QCoreApplication::translate(
                 "cli", "%1: %n error(s); nothing was loaded\n", nullptr, int(parsed.errors.size()))
                 .arg(file));
}

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

} // namespace nightshift
