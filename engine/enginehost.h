#pragma once

#include "agentspec.h"
#include "agentstatus.h"
#include "event.h"
#include "pricetable.h"
#include "requestlimiter.h"
#include "result.h"
#include "run.h"
#include "secretstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace nightshift {

class BackgroundAgentService;
class EngineCore;

/// Runs the engine on a thread of its own and speaks for it to the thread that owns the host
/// (the GUI's or the CLI's): calls go in as queued invocations, news comes out in batches.
class EngineHost final : public QObject
{
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    /// What the engine is started for.
    enum class Mode {
        Scheduler,   ///< Own the store, settle what a crash cut off, run agents, take commands.
        Maintenance, ///< Own the store and load its agents, without running any: for the CLI.
    };

    /// Starts the engine thread on the store a URL names, and waits until the engine runs.
    Result<void> start(const QString &storeUrl, Mode mode = Mode::Scheduler);
    /// Starts as start() does without waiting: a large fleet takes a while to load, and a
    /// window can show meanwhile. started() or startFailed() follows.
    void startInBackground(const QString &storeUrl, Mode mode = Mode::Scheduler);
    /// Whether startInBackground() has not finished yet.
    bool isStarting() const { return m_starting; }
    /// Where the LLM providers find API keys; set before start(). It is used on the engine
    /// thread. Without one, keys come from the environment.
    void setSecretStore(std::shared_ptr<SecretStore> secrets) { m_secrets = std::move(secrets); }
    /// Base URLs by provider id for agents whose model_config names none (the dashboard's
    /// Settings); set before start(). Without one, each provider's preset URL is used.
    void setProviderBaseUrls(const QHash<QString, QString> &urls) { m_baseUrls = urls; }
    /// Request limits by provider id (a provider not named has none), applied on the engine
    /// thread: from the start when set before start(), else at once. Requests over a limit
    /// wait their turn and say so with a `request_queued` event.
    void setProviderLimits(const QHash<QString, ProviderLimits> &limits);
    /// The limits last set.
    QHash<QString, ProviderLimits> providerLimits() const { return m_limits; }
    /// The most runs in progress at once across the fleet (0: no limit), applied on the engine
    /// thread: from the start when set before start(), else at once. Runs over it wait as
    /// queued runs with a `run_queued` event.
    void setMaxConcurrentRuns(int limit);
    /// The fleet run limit last set.
    int maxConcurrentRuns() const { return m_maxConcurrentRuns; }
    /// What the whole fleet may spend a day and a month (BackgroundAgentService::setFleetBudget),
    /// applied on the engine thread: from the start when set before start(), else at once.
    void setFleetBudget(const Budget &budget);
    /// The fleet budget last set.
    Budget fleetBudget() const { return m_fleetBudget; }
    /// The store the engine runs on, as it names itself.
    QString storeUrl() const { return m_storeUrl; }
    /// Whether start() succeeded, so call() may be used.
    bool isStarted() const { return m_started; }
    /// The prices runs are costed at (until set, the shipped ones), applied on the engine
    /// thread: from the start when set before start(), else at once.
    void setPriceTable(const PriceTable &prices);

    /// Runs fn with the service on the engine thread and waits for its answer; only after a
    /// successful start().
    template<typename F>
    auto call(F &&fn) -> std::invoke_result_t<F, BackgroundAgentService &>
    {
        using R = std::invoke_result_t<F, BackgroundAgentService &>;
        if constexpr (std::is_void_v<R>) {
            invokeBlocking([&](BackgroundAgentService &service) { fn(service); });
        } else {
            std::optional<R> answer;
            invokeBlocking([&](BackgroundAgentService &service) { answer.emplace(fn(service)); });
            return std::move(*answer);
        }
    }

    /// Asks the service to drain; drained() follows once running runs have finished.
    void shutdown();

Q_SIGNALS:
    /// New events, in order, at most about ten batches a second.
    void eventsAppended(const nightshift::EventList &events);
    /// Agents whose status changed since the last batch.
    void agentsUpdated(const QList<nightshift::AgentStatus> &statuses);
    /// Runs that ended (including skipped occurrences) since the last batch.
    void runsFinished(const QList<nightshift::RunRecord> &runs);
    void storeError(const QString &message);
    /// The store became unreachable (events are buffered meanwhile) or reachable again.
    void storeOnlineChanged(bool online);
    /// Another process took the store over; this engine stopped scheduling.
    void ownershipLost(const QString &holder);
    void drained();
    /// The engine runs: call() may be used from now on.
    void started();
    /// startInBackground() failed; message says why and what to do.
    void startFailed(const QString &message);

private:
    /// Opens the store and starts the engine; runs on the engine thread, and returns the core
    /// for the host thread to adopt.
    Result<EngineCore *> startCore(const QString &storeUrl, Mode mode);
    /// On the host thread: what startCore() returned becomes the host's.
    Result<void> adopt(const Result<EngineCore *> &core);
    void invokeBlocking(const std::function<void(BackgroundAgentService &)> &fn);

    QThread m_thread;
    std::shared_ptr<SecretStore> m_secrets = std::make_shared<EnvironmentSecretStore>();
    QHash<QString, QString> m_baseUrls;
    QHash<QString, ProviderLimits> m_limits;
    int m_maxConcurrentRuns = 0;
    Budget m_fleetBudget;
    PriceTable m_prices = PriceTable::shipped();
    QPointer<EngineCore> m_core;
    QString m_storeUrl;
    bool m_started = false;
    bool m_starting = false;
};

} // namespace nightshift
