#include "clicommon.h"

#include "appsettings.h"
#include "budgettext.h"
#include "enginehost.h"
#include "keychainsecretstore.h"
#include "log.h"
#include "storepassword.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimeZone>

#include <cstdio>

namespace nightshift {

namespace {

/// A span such as 90s, 30m or 1d12h in milliseconds; nothing when the text is not one.
std::optional<qint64> spanMs(const QString &text)
{
    // Qt has no parser for durations; this reads one or more <number><unit> parts.
    static const QRegularExpression span(QStringLiteral("^(?:\\d+[smhd])+$"));
    static const QRegularExpression part(QStringLiteral("(\\d+)([smhd])"));
    if (!span.match(text).hasMatch())
        return std::nullopt;
    qint64 total = 0;
    for (const QRegularExpressionMatch &match : part.globalMatch(text)) {
        const qint64 unit = match.captured(2) == u"s"   ? 1'000
                            : match.captured(2) == u"m" ? 60'000
                            : match.captured(2) == u"h" ? 3'600'000
                                                        : 86'400'000;
        bool ok = false;
        const qint64 count = match.captured(1).toLongLong(&ok);
        if (!ok || count > 100'000'000)
            return std::nullopt;
        total += count * unit;
    }
    return total;
}

} // namespace

Result<QString> savedStoreUrl(AppSettings &settings, SecretStore &secrets)
{
    QEventLoop loop;
    std::optional<Result<SavedStoreUrl>> saved;
    loadStoreUrl(&settings, &secrets, &loop, [&](Result<SavedStoreUrl> loaded) {
        saved = std::move(loaded);
        loop.quit();
    });
    loop.exec();
    if (!*saved)
        return saved->error();
    if (!(*saved)->notice.isEmpty())
        engineLog().warn("the store's password stays in the settings file: {}",
                         (*saved)->notice.toStdString());
    return (*saved)->url;
}

Result<QString> commandStoreUrl(const CliOptions &options)
{
    if (!options.store.isEmpty())
        return options.store;
    AppSettings settings;
    return savedStoreUrl(settings, *appSecretStore());
}

std::optional<qint64> parseTimeOrDelay(const QString &text, qint64 nowMs)
{
    const QString trimmed = text.trimmed();
    if (const std::optional<qint64> delay = spanMs(trimmed))
        return *delay > 0 ? std::optional<qint64>(nowMs + *delay) : std::nullopt;
    const QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

std::optional<CliOptions> parseCliOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption store(QStringLiteral("store"), QString(), QStringLiteral("URL"));
    const QCommandLineOption agents(QStringLiteral("agents"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption agent(QStringLiteral("agent"), QString(), QStringLiteral("ID"));
    const QCommandLineOption format(QStringLiteral("format"), QString(), QStringLiteral("F"));
    const QCommandLineOption reason(QStringLiteral("reason"), QString(), QStringLiteral("TEXT"));
    const QCommandLineOption until(QStringLiteral("until"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption from(QStringLiteral("from"), QString(), QStringLiteral("SEQ"));
    const QCommandLineOption follow(QStringLiteral("follow"));
    const QCommandLineOption headless(QStringLiteral("headless"));
    const QCommandLineOption providerLimit(QStringLiteral("provider-limit"),
                                           QString(),
                                           QStringLiteral("PROVIDER=CONCURRENT/PER_MINUTE"));
    const QCommandLineOption maxConcurrentRuns(
        QStringLiteral("max-concurrent-runs"), QString(), QStringLiteral("N"));
    const QCommandLineOption fleetBudget(
        QStringLiteral("fleet-budget"), QString(), QStringLiteral("NAME=VALUE,..."));
    const QCommandLineOption limit(QStringLiteral("limit"), QString(), QStringLiteral("N"));
    const QCommandLineOption since(QStringLiteral("since"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption notAsScheduled(QStringLiteral("not-as-scheduled"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption utc(QStringLiteral("utc"));
    parser.addOptions({store,
                       agents,
                       agent,
                       format,
                       reason,
                       until,
                       from,
                       follow,
                       headless,
                       providerLimit,
                       maxConcurrentRuns,
                       fleetBudget,
                       limit,
                       since,
                       notAsScheduled,
                       json,
                       utc});
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
    if (parser.isSet(until)) {
        const std::optional<qint64> instant
            = parseTimeOrDelay(parser.value(until), QDateTime::currentMSecsSinceEpoch());
        if (!instant) {
            writeErr(QStringLiteral("nightshift: --until takes a delay such as 2h, 30m or 1d12h, "
                                    "or a time such as 2026-11-25T08:00, got \"%1\"\n")
                         .arg(parser.value(until)));
            return std::nullopt;
        }
        options.untilMs = *instant;
    }
    options.notAsScheduled = parser.isSet(notAsScheduled);
    options.utc = parser.isSet(utc);
    if (parser.isSet(limit)) {
        bool ok = false;
        options.limit = parser.value(limit).toInt(&ok);
        if (!ok || options.limit < 1) {
            writeErr(QStringLiteral("nightshift: --limit takes a number (1 or more), got \"%1\"\n")
                         .arg(parser.value(limit)));
            return std::nullopt;
        }
    }
    if (parser.isSet(since)) {
        const std::optional<qint64> sinceMs
            = parseSinceTime(parser.value(since), QDateTime::currentMSecsSinceEpoch(), options.utc);
        if (!sinceMs) {
            writeErr(QStringLiteral("nightshift: --since takes an ISO 8601 time "
                                    "(2026-01-31T18:00) or a span back from now (30m, 24h, 7d), "
                                    "got \"%1\"\n")
                         .arg(parser.value(since)));
            return std::nullopt;
        }
        options.sinceMs = *sinceMs;
    }
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
    if (parser.isSet(maxConcurrentRuns)) {
        bool ok = false;
        const int runs = parser.value(maxConcurrentRuns).toInt(&ok);
        if (!ok || runs < 0) {
            writeErr(QStringLiteral("nightshift: --max-concurrent-runs takes a number of runs (0 "
                                    "for no limit), got \"%1\"\n")
                         .arg(parser.value(maxConcurrentRuns)));
            return std::nullopt;
        }
        options.maxConcurrentRuns = runs;
    }
    if (parser.isSet(fleetBudget)) {
        options.fleetBudget = parser.values(fleetBudget).join(u',');
        if (const Result<Budget> parsed = parseBudgetText(options.fleetBudget); !parsed) {
            writeErr(QStringLiteral("nightshift: --fleet-budget: %1\n").arg(parsed.errorMessage()));
            return std::nullopt;
        }
    }
    const QString formatName = parser.value(format);
    if (!formatName.isEmpty() && formatName != u"json" && formatName != u"text") {
        writeErr(QStringLiteral("nightshift: --format takes json or text, got \"%1\"\n")
                     .arg(formatName));
        return std::nullopt;
    }
    if (parser.isSet(json) && formatName == u"text") {
        writeErr(QStringLiteral("nightshift: --json and --format text contradict each other\n"));
        return std::nullopt;
    }
    if (!formatName.isEmpty())
        options.text = formatName == u"text";
    if (parser.isSet(json))
        options.text = false;
    return options;
}

std::optional<qint64> parseSinceTime(const QString &text, qint64 nowMs, bool utc)
{
    const QString trimmed = text.trimmed();
    // A span reaching back before the epoch asks for everything.
    if (const std::optional<qint64> back = spanMs(trimmed))
        return std::max<qint64>(1, nowMs - *back);
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    // A time without a zone is the user's local time, or UTC when they asked for UTC.
    if (utc && time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), QTimeZone::utc());
    return time.toMSecsSinceEpoch();
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
