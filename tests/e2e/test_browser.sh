#!/usr/bin/env bash
# The browser page end to end, in Debian's headless Chromium driven by playwright-core
# (tests/browser/): publish a repository with NumPy (and Pillow and lxml when their recipes exist),
# put the page and the browser runtime beside it (ci/publish-site), serve it with
# `wasm-build index serve` on a free port, type code, press Run, read the output. Then: a second
# visit does not download the runtime again; state persists between runs; an exception shows its
# traceback; Stop ends a runaway loop; a tampered wheel is refused; a missing wheel says which
# download failed.
source "$(dirname "$0")/lib.sh"

browser_dir="$WB_SOURCE_DIR/tests/browser"
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing (ci/setup.sh installs Debian's chromium)"
[[ -d "$browser_dir/node_modules/playwright-core" ]] || fail "playwright-core is missing: run npm ci in tests/browser (ci/setup.sh does)"

# WB_BROWSER_TARGETS="numpy" narrows the packages (default: NumPy, and Pillow and lxml if they exist).
if [[ -n "${WB_BROWSER_TARGETS:-}" ]]; then
  read -ra targets <<<"$WB_BROWSER_TARGETS"
else
  targets=(numpy)
  for t in pillow lxml; do [[ -f "$WB_SOURCE_DIR/recipes/$t/meta.yaml" ]] && targets+=("$t"); done
fi
wb "$WB_SOURCE_DIR" --json build "${targets[@]}" --out "$WORK/dist"
expect_status 0
# WB_BROWSER_RUNTIME=DIR tries another browser runtime (python.js, python.wasm, python.data).
runtime="${WB_BROWSER_RUNTIME:-$(python3 -c '
import json, sys
r = [x for x in json.load(open(sys.argv[1]))["results"] if x["type"] == "runtime"][0]
print(r["dir"] + "/prefix/browser")' "$WORK/stdout")}"
[[ -f "$runtime/python.wasm" && -f "$runtime/python.data" ]] || fail "the runtime has no browser build in $runtime"

"$WASM_BUILD_BIN" index keygen --out "$WORK/keys" >/dev/null 2>&1
"$WASM_BUILD_BIN" index publish --wheels "$WORK/dist" --out "$WORK/repo" --keys "$WORK/keys" >/dev/null 2>&1 ||
  fail "index publish failed"
python3 "$WB_SOURCE_DIR/ci/publish-site" --out "$WORK/www" --repo "$WORK/repo" --runtime "$runtime" 2>/dev/null ||
  fail "publish-site failed"

server_pid=""
trap '[[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$WORK"' EXIT
timeout 1800 "$WASM_BUILD_BIN" index serve "$WORK/www" --host 127.0.0.1 --port 0 2>"$WORK/serve.log" &
server_pid=$!
for _ in $(seq 100); do
  PORT="$(grep -so 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1 | sed 's/.*://')" || true
  [[ -n "${PORT:-}" ]] && break
  sleep 0.1
done
[[ -n "${PORT:-}" ]] || fail "index serve did not start: $(cat "$WORK/serve.log")"
url="http://127.0.0.1:$PORT/"

# page NAME ARGS...: runs the page driver; one JSON line per visit in $WORK/NAME.json.
page() {
  local name="$1"; shift
  node "$browser_dir/page_run.js" --url "$url" "$@" >"$WORK/$name.json" 2>"$WORK/$name.err" ||
    { cat "$WORK/$name.err" >&2; fail "the page driver failed ($name)"; }
  cp "$WORK/$name.json" "$WORK/out"
}
# check NAME PYTHON-EXPRESSIONS...: asserts on the visits v[0], v[1], ... of a page run.
check() {
  local name="$1"; shift
  python3 - "$WORK/$name.json" "$@" <<'PY' || fail "page check failed ($name)"
import json, sys
v = [json.loads(line) for line in open(sys.argv[1])]
def transfer(visit, suffix):
    return sum(d["transfer"] for d in (visit.get("downloads") or []) if d["url"].endswith(suffix))
for expr in sys.argv[2:]:
    if not eval(expr):
        print("false:", expr, file=sys.stderr)
        print(json.dumps(v, indent=1)[:6000], file=sys.stderr)
        sys.exit(1)
PY
}

numpy_code='import numpy as np
print(np.arange(6).reshape(2,3) @ np.ones(3))'
page numpy --code "$numpy_code" --visits 2 --profile "$WORK/profile"
check numpy 'v[0]["state"] == "ready" and "[ 3. 12.]" in v[0]["output"]' \
            '"Installed numpy 1.19.5" in v[0]["output"] and "sha256 checked" in v[0]["output"]' \
            'transfer(v[0], "/runtime/python.wasm") > 1000000' \
            'v[1]["state"] == "ready" and "[ 3. 12.]" in v[1]["output"]' \
            'transfer(v[1], "/runtime/python.wasm") < 2000 and transfer(v[1], "/runtime/python.data") < 2000'
python3 - "$WORK/numpy.json" <<'PY'
import json, sys
v = [json.loads(line) for line in open(sys.argv[1])]
rt = sum(d["size"] for d in (v[0].get("downloads") or []) if "/runtime/python." in d["url"])
print(f"measured: runtime {rt / 1048576:.1f} MiB; page ready cold {v[0]['load_seconds']:.2f} s, "
      f"warm {v[1]['load_seconds']:.2f} s; numpy run (install + import + compute) cold {v[0]['run_seconds']:.2f} s, "
      f"warm {v[1]['run_seconds']:.2f} s")
PY
pass "NumPy runs in the page; the second visit does not download the runtime again"

if [[ " ${targets[*]} " == *" pillow "* && " ${targets[*]} " == *" lxml "* ]]; then
  page others --code 'from PIL import Image
from lxml import etree
im = Image.new("RGB", (4, 3), "red")
print("pillow", im.size, im.getpixel((0, 0)))
print("lxml", etree.tostring(etree.fromstring("<a><b>x</b></a>")[0]).decode())'
  check others '"pillow (4, 3) (255, 0, 0)" in v[0]["output"] and "lxml <b>x</b>" in v[0]["output"]'
  pass "Pillow and lxml run in the page"
fi

page session --code 'x = 41' --code 'print("persisted", x + 1)' --code 'def f():
    return 1 / 0
f()'
check session '[r["state"] for r in v[0]["runs"]] == ["ready"] * 3 and "persisted 42" in v[0]["runs"][1]["output"]' \
              '"ZeroDivisionError: division by zero" in v[0]["output"] and "return 1 / 0" in v[0]["output"]' \
              '"line 3" in v[0]["output"] and "wb_page" not in v[0]["output"] and "error" in v[0]["status"]'
pass "the interpreter keeps its state between runs; an exception shows its traceback"

page stop --code 'while True: pass' --stop-after 3 --code 'print("alive", 6 * 7)'
check stop '"Stopped" in v[0]["runs"][0]["output"] and v[0]["runs"][1]["output"].strip() == "alive 42"'
pass "Stop ends a runaway loop and Python starts again"

# A wheel changed after publishing: refused before it is used, with a message that says so.
wheel="$(cd "$WORK/www/packages" && ls numpy-*.whl)"
python3 - "$WORK/www/packages/$wheel" <<'PY'
import os, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[len(data) // 2] ^= 0xFF
os.unlink(path)  # a new inode: the published generation keeps its own copy
open(path, "wb").write(data)
PY
page tampered --code "$numpy_code"
check tampered 'v[0]["state"] == "ready" and "[ 3. 12.]" not in v[0]["output"]' \
               '"Refused '"$wheel"': its sha256 is" in v[0]["output"]' \
               '"it was not used" in v[0]["status"]'
pass "a tampered wheel is refused"

rm "$WORK/www/packages/$wheel"
page missing --code "$numpy_code"
check missing '"Could not download '"$wheel"'" in v[0]["output"] and "HTTP 404" in v[0]["output"]'
pass "a failed download says which file and why"
