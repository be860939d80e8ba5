#pragma once

#include "llmcall.h"
#include "requestlimiter.h"

#include <QObject>

class QNetworkAccessManager;

namespace nightshift {

class Scheduler;

/// Sends chat requests to LLM providers over one QNetworkAccessManager, asynchronously, on
/// the thread both live on (the engine's). Retries, timeouts and their waits run on the
/// Scheduler, so tests drive them in simulated time. Each provider's request limits
/// (limiter()) hold a request back until it may go; a retry counts as another request.
///
/// A provider built on it sends, gets each try reported, and gets the reply or an error:
/// \code
/// auto endpoint = resolveEndpoint(spec.model);               // once per attempt
/// ChatRequest request = ChatRequest::forModel(spec.model);
/// request.systemInstruction = spec.systemInstruction;
/// request.messages = memory;                                 // Conversation from JSON
/// request.messages.append(ChatMessage::user(spec.task.query));
/// request.tools = descriptorsOfTheAgentsTools;
/// QPointer<LlmCall> call = client.send(*endpoint, request, key,
///     [](Result<ChatReply> reply) { ...append reply->toMessage(), run reply->toolCalls... },
///     [](const LlmTry &t) { ...emit an event with t.httpStatus, t.durationMs... },
///     callOptions,
///     [](const LlmQueued &q) { ...emit request_queued with q.reason, q.position... });
/// attempt->onAbort([call] { if (call) call->abort(); });
/// \endcode
class LlmClient final : public QObject
{
    Q_OBJECT
public:
    LlmClient(QNetworkAccessManager *network, Scheduler *scheduler, QObject *parent = nullptr);
    ~LlmClient() override;

    /// Starts request to endpoint with apiKey (kept out of URLs, logs and error messages).
    /// done gets the reply or an error that says what to fix, exactly once and never before
    /// send() returns, unless the call is aborted; calls still running when the client is
    /// destroyed are aborted. A try that must wait for the provider's limits is reported to
    /// onQueued (the first possibly before send() returns) and sent when they allow.
    LlmCall *send(const LlmEndpoint &endpoint,
                  const ChatRequest &request,
                  const QString &apiKey,
                  LlmCall::Done done,
                  LlmCall::TryReport onTry = {},
                  const LlmCallOptions &options = {},
                  LlmCall::QueueReport onQueued = {});

    /// The per-provider request limits every call of this client keeps to; none until set.
    RequestLimiter &limiter() { return m_limiter; }

private:
    QNetworkAccessManager *m_network;
    Scheduler *m_scheduler;
    RequestLimiter m_limiter;
};

} // namespace nightshift
