"""Growth after the warm-up, the goals, and a text plot of a soak's samples."""

import re
from dataclasses import dataclass, field


@dataclass
class Verdict:
    lines: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    plots: list = field(default_factory=list)


def seconds(text):
    value, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text).groups()
    return float(value) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]


def slope_per_hour(rows, key):
    """Least-squares slope of `key` against time, per hour."""
    xs = [r["elapsed_s"] for r in rows]
    ys = [float(r[key]) for r in rows]
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return 0.0 if den == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den * 3600


def mean_lag_ms(first, last):
    starts = last["starts"] - first["starts"]
    return 0.0 if starts <= 0 else (last["lag_s"] - first["lag_s"]) / starts * 1000


def mean_snapshot_ms(first, last):
    count = last["snapshots"] - first["snapshots"]
    return 0.0 if count <= 0 else (last["snapshot_s"] - first["snapshot_s"]) / count * 1000


def analyse(rows, args):
    verdict = Verdict()
    post = [r for r in rows if r["elapsed_s"] >= args.warmup - 0.5]
    if len(post) < 3:
        verdict.failures.append(f"only {len(post)} samples after the warm-up; nothing to compare")
        return verdict
    base, last = post[0], post[-1]
    span = last["elapsed_s"] - base["elapsed_s"]
    # Fault-cycle-long windows at the start and the end of the measured part: fds and lag move with the faults
    # (a refused model drops its connections), so like is compared with like, a whole cycle each.
    first_cycle = [r for r in post if r["elapsed_s"] < base["elapsed_s"] + args.cycle] or post[:1]
    last_cycle = [r for r in post if r["elapsed_s"] > last["elapsed_s"] - args.cycle] or post[-1:]

    rss_growth = (last["rss_mb"] - base["rss_mb"]) / base["rss_mb"] * 100
    fd_growth = min(r["fds"] for r in last_cycle) - min(r["fds"] for r in first_cycle)
    expected_ticks = args.targets * span / seconds(args.interval)
    ticks = (last["probes"] + last["skipped"]) - (base["probes"] + base["skipped"])
    drift = (ticks / expected_ticks - 1) * 100 if expected_ticks else 0
    lag_first = mean_lag_ms(first_cycle[0], first_cycle[-1])
    lag_last = mean_lag_ms(last_cycle[0], last_cycle[-1])
    snap_first = mean_snapshot_ms(first_cycle[0], first_cycle[-1])
    snap_last = mean_snapshot_ms(last_cycle[0], last_cycle[-1])
    skipped_share = (last["skipped"] - base["skipped"]) / ticks * 100 if ticks else 0
    failed_scrapes = sum(1 for r in post if not r["scrape_ok"])

    v = verdict.lines
    v.append(f"measured from {base['elapsed_s']:.0f} s to {last['elapsed_s']:.0f} s ({span / 60:.1f} min after the"
             f" warm-up), {len(rows)} samples")
    v.append(f"RSS            {base['rss_mb']:.1f} -> {last['rss_mb']:.1f} MB: {rss_growth:+.2f}% (goal < "
             f"{args.rss_limit:g}%), trend {slope_per_hour(post, 'rss_mb'):+.2f} MB/h, peak "
             f"{max(r['rss_mb'] for r in rows):.1f} MB")
    v.append(f"open fds       floor {min(r['fds'] for r in first_cycle)} -> {min(r['fds'] for r in last_cycle)}: "
             f"{fd_growth:+d} (goal 0), range {min(r['fds'] for r in post)}-{max(r['fds'] for r in post)}")
    v.append(f"threads        {base['threads']} -> {last['threads']}, range {min(r['threads'] for r in post)}-"
             f"{max(r['threads'] for r in post)}")
    v.append(f"DB size        {base['db_mb']:.1f} -> {last['db_mb']:.1f} MB ({slope_per_hour(post, 'db_mb'):+.1f} MB/h;"
             f" results accumulate until retention prunes them)")
    v.append(f"schedule       {ticks} ticks for {expected_ticks:.0f} due: {drift:+.2f}% (goal within "
             f"+-{args.drift_limit:g}%); {skipped_share:.1f}% skipped (probe past its next tick)")
    v.append(f"start lag      mean {lag_first:.1f} ms in the first cycle, {lag_last:.1f} ms in the last; worst "
             f"{last['max_lag_s'] * 1000:.0f} ms")
    v.append(f"snapshot build mean {snap_first:.2f} ms in the first cycle, {snap_last:.2f} ms in the last")
    v.append(f"probes         {last['probes'] - base['probes']} finished after the warm-up "
             f"({(last['probes'] - base['probes']) / span:.1f}/s); load average {base['load1']} -> {last['load1']}")

    if rss_growth >= args.rss_limit:
        verdict.failures.append(f"RSS grew {rss_growth:.2f}% after the warm-up (goal < {args.rss_limit:g}%)")
    if fd_growth > 0:
        verdict.failures.append(f"open fds grew by {fd_growth} after the warm-up (goal 0)")
    if abs(drift) > args.drift_limit:
        verdict.failures.append(f"schedule drifted {drift:+.2f}% (goal within +-{args.drift_limit:g}%)")
    if lag_last > 2 * lag_first + 20:
        verdict.failures.append(f"probes start later and later: mean lag {lag_first:.1f} -> {lag_last:.1f} ms")
    if failed_scrapes:
        verdict.failures.append(f"/metrics did not answer {failed_scrapes} of {len(post)} scrapes")

    # The first sample is taken as the monitor starts (before it has mapped anything): left out of the plots.
    verdict.plots.append(plot(rows[1:], "rss_mb", "RSS (MB)"))
    verdict.plots.append(plot(rows[1:], "fds", "open fds"))
    return verdict


def plot(rows, key, title, height=8, width=60):
    """A text plot: one column per sample (or per group of samples, their max), time to the right."""
    values = [float(r[key]) for r in rows]
    if len(values) > width:
        size = -(-len(values) // width)
        values = [max(values[i:i + size]) for i in range(0, len(values), size)]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        high = low + 1
    lines = [f"{title}, {rows[0]['elapsed_s']:.0f}-{rows[-1]['elapsed_s']:.0f} s"]
    for level in range(height, 0, -1):
        threshold = low + (high - low) * (level - 0.5) / height
        label = f"{high:8.1f} |" if level == height else "         |"
        lines.append(label + "".join("*" if v >= threshold else " " for v in values))
    lines.append(f"{low:8.1f} +" + "-" * len(values))
    return "\n".join(lines)


def print_report(verdict, args, out):
    print()
    for line in verdict.lines:
        print("  " + line)
    for chart in verdict.plots:
        print()
        print(chart)
    print()
    if verdict.failures:
        for failure in verdict.failures:
            print(f"soak: FAIL: {failure}")
    else:
        print(f"soak: ok, every goal met ({out}/samples.csv)")
