#pragma once

// A local HTTP/1.1 server that plays an LLM provider: it records each request, answers from a
// script, and knows each provider's documented wire format well enough to check a request
// field by field and to answer with bodies shaped like the providers' API reference examples.
// It shares no code with the engine's codecs, so a test through it checks them against the
// documents, not against themselves.

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <utility>

namespace nightshift::test {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

/// A JSON value as compact text, for QCOMPARE.
inline QString dumped(const Json &value)
{
    return QString::fromStdString(value.dump());
}

/// One HTTP request as the server received it.
struct FakeHttpRequest
{
    QByteArray method;
    QByteArray target;                        ///< Path and query, as sent.
    std::map<QByteArray, QByteArray> headers; ///< Names in lower case.
    QByteArray body;
    Json json; ///< The body parsed; discarded when it is not JSON.

    QByteArray header(const QByteArray &name) const
    {
        const auto it = headers.find(name.toLower());
        return it == headers.end() ? QByteArray() : it->second;
    }
    bool hasHeader(const QByteArray &name) const { return headers.count(name.toLower()) > 0; }
    QString path() const { return QString::fromUtf8(target.split('?').first()); }
    QUrlQuery query() const
    {
        const qsizetype mark = target.indexOf('?');
        return mark < 0 ? QUrlQuery() : QUrlQuery(QString::fromUtf8(target.mid(mark + 1)));
    }
};

/// What the server does with one request.
struct FakeHttpResponse
{
    enum class Kind {
        Reply,    ///< Status, headers, Content-Length and the whole body; keeps the connection.
        Truncate, ///< Announces the whole body but sends only cutAfter bytes, then closes.
        Stream,   ///< No Content-Length: the body, then close (the end of the body).
        Drop,     ///< Closes the connection without answering.
        Stall,    ///< Never answers.
    };
    Kind kind = Kind::Reply;
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 cutAfter = 0;

    static FakeHttpResponse json(int status,
                                 const Json &body,
                                 QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        FakeHttpResponse response;
        response.status = status;
        response.body = QByteArray::fromStdString(body.dump(2));
        response.headers = std::move(headers);
        return response;
    }
    static FakeHttpResponse raw(int status, QByteArray body)
    {
        FakeHttpResponse response;
        response.status = status;
        response.body = std::move(body);
        return response;
    }
    static FakeHttpResponse truncated(QByteArray body, qint64 sendBytes)
    {
        FakeHttpResponse response = raw(200, std::move(body));
        response.kind = Kind::Truncate;
        response.cutAfter = sendBytes;
        return response;
    }
    static FakeHttpResponse streamed(QByteArray body)
    {
        FakeHttpResponse response = raw(200, std::move(body));
        response.kind = Kind::Stream;
        return response;
    }
    static FakeHttpResponse dropped()
    {
        FakeHttpResponse response;
        response.kind = Kind::Drop;
        return response;
    }
    static FakeHttpResponse stalled()
    {
        FakeHttpResponse response;
        response.kind = Kind::Stall;
        return response;
    }
};

/// The server. Each request takes the next scripted handler; with none left it answers 500.
class FakeLlmServer final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeHttpResponse(const FakeHttpRequest &)>;

    explicit FakeLlmServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, &FakeLlmServer::accept);
    }

    bool isListening() const { return m_server.isListening(); }
    /// `http://127.0.0.1:PORT` followed by path.
    QString url(const QString &path = {}) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }

    void enqueue(Handler handler) { m_script.push_back(std::move(handler)); }
    void enqueue(FakeHttpResponse response)
    {
        m_script.push_back([response](const FakeHttpRequest &) { return response; });
    }
    int pendingScript() const { return int(m_script.size()); }

    const QList<FakeHttpRequest> &requests() const { return m_requests; }
    /// Connections the client closed or aborted (a stalled request it gave up on, say).
    int clientDisconnects() const { return m_clientDisconnects; }

Q_SIGNALS:
    void requestReceived();
    void clientDisconnected();

