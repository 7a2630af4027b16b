# Shared by the test_index_*.sh scripts: a scratch directory removed on exit, a key directory,
# synthetic wheels, assertions, and a static HTTP server on 127.0.0.1 (free port, time-bounded,
# stopped on exit).
set -euo pipefail

: "${WASM_BUILD_BIN:?set WASM_BUILD_BIN to the wasm-build binary}"
: "${WB_SOURCE_DIR:?set WB_SOURCE_DIR to the source tree}"
WB="$WASM_BUILD_BIN"
MAKE_WHEELS="$WB_SOURCE_DIR/bench/index/make_wheels.py"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-index-it.XXXXXX")"
SERVER_PIDS=()

cleanup() {
    for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
# A test that cannot run here says why and exits 77: CTest reports it as skipped, never passed.
skip() { echo "SKIP: $*"; exit 77; }

# expect_exit CODE PATTERN CMD...: runs CMD, checks its exit code and that stderr matches PATTERN.
expect_exit() {
    local want="$1" pattern="$2"; shift 2
    local rc=0
    "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || rc=$?
    [[ "$rc" == "$want" ]] || { cat "$WORK/err.txt" >&2; fail "exit $rc, expected $want: $*"; }
    if [[ -n "$pattern" ]] && ! grep -Eq -- "$pattern" "$WORK/err.txt"; then
        cat "$WORK/err.txt" >&2
        fail "stderr lacks /$pattern/: $*"
    fi
}

# start_static_server DIR: serves DIR (resolved per request) for at most 10 minutes; sets PORT.
start_static_server() {
    local log="$WORK/server-$RANDOM.log"
    timeout 600 python3 -u -m http.server --bind 127.0.0.1 0 --directory "$1" >"$log" 2>&1 &
    SERVER_PIDS+=("$!")
    for _ in $(seq 1 100); do
        PORT="$(grep -so 'port [0-9]*' "$log" | head -1 | awk '{print $2}')" || true
        [[ -n "${PORT:-}" ]] && return 0
        sleep 0.1
    done
    fail "static server did not start"
}

# replace FILE: gives FILE a fresh inode (generations share unchanged files through hard links).
replace() { local f="$1"; cp "$f" "$f.new"; rm -f "$f"; mv "$f.new" "$f"; }

# start_bad_server DIR MODE PATH: like start_static_server, but PATH misbehaves (endless|drip).
start_bad_server() {
    local log="$WORK/bad-server-$RANDOM.log"
    python3 -u "$WB_SOURCE_DIR/tests/integration/index_bad_server.py" "$@" >"$log" 2>&1 &
    SERVER_PIDS+=("$!")
    for _ in $(seq 1 100); do
        PORT="$(grep -so 'port [0-9]*' "$log" | head -1 | awk '{print $2}')" || true
        [[ -n "${PORT:-}" ]] && return 0
        sleep 0.1
    done
    fail "bad server did not start"
}
