#!/usr/bin/python3
"""Measures Nightshift's durable stores against the raw ceiling of their backends, in one run.

    /usr/bin/python3 bench/run_store_benchmark.py BUILD/bench

Builds nothing: pass the folder that holds a Release bench_store and sqlite_ceiling (or the build
folder above it). Standard library only. It starts and stops its own redis-server on a free
loopback port (`--save '' --appendonly no`) and runs, one process at a time:

- SQLite: `bench_store --append sqlite:...` as fast as it goes, then sqlite_ceiling with the same
  rows in batches of the size the engine's 50 ms timer made (and checks that the two files hold
  the same rows), then a paced `--append` for durability and `--runs` for whole runs;
- Redis: the same `--append` runs, and redis-benchmark with the same XADD pipelined;
- start-up: `bench_store --populate` (not timed), then `bench_store --startup` in fresh processes.

Each Nightshift / ceiling pair runs --rounds times (3), and the round with the median ratio
counts: the machine may be shared. Prints a table with the ratio Nightshift / ceiling and PASS
or FAIL per target. Exits 1 when a
target fails or could not be measured.
"""

import argparse
import datetime
import json
import os
import pathlib
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_FRACTION_OF_CEILING = 0.5
TARGET_DURABLE_MS = 50.0
TARGET_STARTUP_MS = 1000.0
# Nightshift writes every event twice: to its agent's stream and to the fleet's.
XADDS_PER_EVENT = 2
# The redis-benchmark payload: a completed event's, of the mean length bench_store's have.
REDIS_PAYLOAD = ('{"attempts":1,"duration_ms":2800,"result":"' + 'x' * 159 + '","usage":'
                 '{"cost":0.0025,"input_tokens":1000,"output_tokens":300,"requests":1,'
                 '"total_tokens":1300}}')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('build', type=pathlib.Path,
                        help='folder with bench_store and sqlite_ceiling, or the build folder')
    parser.add_argument('--events', type=int, default=1_000_000, help='events appended per side')
    parser.add_argument('--agents', type=int, default=100, help='agents they are spread over')
    parser.add_argument('--rounds', type=int, default=3,
                        help='rounds of each Nightshift / ceiling pair; the median ratio counts')
    parser.add_argument('--rate', type=int, default=10_000,
                        help='events/s of the paced run that measures durability')
    parser.add_argument('--paced-seconds', type=int, default=5)
    parser.add_argument('--run-agents', type=int, default=1000,
                        help='agents of the whole-runs measurement, each running every second')
    parser.add_argument('--run-seconds', type=int, default=10, help='its simulated seconds')
    parser.add_argument('--startup-agents', type=int, default=10_000)
    parser.add_argument('--startup-events', type=int, default=1_000_000)
    parser.add_argument('--startup-runs', type=int, default=3)
    parser.add_argument('--work-dir', type=pathlib.Path, default=None,
                        help='where the database files go (default: a new temporary folder)')
    parser.add_argument('--redis-server', default='redis-server')
    parser.add_argument('--redis-benchmark', default='redis-benchmark')
    return parser.parse_args()


def find_tool(build, name):
    for folder in (build, build / 'bench'):
        if (folder / name).is_file():
            return str((folder / name).resolve())
    sys.exit(f'{name} is not in {build} or {build / "bench"}; build it first')


def machine_description():
    model = 'unknown CPU'
    with open('/proc/cpuinfo', encoding='utf-8') as cpuinfo:
        for line in cpuinfo:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    return (f'{os.cpu_count()} CPUs, {model}, '
            f'{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}')


