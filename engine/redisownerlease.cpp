#include "redisownerlease.h"

#include "log.h"
#include "redisconnection.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSysInfo>

namespace nightshift {

namespace {

// Keeps a lease this holder has, or takes it when it lapsed; answers the other holder if any.
constexpr char RenewScript[] = R"lua(
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
end
if not holder then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
end
return holder
)lua";

constexpr char ReleaseScript[] = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
)lua";

} // namespace

RedisOwnerLease::RedisOwnerLease(std::shared_ptr<RedisConnection> connection, QByteArray key)
    : m_connection(std::move(connection))
    , m_key(std::move(key))
    , m_holder(QSysInfo::machineHostName().toUtf8() + ':'
               + QByteArray::number(QCoreApplication::applicationPid()) + ':'
               + QByteArray::number(QRandomGenerator::global()->generate64(), 16))
{
    m_renewTimer.setInterval(RenewMs);
    connect(&m_renewTimer, &QTimer::timeout, this, &RedisOwnerLease::renew);
    connect(m_connection.get(), &RedisConnection::onlineChanged, this, [this](bool online) {
        if (online && m_held)
            renew();
    });
}

RedisOwnerLease::~RedisOwnerLease()
{
    if (m_held && m_connection->isOnline())
        m_connection->execute(
            RedisConnection::Command{"EVAL", ReleaseScript, "1", m_key, m_holder});
}

Result<void> RedisOwnerLease::acquire()
{
    const QByteArray leaseMs = QByteArray::number(LeaseMs);
    // Twice: the other holder's lease may lapse between the SET and the GET.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const Result<RedisReply> set = m_connection->execute(
            RedisConnection::Command{"SET", m_key, m_holder, "NX", "PX", leaseMs});
        if (!set)
            return set.error();
        if (!set->isNil()) {
            m_held = true;
            m_renewTimer.start();
            return {};
        }
        const Result<RedisReply> holder
            = m_connection->execute(RedisConnection::Command{"GET", m_key});
        if (!holder)
            return holder.error();
        if (!holder->isNil())
            return makeError(ErrorCode::WrongState,
                             QStringLiteral("store %1 is already run by %2; stop that worker or "
                                            "open it as a client")
                                 .arg(m_connection->url().masked, holder->text()));
    }
    return makeError(ErrorCode::WrongState,
                     QStringLiteral("store %1 changes owner too fast to take it; try again")
                         .arg(m_connection->url().masked));
}

void RedisOwnerLease::renew()
{
    const std::weak_ptr<int> alive = m_lifetime;
    m_connection->send(
        RedisConnection::Command{
            "EVAL", RenewScript, "1", m_key, m_holder, QByteArray::number(LeaseMs)},
        [this, alive](const RedisReply &reply) {
            if (alive.expired() || !m_held)
                return;
            if (reply.isError()) {
                engineLog().warn("cannot renew the owner lease: {}",
                                 m_connection->redact(reply.errorText()).toStdString());
                return;
            }
            if (reply.type != RedisReply::Type::String)
                return;
            m_held = false;
            m_renewTimer.stop();
            engineLog().error("store {} was taken over by {} while this process "
                              "was away from it",
                              m_connection->url().masked.toStdString(),
                              reply.text().toStdString());
            Q_EMIT lost(reply.text());
        });
}

} // namespace nightshift
