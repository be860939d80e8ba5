#pragma once

#include "agentstatus.h"
#include "event.h"
#include "run.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <optional>

namespace nightshift {

// How the Redis store writes its records. Every field round-trips exactly, unlike the
// toJson() forms meant for people (ISO times, derived fields).

/// The status as HSET field/value pairs.
QList<QByteArray> redisStatusFields(const AgentStatus &status);
/// The status an HGETALL of redisStatusFields() describes.
AgentStatus redisStatusFromFields(const QHash<QByteArray, QByteArray> &fields);

/// The run as one JSON text.
QByteArray redisEncodeRun(const RunRecord &run);
/// The run redisEncodeRun() wrote, or nothing when the text is damaged.
std::optional<RunRecord> redisDecodeRun(const QByteArray &text);

/// The event as stream entry field/value pairs: seq, agent_id, run_id, type, timestamp, payload.
QList<QByteArray> redisEventFields(const Event &event);
/// The event a stream entry's fields describe, or nothing when they are damaged.
std::optional<Event> redisEventFromFields(const QHash<QByteArray, QByteArray> &fields);

/// JSON as text that never throws: invalid UTF-8 is replaced.
QByteArray redisJsonText(const nlohmann::json &value);

} // namespace nightshift
