#pragma once

#include "providerpresets.h"
#include "result.h"

#include <QString>
#include <QUrl>

namespace nightshift {

/// text with key, and anything else shaped like an API key or a bearer token, replaced by
/// `[redacted]`: for every message that quotes a provider.
QString scrubSecrets(QString text, const QString &key);

/// What to tell the user for an HTTP status the call gives up on (4xx and the like): which
/// provider, what the status means and what to fix, then what the provider said.
Error httpStatusError(const ProviderPreset &preset,
                      const QString &model,
                      const QUrl &url,
                      int status,
                      const QString &providerMessage);

/// How to give the provider a key: Settings, or the environment variable when it has one.
QString keyAdvice(const ProviderPreset &preset);

} // namespace nightshift
