#!/usr/bin/env python3
"""Measures the CPU a running dashboard uses while nobody touches it.

Starts the given quantwatch command in a detached tmux session (120x40, a real terminal), lets it warm up,
then reads the process's user+system CPU time from /proc over a sampling period and prints it as a share of
one core.

    scripts/measure-idle-cpu.py --warmup 10 --seconds 60 -- .build/release/quantwatch run --config F
"""

import argparse
import os
import subprocess
import sys
import time
import uuid


def tmux(*arguments: str) -> str:
    return subprocess.run(["tmux", *arguments], check=True, capture_output=True, text=True).stdout


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warmup", type=float, default=10, help="seconds before sampling starts")
    parser.add_argument("--seconds", type=float, default=60, help="sampling period")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command to run")
    options = parser.parse_args()
    command = [part for part in options.command if part != "--"]
    if not command:
        parser.error("give the command after --")

    session = f"qwcpu-{uuid.uuid4().hex[:8]}"
    quoted = " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
         f"env TERM=xterm-256color bash --norc --noprofile -c \"exec {quoted}\"")
    try:
        pane = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()
        pid = int(pane)  # exec: the pane's process is the command itself
        time.sleep(options.warmup)
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        time.sleep(options.seconds)
        used, elapsed = cpu_seconds(pid) - start_cpu, time.monotonic() - start
        print(f"{used / elapsed * 100:.2f}% of one core over {elapsed:.0f} s ({used:.2f} s CPU) after a "
              f"{options.warmup:.0f} s warm-up: {' '.join(command)}")
        print("last screen:")
        print(tmux("capture-pane", "-p", "-t", session))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


if __name__ == "__main__":
    main()
