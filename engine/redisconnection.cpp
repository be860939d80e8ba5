#include "redisconnection.h"

#include "log.h"

#include <QDeadlineTimer>
#include <QSignalBlocker>
#include <QSslSocket>
#include <QTcpSocket>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <vector>

namespace nightshift {

namespace {

constexpr int FirstBackoffMs = 100;
constexpr int MaxBackoffMs = 5000;
constexpr int WatchdogMs = 1000;
// Pipelined writes may queue behind each other, so a stall counts only well past the timeout.
constexpr int StallFactor = 2;

RedisReply toReply(const redisReply *raw)
{
    RedisReply reply;
    switch (raw->type) {
    case REDIS_REPLY_STRING:
        reply.type = RedisReply::Type::String;
        reply.string = QByteArray(raw->str, qsizetype(raw->len));
        break;
    case REDIS_REPLY_STATUS:
        reply.type = RedisReply::Type::Status;
        reply.string = QByteArray(raw->str, qsizetype(raw->len));
        break;
    case REDIS_REPLY_ERROR:
        reply.type = RedisReply::Type::Error;
        reply.string = QByteArray(raw->str, qsizetype(raw->len));
        break;
    case REDIS_REPLY_INTEGER:
        reply.type = RedisReply::Type::Integer;
        reply.integer = raw->integer;
        break;
    case REDIS_REPLY_ARRAY:
        reply.type = RedisReply::Type::Array;
        reply.elements.reserve(qsizetype(raw->elements));
        for (std::size_t i = 0; i < raw->elements; ++i)
            reply.elements.append(toReply(raw->element[i]));
        break;
    default:
        break;
    }
    return reply;
}

void freeReader(redisReader *reader)
{
    redisReaderFree(reader);
}

} // namespace

RedisConnection::RedisConnection(RedisUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_reader(redisReaderCreate(), &freeReader)
    , m_backoffMs(FirstBackoffMs)
{
    if (m_url.tls) {
        auto *socket = new QSslSocket(this);
        connect(socket, &QSslSocket::encrypted, this, &RedisConnection::startHandshake);
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QAbstractSocket::connected, this, &RedisConnection::startHandshake);
    }
    connect(m_socket, &QAbstractSocket::readyRead, this, &RedisConnection::readAvailable);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        handleConnectionLost(QStringLiteral("the server closed the connection"));
    });
    connect(m_socket,
            &QAbstractSocket::errorOccurred,
            this,
            [this](QAbstractSocket::SocketError error) {
                // A waitFor...() that ran out of time reports this; the socket is still fine
                // and waitUntil() decides.
                if (error != QAbstractSocket::SocketTimeoutError)
                    handleConnectionLost(m_socket->errorString());
            });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::connectSocket);
    m_attemptTimer.setSingleShot(true);
    connect(&m_attemptTimer, &QTimer::timeout, this, [this] {
        handleConnectionLost(QStringLiteral("no answer within %1 ms").arg(TimeoutMs));
    });
    m_watchdog.setInterval(WatchdogMs);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (!m_callbacks.empty() && m_sinceProgress.elapsed() > StallFactor * TimeoutMs)
            handleConnectionLost(
                QStringLiteral("no reply within %1 ms").arg(StallFactor * TimeoutMs));
    });
}

RedisConnection::~RedisConnection()
{
    m_opened = false;
    const QSignalBlocker blocker(m_socket);
    m_socket->abort();
}

Result<void> RedisConnection::open()
{
    m_lastError.clear();
    connectSocket();
    const bool connected = m_url.tls
                               ? static_cast<QSslSocket *>(m_socket)->waitForEncrypted(TimeoutMs)
                               : m_socket->waitForConnected(TimeoutMs);
    if (!connected || !m_handshaking) {
        const QString reason = m_lastError.isEmpty() ? m_socket->errorString() : m_lastError;
        handleConnectionLost(reason);
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot reach Redis at %1: %2; start redis-server or fix "
                                        "--store %3")
                             .arg(m_url.endpoint(), redact(reason), m_url.masked));
    }
    const Result<void> waited
        = waitUntil([this] { return !m_handshaking; }, TimeoutMs, QStringLiteral("the handshake"));
    if (!waited)
        return waited;
    if (m_handshakeError)
        return *m_handshakeError;
    m_opened = true;
    return {};
}

