#pragma once

#include <QObject>

namespace nightshift {

/// Turns SIGINT and SIGTERM (Ctrl+C and console close on Windows) into a Qt signal on the
/// thread that created the watcher, so shutdown runs in the event loop, not in a handler.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested();
};

} // namespace nightshift
