#!/usr/bin/env bash
# The shipped nginx configuration (index/nginx/wasm-build.conf.in) on Debian's real nginx, serving a
# tree made by `wasm-build index publish`: the same HTTP checks as for `index serve` (PEP 691
# negotiation, CORS, ETag, Range, types, refused paths), a republish seen at once, bounded heads.
set -euo pipefail
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"
wb_setup
wb_publish_tree

mkdir -p "$WB_WORK/nginx"
wb_start_nginx "$REPO" "$WB_WORK/nginx"
echo "nginx at $NGINX_URL"
nginx -t -p "$WB_WORK/nginx" -e "$WB_WORK/nginx/logs/error.log" -c "$WB_WORK/nginx/nginx.conf" 2>"$WB_WORK/nginx-t.log" ||
    { cat "$WB_WORK/nginx-t.log" >&2; wb_fail "nginx -t rejects the configuration"; }
if grep -q '\[warn\]\|\[emerg\]' "$WB_WORK/nginx-t.log"; then
    cat "$WB_WORK/nginx-t.log" >&2
    wb_fail "nginx warns about the configuration"
fi
"$WB_PY" "$WB_SUPPORT" check "$NGINX_URL" "$REPO" nginx || wb_fail "HTTP checks against nginx"

# The tree is a symlink that publish swaps: nginx must follow it afresh (no open_file_cache).
"$WB_PY" "$WB_SUPPORT" make-wheel "$WB_WORK/wheels" --version 1.1 >/dev/null
wb_republish
curl -sf --max-time 10 -H 'Accept: application/vnd.pypi.simple.v1+json' "${NGINX_URL}simple/demo-pkg/" |
    grep -q 'demo_pkg-1.1-' || wb_fail "nginx does not show the republished tree"

status=$("$WB_PY" "$WB_SUPPORT" oversized "$NGINX_URL")
[[ "$status" == 400 || "$status" == 431 || "$status" == 494 ]] ||
    wb_fail "oversized request head: expected a refusal, got $status"

wb_stop "$NGINX_PID"
echo "test_index_nginx: ok"
