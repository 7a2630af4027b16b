# Shared helpers for the integration tests: a scratch workspace holding copies of the test
# projects and sources, a private cache, and small assertions that print what they saw.
set -euo pipefail

WB_SOURCE_DIR="${WB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
WASM_BUILD_BIN="${WASM_BUILD_BIN:-$WB_SOURCE_DIR/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-it-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/data"
cp -rL "$WB_SOURCE_DIR/tests/data/projects" "$WB_SOURCE_DIR/tests/data/sources" "$WORK/data/"
rm -rf "$WORK"/data/projects/*/dist
CACHE="$WORK/cache"
export NO_COLOR=1 CI=1
# Toolchain roots, runtimes and sources are shared (made once per machine); builds stay private.
export WASM_BUILD_STORE="${WASM_BUILD_STORE:-${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}}"

# wb PROJECT ARGS...: runs wasm-build on a project of the workspace; output in $WORK/out.
wb() {
  local project="$1"; shift
  set +e
  "$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$WORK/data/projects/$project" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  cat "$WORK/stdout" "$WORK/stderr" >"$WORK/out"
}

fail() { echo "FAIL: $*" >&2; echo "--- output was:" >&2; cat "$WORK/out" >&2 2>/dev/null || true; exit 1; }
expect_status() { [[ "$STATUS" == "$1" ]] || fail "expected exit $1, got $STATUS"; }
expect_output() { grep -qE -- "$1" "$WORK/out" || fail "expected output matching: $1"; }
expect_no_output() { if grep -qE -- "$1" "$WORK/out"; then fail "unexpected output matching: $1"; fi; }
pass() { echo "ok: $*"; }
