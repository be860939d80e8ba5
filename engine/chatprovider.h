#pragma once

#include "agentspec.h"
#include "llmcall.h"
#include "provider.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <vector>

namespace nightshift {

class LlmClient;
class MemoryRouter;
class SecretStore;

/// What every chat provider of one engine shares: the HTTP client, where keys come from, where
/// conversations are kept, and how patient a model call is.
struct ChatServices
{
    LlmClient *client = nullptr;
    SecretStore *secrets = nullptr;
    MemoryRouter *memory = nullptr;
    LlmCallOptions callOptions;
    /// Base URLs by provider id, for agents whose model_config names none (the dashboard's
    /// Settings → Providers); a provider missing here uses its preset's.
    QHash<QString, QString> baseUrls;
};

/// An LLM provider (`openai`, `anthropic`, `gemini` and the OpenAI-compatible presets) running
/// the agent loop: system instruction + memory + query → model → tool calls, in parallel where
/// the model asked for several → results back → … until a final answer, within the agent's
/// max_steps, request_limit and total_tokens_limit. Each step emits `llm_request` and
/// `llm_response` (and `llm_retry` for a try that is tried again, `request_queued` for one that
/// waits for the provider's request limits); tool calls emit their own events through the
/// Attempt. With `task_config.session_id` the conversation carries over
/// between runs, trimmed by `memory_config`; without, each run has a session of its own.
class ChatProvider final : public Provider
{
public:
    ChatProvider(QString id, std::shared_ptr<const ChatServices> services);
    ~ChatProvider() override;

    QString id() const override { return m_id; }
    void execute(const std::shared_ptr<Attempt> &attempt) override;

    /// One ChatProvider for each provider preset.
    static std::vector<std::unique_ptr<Provider>> all(std::shared_ptr<const ChatServices> services);

private:
    QString m_id;
    std::shared_ptr<const ChatServices> m_services;
    QObject m_context; ///< Receives the secret store's answers on the engine thread.
};

/// The memory an agent keeps of conversation, trimmed by memory_config: the newest messages
/// that fit (a count, or an estimate of tokens at 4 bytes a token), starting at a user message
/// so that no tool call is cut from its result.
Conversation trimmedMemory(const Conversation &conversation, const MemoryConfig &config);

} // namespace nightshift
