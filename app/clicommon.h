#pragma once

#include "agentspec.h"
#include "requestlimiter.h"
#include "result.h"

#include <QHash>

#include <QString>
#include <QStringList>

#include <optional>

namespace nightshift {

class AppSettings;
class EngineHost;
class SecretStore;

inline constexpr int ExitOk = 0;
inline constexpr int ExitFailure = 1;
inline constexpr int ExitUsage = 2;

/// The command line, parsed once for every verb.
struct CliOptions
{
    QString verb;
    QStringList positional;
    QString store;            ///< As given with --store; empty when not given.
    QString agentsFile;       ///< --agents
    QString agentId;          ///< --agent
    QString reason;           ///< --reason
    qint64 untilMs = 0;       ///< --until, as an instant; 0 when not given
    qint64 fromSeq = 1;       ///< --from
    bool follow = false;      ///< --follow
    std::optional<bool> text; ///< --format (--json): text or json (false); unset when not given
    QHash<QString, ProviderLimits> providerLimits; ///< --provider-limit, by provider id
    std::optional<int> maxConcurrentRuns;          ///< --max-concurrent-runs; unset when not given
    /// --fleet-budget's parts (checked, and joined when repeated), to read over the saved budget
    /// with parseBudgetText(); empty when not given.
    QString fleetBudget;

    // agents history
    int limit = 50;              ///< --limit
    qint64 sinceMs = 0;          ///< --since, as a time; 0 when not given
    bool notAsScheduled = false; ///< --not-as-scheduled
    bool utc = false;            ///< --utc

    /// The --store URL, or fallback.
    QString storeOr(const QString &fallback) const { return store.isEmpty() ? fallback : store; }
};

/// The store saved in settings (Settings → Store) with its password put back from secrets,
/// waiting for the keychain in a local event loop; an error names the store and what to do.
Result<QString> savedStoreUrl(AppSettings &settings, SecretStore &secrets);

/// The store a command opens: --store as given, else the one saved in Settings.
Result<QString> commandStoreUrl(const CliOptions &options);

/// A time as the CLI takes it: a delay from nowMs (`90s`, `30m`, `2h`, `1d`, `1h30m`) or an
/// ISO 8601 date and time (without an offset: local time).
std::optional<qint64> parseTimeOrDelay(const QString &text, qint64 nowMs);

/// Parses the arguments; prints what is wrong and returns nothing on a usage error.
std::optional<CliOptions> parseCliOptions(const QStringList &arguments);

/// A point in time as --since takes it: ISO 8601 (local time unless it names a zone, or UTC
/// when utc) or a span back from nowMs ("90s", "30m", "24h", "7d", "1d12h").
std::optional<qint64> parseSinceTime(const QString &text, qint64 nowMs, bool utc);

/// Writes to stdout or stderr at once, so output interleaves correctly with other processes.
void writeOut(const QString &text);
void writeErr(const QString &text);

/// Prints every error of a config file to stderr.
void printParseErrors(const QString &file, const ConfigParseResult &parsed);

/// Prints what the engine reports, one line per event (JSON or text), on the CLI's thread.
void printEvents(EngineHost &host, bool text);

} // namespace nightshift
