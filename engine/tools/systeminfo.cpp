#include "systeminfo.h"

#include <QFileInfo>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>

#if defined(Q_OS_LINUX)
#include <QFile>
#elif defined(Q_OS_MACOS)
#include <mach/mach.h>
#include <mach/vm_page_size.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <cstdlib>
#include <ctime>
#elif defined(Q_OS_WIN)
#ifndef NOMINMAX
#define NOMINMAX // windows.h's min and max macros would break std::min and std::max.
#endif
#include <windows.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace nightshift {

namespace {

double percentOf(quint64 part, quint64 whole)
{
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Clamped so that counters read a moment apart can never make "used" wrap around.
MemoryUsage memoryUsage(quint64 totalBytes, quint64 availableBytes)
{
    MemoryUsage memory;
    memory.totalBytes = totalBytes;
    memory.availableBytes = std::min(availableBytes, totalBytes);
    memory.usedBytes = totalBytes - memory.availableBytes;
    memory.usedPercent = percentOf(memory.usedBytes, totalBytes);
    return memory;
}

SwapUsage swapUsage(quint64 totalBytes, quint64 freeBytes)
{
    SwapUsage swap;
    swap.totalBytes = totalBytes;
    swap.usedBytes = totalBytes - std::min(freeBytes, totalBytes);
    swap.usedPercent = percentOf(swap.usedBytes, totalBytes);
    return swap;
}

Error parseError(const QString &file, const QString &problem)
{
    return makeError(ErrorCode::Io, u"Could not parse %1: %2"_s.arg(file, problem));
}

Error cancelledError()
{
    return makeError(ErrorCode::Cancelled, u"system_info was cancelled while sampling CPU use"_s);
}

// Sleeping in short slices bounds how long a cancel goes unnoticed.
bool sleepUnlessCancelled(std::chrono::milliseconds duration, const std::atomic_bool &cancelled)
{
    using SteadyClock = std::chrono::steady_clock;
    const SteadyClock::time_point deadline = SteadyClock::now() + duration;
    while (!cancelled) {
        const SteadyClock::duration left = deadline - SteadyClock::now();
        if (left <= SteadyClock::duration::zero())
            return true;
        std::this_thread::sleep_for(std::min<SteadyClock::duration>(left, 20ms));
    }
    return false;
}

#if defined(Q_OS_LINUX)

template<typename Parse>
auto readProcFile(const QString &path, Parse parse) -> decltype(parse(QByteArray()))
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, u"Could not read %1: %2"_s.arg(path, file.errorString()));
    return parse(file.readAll());
}

Result<CpuTimes> readCpuTimes()
{
    return readProcFile(u"/proc/stat"_s, procfs::parseStat);
}

Result<void> readPlatformCounters(SystemSnapshot &snapshot)
{
    const Result<procfs::MemInfo> memInfo = readProcFile(u"/proc/meminfo"_s, procfs::parseMeminfo);
    if (!memInfo)
        return memInfo.error();
    const Result<LoadAverage> load = readProcFile(u"/proc/loadavg"_s, procfs::parseLoadavg);
    if (!load)
        return load.error();
    const Result<qint64> uptime = readProcFile(u"/proc/uptime"_s, procfs::parseUptime);
    if (!uptime)
        return uptime.error();
    snapshot.memory = memInfo->memory;
    snapshot.swap = memInfo->swap;
    snapshot.loadAverage = *load;
    snapshot.uptimeSeconds = *uptime;
    return {};
}

#elif defined(Q_OS_MACOS)

