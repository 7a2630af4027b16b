#!/usr/bin/env bash
# Pillow and lxml with their static C libraries (zlib, libjpeg-turbo, libxml2, libxslt): wheels
# that import, compute and pass their own test suites inside the wasm runtime.
source "$(dirname "$0")/lib.sh"

wb "$WB_SOURCE_DIR" --json test pillow lxml
expect_status 0
expect_output "Tested pillow: ok, suite: [0-9]+ passed"
expect_output "Tested lxml: ok, suite: [0-9]+ passed"
python3 - "$WORK/stdout" <<'PY' || fail "test report"
import json, sys
tests = {t["name"]: t for t in json.load(open(sys.argv[1]))["tests"]}
for name, bar in (("pillow", 2261), ("lxml", 1810)):
    t = tests[name]
    assert t["ok"] and t["suite_ran"] and t["passed"] >= bar and not t["unexpected_failures"], t
    print(name, t["passed"], "passed,", t["failed"], "failed,", len(t["expected_failures"]), "expected")
PY
pass "pillow and lxml in the wasm runtime"

wb "$WB_SOURCE_DIR" build pillow lxml --out "$WORK/dist"
expect_status 0
for w in pillow-9.4.0-cp311-cp311-emscripten_3_1_6_wasm32.whl lxml-4.9.2-cp311-cp311-emscripten_3_1_6_wasm32.whl; do
  [[ -f "$WORK/dist/$w" ]] || fail "missing $w"
done
pass "pillow and lxml wheels"
