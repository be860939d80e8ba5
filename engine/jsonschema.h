#pragma once

#include "result.h"

#include <QString>

#include <nlohmann/json.hpp>

namespace nightshift {

/// Checks value against a JSON Schema written in the subset tools use (type, properties,
/// required, additionalProperties, enum, items, minimum, maximum, minLength, maxLength).
/// The error lists every problem found, each with its path from root (`arguments.url`).
/// A null schema, like an empty one, accepts anything.
Result<void> validateJson(const nlohmann::json &schema,
                          const nlohmann::json &value,
                          const QString &root = QStringLiteral("arguments"));

/// Whether schema keeps to the subset validateJson() understands; the error names the first
/// keyword outside it, so that a tool cannot declare a rule that would silently go unchecked.
Result<void> checkSchemaSupported(const nlohmann::json &schema);

} // namespace nightshift
