#!/usr/bin/env bash
# The browser page end to end, in Debian's headless Chromium driven by playwright-core
# (tests/browser/page_run.js): build NumPy, Pillow, lxml and micropip; publish them for the default
# platform (pyemscripten_2026_0); put the page, its editor bundle and the platform's stock Pyodide
# beside them (ci/publish-site); serve the tree with `wasm-build index serve` on a free port; then,
# like a person: type code, press Run, read the output. Checked: NumPy, Pillow and lxml installed
# by micropip from our index and computing; the CodeMirror editor highlighting Python and
# auto-indenting; a second visit taking the runtime from the offline copy instead of downloading it; the package
# picker listing the repository and installing from it; state kept between runs; a traceback;
# Stop; a tampered wheel refused by micropip's sha256 check; a missing wheel named.
source "$(dirname "$0")/lib.sh"

source "$(dirname "$0")/browser_lib.sh"
platform=pyemscripten_2026_0

wb "$WB_SOURCE_DIR" build numpy pillow lxml micropip verified-install --out "$WORK/dist"
expect_status 0
"$WASM_BUILD_BIN" index keygen --out "$WORK/keys" >/dev/null 2>&1 || fail "index keygen failed"
# Published twice: the first publish's timestamp (v1) is kept for the rollback case below.
for round in 1 2; do
  "$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" index publish --for "$platform" --wheels "$WORK/dist/$platform" \
      --out "$WORK/repo" --keys "$WORK/keys" >/dev/null 2>"$WORK/out" || fail "index publish failed"
  [[ $round == 1 ]] && cp "$WORK/repo/metadata/timestamp.json" "$WORK/repo-first-timestamp.json"
done
runtime="$("$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" runtime --platform "$platform" 2>"$WORK/out")" ||
  fail "wasm-build runtime --platform $platform failed"
