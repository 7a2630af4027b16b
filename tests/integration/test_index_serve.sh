#!/usr/bin/env bash
# `wasm-build index serve` on a tree made by `wasm-build index publish`: PEP 691 negotiation, CORS,
# ETag, Range, content types and refused paths; a republish is seen without a restart; dripping and
# oversized requests are dropped; SIGTERM and SIGINT stop it cleanly (exit 0).
set -euo pipefail
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"
wb_setup
wb_publish_tree

wb_start_serve "$REPO" "$WB_WORK/serve.log" --header-timeout 1.5
echo "serving at $SERVE_URL"
"$WB_PY" "$WB_SUPPORT" check "$SERVE_URL" "$REPO" serve || wb_fail "HTTP checks against serve"

# Publish swaps the tree (a symlink) to a new generation: the running server must see it.
"$WB_PY" "$WB_SUPPORT" make-wheel "$WB_WORK/wheels" --version 1.1 >/dev/null
before=$(readlink "$REPO")
wb_republish
[[ "$(readlink "$REPO")" != "$before" ]] || wb_fail "publish did not make a new generation"
curl -sf --max-time 10 "${SERVE_URL}simple/demo-pkg/" | grep -q 'demo_pkg-1.1-' ||
    wb_fail "serve does not show the republished tree"
curl -sf --max-time 10 -o /dev/null "${SERVE_URL}packages/demo_pkg-1.1-cp314-cp314-pyemscripten_2026_0_wasm32.whl" ||
    wb_fail "serve does not serve the new wheel"

# A client that drips its request head byte by byte is dropped at the header deadline (1.5 s).
seconds=$("$WB_PY" "$WB_SUPPORT" drip "$SERVE_URL" --interval 0.2 --limit 15) ||
    wb_fail "a dripping client was never dropped"
"$WB_PY" -c "import sys; sys.exit(0 if 1.0 <= float('$seconds') <= 6 else 1)" ||
    wb_fail "dripping client dropped after ${seconds}s, expected about 1.5s"
echo "dripping client dropped after ${seconds}s"

# A request head beyond the size limit gets 431.
status=$("$WB_PY" "$WB_SUPPORT" oversized "$SERVE_URL")
[[ "$status" == 431 ]] || wb_fail "oversized request head: expected 431, got $status"

# The server still answers after all that.
curl -sf --max-time 10 -o /dev/null "${SERVE_URL}simple/" || wb_fail "serve stopped answering"

# A missing tree is an input error (exit 2).
set +e
"$WASM_BUILD_BIN" index serve "$WB_WORK/no-such-dir" --port 0 2>"$WB_WORK/missing.log"
rc=$?
set -e
[[ $rc == 2 ]] || wb_fail "serving a missing directory: exit $rc, expected 2"
grep -q "no-such-dir" "$WB_WORK/missing.log" || wb_fail "the error does not name the directory"

# SIGTERM and SIGINT stop it cleanly.
log="$WB_WORK/serve.log"
for signal in TERM INT; do
    kill -"$signal" "$SERVE_PID"
    for _ in $(seq 50); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVE_PID" 2>/dev/null && wb_fail "serve still running 5 s after SIG$signal"
    rc=0
    wait "$SERVE_PID" || rc=$?
    [[ $rc == 0 ]] || wb_fail "serve exited with $rc after SIG$signal"
    grep -q "stopped serving" "$log" || wb_fail "no clean stop message after SIG$signal"
    if [[ $signal == TERM ]]; then
        log="$WB_WORK/serve-again.log"
        wb_start_serve "$REPO" "$log"
    fi
done
echo "test_index_serve: ok"
