#include "llmcall.h"

#include "httpretry.h"
#include "llmerrors.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace nightshift {

namespace {

bool isRetriedStatus(int status)
{
    return status == 408 || status == 429 || status >= 500;
}

// Failures of the connection itself that a second try may well not meet; a wrong host name,
// a refused connection or a TLS error will not get better by trying again.
bool isRetriedTransportError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'g', 3);
}

} // namespace

LlmCall::LlmCall(QNetworkAccessManager *network,
                 Scheduler *scheduler,
                 RequestLimiter *limiter,
                 LlmEndpoint endpoint,
                 ChatRequest request,
                 QString apiKey,
                 LlmCallOptions options,
                 Done done,
                 TryReport onTry,
                 QueueReport onQueued,
                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_scheduler(scheduler)
    , m_limiter(limiter)
    , m_endpoint(std::move(endpoint))
    , m_request(std::move(request))
    , m_apiKey(std::move(apiKey))
    , m_options(options)
    , m_done(std::move(done))
    , m_onTry(std::move(onTry))
    , m_onQueued(std::move(onQueued))
{}

LlmCall::~LlmCall()
{
    m_scheduler->cancel(m_timeout);
    m_scheduler->cancel(m_retry);
    m_limiter->release(m_ticket);
    dropReply();
}

void LlmCall::start()
{
    const ProviderPreset &preset = m_endpoint.preset;
    if (preset.keyRequired && m_apiKey.isEmpty()) {
        finishLater(
            makeError(ErrorCode::InvalidArgument,
                      u"provider %1 needs an API key: %2."_s.arg(preset.id, keyAdvice(preset))));
        return;
    }
    if (m_request.model.isEmpty()) {
        finishLater(makeError(ErrorCode::InvalidArgument,
                              u"model_config.model is empty: name the model provider %1 should "
                              "run."_s.arg(preset.id)));
        return;
    }
    if (m_request.messages.isEmpty()) {
        finishLater(makeError(
            ErrorCode::InvalidArgument,
            u"nothing to send to provider %1: the conversation is empty."_s.arg(preset.id)));
        return;
    }
    auto post = ChatCodec::forWire(preset.wire).encode(m_endpoint, m_request, m_apiKey);
    if (!post) {
        finishLater(post.error());
        return;
    }
    m_post = std::move(post).value();
    // The call's duration is the provider's: time spent waiting for a slot is not part of it.
    const RequestLimiter::Admission admission = m_limiter->acquire(preset.id, [this] {
        m_startedMs = m_scheduler->nowMs();
        startTry();
    });
    m_ticket = admission.ticket;
    if (admission.wait)
        reportQueued(*admission.wait);
}

void LlmCall::reportQueued(const RequestLimiter::Wait &wait)
{
    m_queued = true;
    if (m_onQueued)
        m_onQueued({m_endpoint.providerId(), wait.reason, wait.position, m_try + 1});
}

void LlmCall::startTry()
{
    m_queued = false;
    ++m_try;
    m_tryStartedMs = m_scheduler->nowMs();
    m_body.clear();

    QNetworkRequest request(m_post.url);
    for (const auto &[name, value] : m_post.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Following a redirect would replay the key to wherever it points; say so instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);

    m_reply = m_network->post(request, m_post.body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &LlmCall::checkHeaders);
    connect(m_reply, &QNetworkReply::readyRead, this, &LlmCall::readBody);
    connect(m_reply, &QNetworkReply::finished, this, &LlmCall::handleFinished);
    m_timeout = m_scheduler->schedule(m_tryStartedMs + m_options.timeoutMs, [this] {
        m_timeout = 0;
        handleTimeout();
    });
}

void LlmCall::checkHeaders()
{
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_options.maxReplyBytes)
        failTooLarge(length.toLongLong(), true);
}

void LlmCall::readBody()
{
    // Read as it arrives, so a reply over the cap is stopped at the cap, not buffered whole.
    m_body += m_reply->read(m_options.maxReplyBytes + 1 - m_body.size());
    if (m_body.size() > m_options.maxReplyBytes)
        failTooLarge(m_body.size(), false);
}

void LlmCall::failTooLarge(qint64 bytes, bool declared)
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    dropReply();
    const QString size = declared ? u"%1 bytes (%2 MiB)"_s.arg(bytes).arg(mebibytes(bytes))
                                  : u"more than %1 bytes"_s.arg(m_options.maxReplyBytes);
    const Error error
        = makeError(ErrorCode::Io,
                    u"the reply from provider %1 is %2, over the %3 MiB limit; lower "
                    "model_config.max_tokens or check model_config.base_url."_s.arg(
                        m_endpoint.providerId(), size, mebibytes(m_options.maxReplyBytes)));
    report(currentTry(status, error.message));
    finish(error);
}

void LlmCall::handleTimeout()
{
    dropReply();
    const Error error = makeError(
        ErrorCode::Timeout,
        u"provider %1 did not answer within %2 s; check that the "
        "server runs, or allow it more time."_s.arg(
            m_endpoint.providerId(), QString::number(double(m_options.timeoutMs) / 1000.0)));
    report(currentTry(0, error.message));
    finish(error);
}

