#!/usr/bin/env bash
# Every libFuzzer target (tests/fuzz/run.sh: clang-14, AddressSanitizer) runs briefly from its
# committed corpus: none may crash, each must have run and reached coverage. Built once in a
# directory of its own beside the tool's build (kept: later runs only relink what changed).
set -euo pipefail
: "${WB_SOURCE_DIR:?set WB_SOURCE_DIR to the source tree}"
: "${WB_BINARY_DIR:?set WB_BINARY_DIR to the build directory}"
command -v clang++-14 >/dev/null || { echo "SKIP: clang++-14 is not installed (ci/setup.sh installs it)"; exit 77; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
rc=0
WB_FUZZ_BUILD_DIR="$WB_BINARY_DIR/fuzz" bash "$WB_SOURCE_DIR/tests/fuzz/run.sh" "${WB_FUZZ_SECONDS:-5}" >"$out" 2>&1 || rc=$?
cat "$out"
[[ "$rc" == 0 ]] || { echo "FAIL: tests/fuzz/run.sh exited $rc"; exit 1; }
targets=$(grep -c '^fuzz_' "$out" || true)
(( targets == 9 )) || { echo "FAIL: $targets targets reported, expected 9"; exit 1; }
# Each line: target, executions, cov, ft, result.
awk '/^fuzz_/ { if ($2 !~ /^[0-9]+$/ || $2 < 100 || $3 !~ /^[0-9]+$/ || $3 < 10 || $5 != "ok") { print "FAIL: " $0; bad = 1 } }
     END { exit bad }' "$out"
echo "ok: $targets fuzz targets ran from their corpus without a crash"
