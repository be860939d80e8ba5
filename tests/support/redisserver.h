#pragma once

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace nightshift::test {

/// A private redis-server on a free loopback port, for tests that need the real one. It can be
/// stopped and started again on the same port to play an outage; the destructor kills it.
class RedisServer
{
public:
    /// extraArguments go after the defaults, e.g. {"--requirepass", "secret"}.
    explicit RedisServer(QStringList extraArguments = {})
        : m_extraArguments(std::move(extraArguments))
    {}
    ~RedisServer() { stop(); }

    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;

    /// The redis-server on PATH, or empty when there is none.
    static QString executable()
    {
        return QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    }

    /// Starts the server (on the port it had before, if any) and waits until it answers PING.
    bool start()
    {
        m_error.clear();
        const QString program = executable();
        if (program.isEmpty()) {
            m_error = QStringLiteral("redis-server is not on PATH");
            return false;
        }
        if (m_port == 0 && !pickPort(&m_port))
            return false;
        if (!m_tlsArguments.isEmpty() && m_tlsPort == 0 && !pickPort(&m_tlsPort))
            return false;
        QStringList arguments = {QStringLiteral("--port"),
                                 QString::number(m_port),
                                 QStringLiteral("--bind"),
                                 QStringLiteral("127.0.0.1"),
                                 QStringLiteral("--save"),
                                 QString(),
                                 QStringLiteral("--appendonly"),
                                 QStringLiteral("no")};
        if (!m_tlsArguments.isEmpty())
            arguments += QStringList{QStringLiteral("--tls-port"), QString::number(m_tlsPort)}
                         + m_tlsArguments;
        arguments += m_extraArguments;
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            m_error = QStringLiteral("cannot start redis-server: ") + m_process.errorString();
            return false;
        }
        const QDeadlineTimer deadline(10'000);
        while (!deadline.hasExpired()) {
            if (m_process.state() != QProcess::Running) {
                m_error = QStringLiteral("redis-server exited: ")
                          + QString::fromLocal8Bit(m_process.readAll());
                return false;
            }
            if (answersPing())
                return true;
            // Waits on the process, not a fixed sleep: an early exit ends the wait at once.
            m_process.waitForFinished(50);
        }
        m_error = QStringLiteral("redis-server did not answer PING within 10 s");
        stop();
        return false;
    }

    /// Stops the server and waits until it is gone; the port stays reserved for start().
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /// Also listens for TLS on tlsPort() with these PEM files; the plain port stays for PING.
    void enableTls(const QString &certificate, const QString &key, const QString &caCertificate)
    {
        m_tlsArguments = {QStringLiteral("--tls-cert-file"),
                          certificate,
                          QStringLiteral("--tls-key-file"),
                          key,
                          QStringLiteral("--tls-ca-cert-file"),
                          caCertificate,
                          QStringLiteral("--tls-auth-clients"),
                          QStringLiteral("no")};
    }

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    /// The server's process id while it runs, e.g. to pause it with SIGSTOP.
    qint64 processId() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    /// The TLS port after enableTls() and start(), else 0.
    quint16 tlsPort() const { return m_tlsPort; }
    /// Why start() failed.
    QString errorString() const { return m_error; }
    /// `redis://[credentials@]127.0.0.1:PORT/db` plus query.
    QString url(const QString &credentials = {}, int db = 0, const QString &query = {}) const
    {
        QString url = QStringLiteral("redis://");
        if (!credentials.isEmpty())
            url += credentials + u'@';
        url += QStringLiteral("127.0.0.1:%1/%2").arg(m_port).arg(db);
        if (!query.isEmpty())
            url += u'?' + query;
        return url;
    }

private:
    bool pickPort(quint16 *port)
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = QStringLiteral("no free loopback port: ") + probe.errorString();
            return false;
        }
        *port = probe.serverPort();
        probe.close();
        return true;
    }

    bool answersPing()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(200))
            return false;
        socket.write("PING\r\n");
        QByteArray reply;
        const QDeadlineTimer deadline(1000);
        while (!reply.contains('\n') && socket.waitForReadyRead(int(deadline.remainingTime())))
            reply += socket.readAll();
        // With --requirepass the server answers NOAUTH, which still means it is up.
        return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
    }

    QStringList m_extraArguments;
    QStringList m_tlsArguments;
    QProcess m_process;
    quint16 m_port = 0;
    quint16 m_tlsPort = 0;
    QString m_error;
};

} // namespace nightshift::test
