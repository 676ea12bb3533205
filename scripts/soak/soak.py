#!/usr/bin/env python3
"""Soak driver behind scripts/soak.sh: a simulator, a headless monitor against it, samples, growth, verdict.

Standard library only (it runs on a fresh CI machine). Exit 0: every goal met; 1: a goal missed; 2: the soak
could not run (a process died, the simulator did not start).
"""

import argparse
import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from fleet import write_faults, write_fleet
from report import analyse, print_report

PROFILES = ["fp16", "q8_0", "q4_k_m", "q4_0"]
COLUMNS = [
    "elapsed_s", "rss_mb", "fds", "threads", "db_mb", "probes", "skipped", "starts", "lag_s", "max_lag_s",
    "snapshots", "snapshot_s", "last_snapshot_ms", "scrape_ok", "sim_rss_mb", "load1",
]


class SoakError(Exception):
    """The soak could not run (exit 2), as opposed to a goal missed (exit 1)."""


def duration(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a duration (expected e.g. 500ms, 1s, 10m, 1h)")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]


def parse_args():
    parser = argparse.ArgumentParser(prog="scripts/soak.sh", description="Soak quantwatch run against quantwatch sim.")
    parser.add_argument("--targets", type=int, help="simulated targets, one model each (default 100; smoke 20)")
    parser.add_argument("--interval", help="probe interval of every target (default 1s)")
    parser.add_argument("--duration", type=duration, help="length of the soak (default 1h; smoke 2m)")
    parser.add_argument("--warmup", type=duration, help="growth counts from here (default 10m; smoke 40s)")
    parser.add_argument("--sample-every", type=duration, help="sampling period (default 1m; smoke 5s)")
    parser.add_argument("--cycle", type=duration, help="length of one fault cycle (default 10m; smoke 40s)")
    parser.add_argument("--speed", type=float, default=4, help="simulator speed factor (default 4)")
    parser.add_argument("--rss-limit", type=float, help="max RSS growth after warm-up, %% (default 5; smoke 15)")
    parser.add_argument("--drift-limit", type=float, help="max schedule drift, %% (default 2; smoke 5)")
    parser.add_argument("--smoke", action="store_true", help="2-minute smoke with scaled warm-up and thresholds")
    parser.add_argument("--bin", required=True, help="the quantwatch binary")
    parser.add_argument("--out", help="output folder (default .build-soak-out/<time>)")
    args = parser.parse_args()
    defaults = (
        dict(targets=20, interval="1s", duration=120, warmup=40, sample_every=5, cycle=40, rss_limit=15, drift_limit=5)
        if args.smoke
        else dict(targets=100, interval="1s", duration=3600, warmup=600, sample_every=60, cycle=600, rss_limit=5,
                  drift_limit=2)
    )
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    duration(args.interval)
    if args.targets < 1 or args.warmup >= args.duration:
        parser.error("need at least one target and a warm-up shorter than the soak")
    return args


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_sim(sim, log_path, model_ids, limit=120):
    """The port of every model, from the table `quantwatch sim` prints once its servers listen."""
    deadline = time.time() + limit
    while time.time() < deadline:
        if sim.poll() is not None:
            raise SoakError(f"soak: quantwatch sim exited with {sim.returncode}; see {log_path}")
        with open(log_path, encoding="utf-8", errors="replace") as log:
            text = log.read()
        if "canaries recognised" in text:
            ports = {}
            for line in text.splitlines():
                words = line.split()
                if words and words[0] in model_ids:
                    url = next((w for w in words if w.startswith("http://")), None)
                    if url:
                        ports[words[0]] = int(re.match(r"http://[^/:]+:(\d+)", url).group(1))
            missing = [m for m in model_ids if m not in ports]
            if missing:
                raise SoakError(f"soak: no port for {missing[:3]} in {log_path}")
            return ports
        time.sleep(0.5)
    raise SoakError(f"soak: quantwatch sim did not start within {limit} s; see {log_path}")


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return float(fields["VmRSS"][0]) / 1024, int(fields["Threads"][0])


def scrape(port):
    """Sums of the families the soak watches, over all their series."""
    sums = {}
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=20) as response:
        for raw in response.read().decode().splitlines():
            if not raw or raw.startswith("#"):
                continue
            name = raw.split("{", 1)[0].split(" ", 1)[0]
            sums[name] = sums.get(name, 0.0) + float(raw.rsplit(" ", 1)[1])
    return sums


