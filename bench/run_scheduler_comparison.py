#!/usr/bin/python3
"""Runs Nightshift's scheduler and APScheduler 3 on the same loads and prints them side by side.

    /usr/bin/python3 bench/run_scheduler_comparison.py BUILD/bench/bench_scheduler

Builds nothing: pass the path of a Release bench_scheduler. The APScheduler side runs
apscheduler_load.py, next to this file, with --python (default: the interpreter running this
script, which must see APScheduler 3; on Debian that is /usr/bin/python3 with
python3-apscheduler). Standard library only. Runs one process at a time, so that the two sides
never compete for the CPU. Exits 1 when a Nightshift target fails.
"""

import argparse
import datetime
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
NIGHTSHIFT_SWEEP = [50_000 * 2**i for i in range(8)]  # 50k .. 6.4M jobs
APSCHEDULER_SWEEP = [10_000 * 2**i for i in range(6)]  # 10k .. 320k jobs

TARGET_SPREAD_P99_MS = 2.0
TARGET_CPU_FRACTION_OF_APSCHEDULER = 0.1
TARGET_ALIGNED_P99_MS = 50.0
TARGET_PEAK_RSS_MIB = 60.0
TARGET_CAPACITY_PER_S = 100_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('bench_scheduler', type=pathlib.Path, help='path to bench_scheduler')
    parser.add_argument('--python', default=sys.executable,
                        help='Python 3 that has APScheduler 3 (default: %(default)s)')
    parser.add_argument('--jobs', type=int, default=10_000, help='jobs in each load')
    parser.add_argument('--seconds', type=int, default=30, help='window of each load')
    parser.add_argument('--sweep-seconds', type=int, default=10,
                        help='window of each capacity step')
    return parser.parse_args()


def machine_description():
    model = 'unknown CPU'
    with open('/proc/cpuinfo', encoding='utf-8') as cpuinfo:
        for line in cpuinfo:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    return (f'{os.cpu_count()} CPUs, {model}, '
            f'{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}')


def load_average():
    return os.getloadavg()[0]


def busy_cpu_seconds():
    """CPU time all cores together have spent on anything but idling, since boot."""
    with open('/proc/stat', encoding='ascii') as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (
            int(field) for field in stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf('SC_CLK_TCK')


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_side(command, load, jobs, seconds):
    """Runs one side on one load and returns its JSON result, with how busy the machine was."""
    argv = command + ['--load', load, '--jobs', str(jobs), '--seconds', str(seconds)]
    before = load_average()
    busy_start, children_start, wall_start = (
        busy_cpu_seconds(), children_cpu_seconds(), time.monotonic())
    # APScheduler logs every dropped run to stderr (Python's last-resort handler); a file keeps
    # that off the terminal and out of this process's memory.
    with tempfile.TemporaryFile(mode='w+') as stderr:
        # Setting up 6.4M jobs takes seconds; anything far beyond that is a hang.
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=stderr, text=True,
                              timeout=seconds + 300, check=False)
        if done.returncode != 0:
            stderr.seek(0)
            sys.exit(f'{" ".join(argv)} failed with {done.returncode}:\n{stderr.read()[-2000:]}')
    others = (busy_cpu_seconds() - busy_start) - (children_cpu_seconds() - children_start)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result['loadavg_before'] = before
    # Compilers and tests of other work on the same cores disturb the timings; this says how much.
    result['others_cpu_percent'] = 100.0 * max(0.0, others) / (time.monotonic() - wall_start)
    print(f'  {result["impl"]:<11} {load:<7} {jobs:>9} jobs: p99 {result["p99_ms"]:9.3f} ms, '
          f'missed {result["missed"]:>8}, CPU {result["cpu_percent"]:5.1f} %, '
          f'RSS {result["peak_rss_mib"]:6.1f} MiB; load average before {before:.2f}, '
          f'other processes {result["others_cpu_percent"]:.0f} % of a core', flush=True)
    return result


def sweep(command, job_counts, seconds):
    """The result at the largest job count (= dispatches per second on 1 s intervals) with zero
    missed runs, or None, and whether the sweep passed its last step."""
    best = None
    for jobs in job_counts:
        result = run_side(command, 'spread', jobs, seconds)
        if result['missed'] != 0:
            return best, False
        best = result
    return best, True


def capacity_per_s(capacity):
    best, _ = capacity
    return best['dispatch_rate_per_s'] if best else 0


def ratio(ours, theirs):
    return f'{ours / theirs:.3f}' if theirs else 'n/a'


