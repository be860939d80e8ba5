// The shipped translations: German is complete for the dashboard's own widgets, English gives
// proper plurals, and the language follows the system unless Settings says otherwise.

#include "appsettings.h"
#include "enginehost.h"
#include "languages.h"
#include "scheduledescription.h"
#include "secretstore.h"
#include "settingsdialog.h"
#include "trayicon.h"

#include <QDirIterator>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>

using namespace nightshift;
using namespace Qt::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chooseLanguage_data();
    void chooseLanguage();
    void bothTranslationsAreBuiltIn();
    void germanTranslatesTheWidgets();
    void germanDescribesSchedules();
    void englishGivesPlurals();
    void cleanup();
};

void TestTranslations::chooseLanguage_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("chosen");
    QTest::newRow("German system") << QString() << u"de_DE"_s << u"de"_s;
    QTest::newRow("Austrian system") << QString() << u"de_AT"_s << u"de"_s;
    QTest::newRow("English system") << QString() << u"en_GB"_s << u"en"_s;
    QTest::newRow("unshipped system") << QString() << u"fr_FR"_s << u"en"_s;
    QTest::newRow("setting beats system") << u"en"_s << u"de_DE"_s << u"en"_s;
    QTest::newRow("German setting") << u"de"_s << u"fr_FR"_s << u"de"_s;
    QTest::newRow("unknown setting") << u"tlh"_s << u"de_CH"_s << u"de"_s;
}

void TestTranslations::chooseLanguage()
{
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, chosen);
    QCOMPARE(nightshift::chooseLanguage(setting, QLocale(system)), chosen);
}

void TestTranslations::bothTranslationsAreBuiltIn()
{
    QStringList found;
    QDirIterator it(u":/i18n"_s);
    while (it.hasNext())
        found.append(QFileInfo(it.next()).fileName());
    found.sort();
    QCOMPARE(found, (QStringList{u"nightshift_de.qm"_s, u"nightshift_en.qm"_s}));
}

void TestTranslations::germanTranslatesTheWidgets()
{
    QVERIFY(installTranslations(u"de"_s));
    QCOMPARE(QCoreApplication::translate("nightshift::SettingsDialog", "Settings"),
             u"Einstellungen"_s);
    QCOMPARE(QCoreApplication::translate("nightshift::MainWindow", "The engine did not start: %1"),
             u"Die Engine ist nicht gestartet: %1"_s);
    QCOMPARE(QCoreApplication::translate("nightshift::NotificationPolicy",
                                         "A run completed after %n failed run(s).",
                                         nullptr,
                                         3),
             u"Ein Lauf ist nach 3 Fehlschlägen gelungen."_s);

    // The dialog built after loading shows German on every tab.
    AppSettings settings(QDir::temp().filePath(u"tst_translations.ini"_s));
    SettingsDialog dialog(&settings, std::make_shared<EnvironmentSecretStore>());
    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(0), u"Speicher"_s);
    QCOMPARE(tabs->tabText(1), u"Anbieter"_s);
    QCOMPARE(tabs->tabText(4), u"Allgemein"_s);
    QCOMPARE(dialog.windowTitle(), u"Einstellungen"_s);
    EngineHost host;
    TrayIcon tray(&host);
    QVERIFY(tray.trayIcon()->toolTip().contains(u"geplant"_s));
}

void TestTranslations::germanDescribesSchedules()
{
    // The table's and the editor's schedule column: the engine's words, translated too.
    QVERIFY(installTranslations(u"de"_s));
    Schedule schedule;
    schedule.kind = Schedule::Kind::Interval;
    schedule.intervalMs = 5 * 60'000;
    QCOMPARE(describeSchedule(schedule), u"alle 5 Minuten"_s);
    schedule.intervalMs = 3'600'000;
    QCOMPARE(describeSchedule(schedule), u"jede Stunde"_s);
    schedule.kind = Schedule::Kind::Manual;
    QCOMPARE(describeSchedule(schedule), u"nur manuell"_s);
    schedule.kind = Schedule::Kind::Cron;
    schedule.cron = u"0 9 * * 1-5"_s;
    schedule.timeZone = u"Europe/Berlin"_s;
    const QString weekdays = describeSchedule(schedule);
    QVERIFY2(weekdays.contains(u"Montag"_s) && weekdays.endsWith(u"(Europe/Berlin)"_s),
             qPrintable(weekdays));
}

void TestTranslations::englishGivesPlurals()
{
    QVERIFY(installTranslations(u"en"_s));
    QCOMPARE(
        QCoreApplication::translate(
            "nightshift::SettingsDialog", "Connected; the store holds %n agent(s).", nullptr, 1),
        u"Connected; the store holds 1 agent."_s);
    QCOMPARE(
        QCoreApplication::translate(
            "nightshift::SettingsDialog", "Connected; the store holds %n agent(s).", nullptr, 0),
        u"Connected; the store holds 0 agents."_s);
    QCOMPARE(QCoreApplication::translate("nightshift::SettingsDialog", "Settings"), u"Settings"_s);
}

void TestTranslations::cleanup()
{
    for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
