#!/usr/bin/env bash
# Fuzzes quantwatch's parsers with libFuzzer: scripts/fuzz.sh [--smoke] [--runs N] [TARGET...]
#
# Each target in Fuzz/Targets/ is compiled with `swiftc -sanitize=fuzzer,address` together with the product
# sources it exercises (so coverage and ASan instrument the parser itself); the packages those sources import
# (swift-nio's NIOCore, Yams with its C libyaml) are linked from a SwiftPM build's object files, uninstrumented. Seeds live in
# Fuzz/Corpus/TARGET (committed, small); what libFuzzer finds on top goes to .build-fuzz/corpus/TARGET, crashes
# to .build-fuzz/crashes/TARGET. --smoke runs 20k executions per target from a fixed seed (the same inputs on
# every machine, so CI cannot go red by chance); the default is 1M from a random seed.
#
# QW_FUZZ_SCRATCH picks the SwiftPM scratch folder to link from (default .build; built here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000000
seed=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --smoke) runs=20000; seed=1 ;;
    --runs) runs="$2"; shift ;;
    -h | --help) sed -n 2,12p "$0"; exit 0 ;;
    *) targets+=("$1") ;;
    esac
    shift
done
all_targets=(sse ndjson decoders prometheus fleet suite faults theme)
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

scratch="${QW_FUZZ_SCRATCH:-.build}"
debug="$scratch/$(uname -m)-unknown-linux-gnu/debug"
if [ ! -d "$debug/NIOCore.build" ]; then
    swift build --scratch-path "$scratch" --target QuantWatchBackends
fi
out=.build-fuzz
mkdir -p "$out"

domain=Sources/QuantWatchDomain
backends=Sources/QuantWatchBackends
simulator=Sources/QuantWatchSimulator
tui=Sources/QuantWatchTUI
# The product sources each target compiles in, and the SwiftPM targets whose objects it links. Sources from
# several modules compile into one fuzz module, so their `import QuantWatch…` lines are dropped (see below).
sources_for() {
    case "$1" in
    sse) echo "$backends/Streams/SSEParser.swift $backends/Streams/SSEEvent.swift $backends/Streams/StreamFramingError.swift" ;;
    ndjson) echo "$backends/Streams/NDJSONParser.swift $backends/Streams/StreamFramingError.swift" ;;
    decoders)
        echo "$backends/Streams/SSEParser.swift $backends/Streams/SSEEvent.swift" \
            "$backends/Streams/NDJSONParser.swift $backends/Streams/StreamFraming.swift" \
            "$backends/Streams/StreamFramingError.swift $backends/Dialects/OpenAIStreamDecoder.swift" \
            "$backends/Dialects/LlamaCppStreamDecoder.swift $backends/Dialects/OllamaStreamDecoder.swift" \
            "$backends/Dialects/AnthropicStreamDecoder.swift $backends/Dialects/LlamaCppTimings.swift" \
            "$backends/Dialects/LogprobFloor.swift $backends/Transport/StreamDecoder.swift" \
            "$backends/Transport/GenerationAccumulator.swift $backends/Transport/JSONPayload.swift" \
            "$backends/Transport/StreamErrorPayload.swift $backends/Transport/AttemptFailure.swift" \
            "$domain/Probe/Generation.swift $domain/Probe/TokenLogprob.swift $domain/Probe/ServerTimings.swift" \
            "$domain/Probe/ErrorClass.swift"
        ;;
    prometheus) echo "$domain/RuntimeMetrics/PrometheusTextParser.swift $domain/RuntimeMetrics/PrometheusExposition.swift $domain/RuntimeMetrics/PrometheusHistogram.swift" ;;
    # The YAML loaders, Yams linked from the SwiftPM build. The fleet loader checks probe results' SLO fields and
    # baseline files, so a few files from beside Config/ come along.
    fleet | suite)
        echo $domain/Config/*.swift $domain/Canary/*.swift "$domain/Baseline/BaselineFile.swift $domain/Baseline/PromptHash.swift" \
            "$domain/Baseline/RecordedBaseline.swift $domain/Baseline/ServerIdentity.swift $domain/Monitor/ProbeResult.swift" \
            "$domain/Probe/Generation.swift $domain/Probe/ErrorClass.swift $domain/Probe/TokenLogprob.swift" \
            "$domain/Probe/ServerTimings.swift $domain/Probe/ProbeFailure.swift $domain/Quality/TokenDrift.swift" \
            Fuzz/Shared/YAMLLines.swift
        ;;
    faults)
        echo "$simulator/FaultScriptLoader.swift $simulator/FaultScript.swift $simulator/FaultWindow.swift" \
            "$simulator/Fault.swift $simulator/FaultScriptError.swift $simulator/SimDurationParser.swift" \
            Fuzz/Shared/YAMLLines.swift
        ;;
    theme) echo $tui/Theme/*.swift "$tui/Screen/Color.swift $tui/Screen/Style.swift $domain/Alerts/AlertState.swift" ;;
    *) echo "unknown fuzz target: $1 (known: ${all_targets[*]})" >&2; exit 3 ;;
    esac
}
linked_targets=(NIOCore DequeModule InternalCollectionsUtilities ContainersPreview _NIODataStructures _NIOBase64 CNIOLinux NIOConcurrencyHelpers CNIOAtomics Atomics _AtomicsShims Yams CYaml)

module_maps=()
while IFS= read -r -d '' map; do module_maps+=(-Xcc "-fmodule-map-file=$map"); done < <(
    find "$debug" -name module.modulemap -path "*/CNIO*" -print0
    find "$debug" -name module.modulemap -path "*/_NIO*" -print0
    find "$scratch/checkouts/Yams/Sources/CYaml/include" -name module.modulemap -print0
    find "$scratch/checkouts/swift-atomics/Sources/_AtomicsShims" -name module.modulemap -print0)
