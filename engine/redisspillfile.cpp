#include "redisspillfile.h"

#include "rediscodec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <optional>

namespace nightshift {

namespace {

QByteArray encode(const RedisPendingWrite &write)
{
    const Event &event = write.event;
    nlohmann::json json = {{"agent_id", event.agentId.toStdString()}};
    if (write.kind == RedisPendingWrite::Kind::Removal) {
        json["removal"] = true;
    } else {
        json["seq"] = event.seq;
        json["run_id"] = event.runId.toStdString();
        json["type"] = event.type.toStdString();
        json["timestamp"] = event.timestampMs;
        json["payload"] = event.payload;
    }
    return redisJsonText(json) + '\n';
}

std::optional<RedisPendingWrite> decode(const QByteArray &line)
{
    const nlohmann::json json
        = nlohmann::json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
    if (!json.is_object() || !json.contains("agent_id") || !json["agent_id"].is_string())
        return std::nullopt;
    RedisPendingWrite write;
    write.event.agentId = QString::fromStdString(json["agent_id"].get<std::string>());
    if (json.value("removal", false)) {
        write.kind = RedisPendingWrite::Kind::Removal;
        return write;
    }
    const auto seq = json.find("seq");
    const auto timestamp = json.find("timestamp");
    if (seq == json.end() || !seq->is_number_integer() || timestamp == json.end()
        || !timestamp->is_number_integer())
        return std::nullopt;
    write.event.seq = seq->get<qint64>();
    write.event.timestampMs = timestamp->get<qint64>();
    write.event.runId = QString::fromStdString(json.value("run_id", std::string()));
    write.event.type = QString::fromStdString(json.value("type", std::string()));
    write.event.payload = json.value("payload", nlohmann::json::object());
    return write;
}

Error fileError(const QString &path, const QString &problem)
{
    return makeError(ErrorCode::Io,
                     QStringLiteral("cannot keep unwritten events in %1: %2; free disk space or "
                                    "fix the folder's permissions")
                         .arg(QDir::toNativeSeparators(path), problem));
}

} // namespace

RedisSpillFile::RedisSpillFile(QString path)
    : m_path(std::move(path))
{}

Result<QList<RedisPendingWrite>> RedisSpillFile::load()
{
    QList<RedisPendingWrite> writes;
    QFile file(m_path);
    if (!file.exists())
        return writes;
    if (!file.open(QIODevice::ReadOnly))
        return fileError(m_path, file.errorString());
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++m_count;
        if (const std::optional<RedisPendingWrite> write = decode(line))
            writes.append(*write);
    }
    m_readOffset = 0;
    return writes;
}

Result<void> RedisSpillFile::append(const std::deque<RedisPendingWrite> &writes)
{
    if (writes.empty())
        return {};
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fileError(m_path, QStringLiteral("the folder cannot be created"));
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fileError(m_path, file.errorString());
    QByteArray text;
    for (const RedisPendingWrite &write : writes)
        text += encode(write);
    if (file.write(text) != text.size() || !file.flush())
        return fileError(m_path, file.errorString());
    m_count += qint64(writes.size());
    return {};
}

QList<RedisPendingWrite> RedisSpillFile::takeFront(qsizetype max)
{
    QList<RedisPendingWrite> writes;
    if (m_count == 0)
        return writes;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(m_readOffset)) {
        // Gone or unreadable: nothing more will come out of it.
        m_count = 0;
        m_readOffset = 0;
        return writes;
    }
    while (writes.size() < max && m_count > 0 && !file.atEnd()) {
        const QByteArray line = file.readLine();
        --m_count;
        if (const std::optional<RedisPendingWrite> write = decode(line))
            writes.append(*write);
    }
    m_readOffset = file.pos();
    if (m_count == 0 || file.atEnd()) {
        file.close();
        QFile::remove(m_path);
        m_count = 0;
        m_readOffset = 0;
    }
    return writes;
}

Result<void> RedisSpillFile::preserve(const std::deque<RedisPendingWrite> &front,
                                      const std::deque<RedisPendingWrite> &back)
{
    if (front.empty() && back.empty())
        return {};
    std::deque<RedisPendingWrite> all(front.begin(), front.end());
    for (const RedisPendingWrite &write : takeFront(m_count))
        all.push_back(write);
    all.insert(all.end(), back.begin(), back.end());
    QFile::remove(m_path);
    return append(all);
}

} // namespace nightshift