Result<CpuTimes> readCpuTimes()
{
    host_cpu_load_info_data_t load{};
    mach_msg_type_number_t count = HOST_CPU_LOAD_INFO_COUNT;
    const mach_port_t host = mach_host_self();
    const kern_return_t status
        = host_statistics(host, HOST_CPU_LOAD_INFO, reinterpret_cast<host_info_t>(&load), &count);
    // Every mach_host_self() adds a reference to the port; dropping it keeps repeated calls
    // from leaking.
    mach_port_deallocate(mach_task_self(), host);
    if (status != KERN_SUCCESS)
        return makeError(ErrorCode::Io, u"Could not read CPU load: host_statistics failed"_s);
    CpuTimes times;
    times.idle = load.cpu_ticks[CPU_STATE_IDLE];
    for (const natural_t ticks : load.cpu_ticks)
        times.total += ticks;
    return times;
}

template<typename T>
bool readSysctl(const char *name, T &value)
{
    size_t size = sizeof(value);
    return sysctlbyname(name, &value, &size, nullptr, 0) == 0 && size == sizeof(value);
}

Result<void> readPlatformCounters(SystemSnapshot &snapshot)
{
    vm_statistics64_data_t vm{};
    mach_msg_type_number_t count = HOST_VM_INFO64_COUNT;
    const mach_port_t host = mach_host_self();
    const kern_return_t status
        = host_statistics64(host, HOST_VM_INFO64, reinterpret_cast<host_info64_t>(&vm), &count);
    mach_port_deallocate(mach_task_self(), host);
    uint64_t totalBytes = 0;
    xsw_usage swap{};
    timeval bootTime{};
    if (status != KERN_SUCCESS || !readSysctl("hw.memsize", totalBytes)
        || !readSysctl("vm.swapusage", swap) || !readSysctl("kern.boottime", bootTime)) {
        return makeError(ErrorCode::Io,
                         u"Could not read memory, swap or boot time from the kernel"_s);
    }
    // Inactive pages are reclaimed without swapping, so new work can have them too.
    const quint64 availablePages = static_cast<quint64>(vm.free_count) + vm.inactive_count;
    snapshot.memory = memoryUsage(totalBytes, availablePages * vm_kernel_page_size);
    snapshot.swap = swapUsage(swap.xsu_total, swap.xsu_avail);
    std::array<double, 3> load{};
    if (getloadavg(load.data(), 3) == 3)
        snapshot.loadAverage = LoadAverage{load[0], load[1], load[2]};
    snapshot.uptimeSeconds = std::max<qint64>(0, std::time(nullptr) - bootTime.tv_sec);
    return {};
}

#elif defined(Q_OS_WIN)