def busy_cpu_seconds():
    """CPU time all cores together have spent on anything but idling, since boot."""
    with open('/proc/stat', encoding='ascii') as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (
            int(field) for field in stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf('SC_CLK_TCK')


def process_cpu_seconds(pid):
    with open(f'/proc/{pid}/stat', encoding='ascii') as stat:
        fields = stat.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv, label, watch_pid=None):
    """Runs one measurement and returns its last output line with how busy the machine was: the
    load average before it, and the CPU that other processes (not the child, not watch_pid, the
    redis-server) used meanwhile, in % of one core."""
    load = os.getloadavg()[0]
    busy, children, wall = busy_cpu_seconds(), children_cpu_seconds(), time.monotonic()
    watched = process_cpu_seconds(watch_pid) if watch_pid else 0.0
    done = subprocess.run(argv, capture_output=True, text=True, timeout=1800, check=False)
    elapsed = time.monotonic() - wall
    if done.returncode != 0:
        sys.exit(f'{label}: {" ".join(argv)} failed with {done.returncode}:\n'
                 f'{(done.stderr or done.stdout)[-2000:]}')
    watched = process_cpu_seconds(watch_pid) - watched if watch_pid else 0.0
    others = (busy_cpu_seconds() - busy) - (children_cpu_seconds() - children) - watched
    # redis-benchmark redraws its progress with carriage returns; the last line is the result.
    line = re.split(r'[\r\n]', done.stdout.strip())[-1].strip()
    # It also repeats the whole command (300 bytes of payload) before its figures.
    shown = line.rsplit('}}: ', 1)[-1]
    print(f'  {label}: load average before {load:.2f}, other processes '
          f'{100.0 * max(0.0, others) / elapsed:.0f} % of a core\n    {shown}', flush=True)
    return {
        'line': line,
        'loadavg_before': load,
        'others_cpu_percent': 100.0 * max(0.0, others) / elapsed,
        'watched_cpu_percent': 100.0 * watched / elapsed,
        'elapsed_ms': 1000.0 * elapsed,
    }


def measured(argv, label, watch_pid=None):
    outcome = run(argv, label, watch_pid)
    result = json.loads(outcome.pop('line'))
    result.update(outcome)
    return result


