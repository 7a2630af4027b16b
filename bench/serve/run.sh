#!/usr/bin/env bash
# Requests/s for small pages of a published tree from `wasm-build index serve` and from nginx with
# the shipped configuration, measured in one run, and their ratio. Loopback only, bounded in time.
#
#   bench/serve/run.sh [WASM_BUILD_BIN]
# Environment: DURATION (seconds per measurement, default 3), ROUNDS (default 3: serve and nginx
# measured alternately, the median kept, so that load from elsewhere hits both), CONNECTIONS (default 32),
# NGINX_WORKERS (default 1: the same single process as serve), WB_BENCH_LOAD=python to force the
# fallback load loop instead of wrk.
set -euo pipefail
WB_SOURCE_DIR=${WB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
WASM_BUILD_BIN=${1:-${WASM_BUILD_BIN:-}}
if [[ -z "$WASM_BUILD_BIN" ]]; then
    echo "usage: bench/serve/run.sh PATH/TO/wasm-build (or set WASM_BUILD_BIN)" >&2
    exit 2
fi
export WB_SOURCE_DIR WASM_BUILD_BIN
DURATION=${DURATION:-3}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
NGINX_WORKERS=${NGINX_WORKERS:-1}
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"

LOADER=wrk
if [[ "${WB_BENCH_LOAD:-}" == python ]] || ! command -v wrk >/dev/null; then
    LOADER=python
    echo "note: wrk not found (apt-get install wrk); using the Python load loop, which measures itself" \
        "as much as the servers" >&2
fi

wb_setup
wb_publish_tree
wb_start_serve "$REPO" "$WB_WORK/serve.log"
mkdir -p "$WB_WORK/nginx"
wb_start_nginx "$REPO" "$WB_WORK/nginx" "$NGINX_WORKERS"

# Prints requests/s for URL with an Accept header; fails on any error response.
measure() {
    local url=$1 accept=$2 out
    if [[ $LOADER == wrk ]]; then
        local header=()
        [[ -n "$accept" ]] && header=(-H "Accept: $accept")
        wrk -t1 -c2 -d1s "${header[@]}" "$url" >/dev/null  # warm-up
        out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s "${header[@]}" "$url")
        if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
            echo "$out" >&2
            wb_fail "errors while loading $url"
        fi
        awk '/^Requests\/sec:/ { printf "%.0f\n", $2 }' <<<"$out"
    else
        "$WB_PY" "$WB_SUPPORT" load "$url" --accept "$accept" --seconds "$DURATION" --connections 4
    fi
}

metadata="packages/demo_pkg-1.0-cp311-cp311-emscripten_3_1_6_wasm32.whl.metadata"
pages=(
    "simple/|application/vnd.pypi.simple.v1+json|/simple/ (PEP 691 JSON)"
    "simple/demo-pkg/|text/html|/simple/demo-pkg/ (HTML)"
    "$metadata||.whl.metadata (PEP 658)"
)
# The median of a list of numbers.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "wasm-build index serve vs nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') ($NGINX_WORKERS worker)," \
    "$LOADER, median of $ROUNDS alternating runs of ${DURATION}s per page, $CONNECTIONS connections, loopback"
printf '%-30s %14s %14s %8s\n' "page" "serve req/s" "nginx req/s" "ratio"
for page in "${pages[@]}"; do
    IFS='|' read -r path accept label <<<"$page"
    ours_runs=() theirs_runs=()
    for _ in $(seq "$ROUNDS"); do
        ours_runs+=("$(measure "${SERVE_URL}${path}" "$accept")")
        theirs_runs+=("$(measure "${NGINX_URL}${path}" "$accept")")
    done
    ours=$(median "${ours_runs[@]}")
    theirs=$(median "${theirs_runs[@]}")
    ratio=$("$WB_PY" -c "print(f'{$ours / $theirs:.2f}')")
    printf '%-30s %14s %14s %8s\n' "$label" "$ours" "$theirs" "$ratio"
done
echo "(ratio = serve / nginx; above 1 means serve answered more requests per second)"
