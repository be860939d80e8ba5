#include "keyscommand.h"

#include "keychainsecretstore.h"

#include <QEventLoop>

#include <iostream>
#include <optional>
#include <string>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

// Every provider that needs a key, by the name it reads when a config names none.
QStringList usualKeyNames()
{
    QStringList names;
    for (const char *provider : {"openai",
                                 "anthropic",
                                 "gemini",
                                 "azure",
                                 "groq",
                                 "deepseek",
                                 "mistral",
                                 "openrouter",
                                 "together"})
        names.append(defaultKeyName(QLatin1String(provider)));
    return names;
}

bool stdinIsTerminal()
{
#if defined(Q_OS_UNIX)
    return ::isatty(STDIN_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return ::_isatty(::_fileno(stdin)) != 0;
#else
    return false;
#endif
}

// Hides what is typed while it lives, so a key pasted at a prompt is not shown on screen.
class HiddenInput
{
public:
    HiddenInput()
    {
#if defined(Q_OS_UNIX)
        m_active = ::tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (m_active) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
#elif defined(Q_OS_WIN)
        m_input = ::GetStdHandle(STD_INPUT_HANDLE);
        m_active = ::GetConsoleMode(m_input, &m_saved) != 0;
        if (m_active)
            ::SetConsoleMode(m_input, m_saved & ~DWORD(ENABLE_ECHO_INPUT));
#endif
    }
    ~HiddenInput()
    {
#if defined(Q_OS_UNIX)
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#elif defined(Q_OS_WIN)
        if (m_active)
            ::SetConsoleMode(m_input, m_saved);
#endif
    }
    HiddenInput(const HiddenInput &) = delete;
    HiddenInput &operator=(const HiddenInput &) = delete;

private:
    bool m_active = false;
#if defined(Q_OS_UNIX)
    termios m_saved{};
#elif defined(Q_OS_WIN)
    HANDLE m_input = nullptr;
    DWORD m_saved = 0;
#endif
};

// The first line of standard input, without its line end and surrounding blanks.
QString readKey(const QString &name)
{
    std::string line;
    if (stdinIsTerminal()) {
        writeErr(u"Key for %1 (typing is hidden): "_s.arg(name));
        const HiddenInput hidden;
        std::getline(std::cin, line);
        writeErr(u"\n"_s);
    } else {
        std::getline(std::cin, line);
    }
    return QString::fromStdString(line).trimmed();
}

// Waits in a local event loop for a store's answer; stores always answer later.
template<typename T, typename Call>
T await(Call call)
{
    QEventLoop loop;
    std::optional<T> result;
    call(&loop, [&](T value) {
        result = std::move(value);
        loop.quit();
    });
    loop.exec();
    return std::move(*result);
}

bool checkName(const QString &name)
{
    if (looksLikeSecret(name)) {
        writeErr(u"nightshift: that looks like a key, not a key's name; nothing was stored. Keys "
                 "are read from standard input, never from the command line (where the shell's "
                 "history would keep them): run `nightshift keys set OPENAI_API_KEY` and paste "
                 "the key when asked\n"_s);
        return false;
    }
    if (!isValidKeyName(name)) {
        writeErr(u"nightshift: \"%1\" is not a key name: use 1 to 64 of A-Z a-z 0-9 _ . -, such "
                 "as OPENAI_API_KEY\n"_s.arg(name));
        return false;
    }
    return true;
}

int setKey(const QString &name)
{
    const QString key = readKey(name);
    if (key.isEmpty()) {
        writeErr(u"nightshift: no key on standard input; nothing was stored\n"_s);
        return ExitFailure;
    }
    KeychainSecretStore keychain;
    const Result<void> stored = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.write(name, key, context, done); });
    if (!stored) {
        writeErr(u"nightshift: %1\n"_s.arg(stored.errorMessage()));
        return ExitFailure;
    }
    writeOut(u"stored %1 in the keychain (service %2)\n"_s.arg(
        name, QLatin1String(KeychainSecretStore::Service)));
    return ExitOk;
}

int deleteKey(const QString &name)
{
    KeychainSecretStore keychain;
    const Result<void> removed = await<Result<void>>(
        [&](QObject *context, auto done) { keychain.remove(name, context, done); });
    if (!removed) {
        writeErr(u"nightshift: %1\n"_s.arg(removed.errorMessage()));
        return ExitFailure;
    }
    writeOut(u"deleted %1 from the keychain\n"_s.arg(name));
    return ExitOk;
}

// Says where each key is found, never what it is; returns whether every one was found.
bool testKeys(const QStringList &names)
{
    KeychainSecretStore keychain;
    EnvironmentSecretStore environment;
    bool allSet = true;
    QString out;
    for (const QString &name : names) {
        const Result<QString> inKeychain = await<Result<QString>>(
            [&](QObject *context, auto done) { keychain.read(name, context, done); });
        const Result<QString> inEnvironment = await<Result<QString>>(
            [&](QObject *context, auto done) { environment.read(name, context, done); });
        QString where;
        if (inKeychain && inEnvironment)
            where = u"set in the keychain and the environment (the keychain's is used)"_s;
        else if (inKeychain)
            where = u"set in the keychain"_s;
        else if (inEnvironment)
            where = u"set in the environment"_s;
        else
            where = u"not set"_s;
        if (!inKeychain && inKeychain.error().code != ErrorCode::NotFound)
            where += u" (keychain: %1)"_s.arg(inKeychain.errorMessage());
        allSet = allSet && (inKeychain || inEnvironment);
        out += name + u": "_s + where + u'\n';
    }
    writeOut(out);
    return allSet;
}

} // namespace

int runKeysCommand(const CliOptions &options)
{
    const QString action = options.positional.value(0);
    const QStringList names = options.positional.mid(1);
    if ((action == u"set" || action == u"delete") && names.size() == 1) {
        if (!checkName(names.first()))
            return ExitUsage;
        return action == u"set" ? setKey(names.first()) : deleteKey(names.first());
    }
    if (action == u"test") {
        for (const QString &name : names) {
            if (!checkName(name))
                return ExitUsage;
        }
        // Without names it is a status report; with names, a check scripts can use.
        if (names.isEmpty()) {
            testKeys(usualKeyNames());
            return ExitOk;
        }
        return testKeys(names) ? ExitOk : ExitFailure;
    }
    writeErr(u"nightshift: usage: nightshift keys set NAME | delete NAME | test [NAME...]\n"_s);
    return ExitUsage;
}

} // namespace nightshift
