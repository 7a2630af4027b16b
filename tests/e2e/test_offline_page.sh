#!/usr/bin/env bash
# The page as a static site that keeps working offline, in Debian's headless Chromium: `wasm-build
# site export` (NumPy, Pillow, lxml, micropip, the page and stock Pyodide 314 as one directory of
# copies) served by a plain `python3 -m http.server`. Checked: a first visit online fills the
# service worker's offline copy (runtime files and wheels, by their published sha256); with the
# network cut (playwright's offline mode, and the server stopped) a second visit starts Python and
# runs NumPy code from that copy; a damaged cached wheel is refused at the next start; a new export
# replaces exactly what changed (the wheels no longer published are evicted, NumPy's is kept); a
# picked file is read by Python and a file Python wrote is saved as a download; the code is kept
# across visits and shared as a link whose fragment never reaches the server; the offline copy can
# be cleared. Prints the first-visit bytes and time and the offline visit's time to the first result.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/browser_lib.sh"

platform=pyemscripten_2026_0
"$WASM_BUILD_BIN" index keygen --out "$WORK/keys" >/dev/null 2>&1 || fail "index keygen failed"
export_site() {
  wb "$WB_SOURCE_DIR" site export "$WORK/site" --platform "$platform" --keys "$WORK/keys" "$@"
  expect_status 0
}
export_site numpy pillow lxml
runtime="$("$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" runtime --platform "$platform" 2>/dev/null)" || fail "wasm-build runtime failed"
python3 - "$WORK/site" "$runtime" <<'PY' || fail "the exported tree is not a self-contained site"
import hashlib, json, os, sys
site, runtime = sys.argv[1:]
names = set(os.listdir(site))
for need in ("index.html", "app.js", "worker.mjs", "sw.js", "vendor", "runtime", "pyodide-lock.json", "simple", "metadata"):
    assert need in names, need
wheels = sorted(n for n in os.listdir(os.path.join(site, "packages")) if n.endswith(".whl"))
assert [w.split("-")[0] for w in wheels] == ["lxml", "micropip", "numpy", "numpy_tests", "pillow", "verified_install"], wheels
assert json.load(open(os.path.join(site, "runtime", "runtime.json"))).get("repository"), "runtime.json pins no repository"
timestamp = json.load(open(os.path.join(site, "metadata", "timestamp.json")))["signed"]["expires"]
assert timestamp[:4] >= "2027", f"an export's timestamp must outlive the day it was made: {timestamp}"
manifest = json.load(open(os.path.join(site, "runtime", "runtime.json")))
for name, f in manifest["files"].items():
    path = os.path.join(site, "runtime", name)
    data = open(path, "rb").read()
    assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["size"], name
    # copies, not links into the store: editing the export cannot change the store's runtime
    assert os.stat(path).st_ino != os.stat(os.path.join(runtime, name)).st_ino, name
for dirpath, dirs, files in os.walk(site):
    assert not any(os.path.islink(os.path.join(dirpath, f)) for f in files + dirs), dirpath
PY
pass "site export writes the page, stock Pyodide and the signed repository as one directory of copies"

mkdir -p "$WORK/not-a-site" && echo keep >"$WORK/not-a-site/notes.txt"
wb "$WB_SOURCE_DIR" site export "$WORK/not-a-site" --platform "$platform" --keys "$WORK/keys" numpy
expect_status 1
expect_output "not-a-site exists and is not an earlier export"
[[ "$(cat "$WORK/not-a-site/notes.txt")" == keep ]] || fail "a refused export changed the directory"
pass "site export refuses to replace a directory that is not an earlier export"

# A plain static server on a fixed port: the offline copy belongs to the origin (host and port), so
# the server is started again on the same port after the network was cut.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
server=""
start_server() {
  python3 -u -m http.server --bind 127.0.0.1 --directory "$WORK/site" "$port" >>"$WORK/http.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/index.html" && return
    sleep 0.1
  done
  fail "python3 -m http.server did not start: $(tail -5 "$WORK/http.log")"
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }
trap 'stop_server; rm -rf "$WORK"' EXIT
start_server
url="http://127.0.0.1:$port/"

numpy_code='import numpy as np
print(np.arange(6).reshape(2, 3) @ np.ones(3))'
all_code='import io
import numpy as np
from PIL import Image
from lxml import etree
a = np.arange(6.0).reshape(2, 3)
print(a @ np.ones(3))
im = Image.fromarray((a * 40).astype("uint8"))
buf = io.BytesIO(); im.save(buf, "PNG")
print("pillow", im.size, buf.getvalue()[1:4])
print("lxml", etree.fromstring(b"<r><v>%d</v></r>" % int(a.sum())).findtext("v"))'
cached() { echo 'sorted(e["path"] for e in v[0]["offline"]["entries"])'; }

# First visit, online: everything comes from the static server and is kept in the offline copy.
page online --profile "$WORK/profile" --code "$all_code"
check online 'v[0]["state"] == "ready" and "[ 3. 12.]" in v[0]["output"] and "pillow (3, 2) b\x27PNG\x27" in v[0]["output"]' \
             '"lxml 15" in v[0]["output"] and "MiB downloaded" in v[0]["ready"]["text"]' \
             'v[0]["offline"]["controlled"] and transfer(v[0], "/runtime/pyodide.asm.wasm") > 1000000' \
             "set($(cached)) >= {'runtime/pyodide.mjs', 'runtime/pyodide.asm.mjs', 'runtime/pyodide.asm.wasm', 'runtime/python_stdlib.zip'}" \
             "sorted(p.split('/')[1].split('-')[0] for p in $(cached) if p.endswith('.whl')) == ['lxml', 'micropip', 'numpy', 'pillow', 'verified_install']" \
             '"verified: signed metadata" in v[0]["output"]' \
             'not [c for c in v[0]["console"] if c.startswith(("error", "pageerror"))]'
