// Which desktop notifications the engine's news raises: failures, recoveries, notify calls, each
// at most once a minute, none in quiet hours or when switched off.

#include "backgroundagentservice.h"
#include "enginehost.h"
#include "notifier.h"
#include "secretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;

namespace {

using Kind = DesktopNotification::Kind;

/// Local time that moves only when told.
struct TestClock
{
    QDateTime now = QDateTime(QDate(2026, 11, 24), QTime(14, 0));

    NotificationPolicy::Now function()
    {
        return [this] {
            return now;
        };
    }
    void advanceSeconds(int seconds) { now = now.addSecs(seconds); }
};

RunRecord run(const QString &agentId, RunState state, const QString &error = {})
{
    RunRecord record;
    record.runId = agentId + u"-run"_s;
    record.agentId = agentId;
    record.state = state;
    record.error = error;
    return record;
}

Event notification(const QString &agentId, const char *title, const char *body, const char *level)
{
    Event event;
    event.agentId = agentId;
    event.runId = agentId + u"-run"_s;
    event.type = QLatin1String(EventType::Notification);
    event.payload = {{"title", title}, {"body", body}, {"level", level}};
    return event;
}

/// Keys for no one: every provider that needs a key fails its runs at once.
class NoSecrets final : public SecretStore
{
public:
    void read(const QString &name, QObject *context, ReadDone done) override
    {
        QMetaObject::invokeMethod(
            context,
            [done, name] { done(makeError(ErrorCode::NotFound, u"no key %1"_s.arg(name))); },
            Qt::QueuedConnection);
    }
    void write(const QString &, const QString &, QObject *context, WriteDone done) override
    {
        QMetaObject::invokeMethod(
            context,
            [done] { done(makeError(ErrorCode::Unavailable, u"read-only"_s)); },
            Qt::QueuedConnection);
    }
    void remove(const QString &, QObject *context, WriteDone done) override
    {
        write({}, {}, context, std::move(done));
    }
};

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failedRunsAreRaised_data();
    void failedRunsAreRaised();
    void sameFailureWaitsAMinute();
    void differentTextOrAgentIsNotADuplicate();
    void recoveryAfterFailures();
    void recoveryAfterFailuresFromBeforeStart();
    void completedRunsAloneRaiseNothing();
    void notifyToolCalls();
    void autoPauseNamesTheLastError();
    void otherEventsRaiseNothing();
    void switchesTurnKindsOff();
    void quietHours_data();
    void quietHours();
    void quietHoursHoldBackRatherThanPostpone();
    void notifierRaisesWhatTheEngineReports();

private:
    TestClock m_clock;
};

void TestNotifier::failedRunsAreRaised_data()
{
    QTest::addColumn<RunState>("state");
    QTest::addColumn<QString>("title");
    QTest::newRow("failed") << RunState::Failed << u"probe: run failed"_s;
    QTest::newRow("timed out") << RunState::TimedOut << u"probe: run timed out"_s;
    QTest::newRow("interrupted") << RunState::Interrupted << u"probe: run interrupted"_s;
}

void TestNotifier::failedRunsAreRaised()
{
    QFETCH(RunState, state);
    QFETCH(QString, title);
    NotificationPolicy policy(m_clock.function());
    const auto raised = policy.takeRuns({run(u"probe"_s, state, u"HTTP 503 from the API"_s)});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().kind, Kind::RunFailed);
    QCOMPARE(raised.first().agentId, u"probe"_s);
    QCOMPARE(raised.first().title, title);
    QCOMPARE(raised.first().body, u"HTTP 503 from the API"_s);
    QCOMPARE(raised.first().level, DesktopNotification::Level::Warning);
}

void TestNotifier::sameFailureWaitsAMinute()
{
    NotificationPolicy policy(m_clock.function());
    const RunRecord failed = run(u"probe"_s, RunState::Failed, u"connection refused"_s);
    QCOMPARE(policy.takeRuns({failed}).size(), 1);
    m_clock.advanceSeconds(30);
    QCOMPARE(policy.takeRuns({failed}).size(), 0);
    m_clock.advanceSeconds(29);
    QCOMPARE(policy.takeRuns({failed}).size(), 0);
    // Sixty seconds after it was raised (not after the last repeat) it may be raised again.
    m_clock.advanceSeconds(1);
    QCOMPARE(policy.takeRuns({failed}).size(), 1);
    // Two in one batch are one.
    m_clock.advanceSeconds(120);
    QCOMPARE(policy.takeRuns({failed, failed}).size(), 1);
}

void TestNotifier::differentTextOrAgentIsNotADuplicate()
{
    NotificationPolicy policy(m_clock.function());
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::Failed, u"refused"_s)}).size(), 1);
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::Failed, u"timed out"_s)}).size(), 1);
    QCOMPARE(policy.takeRuns({run(u"other"_s, RunState::Failed, u"refused"_s)}).size(), 1);
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::TimedOut, u"refused"_s)}).size(), 1);
}

