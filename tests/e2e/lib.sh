# Shared helpers for the end-to-end tests: the real runtime and packages, built into the shared
# build cache (WASM_BUILD_CACHE, default ~/.cache/wasm-build) so warm runs reuse them.
set -euo pipefail

WB_SOURCE_DIR="${WB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
WASM_BUILD_BIN="${WASM_BUILD_BIN:-$WB_SOURCE_DIR/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-e2e-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1 CI=1

wb() {  # wb PROJECT_DIR ARGS...: output in $WORK/out, exit code in $STATUS
  local project="$1"; shift
  set +e
  "$WASM_BUILD_BIN" -C "$project" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  cat "$WORK/stdout" "$WORK/stderr" >"$WORK/out"
}

fail() { echo "FAIL: $*" >&2; echo "--- output was:" >&2; tail -60 "$WORK/out" >&2 2>/dev/null || true; exit 1; }
expect_status() { [[ "$STATUS" == "$1" ]] || fail "expected exit $1, got $STATUS"; }
expect_output() { grep -qE -- "$1" "$WORK/out" || fail "expected output matching: $1"; }
pass() { echo "ok: $*"; }
