#!/usr/bin/env bash
# Stops the llama-servers that serve.sh started (by their pid files). Idempotent: no pid file, nothing to do.
set -euo pipefail
source "$(dirname "$0")/common.sh"

shopt -s nullglob
for pid_file in "$RR_RUN"/llama-server-*.pid; do
    pid=$(cat "$pid_file")
    name=$(basename "$pid_file" .pid)
    # Only a process that still is a llama-server: a stale pid may have been reused by something else.
    if kill -0 "$pid" 2>/dev/null && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == llama-server* ]]; then
        kill "$pid"
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        rr_log "stopped $name (pid $pid)"
    fi
    rm -f "$pid_file"
done
