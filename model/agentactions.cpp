#include "agentactions.h"

namespace nightshift {

AgentActions availableActions(const AgentStatus &status)
{
    // Mirrors the checks BackgroundAgentService makes before it changes an agent's desired state.
    AgentActions actions = AgentAction::Delete;
    switch (status.desired) {
    case DesiredState::Idle:
    case DesiredState::Stopped:
        actions |= AgentAction::Start;
        break;
    case DesiredState::Started:
        actions |= AgentAction::Pause;
        actions |= AgentAction::Stop;
        break;
    case DesiredState::Paused:
        actions |= AgentAction::Resume;
        actions |= AgentAction::Stop;
        break;
    }
    if (status.state == AgentState::Running)
        actions |= AgentAction::Stop;
    else
        actions |= AgentAction::RunNow;
    return actions;
}

} // namespace nightshift
