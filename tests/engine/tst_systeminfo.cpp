#include "tools/systeminfo.h"
#include "tools/systeminfotool.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <future>
#include <optional>

using namespace nightshift;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A /proc/meminfo as Linux 6.1 writes it, trimmed of lines the parser must skip over anyway.
const char kMeminfo[] = "MemTotal:       16318776 kB\n"
                        "MemFree:         1785464 kB\n"
                        "MemAvailable:   12237140 kB\n"
                        "Buffers:          623712 kB\n"
                        "Cached:          9517692 kB\n"
                        "SwapCached:         1024 kB\n"
                        "SwapTotal:       2097148 kB\n"
                        "SwapFree:        1572860 kB\n"
                        "HugePages_Total:       0\n"
                        "Hugepagesize:       2048 kB\n";

nlohmann::json parseJson(const QByteArray &text)
{
    return nlohmann::json::parse(text.toStdString());
}

bool isRoundedToOneDecimal(const nlohmann::json &value)
{
    const double number = value.get<double>();
    return std::round(number * 10.0) / 10.0 == number;
}

} // namespace

class TestSystemInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseStat_data();
    void parseStat();
    void cpuBusyPercent_data();
    void cpuBusyPercent();
    void parseMeminfo();
    void parseMeminfoErrors_data();
    void parseMeminfoErrors();
    void parseLoadavg_data();
    void parseLoadavg();
    void parseUptime_data();
    void parseUptime();
    void snapshotJson();
    void snapshotOfThisMachine();
    void descriptor();
    void arguments_data();
    void arguments();
    void invalidArguments_data();
    void invalidArguments();
    void invokeReportsSnapshot();
    void invokeRejectsUnknownArgument();
    void cancelledBeforeSampling();
    void cancelledWhileSampling();
};

void TestSystemInfo::parseStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("idle");
    QTest::addColumn<quint64>("total");

    // Guest and guest_nice (the last two) are already inside user and nice.
    QTest::newRow("linux 6") << QByteArray("cpu  4849 0 4620 625360 537 0 237 0 100 7\n"
                                           "cpu0 1846 0 1860 313843 34 0 94 0 0 0\n"
                                           "intr 12345 0 0\n")
                             << true << quint64(625360 + 537)
                             << quint64(4849 + 4620 + 625360 + 537 + 237);
    QTest::newRow("steal counts as busy")
        << QByteArray("cpu 10 20 30 400 50 60 70 80\n") << true << quint64(450) << quint64(720);
    QTest::newRow("old kernel without iowait")
        << QByteArray("cpu 10 20 30 40\n") << true << quint64(40) << quint64(100);
    QTest::newRow("cpu line after others")
        << QByteArray("btime 1700000000\ncpu 1 2 3 4 5\n") << true << quint64(9) << quint64(15);
    QTest::newRow("empty") << QByteArray() << false << quint64(0) << quint64(0);
    QTest::newRow("only per-cpu lines")
        << QByteArray("cpu0 1 2 3 4 5\ncpu1 1 2 3 4 5\n") << false << quint64(0) << quint64(0);
    QTest::newRow("too few counters")
        << QByteArray("cpu 1 2 3\n") << false << quint64(0) << quint64(0);
    QTest::newRow("not a number") << QByteArray("cpu 1 2 x 4 5\n") << false << quint64(0)
                                  << quint64(0);
    QTest::newRow("negative") << QByteArray("cpu 1 2 -3 4 5\n") << false << quint64(0)
                              << quint64(0);
}

void TestSystemInfo::parseStat()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(quint64, idle);
    QFETCH(quint64, total);

    const Result<CpuTimes> times = procfs::parseStat(text);
    QCOMPARE(times.ok(), valid);
    if (!valid) {
        QCOMPARE(times.error().code, ErrorCode::Io);
        QVERIFY2(times.errorMessage().contains(u"/proc/stat"_s), qPrintable(times.errorMessage()));
        return;
    }
    QCOMPARE(times->idle, idle);
    QCOMPARE(times->total, total);
}

