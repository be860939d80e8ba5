#pragma once

#include "agentspec.h"

#include <QString>

namespace nightshift {

/// A schedule in words: "every 5 minutes", "once at 2026-11-24T09:00:00.000Z", "manual only".
QString describeSchedule(const Schedule &schedule);

} // namespace nightshift
