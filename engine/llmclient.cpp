#include "llmclient.h"

namespace nightshift {

LlmClient::LlmClient(QNetworkAccessManager *network, Scheduler *scheduler, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_scheduler(scheduler)
    , m_limiter(scheduler)
{}

LlmClient::~LlmClient()
{
    // The calls give their tickets back to m_limiter, so they must go before it does, not
    // with the QObject children after it.
    qDeleteAll(findChildren<LlmCall *>(Qt::FindDirectChildrenOnly));
}

LlmCall *LlmClient::send(const LlmEndpoint &endpoint,
                         const ChatRequest &request,
                         const QString &apiKey,
                         LlmCall::Done done,
                         LlmCall::TryReport onTry,
                         const LlmCallOptions &options,
                         LlmCall::QueueReport onQueued)
{
    auto *call = new LlmCall(m_network,
                             m_scheduler,
                             &m_limiter,
                             endpoint,
                             request,
                             apiKey,
                             options,
                             std::move(done),
                             std::move(onTry),
                             std::move(onQueued),
                             this);
    call->start();
    return call;
}

} // namespace nightshift
