#!/usr/bin/env bash
# Sets up a real llama.cpp runtime with a tiny model at F16, Q8_0, Q4_K_M and Q4_0. Idempotent: a second run
# finds everything in the cache and takes seconds.
#
#   scripts/real-runtime/setup.sh                 # build llama.cpp, take the committed F16 fixture, quantize
#   scripts/real-runtime/setup.sh --train         # retrain the tiny model here (needs torch) instead of the fixture
#   scripts/real-runtime/setup.sh --train --update-fixture   # ... and copy the result into fixtures/tiny-model
#
# Environment: QUANTWATCH_CACHE (default ~/.cache/quantwatch), LCPP_PY_VERSION (default 0.3.36),
# QW_BUILD_JOBS (default 2), QW_TRAIN_STEPS (default 2000).
set -euo pipefail
source "$(dirname "$0")/common.sh"

train=0
update_fixture=0
for arg in "$@"; do
    case "$arg" in
        --train) train=1 ;;
        --update-fixture) update_fixture=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

total_start=$(rr_now)
mkdir -p "$RR_CACHE" "$RR_MODELS" "$RR_RUN"
rr_log "cache: $RR_CACHE"

# --- 1. Python venv with the build tools (cmake, ninja from PyPI) -------------------------------------------
step=$(rr_now)
if [[ ! -x "$RR_VENV/bin/python" ]]; then
    python3 -m venv "$RR_VENV"
    "$RR_VENV/bin/python" -m pip install --quiet --upgrade pip
fi
if ! "$RR_VENV/bin/python" -c 'import cmake, ninja' 2>/dev/null; then
    "$RR_VENV/bin/python" -m pip install --quiet cmake ninja
fi
export PATH="$RR_VENV/bin:$PATH"
rr_log "venv + cmake/ninja: $(rr_elapsed "$step") s"

# --- 2. llama.cpp source from llama-cpp-python's sdist -------------------------------------------------------
step=$(rr_now)
src_dir="$RR_CACHE/src"
tree="$src_dir/llama_cpp_python-$LCPP_PY_VERSION/vendor/llama.cpp"
if [[ ! -f "$tree/CMakeLists.txt" ]]; then
    mkdir -p "$src_dir"
    tarball=$(ls "$src_dir"/llama_cpp_python-"$LCPP_PY_VERSION".tar.gz 2>/dev/null || true)
    if [[ -z "$tarball" ]]; then
        # --no-binary for this one package only: `:all:` would build cmake itself from source.
        python -m pip download --quiet --no-deps --no-binary llama-cpp-python \
            "llama-cpp-python==$LCPP_PY_VERSION" -d "$src_dir"
        tarball="$src_dir/llama_cpp_python-$LCPP_PY_VERSION.tar.gz"
    fi
    tar -xzf "$tarball" -C "$src_dir"
fi
rr_log "llama.cpp source: $(rr_elapsed "$step") s"

# --- 3. Build llama-server, llama-quantize and llama-perplexity only ----------------------------------------
# A cached bin/ from before llama-perplexity was added rebuilds incrementally: the cmake build folder is kept.
step=$(rr_now)
rr_tools=(llama-server llama-quantize llama-perplexity)
missing_tool=0
for tool in "${rr_tools[@]}"; do [[ -x "$RR_BIN/$tool" ]] || missing_tool=1; done
if [[ $missing_tool -eq 1 ]]; then
    build="$RR_CACHE/build"
    nice -n 10 cmake -S "$tree" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF \
        -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >"$RR_CACHE/cmake-configure.log" 2>&1 \
        || { tail -30 "$RR_CACHE/cmake-configure.log" >&2; exit 1; }
    nice -n 10 cmake --build "$build" -j "${QW_BUILD_JOBS:-2}" --target "${rr_tools[@]}" \
        >"$RR_CACHE/cmake-build.log" 2>&1 || { tail -40 "$RR_CACHE/cmake-build.log" >&2; exit 1; }
    # The binaries load their shared libraries (libllama, libggml*) from their own folder.
    mkdir -p "$RR_BIN.tmp"
    for tool in "${rr_tools[@]}"; do cp -a "$build/bin/$tool" "$RR_BIN.tmp/"; done
    find "$build/bin" -maxdepth 1 -name '*.so*' -exec cp -a {} "$RR_BIN.tmp/" \;
    rm -rf "$RR_BIN" && mv "$RR_BIN.tmp" "$RR_BIN"
fi
"$RR_BIN/llama-server" --version 2>&1 | grep -m1 -i version | sed 's/^/[real-runtime] llama-server /' >&2 || true
rr_log "build llama-server + llama-quantize + llama-perplexity: $(rr_elapsed "$step") s"

# --- 4. The F16 GGUF: committed fixture, or trained here ----------------------------------------------------
step=$(rr_now)
if [[ $train -eq 0 && ! -f "$RR_FIXTURE/tiny-F16.gguf" ]]; then
    rr_log "fixture $RR_FIXTURE/tiny-F16.gguf missing: training instead"
    train=1
