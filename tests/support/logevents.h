#pragma once

#include "event.h"

namespace nightshift::test {

/// When the event log tests' events happen: 2026-01-01T00:00:00Z, one second per seq.
inline constexpr qint64 LogT0 = 1'767'225'600'000;

/// An event for the event log's tests: ten to a run, one second apart.
inline Event logEvent(qint64 seq,
                      const QString &agent = QStringLiteral("alpha"),
                      const char *type = EventType::ToolCallCompleted,
                      nlohmann::json payload = {{"tool", "system_info"}, {"duration_ms", 12}})
{
    Event event;
    event.seq = seq;
    event.agentId = agent;
    event.runId = QStringLiteral("run-%1").arg(seq / 10);
    event.type = QString::fromLatin1(type);
    event.timestampMs = LogT0 + seq * 1000;
    event.payload = std::move(payload);
    return event;
}

/// count events of alpha's, from seq first on.
inline EventList logSequence(qint64 first, qint64 count)
{
    EventList events;
    for (qint64 seq = first; seq < first + count; ++seq)
        events.append(logEvent(seq));
    return events;
}

} // namespace nightshift::test
