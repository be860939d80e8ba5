#include "chatprovider.h"

#include "attempt.h"
#include "event.h"
#include "llmclient.h"
#include "routers.h"
#include "secretstore.h"

namespace nightshift {

namespace {

std::string str(const QString &text)
{
    return text.toStdString();
}

// The rough size of a message in tokens: its JSON at 4 bytes a token, which is close for
// English text and errs high for code and JSON, so a token budget is not overrun.
qint64 estimatedTokens(const ChatMessage &message)
{
    return qint64(message.toJson().dump().size()) / 4 + 1;
}

/// One attempt's conversation with the model, alive as long as a request or a tool call of it
/// is under way.
class ChatRun final : public std::enable_shared_from_this<ChatRun>
{
public:
    ChatRun(std::shared_ptr<Attempt> attempt,
            std::shared_ptr<const ChatServices> services,
            LlmEndpoint endpoint)
        : m_attempt(std::move(attempt))
        , m_services(std::move(services))
        , m_endpoint(std::move(endpoint))
        , m_spec(m_attempt->spec())
    {}

    void start(const QString &apiKey);

private:
    void step();
    /// Why no further request may go to the model, or empty while one may.
    QString limitReached() const;
    void onReply(Result<ChatReply> reply);
    void callTools(const QList<ChatToolCall> &calls);
    void onTry(const LlmTry &attempt);
    void onQueued(const LlmQueued &queued);
    void finish(const QString &answer);
    void fail(const QString &error) { m_attempt->fail(error, m_usage); }
    bool ended() const { return m_attempt->isFinished(); }

