#!/usr/bin/env bash
# SIGINT during a build: exit 130, the sandboxed children are killed (bwrap, the build script, an
# emcc waiting on its input, a sleep), no finished-build record is left, and the build went no further.
source "$(dirname "$0")/lib.sh"
need_sandbox

p=$(new_project slow)
token="wb-interrupt-$$-$RANDOM"  # names this run's processes: nothing else on the machine matches
mkdir -p "$p/recipes/slow"
cat >"$p/recipes/slow/meta.yaml" <<YAML
package:
  name: slow
  version: "1.0"
source:
  path: .
build:
  type: static_library
  script: |
    mkdir -p "\$WB_PREFIX/lib"
    # emcc (and the clang under it) block reading a FIFO nobody writes.
    mkfifo /tmp/$token.c
    emcc -c /tmp/$token.c -o /tmp/$token.o &
    (exec -a "sleep-$token" sleep 300) && touch "\$WB_PREFIX/lib/never"
YAML
set +e
"$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$p" build >"$WORK/out" 2>&1 &
pid=$!
# The compiler itself (emcc, or the clang it execs), not the script's text that names it.
compiler="^[^ ]*(emcc|clang|python3)[^ ]* .*$token"
for _ in $(seq 600); do
  pgrep -f "^sleep-$token" >/dev/null && pgrep -f "$compiler" >/dev/null && break
  sleep 0.1
done
set -e
pgrep -f "$compiler" >/dev/null || fail "the build did not get as far as running emcc"
pgrep -f "^sleep-$token" >/dev/null || fail "the build script did not get as far as its sleep"
pgrep -f "bwrap.*$WORK" >/dev/null || fail "no sandbox (bwrap) was running for the build"
set +e
kill -INT "$pid"
wait "$pid"; STATUS=$?
set -e
expect_status 130
no_process_matches "$compiler"     # emcc / clang
no_process_matches "$token"        # anything else of the build: the script, its sleep
no_process_matches "bwrap.*$WORK"  # the sandbox itself
[[ -z "$(find "$CACHE/builds" -name result.json 2>/dev/null)" ]] || fail "an interrupted build left a result"
[[ -z "$(find "$CACHE/builds" -name never 2>/dev/null)" ]] || fail "the build went on"
pass "interrupt: exit 130, no bwrap, emcc or script process survives, nothing recorded"
