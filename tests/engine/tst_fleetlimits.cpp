// The fleet's limits as a user sets them: the budget's command-line text, and EngineHost handing
// the run limit and the budget to the engine thread before and after it starts.

#include "budgettext.h"
#include "enginefixture.h"
#include "enginehost.h"

#include <QTest>

using namespace nightshift;
using namespace nightshift::test;
using namespace Qt::StringLiterals;

namespace nightshift {

// QCOMPARE prints this when a comparison fails.
inline char *toString(const Budget &budget)
{
    return qstrdup(budgetText(budget).toUtf8().constData());
}

} // namespace nightshift

Q_DECLARE_METATYPE(nightshift::Budget)

namespace {

Budget budget(qint64 dailyTokens,
              qint64 monthlyTokens,
              double dailyCost,
              double monthlyCost,
              Budget::Action action = Budget::Action::Skip)
{
    return {dailyTokens, monthlyTokens, dailyCost, monthlyCost, action};
}

// Long enough that the first run still holds its slot when the second one asks for it.
AgentSpec slowAgent(const QString &id)
{
    return intervalSpec(
        id, 10 * Minute, {u"system_info"_s}, {{"system_info", {{"cpu_sample_ms", 300}}}});
}

} // namespace

class TestFleetLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesBudgetText_data();
    void parsesBudgetText();
    void refusesMalformedBudgetText_data();
    void refusesMalformedBudgetText();
    void budgetTextReadsBack();
    void engineHostAppliesTheRunLimit_data();
    void engineHostAppliesTheRunLimit();
    void engineHostAppliesTheFleetBudget_data();
    void engineHostAppliesTheFleetBudget();
};

void TestFleetLimits::parsesBudgetText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Budget>("base");
    QTest::addColumn<Budget>("expected");
    QTest::newRow("one cap") << u"daily_tokens=1000"_s << Budget() << budget(1000, 0, 0, 0);
    QTest::newRow("every part")
        << u"daily_tokens=1000,monthly_tokens=20000,daily_cost=2.5,monthly_cost=40,"
           "on_exceeded=pause"_s
        << Budget() << budget(1000, 20'000, 2.5, 40, Budget::Action::Pause);
    QTest::newRow("spaces around parts")
        << u" daily_cost = 0.75 , on_exceeded=skip "_s << Budget() << budget(0, 0, 0.75, 0);
    QTest::newRow("over a base") << u"daily_cost=1"_s << budget(0, 0, 0, 10, Budget::Action::Pause)
                                 << budget(0, 0, 1, 10, Budget::Action::Pause);
    QTest::newRow("0 lifts a cap")
        << u"monthly_cost=0,on_exceeded=skip"_s << budget(5, 0, 0, 10, Budget::Action::Pause)
        << budget(5, 0, 0, 0);
    QTest::newRow("the last of a repeated part wins")
        << u"daily_tokens=5,daily_tokens=7"_s << Budget() << budget(7, 0, 0, 0);
}

void TestFleetLimits::parsesBudgetText()
{
    QFETCH(QString, text);
    QFETCH(Budget, base);
    QFETCH(Budget, expected);
    const Result<Budget> parsed = parseBudgetText(text, base);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed.value(), expected);
}

void TestFleetLimits::refusesMalformedBudgetText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << u"expected NAME=VALUE parts separated by commas"_s;
    QTest::newRow("no value") << u"daily_tokens"_s << u"\"daily_tokens\" is not NAME=VALUE"_s;
    QTest::newRow("unknown part")
        << u"daily_cost=1,weekly_tokens=5"_s
        << u"unknown part \"weekly_tokens\" (one of daily_tokens, monthly_tokens, daily_cost, "
           "monthly_cost, on_exceeded)"_s;
    QTest::newRow("tokens not a number")
        << u"daily_tokens=lots"_s
        << u"daily_tokens takes a whole number of tokens (0 for no cap), got \"lots\""_s;
    QTest::newRow("negative tokens")
        << u"monthly_tokens=-1"_s << u"monthly_tokens takes a whole number of tokens"_s;
    QTest::newRow("fractional tokens")
        << u"daily_tokens=1.5"_s << u"daily_tokens takes a whole number of tokens"_s;
    QTest::newRow("cost with a sign")
        << u"monthly_cost=$5"_s
        << u"monthly_cost takes an amount in US dollars (0 for no cap), got \"$5\""_s;
    QTest::newRow("infinite cost")
        << u"daily_cost=inf"_s << u"daily_cost takes an amount in US dollars"_s;
    QTest::newRow("negative cost")
        << u"daily_cost=-2"_s << u"daily_cost takes an amount in US dollars"_s;
    QTest::newRow("unknown action")
        << u"on_exceeded=stop"_s << u"on_exceeded takes skip or pause, got \"stop\""_s;
}

