#!/usr/bin/env bash
# verified_install (python/verified-install) in stock Pyodide 314 under Node installs numpy from our
# signed repository served by `wasm-build index serve`, every byte checked against the signed
# metadata; a tampered wheel, a tampered simple page and a rolled-back timestamp are each refused
# with a message naming what was wrong, nothing is installed, and the trust state is unchanged.
source "$(dirname "$0")/lib.sh"
export WASM_BUILD_BIN WB_SOURCE_DIR
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"
wb_setup
P=pyemscripten_2026_0

wb "$WB_SOURCE_DIR" build numpy pillow lxml micropip verified-install --platform $P --out "$WORK/dist"
expect_status 0
runtime=$("$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" runtime --platform $P) || fail "runtime"
"$WASM_BUILD_BIN" index keygen --out "$WORK/keys" 2>/dev/null || fail "keygen"
publish() {
  "$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" index publish --for $P --wheels "$WORK/dist/$P" --out "$1" \
      --keys "$WORK/keys" 2>"$WORK/publish.log" || { cat "$WORK/publish.log" >&2; fail "publish"; }
}
publish "$WORK/repo"
cp -a "$(readlink -f "$WORK/repo")" "$WORK/gen1"
publish "$WORK/repo"   # timestamp v2
cp "$WORK/repo/metadata/1.root.json" "$WORK/trusted.json"
numpy_wheel=$(cd "$WORK/repo/packages" && ls numpy-*.whl)
vi_wheel=$(ls "$WORK/dist/$P"/verified_install-*.whl)

# A served copy of the tree with one change (a fresh inode: generations share files by hard links).
bad_tree() { cp -a "$(readlink -f "$WORK/repo")" "$WORK/$1"; cp "$WORK/$1/$2" "$WORK/$1/$2.new"; rm "$WORK/$1/$2"; mv "$WORK/$1/$2.new" "$WORK/$1/$2"; }
bad_tree bad-wheel "packages/$numpy_wheel"
python3 - "$WORK/bad-wheel/packages/$numpy_wheel" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read()); data[len(data) // 2] ^= 1
open(sys.argv[1], "wb").write(bytes(data))
PY
bad_tree bad-page simple/numpy/index.json
sed -i 's/"requires-python":"[^"]*"/"requires-python":">=3.0"/' "$WORK/bad-page/simple/numpy/index.json"
cmp -s "$WORK/bad-page/simple/numpy/index.json" "$WORK/repo/simple/numpy/index.json" && fail "the page was not changed"

state_digest() { find "$WORK/state" -type f -exec sha256sum {} + 2>/dev/null | sort | sha256sum; }
# install TREE_URL PACKAGE...: one fresh Pyodide; output in $WORK/out.
install() {
  python3 - "$runtime" "$vi_wheel" "$WORK" "$WB_SOURCE_DIR/tests/e2e" "$@" >"$WORK/request.json" <<'PY'
import json, sys
runtime, wheel, work, here, url, *packages = sys.argv[1:]
code = f"import sys; sys.path.insert(0, {here!r})\nimport verified_install_case as c\nawait c.main()\n"
json.dump({"pyodide": runtime, "wheels": [wheel], "mounts": [work, here], "cwd": work, "code": code,
           "argv": ["case", url, work + "/trusted.json", work + "/state", *packages]}, sys.stdout)
PY
  timeout 600 node "$WB_SOURCE_DIR/builder/runtime/tools/wb_pyodide.js" "$WORK/request.json" >"$WORK/out" 2>&1 \
      || fail "Pyodide run for $1"
}
for tree in repo gen1 bad-wheel bad-page; do
  wb_start_serve "$WORK/$tree" "$WORK/serve-$tree.log"
  eval "URL_${tree//-/_}=$SERVE_URL"
done

install "$URL_repo" numpy
expect_output '^installed: numpy-.*\.whl with (webcrypto|python) versions .*timestamp.: 2'
expect_output '^computed: \[\[5\.0, 14\.0\], \[14\.0, 50\.0\]\]$'
grep '^installed:' "$WORK/out"
pass "numpy installed from the verified index and computes"

before=$(state_digest)
# refused URL MESSAGE-REGEX WHAT: numpy from URL is refused with MESSAGE; nothing installed, the
# trust state unchanged.
refused() {
  install "$1" numpy
  expect_output "^refused: $2"
  expect_output '^nothing installed: numpy$'
  [[ "$(state_digest)" == "$before" ]] || fail "the trust state changed after a refusal"
  grep '^refused:' "$WORK/out" | cut -c1-160
  pass "$3 is refused, nothing installed"
}
refused "$URL_bad_wheel" "hash mismatch on packages/$numpy_wheel: expected sha256" "a tampered wheel"
refused "$URL_bad_page" "hash mismatch on simple/numpy/index.json: expected sha256" "a tampered simple page"
refused "$URL_gen1" 'metadata/timestamp.json: rolled back from version 2 to 1$' "a rolled-back timestamp"
