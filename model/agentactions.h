#pragma once

#include "agentstatus.h"

#include <QFlags>

namespace nightshift {

/// What a user can ask of an agent from the fleet table.
enum class AgentAction {
    Start = 0x01,
    Pause = 0x02,
    Resume = 0x04,
    Stop = 0x08,
    RunNow = 0x10,
    Delete = 0x20,
};
Q_DECLARE_FLAGS(AgentActions, AgentAction)
Q_DECLARE_OPERATORS_FOR_FLAGS(AgentActions)

/// The actions the service accepts for an agent in this status, so the UI offers only those.
AgentActions availableActions(const AgentStatus &status);

} // namespace nightshift
