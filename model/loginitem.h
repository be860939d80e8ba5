#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace nightshift {

/// Starting Nightshift when the user logs in, the way each platform expects it: an XDG
/// autostart entry on Linux (`$XDG_CONFIG_HOME/autostart/nightshift.desktop`), a LaunchAgents
/// plist on macOS, the HKCU Run key on Windows.
class LoginItem final
{
public:
    /// What to start, with its arguments; the running executable by default.
    explicit LoginItem(QString program = {}, QStringList arguments = {});

    /// Whether the system will start Nightshift at login.
    bool isEnabled() const;
    /// Adds or removes the entry; an error says why it could not be written.
    Result<void> setEnabled(bool enabled) const;
    /// Where the entry lives (the file, or the registry key and value name).
    QString location() const;

private:
    QString m_program;
    QStringList m_arguments;
};

} // namespace nightshift