void TestSystemInfo::cpuBusyPercent_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<double>("percent");

    const QByteArray before("cpu 100 0 100 700 100 0 0 0 0 0\n");
    QTest::newRow("quarter busy") << before << QByteArray("cpu 250 0 150 1250 150 0 0 0 0 0\n")
                                  << 25.0;
    QTest::newRow("iowait is idle")
        << before << QByteArray("cpu 100 0 100 700 600 0 0 0 0 0\n") << 0.0;
    QTest::newRow("fully busy") << before << QByteArray("cpu 400 0 300 700 100 0 0 0 0 0\n")
                                << 100.0;
    QTest::newRow("no time passed") << before << before << 0.0;
    QTest::newRow("counters went back")
        << before << QByteArray("cpu 50 0 50 300 50 0 0 0 0 0\n") << 0.0;
    QTest::newRow("iowait went back")
        << before << QByteArray("cpu 300 0 100 900 90 0 0 0 0 0\n") << 100.0 * 200 / 390;
}

void TestSystemInfo::cpuBusyPercent()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(double, percent);

    const Result<CpuTimes> first = procfs::parseStat(before);
    const Result<CpuTimes> second = procfs::parseStat(after);
    QVERIFY(first && second);
    QCOMPARE(nightshift::cpuBusyPercent(*first, *second), percent);
}

void TestSystemInfo::parseMeminfo()
{
    const Result<procfs::MemInfo> info = procfs::parseMeminfo(QByteArray(kMeminfo));
    QVERIFY2(info, qPrintable(info.errorMessage()));

    QCOMPARE(info->memory.totalBytes, quint64(16318776) * 1024);
    QCOMPARE(info->memory.availableBytes, quint64(12237140) * 1024);
    QCOMPARE(info->memory.usedBytes, quint64(16318776 - 12237140) * 1024);
    QCOMPARE(info->memory.usedPercent, 100.0 * (16318776 - 12237140) / 16318776);
    QCOMPARE(info->swap.totalBytes, quint64(2097148) * 1024);
    QCOMPARE(info->swap.usedBytes, quint64(2097148 - 1572860) * 1024);
    QCOMPARE(info->swap.usedPercent, 100.0 * (2097148 - 1572860) / 2097148);

    const Result<procfs::MemInfo> noSwap = procfs::parseMeminfo(
        "MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
    QVERIFY2(noSwap, qPrintable(noSwap.errorMessage()));
    QCOMPARE(noSwap->memory.usedBytes, quint64(750) * 1024);
    QCOMPARE(noSwap->memory.usedPercent, 75.0);
    QCOMPARE(noSwap->swap.totalBytes, quint64(0));
    QCOMPARE(noSwap->swap.usedPercent, 0.0);
}

void TestSystemInfo::parseMeminfoErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << QByteArray() << u"MemTotal"_s;
    QTest::newRow("kernel older than 3.14")
        << QByteArray(kMeminfo).replace("MemAvailable", "MemSomething") << u"MemAvailable"_s;
    QTest::newRow("no swap lines")
        << QByteArray("MemTotal: 1000 kB\nMemAvailable: 250 kB\n") << u"SwapTotal"_s;
    QTest::newRow("not a number") << QByteArray(kMeminfo).replace("16318776", "lots")
                                  << u"MemTotal"_s;
    QTest::newRow("no unit") << QByteArray(kMeminfo).replace("1572860 kB", "1572860")
                             << u"SwapFree"_s;
}

void TestSystemInfo::parseMeminfoErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);

    const Result<procfs::MemInfo> info = procfs::parseMeminfo(text);
    QVERIFY(!info);
    QCOMPARE(info.error().code, ErrorCode::Io);
    QVERIFY2(info.errorMessage().contains(u"/proc/meminfo"_s), qPrintable(info.errorMessage()));
    QVERIFY2(info.errorMessage().contains(mentions), qPrintable(info.errorMessage()));
}

