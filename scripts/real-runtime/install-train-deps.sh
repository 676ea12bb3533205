#!/usr/bin/env bash
# Installs what training and GGUF conversion need into the given venv: torch (CPU), transformers, sentencepiece
# and the gguf-py dependencies. Only `setup.sh --train` needs this; the default set-up uses the committed fixture.
set -euo pipefail
venv="${1:?usage: install-train-deps.sh VENV}"
py="$venv/bin/python"

if ! "$py" -c 'import torch' 2>/dev/null; then
    tag=$("$py" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
    wheel=$(ls /opt/wheels/torch-*+cpu*-"$tag"-*.whl 2>/dev/null | sort -V | tail -1 || true)
    if [[ -n "$wheel" ]]; then
        echo "[real-runtime] torch from $wheel" >&2
        "$py" -m pip install --quiet "$wheel"
    else
        # PyPI's default torch for Linux x86_64 is the CUDA build: torch 2.15.0 resolved (2026-11-23) to 29
        # wheels, 3.0 GB in all (torch 0.54 GB, cudnn 0.52 GB, cublas 0.41 GB, triton 0.29 GB, ...). It runs
        # on CPU all the same; it is only a long download. Only default PyPI is reachable here.
        echo "[real-runtime] no CPU torch wheel in /opt/wheels: installing torch from PyPI (large download)" >&2
        "$py" -m pip install --quiet torch
    fi
fi
# transformers 5.x is what this was verified with; gguf-py wants numpy, tqdm, pyyaml, requests.
"$py" -m pip install --quiet "transformers>=4.57,<6" "sentencepiece>=0.2,<0.3" numpy tqdm pyyaml requests \
    "protobuf>=4.21" safetensors