private:
    struct Connection
    {
        QByteArray buffer;
        bool closedByServer = false;
    };

    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            m_connections[socket] = {};
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                if (!m_connections[socket].closedByServer) {
                    ++m_clientDisconnects;
                    Q_EMIT clientDisconnected();
                }
                m_connections.erase(socket);
                socket->deleteLater();
            });
        }
    }

    void read(QTcpSocket *socket)
    {
        Connection &connection = m_connections[socket];
        connection.buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = connection.buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            FakeHttpRequest request;
            const QList<QByteArray> lines = connection.buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers[lines.at(i).left(colon).trimmed().toLower()]
                        = lines.at(i).mid(colon + 1).trimmed();
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (connection.buffer.size() < headerEnd + 4 + length)
                return;
            request.body = connection.buffer.mid(headerEnd + 4, length);
            connection.buffer.remove(0, headerEnd + 4 + length);
            request.json = Json::parse(request.body.toStdString(), nullptr, false);
            m_requests.append(request);
            Handler handler = [](const FakeHttpRequest &) {
                return FakeHttpResponse::raw(500, R"({"error":{"message":"no script left"}})");
            };
            if (!m_script.empty()) {
                handler = std::move(m_script.front());
                m_script.pop_front();
            }
            respond(socket, handler(request));
            Q_EMIT requestReceived();
            if (!m_connections.count(socket) || m_connections[socket].closedByServer)
                return;
        }
    }

    void respond(QTcpSocket *socket, const FakeHttpResponse &response)
    {
        using Kind = FakeHttpResponse::Kind;
        if (response.kind == Kind::Stall)
            return;
        if (response.kind == Kind::Drop) {
            close(socket);
            return;
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                          + reason(response.status) + "\r\n";
        bool hasContentType = false;
        for (const auto &[name, value] : response.headers) {
            head += name + ": " + value + "\r\n";
            hasContentType = hasContentType || name.toLower() == "content-type";
        }
        if (!hasContentType)
            head += "Content-Type: application/json\r\n";
        if (response.kind == Kind::Stream)
            head += "Connection: close\r\n";
        else
            head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        head += "\r\n";
        socket->write(head);
        socket->write(response.kind == Kind::Truncate ? response.body.left(response.cutAfter)
                                                      : response.body);
        if (response.kind != Kind::Reply)
            close(socket);
    }

    void close(QTcpSocket *socket)
    {
        m_connections[socket].closedByServer = true;
        socket->disconnectFromHost();
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
        }
    }

    QTcpServer m_server;
    std::map<QTcpSocket *, Connection> m_connections;
    std::deque<Handler> m_script;
    QList<FakeHttpRequest> m_requests;
    int m_clientDisconnects = 0;
};

/// Collects what is wrong with a request, each problem with the field it is about.
class Problems
{
public:
    void add(const QString &field, const QString &what)
    {
        m_list.append(field + QStringLiteral(": ") + what);
    }
    void expect(bool ok, const QString &field, const QString &what)
    {
        if (!ok)
            add(field, what);
    }
    void onlyKeys(const Json &object, const QString &field, const std::set<std::string> &allowed)
    {
        if (!object.is_object())
            return;
        for (const auto &[key, value] : object.items()) {
            if (!allowed.count(key))
                add(field, QStringLiteral("unknown field \"%1\"").arg(QString::fromStdString(key)));
        }
    }
    bool isEmpty() const { return m_list.isEmpty(); }
    QString text() const { return m_list.join(u'\n'); }
    const QStringList &list() const { return m_list; }

private:
    QStringList m_list;
};

inline bool isString(const Json &object, const char *key)
{
    return object.is_object() && object.contains(key) && object[key].is_string();
}

inline bool isNonEmptyString(const Json &object, const char *key)
{
    return isString(object, key) && !object[key].get<std::string>().empty();
}

inline void checkHttp(Problems &problems,
                      const FakeHttpRequest &request,
                      const QString &path,
                      const QByteArray &authHeader,
                      const QByteArray &authValue)
{
    problems.expect(request.method == "POST", u"method"_s, QString::fromUtf8(request.method));
    problems.expect(request.path() == path,
                    u"path"_s,
                    QStringLiteral("%1, expected %2").arg(request.path(), path));
    problems.expect(request.header("content-type").startsWith("application/json"),
                    u"Content-Type"_s,
                    QString::fromUtf8(request.header("content-type")));
    if (authValue.isEmpty())
        problems.expect(!request.hasHeader(authHeader),
                        QString::fromUtf8(authHeader),
                        u"sent though there is no key"_s);
    else
        problems.expect(request.header(authHeader) == authValue,
                        QString::fromUtf8(authHeader),
                        u"not the key given"_s);
    problems.expect(!request.json.is_discarded() && request.json.is_object(),
                    u"body"_s,
                    u"not a JSON object"_s);
}

