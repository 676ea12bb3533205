#!/usr/bin/env bash
# Starts one llama-server per precision of the tiny model on loopback, waits until each is healthy, prints URLs.
#
#   scripts/real-runtime/serve.sh            # all of F16 Q8_0 Q4_K_M Q4_0
#   scripts/real-runtime/serve.sh F16 Q4_0   # only these
#
# Ports: QW_PORT_F16 (18080), QW_PORT_Q8_0 (18081), QW_PORT_Q4_K_M (18082), QW_PORT_Q4_0 (18083).
# QW_SERVE_WAIT: seconds to wait for /health (default 60). Pid files and logs: $RR_RUN (see common.sh).
# Run setup.sh first; stop.sh stops them.
set -euo pipefail
source "$(dirname "$0")/common.sh"

model_dir="$RR_MODELS/current"
if [[ ! -x "$RR_BIN/llama-server" || ! -e "$model_dir/tiny-F16.gguf" ]]; then
    echo "serve.sh: no llama-server or model under $RR_CACHE: run scripts/real-runtime/setup.sh first" >&2
    exit 1
fi
precisions=("$@")
[[ ${#precisions[@]} -gt 0 ]] || precisions=("${RR_PRECISIONS[@]}")
mkdir -p "$RR_RUN"

health_ok() { python3 - "$1" <<'EOF'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/health", timeout=2) as r:
        sys.exit(0 if json.load(r).get("status") == "ok" else 1)
except Exception:
    sys.exit(1)
EOF
}

for quant in "${precisions[@]}"; do
    port=$(rr_port "$quant")
    pid_file="$RR_RUN/llama-server-$quant.pid"
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        rr_log "$quant already running (pid $(cat "$pid_file"))"
        continue
    fi
    model="$model_dir/tiny-$quant.gguf"
    [[ -f "$model" ]] || { echo "serve.sh: $model missing: run setup.sh" >&2; exit 1; }
    # --slots for /slots, --metrics for /metrics; one thread each: four servers share two cores.
    nohup "$RR_BIN/llama-server" -m "$model" --host 127.0.0.1 --port "$port" --alias "tiny-$quant" \
        --metrics --no-webui --seed 42 -c 512 -t 1 --slots >"$RR_RUN/llama-server-$quant.log" 2>&1 &
    echo $! >"$pid_file"
done

deadline=$(( $(date +%s) + ${QW_SERVE_WAIT:-60} ))
for quant in "${precisions[@]}"; do
    url="http://127.0.0.1:$(rr_port "$quant")"
    pid_file="$RR_RUN/llama-server-$quant.pid"
    until health_ok "$url"; do
        if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
            echo "serve.sh: llama-server $quant exited; last lines of $RR_RUN/llama-server-$quant.log:" >&2
            tail -15 "$RR_RUN/llama-server-$quant.log" >&2
            exit 1
        fi
        if (( $(date +%s) >= deadline )); then
            echo "serve.sh: $quant not healthy at $url within ${QW_SERVE_WAIT:-60} s" >&2
            exit 1
        fi
        sleep 0.2
    done
    printf '%-7s %s  (pid %s)\n' "$quant" "$url" "$(cat "$pid_file")"
done