quint64 fileTimeTicks(const FILETIME &time)
{
    return (static_cast<quint64>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
}

Result<CpuTimes> readCpuTimes()
{
    FILETIME idle{};
    FILETIME kernel{};
    FILETIME user{};
    if (!GetSystemTimes(&idle, &kernel, &user))
        return makeError(ErrorCode::Io, u"Could not read CPU times: GetSystemTimes failed"_s);
    // Kernel time already includes idle time.
    return CpuTimes{fileTimeTicks(idle), fileTimeTicks(kernel) + fileTimeTicks(user)};
}

Result<void> readPlatformCounters(SystemSnapshot &snapshot)
{
    MEMORYSTATUSEX status{};
    status.dwLength = sizeof(status);
    if (!GlobalMemoryStatusEx(&status))
        return makeError(ErrorCode::Io, u"Could not read memory: GlobalMemoryStatusEx failed"_s);
    snapshot.memory = memoryUsage(status.ullTotalPhys, status.ullAvailPhys);
    // The page-file figures are the commit limit, which counts RAM too; what lies beyond RAM
    // is the page file, Windows' swap.
    const auto beyondRam = [](DWORDLONG pageFile, DWORDLONG physical) -> quint64 {
        return pageFile > physical ? pageFile - physical : 0;
    };
    snapshot.swap = swapUsage(beyondRam(status.ullTotalPageFile, status.ullTotalPhys),
                              beyondRam(status.ullAvailPageFile, status.ullAvailPhys));
    snapshot.uptimeSeconds = static_cast<qint64>(GetTickCount64() / 1000);
    return {};
}

#else

Error unsupportedPlatform()
{
    return makeError(
        ErrorCode::Unavailable,
        u"system_info cannot read this machine's counters on %1"_s.arg(QSysInfo::kernelType()));
}

Result<CpuTimes> readCpuTimes()
{
    return unsupportedPlatform();
}

Result<void> readPlatformCounters(SystemSnapshot &)
{
    return unsupportedPlatform();
}

#endif

// Kernel interfaces, memory-backed scratch space and read-only images such as snaps hold none
// of the machine's data and would bury the real disks. overlay stays: it is a container's root.
bool isPseudoFilesystem(const QByteArray &type)
{
    static constexpr std::array<QByteArrayView, 25> pseudo = {
        "autofs",    "binfmt_misc", "bpf",      "configfs",   "debugfs",
        "devfs",     "devpts",      "devtmpfs", "efivarfs",   "fuse.lxcfs",
        "fusectl",   "hugetlbfs",   "mqueue",   "nsfs",       "proc",
        "pstore",    "ramfs",       "rootfs",   "rpc_pipefs", "securityfs",
        "selinuxfs", "squashfs",    "sysfs",    "tmpfs",      "tracefs",
    };
    return type.startsWith("cgroup")
           || std::ranges::find(pseudo, QByteArrayView(type)) != pseudo.end();
}

QList<DiskUsage> readDisks()
{
    QList<DiskUsage> disks;
    const QList<QStorageInfo> volumes = QStorageInfo::mountedVolumes();
    for (const QStorageInfo &volume : volumes) {
        if (!volume.isValid() || !volume.isReady() || volume.bytesTotal() <= 0
            || isPseudoFilesystem(volume.fileSystemType())) {
            continue;
        }
        // Containers bind-mount single files such as /etc/hosts; each would repeat the numbers
        // of the filesystem it comes from.
        if (!QFileInfo(volume.rootPath()).isDir())
            continue;
        DiskUsage disk;
        disk.mount = volume.rootPath();
        disk.filesystem = QString::fromUtf8(volume.fileSystemType());
        disk.totalBytes = static_cast<quint64>(volume.bytesTotal());
        disk.freeBytes = std::min(static_cast<quint64>(std::max<qint64>(0, volume.bytesFree())),
                                  disk.totalBytes);
        disk.availableBytes = std::min(
            static_cast<quint64>(std::max<qint64>(0, volume.bytesAvailable())), disk.freeBytes);
        disk.usedBytes = disk.totalBytes - disk.freeBytes;
        // As df computes it: the share of what users can have, so 100 % means their writes fail
        // even while root's reserve is left.
        disk.usedPercent = percentOf(disk.usedBytes, disk.usedBytes + disk.availableBytes);
        // A later mount on the same point hides the earlier one, and the sizes describe it.
        const auto same = std::find_if(disks.begin(), disks.end(), [&disk](const DiskUsage &d) {
            return d.mount == disk.mount;
        });
        if (same != disks.end())
            *same = disk;
        else
            disks.append(disk);
    }
    return disks;
}

double roundedPercent(double percent)
{
    return std::round(percent * 10.0) / 10.0;
}

} // namespace

nlohmann::json SystemSnapshot::toJson() const
{
    nlohmann::json diskList = nlohmann::json::array();
    for (const DiskUsage &disk : disks) {
        diskList.push_back(nlohmann::json{
            {"mount", disk.mount.toStdString()},
            {"filesystem", disk.filesystem.toStdString()},
            {"total_bytes", disk.totalBytes},
            {"free_bytes", disk.freeBytes},
            {"available_bytes", disk.availableBytes},
            {"used_bytes", disk.usedBytes},
            {"used_percent", roundedPercent(disk.usedPercent)},
        });
    }
    nlohmann::json json = {
        {"cpu_percent", roundedPercent(cpuPercent)},
        {"cpu_count", cpuCount},
        {"memory",
         {
             {"total_bytes", memory.totalBytes},
             {"available_bytes", memory.availableBytes},
             {"used_bytes", memory.usedBytes},
             {"used_percent", roundedPercent(memory.usedPercent)},
         }},
        {"swap",
         {
             {"total_bytes", swap.totalBytes},
             {"used_bytes", swap.usedBytes},
             {"used_percent", roundedPercent(swap.usedPercent)},
         }},
        {"disks", std::move(diskList)},
        {"uptime_seconds", uptimeSeconds},
        {"hostname", hostname.toStdString()},
        {"os", {{"name", osName.toStdString()}, {"kernel", kernel.toStdString()}}},
    };
    if (loadAverage) {
        json["load_average"] = {
            {"one", loadAverage->one},
            {"five", loadAverage->five},
            {"fifteen", loadAverage->fifteen},
        };
    }
    return json;
}