inline void checkNumber(Problems &problems,
                        const Json &object,
                        const char *key,
                        double min,
                        double max,
                        const QString &field)
{
    if (!object.contains(key))
        return;
    const Json &value = object[key];
    problems.expect(value.is_number() && value.get<double>() >= min && value.get<double>() <= max,
                    field,
                    QStringLiteral("not a number in [%1, %2]").arg(min).arg(max));
}

inline bool isToolName(const std::string &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
    return pattern.match(QString::fromStdString(name)).hasMatch();
}

/// OpenAI Chat Completions, per its API reference.
namespace openai {

/// What is wrong with a chat completion request: POST path, `Authorization: Bearer KEY` (or
/// authHeader/authValue for Azure's `api-key`), and the body: model, messages by role,
/// assistant tool_calls with string arguments, every call answered by a `tool` message before
/// the conversation goes on, tools, sampling fields.
inline Problems checkRequest(const FakeHttpRequest &request,
                             const QString &path,
                             const QByteArray &key,
                             const QByteArray &authHeader = "authorization")
{
    Problems problems;
    const QByteArray authValue
        = key.isEmpty() || authHeader != "authorization" ? key : "Bearer " + key;
    checkHttp(problems, request, path, authHeader, authValue);
    const Json &body = request.json;
    if (!body.is_object())
        return problems;
    problems.onlyKeys(body,
                      u"body"_s,
                      {"model",
                       "messages",
                       "tools",
                       "tool_choice",
                       "parallel_tool_calls",
                       "temperature",
                       "top_p",
                       "max_tokens",
                       "max_completion_tokens",
                       "stream",
                       "stop",
                       "seed",
                       "n",
                       "user",
                       "response_format"});
    problems.expect(isNonEmptyString(body, "model"), u"model"_s, u"missing"_s);
    checkNumber(problems, body, "temperature", 0, 2, u"temperature"_s);
    checkNumber(problems, body, "top_p", 0, 1, u"top_p"_s);
    for (const char *field : {"max_tokens", "max_completion_tokens"}) {
        if (body.contains(field))
            problems.expect(body[field].is_number_integer() && body[field].get<int>() > 0,
                            QString::fromLatin1(field),
                            u"not a positive integer"_s);
    }
    if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty()) {
        problems.add(u"messages"_s, u"missing or empty"_s);
        return problems;
    }
    QSet<QString> unanswered;
    const Json &messages = body["messages"];
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const Json &message = messages[i];
        const QString field = QStringLiteral("messages[%1]").arg(i);
        const std::string role
            = isString(message, "role") ? message["role"].get<std::string>() : std::string();
        if (role != "tool" && !unanswered.isEmpty())
            problems.add(field, u"tool calls before it were not all answered"_s);
        if (role == "system" || role == "developer" || role == "user") {
            problems.onlyKeys(message, field, {"role", "content", "name"});
            problems.expect(isString(message, "content"), field + u".content"_s, u"not text"_s);
        } else if (role == "assistant") {
            problems.onlyKeys(message, field, {"role", "content", "tool_calls", "refusal", "name"});
            const bool hasCalls = message.contains("tool_calls");
            problems.expect(
                isString(message, "content")
                    || (hasCalls && message.contains("content") && message["content"].is_null()),
                field + u".content"_s,
                u"neither text nor null beside tool_calls"_s);
            if (!hasCalls)
                continue;
            const Json &calls = message["tool_calls"];
            if (!calls.is_array() || calls.empty()) {
                problems.add(field + u".tool_calls"_s, u"not a non-empty array"_s);
                continue;
            }
            for (std::size_t c = 0; c < calls.size(); ++c) {
                const Json &call = calls[c];
                const QString callField = field + QStringLiteral(".tool_calls[%1]").arg(c);
                problems.onlyKeys(call, callField, {"id", "type", "function"});
                problems.expect(isNonEmptyString(call, "id"), callField + u".id"_s, u"missing"_s);
                problems.expect(call.value("type", "") == "function",
                                callField + u".type"_s,
                                u"not \"function\""_s);
                const Json function = call.value("function", Json());
                problems.onlyKeys(function, callField + u".function"_s, {"name", "arguments"});
                problems.expect(isNonEmptyString(function, "name"),
                                callField + u".function.name"_s,
                                u"missing"_s);
                // The reference: arguments is a string holding JSON, not a JSON object.
                problems.expect(
                    isString(function, "arguments")
                        && Json::parse(function["arguments"].get<std::string>(), nullptr, false)
                               .is_object(),
                    callField + u".function.arguments"_s,
                    u"not a string holding a JSON object"_s);
                if (isString(call, "id"))
                    unanswered.insert(QString::fromStdString(call["id"].get<std::string>()));
            }
        } else if (role == "tool") {
            problems.onlyKeys(message, field, {"role", "content", "tool_call_id"});
            problems.expect(isString(message, "content"), field + u".content"_s, u"not text"_s);
            const QString id
                = isString(message, "tool_call_id")
                      ? QString::fromStdString(message["tool_call_id"].get<std::string>())
                      : QString();
            problems.expect(unanswered.remove(id),
                            field + u".tool_call_id"_s,
                            QStringLiteral("\"%1\" answers no pending tool call").arg(id));
        } else {
            problems.add(field + u".role"_s,
                         QStringLiteral("\"%1\" is not a role").arg(QString::fromStdString(role)));
        }
    }
    if (!unanswered.isEmpty())
        problems.add(u"messages"_s, u"ends with tool calls unanswered"_s);
    if (body.contains("tools")) {
        const Json &tools = body["tools"];
        problems.expect(tools.is_array() && !tools.empty(), u"tools"_s, u"not a non-empty array"_s);
        for (std::size_t t = 0; tools.is_array() && t < tools.size(); ++t) {
            const QString field = QStringLiteral("tools[%1]").arg(t);
            problems.onlyKeys(tools[t], field, {"type", "function"});
            problems.expect(tools[t].value("type", "") == "function",
                            field + u".type"_s,
                            u"not \"function\""_s);
            const Json function = tools[t].value("function", Json());
            problems.onlyKeys(
                function, field + u".function"_s, {"name", "description", "parameters", "strict"});
            problems.expect(isString(function, "name")
                                && isToolName(function["name"].get<std::string>()),
                            field + u".function.name"_s,
                            u"not a valid function name"_s);
            problems.expect(!function.contains("parameters") || function["parameters"].is_object(),
                            field + u".function.parameters"_s,
                            u"not a JSON Schema object"_s);
        }
    }
    return problems;
}

