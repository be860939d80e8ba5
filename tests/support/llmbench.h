#pragma once

#include "agentspec.h"
#include "clock.h"
#include "fakellmserver.h"
#include "llmclient.h"
#include "providerpresets.h"
#include "scheduler.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPointer>

#include <memory>
#include <optional>

namespace nightshift::test {

/// What one LLM call produced: each try and each wait as reported, and the result once done.
struct CallRecord
{
    QList<LlmTry> tries;
    QList<LlmQueued> queued;
    std::optional<Result<ChatReply>> result;
    int doneCount = 0;
    QPointer<LlmCall> call;

    bool isDone() const { return result.has_value(); }
    bool succeeded() const { return result && result->ok(); }
    const ChatReply &reply() const { return result->value(); }
    QString error() const { return result && !result->ok() ? result->errorMessage() : QString(); }
    ErrorCode errorCode() const { return result->error().code; }
};

/// An LlmClient on simulated time, talking to a fake provider on the loopback interface.
class LlmBench
{
public:
    static constexpr qint64 Start = 1'767'225'600'000; // 2026-01-01T00:00:00Z

    LlmBench() { network.setProxy(QNetworkProxy::NoProxy); }

    /// providerId's endpoint with `base_url` at the fake server plus path.
    LlmEndpoint endpoint(const QString &providerId, const QString &path)
    {
        ModelConfig config;
        config.provider = providerId;
        config.baseUrl = server.url(path);
        return resolveEndpoint(config).value();
    }

    std::shared_ptr<CallRecord> send(const LlmEndpoint &endpoint,
                                     const ChatRequest &request,
                                     const QString &key,
                                     const LlmCallOptions &options = {})
    {
        auto record = std::make_shared<CallRecord>();
        std::weak_ptr<CallRecord> weak = record;
        record->call = client.send(
            endpoint,
            request,
            key,
            [weak](Result<ChatReply> result) {
                if (const auto self = weak.lock()) {
                    ++self->doneCount;
                    self->result = std::move(result);
                }
            },
            [weak](const LlmTry &attempt) {
                if (const auto self = weak.lock())
                    self->tries.append(attempt);
            },
            options,
            [weak](const LlmQueued &queued) {
                if (const auto self = weak.lock())
                    self->queued.append(queued);
            });
        return record;
    }

    ManualClock clock{Start};
    Scheduler scheduler{&clock};
    QNetworkAccessManager network;
    LlmClient client{&network, &scheduler};
    FakeLlmServer server;
};

/// A request with a system instruction, one user message and, optionally, tools.
inline ChatRequest simpleRequest(const QString &model, const QList<ToolDescriptor> &tools = {})
{
    ChatRequest request;
    request.model = model;
    request.systemInstruction = QStringLiteral("You watch over servers.");
    request.messages = {ChatMessage::user(QStringLiteral("How is the disk?"))};
    request.tools = tools;
    return request;
}

/// Two tools with JSON Schema parameters, as the registry would describe them.
inline QList<ToolDescriptor> sampleTools()
{
    return {
        {QStringLiteral("system_info"),
         QStringLiteral("CPU, memory and disk use."),
         Json{{"type", "object"},
              {"properties", {{"section", {{"type", "string"}, {"enum", {"cpu", "disk"}}}}}},
              {"required", {"section"}},
              {"additionalProperties", false}}},
        {QStringLiteral("http_fetch"),
         QStringLiteral("Fetches a URL."),
         Json{{"type", "object"},
              {"properties", {{"url", {{"type", "string"}, {"format", "uri"}}}}},
              {"required", {"url"}}}},
    };
}

} // namespace nightshift::test
