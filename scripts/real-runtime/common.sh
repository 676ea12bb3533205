# Shared settings for the real-runtime scripts; sourced, never run.
# Everything slow (sdist, build, venv, quantized models) lives under one cache folder keyed by version.

LCPP_PY_VERSION="${LCPP_PY_VERSION:-0.3.36}"
RR_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RR_REPO="$(cd "$RR_SCRIPTS/../.." && pwd)"
RR_FIXTURE="$RR_REPO/fixtures/tiny-model"
RR_CACHE_ROOT="${QUANTWATCH_CACHE:-$HOME/.cache/quantwatch}/real-runtime"
RR_KEY="lcpp-py-$LCPP_PY_VERSION"
RR_CACHE="$RR_CACHE_ROOT/$RR_KEY"
RR_BIN="$RR_CACHE/bin"
RR_VENV="$RR_CACHE_ROOT/venv-py$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
RR_MODELS="$RR_CACHE/models"
RR_RUN="$RR_CACHE/run"
RR_PRECISIONS=(F16 Q8_0 Q4_K_M Q4_0)

# Loopback port of each precision's server (overridable: QW_PORT_F16, QW_PORT_Q8_0, QW_PORT_Q4_K_M, QW_PORT_Q4_0).
rr_port() {
    case "$1" in
        F16) echo "${QW_PORT_F16:-18080}" ;;
        Q8_0) echo "${QW_PORT_Q8_0:-18081}" ;;
        Q4_K_M) echo "${QW_PORT_Q4_K_M:-18082}" ;;
        Q4_0) echo "${QW_PORT_Q4_0:-18083}" ;;
        *) echo "unknown precision: $1" >&2; return 1 ;;
    esac
}

rr_now() { date +%s.%N; }
rr_elapsed() { awk -v a="$1" -v b="$(rr_now)" 'BEGIN { printf "%.1f", b - a }'; }
rr_log() { printf '[real-runtime] %s\n' "$*" >&2; }
