#!/usr/bin/env bash
# The published lock file is understood by Pyodide's own loader (npm pyodide 0.23.4, the version
# the lock's info.version names): it resolves dependencies from "depends" and installs our wheels.
# Pyodide is taken from PYODIDE_DIR, else installed once with npm into the user's cache; without
# node or npm the test is skipped (said on stdout).
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"

command -v node >/dev/null || { echo "skip: node not installed"; exit 77; }
PYODIDE_DIR="${PYODIDE_DIR:-}"
if [[ -z "$PYODIDE_DIR" ]]; then
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/wasm-build/npm-pyodide-0.23.4"
    if [[ ! -f "$cache/node_modules/pyodide/pyodide.js" ]] && command -v npm >/dev/null; then
        mkdir -p "$cache"
        timeout 300 npm install --prefix "$cache" --no-audit --no-fund --silent pyodide@0.23.4 >/dev/null 2>&1 || true
    fi
    PYODIDE_DIR="$cache/node_modules/pyodide"
fi
[[ -f "$PYODIDE_DIR/pyodide.js" ]] || { echo "skip: npm package pyodide@0.23.4 not available"; exit 77; }
LOAD="$WB_SOURCE_DIR/tests/integration/index_pyodide_load.js"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
timeout 120 node "$LOAD" "$PYODIDE_DIR" "$(readlink -f repo)" demo-2 demo_2 demo_1 demo_0 >load.out 2>&1 \
    || { cat load.out >&2; fail "Pyodide could not load demo-2 from the published repository"; }
grep -q "loaded: demo_2,demo_1,demo_0" load.out || { cat load.out >&2; fail "imports missing"; }
grep -Eq "^Loading .*demo-0" load.out || { cat load.out >&2; fail "dependencies not resolved"; }
pass "Pyodide's loader reads the lock file and installs the packages with their dependencies"

"$WB" index publish --wheels wheels --out other --keys keys --runtime-version 0.0.1 2>/dev/null
! timeout 120 node "$LOAD" "$PYODIDE_DIR" "$(readlink -f other)" demo-0 demo_0 >other.out 2>&1 \
    || fail "Pyodide accepted a lock file for another runtime version"
grep -q "Lock file version doesn't match" other.out || { cat other.out >&2; fail "unexpected failure"; }
pass "the loader really checks the lock file (another info.version is refused)"
