#!/usr/bin/env bash
# End to end, for CI or a quick look: set up (cached), serve the four precisions, check the model straight
# from the servers, and always stop the servers again. Exit non-zero if any step fails or a precision
# answers a trained canary wrong.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/setup.sh"
trap '"$here/stop.sh"' EXIT
"$here/serve.sh"
python3 "$here/check-model.py" --require-in-accuracy 1.0 "$@"
