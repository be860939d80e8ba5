#pragma once

#include "redisreply.h"
#include "redisurl.h"
#include "result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QAbstractSocket;
struct redisReader;

namespace nightshift {

/// One connection to Redis, carried by a Qt socket in the event loop of the thread that made
/// it: hiredis only encodes commands and parses replies. After open() it reconnects by itself
/// with exponential backoff and says so through onlineChanged().
class RedisConnection final : public QObject
{
    Q_OBJECT

public:
    using Command = QList<QByteArray>;
    using Callback = std::function<void(const RedisReply &)>;

    /// How long a blocking call may take: loopback round trips take about 100 µs.
    static constexpr int TimeoutMs = 2000;

    explicit RedisConnection(RedisUrl url, QObject *parent = nullptr);
    ~RedisConnection() override;

    /// Connects and authenticates, blocking at most TimeoutMs; nothing else works before.
    Result<void> open();
    /// Whether the connection is up and authenticated.
    bool isOnline() const { return m_online; }
    const RedisUrl &url() const { return m_url; }

    /// Queues a command behind those already sent; false, with nothing sent, while offline.
    /// A callback is dropped, never called, when the connection goes down before the reply.
    bool send(const Command &command, Callback callback = {});
    /// Sends the commands in one round trip and waits for every reply (error replies included).
    Result<QList<RedisReply>> execute(const QList<Command> &commands);
    /// One command and its reply; an error reply becomes an Error.
    Result<RedisReply> execute(const Command &command);
    /// Drives the socket, blocking, until done() holds, the connection drops or timeoutMs passes.
    Result<void> waitUntil(const std::function<bool()> &done, int timeoutMs, const QString &what);

    /// The error every call returns while offline.
    Error offlineError() const;
    /// text with the URL's password replaced by `***`, for anything quoting the server.
    QString redact(QString text) const;

Q_SIGNALS:
    /// The connection went down or came back (authenticated); sent on every change.
    void onlineChanged(bool online);

private:
    void connectSocket();
    void startHandshake();
    void finishHandshake(const std::optional<Error> &error);
    void readAvailable();
    void handleConnectionLost(const QString &reason);
    void scheduleReconnect();
    void setOnline(bool online);
    void writeCommand(const Command &command, Callback callback);
    Error handshakeError(const QString &command, const RedisReply &reply) const;

    RedisUrl m_url;
    QAbstractSocket *m_socket = nullptr;
    std::unique_ptr<redisReader, void (*)(redisReader *)> m_reader;
    std::deque<Callback> m_callbacks;
    QTimer m_reconnectTimer;
    // Bounds one reconnection attempt, connect and handshake, when nothing blocks on it.
    QTimer m_attemptTimer;
    // Notices a server that stopped answering while only pipelined writes were waiting.
    QTimer m_watchdog;
    QElapsedTimer m_sinceProgress;
    int m_backoffMs = 0;
    // Bumped whenever the socket is reset, so replies of an older connection are ignored.
    quint64 m_generation = 0;
    bool m_opened = false;
    bool m_online = false;
    bool m_handshaking = false;
    std::optional<Error> m_handshakeError;
    QString m_lastError; ///< Why the connection last dropped, for open()'s message.
};

} // namespace nightshift
