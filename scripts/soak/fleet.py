"""The soak's fleet file and fault timeline, written as the YAML quantwatch reads."""

import math

DIALECTS = ["llamacpp", "openai", "ollama", "anthropic"]
LABELS = {"fp16": "F16", "q8_0": "Q8_0", "q4_k_m": "Q4_K_M", "q4_0": "Q4_0"}

# One cycle of the incident and the faults, as (start, end) shares of the cycle, the residue of the models it hits
# (model index + cycle number, mod 10; None: every model) and the fault. The demo's incident (a latency regression,
# a runtime queue, a 5xx blip, drift, 429s) and the fault matrix's faults, each on other models every cycle.
CYCLE = [
    (0.05, 0.45, 1, "latency: {add: 1s, share: 0.5}"),
    (0.15, 0.45, 3, "queue: {depth: 6, wait: 800ms}"),
    (0.30, 0.40, 2, "errors: {share: 0.3, status: 503}"),
    (0.40, 0.90, 3, "accuracy_drop: {category: math, points: 40}"),
    (0.50, 0.70, 4, "rate_limit: {share: 0.6, retry_after: 1s}"),
    (0.60, 0.70, None, "stall: {share: 0.05, after_tokens: 3}"),
    (0.70, 0.80, None, "malformed: {share: 0.1}"),
    (0.80, 0.85, None, "reset: {share: 0.1, after_tokens: 2}"),
    (0.85, 0.95, 5, "refuse: true"),
    (0.90, 0.95, None, "latency: {multiply: 3}"),
]


def write_faults(path, model_ids, cycle_seconds, duration_seconds):
    """Repeats CYCLE over the whole soak (the fault script has no repeat of its own: its times are absolute)."""
    lines = ["# Written by scripts/soak.sh: the incident and faults, cycling; times from the simulator's start.",
             "faults:"]
    for number in range(math.ceil(duration_seconds / cycle_seconds) + 1):
        origin = number * cycle_seconds
        for start, end, residue, fault in CYCLE:
            at = f"{int((origin + start * cycle_seconds) * 1000)}ms"
            length = f"{max(1, int((end - start) * cycle_seconds * 1000))}ms"
            hit = [m for i, m in enumerate(model_ids) if residue is None or (i + number) % 10 == residue]
            for model in ([None] if residue is None else hit):
                target = f", model: {model}" if model else ""
                lines.append(f"  - {{at: {at}, for: {length}{target}, {fault}}}")
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


def write_fleet(path, model_ids, ports, profiles, interval, suites):
    """One target per simulated model, the four dialects in turn, each group of four against its FP16."""
    lines = [
        "# Written by scripts/soak.sh: one target per simulated model.",
        f"interval: {interval}",
        "timeouts: {connect: 2s, read_idle: 3s, total: 10s}",
        "retries: {max: 1, base_delay: 100ms, max_delay: 1s}",
        # A permit per target: the soak measures the monitor over time, not a queue in front of it.
        f"concurrency: {len(model_ids)}",
        "seed: 42",
        "top_logprobs: 5",
        "suites:",
        *[f"  - {suite}" for suite in suites],
        "alerts:",
        "  p99_ms: 2000",
        "  error_rate: 0.05",
        "targets:",
    ]
    for i, model in enumerate(model_ids):
        profile = profiles[i % len(profiles)]
        lines += [
            f"  - id: {model}",
            f"    backend: {DIALECTS[i % len(DIALECTS)]}",
            f"    url: http://127.0.0.1:{ports[model]}",
            f"    model: {model}",
            f"    quant: {LABELS[profile]}",
        ]
        if i % len(profiles) != 0:
            lines.append(f"    baseline: {model_ids[i - i % len(profiles)]}")
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path
