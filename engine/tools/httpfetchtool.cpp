#include "httpfetchtool.h"

#include "webcontent.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QStringDecoder>
#include <QThreadPool>
#include <QTimer>

#include <cmath>
#include <utility>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

using Json = nlohmann::json;

// The attempt signals a stop through an atomic flag only; this often is quick enough for a stop
// and costs nothing worth measuring.
constexpr int CancelPollMs = 100;

// Credentials in a URL are the caller's secret; never repeat them.
QString shownUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

bool isWebScheme(const QUrl &url)
{
    return url.scheme() == u"http" || url.scheme() == u"https";
}

QByteArray mimeTypeOf(const QByteArray &contentType)
{
    return contentType.split(';').value(0).trimmed().toLower();
}

QByteArray charsetOf(const QByteArray &contentType)
{
    for (const QByteArray &parameter : contentType.split(';')) {
        const QByteArray trimmed = parameter.trimmed();
        if (trimmed.toLower().startsWith("charset="))
            return trimmed.mid(8).replace('"', "").replace('\'', "").trimmed();
    }
    return {};
}

bool startsLike(const QByteArray &body, std::initializer_list<const char *> prefixes)
{
    const QByteArray head = body.left(512).trimmed().toLower();
    return std::any_of(prefixes.begin(), prefixes.end(), [&head](const char *prefix) {
        return head.startsWith(prefix);
    });
}

QString decodeText(const QByteArray &body, const QByteArray &charset)
{
    QStringDecoder decoder(charset.isEmpty() ? "UTF-8" : charset.constData());
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringDecoder::Utf8);
    return decoder.decode(body);
}

// Turns a response body into what the model reads: feed items, page text, or plain text.
Json describeBody(Json result,
                  const QByteArray &body,
                  const QByteArray &contentType,
                  const QUrl &url)
{
    const QByteArray mime = mimeTypeOf(contentType);
    const QByteArray charset = charsetOf(contentType);
    const bool untyped
        = mime.isEmpty() || mime == "text/plain" || mime == "application/octet-stream";
    const bool xmlType = mime.contains("xml") || mime.contains("rss") || mime.contains("atom");
    if (xmlType || (untyped && startsLike(body, {"<?xml", "<rss", "<feed"}))) {
        if (const std::optional<Json> feed = parseFeed(body, url)) {
            result["kind"] = "feed";
            result.update(*feed);
            return result;
        }
    }
    const bool html = mime == "text/html" || mime == "application/xhtml+xml";
    if (html || (untyped && startsLike(body, {"<!doctype html", "<html"}))) {
        result["kind"] = "html";
        result.update(htmlToText(body, charset, url));
        return result;
    }
    const bool text = untyped || xmlType || mime.startsWith("text/") || mime.contains("json")
                      || mime.contains("javascript");
    if (text && !body.contains('\0')) {
        result["kind"] = "text";
        result["text"] = decodeText(body, charset).toStdString();
        return result;
    }
    result["kind"] = "binary";
    result["note"] = "binary content is not shown";
    return result;
}

