#!/usr/bin/env bash
# The Python verifier (python/verified-install) against `wasm-build index verify`, case by case: a
# corpus of good and bad repositories made by the real publisher (tampered files, a mix of two
# publishes, rollback, expiry, wrong or invalid signatures, a root below its threshold, JSON bombs,
# oversized and unlisted files, a duplicate key, a rotated root chain...), read from a directory and
# over HTTP, by the C++ client, by the Python verifier under CPython, and by it inside stock Pyodide
# under Node with WebCrypto's Ed25519 and with the pure-Python fallback. Every column must give the
# same verdict on every case, and a refusal must leave the Python verifier's trust state unchanged.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"
PKG="$WB_SOURCE_DIR/python/verified-install"
DRIVER="$WB_SOURCE_DIR/tests/integration/verified_install_corpus.py"
command -v node >/dev/null || skip "node is not installed"
PYODIDE="$("$WB" -C "$WB_SOURCE_DIR" runtime --platform pyemscripten_2026_0 2>/dev/null)" \
    || skip "the stock Pyodide runtime is not available (wasm-build runtime --platform pyemscripten_2026_0)"

# --- the corpus ---
"$WB" index keygen --out keys --root-keys 2 --root-threshold 2 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp repo/metadata/1.root.json trusted.json
cp -a "$(readlink -f repo)" gen1
# A second timestamp v1 signed by the real keys (the versions file left behind).
cp -a keys keys2 && rm -f keys2/published-versions.json
"$WB" index publish --wheels wheels --out same-version --keys keys2 \
    --now "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)" 2>/dev/null
python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 3
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp -a "$(readlink -f repo)" gen2
"$WB" index verify gen1 --root trusted.json --state state-v1 2>/dev/null || fail "gen1 does not verify"
"$WB" index verify gen2 --root trusted.json --state state-v2 2>/dev/null || fail "gen2 does not verify"

# case NAME: a copy of gen2 to change.
case_dir() { cp -a gen2 "$1"; }
edit() { replace "$1"; python3 - "$1" "$2" <<'PY'
import sys
path, code = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
data = eval(code, {"data": data})
open(path, "wb").write(data)
PY
}
wheel0=packages/demo_0-1.0-py3-none-any.whl
case_dir tampered-wheel; edit tampered-wheel/$wheel0 'data[:-1] + bytes([data[-1] ^ 1])'
case_dir oversized-wheel; edit oversized-wheel/$wheel0 'data + b"\0"'
case_dir tampered-lock; edit tampered-lock/pyodide-lock.json 'data + b" "'
case_dir tampered-simple-page; edit tampered-simple-page/simple/demo-1/index.json 'data.replace(b"demo", b"evil")'
case_dir tampered-core-metadata; edit tampered-core-metadata/$wheel0.metadata 'data.replace(b"Name: demo", b"Name: evil")'
case_dir lock-from-gen1; rm lock-from-gen1/pyodide-lock.json; cp gen1/pyodide-lock.json lock-from-gen1/
case_dir targets-from-gen1; rm targets-from-gen1/metadata/targets.json; cp gen1/metadata/targets.json targets-from-gen1/metadata/
case_dir snapshot-from-gen1; rm snapshot-from-gen1/metadata/snapshot.json; cp gen1/metadata/snapshot.json snapshot-from-gen1/metadata/
case_dir oversized-snapshot; edit oversized-snapshot/metadata/snapshot.json 'data + b"\n"'
case_dir unlisted-file; echo extra >unlisted-file/packages/extra.txt
case_dir missing-timestamp; rm missing-timestamp/metadata/timestamp.json
case_dir missing-wheel; rm missing-wheel/$wheel0
"$WB" index keygen --out other-keys 2>/dev/null
"$WB" index publish --wheels wheels --out other --keys other-keys 2>/dev/null
case_dir wrong-key-timestamp; rm wrong-key-timestamp/metadata/timestamp.json; cp other/metadata/timestamp.json wrong-key-timestamp/metadata/
case_dir bad-signature; edit bad-signature/metadata/timestamp.json \
    'data.replace(b"\"sig\": \"", b"\"sig\": \"" + (b"1" if data.split(b"\"sig\": \"")[1][:1] != b"1" else b"2"), 1)'
