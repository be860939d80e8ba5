#pragma once

#include "secretstore.h"

#include <memory>

namespace nightshift {

/// API keys in the operating system's keychain through QtKeychain (the Secret Service on
/// Linux, Keychain on macOS, Credential Manager on Windows): service "nightshift", one entry per
/// key name. A key the keychain lacks, or every key when there is no keychain, is read from
/// fallback (the environment) if one is given. Calls are made on context's thread, which must
/// run an event loop; the store and fallback must outlive them.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr char Service[] = "nightshift";

    explicit KeychainSecretStore(SecretStore *fallback = nullptr);

    void read(const QString &name, QObject *context, ReadDone done) override;
    void write(const QString &name,
               const QString &secret,
               QObject *context,
               WriteDone done) override;
    void remove(const QString &name, QObject *context, WriteDone done) override;

private:
    SecretStore *m_fallback;
};

/// The keys the app gives the engine: the keychain, then the environment.
std::shared_ptr<SecretStore> appSecretStore();

} // namespace nightshift
