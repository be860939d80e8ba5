#include "llmclient.h"

namespace nightshift {

LlmClient::LlmClient(QNetworkAccessManager *network, Scheduler *scheduler, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_scheduler(scheduler)
{}

LlmCall *LlmClient::send(const LlmEndpoint &endpoint,
                         const ChatRequest &request,
                         const QString &apiKey,
                         LlmCall::Done done,
                         LlmCall::TryReport onTry,
                         const LlmCallOptions &options)
{
    auto *call = new LlmCall(m_network,
                             m_scheduler,
                             endpoint,
                             request,
                             apiKey,
                             options,
                             std::move(done),
                             std::move(onTry),
                             this);
    call->start();
    return call;
}

} // namespace nightshift
