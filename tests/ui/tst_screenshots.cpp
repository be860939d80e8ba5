// The dashboard on a real X server (Xvfb) with 50 agents at work: saves the main window, the
// editor, the event log and the charts as PNG files in the build folder, for people to look at.
#include "agenteditor.h"
#include "agentinstaller.h"
#include "backgroundagentservice.h"
#include "chartspanel.h"
#include "enginehost.h"
#include "eventlogdock.h"
#include "mainwindow.h"

#include <QAbstractItemView>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nightshift;

class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void mainWindow();
    void editor();
    void eventLog();
    void charts();

private:
    void save(QWidget *widget, const QString &name);
    qint64 finishedRuns();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<EngineHost> m_host;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    if (QGuiApplication::platformName() != u"xcb")
        QSKIP("needs an X server: run under xvfb-run (CTest does when xvfb-run is installed)");
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QDir().mkpath(QStringLiteral(NIGHTSHIFT_SCREENSHOT_DIR)));

    m_host = std::make_unique<EngineHost>();
    QVERIFY(m_host->start(QStringLiteral("memory:")).ok());
    // Fifty agents made from the bundled examples, on the `none` provider so that they run
    // their tools without a model server.
    const QList<AgentSpec> templates = bundledTemplates();
    QVERIFY(!templates.isEmpty());
    QList<AgentSpec> fleet;
    for (int i = 0; i < 50; ++i) {
        AgentSpec spec = templates.at(i % templates.size());
        spec.agentId
            = QStringLiteral("%1_%2").arg(spec.agentId).arg(i + 1, 2, 10, QLatin1Char('0'));
        spec.model.provider = QStringLiteral("none");
        spec.tools.removeAll(QStringLiteral("http_fetch"));
        // A failed run shows as failed at once instead of waiting minutes for its retry.
        spec.task.maxRetries = 0;
        spec.schedule.kind = Schedule::Kind::Interval;
        spec.schedule.intervalMs = (2 + i % 5) * 1000;
        fleet.append(spec);
    }
    const Result<void> installed = installAgents(*m_host, fleet, true);
    QVERIFY2(installed.ok(), qPrintable(installed.errorMessage()));
    // A few agents paused and stopped, as a real fleet has.
    for (int i : {3, 17, 29})
        QVERIFY(m_host->call([&](BackgroundAgentService &service) {
            return service.pauseAgent(fleet.at(i).agentId, QStringLiteral("maintenance window"));
        }));
    QVERIFY(m_host->call(
        [&](BackgroundAgentService &service) { return service.stopAgent(fleet.at(41).agentId); }));

    m_window = std::make_unique<MainWindow>(m_host.get());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(finishedRuns() >= 60, 30'000);
}

void TestScreenshots::cleanupTestCase()
{
    m_window.reset();
    if (!m_host)
        return;
    QSignalSpy drained(m_host.get(), &EngineHost::drained);
    m_host->shutdown();
    QVERIFY(drained.wait(30'000));
}

qint64 TestScreenshots::finishedRuns()
{
    return m_host->call([](BackgroundAgentService &service) {
        qint64 runs = 0;
        for (const AgentStatus &status : service.listAgents())
            runs += status.runCount;
        return runs;
    });
}

void TestScreenshots::save(QWidget *widget, const QString &name)
{
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() >= 300 && image.height() >= 200,
             qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
    const QString path = QDir(QStringLiteral(NIGHTSHIFT_SCREENSHOT_DIR)).filePath(name);
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("saved %s", qPrintable(path));
}

void TestScreenshots::mainWindow()
{
    QAbstractItemView *table = m_window->agentTable();
    QCOMPARE(table->model()->rowCount(), 50);
    table->setCurrentIndex(table->model()->index(0, 1));
    save(m_window.get(), QStringLiteral("mainwindow.png"));
}

void TestScreenshots::editor()
{
    m_window->openEditor(QStringLiteral("news_digest_03"));
    AgentEditorDialog *editor = nullptr;
    QTRY_VERIFY((editor = m_window->findChild<AgentEditorDialog *>()) && editor->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    QVERIFY(editor->isEditing());
    save(editor, QStringLiteral("editor.png"));
    editor->reject();
}

void TestScreenshots::eventLog()
{
    EventLogDock *log = m_window->eventLog();
    QVERIFY(log->isVisible());
    QTRY_VERIFY(log->model()->rowCount() > 100);
    log->setSearchText(QStringLiteral("system_info"));
    save(log, QStringLiteral("eventlog.png"));
}

void TestScreenshots::charts()
{
    ChartsPanel *charts = m_window->charts();
    auto *dock = qobject_cast<QDockWidget *>(charts->parentWidget());
    QVERIFY(dock);
    dock->raise();
    QTRY_VERIFY(charts->isVisible());
    QTRY_VERIFY(charts->statistics().total().runs > 0);
    save(charts, QStringLiteral("charts.png"));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