pass "a first visit online runs NumPy, Pillow and lxml (verified) and keeps the runtime and the 5 wheels it used for offline use"

# The network cut: the server stopped and the browser offline.
stop_server
page offline --profile "$WORK/profile" --offline 1 --code "$numpy_code"
check offline 'v[0]["state"] == "ready" and v[0]["output"].strip().endswith("[ 3. 12.]")' \
              '"runtime from the offline copy" in v[0]["ready"]["text"]' \
              'all(d["source"] == "offline-copy" for d in v[0]["downloads"] if "/runtime/" in d["url"] or d["url"].endswith(".whl"))' \
              'sum(d["transfer"] for d in v[0]["downloads"]) == 0'
pass "with no network a second visit starts Python and runs NumPy from the offline copy"
python3 - "$WORK/online.json" "$WORK/offline.json" <<'PY'
import json, sys
first, second = (json.loads(open(p).readline()) for p in sys.argv[1:])
total = sum(d["transfer"] for d in first["downloads"])
print(f"measured: first visit {total / 1048576:.1f} MiB from the static server, Python ready in {first['load_seconds']:.2f} s, "
      f"first result (install NumPy, Pillow, lxml + compute) after {first['load_seconds'] + first['run_seconds']:.2f} s; "
      f"second visit offline: ready in {second['load_seconds']:.2f} s, first NumPy result after "
      f"{second['load_seconds'] + second['run_seconds']:.2f} s")
PY

# After a new export without Pillow and lxml (online again): the wheels no longer published leave the
# offline copy; NumPy's wheel and the runtime stay, and are not downloaded again.
export_site numpy
start_server
page republished --profile "$WORK/profile" --code "$numpy_code"
check republished 'v[0]["output"].strip().endswith("[ 3. 12.]")' \
                  'transfer(v[0], ".asm.wasm") == 0 and transfer(v[0], ".whl") == 0' \
                  "not [p for p in $(cached) if p.startswith(('packages/pillow-', 'packages/lxml-'))]" \
                  "[p for p in $(cached) if p.startswith('packages/numpy-') and p.endswith('.whl')]" \
                  "'runtime/pyodide.asm.wasm' in $(cached)"
pass "a new export replaces exactly what changed: wheels no longer published are evicted, the rest is kept"

# Damage on disk, offline: the cached NumPy wheel's bytes changed; the next start refuses it.
stop_server
numpy_wheel="$(cd "$WORK/site/packages" && ls numpy-*.whl)"
page tamper --profile "$WORK/profile" --offline 1 --tamper-cache "/$numpy_wheel"
check tamper 'v[0]["runs"][0]["tampered"] == "packages/'"$numpy_wheel"'"'
page damaged --profile "$WORK/profile" --offline 1 --code "$numpy_code"
check damaged '"[ 3. 12.]" not in v[0]["output"] and "numpy" not in v[0]["packages"]["installed"]' \
              '"Could not download numpy-" in v[0]["output"] and "Offline copy damaged" in v[0]["output"]' \
              "not [p for p in $(cached) if p.startswith('packages/numpy-') and p.endswith('.whl')]"
pass "a damaged cached wheel is refused at the next start and dropped from the offline copy"

start_server
page repaired --profile "$WORK/profile" --code "$numpy_code"
check repaired 'v[0]["output"].strip().endswith("[ 3. 12.]") and transfer(v[0], ".whl") > 1000000'
pass "online again, the damaged wheel is downloaded anew"

# The person's files and code stay in the tab.
printf '3\n4\n5\n' >"$WORK/numbers.txt"
page files --profile "$WORK/profile2" --downloads-dir "$WORK" --pick "$WORK/numbers.txt" \
  --code 'values = [int(x) for x in open("numbers.txt").read().split()]
print("sum", sum(values))
open("result.txt", "w").write(f"sum={sum(values)}\n")' --download result.txt --share 1
check files '"Added numbers.txt (6 bytes)" in v[0]["runs"][0]["output"] and "sum 12" in v[0]["runs"][1]["output"]' \
            '[f["name"] for f in v[0]["files"]] == ["numbers.txt", "result.txt"]' \
            'v[0]["runs"][2]["downloaded"] == {"name": "result.txt", "text": "sum=12\n"}' \
            '"#code=" in v[0]["runs"][3]["link"]'
link="$(python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["runs"][3]["link"])' "$WORK/files.json")"
page kept --profile "$WORK/profile2"
check kept 'v[0]["editor"]["text"].startswith("values = [int(x)")'
PAGE_URL="$link" page shared --profile "$WORK/profile3"
check shared 'v[0]["editor"]["text"].startswith("values = [int(x)") and v[0]["editor"]["text"].endswith("\\n\")")'
! grep -q "code=" "$WORK/http.log" || fail "the code reached the server: $(grep "code=" "$WORK/http.log" | head -2)"
pass "a picked file is read by Python, a written one is downloaded; the code is kept and shared in the link's fragment only"

page clear --profile "$WORK/profile" --clear-offline 1
check clear 'v[0]["offline"]["entries"] == []'
pass "the offline copy can be cleared from the page"
