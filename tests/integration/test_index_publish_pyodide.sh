#!/usr/bin/env bash
# The published lock file is understood by stock Pyodide 314's own loader (the runtime of the default
# platform, from `wasm-build runtime --platform pyemscripten_2026_0`), given our lock file and our
# packages directory: loadPyodide({indexURL, lockFileURL, packageBaseUrl}) resolves dependencies
# from "depends" and installs our wheels. `index publish --for pyemscripten_2026_0` writes exactly
# the info of Pyodide 314's own lock file, and a lock file for another ABI (--for
# pyemscripten_2026_5) is refused by the loader: info.abi_version is what Pyodide 314 checks.
# Pyodide under Node does not check a wheel's sha256 (only browsers do, as fetch integrity): a
# tampered wheel is caught by the lock-file check and `index verify` instead, as shown at the end.
# Without node, or without the runtime (not in the store and no network), the test is skipped.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"

command -v node >/dev/null || skip "node is not installed"
STORE="${WASM_BUILD_STORE:-${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}}"
runtime() {  # runtime PLATFORM: the stock runtime's npm package directory
    "$WB" -C "$WB_SOURCE_DIR" --cache-dir "$WORK/cache" --store-dir "$STORE" runtime --platform "$1" 2>runtime.err
}
PYODIDE_DIR="$(runtime pyemscripten_2026_0)" || skip "the stock Pyodide 314 runtime is not available: $(cat runtime.err)"
[[ -f "$PYODIDE_DIR/pyodide.js" && -f "$PYODIDE_DIR/pyodide-lock.json" ]] || fail "$PYODIDE_DIR is not Pyodide's npm package"
grep -q '"version": "314\.' "$PYODIDE_DIR/package.json" || fail "$PYODIDE_DIR is not Pyodide 314"
LOAD="$WB_SOURCE_DIR/tests/integration/index_pyodide_load.js"
CHECK="$WB_SOURCE_DIR/tests/integration/pyodide_lock_check.py"

# The lock-file model of the other tests fits the runtime's own lock file.
python3 "$CHECK" --model-only "$PYODIDE_DIR" || fail "pyodide_lock_check.py's model does not fit Pyodide 314's own lock file"
pass "the lock-file model fits stock Pyodide 314's own pyodide-lock.json"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" -C "$WB_SOURCE_DIR" index publish --for pyemscripten_2026_0 --wheels wheels --out repo --keys keys 2>/dev/null
python3 "$CHECK" repo || fail "the published lock file does not fit Pyodide's model"
python3 - repo/pyodide-lock.json "$PYODIDE_DIR/pyodide-lock.json" <<'PY' || fail "lock file info differs from Pyodide 314's own"
import json, sys
ours, stock = (json.load(open(p))["info"] for p in sys.argv[1:])
assert ours == stock, (ours, stock)
PY
pass "index publish --for pyemscripten_2026_0 writes the info of Pyodide 314's own lock file"

timeout 120 node "$LOAD" "$PYODIDE_DIR" "$(readlink -f repo)" demo-2 demo_2 demo_1 demo_0 >load.out 2>&1 \
    || { cat load.out >&2; fail "Pyodide 314 could not load demo-2 from the published repository"; }
grep -q "^loaded: demo_2,demo_1,demo_0$" load.out || { cat load.out >&2; fail "imports missing"; }
grep -q "^Loading demo-0, demo-1, demo-2$" load.out || { cat load.out >&2; fail "dependencies not resolved"; }
pass "Pyodide 314's loader reads our lock file and installs the packages with their dependencies"

"$WB" -C "$WB_SOURCE_DIR" index publish --for pyemscripten_2026_5 --wheels wheels --out other --keys keys 2>/dev/null
! timeout 120 node "$LOAD" "$PYODIDE_DIR" "$(readlink -f other)" demo-0 demo_0 >other.out 2>&1 \
    || fail "Pyodide 314 accepted a lock file for ABI 2026_5"
grep -q "Lock file ABI version doesn't match Pyodide ABI version" other.out || { cat other.out >&2; fail "unexpected failure"; }
grep -q "lockfile version: 2026_5" other.out || { cat other.out >&2; fail "the refusal does not name the lock's ABI"; }
pass "the loader really checks the lock file (info.abi_version 2026_5 refused by Pyodide 314)"

# A wheel changed after publishing (same name, other bytes): our lock-file check and index verify
# refuse it by its sha256.
cp -a "$(readlink -f repo)" tampered
python3 - tampered/packages/demo_1-1.0-py3-none-any.whl <<'PY'
import shutil, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    members = [(info, z.read(info.filename)) for info in z.infolist()]
with zipfile.ZipFile(path + ".new", "w") as z:
    for info, data in members:
        z.writestr(info, b"NAME = 'evil'\n" if info.filename.endswith("__init__.py") else data)
shutil.move(path + ".new", path)
PY
! python3 "$CHECK" tampered >check.out || fail "the lock-file check accepted a tampered wheel"
grep -q "packages.demo-1.sha256: does not match" check.out || { cat check.out >&2; fail "unexpected check output"; }
expect_exit 1 "demo_1-1.0-py3-none-any.whl" "$WB" index verify tampered --root repo/metadata/1.root.json --state state
pass "a tampered wheel is refused by its sha256 (the lock-file check, index verify)"
