#!/usr/bin/env bash
# Debian's pip resolves and downloads our wheel from `wasm-build index serve` and from nginx with
# the shipped configuration, for the emscripten platform, its hash checks passing; after the wheel
# is tampered with (the index still naming the published hash), pip refuses it on both servers.
set -euo pipefail
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"

PIP_PY=${WB_PIP_PYTHON:-/usr/bin/python3}
if ! "$PIP_PY" -m pip --version >/dev/null 2>&1; then
    echo "SKIP: pip is not installed for $PIP_PY (ci/setup.sh installs python3-pip)"
    exit 77
fi
wb_setup
wb_publish_tree
WHEEL=demo_pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl
published_sha=$(sha256sum "$REPO/packages/$WHEEL" | cut -d' ' -f1)

wb_start_serve "$REPO" "$WB_WORK/serve.log"
mkdir -p "$WB_WORK/nginx"
wb_start_nginx "$REPO" "$WB_WORK/nginx"

# pip download with the target's tags; prints pip's output to the log, returns pip's status.
pip_download() {
    local index=$1 dest=$2 log=$3
    timeout 120 "$PIP_PY" -m pip download --isolated --no-cache-dir --disable-pip-version-check --no-input \
        --retries 0 --timeout 10 --no-deps --index-url "${index}simple/" \
        --platform pyemscripten_2026_0_wasm32 --only-binary=:all: --python-version 3.14 --implementation cp \
        --abi cp314 -d "$dest" demo-pkg >"$log" 2>&1
}

for server in serve nginx; do
    url=$SERVE_URL
    [[ $server == nginx ]] && url=$NGINX_URL
    if ! pip_download "$url" "$WB_WORK/out-$server" "$WB_WORK/pip-$server.log"; then
        cat "$WB_WORK/pip-$server.log" >&2
        if grep -q "unhashable type: 'dict'" "$WB_WORK/pip-$server.log"; then
            echo "hint: the JSON simple page has the pre-PEP 714 key \"dist-info-metadata\" as a dict;" \
                "pip 22.3 to 23.1 (Debian 12 ships 23.0.1) crash on it. Emit only \"core-metadata\" in JSON." >&2
        fi
        wb_fail "pip download from $server failed"
    fi
    got=$(sha256sum "$WB_WORK/out-$server/$WHEEL" | cut -d' ' -f1)
    [[ "$got" == "$published_sha" ]] || wb_fail "pip from $server saved a wheel with sha256 $got"
    echo "pip downloaded $WHEEL from $server"
done

# Tamper with the served wheel (a new file renamed over it, as an attacker with write access
# would); the index pages still carry the published hash.
real=$(realpath "$REPO")
cp "$real/packages/$WHEEL" "$WB_WORK/tampered.whl"
printf 'tampered' >>"$WB_WORK/tampered.whl"
mv "$WB_WORK/tampered.whl" "$real/packages/$WHEEL"
for server in serve nginx; do
    url=$SERVE_URL
    [[ $server == nginx ]] && url=$NGINX_URL
    if pip_download "$url" "$WB_WORK/bad-$server" "$WB_WORK/pip-bad-$server.log"; then
        cat "$WB_WORK/pip-bad-$server.log" >&2
        wb_fail "pip accepted a tampered wheel from $server"
    fi
    grep -q 'Expected sha256 '"$published_sha" "$WB_WORK/pip-bad-$server.log" ||
        { cat "$WB_WORK/pip-bad-$server.log" >&2; wb_fail "pip failed from $server, but not on the hash check"; }
    [[ ! -e "$WB_WORK/bad-$server/$WHEEL" ]] || wb_fail "pip left the tampered wheel from $server in place"
    echo "pip refused the tampered wheel from $server"
done
echo "test_index_pip: ok"
