#pragma once

#include "event.h"

namespace nightshift {

/// An event write the Redis store has not had acknowledged yet: an appended event, or the
/// removal of an agent's stream, kept in order with the appends around it.
struct RedisPendingWrite
{
    enum class Kind { Append, Removal };

    Kind kind = Kind::Append;
    Event event; ///< For a removal only agentId counts.
};

} // namespace nightshift