    std::shared_ptr<Attempt> m_attempt;
    std::shared_ptr<const ChatServices> m_services;
    LlmEndpoint m_endpoint;
    const AgentSpec &m_spec;
    QString m_apiKey;
    QString m_sessionId;
    Conversation m_memory;   ///< What earlier runs of the session left, trimmed.
    Conversation m_exchange; ///< This run's messages: the query and everything after it.
    QList<ToolDescriptor> m_tools;
    Usage m_usage;
    int m_steps = 0;
    QPointer<LlmCall> m_call;
};

void ChatRun::start(const QString &apiKey)
{
    m_apiKey = apiKey;
    m_sessionId = sessionIdFor(m_spec, m_attempt->runId());
    const Result<nlohmann::json> stored = m_services->memory->loadSession(m_sessionId);
    if (!stored)
        return fail(QStringLiteral("cannot read the memory of session \"%1\": %2")
                        .arg(m_sessionId, stored.errorMessage()));
    if (!stored->is_null()) {
        const Result<Conversation> conversation = conversationFromJson(*stored);
        if (!conversation)
            return fail(QStringLiteral("the memory of session \"%1\" does not read back (%2); "
                                       "clear the session or use another session_id")
                            .arg(m_sessionId, conversation.errorMessage()));
        m_memory = trimmedMemory(*conversation, m_spec.memory);
    }
    m_tools = m_attempt->toolDescriptors();
    m_exchange.append(ChatMessage::user(m_spec.task.query));
    std::weak_ptr<ChatRun> weak = weak_from_this();
    m_attempt->onAbort([weak] {
        if (const auto self = weak.lock(); self && self->m_call)
            self->m_call->abort();
    });
    step();
}

void ChatRun::step()
{
    if (ended())
        return;
    if (const QString reached = limitReached(); !reached.isEmpty())
        return fail(reached);
    ++m_steps;
    ChatRequest request = ChatRequest::forModel(m_spec.model);
    request.systemInstruction = m_spec.systemInstruction;
    request.messages = m_memory + m_exchange;
    request.tools = m_tools;
    m_attempt->emitEvent(EventType::LlmRequest,
                         {{"provider", str(m_endpoint.providerId())},
                          {"model", str(m_spec.model.model)},
                          {"step", m_steps},
                          {"messages", request.messages.size()},
                          {"tools", m_tools.size()},
                          {"session_id", str(m_sessionId)}});
    // The request keeps the run alive until it answers; an aborted request never does.
    const std::shared_ptr<ChatRun> self = shared_from_this();
    m_call = m_services->client->send(
        m_endpoint,
        request,
        m_apiKey,
        [self](Result<ChatReply> reply) { self->onReply(std::move(reply)); },
        [self](const LlmTry &attempt) { self->onTry(attempt); },
        m_services->callOptions,
        [self](const LlmQueued &queued) { self->onQueued(queued); });
}

QString ChatRun::limitReached() const
{
    const AgentLimits &limits = m_spec.limits;
    if (m_steps >= limits.maxSteps)
        return QStringLiteral("max_steps (%1) reached before the model gave a final answer")
            .arg(limits.maxSteps);
    if (limits.requestLimit > 0 && m_usage.requests >= limits.requestLimit)
        return QStringLiteral("request_limit (%1) reached before the model gave a final answer")
            .arg(limits.requestLimit);
    return {};
}

void ChatRun::onTry(const LlmTry &attempt)
{
    if (attempt.retryInMs < 0 || ended())
        return;
    m_attempt->emitEvent(EventType::LlmRetry,
                         {{"step", m_steps},
                          {"try", attempt.number},
                          {"status", attempt.httpStatus},
                          {"error", str(attempt.error)},
                          {"duration_ms", attempt.durationMs},
                          {"retry_in_ms", attempt.retryInMs}});
}

void ChatRun::onQueued(const LlmQueued &queued)
{
    if (ended())
        return;
    m_attempt->emitEvent(EventType::RequestQueued,
                         {{"provider", str(queued.providerId)},
                          {"reason", str(requestWaitName(queued.reason))},
                          {"position", queued.position},
                          {"step", m_steps},
                          {"try", queued.tryNumber}});
}

void ChatRun::onReply(Result<ChatReply> reply)
{
    if (ended())
        return;
    if (!reply)
        return fail(reply.errorMessage());
    m_usage += reply->usage;
    m_attempt->emitEvent(EventType::LlmResponse,
                         {{"step", m_steps},
                          {"input_tokens", reply->usage.inputTokens},
                          {"output_tokens", reply->usage.outputTokens},
                          {"finish_reason", str(finishReasonName(reply->finishReason))},
                          {"provider_finish_reason", str(reply->rawFinishReason)},
                          {"tool_calls", reply->toolCalls.size()},
                          {"duration_ms", reply->durationMs},
                          {"tries", reply->tries}});
    const qint64 tokenLimit = m_spec.limits.totalTokensLimit;
    if (tokenLimit > 0 && m_usage.totalTokens() > tokenLimit)
        return fail(QStringLiteral("total_tokens_limit (%1) passed: the run used %2 tokens")
                        .arg(tokenLimit)
                        .arg(m_usage.totalTokens()));
    m_exchange.append(reply->toMessage());
    if (!reply->toolCalls.isEmpty()) {
        // Tools the model could not hear back from are not run: their effects would be for
        // nothing.
        if (const QString reached = limitReached(); !reached.isEmpty())
            return fail(reached);
        return callTools(reply->toolCalls);
    }
    if (reply->text.trimmed().isEmpty())
        return fail(QStringLiteral("the model ended without an answer (finish reason %1)")
                        .arg(reply->rawFinishReason));
    finish(reply->text);
}

void ChatRun::callTools(const QList<ChatToolCall> &calls)
{
    // Every call is answered, in the order the model made them, once all have ended.
    struct Pending
    {
        QList<ChatMessage> answers;
        qsizetype open = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->answers.resize(calls.size());
    pending->open = calls.size();
    // Each call keeps the run alive until it ends.
    const std::shared_ptr<ChatRun> self = shared_from_this();
    const auto answered = [self, pending](qsizetype index, ChatMessage answer) {
        pending->answers[index] = std::move(answer);
        if (--pending->open > 0 || self->ended())
            return;
        self->m_exchange.append(pending->answers);
        self->step();
    };
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const ChatToolCall &call = calls.at(i);
        if (!call.argumentsError.isEmpty()) {
            // No tool sees arguments that are not an object, but the refusal is part of the run.
            m_attempt->emitEvent(EventType::ToolCallError,
                                 {{"tool", str(call.name)},
                                  {"arguments", withoutUrlPasswords(call.arguments)},
                                  {"duration_ms", 0},
                                  {"error", str(call.argumentsError)}});
            answered(i, ChatMessage::toolError(call, call.argumentsError));
            continue;
        }
        m_attempt->callTool(
            call.name, call.arguments, [answered, i, call](Result<nlohmann::json> output) {
                answered(i,
                         output ? ChatMessage::toolResult(call, *output)
                                : ChatMessage::toolError(call, output.errorMessage()));
            });
    }
}

void ChatRun::finish(const QString &answer)
{
    if (const Result<void> saved
        = m_services->memory->saveSession(m_sessionId, conversationToJson(m_memory + m_exchange));
        !saved)
        return fail(QStringLiteral("cannot save the memory of session \"%1\": %2")
                        .arg(m_sessionId, saved.errorMessage()));
    m_attempt->complete(answer, m_usage);
}

} // namespace

ChatProvider::ChatProvider(QString id, std::shared_ptr<const ChatServices> services)
    : m_id(std::move(id))
    , m_services(std::move(services))
{}

ChatProvider::~ChatProvider() = default;

std::vector<std::unique_ptr<Provider>> ChatProvider::all(
    std::shared_ptr<const ChatServices> services)
{
    std::vector<std::unique_ptr<Provider>> providers;
    for (const ProviderPreset &preset : providerPresets())
        providers.push_back(std::make_unique<ChatProvider>(preset.id, services));
    return providers;
}

void ChatProvider::execute(const std::shared_ptr<Attempt> &attempt)
{
    ModelConfig model = attempt->spec().model;
    if (model.baseUrl.isEmpty())
        model.baseUrl = m_services->baseUrls.value(m_id);
    Result<LlmEndpoint> endpoint = resolveEndpoint(model);
    if (!endpoint) {
        attempt->fail(endpoint.errorMessage());
        return;
    }
    const bool required = endpoint->preset.keyRequired;
    auto run = std::make_shared<ChatRun>(attempt, m_services, std::move(endpoint).value());
    const QString keyName = attempt->spec().model.apiKey.isEmpty() ? defaultKeyName(m_id)
                                                                   : attempt->spec().model.apiKey;
    if (keyName.isEmpty()) {
        run->start({});
        return;
    }
    m_services->secrets->read(keyName, &m_context, [run, attempt, required](Result<QString> key) {
        if (attempt->isFinished())
            return;
        if (!key && (required || key.error().code != ErrorCode::NotFound)) {
            attempt->fail(key.errorMessage());
            return;
        }
        run->start(key ? *key : QString());
    });
}

Conversation trimmedMemory(const Conversation &conversation, const MemoryConfig &config)
{
    qsizetype first = conversation.size();
    qint64 used = 0;
    for (qsizetype i = conversation.size() - 1; i >= 0; --i) {
        used += config.mode == MemoryConfig::Mode::SlidingWindow
                    ? 1
                    : estimatedTokens(conversation.at(i));
        if (used > config.value)
            break;
        first = i;
    }
    while (first < conversation.size() && conversation.at(first).role != ChatRole::User)
        ++first;
    return conversation.mid(first);
}

} // namespace nightshift
