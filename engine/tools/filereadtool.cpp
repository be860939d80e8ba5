#include "filereadtool.h"

#include "allowedpaths.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace nightshift {

using namespace Qt::StringLiterals;

namespace {

// A cut at a byte cap can split a character; drop its first bytes rather than garble it.
void trimPartialCharacter(QByteArray &data)
{
    qsizetype start = data.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(data.at(start)) & 0xC0) == 0x80)
        --start;
    if (start < 0)
        return;
    const auto lead = static_cast<unsigned char>(data.at(start));
    const qsizetype needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (data.size() - start < needed)
        data.truncate(start);
}

} // namespace

ToolDescriptor FileReadTool::descriptor() const
{
    ToolDescriptor descriptor;
    descriptor.name = u"file_read"_s;
    descriptor.description
        = u"Reads a UTF-8 text file inside the folders this agent may use. A relative path is "
          "taken from the first of those folders."_s;
    descriptor.parameters = {
        {"type", "object"},
        {"properties",
         {{"path",
           {{"type", "string"},
            {"minLength", 1},
            {"maxLength", 4096},
            {"description", "The file to read."}}},
          {"max_bytes",
           {{"type", "integer"},
            {"minimum", 1},
            {"maximum", MaxBytes},
            {"default", DefaultBytes},
            {"description", "Read at most this many bytes; the result says if it was cut."}}}}},
        {"required", {"path"}},
        {"additionalProperties", false},
    };
    return descriptor;
}

Result<nlohmann::json> FileReadTool::run(const ToolCall &call)
{
    const nlohmann::json &arguments = call.arguments;
    if (!arguments.contains("path") || !arguments["path"].is_string())
        return makeError(ErrorCode::InvalidArgument, u"file_read needs a path"_s);
    const QString path = QString::fromStdString(arguments["path"].get<std::string>());
    const qint64 maxBytes
        = std::clamp<qint64>(arguments.value("max_bytes", DefaultBytes), 1, MaxBytes);

    const Result<AllowedPath> target = resolveAllowedPath(path, call.allowedPaths);
    if (!target)
        return target.error();
    if (!target->exists)
        return makeError(ErrorCode::NotFound, u"%1 does not exist"_s.arg(target->resolved));
    const QFileInfo info(target->resolved);
    if (info.isDir()) {
        return makeError(ErrorCode::InvalidArgument,
                         u"%1 is a folder; file_read reads files"_s.arg(target->resolved));
    }
    // Opening a pipe waits for a writer, and a device may never end: both would hold a pool
    // thread.
    if (!info.isFile()) {
        return makeError(ErrorCode::InvalidArgument,
                         u"%1 is not a regular file"_s.arg(target->resolved));
    }
    if (call.cancelled->load())
        return makeError(ErrorCode::Cancelled, u"cancelled"_s);

    QFile file(target->resolved);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         u"cannot read %1: %2"_s.arg(target->resolved, file.errorString()));
    QByteArray data = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCode::Io,
                         u"cannot read %1: %2"_s.arg(target->resolved, file.errorString()));
    const bool truncated = data.size() > maxBytes;
    if (truncated) {
        data.truncate(maxBytes);
        trimPartialCharacter(data);
    }
    if (data.contains('\0')) {
        return makeError(ErrorCode::InvalidArgument,
                         u"%1 looks binary (it holds NUL bytes); file_read returns text only"_s.arg(
                             target->resolved));
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(data);

    nlohmann::json result = {
        {"path", target->resolved.toStdString()},
        {"size", file.size()},
        {"bytes", data.size()},
        {"text", text.toStdString()},
        {"truncated", truncated},
    };
    if (decoder.hasError())
        result["invalid_utf8_replaced"] = true;
    return result;
}

} // namespace nightshift
