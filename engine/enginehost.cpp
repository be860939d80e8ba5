#include "enginehost.h"

#include "backgroundagentservice.h"
#include "chatprovider.h"
#include "clock.h"
#include "commandprocessor.h"
#include "enginecore.h"
#include "llmclient.h"
#include "redisconnection.h"
#include "redisownerlease.h"
#include "redisstore.h"
#include "scheduler.h"
#include "toolregistry.h"

#include <QMetaObject>

#include <algorithm>

namespace nightshift {

namespace {

// Ten batches a second keeps a view live without letting an event flood swamp its thread.
constexpr auto FlushInterval = std::chrono::milliseconds(100);

} // namespace

EngineCore::EngineCore(Store store,
                       SecretStore *secrets,
                       const QHash<QString, QString> &baseUrls,
                       QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_clock(std::make_unique<SystemClock>())
    , m_scheduler(std::make_unique<Scheduler>(m_clock.get()))
    , m_tools(ToolRegistry::withBuiltins())
    , m_llm(std::make_unique<LlmClient>(&m_network, m_scheduler.get()))
    , m_service(std::make_unique<BackgroundAgentService>(
          m_store.memory.get(), m_store.events.get(), m_scheduler.get(), m_tools.get()))
{
    auto services = std::make_shared<ChatServices>();
    services->client = m_llm.get();
    services->secrets = secrets;
    services->memory = m_store.memory.get();
    services->baseUrls = baseUrls;
    for (std::unique_ptr<Provider> &provider : ChatProvider::all(services))
        m_service->addProvider(std::move(provider));

    m_flushTimer.setInterval(FlushInterval);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EngineCore::flush);
    connect(m_service.get(), &BackgroundAgentService::eventAppended, this, [this](const Event &e) {
        m_pendingEvents.append(e);
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
    });
    connect(m_service.get(),
            &BackgroundAgentService::agentStatusChanged,
            this,
            [this](const AgentStatus &status) {
                m_pendingStatuses.insert(status.agentId, status);
                if (!m_flushTimer.isActive())
                    m_flushTimer.start();
            });
    connect(
        m_service.get(), &BackgroundAgentService::runFinished, this, [this](const RunRecord &r) {
            m_pendingRuns.append(r);
            if (!m_flushTimer.isActive())
                m_flushTimer.start();
        });
    connect(m_service.get(), &BackgroundAgentService::drained, this, [this] {
        // Everything the drained runs reported goes out before the news that they are done.
        flush();
        Q_EMIT drained();
    });
}

EngineCore::~EngineCore()
{
    m_commands.reset();
    m_service.reset();
}

Result<void> EngineCore::start(EngineHost::Mode mode)
{
    const Result<void> started = mode == EngineHost::Mode::Scheduler
                                     ? m_service->startManager()
                                     : m_service->loadStoredAgents();
    if (!started)
        return started;
    // Whoever holds the store answers the other processes' commands, a CLI included.
    m_commands = std::make_unique<CommandProcessor>(m_store.memory.get(), m_service.get());
    return {};
}

void EngineCore::setProviderLimits(const QHash<QString, ProviderLimits> &limits)
{
    m_llm->limiter().setAllLimits(limits);
}

void EngineCore::flush()
{
    m_flushTimer.stop();
    if (!m_pendingEvents.isEmpty())
        Q_EMIT eventsAppended(std::exchange(m_pendingEvents, {}));
    if (!m_pendingStatuses.isEmpty())
        Q_EMIT agentsUpdated(std::exchange(m_pendingStatuses, {}).values());
    if (!m_pendingRuns.isEmpty())
        Q_EMIT runsFinished(std::exchange(m_pendingRuns, {}));
}

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<nightshift::Event>();
    qRegisterMetaType<nightshift::EventList>();
    qRegisterMetaType<nightshift::AgentStatus>();
    qRegisterMetaType<QList<nightshift::AgentStatus>>();
    qRegisterMetaType<nightshift::RunRecord>();
    qRegisterMetaType<QList<nightshift::RunRecord>>();
    m_thread.setObjectName(QStringLiteral("nightshift-engine"));
}

EngineHost::~EngineHost()
{
    m_thread.quit();
    m_thread.wait();
}

Result<void> EngineHost::start(const QString &storeUrl, Mode mode)
{
    if (m_thread.isRunning())
        return makeError(ErrorCode::WrongState, QStringLiteral("the engine is already running"));
    m_thread.start();
    std::optional<Result<EngineCore *>> core;
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    // Host thread → engine thread: the store and the core are built on the thread that uses them.
    QMetaObject::invokeMethod(
        context,
        [this, &core, storeUrl, mode] { core.emplace(startCore(storeUrl, mode)); },
        Qt::BlockingQueuedConnection);
    context->deleteLater();
    return adopt(*core);
}

