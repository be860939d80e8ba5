#pragma once

#include "../result.h"

#include <QString>
#include <QStringList>

namespace nightshift {

/// Where a file tool may act: a path, resolved as the file system will (symbolic links and `..`
/// followed), that lies inside one of the agent's allowed folders.
struct AllowedPath
{
    QString resolved; ///< Absolute, with every symbolic link of its existing part resolved.
    QString root;     ///< The allowed folder (resolved) that holds it.
    bool exists = false;
};

/// Resolves path (absolute, or relative to the first allowed folder) against the real file
/// system and refuses it unless it lies inside one of allowed. An existing target is checked by
/// its real path; a new one by the real path of its nearest existing folder, and `..` or a
/// dangling symbolic link in the part that does not exist yet is refused.
Result<AllowedPath> resolveAllowedPath(const QString &path, const QStringList &allowed);

} // namespace nightshift
