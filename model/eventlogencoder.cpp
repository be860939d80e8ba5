#include "eventlogencoder.h"

namespace nightshift {

void EventLogEncoder::encode(const EventList &events)
{
    Q_EMIT encoded(EventLogModel::encode(events));
}

} // namespace nightshift