void TestNotifier::recoveryAfterFailures()
{
    NotificationPolicy policy(m_clock.function());
    policy.takeRuns({run(u"probe"_s, RunState::Failed, u"one"_s)});
    policy.takeRuns({run(u"probe"_s, RunState::TimedOut, u"two"_s)});
    // A cancelled run neither breaks nor ends the streak.
    QVERIFY(policy.takeRuns({run(u"probe"_s, RunState::Cancelled)}).isEmpty());
    const auto raised = policy.takeRuns({run(u"probe"_s, RunState::Completed)});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().kind, Kind::Recovered);
    QCOMPARE(raised.first().title, u"probe recovered"_s);
    QVERIFY(raised.first().body.contains(u'2'));
    QCOMPARE(raised.first().level, DesktopNotification::Level::Info);
    // Recovered once; the next success is routine.
    QVERIFY(policy.takeRuns({run(u"probe"_s, RunState::Completed)}).isEmpty());
}

void TestNotifier::recoveryAfterFailuresFromBeforeStart()
{
    NotificationPolicy policy(m_clock.function());
    AgentStatus failing;
    failing.agentId = u"probe"_s;
    failing.consecutiveFailures = 3;
    AgentStatus healthy;
    healthy.agentId = u"fine"_s;
    policy.seed({failing, healthy});
    const auto raised = policy.takeRuns(
        {run(u"probe"_s, RunState::Completed), run(u"fine"_s, RunState::Completed)});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().agentId, u"probe"_s);
    QCOMPARE(raised.first().kind, Kind::Recovered);
    QVERIFY(raised.first().body.contains(u'3'));
}

void TestNotifier::completedRunsAloneRaiseNothing()
{
    NotificationPolicy policy(m_clock.function());
    QVERIFY(policy
                .takeRuns({run(u"probe"_s, RunState::Completed),
                           run(u"probe"_s, RunState::Skipped),
                           run(u"probe"_s, RunState::Missed)})
                .isEmpty());
}

void TestNotifier::notifyToolCalls()
{
    NotificationPolicy policy(m_clock.function());
    const auto raised = policy.takeEvents(
        {notification(u"watch"_s, "Disk almost full", "/var is at 97%.", "critical")});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().kind, Kind::AgentNotice);
    QCOMPARE(raised.first().agentId, u"watch"_s);
    QCOMPARE(raised.first().title, u"watch: Disk almost full"_s);
    QCOMPARE(raised.first().body, u"/var is at 97%."_s);
    QCOMPARE(raised.first().level, DesktopNotification::Level::Critical);
    QVERIFY(policy
                .takeEvents(
                    {notification(u"watch"_s, "Disk almost full", "/var is at 97%.", "critical")})
                .isEmpty());
    m_clock.advanceSeconds(61);
    QCOMPARE(
        policy.takeEvents({notification(u"watch"_s, "Disk almost full", "/var is at 97%.", "info")})
            .first()
            .level,
        DesktopNotification::Level::Info);
}

void TestNotifier::autoPauseNamesTheLastError()
{
    NotificationPolicy policy(m_clock.function());
    Event event;
    event.agentId = u"fragile"_s;
    event.type = QLatin1String(EventType::AutoPaused);
    event.payload = {{"failures", 5}, {"last_error", "HTTP 503 from the provider"}};
    const auto raised = policy.takeEvents({event});
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().kind, Kind::AutoPaused);
    QCOMPARE(raised.first().level, DesktopNotification::Level::Critical);
    // Without the English translation loaded, the plural reads "failure(s)".
    QVERIFY2(raised.first().title.startsWith(u"fragile paused after 5 failure"_s),
             qPrintable(raised.first().title));
    QCOMPARE(raised.first().body, u"Last error: HTTP 503 from the provider"_s);
    NotificationSettings off;
    off.onFailure = false;
    policy.setSettings(off);
    m_clock.advanceSeconds(61);
    QVERIFY(policy.takeEvents({event}).isEmpty());
}

void TestNotifier::otherEventsRaiseNothing()
{
    NotificationPolicy policy(m_clock.function());
    Event event = notification(u"watch"_s, "x", "y", "info");
    event.type = QLatin1String(EventType::TaskError);
    QVERIFY(policy.takeEvents({event}).isEmpty());
}

