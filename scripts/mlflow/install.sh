#!/usr/bin/env bash
# Installs MLflow (PyPI) into a cached venv and prints the path of its `mlflow` executable. Idempotent: a second
# run finds the venv and takes a second. Used by .ci/run and by the MLflow test (QUANTWATCH_MLFLOW).
#
# Environment: QUANTWATCH_CACHE (default ~/.cache/quantwatch), MLFLOW_VERSION (default 3.17.2: the newest whose mlflow-skinny the index has).
set -euo pipefail
version="${MLFLOW_VERSION:-3.17.2}"
venv="${QUANTWATCH_CACHE:-$HOME/.cache/quantwatch}/mlflow-venv-$version"
if [[ ! -x "$venv/bin/mlflow" ]] || ! "$venv/bin/python" -c 'import mlflow.server' 2>/dev/null; then
    start=$(date +%s)
    rm -rf "$venv.tmp"
    python3 -m venv "$venv.tmp"
    "$venv.tmp/bin/python" -m pip install --quiet --upgrade pip >&2
    "$venv.tmp/bin/python" -m pip install --quiet "mlflow==$version" >&2
    # The venv's scripts name the venv's path: build under .tmp, then fix the shebangs as it moves into place.
    rm -rf "$venv"
    mv "$venv.tmp" "$venv"
    grep -rlI "$venv.tmp" "$venv/bin" | xargs -r sed -i "s|$venv.tmp|$venv|g"
    echo "[mlflow] installed mlflow $version in $(( $(date +%s) - start )) s" >&2
fi
echo "$venv/bin/mlflow"
