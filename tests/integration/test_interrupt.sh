#!/usr/bin/env bash
# SIGINT during a build: exit 130, the child process is killed, no finished-build record is left.
source "$(dirname "$0")/lib.sh"

p="$WORK/data/projects/slow"
mkdir -p "$p/recipes/slow"
cat >"$p/recipes/slow/meta.yaml" <<'YAML'
package:
  name: slow
  version: "1.0"
source:
  path: .
build:
  type: static_library
  script: mkdir -p "$WB_PREFIX/lib" && echo started && sleep 300 && touch "$WB_PREFIX/lib/never"
YAML
set +e
"$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$p" build >"$WORK/out" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q started "$CACHE/logs/emscripten-3.1.6/slow.log" 2>/dev/null && break; sleep 0.1; done
kill -INT "$pid"
wait "$pid"; STATUS=$?
set -e
expect_status 130
sleep 0.2
if pgrep -f "sleep 300" >/dev/null; then fail "the build's child process survived"; fi
[[ -z "$(find "$CACHE/builds" -name result.json 2>/dev/null)" ]] || fail "an interrupted build left a result"
[[ -z "$(find "$CACHE/builds" -name never 2>/dev/null)" ]] || fail "the build went on"
pass "interrupt"