void EngineHost::startInBackground(const QString &storeUrl, Mode mode)
{
    if (m_thread.isRunning()) {
        Q_EMIT startFailed(QStringLiteral("the engine is already running"));
        return;
    }
    m_starting = true;
    m_thread.start();
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    // Host thread → engine thread, and the answer back as a queued call: it arrives before any
    // batch the started engine sends, since those wait for the engine thread's next turn.
    QMetaObject::invokeMethod(
        context,
        [this, context, storeUrl, mode] {
            const Result<EngineCore *> core = startCore(storeUrl, mode);
            QMetaObject::invokeMethod(
                this,
                [this, core] {
                    m_starting = false;
                    if (const Result<void> adopted = adopt(core); !adopted)
                        Q_EMIT startFailed(adopted.errorMessage());
                },
                Qt::QueuedConnection);
            context->deleteLater();
        },
        Qt::QueuedConnection);
}

Result<EngineCore *> EngineHost::startCore(const QString &storeUrl, Mode mode)
{
    Result<Store> store = openStore(storeUrl, StoreRole::Owner);
    if (!store)
        return store.error();
    auto *core = new EngineCore(std::move(store).value(), m_secrets.get(), m_baseUrls);
    core->setProviderLimits(m_limits);
    // The runs the start settles or begins already count against the fleet's limits.
    core->service().setMaxConcurrentRuns(m_maxConcurrentRuns);
    core->service().setFleetBudget(m_fleetBudget);
    // Runs the start settles or begins are costed at the table set before it.
    core->service().setPriceTable(m_prices);
    if (const Result<void> started = core->start(mode); !started) {
        delete core;
        return started.error();
    }
    // The core and everything it owns are destroyed on the thread they live on.
    connect(&m_thread, &QThread::finished, core, &QObject::deleteLater);
    // Engine thread → host thread: each batch crosses as a queued signal.
    connect(core, &EngineCore::eventsAppended, this, &EngineHost::eventsAppended);
    connect(core, &EngineCore::agentsUpdated, this, &EngineHost::agentsUpdated);
    connect(core, &EngineCore::runsFinished, this, &EngineHost::runsFinished);
    connect(core, &EngineCore::drained, this, &EngineHost::drained);
    connect(&core->service(), &BackgroundAgentService::storeError, this, &EngineHost::storeError);
    if (RedisConnection *redis = redisConnection(core->store())) {
        connect(redis, &RedisConnection::onlineChanged, this, &EngineHost::storeOnlineChanged);
        connect(redis, &RedisConnection::onlineChanged, core, [core](bool online) {
            core->service().setStoreOnline(online);
        });
    }
    if (RedisOwnerLease *lease = redisOwnerLease(core->store())) {
        // Two schedulers on one store would double runs: the one that lost stops.
        connect(lease, &RedisOwnerLease::lost, core, [core] { core->service().shutdown(); });
        connect(lease, &RedisOwnerLease::lost, this, &EngineHost::ownershipLost);
    }
    return core;
}

Result<void> EngineHost::adopt(const Result<EngineCore *> &core)
{
    if (!core) {
        m_thread.quit();
        m_thread.wait();
        return core.error();
    }
    m_core = core.value();
    m_storeUrl = m_core->store().url;
    m_started = true;
    Q_EMIT started();
    return {};
}

void EngineHost::setProviderLimits(const QHash<QString, ProviderLimits> &limits)
{
    m_limits = limits;
    if (!m_core)
        return;
    // Host thread → engine thread: the limiter lives, and is used, there.
    QMetaObject::invokeMethod(
        m_core.data(),
        [core = m_core.data(), limits] { core->setProviderLimits(limits); },
        Qt::QueuedConnection);
}

void EngineHost::setMaxConcurrentRuns(int limit)
{
    m_maxConcurrentRuns = std::max(limit, 0);
    if (!m_core)
        return;
    // Host thread → engine thread: the service counts running attempts there.
    QMetaObject::invokeMethod(
        m_core.data(),
        [core = m_core.data(), limit = m_maxConcurrentRuns] {
            core->service().setMaxConcurrentRuns(limit);
        },
        Qt::QueuedConnection);
}

void EngineHost::setFleetBudget(const Budget &budget)
{
    m_fleetBudget = budget;
    if (!m_core)
        return;
    // Host thread → engine thread: the service checks budgets there before each run.
    QMetaObject::invokeMethod(
        m_core.data(),
        [core = m_core.data(), budget] { core->service().setFleetBudget(budget); },
        Qt::QueuedConnection);
}

void EngineHost::shutdown()
{
    if (!m_core)
        return;
    // Host thread → engine thread: draining happens where the runs live.
    QMetaObject::invokeMethod(
        m_core.data(), [core = m_core] { core->service().shutdown(); }, Qt::QueuedConnection);
}

void EngineHost::setPriceTable(const PriceTable &prices)
{
    m_prices = prices;
    if (!m_core)
        return;
    // Host thread → engine thread: the service costs runs there.
    QMetaObject::invokeMethod(
        m_core.data(),
        [core = m_core.data(), prices] { core->service().setPriceTable(prices); },
        Qt::QueuedConnection);
}

void EngineHost::invokeBlocking(const std::function<void(BackgroundAgentService &)> &fn)
{
    Q_ASSERT_X(m_core, "EngineHost::call", "the engine has not started");
    // Host thread → engine thread, waiting for the answer.
    QMetaObject::invokeMethod(
        m_core.data(), [this, &fn] { fn(m_core->service()); }, Qt::BlockingQueuedConnection);
}

} // namespace nightshift
