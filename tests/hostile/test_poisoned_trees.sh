#!/usr/bin/env bash
# The previous generation is not trusted for what it says. A poisoned repodata.sqlite (an import
# name and a Requires-Python the wheel does not have) must not reach the signed lock file or pages
# of the next publish; files of the previous generation changed in place (same size) must not be
# linked into the next one; and a mirror whose own files were changed in place must fetch them
# again instead of linking them. Every tree published or mirrored afterwards verifies.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp repo/metadata/1.root.json trusted.json
lock_before="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["packages"]["demo-0"]["imports"])' repo/pyodide-lock.json)"

# Poison the database of the served generation (a fresh inode, as an attacker with write access
# to the tree would): demo-0 provides "evilmod" and requires Python "<2".
cp repo/repodata.sqlite poisoned.sqlite
python3 - poisoned.sqlite <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE files SET requires_python = '<2' WHERE package = 'demo-0'")
db.execute("DELETE FROM file_top_level WHERE file_name LIKE 'demo_0-%'")
db.execute("INSERT INTO file_top_level SELECT file_name, 'evilmod' FROM files WHERE package = 'demo-0'")
db.commit()
PY
rm repo/repodata.sqlite && cp poisoned.sqlite repo/repodata.sqlite
python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 3
"$WB" --json index publish --wheels wheels --out repo --keys keys >publish.json 2>publish.err || fail "republish failed"
grep -q "repodata.sqlite: its bytes are not the ones the signed targets.json lists; every wheel is inspected again" \
    publish.err || { cat publish.err; fail "the poisoned database was not reported"; }
grep -q '"reused_records":0' publish.json || fail "records were reused from the poisoned database"
grep -rq "evilmod" repo/pyodide-lock.json repo/simple && fail "evilmod reached the signed output"
grep -rq '&lt;2\|"<2"' repo/simple && fail "requires-python <2 reached the simple pages"
[[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["packages"]["demo-0"]["imports"])' repo/pyodide-lock.json)" == "$lock_before" ]] \
    || fail "the lock file's imports changed"
"$WB" index verify repo --root trusted.json --state state 2>/dev/null || fail "the republished tree does not verify"
pass "a poisoned repodata.sqlite is detected and nothing of it is signed"

# Change served files in place (same inode, same size): the next publish must not link them.
wheel="$(ls repo/packages/demo_1-*.whl | head -1)"
python3 - "$wheel" "$wheel.metadata" <<'PY'
import sys
for path in sys.argv[1:]:
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2] ^= 0x20
    open(path, "r+b").write(data)  # in place: every generation sharing the inode sees it
PY
python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 4
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null || fail "publish after in-place changes failed"
cmp -s "$wheel" "wheels/$(basename "$wheel")" || fail "the changed wheel was linked into the new generation"
"$WB" index verify repo --root trusted.json --state state 2>/dev/null || fail "the tree after in-place changes does not verify"
pass "files changed in place in the previous generation are written afresh, not linked"

# A mirror whose own copy of a file was changed in place fetches it again.
start_static_server repo
"$WB" index mirror "http://127.0.0.1:$PORT" mirror --root trusted.json 2>/dev/null || fail "first mirror"
mirrored="mirror/packages/$(basename "$wheel")"
python3 -c "import sys;p=sys.argv[1];b=bytearray(open(p,'rb').read());b[len(b)//2]^=0x20;open(p,'r+b').write(b)" "$mirrored"
python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 5
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
"$WB" --json index mirror "http://127.0.0.1:$PORT" mirror --root trusted.json >mirror.json 2>/dev/null || fail "second mirror"
cmp -s "$mirrored" "repo/packages/$(basename "$wheel")" || fail "the mirror linked its changed copy"
"$WB" index verify mirror --root trusted.json --state mirror-client 2>/dev/null || fail "the mirror does not verify"
pass "a mirror re-hashes what it links and fetches changed files again"