struct FetchOptions
{
    bool post = false;
    QByteArray body;
    QString contentType;
    double timeoutSeconds = HttpFetchTool::DefaultTimeoutSeconds;
    qint64 maxBytes = HttpFetchTool::DefaultMaxBytes;
};

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Whether the reply is an answer from the server (an HTTP error status is one the caller should
// see), rather than a failure to get one.
bool isAnswer(const QNetworkReply *reply)
{
    const int error = reply->error();
    const bool httpError = (error >= QNetworkReply::ContentAccessDenied
                            && error <= QNetworkReply::UnknownContentError)
                           || (error >= QNetworkReply::InternalServerError
                               && error <= QNetworkReply::UnknownServerError)
                           || error == QNetworkReply::ProtocolInvalidOperationError;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()
           && (error == QNetworkReply::NoError || httpError);
}

// One http_fetch call: its requests (one per redirect, followed here so that every hop is
// checked), its time limit and its watch on the cancel flag. It deletes itself once it answered.
class FetchJob final : public QObject
{
public:
    FetchJob(QNetworkAccessManager *network,
             const ToolCall &call,
             FetchOptions options,
             ToolDone done)
        : QObject(network)
        , m_network(network)
        , m_options(std::move(options))
        , m_done(std::move(done))
        , m_cancelled(call.cancelled)
        , m_pool(call.pool)
        , m_context(call.context)
    {
        m_timeout.setSingleShot(true);
        QObject::connect(&m_timeout, &QTimer::timeout, this, [this] {
            stop(makeError(ErrorCode::Timeout,
                           u"no complete answer from %1 within %2 s"_s.arg(shownUrl(m_firstUrl))
                               .arg(m_options.timeoutSeconds)));
        });
        QObject::connect(&m_cancelPoll, &QTimer::timeout, this, [this] {
            if (m_cancelled->load())
                stop(makeError(ErrorCode::Cancelled,
                               u"fetching %1 was cancelled"_s.arg(shownUrl(m_firstUrl))));
        });
    }

    void start(const QUrl &url)
    {
        m_firstUrl = url;
        m_timeout.start(std::chrono::milliseconds(std::llround(m_options.timeoutSeconds * 1000)));
        m_cancelPoll.start(CancelPollMs);
        send(url);
    }

private:
    void send(const QUrl &url)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(
            QNetworkRequest::UserAgentHeader,
            u"Nightshift/%1 (background agent)"_s.arg(QCoreApplication::applicationVersion()));
        request.setRawHeader("Accept",
                             "text/html, application/xhtml+xml, application/rss+xml, "
                             "application/atom+xml, application/xml;q=0.9, text/*;q=0.8, "
                             "*/*;q=0.5");
        if (m_options.post) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, m_options.contentType);
            m_reply = m_network->post(request, m_options.body);
        } else {
            m_reply = m_network->get(request);
        }
        m_reply->setParent(this);
        QObject::connect(m_reply, &QNetworkReply::readyRead, this, [this] { readBody(m_reply); });
        QObject::connect(m_reply, &QNetworkReply::finished, this, [this] { handleFinished(); });
    }

    void readBody(QNetworkReply *reply)
    {
        m_body += reply->read(m_options.maxBytes + 1 - m_body.size());
        if (m_body.size() <= m_options.maxBytes)
            return;
        m_body.truncate(m_options.maxBytes);
        m_truncated = true;
        reply->abort();
    }

    void handleFinished()
    {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        reply->deleteLater();
        if (m_answered)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!m_truncated && isRedirect(status) && reply->hasRawHeader("Location")) {
            follow(reply->url(), status, reply->rawHeader("Location"));
            return;
        }
        if (!m_truncated && !isAnswer(reply)) {
            answer(makeError(
                ErrorCode::Unavailable,
                u"cannot fetch %1: %2"_s.arg(shownUrl(reply->url()), reply->errorString())));
            return;
        }
        if (!m_truncated)
            readBody(reply);
        const QByteArray contentType
            = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        const Json meta = {{"status", status},
                           {"content_type", contentType.toStdString()},
                           {"url", shownUrl(reply->url()).toStdString()},
                           {"bytes", m_body.size()},
                           {"truncated", m_truncated}};
        finishTimers();
        m_answered = true;
        // Parsing a large page takes a while; it must not hold up the engine thread.
        m_pool->start([meta,
                       body = m_body,
                       contentType,
                       finalUrl = reply->url(),
                       done = m_done,
                       context = m_context] {
            Json result = describeBody(meta, body, contentType, finalUrl);
            // Pool thread → engine thread: the result is delivered where the call was made.
            QMetaObject::invokeMethod(
                context.data(),
                [done, result = std::move(result)] { done(result); },
                Qt::QueuedConnection);
        });
        deleteLater();
    }

    void follow(const QUrl &from, int status, const QByteArray &location)
    {
        const QUrl target = from.resolved(QUrl::fromEncoded(location));
        if (!isWebScheme(target)) {
            answer(makeError(ErrorCode::InvalidArgument,
                             u"%1 redirected to %2, which is not http or https; not followed"_s.arg(
                                 shownUrl(from), shownUrl(target))));
            return;
        }
        if (++m_redirects > HttpFetchTool::MaxRedirects) {
            answer(makeError(ErrorCode::Unavailable,
                             u"%1 redirected more than %2 times (last to %3); not followed "
                             "further"_s.arg(shownUrl(m_firstUrl))
                                 .arg(HttpFetchTool::MaxRedirects)
                                 .arg(shownUrl(target))));
            return;
        }
        // As browsers do: 303, and 301 or 302 after a POST, continue with a GET.
        if (status == 303 || ((status == 301 || status == 302) && m_options.post)) {
            m_options.post = false;
            m_options.body.clear();
        }
        m_body.clear();
        send(target);
    }

    void stop(Error error)
    {
        answer(std::move(error));
        if (m_reply)
            m_reply->abort();
    }

    void answer(Result<Json> result)
    {
        if (m_answered)
            return;
        m_answered = true;
        finishTimers();
        m_done(std::move(result));
        deleteLater();
    }

    void finishTimers()
    {
        m_timeout.stop();
        m_cancelPoll.stop();
    }

    QNetworkAccessManager *m_network;
    FetchOptions m_options;
    ToolDone m_done;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    QThreadPool *m_pool;
    QPointer<QObject> m_context;
    QUrl m_firstUrl;
    QNetworkReply *m_reply = nullptr;
    QByteArray m_body;
    QTimer m_timeout;
    QTimer m_cancelPoll;
    int m_redirects = 0;
    bool m_truncated = false;
    bool m_answered = false;
};

} // namespace