def print_table(results, capacities):
    header = f'{"":<40}{"Nightshift":>16}{"APScheduler":>16}{"NS/AP":>9}'
    print(header)
    print('-' * len(header))
    rows = [
        ('lateness p50 (ms)', 'p50_ms', '{:.3f}', False),
        ('lateness p99 (ms)', 'p99_ms', '{:.3f}', True),
        ('lateness max (ms)', 'max_ms', '{:.3f}', False),
        ('runs done / due', None, None, False),
        ('missed (not run, or started >1 s late)', 'missed', '{}', False),
        ('CPU (% of one core)', 'cpu_percent', '{:.2f}', True),
        ('peak RSS (MiB)', 'peak_rss_mib', '{:.1f}', False),
        ('load average before the run', 'loadavg_before', '{:.2f}', False),
        ('other processes\' CPU during it (%)', 'others_cpu_percent', '{:.1f}', False),
    ]
    for load in ('spread', 'aligned'):
        ours, theirs = results['nightshift', load], results['apscheduler', load]
        print(f'{load} load: {ours["jobs"]} jobs every 1 s, {ours["seconds"]} s window')
        for label, key, form, with_ratio in rows:
            if key is None:
                cells = [f'{r["due"] - r["missed"]}/{r["due"]}' for r in (ours, theirs)]
            else:
                cells = [form.format(r[key]) for r in (ours, theirs)]
            last = ratio(ours[key], theirs[key]) if with_ratio else ''
            print(f'  {label:<38}{cells[0]:>16}{cells[1]:>16}{last:>9}')
    print('capacity: largest dispatch rate with zero missed runs (spread load)')
    rates, p99s = [], []
    for impl in ('nightshift', 'apscheduler'):
        best, reached_end = capacities[impl]
        rates.append(('>=' if reached_end else '') + f'{capacity_per_s(capacities[impl]):,.0f}/s')
        p99s.append(f'{best["p99_ms"]:.3f}' if best else 'n/a')
    rate_ratio = ratio(capacity_per_s(capacities['nightshift']),
                       capacity_per_s(capacities['apscheduler']))
    print(f'  {"dispatches per second":<38}{rates[0]:>16}{rates[1]:>16}{rate_ratio:>9}')
    print(f'  {"lateness p99 at that rate (ms)":<38}{p99s[0]:>16}{p99s[1]:>16}')
    print('A run is missed if it was due in the window and did not run, or started more than 1 s '
          'late.\nLateness percentiles cover the runs that started; APScheduler drops runs past '
          'its\nmisfire_grace_time (1 s), so its percentiles leave its missed runs out.')


def print_targets(results, capacities):
    ours_spread = results['nightshift', 'spread']
    ours_aligned = results['nightshift', 'aligned']
    cpu_limit = TARGET_CPU_FRACTION_OF_APSCHEDULER * results['apscheduler', 'spread']['cpu_percent']
    peak_rss = max(ours_spread['peak_rss_mib'], ours_aligned['peak_rss_mib'])
    missed = ours_spread['missed'] + ours_aligned['missed']
    capacity = capacity_per_s(capacities['nightshift'])
    targets = [
        (f'spread p99 < {TARGET_SPREAD_P99_MS:g} ms', ours_spread['p99_ms'] < TARGET_SPREAD_P99_MS,
         f'{ours_spread["p99_ms"]:.3f} ms'),
        (f'spread CPU < 1/10 of APScheduler ({cpu_limit:.2f} %)',
         ours_spread['cpu_percent'] < cpu_limit, f'{ours_spread["cpu_percent"]:.2f} %'),
        (f'aligned p99 < {TARGET_ALIGNED_P99_MS:g} ms',
         ours_aligned['p99_ms'] < TARGET_ALIGNED_P99_MS, f'{ours_aligned["p99_ms"]:.3f} ms'),
        ('zero missed runs (spread + aligned)', missed == 0, f'{missed} missed'),
        (f'peak RSS < {TARGET_PEAK_RSS_MIB:g} MiB', peak_rss < TARGET_PEAK_RSS_MIB,
         f'{peak_rss:.1f} MiB'),
        (f'capacity >= {TARGET_CAPACITY_PER_S:,}/s', capacity >= TARGET_CAPACITY_PER_S,
         f'{capacity:,.0f}/s'),
    ]
    print('Nightshift targets')
    for label, passed, measured in targets:
        print(f'  {"PASS" if passed else "FAIL"}  {label:<44} {measured}')
    return all(passed for _, passed, _ in targets)


def main():
    args = parse_args()
    sides = {
        'nightshift': [str(args.bench_scheduler.resolve())],
        'apscheduler': [args.python, str(HERE / 'apscheduler_load.py')],
    }
    print(f'Machine: {machine_description()}', flush=True)
    results = {}
    for load in ('spread', 'aligned'):
        for impl, command in sides.items():
            results[impl, load] = run_side(command, load, args.jobs, args.seconds)
    print(f'Capacity sweeps, {args.sweep_seconds} s per step, stopping at the first step that '
          'misses a run', flush=True)
    capacities = {
        'nightshift': sweep(sides['nightshift'], NIGHTSHIFT_SWEEP, args.sweep_seconds),
        'apscheduler': sweep(sides['apscheduler'], APSCHEDULER_SWEEP, args.sweep_seconds),
    }
    print()
    print_table(results, capacities)
    print()
    return 0 if print_targets(results, capacities) else 1


if __name__ == '__main__':
    sys.exit(main())