/// A call in a scripted reply: id, function name, arguments (sent as a JSON string).
struct Call
{
    std::string id;
    std::string name;
    Json arguments;
};

/// A chat.completion object as in the API reference: one choice, usage block.
inline Json completion(const Json &message,
                       const std::string &finishReason,
                       int promptTokens,
                       int completionTokens)
{
    return Json{{"id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT"},
                {"object", "chat.completion"},
                {"created", 1741569952},
                {"model", "gpt-4o-mini-2024-07-18"},
                {"choices",
                 Json::array({Json{{"index", 0},
                                   {"message", message},
                                   {"logprobs", nullptr},
                                   {"finish_reason", finishReason}}})},
                {"usage",
                 {{"prompt_tokens", promptTokens},
                  {"completion_tokens", completionTokens},
                  {"total_tokens", promptTokens + completionTokens},
                  {"prompt_tokens_details", {{"cached_tokens", 0}, {"audio_tokens", 0}}},
                  {"completion_tokens_details",
                   {{"reasoning_tokens", 0},
                    {"audio_tokens", 0},
                    {"accepted_prediction_tokens", 0},
                    {"rejected_prediction_tokens", 0}}}}},
                {"service_tier", "default"},
                {"system_fingerprint", "fp_06737a9306"}};
}