void TestFleetLimits::refusesMalformedBudgetText()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<Budget> parsed = parseBudgetText(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(parsed.errorMessage().contains(message), qPrintable(parsed.errorMessage()));
}

void TestFleetLimits::budgetTextReadsBack()
{
    QCOMPARE(budgetText(Budget()), u"on_exceeded=skip"_s);
    const Budget full = budget(1000, 20'000, 2.5, 0.1, Budget::Action::Pause);
    QCOMPARE(budgetText(full),
             u"daily_tokens=1000,monthly_tokens=20000,daily_cost=2.5,monthly_cost=0.1,"
             "on_exceeded=pause"_s);
    QCOMPARE(parseBudgetText(budgetText(full)).value(), full);
}

void TestFleetLimits::engineHostAppliesTheRunLimit_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("beforeStart");
    QTest::addColumn<int>("queuedRuns");
    QTest::newRow("one at once, set before the start") << 1 << true << 1;
    QTest::newRow("one at once, set while running") << 1 << false << 1;
    QTest::newRow("no limit") << 0 << false << 0;
}

void TestFleetLimits::engineHostAppliesTheRunLimit()
{
    QFETCH(int, limit);
    QFETCH(bool, beforeStart);
    QFETCH(int, queuedRuns);
    EngineHost host;
    if (beforeStart)
        host.setMaxConcurrentRuns(limit);
    QVERIFY(host.start(u"memory:"_s).ok());
    if (!beforeStart)
        host.setMaxConcurrentRuns(limit);
    QCOMPARE(host.maxConcurrentRuns(), limit);
    EventList events;
    connect(&host, &EngineHost::eventsAppended, this, [&events](const EventList &batch) {
        events.append(batch);
    });
    const auto ofType = [&events](const char *type) {
        EventList found;
        for (const Event &event : std::as_const(events)) {
            if (event.type == QLatin1String(type))
                found.append(event);
        }
        return found;
    };
    for (const QString &id : {u"first"_s, u"second"_s}) {
        const AgentSpec spec = slowAgent(id);
        QVERIFY(host.call([&](BackgroundAgentService &service) { return service.create(spec); }));
    }
    // Both in one turn of the engine thread: due together, as two schedules at the same time.
    const bool bothStarted = host.call([](BackgroundAgentService &service) {
        return service.runNow(u"first"_s).ok() && service.runNow(u"second"_s).ok();
    });
    QVERIFY(bothStarted);
    QTRY_COMPARE_WITH_TIMEOUT(ofType(EventType::TaskCompleted).size(), 2, 20'000);
    const EventList queued = ofType(EventType::RunQueued);
    QCOMPARE(queued.size(), queuedRuns);
    if (queuedRuns > 0) {
        QCOMPARE(queued.first().agentId, u"second"_s);
        QCOMPARE(text(queued.first().payload.at("reason")), u"concurrency"_s);
        QCOMPARE(queued.first().payload.at("limit").get<int>(), limit);
    }
}

void TestFleetLimits::engineHostAppliesTheFleetBudget_data()
{
    QTest::addColumn<bool>("beforeStart");
    QTest::newRow("set before the start") << true;
    QTest::newRow("set while running") << false;
}

void TestFleetLimits::engineHostAppliesTheFleetBudget()
{
    QFETCH(bool, beforeStart);
    const Budget fleet = budget(50'000, 0, 0, 12.5, Budget::Action::Pause);
    EngineHost host;
    if (beforeStart)
        host.setFleetBudget(fleet);
    QVERIFY(host.start(u"memory:"_s).ok());
    if (!beforeStart)
        host.setFleetBudget(fleet);
    QCOMPARE(host.fleetBudget(), fleet);
    // The blocking call queues behind the setter, so it sees what the setter handed over.
    QCOMPARE(host.call([](BackgroundAgentService &service) { return service.fleetBudget(); }),
             fleet);
}

QTEST_GUILESS_MAIN(TestFleetLimits)
#include "tst_fleetlimits.moc"