fi
if [[ $train -eq 1 ]]; then
    # Keyed by the training code and steps: an edit retrains, an unchanged script reuses the last result.
    train_key=$( (cat "$RR_SCRIPTS/train_tiny.py" "$RR_SCRIPTS/corpus.py"; echo "${QW_TRAIN_STEPS:-2000}") \
        | sha256sum | cut -c1-12)
    trained="$RR_CACHE_ROOT/trained/$train_key"
    if [[ ! -f "$trained/tiny-F16.gguf" ]]; then
        "$RR_SCRIPTS/install-train-deps.sh" "$RR_VENV"
        rr_log "training dependencies: $(rr_elapsed "$step") s"
        step=$(rr_now)
        rm -rf "$trained.tmp" && mkdir -p "$trained.tmp"
        # One thread: the machine's two cores are shared; the log keeps the loss curve.
        nice -n 10 env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$RR_VENV/bin/python" "$RR_SCRIPTS/train_tiny.py" \
            --out "$trained.tmp" --steps "${QW_TRAIN_STEPS:-2000}" 2>&1 | tee "$trained.tmp/train.log" | grep '^step' >&2
        rr_log "train tokenizer + model: $(rr_elapsed "$step") s"
        step=$(rr_now)
        # convert_hf_to_gguf.py needs the gguf package of the same tree.
        nice -n 10 env PYTHONPATH="$tree/gguf-py" "$RR_VENV/bin/python" "$tree/convert_hf_to_gguf.py" \
            "$trained.tmp/hf" --outtype f16 --outfile "$trained.tmp/tiny-F16.gguf" >"$trained.tmp/convert.log" 2>&1 \
            || { tail -30 "$trained.tmp/convert.log" >&2; exit 1; }
        rr_log "convert to GGUF F16: $(rr_elapsed "$step") s"
        step=$(rr_now)
        rm -rf "$trained" && mv "$trained.tmp" "$trained"
    fi
    f16_source="$trained/tiny-F16.gguf"
    token_check="$trained/token-check.json"
    if [[ $update_fixture -eq 1 ]]; then
        mkdir -p "$RR_FIXTURE"
        cp "$trained/tiny-F16.gguf" "$trained/token-check.json" "$trained/train-report.json" \
            "$trained/corpus.jsonl" "$RR_FIXTURE/"
        rm -rf "$RR_FIXTURE/hf" && cp -r "$trained/hf" "$RR_FIXTURE/hf"
        # The weights are in the GGUF already; keep the fixture small.
        rm -f "$RR_FIXTURE"/hf/*.safetensors "$RR_FIXTURE"/hf/*.bin
        rr_log "fixture updated: $RR_FIXTURE"
    fi
else
    f16_source="$RR_FIXTURE/tiny-F16.gguf"
    token_check="$RR_FIXTURE/token-check.json"
fi
model_key=$(sha256sum "$f16_source" | cut -c1-12)
model_dir="$RR_MODELS/$model_key"
mkdir -p "$model_dir"
[[ -f "$model_dir/tiny-F16.gguf" ]] || cp "$f16_source" "$model_dir/tiny-F16.gguf"
[[ -f "$token_check" ]] && cp "$token_check" "$model_dir/token-check.json"
ln -sfn "$model_key" "$RR_MODELS/current"
rr_log "F16 model ($model_key): $(rr_elapsed "$step") s"

# --- 5. Quantize -------------------------------------------------------------------------------------------
step=$(rr_now)
for quant in Q8_0 Q4_K_M Q4_0; do
    out="$model_dir/tiny-$quant.gguf"
    if [[ ! -f "$out" ]]; then
        nice -n 10 "$RR_BIN/llama-quantize" "$model_dir/tiny-F16.gguf" "$out.tmp" "$quant" 1 \
            >"$model_dir/quantize-$quant.log" 2>&1 || { tail -20 "$model_dir/quantize-$quant.log" >&2; exit 1; }
        mv "$out.tmp" "$out"
    fi
done
rr_log "quantize Q8_0, Q4_K_M, Q4_0: $(rr_elapsed "$step") s"

# --- 6. Check that llama.cpp tokenizes exactly as the model was trained ---------------------------------------
step=$(rr_now)
if [[ -f "$model_dir/token-check.json" && ! -f "$model_dir/token-check.ok" ]]; then
    port="${QW_VERIFY_PORT:-18089}"
    log="$RR_RUN/verify-tokens.log"
    "$RR_BIN/llama-server" -m "$model_dir/tiny-F16.gguf" --host 127.0.0.1 --port "$port" -c 512 -t 1 \
        --no-webui >"$log" 2>&1 &
    verify_pid=$!
    trap 'kill "$verify_pid" 2>/dev/null || true' EXIT
    if python3 "$RR_SCRIPTS/verify_tokens.py" --url "http://127.0.0.1:$port" --check "$model_dir/token-check.json"; then
        touch "$model_dir/token-check.ok"
    else
        rr_log "tokenizer check FAILED: llama.cpp does not feed the model the ids it was trained on"
        exit 1
    fi
    kill "$verify_pid" 2>/dev/null || true
    wait "$verify_pid" 2>/dev/null || true
    trap - EXIT
fi
rr_log "tokenizer check: $(rr_elapsed "$step") s"

ls -l "$model_dir"/*.gguf | awk '{ printf "[real-runtime] %-60s %8.2f MB\n", $NF, $5 / 1e6 }' >&2
rr_log "total: $(rr_elapsed "$total_start") s"
echo "$model_dir"
