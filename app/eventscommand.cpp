#include "eventscommand.h"

#include "routers.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimer>

#include <algorithm>

namespace nightshift {

namespace {

// A follower sees new events within this long of their being written.
constexpr auto FollowInterval = std::chrono::milliseconds(250);
constexpr int ReadChunk = 5000;

/// Reads a store's event logs forward from a cursor per agent; a CLI process reads what the
/// worker process writes.
class EventReader
{
public:
    EventReader(Store &store, const CliOptions &options)
        : m_store(store)
        , m_agentId(options.agentId)
        , m_fromSeq(std::max<qint64>(1, options.fromSeq))
        , m_text(options.text.value_or(false))
    {}

    /// Prints every event not printed yet, oldest first; false on a store error.
    bool printNew()
    {
        QStringList agents;
        if (!m_agentId.isEmpty()) {
            agents.append(m_agentId);
        } else {
            const Result<QList<StoredAgent>> stored = m_store.memory->loadAgents();
            if (!stored)
                return fail(stored.errorMessage());
            for (const StoredAgent &agent : stored.value())
                agents.append(agent.spec.agentId);
        }
        EventList batch;
        for (const QString &agentId : std::as_const(agents)) {
            qint64 &next = m_next.insert(agentId, m_next.value(agentId, m_fromSeq)).value();
            for (;;) {
                const Result<EventList> events = m_store.events->read(agentId, next, ReadChunk);
                if (!events)
                    return fail(events.errorMessage());
                if (events->isEmpty())
                    break;
                batch.append(events.value());
                next = events->last().seq + 1;
            }
        }
        std::stable_sort(batch.begin(), batch.end(), [](const Event &a, const Event &b) {
            return a.timestampMs < b.timestampMs;
        });
        QString out;
        for (const Event &event : std::as_const(batch))
            out += (m_text ? event.toText() : QString::fromStdString(event.toJson().dump()))
                   + u'\n';
        if (!out.isEmpty())
            writeOut(out);
        return true;
    }

private:
    bool fail(const QString &message)
    {
        writeErr(QStringLiteral("nightshift: %1\n").arg(message));
        return false;
    }

    Store &m_store;
    QString m_agentId;
    qint64 m_fromSeq;
    bool m_text;
    QHash<QString, qint64> m_next;
};

} // namespace

int runEventsCommand(const CliOptions &options)
{
    if (!options.positional.isEmpty()) {
        writeErr(QStringLiteral("nightshift: usage: nightshift events [--agent ID] [--from SEQ] "
                                "[--follow] [--store URL]\n"));
        return ExitUsage;
    }
    const Result<QString> url = commandStoreUrl(options);
    if (!url) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(url.errorMessage()));
        return ExitFailure;
    }
    Result<Store> store = openStore(*url, StoreRole::Client);
    if (!store) {
        writeErr(QStringLiteral("nightshift: %1\n").arg(store.errorMessage()));
        return ExitFailure;
    }
    if (!options.agentId.isEmpty()) {
        const Result<QList<StoredAgent>> agents = store->memory->loadAgents();
        const bool known
            = agents
              && std::any_of(agents->cbegin(), agents->cend(), [&](const StoredAgent &agent) {
                     return agent.spec.agentId == options.agentId;
                 });
        if (!known && store->events->lastSeq(options.agentId) == 0) {
            writeErr(QStringLiteral("nightshift: no agent \"%1\" in %2\n")
                         .arg(options.agentId, store->url));
            return ExitFailure;
        }
    }
    EventReader reader(store.value(), options);
    if (!reader.printNew())
        return ExitFailure;
    if (!options.follow)
        return ExitOk;

    int exitCode = ExitOk;
    QTimer poll;
    poll.setInterval(FollowInterval);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        if (!reader.printNew()) {
            exitCode = ExitFailure;
            QCoreApplication::quit();
        }
    });
    SignalWatcher watcher;
    QObject::connect(
        &watcher, &SignalWatcher::terminationRequested, &poll, [] { QCoreApplication::quit(); });
    poll.start();
    QCoreApplication::exec();
    return exitCode;
}

} // namespace nightshift
