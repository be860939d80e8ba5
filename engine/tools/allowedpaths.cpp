#include "allowedpaths.h"

#include <QDir>
#include <QFileInfo>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

bool isInside(const QString &path, const QString &root)
{
    if (path == root)
        return true;
    return path.startsWith(root.endsWith(u'/') ? root : root + u'/');
}

Error refused(const QString &message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

} // namespace

Result<AllowedPath> resolveAllowedPath(const QString &path, const QStringList &allowed)
{
    if (allowed.isEmpty()) {
        return refused(u"this agent may not use files: list the folders it may use in "
                       "agent_config.allowed_paths"_s);
    }
    QStringList roots;
    for (const QString &folder : allowed) {
        const QFileInfo info(folder);
        if (info.isDir())
            roots.append(info.canonicalFilePath());
    }
    const QString allowedList = allowed.join(u", "_s);
    if (roots.isEmpty()) {
        return makeError(
            ErrorCode::NotFound,
            u"none of the allowed folders exists (%1); create one first"_s.arg(allowedList));
    }
    if (path.isEmpty())
        return refused(u"the path is empty"_s);

    QString absolute = QDir::fromNativeSeparators(path);
    if (!QDir::isAbsolutePath(absolute)) {
        if (!QFileInfo(allowed.first()).isDir()) {
            return makeError(ErrorCode::NotFound,
                             u"%1 is relative to the first allowed folder, %2, which does not "
                             "exist"_s.arg(path, allowed.first()));
        }
        absolute = roots.first() + u'/' + absolute;
    }

    // Walk up to the nearest part that exists and let the file system resolve it; cleaning the
    // path as text instead would take "link/.." to mean something other than what open() does.
    QStringList missing;
    QString existing = absolute;
    while (!QFileInfo::exists(existing)) {
        const QFileInfo info(existing);
        if (info.isSymLink()) {
            return refused(u"%1 is a symbolic link to %2, which does not exist"_s.arg(
                existing, info.symLinkTarget()));
        }
        const QString name = info.fileName();
        if (name == u".."_s) {
            return refused(
                u"%1: \"..\" after a folder that does not exist cannot be resolved"_s.arg(path));
        }
        if (!name.isEmpty() && name != u"."_s)
            missing.prepend(name);
        const QString parent = info.path();
        if (parent == existing)
            break;
        existing = parent;
    }

    AllowedPath result;
    result.exists = missing.isEmpty();
    result.resolved = QFileInfo(existing).canonicalFilePath();
    if (result.resolved.isEmpty())
        return makeError(ErrorCode::Io, u"cannot resolve %1"_s.arg(existing));
    if (!missing.isEmpty())
        result.resolved = QDir(result.resolved).filePath(missing.join(u'/'));

    for (const QString &root : roots) {
        if (isInside(result.resolved, root)) {
            result.root = root;
            return result;
        }
    }
    if (result.resolved == QDir::cleanPath(absolute))
        return refused(u"%1 is outside the allowed folders (%2)"_s.arg(path, allowedList));
    return refused(u"%1 resolves to %2, outside the allowed folders (%3)"_s.arg(
        path, result.resolved, allowedList));
}

} // namespace nightshift