case_dir reformatted-timestamp; edit reformatted-timestamp/metadata/timestamp.json \
    '__import__("json").dumps(__import__("json").loads(data), indent=7).encode()'
case_dir bom-timestamp; edit bom-timestamp/metadata/timestamp.json 'b"\xef\xbb\xbf" + data'
case_dir float-outside-signed; edit float-outside-signed/metadata/timestamp.json 'b"{\"x\": 1.5," + data.lstrip()[1:]'
case_dir float-inside-signed; edit float-inside-signed/metadata/timestamp.json 'data.replace(b"\"version\": 2\n }", b"\"version\": 2.0\n }")'
case_dir big-int-outside-signed; edit big-int-outside-signed/metadata/timestamp.json 'b"{\"x\": 18446744073709551616," + data.lstrip()[1:]'
case_dir lone-surrogate; edit lone-surrogate/metadata/timestamp.json 'b"{\"x\": \"\\ud800\"," + data.lstrip()[1:]'
case_dir surrogate-pair; edit surrogate-pair/metadata/timestamp.json 'b"{\"x\": \"\\ud83d\\ude00\"," + data.lstrip()[1:]'
case_dir nan-outside-signed; edit nan-outside-signed/metadata/timestamp.json 'b"{\"x\": NaN," + data.lstrip()[1:]'
case_dir trailing-data; edit trailing-data/metadata/timestamp.json 'data + b"{}"'
case_dir duplicate-key; edit duplicate-key/metadata/timestamp.json 'data.replace(b"\"signed\"", b"\"signed\": {}, \"signed\"", 1)'
nested() { python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write('{\"signed\":{\"x\":' + '['*n + ']'*n + '},\"signatures\":[]}')" "$1"; }
case_dir nested-timestamp; rm nested-timestamp/metadata/timestamp.json; nested 8000 >nested-timestamp/metadata/timestamp.json
case_dir nested-33; rm nested-33/metadata/timestamp.json; nested 31 >nested-33/metadata/timestamp.json
case_dir nested-32; rm nested-32/metadata/timestamp.json; nested 30 >nested-32/metadata/timestamp.json
case_dir big-timestamp; rm big-timestamp/metadata/timestamp.json; nested 31990 >big-timestamp/metadata/timestamp.json
case_dir big-root; nested 249990 >big-root/metadata/2.root.json
case_dir nested-root; nested 60000 >nested-root/metadata/2.root.json
"$WB" index publish --wheels wheels --out short --keys keys --expires timestamp=0s 2>/dev/null
cp -a "$(readlink -f short)" expired-timestamp
# Rotation: root (2 new keys, threshold 2) and timestamp; root v2 signed by the old and new root keys.
"$WB" index keygen --out keys --rotate timestamp --rotate root --root-keys 2 --root-threshold 2 2>/dev/null
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp -a "$(readlink -f repo)" rotated-chain
cp -a rotated-chain stale-timestamp-key; rm stale-timestamp-key/metadata/timestamp.json
cp gen1/metadata/timestamp.json stale-timestamp-key/metadata/
cp -a rotated-chain root-not-newest; rm root-not-newest/metadata/root.json; cp trusted.json root-not-newest/metadata/root.json
cp -a rotated-chain below-threshold-root
python3 - below-threshold-root/metadata/2.root.json trusted.json <<'PY'
import json, sys
doc, old = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
old_ids = old["signed"]["roles"]["root"]["keyids"]
drop = next(s for s in doc["signatures"] if s["keyid"] in old_ids)
doc["signatures"].remove(drop)
json.dump(doc, open(sys.argv[1] + ".new", "w"), indent=1)
PY
mv below-threshold-root/metadata/2.root.json.new below-threshold-root/metadata/2.root.json
cp other/metadata/1.root.json other-root.json

now_later=$(date -u -d '+2 days' +%s)
python3 - "$WORK" "$now_later" >cases.json <<'PY'
import json, sys
work, later = sys.argv[1], int(sys.argv[2])
def case(name, source=None, state=None, root="trusted.json", now=None):
    return {"name": name, "source": f"{work}/{source or name}", "root": f"{work}/{root}",
            "state": f"{work}/{state}" if state else None, "now": now}
cases = [
    case("good", "gen2"), case("good-from-state", "gen2", state="state-v1"),
    case("rolled-back-timestamp", "gen1", state="state-v2"),
    case("same-version-other-bytes", "same-version", state="state-v1"),
    case("expired-timestamp", root="trusted.json"), case("expired-by-clock", "gen2", now=later),
    case("wrong-pinned-root", "gen2", root="other-root.json"),
    case("rotated-chain"), case("rotated-chain-from-state", "rotated-chain", state="state-v2"),
]
for name in ["tampered-wheel", "oversized-wheel", "tampered-lock", "tampered-simple-page", "tampered-core-metadata",
             "lock-from-gen1", "targets-from-gen1", "snapshot-from-gen1", "oversized-snapshot", "unlisted-file",
             "missing-timestamp", "missing-wheel", "wrong-key-timestamp", "bad-signature", "reformatted-timestamp",
             "bom-timestamp", "float-outside-signed", "float-inside-signed", "big-int-outside-signed",
             "lone-surrogate", "surrogate-pair", "nan-outside-signed", "trailing-data", "duplicate-key",
             "nested-timestamp", "nested-33", "nested-32", "big-timestamp", "big-root", "nested-root",
             "stale-timestamp-key", "root-not-newest", "below-threshold-root"]:
    cases.append(case(name))
# Over HTTP: the same trees served (the server resolves each request; no listing over HTTP).
for name in ["good", "tampered-wheel", "tampered-simple-page", "rolled-back-timestamp", "big-timestamp",
             "oversized-snapshot", "rotated-chain", "below-threshold-root", "unlisted-file"]:
    src = {"good": "gen2", "rolled-back-timestamp": "gen1"}.get(name, name)
    c = case("http:" + name, src, state="state-v2" if name == "rolled-back-timestamp" else None)
    c["source"] = "{url}/" + src
    cases.append(c)
json.dump(cases, sys.stdout, indent=1)
PY
start_static_server "$WORK"
URL="http://127.0.0.1:$PORT"

# --- the C++ client ---
python3 - cases.json "$URL" "$WB" >cxx.jsonl <<'PY'
import json, os, shutil, subprocess, sys, tempfile
cases, url, wb = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for c in cases:
    state = tempfile.mkdtemp(prefix="cxx-state-")
    if c["state"]:
        shutil.rmtree(state); shutil.copytree(c["state"], state)
    args = [wb, "index", "verify", c["source"].replace("{url}", url), "--root", c["root"], "--state", state]
    if c["now"]:
        import time
        args += ["--now", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(c["now"]))]
    r = subprocess.run(args, capture_output=True, text=True)
    verdict = {0: "accept", 1: "refuse"}.get(r.returncode, f"exit {r.returncode}")
    print(json.dumps({"case": c["name"], "column": "C++", "verdict": verdict, "message": r.stderr.strip()}))
    shutil.rmtree(state)
