#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs the Debian packages the tests need when it can, then
# `swift build --build-tests && swift test --no-parallel`. Extra arguments go to `swift test` (e.g. --filter Theme).
#
# Needs: libncurses-dev (the dashboard's terminal), libsqlite3-dev (the result store), tmux (the dashboard's
# end-to-end tests) and prometheus (the scrape tests start their own server on a free port).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

packages=(libncurses-dev libsqlite3-dev tmux prometheus)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/test.sh: missing Debian packages: ${missing[*]}" >&2
        echo "install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    echo "scripts/test.sh: installing ${missing[*]}" >&2
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's prometheus package starts a daemon on :9090 (as user prometheus, pid file under /run/prometheus);
# the tests start their own on free ports. Only that daemon is stopped: the tests' servers run as this user.
# Under systemd there is no pid file; the daemon is still the one running as that user.
daemons=$(cat /run/prometheus/prometheus.pid 2>/dev/null || true)
daemons+=" $(pgrep -x -u prometheus prometheus 2>/dev/null || true)"
for daemon in $daemons; do
    if [ "$(ps -o user= -p "$daemon" 2>/dev/null | tr -d ' ')" = "prometheus" ]; then
        kill "$daemon" 2>/dev/null || true
    fi
done

# Build options among the arguments (--scratch-path, -c/--configuration) go to the build as well, so both steps
# use one build folder.
build_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --scratch-path | -c | --configuration) build_args+=("${args[i]}" "${args[i + 1]:-}") ;;
        --scratch-path=* | --configuration=*) build_args+=("${args[i]}") ;;
    esac
done

# One test at a time: Swift Testing otherwise starts every test at once, and on 2 cores hundreds of debug-build
# tests share the two cooperative threads, so loopback probes wait 10 s or more and time out (CI failed that way).
# Serial, the suite takes about 7 minutes and no test waits behind another. `--parallel` among the arguments
# overrides it for a quick local run on a bigger machine.
parallel=(--no-parallel)
for arg in "$@"; do
    [ "$arg" = "--parallel" ] && parallel=()
done

swift build --build-tests "${build_args[@]}"
swift test "${parallel[@]}" "$@"