HttpFetchTool::HttpFetchTool() = default;
HttpFetchTool::~HttpFetchTool() = default;

ToolDescriptor HttpFetchTool::descriptor() const
{
    ToolDescriptor descriptor;
    descriptor.name = u"http_fetch"_s;
    descriptor.description
        = u"Fetches an http or https URL. Web pages come back as readable text with their links, "
          "RSS and Atom feeds as items (title, link, date, summary), other text as it is. Large "
          "bodies are cut (\"truncated\": true)."_s;
    descriptor.parameters = {
        {"type", "object"},
        {"properties",
         {{"url",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", 8192},
            {"description", "An http:// or https:// URL."}}},
          {"method",
           {{"type", "string"},
            {"enum", {"GET", "POST"}},
            {"default", "GET"},
            {"description", "GET reads; POST sends body."}}},
          {"body",
           {{"type", "string"}, {"maxLength", 1024 * 1024}, {"description", "What POST sends."}}},
          {"content_type",
           {{"type", "string"},
            {"maxLength", 200},
            {"default", "application/json"},
            {"description", "The Content-Type of body."}}},
          {"timeout_seconds",
           {{"type", "number"},
            {"minimum", 0.1},
            {"maximum", MaxTimeoutSeconds},
            {"default", DefaultTimeoutSeconds},
            {"description", "Give up after this long."}}},
          {"max_bytes",
           {{"type", "integer"},
            {"minimum", 1},
            {"maximum", MaxBytes},
            {"default", DefaultMaxBytes},
            {"description", "Read at most this much of the body; the rest is cut."}}}}},
        {"required", {"url"}},
        {"additionalProperties", false},
    };
    return descriptor;
}

void HttpFetchTool::invoke(const ToolCall &call, ToolDone done)
{
    const Json &arguments = call.arguments;
    if (!arguments.contains("url") || !arguments["url"].is_string()) {
        done(makeError(ErrorCode::InvalidArgument, u"http_fetch needs a url"_s));
        return;
    }
    const QUrl url(QString::fromStdString(arguments["url"].get<std::string>()), QUrl::StrictMode);
    if (!url.isValid() || (isWebScheme(url) && url.host().isEmpty())) {
        done(makeError(ErrorCode::InvalidArgument,
                       u"%1 is not a valid URL"_s.arg(
                           QString::fromStdString(arguments["url"].get<std::string>()).left(200))));
        return;
    }
    if (!isWebScheme(url)) {
        done(makeError(
            ErrorCode::InvalidArgument,
            u"http_fetch fetches http and https URLs only, not %1"_s.arg(
                url.scheme().isEmpty() ? u"a URL without a scheme"_s : url.scheme() + u':')));
        return;
    }
    FetchOptions options;
    options.post = arguments.value("method", std::string("GET")) == "POST";
    options.body = QByteArray::fromStdString(arguments.value("body", std::string()));
    options.contentType
        = QString::fromStdString(arguments.value("content_type", std::string("application/json")));
    options.timeoutSeconds = std::clamp(
        arguments.value("timeout_seconds", DefaultTimeoutSeconds), 0.1, MaxTimeoutSeconds);
    options.maxBytes
        = std::clamp<qint64>(arguments.value("max_bytes", DefaultMaxBytes), 1, MaxBytes);
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    auto *job = new FetchJob(m_network.get(), call, std::move(options), std::move(done));
    job->start(url);
}

} // namespace nightshift