PY

# --- the Python verifier: CPython, then stock Pyodide under Node (WebCrypto, pure-Python fallback) ---
python3 "$DRIVER" "$PKG" cases.json python CPython "$URL" >cpython.jsonl || fail "the driver failed under CPython"
pyodide_column() {  # BACKEND COLUMN
    python3 - "$PYODIDE" "$PKG" "$DRIVER" "$WORK" "$1" "$2" "$URL" >request-$1.json <<'PY'
import json, os, sys
pyodide, pkg, driver, work, backend, column, url = sys.argv[1:]
code = (f"import sys; sys.path.insert(0, {os.path.dirname(driver)!r})\n"
        f"import verified_install_corpus as c\n"
        f"await c.main({pkg!r}, {work + '/cases.json'!r}, {backend!r}, {column!r}, {url!r})\n")
mounts = [work, pkg, os.path.dirname(driver), os.path.join(os.path.dirname(driver), "..", "data", "ed25519")]
json.dump({"pyodide": pyodide, "mounts": [os.path.normpath(m) for m in mounts], "cwd": work, "code": code}, sys.stdout)
PY
    timeout 900 node "$WB_SOURCE_DIR/builder/runtime/tools/wb_pyodide.js" request-$1.json >"pyodide-$1.jsonl" 2>"pyodide-$1.err" \
        || { cat "pyodide-$1.err" >&2; fail "the driver failed in Pyodide ($2)"; }
}
pyodide_column webcrypto "Pyodide WebCrypto"
pyodide_column python "Pyodide fallback"

