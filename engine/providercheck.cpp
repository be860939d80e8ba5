#include "providercheck.h"

#include "conversation.h"
#include "providerpresets.h"

#include <QMetaObject>

namespace nightshift {

using namespace Qt::StringLiterals;

ProviderCheck::ProviderCheck(QObject *parent)
    : QObject(parent)
    , m_scheduler(&m_clock)
    , m_client(&m_network, &m_scheduler)
{}

ProviderCheck::~ProviderCheck()
{
    abort();
}

void ProviderCheck::start(const ModelConfig &config, const QString &apiKey, Done done)
{
    abort();
    const Result<LlmEndpoint> endpoint = resolveEndpoint(config);
    if (!endpoint) {
        finishLater(endpoint.error(), std::move(done));
        return;
    }
    if (config.model.trimmed().isEmpty()) {
        finishLater(makeError(ErrorCode::InvalidArgument,
                              u"name a model to test with, as an agent's model_config.model "
                              "would"_s),
                    std::move(done));
        return;
    }
    if (apiKey.isEmpty() && endpoint->preset.keyRequired) {
        finishLater(makeError(ErrorCode::NotFound,
                              u"%1 needs an API key: enter one, or set %2 in the environment"_s.arg(
                                  endpoint->preset.id, endpoint->preset.keyEnvVar)),
                    std::move(done));
        return;
    }
    ChatRequest request = ChatRequest::forModel(config);
    request.messages.append(ChatMessage::user(u"Reply with the single word OK."_s));
    // Enough for a short answer, even from models that count hidden reasoning as output.
    request.maxTokens = 64;
    LlmCallOptions options;
    options.timeoutMs = TimeoutMs;
    options.maxRetries = 0;
    const QString model = config.model;
    m_call = m_client.send(
        *endpoint,
        request,
        apiKey,
        [done = std::move(done), model](Result<ChatReply> reply) {
            if (!reply) {
                done(reply.error());
                return;
            }
            done(ProviderCheckReply{model, reply->durationMs});
        },
        {},
        options);
}

void ProviderCheck::abort()
{
    ++m_generation;
    if (m_call)
        m_call->abort();
    m_call.clear();
}

void ProviderCheck::finishLater(Error error, Done done)
{
    // The answer always comes later, as from a real request, so callers handle one path.
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_generation, done = std::move(done), error = std::move(error)] {
            if (generation == m_generation)
                done(error);
        },
        Qt::QueuedConnection);
}

} // namespace nightshift
