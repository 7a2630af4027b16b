#!/usr/bin/env bash
# Requests/s and p99 latency of well-behaved clients (wrk) against `wasm-build index serve`, with no
# attack, while 300 slowloris connections drip request heads, and while 260 idle keep-alive
# connections sit on their slots; one invocation, loopback only, every phase bounded in time.
#
#   bench/serve/slowloris.sh [WASM_BUILD_BIN]
# Environment: DURATION (seconds per phase, default 10), CONNECTIONS (wrk's, default 16),
# SLOW (default 300), IDLE (default 260), SERVE_ARGS (extra `index serve` options).
set -euo pipefail
WB_SOURCE_DIR=${WB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
WASM_BUILD_BIN=${1:-${WASM_BUILD_BIN:-}}
[[ -n "$WASM_BUILD_BIN" ]] || { echo "usage: bench/serve/slowloris.sh PATH/TO/wasm-build" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
export WB_SOURCE_DIR WASM_BUILD_BIN
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
SLOW=${SLOW:-300}
IDLE=${IDLE:-260}
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"
ATTACK="$WB_SOURCE_DIR/bench/serve/slow_clients.py"

wb_setup
wb_publish_tree
# shellcheck disable=SC2086
wb_start_serve "$REPO" "$WB_WORK/serve.log" ${SERVE_ARGS:-}
url="${SERVE_URL}simple/"

# wrk for DURATION seconds; prints "REQ_PER_S P99" (p99 as wrk prints it, e.g. 1.20ms).
measure() {
    local out
    out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$url")
    local rps p99 errors
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(grep -o "Socket errors:.*" <<<"$out" || true)
    echo "$rps ${p99:-?} ${errors:+($errors)}"
}

# attack MODE COUNT: runs slow_clients.py for the phase plus set-up time; waits until it holds.
attack() {
    local log="$WB_WORK/attack-$1.log"
    timeout $((DURATION + 20)) "$WB_PY" "$ATTACK" "$SERVE_URL" "$1" "$2" $((DURATION + 8)) >"$log" 2>&1 &
    ATTACK_PID=$!
    wb_pids+=("$ATTACK_PID")
    for _ in $(seq 100); do grep -q holding "$log" && break; sleep 0.1; done
    sleep 2  # let the held connections settle into their slots
}

wrk -t1 -c2 -d1s "$url" >/dev/null  # warm-up
read -r base_rps base_p99 base_err <<<"$(measure)"
attack slowloris "$SLOW"
read -r slow_rps slow_p99 slow_err <<<"$(measure)"
wait "$ATTACK_PID" 2>/dev/null || true
attack idle "$IDLE"
read -r idle_rps idle_p99 idle_err <<<"$(measure)"
wait "$ATTACK_PID" 2>/dev/null || true

echo "wasm-build index serve under slow clients: wrk -c$CONNECTIONS for ${DURATION}s per phase, loopback, $(nproc) cores"
printf '%-40s %12s %12s\n' "phase" "requests/s" "p99"
printf '%-40s %12s %12s %s\n' "no attack" "$base_rps" "$base_p99" "${base_err:-}"
printf '%-40s %12s %12s %s\n' "$SLOW slowloris connections" "$slow_rps" "$slow_p99" "${slow_err:-}"
printf '%-40s %12s %12s %s\n' "$IDLE idle keep-alive connections" "$idle_rps" "$idle_p99" "${idle_err:-}"
python3 -c "import sys; b,s,i=map(float,sys.argv[1:]); print(f'ratio under attack / no attack: slowloris {s/b:.2f}, idle {i/b:.2f}')" \
    "$base_rps" "${slow_rps:-0}" "${idle_rps:-0}"