void TestSystemInfo::parseLoadavg_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("one");
    QTest::addColumn<double>("five");
    QTest::addColumn<double>("fifteen");

    QTest::newRow("idle") << QByteArray("0.06 0.07 0.03 2/89 5491\n") << true << 0.06 << 0.07
                          << 0.03;
    QTest::newRow("busy") << QByteArray("12.50 8.25 4.00 9/1024 31337\n") << true << 12.5 << 8.25
                          << 4.0;
    QTest::newRow("empty") << QByteArray() << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("two values") << QByteArray("0.06 0.07\n") << false << 0.0 << 0.0 << 0.0;
    QTest::newRow("not a number") << QByteArray("0.06 high 0.03 2/89 5491\n") << false << 0.0 << 0.0
                                  << 0.0;
    QTest::newRow("negative") << QByteArray("0.06 -1 0.03 2/89 5491\n") << false << 0.0 << 0.0
                              << 0.0;
}

void TestSystemInfo::parseLoadavg()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(double, one);
    QFETCH(double, five);
    QFETCH(double, fifteen);

    const Result<LoadAverage> load = procfs::parseLoadavg(text);
    QCOMPARE(load.ok(), valid);
    if (!valid) {
        QCOMPARE(load.error().code, ErrorCode::Io);
        QVERIFY2(load.errorMessage().contains(u"/proc/loadavg"_s), qPrintable(load.errorMessage()));
        return;
    }
    QCOMPARE(load->one, one);
    QCOMPARE(load->five, five);
    QCOMPARE(load->fifteen, fifteen);
}

void TestSystemInfo::parseUptime_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("fractional") << QByteArray("3182.99 6253.60\n") << true << qint64(3182);
    QTest::newRow("months") << QByteArray("15552000.00 31000000.00\n") << true << qint64(15552000);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
    QTest::newRow("not a number") << QByteArray("soon 6253.60\n") << false << qint64(0);
    QTest::newRow("negative") << QByteArray("-5.00 6253.60\n") << false << qint64(0);
    QTest::newRow("infinite") << QByteArray("inf 6253.60\n") << false << qint64(0);
}

void TestSystemInfo::parseUptime()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);

    const Result<qint64> uptime = procfs::parseUptime(text);
    QCOMPARE(uptime.ok(), valid);
    if (!valid) {
        QCOMPARE(uptime.error().code, ErrorCode::Io);
        QVERIFY2(uptime.errorMessage().contains(u"/proc/uptime"_s),
                 qPrintable(uptime.errorMessage()));
        return;
    }
    QCOMPARE(*uptime, seconds);
}

void TestSystemInfo::snapshotJson()
{
    SystemSnapshot snapshot;
    snapshot.cpuPercent = 12.345;
    snapshot.cpuCount = 8;
    snapshot.memory = {8192, 2048, 6144, 75.0};
    snapshot.swap = {3000, 1000, 100.0 / 3};
    snapshot.disks.append({u"/"_s, u"ext4"_s, 1000, 400, 350, 600, 600.0 / 950 * 100});
    snapshot.loadAverage = LoadAverage{0.5, 0.25, 0.125};
    snapshot.uptimeSeconds = 3600;
    snapshot.hostname = u"büro"_s;
    snapshot.osName = u"Debian GNU/Linux 12 (bookworm)"_s;
    snapshot.kernel = u"linux 6.1.0"_s;

    const nlohmann::json expected = parseJson(R"json({
        "cpu_percent": 12.3,
        "cpu_count": 8,
        "memory": {"total_bytes": 8192, "available_bytes": 2048, "used_bytes": 6144,
                   "used_percent": 75.0},
        "swap": {"total_bytes": 3000, "used_bytes": 1000, "used_percent": 33.3},
        "disks": [{"mount": "/", "filesystem": "ext4", "total_bytes": 1000, "free_bytes": 400,
                   "available_bytes": 350, "used_bytes": 600, "used_percent": 63.2}],
        "load_average": {"one": 0.5, "five": 0.25, "fifteen": 0.125},
        "uptime_seconds": 3600,
        "hostname": "büro",
        "os": {"name": "Debian GNU/Linux 12 (bookworm)", "kernel": "linux 6.1.0"}
    })json");
    QCOMPARE(QString::fromStdString(snapshot.toJson().dump()),
             QString::fromStdString(expected.dump()));

    snapshot.loadAverage.reset();
    QVERIFY(!snapshot.toJson().contains("load_average"));
}