bool RedisConnection::send(const Command &command, Callback callback)
{
    if (!m_online)
        return false;
    writeCommand(command, std::move(callback));
    return true;
}

Result<QList<RedisReply>> RedisConnection::execute(const QList<Command> &commands)
{
    if (!m_online)
        return offlineError();
    auto replies = std::make_shared<QList<RedisReply>>();
    for (const Command &command : commands)
        writeCommand(command, [replies](const RedisReply &reply) { replies->append(reply); });
    const qsizetype expected = commands.size();
    const Result<void> waited = waitUntil([&] { return replies->size() == expected; },
                                          TimeoutMs,
                                          QString::fromUtf8(commands.value(0).value(0)));
    if (!waited)
        return waited.error();
    return *replies;
}

Result<RedisReply> RedisConnection::execute(const Command &command)
{
    Result<QList<RedisReply>> replies = execute(QList<Command>{command});
    if (!replies)
        return replies.error();
    const RedisReply &reply = replies->first();
    if (reply.isError())
        return makeError(ErrorCode::Io,
                         QStringLiteral("Redis at %1 refused %2: %3")
                             .arg(m_url.endpoint(),
                                  QString::fromUtf8(command.value(0)),
                                  redact(reply.errorText())));
    return reply;
}

Result<void> RedisConnection::waitUntil(const std::function<bool()> &done,
                                        int timeoutMs,
                                        const QString &what)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (m_socket->state() != QAbstractSocket::ConnectedState || (!m_online && !m_handshaking))
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("lost the connection to Redis at %1 while waiting "
                                            "for %2; it reconnects by itself")
                                 .arg(m_url.endpoint(), what));
        if (deadline.hasExpired()) {
            // A loopback or LAN Redis that is silent this long is stuck or gone: start afresh.
            handleConnectionLost(QStringLiteral("no reply within %1 ms").arg(timeoutMs));
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("Redis at %1 did not answer %2 within %3 ms; the "
                                            "connection is reset and retried")
                                 .arg(m_url.endpoint(), what)
                                 .arg(timeoutMs));
        }
        m_socket->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        // waitForReadyRead() does not emit readyRead() while a readyRead() slot is running.
        readAvailable();
    }
    return {};
}

Error RedisConnection::offlineError() const
{
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("Redis at %1 is offline; Nightshift reconnects by itself, "
                                    "start redis-server if it stopped")
                         .arg(m_url.endpoint()));
}

QString RedisConnection::redact(QString text) const
{
    if (!m_url.password.isEmpty())
        text.replace(m_url.password, QStringLiteral("***"));
    return text;
}

void RedisConnection::connectSocket()
{
    ++m_generation;
    m_callbacks.clear();
    m_reader.reset(redisReaderCreate());
    {
        const QSignalBlocker blocker(m_socket);
        m_socket->abort();
    }
    m_handshaking = false;
    m_attemptTimer.start(TimeoutMs);
    if (m_url.tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_url.host, m_url.port);
    else
        m_socket->connectToHost(m_url.host, m_url.port);
}

void RedisConnection::startHandshake()
{
    // Requests the engine waits on are small: Nagle would only add latency. Set once
    // connected, as an unconnected socket has nowhere to keep the option.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_handshaking = true;
    m_handshakeError.reset();
    QList<std::pair<QString, Command>> steps;
    if (!m_url.password.isEmpty()) {
        Command auth{"AUTH"};
        if (!m_url.user.isEmpty())
            auth.append(m_url.user.toUtf8());
        auth.append(m_url.password.toUtf8());
        steps.append({QStringLiteral("AUTH"), auth});
    }
    if (m_url.db != 0)
        steps.append({QStringLiteral("SELECT"), {"SELECT", QByteArray::number(m_url.db)}});
    // PING last: it is what reports NOAUTH when the server wants a password the URL lacks.
    steps.append({QStringLiteral("PING"), {"PING"}});

    auto firstError = std::make_shared<std::optional<Error>>();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const bool last = i == steps.size() - 1;
        const QString name = steps.at(i).first;
        writeCommand(steps.at(i).second, [this, firstError, name, last](const RedisReply &reply) {
            if (reply.isError() && !*firstError)
                *firstError = handshakeError(name, reply);
            if (last)
                finishHandshake(*firstError);
        });
    }
}