def same_rows(first, second, agents, events):
    """Whether two event tables hold the same rows, checked on totals and on every agent's first
    and last row."""
    last = (events - 1) // agents + 1
    query = ('SELECT count(*), sum(length(payload)), sum(seq), sum(timestamp) FROM events; '
             'SELECT agent_id, seq, run_id, type, timestamp, payload FROM events '
             f'WHERE seq IN (1, {last}) ORDER BY agent_id, seq')
    answers = []
    for path in (first, second):
        with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
            answers.append([db.execute(part).fetchall() for part in query.split('; ')])
    return answers[0] == answers[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def redis_command(port, *words):
    """Sends one command and returns its reply: a status line, or a bulk string's text."""
    request = f'*{len(words)}\r\n' + ''.join(f'${len(w.encode())}\r\n{w}\r\n' for w in words)
    with socket.create_connection(('127.0.0.1', port), timeout=5) as connection:
        connection.sendall(request.encode())
        reply = connection.makefile('rb')
        first = reply.readline().decode().strip()
        if first.startswith('$') and int(first[1:]) >= 0:
            return reply.read(int(first[1:])).decode()
        return first


def start_redis(server, folder):
    port = free_port()
    process = subprocess.Popen(
        [server, '--port', str(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
         '--dir', str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if redis_command(port, 'PING') == '+PONG':
                return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    sys.exit(f'{server} did not answer on port {port}')


def redis_ceiling(tool, port, xadds, agents, watch_pid, clients, number):
    command = [tool, '-h', '127.0.0.1', '-p', str(port), '-c', str(clients), '-P', '64',
               '-n', str(xadds), '-r', str(agents), '-q',
               'XADD', 'nightshift:{agent-__rand_int__}:events', 'MAXLEN', '~', '100000', '*',
               'seq', '1', 'agent_id', 'agent-00042',
               'run_id', '0000002a-0000-4000-8000-000000000001',
               'type', 'background_task_completed', 'timestamp', '1767225600000',
               'payload', REDIS_PAYLOAD]
    outcome = run(command, f'round {number}: redis-benchmark -c {clients} -P 64', watch_pid)
    match = re.search(r'([\d.]+) requests per second', outcome['line'])
    if not match:
        sys.exit(f'redis-benchmark said: {outcome["line"]}')
    xadd_rate = float(match.group(1))
    result = dict(outcome, clients=clients, xadds_per_second=xadd_rate,
                  events_per_second=xadd_rate / XADDS_PER_EVENT)
    return result


def append_argv(tools, url, args, rate=None):
    argv = [tools['bench_store'], '--append', url, '--agents', str(args.agents)]
    if rate is None:
        return argv + ['--events', str(args.events)]
    return argv + ['--events', str(rate * args.paced_seconds), '--rate', str(rate)]


def remove_database(folder, name):
    for suffix in ('', '-wal', '-shm', '.lock'):
        (folder / (name + suffix)).unlink(missing_ok=True)


def median_round(rounds):
    """The round whose ratio is the median: the machine is shared, so one round can be lucky or
    unlucky on either side."""
    return sorted(rounds, key=lambda r: r['ratio'])[len(rounds) // 2]


def measure_sqlite(tools, folder, args):
    print('SQLite', flush=True)
    rounds = []
    for number in range(1, args.rounds + 1):
        remove_database(folder, 'nightshift.db')
        remove_database(folder, 'ceiling.db')
        ours = measured(append_argv(tools, f'sqlite:{folder / "nightshift.db"}', args),
                        f'round {number}: bench_store --append sqlite: (as fast as it goes)')
        batch = max(1, round(ours['events_per_commit']))
        ceiling = measured([tools['sqlite_ceiling'], str(folder / 'ceiling.db'),
                            str(args.events), str(args.agents), str(batch)],
                           f'round {number}: sqlite_ceiling, batches of {batch}')
        ceiling['same_rows'] = same_rows(folder / 'nightshift.db', folder / 'ceiling.db',
                                         args.agents, args.events)
        print(f'  same rows in both files: {ceiling["same_rows"]}', flush=True)
        rounds.append({'ours': ours, 'ceiling': ceiling,
                       'ratio': ratio(ours['events_per_second'], ceiling['rows_per_second'])})
    paced = measured(append_argv(tools, f'sqlite:{folder / "paced.db"}', args, args.rate),
                     f'bench_store --append sqlite: at {args.rate:,} events/s')
    runs = measured([tools['bench_store'], '--runs', f'sqlite:{folder / "runs.db"}',
                     '--agents', str(args.run_agents), '--seconds', str(args.run_seconds)],
                    'bench_store --runs sqlite:')
    return dict(median_round(rounds), rounds=rounds, paced=paced, runs=runs,
                same_rows=all(r['ceiling']['same_rows'] for r in rounds))


def measure_redis(tools, folder, args):
    print('Redis', flush=True)
    server, port = start_redis(args.redis_server, folder)
    try:
        url = f'redis://127.0.0.1:{port}/0'
        # openStore() must succeed against a live server before anything is timed.
        probe = subprocess.run([tools['bench_store'], '--append', url, '--events', '1'],
                               capture_output=True, text=True, timeout=60, check=False)
        if probe.returncode != 0:
            lines = (probe.stderr or probe.stdout).strip().splitlines() or ['no output']
            print(f'  not measured: the Redis store does not open: {lines[-1]}', flush=True)
            return {'not_ready': lines[-1]}
        rounds = []
        for number in range(1, args.rounds + 1):
            redis_command(port, 'FLUSHALL')
            ours = measured(append_argv(tools, url, args),
                            f'round {number}: bench_store --append redis: (as fast as it goes)',
                            server.pid)
            ceilings = []
            for clients in (50, 1):
                redis_command(port, 'FLUSHALL')
                ceilings.append(redis_ceiling(args.redis_benchmark, port,
                                              XADDS_PER_EVENT * args.events, args.agents,
                                              server.pid, clients, number))
            ceiling = max(ceilings, key=lambda c: c['events_per_second'])
            rounds.append({'ours': ours, 'ceilings': ceilings, 'ceiling': ceiling,
                           'ratio': ratio(ours['events_per_second'],
                                          ceiling['events_per_second'])})
        redis_command(port, 'FLUSHALL')
        paced = measured(append_argv(tools, url, args, args.rate),
                         f'bench_store --append redis: at {args.rate:,} events/s', server.pid)
        redis_command(port, 'FLUSHALL')
        runs = measured([tools['bench_store'], '--runs', url, '--agents', str(args.run_agents),
                         '--seconds', str(args.run_seconds)], 'bench_store --runs redis:',
                        server.pid)
        version = redis_command(port, 'INFO', 'server')
        return dict(median_round(rounds), rounds=rounds, paced=paced, runs=runs,
                    version=version)
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_startup(tools, folder, args):
    print('Start-up', flush=True)
    url = f'sqlite:{folder / "startup.db"}'
    populated = measured([tools['bench_store'], '--populate', url,
                          '--agents', str(args.startup_agents),
                          '--events', str(args.startup_events)],
                         'bench_store --populate (not timed)')
    runs = [measured([tools['bench_store'], '--startup', url], 'bench_store --startup')
            for _ in range(args.startup_runs)]
    return {'populated': populated, 'runs': runs}


def ratio(ours, theirs):
    return ours / theirs if theirs else 0.0


def durable(result):
    return (f'{result["durable_p50_ms"]:.1f} / {result["durable_p99_ms"]:.1f} / '
            f'{result["durable_max_ms"]:.1f}')


def row(label, ours='', ceiling='', quotient='', load=''):
    print(f'  {label:<50}{ours:>16}{ceiling:>12}{quotient:>8}{load:>14}')


def loads(*results):
    return ' / '.join(f'{r["loadavg_before"]:.2f}' for r in results)


def print_report(sqlite, redis, startup):
    print()
    header = f'  {"":<50}{"Nightshift":>16}{"ceiling":>12}{"ratio":>8}{"load before":>14}'
    print(header)
    print('-' * len(header))
    ours, ceiling, paced = sqlite['ours'], sqlite['ceiling'], sqlite['paced']
    sqlite_ratio = ratio(ours['events_per_second'], ceiling['rows_per_second'])
    print(f'SQLite {ceiling["sqlite_version"]}: {ours["events"]:,} events over '
          f'{ours["agents"]} agents (load: Nightshift / ceiling)')
    row('events/s, as fast as it goes (median round)', f'{ours["events_per_second"]:,.0f}',
        f'{ceiling["rows_per_second"]:,.0f}', f'{sqlite_ratio:.3f}', loads(ours, ceiling))
    row('  ratio in each round', ', '.join(f'{r["ratio"]:.3f}' for r in sqlite['rounds']))
    row('events per CPU-second', f'{ours["events_per_cpu_second"]:,.0f}',
        f'{ceiling["rows_per_cpu_second"]:,.0f}',
        f'{ratio(ours["events_per_cpu_second"], ceiling["rows_per_cpu_second"]):.3f}')
    row('events per commit', f'{ours["events_per_commit"]:,.0f}', f'{ceiling["batch"]:,}')
    row('append to commit p50 / p99 / max (ms)', durable(ours))
    row(f'  the same at {paced["rate"]:,.0f} events/s', durable(paced), '', '', loads(paced))
    runs = sqlite['runs']
    row(f'whole runs/s through the service ({runs["agents"]:,} agents)',
        f'{runs["runs_per_second"]:,.0f}', '', '', loads(runs))

    if 'not_ready' in redis:
        print(f'Redis: not measured: backend not ready ({redis["not_ready"]})')
    else:
        ours, ceiling, paced = redis['ours'], redis['ceiling'], redis['paced']
        redis_ratio = ratio(ours['events_per_second'], ceiling['events_per_second'])
        version = re.search(r'redis_version:(\S+)', redis['version'])
        print(f'Redis {version.group(1) if version else ""}: {ours["events"]:,} events over '
              f'{ours["agents"]} agents; each event is {XADDS_PER_EVENT} XADDs, so the ceiling '
              f'is XADD/s / {XADDS_PER_EVENT}')
        for detail in redis['ceilings']:
            row(f'redis-benchmark -c {detail["clients"]} -P 64, XADD/s', '',
                f'{detail["xadds_per_second"]:,.0f}', '', loads(detail))
        row('events/s, as fast as it goes (median round)', f'{ours["events_per_second"]:,.0f}',
            f'{ceiling["events_per_second"]:,.0f}', f'{redis_ratio:.3f}', loads(ours))
        row('  ratio in each round', ', '.join(f'{r["ratio"]:.3f}' for r in redis['rounds']))
        row('events per CPU-second (Nightshift process)',
            f'{ours["events_per_cpu_second"]:,.0f}')
        row('redis-server CPU, % of a core', f'{ours["watched_cpu_percent"]:.0f}',
            f'{ceiling["watched_cpu_percent"]:.0f}')
        row('append to acknowledged p50 / p99 / max (ms)', durable(ours))
        row(f'  the same at {paced["rate"]:,.0f} events/s', durable(paced), '', '', loads(paced))
        runs = redis['runs']
        row(f'whole runs/s through the service ({runs["agents"]:,} agents)',
            f'{runs["runs_per_second"]:,.0f}', '', '', loads(runs))

    times = [run['startup_ms'] for run in startup['runs']]
    median = statistics.median(times)
    populated = startup['populated']
    print(f'Start-up: {populated["agents"]:,} started agents, {populated["events"]:,} stored '
          f'events, SQLite')
    row('main() to running scheduler, each run (ms)', ', '.join(f'{t:.0f}' for t in times), '',
        '', loads(*startup['runs']))
    row('  median (ms)', f'{median:.0f}')
    row('exec to exit, median (ms)',
        f'{statistics.median(run["elapsed_ms"] for run in startup["runs"]):.0f}')

    sqlite_paced = sqlite['paced']
    targets = [
        ('SQLite events/s >= 1/2 of the ceiling', sqlite_ratio >= TARGET_FRACTION_OF_CEILING,
         f'{sqlite_ratio:.3f}'),
        (f'SQLite durable <= {TARGET_DURABLE_MS:g} ms (max, {sqlite_paced["rate"]:,.0f}/s)',
         sqlite_paced['durable_max_ms'] <= TARGET_DURABLE_MS,
         f'{sqlite_paced["durable_max_ms"]:.1f} ms'),
    ]
    if 'not_ready' in redis:
        targets += [('Redis events/s >= 1/2 of the ceiling', None, 'not measured'),
                    (f'Redis durable <= {TARGET_DURABLE_MS:g} ms', None, 'not measured')]
    else:
        redis_paced = redis['paced']
        targets += [
            ('Redis events/s >= 1/2 of the ceiling', redis_ratio >= TARGET_FRACTION_OF_CEILING,
             f'{redis_ratio:.3f}'),
            (f'Redis durable <= {TARGET_DURABLE_MS:g} ms (max, {redis_paced["rate"]:,.0f}/s)',
             redis_paced['durable_max_ms'] <= TARGET_DURABLE_MS,
             f'{redis_paced["durable_max_ms"]:.1f} ms'),
        ]
    targets += [
        (f'start-up < {TARGET_STARTUP_MS:g} ms (median of {len(times)})',
         median < TARGET_STARTUP_MS, f'{median:.0f} ms'),
        ('the ceiling wrote the same rows as Nightshift', sqlite['same_rows'],
         str(sqlite['same_rows'])),
    ]
    print()
    print('Targets')
    for label, passed, value in targets:
        verdict = 'N/A ' if passed is None else 'PASS' if passed else 'FAIL'
        print(f'  {verdict}  {label:<52} {value}')
    return all(passed for _, passed, _ in targets)


def main():
    args = parse_args()
    tools = {name: find_tool(args.build, name) for name in ('bench_store', 'sqlite_ceiling')}
    for name in (args.redis_server, args.redis_benchmark):
        if not shutil.which(name):
            sys.exit(f'{name} is not installed')
    folder = args.work_dir or pathlib.Path(tempfile.mkdtemp(prefix='nightshift-store-bench-'))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in ('nightshift.db', 'ceiling.db', 'paced.db', 'runs.db', 'startup.db'):
        remove_database(folder, stale)
    print(f'Machine: {machine_description()}; files in {folder}', flush=True)
    try:
        sqlite = measure_sqlite(tools, folder, args)
        redis = measure_redis(tools, folder, args)
        startup = measure_startup(tools, folder, args)
    finally:
        if args.work_dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if print_report(sqlite, redis, startup) else 1


if __name__ == '__main__':
    sys.exit(main())