void TestSystemInfo::snapshotOfThisMachine()
{
    const std::atomic_bool cancelled = false;
    const Result<SystemSnapshot> snapshot = readSystemSnapshot(50ms, cancelled);
    QVERIFY2(snapshot, qPrintable(snapshot.errorMessage()));

    QVERIFY(snapshot->cpuPercent >= 0.0 && snapshot->cpuPercent <= 100.0);
    QVERIFY(snapshot->cpuCount >= 1);
    QVERIFY(snapshot->memory.totalBytes > 0);
    QVERIFY(snapshot->memory.availableBytes <= snapshot->memory.totalBytes);
    QCOMPARE(snapshot->memory.usedBytes + snapshot->memory.availableBytes,
             snapshot->memory.totalBytes);
    QVERIFY(snapshot->swap.usedBytes <= snapshot->swap.totalBytes);
    QVERIFY(snapshot->uptimeSeconds > 0);
#ifndef Q_OS_WIN
    QVERIFY(snapshot->loadAverage.has_value());
#endif
    QVERIFY(!snapshot->disks.isEmpty());
    for (const DiskUsage &disk : snapshot->disks) {
        QVERIFY2(disk.totalBytes > 0, qPrintable(disk.mount));
        QVERIFY2(disk.freeBytes <= disk.totalBytes, qPrintable(disk.mount));
        QVERIFY2(disk.availableBytes <= disk.freeBytes, qPrintable(disk.mount));
        QVERIFY2(disk.usedPercent >= 0.0 && disk.usedPercent <= 100.0, qPrintable(disk.mount));
        QVERIFY2(disk.filesystem != u"proc"_s && disk.filesystem != u"sysfs"_s
                     && !disk.filesystem.startsWith(u"cgroup"_s),
                 qPrintable(disk.mount));
    }

    const nlohmann::json json = snapshot->toJson();
    QVERIFY(json.at("cpu_percent").is_number());
    QVERIFY(isRoundedToOneDecimal(json.at("cpu_percent")));
    QVERIFY(json.at("memory").at("total_bytes").is_number_unsigned());
    QVERIFY(isRoundedToOneDecimal(json.at("memory").at("used_percent")));
    QVERIFY(json.at("disks").is_array());
    QVERIFY(json.at("disks").at(0).at("total_bytes").is_number_unsigned());
    QVERIFY(json.at("os").at("kernel").is_string());
}

void TestSystemInfo::descriptor()
{
    const ToolDescriptor descriptor = SystemInfoTool().descriptor();
    QCOMPARE(descriptor.name, u"system_info"_s);
    QVERIFY(!descriptor.description.isEmpty());

    const nlohmann::json &schema = descriptor.parameters;
    QVERIFY(schema.at("type") == "object");
    QVERIFY(schema.at("additionalProperties") == false);
    QVERIFY(!schema.contains("required"));
    QCOMPARE(schema.at("properties").size(), size_t(1));
    const nlohmann::json &sample = schema.at("properties").at("cpu_sample_ms");
    QVERIFY(sample.at("type") == "integer");
    QVERIFY(sample.at("minimum") == 50);
    QVERIFY(sample.at("maximum") == 5000);
    QVERIFY(sample.at("default") == 200);
    QVERIFY(sample.at("description").is_string());
}

void TestSystemInfo::arguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<qint64>("windowMs");

    QTest::newRow("none") << QByteArray("{}") << qint64(200);
    QTest::newRow("null") << QByteArray("null") << qint64(200);
    QTest::newRow("minimum") << QByteArray(R"({"cpu_sample_ms": 50})") << qint64(50);
    QTest::newRow("maximum") << QByteArray(R"({"cpu_sample_ms": 5000})") << qint64(5000);
    QTest::newRow("whole float") << QByteArray(R"({"cpu_sample_ms": 1000.0})") << qint64(1000);
}

void TestSystemInfo::arguments()
{
    QFETCH(QByteArray, arguments);
    QFETCH(qint64, windowMs);

    const Result<std::chrono::milliseconds> window = parseSystemInfoArguments(parseJson(arguments));
    QVERIFY2(window, qPrintable(window.errorMessage()));
    QCOMPARE(window->count(), windowMs);
}