inline Json textReply(const std::string &text, int promptTokens, int completionTokens)
{
    return completion(Json{{"role", "assistant"},
                           {"content", text},
                           {"refusal", nullptr},
                           {"annotations", Json::array()}},
                      "stop",
                      promptTokens,
                      completionTokens);
}

inline Json toolCallsReply(const QList<Call> &calls, int promptTokens, int completionTokens)
{
    Json toolCalls = Json::array();
    for (const Call &call : calls)
        toolCalls.push_back(
            Json{{"id", call.id},
                 {"type", "function"},
                 {"function", {{"name", call.name}, {"arguments", call.arguments.dump(1)}}}});
    return completion(Json{{"role", "assistant"},
                           {"content", nullptr},
                           {"tool_calls", std::move(toolCalls)},
                           {"refusal", nullptr},
                           {"annotations", Json::array()}},
                      "tool_calls",
                      promptTokens,
                      completionTokens);
}

inline Json error(const std::string &message, const std::string &type, const Json &code)
{
    return Json{
        {"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
}

} // namespace openai

/// Anthropic Messages, per its API reference.
namespace anthropic {

/// What is wrong with a Messages request: POST /v1/messages, `x-api-key`,
/// `anthropic-version: 2023-06-01`, and the body: model, max_tokens, top-level system,
/// alternating user/assistant messages, tool_use blocks answered by tool_result blocks
/// (first) in the next user message, tools with input_schema, sampling fields.
inline Problems checkRequest(const FakeHttpRequest &request, const QByteArray &key)
{
    Problems problems;
    checkHttp(problems, request, u"/v1/messages"_s, "x-api-key", key);
    problems.expect(request.header("anthropic-version") == "2023-06-01",
                    u"anthropic-version"_s,
                    QString::fromUtf8(request.header("anthropic-version")));
    const Json &body = request.json;
    if (!body.is_object())
        return problems;
    problems.onlyKeys(body,
                      u"body"_s,
                      {"model",
                       "max_tokens",
                       "messages",
                       "system",
                       "tools",
                       "tool_choice",
                       "temperature",
                       "top_p",
                       "top_k",
                       "stop_sequences",
                       "stream",
                       "metadata"});
    problems.expect(isNonEmptyString(body, "model"), u"model"_s, u"missing"_s);
    problems.expect(body.contains("max_tokens") && body["max_tokens"].is_number_integer()
                        && body["max_tokens"].get<int>() >= 1,
                    u"max_tokens"_s,
                    u"required, a positive integer"_s);
    checkNumber(problems, body, "temperature", 0, 1, u"temperature"_s);
    checkNumber(problems, body, "top_p", 0, 1, u"top_p"_s);
    if (body.contains("system"))
        problems.expect(body["system"].is_string() || body["system"].is_array(),
                        u"system"_s,
                        u"neither text nor text blocks"_s);
    if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty()) {
        problems.add(u"messages"_s, u"missing or empty"_s);
        return problems;
    }
    const Json &messages = body["messages"];
    QStringList pendingUses;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const Json &message = messages[i];
        const QString field = QStringLiteral("messages[%1]").arg(i);
        problems.onlyKeys(message, field, {"role", "content"});
        const std::string role = message.value("role", "");
        const std::string expectedRole = i % 2 == 0 ? "user" : "assistant";
        problems.expect(role == expectedRole,
                        field + u".role"_s,
                        QStringLiteral("\"%1\" where turns alternate, starting with user")
                            .arg(QString::fromStdString(role)));
        const Json content = message.value("content", Json());
        QStringList answered;
        bool seenOther = false;
        if (content.is_string()) {
            problems.expect(
                !content.get<std::string>().empty(), field + u".content"_s, u"empty text"_s);
            seenOther = true;
        } else if (content.is_array() && !content.empty()) {
            for (std::size_t b = 0; b < content.size(); ++b) {
                const Json &block = content[b];
                const QString blockField = field + QStringLiteral(".content[%1]").arg(b);
                const std::string type = block.value("type", "");
                if (type == "text") {
                    problems.onlyKeys(block, blockField, {"type", "text"});
                    problems.expect(isNonEmptyString(block, "text"),
                                    blockField + u".text"_s,
                                    u"missing or empty"_s);
                    seenOther = true;
                } else if (type == "tool_use" && role == "assistant") {
                    problems.onlyKeys(block, blockField, {"type", "id", "name", "input"});
                    problems.expect(
                        isNonEmptyString(block, "id"), blockField + u".id"_s, u"missing"_s);
                    problems.expect(isString(block, "name")
                                        && isToolName(block["name"].get<std::string>()),
                                    blockField + u".name"_s,
                                    u"not a tool name"_s);
                    problems.expect(block.contains("input") && block["input"].is_object(),
                                    blockField + u".input"_s,
                                    u"not an object"_s);
                    if (isString(block, "id"))
                        pendingUses.append(QString::fromStdString(block["id"].get<std::string>()));
                } else if (type == "tool_result" && role == "user") {
                    problems.onlyKeys(
                        block, blockField, {"type", "tool_use_id", "content", "is_error"});
                    problems.expect(!seenOther,
                                    blockField,
                                    u"tool_result blocks must come first in a user message"_s);
                    problems.expect(
                        block.contains("content")
                            && (block["content"].is_string() || block["content"].is_array()),
                        blockField + u".content"_s,
                        u"neither text nor blocks"_s);
                    problems.expect(!block.contains("is_error") || block["is_error"].is_boolean(),
                                    blockField + u".is_error"_s,
                                    u"not a boolean"_s);
                    answered.append(QString::fromStdString(block.value("tool_use_id", "")));
                } else {
                    problems.add(
                        blockField + u".type"_s,
                        QStringLiteral("\"%1\" does not belong in a %2 message")
                            .arg(QString::fromStdString(type), QString::fromStdString(role)));
                }
            }
        } else {
            problems.add(field + u".content"_s, u"neither text nor a non-empty block array"_s);
        }
        if (role == "user") {
            // Each tool_use must be answered in the very next user message.
            problems.expect(answered == pendingUses,
                            field,
                            QStringLiteral("answers tool uses [%1], expected [%2]")
                                .arg(answered.join(u", "_s), pendingUses.join(u", "_s)));
            pendingUses.clear();
        }
    }
    if (body.contains("tools")) {
        const Json &tools = body["tools"];
        problems.expect(tools.is_array(), u"tools"_s, u"not an array"_s);
        for (std::size_t t = 0; tools.is_array() && t < tools.size(); ++t) {
            const QString field = QStringLiteral("tools[%1]").arg(t);
            problems.onlyKeys(tools[t], field, {"name", "description", "input_schema"});
            problems.expect(isString(tools[t], "name")
                                && isToolName(tools[t]["name"].get<std::string>()),
                            field + u".name"_s,
                            u"not a tool name"_s);
            problems.expect(tools[t].contains("input_schema")
                                && tools[t]["input_schema"].is_object()
                                && tools[t]["input_schema"].value("type", "") == "object",
                            field + u".input_schema"_s,
                            u"not an object schema"_s);
        }
    }
    return problems;
}

