#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace nightshift {

using namespace Qt::StringLiterals;

QStringList shippedLanguages()
{
    return {u"en"_s, u"de"_s};
}

QString languageEndonym(const QString &language)
{
    // Deliberately not translated: each reader finds their language under its own name.
    if (language == u"de")
        return u"Deutsch"_s;
    return u"English"_s;
}

QString chooseLanguage(const QString &setting, const QLocale &system)
{
    const QStringList shipped = shippedLanguages();
    if (shipped.contains(setting))
        return setting;
    for (const QString &language : system.uiLanguages()) {
        // "de-AT" and "de_DE" both read German.
        const QString base = language.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        if (shipped.contains(base))
            return base;
    }
    return shipped.first();
}

bool installTranslations(const QString &language, const QString &folder)
{
    auto *app = QCoreApplication::instance();
    auto *own = new QTranslator(app);
    const bool found = own->load(u"nightshift_"_s + language, folder);
    if (found)
        QCoreApplication::installTranslator(own);
    else
        delete own;
    // Qt's own buttons (OK, Cancel) follow the same language where Qt ships it.
    auto *qt = new QTranslator(app);
    if (qt->load(u"qtbase_"_s + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return found;
}

} // namespace nightshift