publish_site() {
  python3 "$WB_SOURCE_DIR/ci/publish-site" --out "$WORK/www" --repo "$WORK/repo" --runtime "$runtime" 2>"$WORK/out" ||
    fail "publish-site failed"
}
publish_site
# Published again: the editor bundle is rebuilt with the same bytes, so it and the runtime keep
# their inodes (hard links to the previous generation) and with them their ETags.
inodes() { stat -L -c %i "$WORK/www/vendor/codemirror.mjs" "$WORK/www/runtime/pyodide.asm.wasm" "$WORK/www/index.html"; }
before="$(inodes)"
publish_site
[[ "$(inodes)" == "$before" ]] || fail "a second publish-site changed unchanged files' inodes"
[[ "$(readlink "$WORK/www")" == www.generations/w000002 ]] || fail "the second publish-site did not make a new generation"
python3 - "$WORK/www" <<'PY' || fail "the served tree is not what the page needs"
import hashlib, json, os, sys
www = sys.argv[1]
manifest = json.load(open(os.path.join(www, "runtime", "runtime.json")))
assert manifest["pyodide"] == "314.0.8" and manifest["lock_info"]["abi_version"] == "2026_0", manifest
pin = manifest["repository"]
assert pin["root_sha256"] == hashlib.sha256(open(os.path.join(www, "metadata", "1.root.json"), "rb").read()).hexdigest()
verifier = os.path.join(www, "packages", pin["verifier"]["file_name"])
assert pin["verifier"]["file_name"].startswith("verified_install-")
assert hashlib.sha256(open(verifier, "rb").read()).hexdigest() == pin["verifier"]["sha256"], pin
assert sorted(manifest["files"]) == sorted(["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                                            "python_stdlib.zip", "pyodide-lock.json"]), manifest["files"]
for name, f in manifest["files"].items():
    data = open(os.path.join(www, "runtime", name), "rb").read()
    assert len(data) == f["size"] and hashlib.sha256(data).hexdigest() == f["sha256"], name
assert sorted(os.listdir(os.path.join(www, "runtime"))) == sorted(list(manifest["files"]) + ["runtime.json"])
assert not os.path.exists(os.path.join(www, "editor")), "web/editor/ (build inputs) was published"
first = open(os.path.join(www, "vendor", "codemirror.mjs"), encoding="utf-8").readline()
assert first.startswith("// CodeMirror for the wasm-build page") and "@codemirror/lang-python@" in first, first
PY

# serve DIR LOG: `index serve` on 127.0.0.1 and a free port; sets SERVED_URL.
servers=()
trap 'for p in "${servers[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
serve() {
  timeout 1800 "$WASM_BUILD_BIN" index serve "$1" --host 127.0.0.1 --port 0 2>"$2" &
  servers+=($!)
  local port=""
  for _ in $(seq 100); do
    port="$(grep -so 'http://127.0.0.1:[0-9]*' "$2" | head -1 | sed 's/.*://')" || true
    [[ -n "$port" ]] && break
    sleep 0.1
  done
  [[ -n "$port" ]] || fail "index serve did not start: $(cat "$2")"
  SERVED_URL="http://127.0.0.1:$port/"
}
serve "$WORK/www" "$WORK/serve.log"
url="$SERVED_URL"

# The lock file's versions, which the picker and the install notes must show.
read -r numpy_v pillow_v lxml_v micropip_v verifier_v < <(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["packages"]
print(*(p[n]["version"] for n in ("numpy", "pillow", "lxml", "micropip", "verified-install")))' "$WORK/www/pyodide-lock.json")

all_code='import io
import numpy as np
from PIL import Image
from lxml import etree
a = np.arange(6.0).reshape(2, 3)
print(a @ np.ones(3))
im = Image.fromarray((a * 40).astype("uint8"))
buf = io.BytesIO(); im.save(buf, "PNG")
print("pillow", im.size, im.getpixel((2, 1)), buf.getvalue()[1:4])
doc = etree.fromstring(b"<r><v>%d</v></r>" % int(a.sum()))
print("lxml", doc.findtext("v"))'
page first --code "$all_code" --visits 2 --profile "$WORK/profile"
check first 'v[0]["state"] == "ready" and "[ 3. 12.]" in v[0]["output"]' \
            '"pillow (3, 2) 200 b\x27PNG\x27" in v[0]["output"] and "lxml 15" in v[0]["output"]' \
            '"Pyodide 314.0.8" in v[0]["ready"]["text"] and "Python 3.14" in v[0]["ready"]["text"]' \
            "\"Installed numpy $numpy_v from the index (verified: signed metadata, sha256 and length)\" in v[0][\"output\"]" \
            "\"Installed pillow $pillow_v\" in v[0][\"output\"] and \"Installed lxml $lxml_v\" in v[0][\"output\"]" \
            'transfer(v[0], "/runtime/pyodide.asm.wasm") > 1000000 and transfer(v[0], "/packages/micropip-'"$micropip_v"'-py3-none-any.whl") > 10000' \
            'v[1]["state"] == "ready" and "[ 3. 12.]" in v[1]["output"]' \
            'transfer(v[1], "/runtime/pyodide.asm.wasm") < 2000 and transfer(v[1], "/runtime/python_stdlib.zip") < 2000' \
            'not [c for c in v[0]["console"] if c.startswith(("error", "pageerror"))]'
python3 - "$WORK/first.json" <<'PY'
import json, sys
v = [json.loads(line) for line in open(sys.argv[1])]
total = lambda visit: sum(d["transfer"] for d in visit["downloads"])
print(f"measured: first visit {total(v[0]) / 1048576:.1f} MiB over the network by the worker, ready in "
      f"{v[0]['load_seconds']:.2f} s, first run (install numpy, Pillow, lxml + compute) {v[0]['run_seconds']:.2f} s; "
      f"second visit ready {v[1]['load_seconds']:.2f} s ({total(v[1]) / 1024:.0f} KiB), run {v[1]['run_seconds']:.2f} s")
PY
pass "NumPy, Pillow and lxml install from the index with micropip and compute; a second visit does not download the runtime again"

# The editor: CodeMirror, Python highlighted (stable tok-* classes), auto-indent after a colon,
# brackets closed as they are typed, Ctrl+Enter runs.
page editor --type 'def f(x):
return [x, {"k": 1}]' --ctrl-enter 'def f(x):
    return x * 2  # twice
print(f(21), "done")'
check editor 'v[0]["editor"]["kind"] == "codemirror"' \
             '"import" in tokens(v[0]["editor"], "tok-keyword") and "numpy" in tokens(v[0]["editor"], "tok-variableName")' \
             'v[0]["runs"][0]["editor"]["text"] == "def f(x):\n    return [x, {\"k\": 1}]"' \
             '{"def", "return"} <= set(tokens(v[0]["runs"][0]["editor"], "tok-keyword"))' \
             '"\"k\"" in tokens(v[0]["runs"][0]["editor"], "tok-string") and "1" in tokens(v[0]["runs"][0]["editor"], "tok-number")' \
             '"# twice" in tokens(v[0]["runs"][1]["editor"], "tok-comment")' \
             'v[0]["runs"][1]["state"] == "ready" and v[0]["runs"][1]["output"].strip() == "42 done"'
pass "the editor is CodeMirror: Python highlighted, auto-indent, closed brackets, Ctrl+Enter runs"

# The picker: the repository's packages with their versions; Install installs with micropip; the
# code then imports it without installing anything.
page picker --install lxml --code 'from lxml import etree
print("lxml", etree.LXML_VERSION[:2])'
check picker 'listed(v[0]) == {"lxml": "'"$lxml_v"'", "micropip": "'"$micropip_v"'", "numpy": "'"$numpy_v"'", "numpy-tests": "'"$numpy_v"'", "pillow": "'"$pillow_v"'", "verified-install": "'"$verifier_v"'"}' \
             'v[0]["runs"][0]["state"] == "ready" and "Installed lxml '"$lxml_v"' from the index" in v[0]["runs"][0]["output"]' \
             'set(v[0]["packages"]["installed"]) >= {"lxml", "micropip"} and "numpy" not in v[0]["packages"]["installed"]' \
             '"Installed" not in v[0]["runs"][1]["output"] and "lxml (" in v[0]["runs"][1]["output"]'
pass "the package picker lists the repository (numpy, pillow, lxml with versions) and installs from it"

# ?code= fills the editor; ?index= takes the package list, micropip and the wheels from another
# repository (the bare repository, served on another port: a cross-origin index, CORS).
serve "$WORK/repo" "$WORK/serve-repo.log"
repo_url="$SERVED_URL"
PAGE_URL="${url}?code=print(6%20*%207)&index=$repo_url" page query --code 'import numpy; print("numpy", numpy.__version__)'
check query 'v[0]["editor"]["text"] == "print(6 * 7)"' \
            '"numpy '"$numpy_v"'" in v[0]["output"] and "Installed numpy" in v[0]["output"]' \
            '[d["url"] for d in v[0]["downloads"] if d["url"].endswith(".whl")] == ["'"$repo_url"'packages/micropip-'"$micropip_v"'-py3-none-any.whl", "'"$repo_url"'packages/'"$(cd "$WORK/repo/packages" && ls numpy-*.whl)"'"]' \
            'any(d["url"] == "'"$repo_url"'pyodide-lock.json" for d in v[0]["downloads"])'
pass "?code= fills the editor; ?index= installs from another repository"

page session --code 'x = 41' --code 'print("persisted", x + 1)' --code 'def f():
    return 1 / 0
f()' --code 'print(1'
check session '[r["state"] for r in v[0]["runs"]] == ["ready"] * 4 and "persisted 42" in v[0]["runs"][1]["output"]' \
              '"ZeroDivisionError: division by zero" in v[0]["runs"][2]["output"] and "    return 1 / 0" in v[0]["runs"][2]["output"]' \
              '"File \"<editor>\", line 3, in <module>\n    f()" in v[0]["runs"][2]["output"]' \
              '"File \"<editor>\", line 2, in f" in v[0]["runs"][2]["output"] and "_pyodide" not in v[0]["runs"][2]["output"]' \
              '"wb_page" not in v[0]["runs"][2]["output"] and "error" in v[0]["runs"][2]["status"]' \
              '"SyntaxError: \x27(\x27 was never closed" in v[0]["runs"][3]["output"]'
pass "the interpreter keeps its state between runs; an exception shows its traceback from the editor's lines"

page stop --code 'while True: pass' --stop-after 3 --code 'print("alive", 6 * 7)'
check stop '"Stopped" in v[0]["runs"][0]["output"] and v[0]["runs"][0]["state"] == "ready"' \
           'v[0]["runs"][1]["output"].strip() == "alive 42"'
pass "Stop ends a runaway loop and Python starts again"

# Attacks on the served repository, each in a new profile unless said: the page verifies the signed
# index (verified_install, pinned by runtime.json) and shows the refusal instead of running code.
# flip FILE: the file's bytes changed in the served tree (a new inode: the published generation
# keeps its own copy); restore FILE puts the original back.
flip() {
  cp -p "$1" "$1.orig"
  python3 - "$1" <<'PY'
import os, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
for at in (len(data) // 3, len(data) // 2):
    data[at] ^= 0x01
os.unlink(path)
open(path, "wb").write(data)
PY
}
restore() { mv -f "$1.orig" "$1"; }

wheel="$(cd "$WORK/www/packages" && ls numpy-*.whl)"
flip "$WORK/www/packages/$wheel"
page tampered --code 'import numpy as np
print(np.arange(6).reshape(2,3) @ np.ones(3))'
check tampered 'v[0]["state"] == "ready" and "[ 3. 12.]" not in v[0]["output"]' \
               '"Refused by the signed index: hash mismatch on packages/'"$wheel"'" in v[0]["output"]' \
               '"the code did not run" in v[0]["status"] and "numpy" not in v[0]["packages"]["installed"]'
restore "$WORK/www/packages/$wheel"
pass "a tampered wheel is refused by the signed index and the page shows the refusal; nothing is installed"

flip "$WORK/www/simple/numpy/index.json"
page tampered-page --code 'import numpy'
check tampered-page '"Refused by the signed index: hash mismatch on simple/numpy/index.json" in v[0]["output"]' \
                    '"numpy" not in v[0]["packages"]["installed"]'
restore "$WORK/www/simple/numpy/index.json"
pass "a tampered simple page is refused by the signed index"

flip "$WORK/www/pyodide-lock.json"
page tampered-lock --code 'print("ran", 6 * 7)'
check tampered-lock '"Refused the package index: hash mismatch on pyodide-lock.json" in v[0]["output"]' \
                    '"ran 42" not in v[0]["output"] and "Refused the package index" in v[0]["status"]'
restore "$WORK/www/pyodide-lock.json"
pass "a tampered lock file: the page refuses the index and runs no code"

# A rollback: a visit trusts timestamp v2 (kept in the profile's IndexedDB); then the server
# offers the older v1 of the first publish.
cp -p "$WORK/www/metadata/timestamp.json" "$WORK/timestamp-now.json"
python3 - "$WORK/www/metadata/timestamp.json" <<'PY' || fail "the served timestamp is not version 2 or more"
import json, sys
assert json.load(open(sys.argv[1]))["signed"]["version"] >= 2
PY
page trusting --profile "$WORK/rollback-profile" --code 'print("ran", 6 * 7)'
check trusting '"ran 42" in v[0]["output"]'
rm "$WORK/www/metadata/timestamp.json" && cp "$WORK/repo-first-timestamp.json" "$WORK/www/metadata/timestamp.json"
page rolled-back --profile "$WORK/rollback-profile" --code 'print("ran", 6 * 7)'
check rolled-back '"Refused the package index: metadata/timestamp.json: rolled back from version" in v[0]["output"]' \
                  '"ran 42" not in v[0]["output"]'
rm "$WORK/www/metadata/timestamp.json" && cp -p "$WORK/timestamp-now.json" "$WORK/www/metadata/timestamp.json"
pass "a rolled-back timestamp is refused against the trust state the browser kept"

rm "$WORK/www/packages/$wheel"
page missing --code 'import numpy'
check missing '"Could not download '"$wheel"'" in v[0]["output"] and "HTTP 404" in v[0]["output"]'
pass "a missing wheel: the page says which download failed"