def sample(run, sim, db, metrics_port, started):
    rss, threads = proc_status(run.pid)
    fds = len(os.listdir(f"/proc/{run.pid}/fd"))
    db_bytes = sum(os.path.getsize(db + suffix) for suffix in ("", "-wal", "-shm") if os.path.exists(db + suffix))
    try:
        m = scrape(metrics_port)
        ok = 1
    except OSError:
        m, ok = {}, 0
    return dict(
        elapsed_s=round(time.time() - started, 1), rss_mb=round(rss, 2), fds=fds, threads=threads,
        db_mb=round(db_bytes / 1e6, 3),
        probes=int(m.get("quantwatch_requests_total", 0)),
        skipped=int(m.get("quantwatch_probe_skipped_ticks_total", 0)),
        starts=int(m.get("quantwatch_self_probe_starts_total", 0)),
        lag_s=round(m.get("quantwatch_self_schedule_lag_seconds_total", 0), 4),
        max_lag_s=round(m.get("quantwatch_self_max_schedule_lag_seconds", 0), 4),
        snapshots=int(m.get("quantwatch_self_snapshots_total", 0)),
        snapshot_s=round(m.get("quantwatch_self_snapshot_build_seconds_total", 0), 5),
        last_snapshot_ms=round(m.get("quantwatch_self_last_snapshot_build_seconds", 0) * 1000, 3),
        scrape_ok=ok, sim_rss_mb=round(proc_status(sim.pid)[0], 2),
        load1=open("/proc/loadavg").read().split()[0],
    )


def stop(process, name, limit=30):
    """SIGTERM, then the exit status (None if it had to be killed)."""
    if process.poll() is not None:
        return process.returncode
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        print(f"soak: {name} ignored SIGTERM for {limit} s; killed", file=sys.stderr)
        process.kill()
        process.wait()
        return None


def main():
    args = parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    out = os.path.abspath(args.out or os.path.join(
        root, ".build-soak-out", datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ("-smoke" if args.smoke else "")))
    os.makedirs(out, exist_ok=True)
    model_ids = [f"m{i:03d}" for i in range(args.targets)]
    suites = [os.path.join(root, "samples", "canaries", name) for name in ("general.yaml", "math.yaml")]
    faults = write_faults(os.path.join(out, "faults.yaml"), model_ids, args.cycle, args.duration)
    sim_log = os.path.join(out, "sim.log")
    sim_command = [args.bin, "sim", "--models", ",".join(f"{m}={PROFILES[i % 4]}" for i, m in enumerate(model_ids)),
                   "--faults", faults, "--speed", str(args.speed)]
    for suite in suites:
        sim_command += ["--suite", suite]
    with open(sim_log, "w") as log:
        sim = subprocess.Popen(sim_command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    run = None
    try:
        ports = wait_for_sim(sim, sim_log, model_ids)
        fleet = write_fleet(os.path.join(out, "fleet.yaml"), model_ids, ports, PROFILES, args.interval, suites)
        db = os.path.join(out, "soak.db")
        metrics_port = free_port()
        run_log = os.path.join(out, "run.stderr.log")
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(out, "state"))
        with open(run_log, "w") as log:
            run = subprocess.Popen(
                [args.bin, "run", "--config", fleet, "--headless", "--db", db, "--metrics-addr",
                 f"127.0.0.1:{metrics_port}", "--summary-every", "60s"],
                stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL, env=env)
        started = time.time()
        print(f"soak: {args.targets} targets every {args.interval}, {args.duration:.0f} s (warm-up {args.warmup:.0f} s,"
              f" fault cycle {args.cycle:.0f} s), sampling every {args.sample_every:g} s into {out}/samples.csv",
              flush=True)
        rows = []
        with open(os.path.join(out, "samples.csv"), "w") as csv:
            csv.write(",".join(COLUMNS) + "\n")
            k = 0
            while True:
                due = started + k * args.sample_every
                if due > started + args.duration + 0.01:
                    break
                time.sleep(max(0, due - time.time()))
                for process, name, log in ((run, "quantwatch run", run_log), (sim, "quantwatch sim", sim_log)):
                    if process.poll() is not None:
                        raise SoakError(f"soak: {name} exited with {process.returncode} at "
                                         f"{time.time() - started:.0f} s; see {log}")
                row = sample(run, sim, db, metrics_port, started)
                rows.append(row)
                csv.write(",".join(str(row[c]) for c in COLUMNS) + "\n")
                csv.flush()
                if args.smoke or k % 5 == 0:
                    print(f"  {row['elapsed_s']:7.0f} s  rss {row['rss_mb']:7.1f} MB  fds {row['fds']:4d}  threads"
                          f" {row['threads']:3d}  db {row['db_mb']:8.2f} MB  probes {row['probes']:8d}  load"
                          f" {row['load1']}", flush=True)
                k += 1
        status = stop(run, "quantwatch run")
        run = None
        verdict = analyse(rows, args)
        if status != 0:
            verdict.failures.append(f"quantwatch run exited with {status} on SIGTERM (expected 0)")
        print_report(verdict, args, out)
        return 1 if verdict.failures else 0
    finally:
        if run is not None:
            stop(run, "quantwatch run")
        stop(sim, "quantwatch sim")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SoakError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
