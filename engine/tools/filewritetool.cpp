#include "filewritetool.h"

#include "allowedpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

Error ioError(const QString &path, const QString &reason)
{
    return makeError(ErrorCode::Io, u"cannot write %1: %2"_s.arg(path, reason));
}

} // namespace

ToolDescriptor FileWriteTool::descriptor() const
{
    ToolDescriptor descriptor;
    descriptor.name = u"file_write"_s;
    descriptor.description
        = u"Writes UTF-8 text to a file inside the folders this agent may use, replacing the "
          "file or appending to it; missing folders on the way are created. A relative path is "
          "taken from the first of those folders."_s;
    descriptor.parameters = {
        {"type", "object"},
        {"properties",
         {{"path",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", 4096},
            {"description", "The file to write."}}},
          {"content",
           {{"type", "string"},
            {"maxLength", MaxWriteBytes},
            {"description", "The text to write."}}},
          {"mode",
           {{"type", "string"},
            {"enum", {"overwrite", "append"}},
            {"default", "overwrite"},
            {"description", "overwrite replaces the file; append adds to its end."}}}}},
        {"required", {"path", "content"}},
        {"additionalProperties", false},
    };
    return descriptor;
}

Result<nlohmann::json> FileWriteTool::run(const ToolCall &call)
{
    const nlohmann::json &arguments = call.arguments;
    if (!arguments.contains("path") || !arguments["path"].is_string()
        || !arguments.contains("content") || !arguments["content"].is_string())
        return makeError(ErrorCode::InvalidArgument, u"file_write needs a path and content"_s);
    const QString path = QString::fromStdString(arguments["path"].get<std::string>());
    const std::string &content = arguments["content"].get_ref<const std::string &>();
    const bool append = arguments.value("mode", std::string("overwrite")) == "append";
    const auto bytes = static_cast<qint64>(content.size());
    if (bytes > MaxWriteBytes) {
        return makeError(
            ErrorCode::InvalidArgument,
            u"content is %1 bytes; file_write takes at most %2 per call"_s.arg(bytes).arg(
                MaxWriteBytes));
    }

    Result<AllowedPath> target = resolveAllowedPath(path, call.allowedPaths);
    if (!target)
        return target.error();
    const QString resolved = target->resolved;
    const QFileInfo info(resolved);
    if (target->exists && !info.isFile()) {
        return makeError(ErrorCode::InvalidArgument,
                         u"%1 is %2; file_write writes regular files"_s.arg(
                             resolved, info.isDir() ? u"a folder"_s : u"not a regular file"_s));
    }
    if (call.cancelled->load())
        return makeError(ErrorCode::Cancelled, u"cancelled"_s);

    const bool created = !target->exists;
    if (created) {
        if (!QDir().mkpath(info.path()))
            return ioError(resolved, u"cannot create the folder %1"_s.arg(info.path()));
        // The folders were made inside the allowed one; check again in case a link appeared.
        target = resolveAllowedPath(resolved, call.allowedPaths);
        if (!target)
            return target.error();
        if (target->resolved != resolved)
            return ioError(resolved, u"the path changed while it was being written"_s);
    }

    if (append) {
        QFile file(resolved);
        if (file.size() + bytes > MaxFileBytes) {
            return makeError(ErrorCode::InvalidArgument,
                             u"appending %1 bytes would make %2 larger than %3 bytes"_s.arg(bytes)
                                 .arg(resolved)
                                 .arg(MaxFileBytes));
        }
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append)
            || file.write(content.data(), bytes) != bytes || !file.flush())
            return ioError(resolved, file.errorString());
        return nlohmann::json{{"path", resolved.toStdString()},
                              {"mode", "append"},
                              {"bytes_written", bytes},
                              {"size", file.size()},
                              {"created", created}};
    }

    // Written to a temporary file and renamed over the target, so a reader never sees half.
    QSaveFile file(resolved);
    if (!file.open(QIODevice::WriteOnly) || file.write(content.data(), bytes) != bytes
        || !file.commit())
        return ioError(resolved, file.errorString());
    return nlohmann::json{{"path", resolved.toStdString()},
                          {"mode", "overwrite"},
                          {"bytes_written", bytes},
                          {"size", bytes},
                          {"created", created}};
}

} // namespace nightshift