double cpuBusyPercent(const CpuTimes &before, const CpuTimes &after)
{
    // Counters can step back (iowait does on some kernels); such a window tells nothing.
    if (after.total <= before.total)
        return 0.0;
    const auto total = static_cast<double>(after.total - before.total);
    const double idle
        = after.idle > before.idle ? static_cast<double>(after.idle - before.idle) : 0.0;
    return std::clamp(100.0 * (1.0 - idle / total), 0.0, 100.0);
}

Result<SystemSnapshot> readSystemSnapshot(std::chrono::milliseconds cpuWindow,
                                          const std::atomic_bool &cancelled)
{
    if (cancelled)
        return cancelledError();
    const Result<CpuTimes> before = readCpuTimes();
    if (!before)
        return before.error();
    if (!sleepUnlessCancelled(cpuWindow, cancelled))
        return cancelledError();
    const Result<CpuTimes> after = readCpuTimes();
    if (!after)
        return after.error();

    SystemSnapshot snapshot;
    if (const Result<void> counters = readPlatformCounters(snapshot); !counters)
        return counters.error();
    snapshot.cpuPercent = cpuBusyPercent(*before, *after);
    snapshot.cpuCount = QThread::idealThreadCount();
    snapshot.disks = readDisks();
    snapshot.hostname = QSysInfo::machineHostName();
    snapshot.osName = QSysInfo::prettyProductName();
    snapshot.kernel = QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion();
    return snapshot;
}

Result<std::chrono::milliseconds> parseSystemInfoArguments(const nlohmann::json &arguments)
{
    const std::chrono::milliseconds defaultWindow{kCpuSampleDefaultMs};
    // A model calling a tool without arguments may send null rather than {}.
    if (arguments.is_null())
        return defaultWindow;
    // dump() throws on invalid UTF-8 unless told to replace it, and nothing may throw here.
    const auto quoted = [](const nlohmann::json &value) {
        return QString::fromStdString(
            value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    };
    if (!arguments.is_object()) {
        return makeError(
            ErrorCode::InvalidArgument,
            u"system_info takes a JSON object of arguments, not %1"_s.arg(quoted(arguments)));
    }
    for (const auto &item : arguments.items()) {
        if (item.key() != "cpu_sample_ms") {
            return makeError(
                ErrorCode::InvalidArgument,
                u"system_info has no argument \"%1\"; it accepts only cpu_sample_ms"_s.arg(
                    QString::fromStdString(item.key())));
        }
    }
    const auto it = arguments.find("cpu_sample_ms");
    if (it == arguments.end())
        return defaultWindow;
    const double milliseconds = it->is_number() ? it->get<double>() : -1.0;
    // JSON Schema counts 200.0 as an integer, and some models write whole numbers that way.
    if (std::trunc(milliseconds) != milliseconds || milliseconds < kCpuSampleMinMs
        || milliseconds > kCpuSampleMaxMs) {
        const QString message = u"cpu_sample_ms must be whole milliseconds from %1 to %2, not %3"_s;
        return makeError(ErrorCode::InvalidArgument,
                         message.arg(kCpuSampleMinMs).arg(kCpuSampleMaxMs).arg(quoted(*it)));
    }
    return std::chrono::milliseconds(static_cast<qint64>(milliseconds));
}

namespace procfs {

Result<CpuTimes> parseStat(const QByteArray &text)
{
    const QString file = u"/proc/stat"_s;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.constFirst() != "cpu")
            continue;
        // user nice system idle [iowait irq softirq steal [guest guest_nice]]: old kernels stop
        // after idle, and guest time is already counted in user and nice.
        if (fields.size() < 5)
            return parseError(file, u"the cpu line has fewer than four counters"_s);
        const qsizetype counters = std::min<qsizetype>(fields.size() - 1, 8);
        CpuTimes times;
        for (qsizetype i = 1; i <= counters; ++i) {
            bool ok = false;
            const quint64 value = fields.at(i).toULongLong(&ok);
            if (!ok) {
                return parseError(file,
                                  u"the cpu line holds \"%1\" where a counter belongs"_s.arg(
                                      QString::fromUtf8(fields.at(i))));
            }
            times.total += value;
            if (i == 4 || i == 5)
                times.idle += value;
        }
        return times;
    }
    return parseError(file, u"there is no aggregate cpu line"_s);
}

