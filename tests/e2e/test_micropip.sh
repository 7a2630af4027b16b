#!/usr/bin/env bash
# micropip, the real one (its wheel from PyPI, pinned by a recipe), inside stock Pyodide 314 and 315
# under Node, installs numpy, Pillow and lxml with their dependencies from our signed repository —
# served by `wasm-build index serve` and by nginx with the shipped configuration — then computes
# with them; micropip.freeze() must agree with our lock file (versions and sha256).
source "$(dirname "$0")/lib.sh"
export WASM_BUILD_BIN WB_SOURCE_DIR
source "$WB_SOURCE_DIR/tests/integration/test_index_serve_support.bash"
wb_setup
chmod 755 "$WORK"  # nginx workers run unprivileged and must reach the trees under it

wb "$WB_SOURCE_DIR" build numpy pillow lxml micropip --out "$WORK/dist"
expect_status 0
"$WASM_BUILD_BIN" index keygen --out "$WORK/keys" 2>/dev/null || fail "keygen"
code='
import io, numpy as np
from PIL import Image
from lxml import etree
a = np.arange(6.0).reshape(2, 3)
im = Image.fromarray((a * 40).astype("uint8"))
buf = io.BytesIO(); im.save(buf, "PNG")
doc = etree.fromstring(b"<r><v>%d</v></r>" % int(a.sum()))
print("computed:", (a @ a.T).tolist(), im.size, len(buf.getvalue()) > 0, doc.findtext("v"))
'
# publish DIR PLATFORM [BASE_URL]: the platform's wheels as a signed repository at DIR.
publish() {
  "$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" index publish --for "$2" --wheels "$WORK/dist/$2" --out "$1" \
      --keys "$WORK/keys" ${3:+--base-url "$3"} 2>"$WORK/publish.log" || { cat "$WORK/publish.log" >&2; fail "publish"; }
}
for platform in pyemscripten_2026_0 pyemscripten_2026_5; do
  runtime=$("$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" runtime --platform "$platform") || fail "runtime"
  # micropip 0.11 does not resolve relative URLs in PEP 691 JSON pages: each server gets a repository
  # published for its own address (the tree is a symlink the republish swaps under the running server).
  publish "$WORK/repo-serve-$platform" "$platform"
  wb_start_serve "$WORK/repo-serve-$platform" "$WORK/serve.log"
  publish "$WORK/repo-serve-$platform" "$platform" "$SERVE_URL"
  publish "$WORK/repo-nginx-$platform" "$platform"
  mkdir -p "$WORK/nginx-$platform"
  wb_start_nginx "$WORK/repo-nginx-$platform" "$WORK/nginx-$platform"
  publish "$WORK/repo-nginx-$platform" "$platform" "$NGINX_URL"
  for server in "$SERVE_URL" "$NGINX_URL"; do
    repo="$WORK/repo-serve-$platform"; [[ "$server" == "$NGINX_URL" ]] && repo="$WORK/repo-nginx-$platform"
    micropip=$(cd "$repo/packages" && ls micropip-*.whl)
    timeout 600 node "$WB_SOURCE_DIR/tests/e2e/micropip_install.js" "$runtime" "$server" "$micropip" "$code" \
        numpy pillow lxml >"$WORK/out" 2>&1 || fail "micropip in $platform from $server"
    expect_output '^computed: \[\[5\.0, 14\.0\], \[14\.0, 50\.0\]\] \(3, 2\) True 15$'
    tail -1 "$WORK/out" >"$WORK/freeze.json"
    python3 - "$WORK/freeze.json" "$repo/pyodide-lock.json" <<'PY' || fail "micropip.freeze() against our lock file"
import json, sys
frozen = json.load(open(sys.argv[1]))["packages"]
ours = json.load(open(sys.argv[2]))["packages"]
for name in ("numpy", "pillow", "lxml"):
    f, o = frozen[name], ours[name]
    assert f["version"] == o["version"], (name, f["version"], o["version"])
    assert f["sha256"] == o["sha256"], (name, f["sha256"], o["sha256"])
print("freeze agrees with the lock file:", ", ".join(f"{n} {frozen[n]['version']}" for n in ("numpy", "pillow", "lxml")))
PY
    pass "micropip in stock Pyodide ($platform) installs numpy, Pillow, lxml from $server and they compute"
  done
  wb_stop "$SERVE_PID"; wb_stop "$NGINX_PID"
done
