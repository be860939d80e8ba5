#pragma once

#include "eventlogmodel.h"

#include <QObject>

namespace nightshift {

/// Encodes event batches for the event log on the thread it lives on, so the GUI thread only
/// appends them.
class EventLogEncoder final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Encodes a batch and hands it on through encoded().
    void encode(const nightshift::EventList &events);

Q_SIGNALS:
    /// A batch, encoded; batches come out in the order encode() took them.
    void encoded(const nightshift::EventLogModel::Batch &batch);
};

} // namespace nightshift
