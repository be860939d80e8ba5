#pragma once

#include "agentspec.h"
#include "clock.h"
#include "llmclient.h"
#include "result.h"
#include "scheduler.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <functional>

namespace nightshift {

/// What a provider check found: which model answered, and how fast.
struct ProviderCheckReply
{
    QString model;
    qint64 durationMs = 0;
};

/// One real chat request to a provider, to tell whether its base URL, key and model work
/// before an agent depends on them (Settings → Providers → Test). It asks for a two-word answer
/// with no retries, so a wrong key or URL shows at once and the check costs a handful of tokens.
/// It lives on the thread that uses it, which must run an event loop.
class ProviderCheck final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<ProviderCheckReply>)>;

    /// How long the check waits for the answer.
    static constexpr qint64 TimeoutMs = 30'000;

    explicit ProviderCheck(QObject *parent = nullptr);
    ~ProviderCheck() override;

    /// Sends one request for config's provider, base URL and model with apiKey (which may be
    /// empty for local servers). done gets the outcome exactly once, never before start()
    /// returns, unless abort() comes first or the check is destroyed; starting another check
    /// aborts the one running.
    void start(const ModelConfig &config, const QString &apiKey, Done done);
    /// Forgets the running check; its done is not called.
    void abort();
    /// Whether a check is waiting for its answer.
    bool isRunning() const { return !m_call.isNull(); }

private:
    void finishLater(Error error, Done done);

    QNetworkAccessManager m_network;
    SystemClock m_clock;
    Scheduler m_scheduler;
    LlmClient m_client;
    QPointer<LlmCall> m_call;
    quint64 m_generation = 0; ///< Bumped by abort(), so an early answer already queued is dropped.
};

} // namespace nightshift