void TestNotifier::switchesTurnKindsOff()
{
    NotificationPolicy policy(m_clock.function());
    NotificationSettings settings;
    settings.onFailure = false;
    settings.onNotify = false;
    policy.setSettings(settings);
    QVERIFY(policy.takeRuns({run(u"probe"_s, RunState::Failed, u"x"_s)}).isEmpty());
    QVERIFY(policy.takeEvents({notification(u"watch"_s, "t", "b", "info")}).isEmpty());
    // Failures still count towards a recovery while their notifications are off.
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::Completed)}).size(), 1);

    settings = NotificationSettings();
    settings.onRecovery = false;
    policy.setSettings(settings);
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::Failed, u"y"_s)}).size(), 1);
    QVERIFY(policy.takeRuns({run(u"probe"_s, RunState::Completed)}).isEmpty());
}

void TestNotifier::quietHours_data()
{
    QTest::addColumn<QTime>("from");
    QTest::addColumn<QTime>("until");
    QTest::addColumn<QTime>("at");
    QTest::addColumn<bool>("quiet");
    const QTime night(22, 0);
    const QTime morning(7, 0);
    QTest::newRow("late evening") << night << morning << QTime(23, 30) << true;
    QTest::newRow("at the start") << night << morning << QTime(22, 0) << true;
    QTest::newRow("after midnight") << night << morning << QTime(3, 15) << true;
    QTest::newRow("at the end") << night << morning << QTime(7, 0) << false;
    QTest::newRow("afternoon") << night << morning << QTime(14, 0) << false;
    QTest::newRow("lunch, inside") << QTime(12, 0) << QTime(13, 0) << QTime(12, 30) << true;
    QTest::newRow("lunch, outside") << QTime(12, 0) << QTime(13, 0) << QTime(13, 30) << false;
    QTest::newRow("empty span") << QTime(12, 0) << QTime(12, 0) << QTime(12, 0) << false;
}

void TestNotifier::quietHours()
{
    QFETCH(QTime, from);
    QFETCH(QTime, until);
    QFETCH(QTime, at);
    QFETCH(bool, quiet);
    NotificationSettings settings;
    settings.quietHours = true;
    settings.quietFrom = from;
    settings.quietUntil = until;
    QCOMPARE(settings.isQuietAt(at), quiet);
    m_clock.now.setTime(at);
    NotificationPolicy policy(m_clock.function());
    policy.setSettings(settings);
    QCOMPARE(policy.takeRuns({run(u"probe"_s, RunState::Failed, u"x"_s)}).isEmpty(), quiet);
    QCOMPARE(policy.takeEvents({notification(u"watch"_s, "t", "b", "info")}).isEmpty(), quiet);
    settings.quietHours = false;
    QVERIFY(!settings.isQuietAt(at));
}

void TestNotifier::quietHoursHoldBackRatherThanPostpone()
{
    NotificationSettings settings;
    settings.quietHours = true;
    m_clock.now.setTime(QTime(6, 59, 30));
    NotificationPolicy policy(m_clock.function());
    policy.setSettings(settings);
    const RunRecord failed = run(u"probe"_s, RunState::Failed, u"x"_s);
    QVERIFY(policy.takeRuns({failed}).isEmpty());
    // Held back in quiet hours, so not counted as raised: the next one after them shows.
    m_clock.advanceSeconds(40);
    QCOMPARE(policy.takeRuns({failed}).size(), 1);
}

void TestNotifier::notifierRaisesWhatTheEngineReports()
{
    EngineHost host;
    host.setSecretStore(std::make_shared<NoSecrets>());
    QVERIFY(host.start(u"memory:"_s).ok());
    AgentSpec spec;
    spec.agentId = u"keyless"_s;
    spec.model.provider = u"openai"_s;
    spec.model.model = u"gpt-4o-mini"_s;
    spec.task.query = u"hello"_s;
    spec.task.maxRetries = 0;
    QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }).ok());

    Notifier notifier(nullptr, m_clock.function());
    notifier.watch(&host);
    QSignalSpy raised(&notifier, &Notifier::raised);
    QVERIFY(host.call([](BackgroundAgentService &service) { return service.runNow(u"keyless"_s); })
                .ok());
    QVERIFY(raised.wait(10'000));
    const auto shown = raised.first().first().value<DesktopNotification>();
    QCOMPARE(shown.kind, Kind::RunFailed);
    QCOMPARE(shown.agentId, u"keyless"_s);
    QVERIFY2(shown.body.contains(u"OPENAI_API_KEY"_s), qPrintable(shown.body));

    // The same failure a second later is not shown again.
    QSignalSpy finished(&host, &EngineHost::runsFinished);
    QVERIFY(host.call([](BackgroundAgentService &service) { return service.runNow(u"keyless"_s); })
                .ok());
    QVERIFY(finished.wait(10'000));
    QCOMPARE(raised.size(), 1);

    QSignalSpy drained(&host, &EngineHost::drained);
    host.shutdown();
    QVERIFY(drained.wait(10'000));
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