void RedisConnection::finishHandshake(const std::optional<Error> &error)
{
    m_handshaking = false;
    m_attemptTimer.stop();
    if (error) {
        m_handshakeError = error;
        if (m_opened)
            engineLog().error("{}", error->message.toStdString());
        handleConnectionLost(error->message);
        return;
    }
    m_backoffMs = FirstBackoffMs;
    m_watchdog.start();
    if (m_opened)
        engineLog().info("Redis at {} is back online", m_url.endpoint().toStdString());
    setOnline(true);
}

void RedisConnection::readAvailable()
{
    if (!m_socket->isOpen())
        return;
    const QByteArray data = m_socket->readAll();
    if (!data.isEmpty()
        && redisReaderFeed(m_reader.get(), data.constData(), std::size_t(data.size()))
               != REDIS_OK) {
        handleConnectionLost(
            QStringLiteral("unreadable reply: %1").arg(QString::fromUtf8(m_reader->errstr)));
        return;
    }
    const quint64 generation = m_generation;
    // A callback may drop the connection, which replaces the reader and the callbacks.
    while (generation == m_generation) {
        void *raw = nullptr;
        if (redisReaderGetReply(m_reader.get(), &raw) != REDIS_OK) {
            handleConnectionLost(
                QStringLiteral("unreadable reply: %1").arg(QString::fromUtf8(m_reader->errstr)));
            return;
        }
        if (!raw)
            return;
        const RedisReply reply = toReply(static_cast<const redisReply *>(raw));
        freeReplyObject(raw);
        m_sinceProgress.start();
        if (m_callbacks.empty()) {
            handleConnectionLost(QStringLiteral("a reply to no request"));
            return;
        }
        const Callback callback = std::move(m_callbacks.front());
        m_callbacks.pop_front();
        if (callback)
            callback(reply);
    }
}

void RedisConnection::handleConnectionLost(const QString &reason)
{
    m_lastError = reason;
    ++m_generation;
    m_callbacks.clear();
    m_handshaking = false;
    m_attemptTimer.stop();
    m_watchdog.stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        const QSignalBlocker blocker(m_socket);
        m_socket->abort();
    }
    if (m_online)
        engineLog().warn("lost Redis at {}: {}; reconnecting",
                         m_url.endpoint().toStdString(),
                         redact(reason).toStdString());
    setOnline(false);
    scheduleReconnect();
}

void RedisConnection::scheduleReconnect()
{
    if (!m_opened || m_reconnectTimer.isActive())
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, MaxBackoffMs);
}

void RedisConnection::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged(online);
}

void RedisConnection::writeCommand(const Command &command, Callback callback)
{
    std::vector<const char *> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(std::size_t(command.size()));
    lengths.reserve(std::size_t(command.size()));
    for (const QByteArray &argument : command) {
        argv.push_back(argument.constData());
        lengths.push_back(std::size_t(argument.size()));
    }
    char *encoded = nullptr;
    const int length
        = redisFormatCommandArgv(&encoded, int(argv.size()), argv.data(), lengths.data());
    if (length < 0) {
        handleConnectionLost(QStringLiteral("out of memory encoding a command"));
        return;
    }
    m_socket->write(encoded, length);
    redisFreeCommand(encoded);
    if (m_callbacks.empty())
        m_sinceProgress.start();
    m_callbacks.push_back(std::move(callback));
}

Error RedisConnection::handshakeError(const QString &command, const RedisReply &reply) const
{
    const QString said = redact(reply.errorText());
    const QString user = m_url.user.isEmpty() ? QStringLiteral("default") : m_url.user;
    if (command == u"AUTH")
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Redis at %1 refused the credentials of user \"%2\" (%3); "
                                        "fix the user and password in the store URL %4")
                             .arg(m_url.endpoint(), user, said, m_url.masked));
    if (said.startsWith(u"NOAUTH"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Redis at %1 requires a password (%2); put "
                                        "user:password@ in the store URL %3")
                             .arg(m_url.endpoint(), said, m_url.masked));
    if (command == u"SELECT")
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("Redis at %1 has no database %2 (%3); fix the number "
                                        "after the port in the store URL %4")
                             .arg(m_url.endpoint())
                             .arg(m_url.db)
                             .arg(said, m_url.masked));
    return makeError(
        ErrorCode::Unavailable,
        QStringLiteral("Redis at %1 answered %2 with \"%3\"").arg(m_url.endpoint(), command, said));
}

} // namespace nightshift
