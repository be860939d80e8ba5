#pragma once

#include "../result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <optional>

namespace nightshift {

/// Bounds and default of the CPU sampling window an agent may ask system_info for.
inline constexpr int kCpuSampleMinMs = 50;
inline constexpr int kCpuSampleMaxMs = 5000;
inline constexpr int kCpuSampleDefaultMs = 200;

/// Cumulative CPU time since boot; both fields count in the same platform-specific unit.
struct CpuTimes
{
    quint64 idle = 0;  ///< Idle time, including time idle while waiting for I/O.
    quint64 total = 0; ///< All time, idle included.
};

/// Physical memory in use.
struct MemoryUsage
{
    quint64 totalBytes = 0;
    quint64 availableBytes = 0; ///< What new work could get without swapping.
    quint64 usedBytes = 0;
    double usedPercent = 0.0;
};

/// Swap space in use.
struct SwapUsage
{
    quint64 totalBytes = 0;
    quint64 usedBytes = 0;
    double usedPercent = 0.0;
};

/// Capacity of one mounted filesystem.
struct DiskUsage
{
    QString mount;
    QString filesystem;
    quint64 totalBytes = 0;
    quint64 freeBytes = 0;
    quint64 availableBytes = 0; ///< Free space an unprivileged user may write to.
    quint64 usedBytes = 0;
    double usedPercent = 0.0;
};

/// Average number of runnable tasks over the last 1, 5 and 15 minutes.
struct LoadAverage
{
    double one = 0.0;
    double five = 0.0;
    double fifteen = 0.0;
};

/// A reading of this machine's resources at one moment.
struct SystemSnapshot
{
    double cpuPercent = 0.0; ///< Busy share of all CPUs over the sampling window.
    int cpuCount = 0;        ///< Logical CPUs.
    MemoryUsage memory;
    SwapUsage swap;
    QList<DiskUsage> disks;
    std::optional<LoadAverage> loadAverage; ///< Windows has none.
    qint64 uptimeSeconds = 0;
    QString hostname;
    QString osName;
    QString kernel;

    /// The snapshot as system_info reports it: snake_case keys, byte counts as integers and
    /// percentages rounded to one decimal.
    nlohmann::json toJson() const;
};

/// Busy percentage (0–100) of the CPU time that passed between two samples.
double cpuBusyPercent(const CpuTimes &before, const CpuTimes &after);

/// Reads the machine's state, sampling CPU use over cpuWindow. Returns ErrorCode::Cancelled soon
/// after cancelled is set, and ErrorCode::Io when the platform's counters can't be read.
Result<SystemSnapshot> readSystemSnapshot(std::chrono::milliseconds cpuWindow,
                                          const std::atomic_bool &cancelled);

/// Validates system_info's arguments and returns the CPU sampling window they ask for.
Result<std::chrono::milliseconds> parseSystemInfoArguments(const nlohmann::json &arguments);

// The parsers are pure so that tests can check exact numbers against fixed kernel output.
namespace procfs {

/// Parses the aggregate `cpu` line of the text of /proc/stat.
Result<CpuTimes> parseStat(const QByteArray &text);

/// Memory and swap as /proc/meminfo reports them.
struct MemInfo
{
    MemoryUsage memory;
    SwapUsage swap;
};

/// Parses the text of /proc/meminfo; needs MemAvailable, so Linux 3.14 or later.
Result<MemInfo> parseMeminfo(const QByteArray &text);

/// Parses the three load averages at the start of the text of /proc/loadavg.
Result<LoadAverage> parseLoadavg(const QByteArray &text);

/// Parses the text of /proc/uptime into whole seconds since boot.
Result<qint64> parseUptime(const QByteArray &text);

} // namespace procfs

} // namespace nightshift
