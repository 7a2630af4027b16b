#!/usr/bin/env bash
# Configures and builds wasm-build itself into <checkout>/build (incremental; quiet when up to date).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WASM_BUILD_TOOL_DIR:-$root/build}"
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
ninja -C "$build" -j"$(nproc)" ${WB_NINJA_TARGETS:-} >"$build/ninja.log" 2>&1 || { cat "$build/ninja.log" >&2; exit 3; }
