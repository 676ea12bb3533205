#!/usr/bin/env bash
# Regenerates docs/quantwatch.1 from the command definitions, with swift-argument-parser's generate-manual plugin
# (it builds the package in debug mode first). The page is dated by the last commit, so a rerun on unchanged
# commands changes nothing. Extra arguments go to `swift package` before the plugin (e.g. --scratch-path DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --scratch-path) scratch=${args[i + 1]:-$scratch} ;;
        --scratch-path=*) scratch=${args[i]#--scratch-path=} ;;
    esac
done

swift package "$@" plugin generate-manual --configuration debug --date "$(git log -1 --format=%cs)"
mkdir -p docs
cp "$scratch/plugins/GenerateManual/outputs/quantwatch/quantwatch.1" docs/quantwatch.1
echo "wrote docs/quantwatch.1 (read it with: man -l docs/quantwatch.1)"
