#!/usr/bin/env bash
# Benchmarks wasm-cc against bare clang and emcc (see README.md). Options go to bench.py:
#   bench/cc/run.sh [--wasm-cc PATH] [--count N] [--reps R] [--link-reps R]
# Without --wasm-cc, uses $WASM_CC_BIN, else build/wasm-cc under the repository.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ -z "${WASM_CC_BIN:-}" ] && [ -x "$repo/build/wasm-cc" ]; then
    export WASM_CC_BIN="$repo/build/wasm-cc"
fi
exec python3 "$here/bench.py" "$@"
