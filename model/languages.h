#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace nightshift {

/// The languages Nightshift ships translations for, as locale names: "en" first, then "de".
QStringList shippedLanguages();

/// A shipped language's name in that language ("English", "Deutsch"), for a language menu.
QString languageEndonym(const QString &language);

/// The language to show: setting when it names a shipped one, else the first of the system's
/// UI languages that is shipped, else English.
QString chooseLanguage(const QString &setting, const QLocale &system = QLocale::system());

/// Loads Nightshift's translation for language (nightshift_<language>.qm in folder, the app's
/// resources by default) and Qt's own for its standard dialogs into the application; returns
/// whether Nightshift's was found. Call once, before any window exists.
bool installTranslations(const QString &language, const QString &folder = QStringLiteral(":/i18n"));

} // namespace nightshift