python3 - cases.json cxx.jsonl cpython.jsonl pyodide-webcrypto.jsonl pyodide-python.jsonl <<'PY' || fail "the verifiers disagree"
import json, sys
cases = [c["name"] for c in json.load(open(sys.argv[1]))]
columns = []
for path in sys.argv[2:]:
    lines = [json.loads(l) for l in open(path) if l.startswith("{")]
    rows = [r for r in lines if "case" in r]
    for v in (r for r in lines if "vectors" in r):  # RFC 8032 through this column's Ed25519
        if v["vectors_passed"] != v["vectors"] or v["vectors"] != 5:
            sys.exit(f"{v['column']} ({v['backend']}): {v['vectors_passed']} of {v['vectors']} RFC 8032 vectors")
        print(f"{v['column']} ({v['backend']}): all {v['vectors']} RFC 8032 vectors verify, altered ones do not")
    columns.append((rows[0]["column"] + (f" ({rows[0]['backend']})" if "backend" in rows[0] else ""),
                    {r["case"]: r for r in rows}))
width = max(map(len, cases))
widths = [max(len(title), 6) for title, _ in columns]
print("case".ljust(width), *(t.ljust(w) for (t, _), w in zip(columns, widths)), sep=" | ")
bad = []
for name in cases:
    verdicts = [col.get(name, {}).get("verdict", "missing") for _, col in columns]
    cells = [v.ljust(w) for v, w in zip(verdicts, widths)]
    agree = len(set(verdicts)) == 1
    unchanged = all(col[name].get("state_unchanged", True) for _, col in columns[1:] if col[name]["verdict"] == "refuse")
    print(name.ljust(width), *cells, "" if agree and unchanged else "<-- DISAGREE" if not agree else "<-- STATE CHANGED", sep=" | ")
    if not agree or not unchanged:
        bad.append(name)
print()
for name in cases:
    for title, col in columns[:2]:
        msg = col[name]["message"].splitlines()[:2]
        if msg:
            print(f"{name} [{title}]: {' / '.join(msg)[:220]}")
if bad:
    sys.exit(f"disagreement on: {', '.join(bad)}")
print(f"\nall {len(columns)} columns agree on {len(cases)} cases")
PY
grep -q '"backend": "webcrypto"' pyodide-webcrypto.jsonl || fail "the Pyodide column did not use WebCrypto"
grep -q '"backend": "python"' pyodide-python.jsonl || fail "the fallback column did not use the pure-Python verifier"
for c in good rotated-chain-from-state; do
    grep "\"case\": \"$c\"" cpython.jsonl | grep -q '"accept"' || fail "$c not accepted"
done
for c in tampered-wheel tampered-simple-page rolled-back-timestamp below-threshold-root nested-timestamp duplicate-key; do
    grep "\"case\": \"$c\"" cpython.jsonl | grep -q '"refuse"' || fail "$c not refused"
done
for column in cpython pyodide-webcrypto pyodide-python; do
    grep -q '"vectors_passed": 5' $column.jsonl || fail "$column did not check the RFC 8032 vectors"
done
pass "C++, CPython and Pyodide (WebCrypto and pure-Python Ed25519) agree on every case of the corpus and the RFC 8032 vectors"
