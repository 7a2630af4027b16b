#!/usr/bin/env bash
# The headline: NumPy built from its Debian source into a wasm32 wheel, computing and passing its
# own test suite inside the wasm CPython under Node.
source "$(dirname "$0")/lib.sh"

wb "$WB_SOURCE_DIR" build numpy --out "$WORK/dist"
expect_status 0
wheel="$WORK/dist/numpy-1.19.5-cp311-cp311-emscripten_3_1_6_wasm32.whl"
[[ -f "$wheel" ]] || fail "no NumPy wheel with the platform tag in $WORK/dist"
python3 - "$wheel" <<'PY' || fail "the wheel's contents"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
so = [n for n in names if n.endswith(".cpython-311-wasm32-emscripten.so")]
assert len(so) >= 10, so
for n in so[:3]:
    assert z.read(n)[:4] == b"\0asm", n
assert "Tag: cp311-cp311-emscripten_3_1_6_wasm32" in z.read("numpy-1.19.5.dist-info/WHEEL").decode()
PY
pass "numpy wheel"

wb "$WB_SOURCE_DIR" python --with numpy -- -c 'import numpy as np; print(np.arange(6).reshape(2, 3) @ np.ones(3)); print(np.linalg.solve([[3.0, 1.0], [1.0, 2.0]], [9.0, 8.0]))'
expect_status 0
expect_output '^\[ 3\. 12\.\]$'
expect_output '^\[2\. 3\.\]$'
pass "numpy computes in the wasm runtime (wasm-build python)"

wb "$WB_SOURCE_DIR" --json test numpy
expect_status 0
expect_output "Tested numpy: ok, suite: [0-9]+ passed"
python3 - "$WORK/stdout" <<'PY' || fail "test report"
import json, sys
t = json.load(open(sys.argv[1]))["tests"][0]
assert t["ok"] and t["suite_ran"], t
assert t["passed"] >= 8648, t["passed"]
assert not t["unexpected_failures"], t["unexpected_failures"]
print("numpy suite:", t["passed"], "passed,", t["failed"], "failed,", len(t["expected_failures"]), "expected")
PY
pass "numpy's own test suite"
