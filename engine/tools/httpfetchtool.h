#pragma once

#include "../tool.h"

#include <memory>

class QNetworkAccessManager;

namespace nightshift {

/// `http_fetch`: GET or POST an http(s) URL, asynchronously on the engine thread, bounded in
/// time, size and redirects. HTML comes back as readable text and links, RSS and Atom as items.
class HttpFetchTool final : public Tool
{
public:
    static constexpr int MaxRedirects = 5;
    static constexpr qint64 DefaultMaxBytes = 2 * 1024 * 1024;
    static constexpr qint64 MaxBytes = 10 * 1024 * 1024;
    static constexpr double DefaultTimeoutSeconds = 20;
    static constexpr double MaxTimeoutSeconds = 120;

    HttpFetchTool();
    ~HttpFetchTool() override;

    ToolDescriptor descriptor() const override;
    void invoke(const ToolCall &call, ToolDone done) override;

private:
    // Made on first use, so that it lives on the thread that calls the tool (the engine's).
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace nightshift
