#include "agentdraft.h"
#include "event.h"

#include <QTest>

using namespace nightshift;
using namespace Qt::StringLiterals;
using Json = AgentDraft::Json;

namespace {

const QByteArray Agent = R"({
    "agent_id": "disks",
    "model_config": {"provider": "none"},
    "task_config": {"query": "", "interval": 60},
    "tools": ["system_info"]
})";

constexpr qint64 Jan1At9Utc = 1'767'258'000'000; // 2026-01-01T09:00:00Z

AgentDraft draft()
{
    return AgentDraft({u"none"_s, u"openai"_s}, {u"system_info"_s, u"notify"_s});
}

QString dumped(const Json *value)
{
    return value ? QString::fromStdString(value->dump()) : u"(absent)"_s;
}

QStringList messages(const AgentDraft &draft)
{
    QStringList lines;
    for (const ConfigError &error : draft.errors())
        lines.append(error.toString());
    return lines;
}

} // namespace

class TestAgentDraft : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newAgentAsksForWhatIsMissing();
    void textThatIsNotJsonKeepsTheDocument();
    void valuesKeepTheirNeighbours();
    void scheduleKindsMoveThePeriod();
    void scheduleIsReadOnItsOwn();
    void scheduleKindsKeepOnlyTheirKeys();
    void toolsKeepTheirOrder();
};

void TestAgentDraft::newAgentAsksForWhatIsMissing()
{
    AgentDraft fresh = draft();
    fresh.validate();
    QCOMPARE(messages(fresh),
             (QStringList{
                 u"agent_id: expected an id matching [A-Za-z0-9_.-]{1,64}, got \"\""_s,
                 u"model_config.model: expected a model name (only provider \"none\" runs "
                 "without one), got \"\""_s,
                 u"task_config.query: expected a string (empty only with provider \"none\"), "
                 "got \"\""_s,
             }));
    QVERIFY(!fresh.spec());
    QCOMPARE(dumped(fresh.value({u"model_config"_s, u"provider"_s})), u"\"openai\""_s);
    QCOMPARE(fresh.scheduleKind(), u"interval"_s);
}

