#include "loginitem.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

#if defined(Q_OS_WIN)
const auto RunKey = u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s;
const auto RunValue = u"Nightshift"_s;

QString windowsCommandLine(const QString &program, const QStringList &arguments)
{
    QStringList parts{u'"' + QDir::toNativeSeparators(program) + u'"'};
    for (const QString &argument : arguments)
        parts.append(argument.contains(u' ') ? u'"' + argument + u'"' : argument);
    return parts.join(u' ');
}
#elif defined(Q_OS_MACOS)
const auto LaunchAgentLabel = u"org.nightshift.Nightshift"_s;

QByteArray launchAgentPlist(const QString &program, const QStringList &arguments)
{
    QString items = u"        <string>"_s + program.toHtmlEscaped() + u"</string>\n"_s;
    for (const QString &argument : arguments)
        items += u"        <string>"_s + argument.toHtmlEscaped() + u"</string>\n"_s;
    return (u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
            "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            "<plist version=\"1.0\">\n<dict>\n"
            "    <key>Label</key>\n    <string>"_s
            + LaunchAgentLabel + u"</string>\n    <key>ProgramArguments</key>\n    <array>\n"_s
            + items + u"    </array>\n    <key>RunAtLoad</key>\n    <true/>\n</dict>\n</plist>\n"_s)
        .toUtf8();
}
#else
// The Desktop Entry Specification's quoting for an Exec argument: reserved characters force
// double quotes, inside which ", `, $ and \ take a backslash.
QString execArgument(const QString &argument)
{
    static const QString reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    const bool needsQuotes
        = argument.isEmpty() || std::any_of(argument.cbegin(), argument.cend(), [](QChar c) {
              return reserved.contains(c);
          });
    if (!needsQuotes)
        return QString(argument).replace(u'%', u"%%"_s);
    QString quoted;
    for (const QChar c : argument) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    return u'"' + quoted.replace(u'%', u"%%"_s) + u'"';
}

QByteArray desktopEntry(const QString &program, const QStringList &arguments)
{
    QStringList exec{execArgument(program)};
    for (const QString &argument : arguments)
        exec.append(execArgument(argument));
    // The file's own words are not translated: desktops read them only as names.
    return (u"[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Nightshift\n"
            "Comment=Runs scheduled background agents\n"
            "Exec="_s
            + exec.join(u' ') + u"\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"_s)
        .toUtf8();
}
#endif

#if !defined(Q_OS_WIN)
Result<void> writeFile(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(ErrorCode::Io,
                         u"cannot create the folder %1; check its permissions"_s.arg(
                             QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return makeError(ErrorCode::Io, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}
#endif

} // namespace

LoginItem::LoginItem(QString program, QStringList arguments)
    : m_program(program.isEmpty() ? QCoreApplication::applicationFilePath() : std::move(program))
    , m_arguments(std::move(arguments))
{}

QString LoginItem::location() const
{
#if defined(Q_OS_WIN)
    return RunKey + u'\\' + RunValue;
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + u"/Library/LaunchAgents/"_s + LaunchAgentLabel + u".plist"_s;
#else
    // GenericConfigLocation is $XDG_CONFIG_HOME, or ~/.config when it is unset.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + u"/autostart/nightshift.desktop"_s;
#endif
}

bool LoginItem::isEnabled() const
{
#if defined(Q_OS_WIN)
    return QSettings(RunKey, QSettings::NativeFormat).contains(RunValue);
#else
    return QFile::exists(location());
#endif
}

Result<void> LoginItem::setEnabled(bool enabled) const
{
#if defined(Q_OS_WIN)
    QSettings run(RunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(RunValue, windowsCommandLine(m_program, m_arguments));
    else
        run.remove(RunValue);
    run.sync();
    if (run.status() != QSettings::NoError)
        return makeError(ErrorCode::Io, u"cannot change the registry key %1"_s.arg(RunKey));
    return {};
#else
    const QString path = location();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return makeError(ErrorCode::Io,
                             u"cannot remove %1; check its folder's permissions"_s.arg(path));
        return {};
    }
#if defined(Q_OS_MACOS)
    return writeFile(path, launchAgentPlist(m_program, m_arguments));
#else
    return writeFile(path, desktopEntry(m_program, m_arguments));
#endif
#endif
}

} // namespace nightshift
