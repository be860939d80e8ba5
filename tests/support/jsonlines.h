#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>

#include <nlohmann/json.hpp>

namespace nightshift::test {

/// Collects the JSON objects a process writes one per line (`serve`'s events), across reads
/// that may end in the middle of a line.
class JsonLines
{
public:
    /// Parses what the device has for us; returns every object seen so far.
    const QList<nlohmann::json> &readFrom(QIODevice &device)
    {
        m_buffer += device.readAll();
        qsizetype newline = 0;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer = m_buffer.mid(newline + 1);
            nlohmann::json object = nlohmann::json::parse(line.toStdString(), nullptr, false);
            if (!object.is_discarded())
                m_objects.append(std::move(object));
        }
        return m_objects;
    }

private:
    QByteArray m_buffer;
    QList<nlohmann::json> m_objects;
};

} // namespace nightshift::test