void TestSystemInfo::invalidArguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QStringList>("mentions");

    const QStringList range = {u"cpu_sample_ms"_s, u"50"_s, u"5000"_s};
    QTest::newRow("too short") << QByteArray(R"({"cpu_sample_ms": 49})") << range;
    QTest::newRow("too long") << QByteArray(R"({"cpu_sample_ms": 5001})") << range;
    QTest::newRow("negative") << QByteArray(R"({"cpu_sample_ms": -200})") << range;
    QTest::newRow("fraction") << QByteArray(R"({"cpu_sample_ms": 200.5})") << range;
    QTest::newRow("string") << QByteArray(R"({"cpu_sample_ms": "200"})") << range;
    QTest::newRow("boolean") << QByteArray(R"({"cpu_sample_ms": true})") << range;
    QTest::newRow("null value") << QByteArray(R"({"cpu_sample_ms": null})") << range;
    QTest::newRow("unknown") << QByteArray(R"({"cpu_sample_ms": 200, "interval": 5})")
                             << QStringList{u"interval"_s};
    QTest::newRow("not an object") << QByteArray("[200]") << QStringList{u"object"_s};
}

void TestSystemInfo::invalidArguments()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QStringList, mentions);

    const Result<std::chrono::milliseconds> window = parseSystemInfoArguments(parseJson(arguments));
    QVERIFY(!window);
    QCOMPARE(window.error().code, ErrorCode::InvalidArgument);
    for (const QString &mention : mentions)
        QVERIFY2(window.errorMessage().contains(mention), qPrintable(window.errorMessage()));
}

void TestSystemInfo::invokeReportsSnapshot()
{
    // Declared so that the pool finishes, then the context drops any undelivered result, before
    // what the callback writes to goes away.
    SystemInfoTool tool;
    std::optional<Result<nlohmann::json>> result;
    QObject context;
    QThreadPool pool;
    ToolCall call;
    call.arguments = {{"cpu_sample_ms", 50}};
    call.pool = &pool;
    call.context = &context;

    tool.invoke(call, [&result](Result<nlohmann::json> done) { result = std::move(done); });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(*result, qPrintable(result->errorMessage()));
    const nlohmann::json &json = result->value();
    for (const char *key : {"cpu_percent",
                            "cpu_count",
                            "memory",
                            "swap",
                            "disks",
                            "uptime_seconds",
                            "hostname",
                            "os"}) {
        QVERIFY2(json.contains(key), key);
    }
}

void TestSystemInfo::invokeRejectsUnknownArgument()
{
    SystemInfoTool tool;
    std::optional<Result<nlohmann::json>> result;
    QObject context;
    QThreadPool pool;
    ToolCall call;
    call.arguments = {{"disk", "/"}};
    call.pool = &pool;
    call.context = &context;

    tool.invoke(call, [&result](Result<nlohmann::json> done) { result = std::move(done); });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!*result);
    QCOMPARE(result->error().code, ErrorCode::InvalidArgument);
    QVERIFY2(result->errorMessage().contains(u"disk"_s), qPrintable(result->errorMessage()));
}

void TestSystemInfo::cancelledBeforeSampling()
{
    const std::atomic_bool cancelled = true;
    QElapsedTimer timer;
    timer.start();
    const Result<SystemSnapshot> snapshot = readSystemSnapshot(5000ms, cancelled);
    QVERIFY(!snapshot);
    QCOMPARE(snapshot.error().code, ErrorCode::Cancelled);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

void TestSystemInfo::cancelledWhileSampling()
{
    std::atomic_bool cancelled = false;
    // The timer must not outlive the flag it sets if sampling ends before it fires.
    QObject context;
    QElapsedTimer timer;
    timer.start();
    std::future<Result<SystemSnapshot>> snapshot = std::async(
        std::launch::async, [&cancelled] { return readSystemSnapshot(60s, cancelled); });
    QTimer::singleShot(50ms, &context, [&cancelled] { cancelled = true; });

    QTRY_VERIFY(snapshot.wait_for(0s) == std::future_status::ready);
    const Result<SystemSnapshot> result = snapshot.get();
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSystemInfo)

#include "tst_systeminfo.moc"