/// A Message object as in the API reference.
inline Json message(const Json &content,
                    const std::string &stopReason,
                    int inputTokens,
                    int outputTokens)
{
    return Json{{"id", "msg_013Zva2CMHLNnXjNJJKqJ2EF"},
                {"type", "message"},
                {"role", "assistant"},
                {"model", "claude-sonnet-4-20250514"},
                {"content", content},
                {"stop_reason", stopReason},
                {"stop_sequence", nullptr},
                {"usage",
                 {{"input_tokens", inputTokens},
                  {"cache_creation_input_tokens", 0},
                  {"cache_read_input_tokens", 0},
                  {"output_tokens", outputTokens},
                  {"service_tier", "standard"}}}};
}

inline Json textBlock(const std::string &text)
{
    return Json{{"type", "text"}, {"text", text}};
}

inline Json toolUse(const std::string &id, const std::string &name, const Json &input)
{
    return Json{{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", input}};
}

inline Json error(const std::string &type, const std::string &message)
{
    return Json{{"type", "error"},
                {"error", {{"type", type}, {"message", message}}},
                {"request_id", "req_011CSHoEeqs5C35K2UUqR7Fy"}};
}

} // namespace anthropic

/// Gemini generateContent, per its API reference.
namespace gemini {

/// What is wrong with a generateContent request: POST /v1beta/models/MODEL:generateContent,
/// the key in `x-goog-api-key` and not in the query, and the body: contents with user/model
/// roles and one kind of data per part, function responses answering the previous turn's
/// calls by name, systemInstruction, functionDeclarations, generationConfig.
inline Problems checkRequest(const FakeHttpRequest &request,
                             const QString &model,
                             const QByteArray &key)
{
    Problems problems;
    checkHttp(problems,
              request,
              QStringLiteral("/v1beta/models/%1:generateContent").arg(model),
              "x-goog-api-key",
              key);
    problems.expect(!request.query().hasQueryItem(u"key"_s), u"query"_s, u"carries the key"_s);
    const Json &body = request.json;
    if (!body.is_object())
        return problems;
    problems.onlyKeys(body,
                      u"body"_s,
                      {"contents",
                       "systemInstruction",
                       "tools",
                       "toolConfig",
                       "generationConfig",
                       "safetySettings",
                       "cachedContent"});
    if (body.contains("systemInstruction")) {
        const Json &system = body["systemInstruction"];
        problems.expect(system.is_object() && system.contains("parts") && system["parts"].is_array()
                            && !system["parts"].empty() && isString(system["parts"][0], "text"),
                        u"systemInstruction"_s,
                        u"not a content with text parts"_s);
    }
    if (body.contains("generationConfig")) {
        const Json &config = body["generationConfig"];
        problems.onlyKeys(
            config,
            u"generationConfig"_s,
            {"temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "candidateCount"});
        checkNumber(problems, config, "temperature", 0, 2, u"generationConfig.temperature"_s);
        checkNumber(problems, config, "topP", 0, 1, u"generationConfig.topP"_s);
        if (config.contains("maxOutputTokens"))
            problems.expect(config["maxOutputTokens"].is_number_integer(),
                            u"generationConfig.maxOutputTokens"_s,
                            u"not an integer"_s);
    }
    if (!body.contains("contents") || !body["contents"].is_array() || body["contents"].empty()) {
        problems.add(u"contents"_s, u"missing or empty"_s);
        return problems;
    }
    const Json &contents = body["contents"];
    QStringList pendingCalls;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        const Json &content = contents[i];
        const QString field = QStringLiteral("contents[%1]").arg(i);
        problems.onlyKeys(content, field, {"role", "parts"});
        const std::string role = content.value("role", "");
        problems.expect(
            role == "user" || role == "model",
            field + u".role"_s,
            QStringLiteral("\"%1\" is neither user nor model").arg(QString::fromStdString(role)));
        const Json parts = content.value("parts", Json());
        if (!parts.is_array() || parts.empty()) {
            problems.add(field + u".parts"_s, u"missing or empty"_s);
            continue;
        }
        QStringList calls;
        QStringList responses;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const Json &part = parts[p];
            const QString partField = field + QStringLiteral(".parts[%1]").arg(p);
            problems.onlyKeys(
                part,
                partField,
                {"text", "functionCall", "functionResponse", "thoughtSignature", "thought"});
            const int kinds = int(part.contains("text")) + int(part.contains("functionCall"))
                              + int(part.contains("functionResponse"));
            problems.expect(kinds == 1,
                            partField,
                            u"not exactly one of text, functionCall, functionResponse"_s);
            if (part.contains("text"))
                problems.expect(isString(part, "text"), partField + u".text"_s, u"not text"_s);
            if (part.contains("functionCall")) {
                const Json &call = part["functionCall"];
                problems.expect(
                    role == "model", partField, u"a functionCall outside a model turn"_s);
                problems.onlyKeys(call, partField + u".functionCall"_s, {"name", "args", "id"});
                problems.expect(
                    isString(call, "name"), partField + u".functionCall.name"_s, u"missing"_s);
                problems.expect(!call.contains("args") || call["args"].is_object(),
                                partField + u".functionCall.args"_s,
                                u"not an object"_s);
                calls.append(QString::fromStdString(call.value("name", "")));
            }
            if (part.contains("functionResponse")) {
                const Json &response = part["functionResponse"];
                problems.expect(
                    role == "user", partField, u"a functionResponse outside a user turn"_s);
                problems.onlyKeys(
                    response, partField + u".functionResponse"_s, {"name", "response", "id"});
                problems.expect(isString(response, "name"),
                                partField + u".functionResponse.name"_s,
                                u"missing"_s);
                problems.expect(response.contains("response") && response["response"].is_object(),
                                partField + u".functionResponse.response"_s,
                                u"not an object"_s);
                responses.append(QString::fromStdString(response.value("name", "")));
            }
        }
        if (role == "user") {
            problems.expect(responses == pendingCalls,
                            field,
                            QStringLiteral("answers calls [%1], expected [%2]")
                                .arg(responses.join(u", "_s), pendingCalls.join(u", "_s)));
            pendingCalls.clear();
        } else {
            pendingCalls = calls;
        }
    }
    if (body.contains("tools")) {
        const Json &tools = body["tools"];
        problems.expect(tools.is_array() && !tools.empty(), u"tools"_s, u"not a non-empty array"_s);
        for (std::size_t t = 0; tools.is_array() && t < tools.size(); ++t) {
            const QString field = QStringLiteral("tools[%1]").arg(t);
            const Json declarations = tools[t].value("functionDeclarations", Json());
            problems.expect(
                declarations.is_array(), field + u".functionDeclarations"_s, u"not an array"_s);
            for (std::size_t d = 0; declarations.is_array() && d < declarations.size(); ++d) {
                const Json &declaration = declarations[d];
                const QString declField
                    = field + QStringLiteral(".functionDeclarations[%1]").arg(d);
                problems.onlyKeys(declaration,
                                  declField,
                                  {"name",
                                   "description",
                                   "parameters",
                                   "parametersJsonSchema",
                                   "response",
                                   "responseJsonSchema",
                                   "behavior"});
                problems.expect(
                    isString(declaration, "name"), declField + u".name"_s, u"missing"_s);
                problems.expect(!(declaration.contains("parameters")
                                  && declaration.contains("parametersJsonSchema")),
                                declField,
                                u"parameters and parametersJsonSchema are mutually exclusive"_s);
            }
        }
    }
    return problems;
}

/// A GenerateContentResponse as in the API reference: one candidate, usageMetadata.
inline Json response(const Json &parts,
                     const std::string &finishReason,
                     int promptTokens,
                     int candidateTokens)
{
    return Json{{"candidates",
                 Json::array({Json{{"content", {{"parts", parts}, {"role", "model"}}},
                                   {"finishReason", finishReason},
                                   {"avgLogprobs", -0.0123}}})},
                {"usageMetadata",
                 {{"promptTokenCount", promptTokens},
                  {"candidatesTokenCount", candidateTokens},
                  {"totalTokenCount", promptTokens + candidateTokens},
                  {"promptTokensDetails",
                   Json::array({Json{{"modality", "TEXT"}, {"tokenCount", promptTokens}}})},
                  {"candidatesTokensDetails",
                   Json::array({Json{{"modality", "TEXT"}, {"tokenCount", candidateTokens}}})}}},
                {"modelVersion", "gemini-2.0-flash"},
                {"responseId", "Il0taoSYJ5Cez7IPnvbT6Qg"}};
}

inline Json textPart(const std::string &text)
{
    return Json{{"text", text}};
}

inline Json functionCallPart(const std::string &name,
                             const Json &args,
                             const std::string &signature = {})
{
    Json part{{"functionCall", {{"name", name}, {"args", args}}}};
    if (!signature.empty())
        part["thoughtSignature"] = signature;
    return part;
}

inline Json error(int code,
                  const std::string &message,
                  const std::string &status,
                  const std::string &reason)
{
    return Json{{"error",
                 {{"code", code},
                  {"message", message},
                  {"status", status},
                  {"details",
                   Json::array({Json{
                       {"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                       {"reason", reason},
                       {"domain", "googleapis.com"},
                       {"metadata", {{"service", "generativelanguage.googleapis.com"}}}}})}}}};
}

} // namespace gemini

} // namespace nightshift::test
