#pragma once

#include "agentstatus.h"
#include "enginehost.h"
#include "event.h"
#include "requestlimiter.h"
#include "routers.h"
#include "run.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <memory>

namespace nightshift {

class BackgroundAgentService;
class Clock;
class LlmClient;
class SecretStore;
class CommandProcessor;
class Scheduler;
class ToolRegistry;

/// Everything that lives on the engine thread, built and destroyed there, with the batching
/// of what the service reports for other threads.
class EngineCore final : public QObject
{
    Q_OBJECT
public:
    /// secrets answers the LLM providers' key lookups; it must outlive the core. baseUrls are
    /// the providers' base URLs for agents that name none (ChatServices::baseUrls).
    EngineCore(Store store,
               SecretStore *secrets,
               const QHash<QString, QString> &baseUrls = {},
               QObject *parent = nullptr);
    ~EngineCore() override;

    BackgroundAgentService &service() { return *m_service; }
    const Store &store() const { return m_store; }
    /// Replaces every provider's request limits (RequestLimiter::setAllLimits).
    void setProviderLimits(const QHash<QString, ProviderLimits> &limits);
    /// Loads the agents (and in Scheduler mode runs them), and takes other processes' commands.
    Result<void> start(EngineHost::Mode mode);

Q_SIGNALS:
    void eventsAppended(const nightshift::EventList &events);
    void agentsUpdated(const QList<nightshift::AgentStatus> &statuses);
    void runsFinished(const QList<nightshift::RunRecord> &runs);
    void drained();

private:
    void flush();

    Store m_store;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<ToolRegistry> m_tools;
    QNetworkAccessManager m_network;
    std::unique_ptr<LlmClient> m_llm;
    std::unique_ptr<BackgroundAgentService> m_service;
    std::unique_ptr<CommandProcessor> m_commands;
    QTimer m_flushTimer;
    EventList m_pendingEvents;
    QHash<QString, AgentStatus> m_pendingStatuses;
    QList<RunRecord> m_pendingRuns;
};

} // namespace nightshift
