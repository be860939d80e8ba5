#pragma once

#include "event.h"

#include <QAbstractTableModel>

namespace nightshift {

/// The events of one run, oldest first: what it did step by step.
class RunEventsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, TypeColumn, DetailsColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    /// Shows the run's events; runId picks which live events appendEvents() takes.
    void setRun(const QString &runId, const EventList &events);
    /// The run shown; empty when none is.
    QString runId() const { return m_runId; }
    /// Takes a batch of live events: the shown run's that are newer than the last one shown.
    void appendEvents(const EventList &events);
    /// The event on a row, or nullptr.
    const Event *eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString m_runId;
    EventList m_events;
};

} // namespace nightshift
