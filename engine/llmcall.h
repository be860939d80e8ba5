#pragma once

#include "chatcodec.h"
#include "conversation.h"
#include "providerpresets.h"
#include "requestlimiter.h"
#include "result.h"
#include "scheduler.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace nightshift {

/// How patient one LLM call is.
struct LlmCallOptions
{
    qint64 timeoutMs = 120'000; ///< Per HTTP try, from sending to the reply's last byte.
    int maxRetries = 3;         ///< Further tries after a 408, 429, 5xx or dropped connection.
    qint64 retryBaseMs = 1'000; ///< The first backoff; it doubles per retry.
    qint64 retryMaxMs = 60'000; ///< Backoff cap; a longer `Retry-After` ends the call.
    qint64 maxReplyBytes = 8 * 1024 * 1024; ///< A longer reply is an error, not read further.
};

/// One HTTP try of a call, for `llm_request`/`llm_response` style events.
struct LlmTry
{
    int number = 1;        ///< 1 for the first try.
    int httpStatus = 0;    ///< 0 when no HTTP response came (refused, dropped, timed out).
    qint64 durationMs = 0; ///< In the scheduler's clock.
    qint64 replyBytes = 0;
    QString error;         ///< Empty when this try produced the reply; never holds the key.
    qint64 retryInMs = -1; ///< When another try follows: after this wait. Else -1.
};

/// A try that waits for its provider's limits (RequestLimiter), for `request_queued` events.
struct LlmQueued
{
    QString providerId;
    RequestWait reason = RequestWait::Concurrency;
    int position = 1;  ///< 1 when it is next in its provider's line.
    int tryNumber = 1; ///< 1 for the first try; a retry waits for the per-minute window only.
};

/// One chat request in flight, retries included. Made by LlmClient::send(), it lives on the
/// client's thread and deletes itself (later) once it has finished or was aborted; hold it in
/// a QPointer.
class LlmCall final : public QObject
{
    Q_OBJECT
public:
    /// Gets the reply or the error, exactly once, unless the call was aborted.
    using Done = std::function<void(Result<ChatReply>)>;
    /// Gets each HTTP try as it ends, before a retry waits or done is called.
    using TryReport = std::function<void(const LlmTry &)>;
    /// Gets each wait for a provider limit as it begins; the try goes once the limit allows.
    using QueueReport = std::function<void(const LlmQueued &)>;

    ~LlmCall() override;

    /// Cancels the request (and any pending retry) at once; done is never called after this.
    void abort();
    bool isFinished() const { return m_finished; }
    /// HTTP tries started so far.
    int tries() const { return m_try; }
    /// Whether a try waits for its provider's limits.
    bool isQueued() const { return m_queued; }

private:
    friend class LlmClient;

    LlmCall(QNetworkAccessManager *network,
            Scheduler *scheduler,
            RequestLimiter *limiter,
            LlmEndpoint endpoint,
            ChatRequest request,
            QString apiKey,
            LlmCallOptions options,
            Done done,
            TryReport onTry,
            QueueReport onQueued,
            QObject *parent);

    void start();
    void startTry();
    void reportQueued(const RequestLimiter::Wait &wait);
    void checkHeaders();
    void readBody();
    void handleFinished();
    void handleTimeout();
    void failTooLarge(qint64 bytes, bool declared);
    void retryOrFail(LlmTry report, Error error, std::optional<qint64> retryAfter);
    void report(LlmTry attempt);
    void finish(Result<ChatReply> result);
    void finishLater(Error error);
    void dropReply();
    LlmTry currentTry(int status, const QString &error) const;
    Error scrubbed(Error error) const;

    QNetworkAccessManager *m_network;
    Scheduler *m_scheduler;
    RequestLimiter *m_limiter;
    LlmEndpoint m_endpoint;
    ChatRequest m_request;
    QString m_apiKey;
    LlmCallOptions m_options;
    Done m_done;
    TryReport m_onTry;
    QueueReport m_onQueued;
    HttpPost m_post;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    Scheduler::TimerId m_timeout = 0;
    Scheduler::TimerId m_retry = 0;
    RequestLimiter::Ticket m_ticket = 0;
    qint64 m_startedMs = 0;
    qint64 m_tryStartedMs = 0;
    int m_try = 0;
    bool m_queued = false;
    bool m_finished = false;
};

} // namespace nightshift
