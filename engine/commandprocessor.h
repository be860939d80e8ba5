#pragma once

#include "routers.h"

#include <QObject>
#include <QTimer>

namespace nightshift {

class BackgroundAgentService;

/// Carries out the commands other processes (the CLI) leave in the store, with the service's
/// verbs, and writes back each answer; polls often enough that a change lands within a second.
class CommandProcessor final : public QObject
{
    Q_OBJECT
public:
    CommandProcessor(MemoryRouter *memory,
                     BackgroundAgentService *service,
                     QObject *parent = nullptr);

    /// Carries out every pending command now.
    void processPending();
    /// What one command does to the service, as the answer the CLI prints.
    static nlohmann::json execute(BackgroundAgentService &service, const StoreCommand &command);

private:
    MemoryRouter *m_memory;
    BackgroundAgentService *m_service;
    QTimer m_timer;
    bool m_unreachable = false;
};

} // namespace nightshift