objects=()
for target in "${linked_targets[@]}"; do
    [ -d "$debug/$target.build" ] || continue
    while IFS= read -r -d '' object; do objects+=("$object"); done < <(find "$debug/$target.build" -name '*.o' -print0)
done

status=0
for target in "${targets[@]}"; do
    read -r -a listed <<<"$(sources_for "$target")"
    # One fuzz module holds what were several package modules: copy the sources without their imports of each
    # other (everything they name is compiled in beside them).
    rm -rf "$out/src/$target" && mkdir -p "$out/src/$target"
    sources=()
    for file in "${listed[@]}"; do
        copy="$out/src/$target/$(basename "$file")"
        sed -E 's/^(@testable |@preconcurrency )?import QuantWatch[A-Za-z]*$//' "$file" >"$copy"
        sources+=("$copy")
    done
    binary="$out/fuzz-$target"
    # The linker warns about every ASan helper it cannot export: keep that in a log, show it only on failure.
    if ! swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name quantwatch -module-name "Fuzz_$target" -I "$debug/Modules" \
        "${module_maps[@]}" "Fuzz/Targets/$target.swift" "${sources[@]}" "${objects[@]}" -o "$binary" \
        >"$out/$target.compile.log" 2>&1; then
        grep -v "Cannot export local symbol" "$out/$target.compile.log" >&2
        exit 2
    fi
    mkdir -p "$out/corpus/$target" "$out/crashes/$target"
    log="$out/$target.log"
    started=$(date +%s.%N)
    # -rss_limit_mb: unbounded memory fails the run; -max_len 64K: long lines and big expositions get tried.
    # Leaks in the toolchain's Foundation are suppressed (Fuzz/lsan.supp says which and why); ours still fail.
    if LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0" "$binary" -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -seed="$seed" \
        -artifact_prefix="$out/crashes/$target/" "$out/corpus/$target" "Fuzz/Corpus/$target" >"$log" 2>&1; then
        result=ok
    else
        result=CRASH
        status=1
    fi
    seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(awk -v n="$execs" -v s="$seconds" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')
    peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    crashes=$(find "$out/crashes/$target" -type f | wc -l)
    echo "fuzz $target: $result, $execs executions in $seconds s ($rate exec/s), peak RSS $peak MB, $crashes crash files ($log)"
done
exit $status