Result<MemInfo> parseMeminfo(const QByteArray &text)
{
    const QString file = u"/proc/meminfo"_s;
    struct Field
    {
        QByteArrayView name;
        std::optional<quint64> bytes;
    };
    std::array<Field, 4> fields = {{
        {"MemTotal", {}},
        {"MemAvailable", {}},
        {"SwapTotal", {}},
        {"SwapFree", {}},
    }};
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const auto field
            = std::ranges::find(fields, QByteArrayView(line).first(colon), &Field::name);
        if (field == fields.end())
            continue;
        const QList<QByteArray> value = line.mid(colon + 1).simplified().split(' ');
        bool ok = false;
        const quint64 kibibytes = value.constFirst().toULongLong(&ok);
        if (!ok || value.size() != 2 || value.at(1) != "kB") {
            return parseError(file,
                              u"%1 is not a size in kB"_s.arg(QString::fromLatin1(field->name)));
        }
        field->bytes = kibibytes * 1024;
    }
    for (const Field &field : fields) {
        if (!field.bytes) {
            const QString hint
                = field.name == "MemAvailable" ? u" (Linux 3.14 added it)"_s : QString();
            return parseError(
                file, u"there is no %1 line%2"_s.arg(QString::fromLatin1(field.name), hint));
        }
    }
    return MemInfo{memoryUsage(*fields[0].bytes, *fields[1].bytes),
                   swapUsage(*fields[2].bytes, *fields[3].bytes)};
}

Result<LoadAverage> parseLoadavg(const QByteArray &text)
{
    const QString file = u"/proc/loadavg"_s;
    const QList<QByteArray> fields = text.simplified().split(' ');
    if (fields.size() < 3)
        return parseError(file, u"there are fewer than three load averages"_s);
    LoadAverage load;
    const std::array<double *, 3> averages = {&load.one, &load.five, &load.fifteen};
    for (qsizetype i = 0; i < 3; ++i) {
        bool ok = false;
        const double average = fields.at(i).toDouble(&ok);
        if (!ok || !std::isfinite(average) || average < 0) {
            return parseError(
                file, u"\"%1\" is not a load average"_s.arg(QString::fromUtf8(fields.at(i))));
        }
        *averages[static_cast<size_t>(i)] = average;
    }
    return load;
}

Result<qint64> parseUptime(const QByteArray &text)
{
    const QByteArray first = text.simplified().split(' ').constFirst();
    bool ok = false;
    const double seconds = first.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0
        || seconds >= static_cast<double>(std::numeric_limits<qint64>::max())) {
        return parseError(u"/proc/uptime"_s,
                          u"\"%1\" is not a number of seconds"_s.arg(QString::fromUtf8(first)));
    }
    return static_cast<qint64>(seconds);
}

} // namespace procfs

} // namespace nightshift
