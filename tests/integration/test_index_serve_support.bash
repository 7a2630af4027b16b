# Shell helpers sourced by test_index_serve*.sh, test_index_nginx*.sh, test_index_pip*.sh and
# bench/serve/run.sh: publish a test tree, start `wasm-build index serve` and a real nginx on
# 127.0.0.1 with free ports, and stop every process they started when the script exits.
# Needs WASM_BUILD_BIN and WB_SOURCE_DIR.

WB_PY=${WB_PYTHON:-/usr/bin/python3}
[[ -x "$WB_PY" ]] || WB_PY=python3
WB_SUPPORT="$WB_SOURCE_DIR/tests/integration/test_index_serve_support.py"
WB_NGINX_TEMPLATE="$WB_SOURCE_DIR/index/nginx/wasm-build.conf.in"
wb_pids=()
WB_WORK=""

wb_fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Stops a process we started: TERM, then KILL after 5 s.
wb_stop() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

wb_cleanup() {
    local pid
    for pid in "${wb_pids[@]}"; do wb_stop "$pid"; done
    [[ -n "$WB_WORK" ]] && rm -rf "$WB_WORK"
}

# Makes the work directory (readable by nginx's unprivileged workers) and arms the clean-up.
wb_setup() {
    : "${WASM_BUILD_BIN:?set WASM_BUILD_BIN to the wasm-build binary}"
    : "${WB_SOURCE_DIR:?set WB_SOURCE_DIR to the source tree}"
    WB_WORK=$(mktemp -d "${TMPDIR:-/tmp}/wb-serve-test.XXXXXX")
    chmod 755 "$WB_WORK"
    trap wb_cleanup EXIT
}

# Publishes one synthetic wheel (demo-pkg 1.0) with `wasm-build index publish` into $WB_WORK/repo,
# then adds the fixtures a server must refuse. Sets REPO.
wb_publish_tree() {
    mkdir -p "$WB_WORK/wheels"
    "$WB_PY" "$WB_SUPPORT" make-wheel "$WB_WORK/wheels" --version 1.0 >/dev/null
    "$WASM_BUILD_BIN" index keygen --out "$WB_WORK/keys" 2>"$WB_WORK/keygen.log" || {
        cat "$WB_WORK/keygen.log" >&2
        wb_fail "index keygen failed"
    }
    wb_republish
    "$WB_PY" "$WB_SUPPORT" add-fixtures "$REPO"
}

# Publishes $WB_WORK/wheels again (after a wheel was added).
wb_republish() {
    REPO="$WB_WORK/repo"
    "$WASM_BUILD_BIN" index publish --wheels "$WB_WORK/wheels" --out "$REPO" --keys "$WB_WORK/keys" \
        2>"$WB_WORK/publish.log" || {
        cat "$WB_WORK/publish.log" >&2
        wb_fail "index publish failed"
    }
}

# Starts `wasm-build index serve DIR --port 0 ARGS...`; sets SERVE_PID and SERVE_URL (from stderr).
wb_start_serve() {
    local dir=$1 log=$2
    shift 2
    : >"$log"
    "$WASM_BUILD_BIN" index serve "$dir" --port 0 "$@" 2>"$log" &
    SERVE_PID=$!
    wb_pids+=("$SERVE_PID")
    SERVE_URL=""
    for _ in $(seq 100); do
        SERVE_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -1 || true)
        [[ -n "$SERVE_URL" ]] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$log" >&2
    wb_fail "index serve did not start"
}

# Starts Debian's nginx on a free port with the shipped configuration for DIR; sets NGINX_PID and
# NGINX_URL. WORKERS (default 1) sets worker_processes.
wb_start_nginx() {
    local dir=$1 prefix=$2 workers=${3:-1} port conf
    # Cannot run without nginx: skipped (exit 77), never passed.
    command -v nginx >/dev/null || { echo "SKIP: nginx is not installed (ci/setup.sh installs nginx-light)"; exit 77; }
    for _ in 1 2 3; do
        port=$("$WB_PY" "$WB_SUPPORT" free-port)
        conf=$("$WB_PY" "$WB_SUPPORT" render-nginx --template "$WB_NGINX_TEMPLATE" --prefix "$prefix" \
            --root "$dir" --port "$port" --workers "$workers")
        nginx -p "$prefix" -e "$prefix/logs/error.log" -c "$conf" -g 'daemon off;' 2>>"$prefix/logs/stderr.log" &
        NGINX_PID=$!
        wb_pids+=("$NGINX_PID")
        NGINX_URL="http://127.0.0.1:$port/"
        for _ in $(seq 100); do
            kill -0 "$NGINX_PID" 2>/dev/null || break
            if curl -s -o /dev/null --max-time 2 "$NGINX_URL"; then return 0; fi
            sleep 0.1
        done
        wb_stop "$NGINX_PID"  # the port was taken meanwhile, or nginx refused the configuration
    done
    cat "$prefix/logs/stderr.log" "$prefix/logs/error.log" >&2 2>/dev/null || true
    wb_fail "nginx did not start"
}