void LlmCall::handleFinished()
{
    m_scheduler->cancel(m_timeout);
    m_timeout = 0;
    m_body += m_reply->read(m_options.maxReplyBytes + 1 - m_body.size());
    if (m_body.size() > m_options.maxReplyBytes) {
        failTooLarge(m_body.size(), false);
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = m_reply->error();
    const QString networkText = m_reply->errorString();
    const QByteArray retryAfter = m_reply->rawHeader("Retry-After");
    dropReply();
    const QString &id = m_endpoint.providerId();

    if (status == 0) {
        const Error error = makeError(ErrorCode::Unavailable,
                                      u"could not reach provider %1 at %2: %3"_s.arg(
                                          id, m_post.url.authority(), networkText));
        if (isRetriedTransportError(networkError))
            retryOrFail(currentTry(0, error.message), error, std::nullopt);
        else {
            report(currentTry(0, error.message));
            finish(error);
        }
        return;
    }

    if (status >= 200 && status < 300) {
        if (networkError != QNetworkReply::NoError) {
            const Error error = makeError(ErrorCode::Unavailable,
                                          u"the reply from provider %1 was cut off after %2 "
                                          "bytes: %3"_s.arg(id)
                                              .arg(m_body.size())
                                              .arg(networkText));
            retryOrFail(currentTry(status, error.message), error, std::nullopt);
            return;
        }
        auto reply = ChatCodec::forWire(m_endpoint.preset.wire).decode(m_body);
        if (!reply) {
            const Error error{reply.error().code,
                              u"provider %1: %2"_s.arg(id, reply.error().message)};
            report(currentTry(status, error.message));
            finish(error);
            return;
        }
        report(currentTry(status, {}));
        ChatReply value = std::move(reply).value();
        value.durationMs = m_scheduler->nowMs() - m_startedMs;
        value.tries = m_try;
        finish(std::move(value));
        return;
    }

    const QString said = providerErrorMessage(m_body);
    if (isRetriedStatus(status)) {
        QString text = status == 429 ? u"provider %1 is rate limiting requests (429)"_s.arg(id)
                                     : u"provider %1 failed (%2)"_s.arg(id).arg(status);
        if (!said.isEmpty())
            text += u". The provider said: %1"_s.arg(said);
        const ErrorCode code = status == 408 ? ErrorCode::Timeout : ErrorCode::Unavailable;
        retryOrFail(currentTry(status, text),
                    makeError(code, text),
                    retryAfterMs(retryAfter, m_scheduler->nowMs()));
        return;
    }
    const Error error
        = httpStatusError(m_endpoint.preset, m_request.model, m_post.url, status, said);
    report(currentTry(status, error.message));
    finish(error);
}

void LlmCall::retryOrFail(LlmTry attempt, Error error, std::optional<qint64> retryAfter)
{
    if (m_try > m_options.maxRetries) {
        report(attempt);
        error.message
            += m_try == 1 ? u" (gave up after 1 try)"_s : u" (gave up after %1 tries)"_s.arg(m_try);
        finish(error);
        return;
    }
    if (retryAfter && *retryAfter > m_options.retryMaxMs) {
        report(attempt);
        error.message
            += u" (it asks to wait %1 s, longer than this call waits)"_s.arg(*retryAfter / 1000);
        finish(error);
        return;
    }
    const qint64 delay = retryAfter ? *retryAfter
                                    : backoffDelayMs(m_try,
                                                     m_options.retryBaseMs,
                                                     m_options.retryMaxMs,
                                                     QRandomGenerator::global()->generateDouble());
    attempt.retryInMs = delay;
    report(attempt);
    if (m_finished)
        return; // The report's receiver aborted the call.
    m_retry = m_scheduler->schedule(m_scheduler->nowMs() + delay, [this] {
        m_retry = 0;
        // A retry is another request to the provider: it counts against its per-minute limit.
        if (const auto wait = m_limiter->acquireAgain(m_ticket, [this] { startTry(); }))
            reportQueued(*wait);
    });
}

void LlmCall::report(LlmTry attempt)
{
    if (m_onTry && !m_finished)
        m_onTry(attempt);
}

LlmTry LlmCall::currentTry(int status, const QString &error) const
{
    LlmTry attempt;
    attempt.number = m_try;
    attempt.httpStatus = status;
    attempt.durationMs = m_scheduler->nowMs() - m_tryStartedMs;
    attempt.replyBytes = m_body.size();
    attempt.error = scrubSecrets(error, m_apiKey);
    return attempt;
}

Error LlmCall::scrubbed(Error error) const
{
    error.message = scrubSecrets(error.message, m_apiKey);
    return error;
}

void LlmCall::finish(Result<ChatReply> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_scheduler->cancel(m_timeout);
    m_scheduler->cancel(m_retry);
    m_timeout = m_retry = 0;
    dropReply();
    // Free the slot before done runs: the next request it may send queues behind the others.
    m_limiter->release(std::exchange(m_ticket, 0));
    deleteLater();
    Done done = std::move(m_done);
    if (done)
        done(result.ok() ? std::move(result) : Result<ChatReply>(scrubbed(result.error())));
}

void LlmCall::finishLater(Error error)
{
    // done must not run inside send(): its caller is not ready for an answer yet.
    QMetaObject::invokeMethod(
        this, [this, error] { finish(error); }, Qt::QueuedConnection);
}

void LlmCall::abort()
{
    if (m_finished)
        return;
    m_finished = true;
    m_done = nullptr;
    m_scheduler->cancel(m_timeout);
    m_scheduler->cancel(m_retry);
    m_timeout = m_retry = 0;
    dropReply();
    m_limiter->release(std::exchange(m_ticket, 0));
    m_queued = false;
    deleteLater();
}

void LlmCall::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

} // namespace nightshift
