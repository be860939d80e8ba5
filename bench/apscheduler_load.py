#!/usr/bin/python3
"""APScheduler 3 side of the scheduler benchmark.

Same command line and same JSON line as bench_scheduler (the Nightshift side), so that
run_scheduler_comparison.py can put the two next to each other. Needs APScheduler 3
(Debian: python3-apscheduler, which /usr/bin/python3 sees).

The scheduler is a BackgroundScheduler with its default settings: memory job store, a thread pool
of 10 workers, misfire_grace_time 1 s, coalesce off, max_instances 1. Jobs are added the usual
way, add_job(func, 'interval', seconds=1, start_date=...).

How a run's scheduled time reaches the measurement: APScheduler does not pass a job its own
scheduled time. Deriving it in the job as start_date + n * interval would need n, and rounding
the elapsed time to find n goes wrong exactly when runs are late, which is what is measured. So
the job returns time.time() at its start, and an EVENT_JOB_EXECUTED listener subtracts the
event's scheduled_run_time: the time APScheduler itself held as due. The listener runs after the
job, so it is not inside the lateness it reports; its few microseconds per run do count in the
process's CPU, as recording a sample does on the Nightshift side.

Missed runs are counted by comparing: runs due in the window minus runs that started no more
than 1 s late. APScheduler drops a run silently past misfire_grace_time (EVENT_JOB_MISSED) or when
the previous run of the same job is still queued (EVENT_JOB_MAX_INSTANCES); both are counted from
their events too, to show why runs went missing.
"""

import argparse
import json
import math
import os
import resource
import time
from array import array
from datetime import datetime, timedelta, timezone

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.schedulers.background import BackgroundScheduler

INTERVAL_S = 1
INTERVAL_US = INTERVAL_S * 1_000_000
# The line between late and missed, for both sides: APScheduler's default misfire_grace_time.
MISSED_AFTER_US = 1_000_000
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def job():
    return time.time()


def parse_args():
    parser = argparse.ArgumentParser(
        description='Runs N jobs on a 1 s interval through an APScheduler 3 BackgroundScheduler '
        'and prints one JSON line.')
    parser.add_argument('--load', choices=('spread', 'aligned'), default='spread')
    parser.add_argument('--jobs', type=int, default=10_000)
    parser.add_argument('--seconds', type=int, default=30)
    args = parser.parse_args()
    if args.jobs < 1 or args.seconds < 1:
        parser.error('--jobs and --seconds must be positive')
    return args


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mib():
    # VmHWM rather than getrusage's ru_maxrss: Linux keeps ru_maxrss across execve, so a process
    # started by a larger one (the driver) would report its parent's peak instead.
    with open('/proc/self/status', encoding='ascii') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024.0  # kB
    return 0.0


def sleep_until(wall_us):
    delay = wall_us / 1e6 - time.time()
    if delay > 0:
        time.sleep(delay)


def percentile_ms(sorted_us, fraction):
    if not sorted_us:
        return 0.0
    # Nearest rank, the same definition bench_scheduler.cpp uses.
    rank = max(1, math.ceil(fraction * len(sorted_us)))
    return sorted_us[rank - 1] / 1000.0


def main():
    args = parse_args()
    scheduler = BackgroundScheduler()

    # Adding a job costs about 25 us here; allowing 50 us per job keeps setting up from being
    # measured as lateness of the first runs. Due times are whole microseconds, APScheduler's
    # resolution, so that comparing them with the window is exact.
    first_due = (round(time.time() * 1000) + 1000 + args.jobs // 20) * 1000
    window_end = first_due + args.seconds * INTERVAL_US

    def first_due_of(index):
        if args.load == 'aligned':
            return first_due
        return first_due + index * INTERVAL_US // args.jobs

    lateness_us = array('q')
    missed_by_grace = []
    skipped_by_max_instances = []

    def on_event(event):
        if event.code == EVENT_JOB_EXECUTED:
            scheduled = round(event.scheduled_run_time.timestamp() * 1e6)
            if scheduled < window_end:
                lateness_us.append(round(event.retval * 1e6) - scheduled)
        elif event.code == EVENT_JOB_MISSED:
            scheduled = round(event.scheduled_run_time.timestamp() * 1e6)
            if scheduled < window_end:
                missed_by_grace.append(scheduled)
        else:
            skipped_by_max_instances.extend(
                t for t in (round(s.timestamp() * 1e6) for s in event.scheduled_run_times)
                if t < window_end)

    scheduler.add_listener(on_event,
                           EVENT_JOB_EXECUTED | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    # Ids in due order keep the memory store's sorted inserts cheap while setting up.
    for index in range(args.jobs):
        start_date = EPOCH + timedelta(microseconds=first_due_of(index))
        scheduler.add_job(job, 'interval', seconds=INTERVAL_S, id=f'job{index:08d}',
                          start_date=start_date)
    scheduler.start()

    # The main thread only sleeps, so sampling here, not in a scheduler thread, keeps the window
    # exact however busy the scheduler is.
    sleep_until(first_due)
    cpu_start, wall_start = cpu_seconds(), time.monotonic()
    sleep_until(window_end)
    cpu_end, wall_end = cpu_seconds(), time.monotonic()
    # Runs due just before the window closes may still start up to 1 s late and count as done.
    sleep_until(window_end + MISSED_AFTER_US + 100_000)

    samples = sorted(lateness_us)
    due = sum(math.ceil((window_end - first_due_of(i)) / INTERVAL_US) for i in range(args.jobs))
    ran_too_late = sum(1 for us in samples if us > MISSED_AFTER_US)
    wall = wall_end - wall_start
    result = {
        'impl': 'apscheduler',
        'load': args.load,
        'jobs': args.jobs,
        'seconds': args.seconds,
        'dispatch_rate_per_s': args.jobs / INTERVAL_S,
        'due': due,
        'ran': len(samples),
        'ran_over_1s_late': ran_too_late,
        'missed': due - len(samples) + ran_too_late,
        'missed_by_grace_time': len(missed_by_grace),
        'skipped_by_max_instances': len(skipped_by_max_instances),
        'p50_ms': percentile_ms(samples, 0.50),
        'p99_ms': percentile_ms(samples, 0.99),
        'max_ms': samples[-1] / 1000.0 if samples else 0.0,
        'cpu_percent': 100.0 * (cpu_end - cpu_start) / wall,
        'wall_s': wall,
        'peak_rss_mib': peak_rss_mib(),
    }
    print(json.dumps(result, sort_keys=True), flush=True)
    # An overloaded scheduler thread can spend seconds in one pass over its due jobs, and
    # shutdown() would join it; the numbers are out, so leave without waiting.
    os._exit(0)


if __name__ == '__main__':
    main()
