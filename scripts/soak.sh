#!/usr/bin/env bash
# Soaks quantwatch: scripts/soak.sh [--targets 100] [--interval 1s] [--duration 1h] [--smoke] [more: --help]
#
# Runs `quantwatch run --headless --db` against `quantwatch sim` (a separate process) serving one simulated model
# per target, with an incident and faults (latency, queue, 5xx, drift, 429, stall, malformed, reset, refuse)
# cycling through the fleet. Every --sample-every it records the monitor's RSS, open fds, threads, DB size,
# snapshot build time and schedule figures (from /proc and its /metrics) into a CSV, then prints the growth after
# the warm-up, a text plot, and exits 1 when a goal is missed: RSS growth < 5% after the warm-up, no fd growth,
# no schedule drift. --smoke: 2 minutes, 20 targets, samples every 5 s, warm-up and thresholds scaled (CI).
#
# The binary: --bin PATH, else built here with SwiftPM (release for a soak, debug for --smoke; QW_SOAK_SCRATCH
# picks the scratch folder, default .build; QW_SOAK_CONFIG overrides debug/release). Output: --out DIR (default
# .build-soak-out/<time>): samples.csv, fleet.yaml, faults.yaml, the logs and the database.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
smoke=0
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
    --bin) bin="${args[$((i + 1))]:-}" ;;
    --smoke) smoke=1 ;;
    -h | --help) sed -n 2,13p "$0"; exec python3 scripts/soak/soak.py --help ;;
    esac
done
if [ -z "$bin" ]; then
    config="${QW_SOAK_CONFIG:-$([ $smoke -eq 1 ] && echo debug || echo release)}"
    scratch="${QW_SOAK_SCRATCH:-.build}"
    swift build -c "$config" --product quantwatch --scratch-path "$scratch"
    args+=(--bin "$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)/quantwatch")
fi
exec python3 scripts/soak/soak.py "${args[@]}"