void TestAgentDraft::textThatIsNotJsonKeepsTheDocument()
{
    AgentDraft agent = draft();
    QVERIFY(agent.setText(Agent));
    QVERIFY(!agent.setText("{\"agent_id\": "));
    QVERIFY(agent.hasSyntaxError());
    agent.validate();
    QCOMPARE(agent.errors().size(), 1);
    QVERIFY(agent.errors().first().path.isEmpty());
    QVERIFY(agent.errors().first().message.startsWith(u"invalid JSON at line 1, column"_s));
    QCOMPARE(dumped(agent.value({u"agent_id"_s})), u"\"disks\""_s);

    QByteArray deep(MaxConfigNestingDepth + 2, '[');
    deep.append(QByteArray(MaxConfigNestingDepth + 2, ']'));
    QVERIFY(!agent.setText(deep));
    agent.validate();
    QCOMPARE(
        messages(agent),
        QStringList{u"invalid JSON: nested deeper than %1 levels"_s.arg(MaxConfigNestingDepth)});

    QVERIFY(agent.setText(Agent));
    agent.validate();
    QVERIFY2(agent.spec(), qPrintable(messages(agent).join(u'\n')));
    QCOMPARE(agent.spec()->schedule.intervalMs, 60'000);
}

void TestAgentDraft::valuesKeepTheirNeighbours()
{
    AgentDraft agent = draft();
    QVERIFY(agent.setText(R"({"x_note": 1, "agent_id": "a", "task_config": "wrong"})"));
    agent.setValue({u"task_config"_s, u"max_retries"_s}, 2);
    agent.setValue({u"agent_config"_s, u"memory_config"_s, u"value"_s}, 5);
    agent.remove({u"agent_id"_s});
    agent.remove({u"no"_s, u"such"_s, u"key"_s});
    QCOMPARE(QString::fromUtf8(agent.text()).simplified(),
             u"{ \"x_note\": 1, \"task_config\": { \"max_retries\": 2 }, \"agent_config\": { "
             "\"memory_config\": { \"value\": 5 } } }"_s);
    QVERIFY(!agent.value({u"x_note"_s, u"deeper"_s}));
}

void TestAgentDraft::scheduleKindsMoveThePeriod()
{
    AgentDraft agent = draft();
    QVERIFY(agent.setText(Agent));
    QCOMPARE(agent.intervalKeys(), (AgentDraft::Keys{u"task_config"_s, u"interval"_s}));

    // An anchor needs the schedule block; the period moves there.
    agent.setScheduleValue(u"anchor"_s, isoTimestamp(Jan1At9Utc).toStdString());
    QCOMPARE(agent.intervalKeys(), (AgentDraft::Keys{u"schedule"_s, u"seconds"_s}));
    QVERIFY(!agent.value({u"task_config"_s, u"interval"_s}));
    QCOMPARE(dumped(agent.value({u"schedule"_s})),
             u"{\"kind\":\"interval\",\"seconds\":60,\"anchor\":\"%1\"}"_s.arg(
                 isoTimestamp(Jan1At9Utc)));

    agent.setScheduleKind(u"once"_s);
    agent.setOnceAt(Jan1At9Utc);
    QCOMPARE(dumped(agent.value({u"schedule"_s})),
             u"{\"kind\":\"once\",\"at\":\"%1\"}"_s.arg(isoTimestamp(Jan1At9Utc)));
    agent.setScheduleKind(u"manual"_s);
    QCOMPARE(dumped(agent.value({u"schedule"_s})), u"{\"kind\":\"manual\"}"_s);
    agent.setScheduleKind(u"interval"_s);
    QCOMPARE(agent.scheduleKind(), u"interval"_s);
    agent.setValue(agent.intervalKeys(), 30);
    agent.validate();
    QVERIFY2(agent.spec(), qPrintable(messages(agent).join(u'\n')));
    QCOMPARE(agent.spec()->schedule.intervalMs, 30'000);
    QVERIFY(!agent.spec()->schedule.anchorMs);

    // A shorthand next to a block is a conflict; choosing a kind settles it.
    QVERIFY(agent.setText(R"({"interval": 5, "schedule": {"kind": "manual"}})"));
    QCOMPARE(agent.scheduleKind(), u"manual"_s);
    agent.setScheduleKind(u"manual"_s);
    QVERIFY(!agent.value({u"interval"_s}));
    QVERIFY(agent.setText(R"({"schedule": {"kind": 7}})"));
    QCOMPARE(agent.scheduleKind(), u"7"_s);
}

void TestAgentDraft::scheduleIsReadOnItsOwn()
{
    AgentDraft agent = draft();
    QVERIFY(agent.setText(R"({"agent_id": "bad id", "interval": 90})"));
    agent.validate();
    QVERIFY(!agent.spec());
    const std::optional<Schedule> schedule = agent.schedule();
    QVERIFY(schedule);
    QCOMPARE(schedule->kind, Schedule::Kind::Interval);
    QCOMPARE(schedule->intervalMs, 90'000);
    QVERIFY(agent.setText(R"({"interval": 0})"));
    QVERIFY(!agent.schedule());
}

void TestAgentDraft::scheduleKindsKeepOnlyTheirKeys()
{
    QCOMPARE(AgentDraft::scheduleKeysFor(u"once"_s), (QStringList{u"at"_s, u"jitter"_s}));
    QVERIFY(AgentDraft::scheduleKeysFor(u"manual"_s).isEmpty());

    AgentDraft agent = draft();
    QVERIFY(agent.setText(Agent));
    // A key of the block turns the shorthand into one.
    agent.setScheduleValue(u"max_runs"_s, 3);
    agent.setScheduleValue(u"jitter"_s, 5);
    QVERIFY(!agent.value({u"task_config"_s, u"interval"_s}));
    QCOMPARE(dumped(agent.value({u"schedule"_s})),
             u"{\"kind\":\"interval\",\"seconds\":60,\"max_runs\":3,\"jitter\":5}"_s);

    agent.setScheduleKind(u"cron"_s);
    agent.setScheduleValue(u"expression"_s, "0 9 * * mon-fri");
    agent.setScheduleValue(u"timezone"_s, "Europe/Berlin");
    QCOMPARE(dumped(agent.value({u"schedule"_s})),
             u"{\"kind\":\"cron\",\"max_runs\":3,\"jitter\":5,\"expression\":\"0 9 * * mon-fri\","
             "\"timezone\":\"Europe/Berlin\"}"_s);
    agent.validate();
    QVERIFY2(agent.spec(), qPrintable(messages(agent).join(u'\n')));
    QCOMPARE(agent.spec()->schedule.kind, Schedule::Kind::Cron);
    QCOMPARE(agent.spec()->schedule.cron, u"0 9 * * mon-fri"_s);
    QCOMPARE(agent.spec()->schedule.timeZone, u"Europe/Berlin"_s);
    QCOMPARE(agent.spec()->schedule.maxRuns, 3);

    agent.setScheduleKind(u"once"_s);
    QCOMPARE(dumped(agent.value({u"schedule"_s})), u"{\"kind\":\"once\",\"jitter\":5}"_s);
    agent.setScheduleValue(u"jitter"_s, std::nullopt);
    QCOMPARE(dumped(agent.value({u"schedule"_s})), u"{\"kind\":\"once\"}"_s);

    // A key no kind knows stays for the validator to name.
    QVERIFY(agent.setText(R"({"schedule": {"kind": "cron", "expression": "@daily", "x": 1}})"));
    agent.setScheduleKind(u"manual"_s);
    QCOMPARE(dumped(agent.value({u"schedule"_s})), u"{\"kind\":\"manual\",\"x\":1}"_s);
}

void TestAgentDraft::toolsKeepTheirOrder()
{
    AgentDraft agent = draft();
    QVERIFY(agent.setText(R"({"tools": ["notify", 5, "system_info"]})"));
    agent.setToolListed(u"notify"_s, false);
    agent.setToolListed(u"file_read"_s, true);
    agent.setToolListed(u"system_info"_s, true);
    QCOMPARE(dumped(agent.value({u"tools"_s})), u"[5,\"system_info\",\"file_read\"]"_s);
    agent.validate();
    QVERIFY(messages(agent).contains(
        u"tools[2]: unknown tool \"file_read\"; available: system_info, notify"_s));
}

QTEST_GUILESS_MAIN(TestAgentDraft)
#include "tst_agentdraft.moc"
