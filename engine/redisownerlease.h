#pragma once

#include "result.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace nightshift {

class RedisConnection;

/// The lease that makes one process the owner of a Redis store, so two never run the scheduler
/// on it: `SET owner <holder> NX PX`, renewed on a timer and on every reconnect.
class RedisOwnerLease final : public QObject
{
    Q_OBJECT

public:
    /// How long a lease lasts without renewal, and how often it is renewed.
    static constexpr int LeaseMs = 15'000;
    static constexpr int RenewMs = 5'000;

    RedisOwnerLease(std::shared_ptr<RedisConnection> connection, QByteArray key);
    /// Gives the lease back, so another owner may start at once.
    ~RedisOwnerLease() override;

    /// Takes the lease, blocking; WrongState names the holder when another owner has it.
    Result<void> acquire();
    /// `host:pid:random`, what the lease holds while this process owns the store.
    QString holder() const { return QString::fromUtf8(m_holder); }

Q_SIGNALS:
    /// Another process took the lease while this one was away: stop running the scheduler.
    void lost(const QString &holder);

private:
    void renew();

    std::shared_ptr<RedisConnection> m_connection;
    QByteArray m_key;
    QByteArray m_holder;
    QTimer m_renewTimer;
    bool m_held = false;
    // Renewal replies may arrive after this object is gone; they check this first.
    std::shared_ptr<int> m_lifetime = std::make_shared<int>();
};

} // namespace nightshift
