#!/usr/bin/env bash
# index publish: the layout, the lock file against Pyodide's model, the SQLite queries, pip
# resolving from the published pages, incremental republish, and refused bad input.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"
python3 -m pip --version >/dev/null 2>&1 || skip "pip is not installed (ci/setup.sh installs python3-pip)"

"$WB" index keygen --out keys 2>/dev/null
[[ "$(stat -c %a keys/root-1.pem)" == 600 ]] || fail "key file is not mode 0600"
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
python3 "$MAKE_WHEELS" wheels 1 --prefix ext --tag cp314-cp314-pyemscripten_2026_0_wasm32
cat > wheels/packages.json <<'JSON'
{"ext-0": {"imports": ["ext_0", "ext_extra"], "depends": ["demo-2"], "package_type": "package",
           "unvendored_tests": true}}
JSON
"$WB" --json index publish --wheels wheels --out repo --keys keys >publish1.json 2>/dev/null
[[ -L repo ]] || fail "repo is not a generation symlink"
for f in pyodide-lock.json repodata.sqlite simple/index.html simple/index.json simple/demo-1/index.html \
         simple/demo-1/index.json packages/demo_1-1.0-py3-none-any.whl.metadata metadata/root.json \
         metadata/1.root.json metadata/targets.json metadata/snapshot.json metadata/timestamp.json; do
    [[ -f "repo/$f" ]] || fail "missing repo/$f"
done
! ls -R repo/ | grep -q '\.pem$' || fail "a key file entered the repository"
pass "layout"

python3 "$WB_SOURCE_DIR/tests/integration/pyodide_lock_check.py" repo || fail "lock file does not fit Pyodide's model"
# Without --for the lock file is for stock Pyodide 314 (the default platform), and says so as
# Pyodide 314's own lock file does: no info.version, the ABI version its loader compares.
python3 - repo <<'PY' || fail "lock file content"
import json, sys
lock = json.load(open(sys.argv[1] + "/pyodide-lock.json"))
assert lock["info"] == {"arch": "wasm32", "platform": "emscripten_5_0_3", "python": "3.14.2",
                        "abi_version": "2026_0"}, lock["info"]
ext = lock["packages"]["ext-0"]
assert ext["imports"] == ["ext_0", "ext_extra"] and ext["depends"] == ["demo-2"] and ext["unvendored_tests"], ext
assert lock["packages"]["demo-2"]["depends"] == ["demo-1"], lock["packages"]["demo-2"]
PY
cp repo/pyodide-lock.json bad-lock.json
mkdir -p badrepo/packages && cp repo/packages/* badrepo/packages/
python3 -c "import json;d=json.load(open('bad-lock.json'));d['packages']['demo-0']['extra_key']=1;json.dump(d,open('badrepo/pyodide-lock.json','w'))"
! python3 "$WB_SOURCE_DIR/tests/integration/pyodide_lock_check.py" badrepo >/dev/null || fail "lock checker accepts unknown keys"
pass "lock file fits Pyodide's model"

python3 - repo/repodata.sqlite <<'PY' || fail "sqlite queries"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("SELECT package FROM imports WHERE import_name='ext_extra'").fetchall() == [("ext-0",)]
assert sorted(r[0] for r in db.execute("SELECT package FROM dependencies WHERE depends_on='demo-2'")) == ["ext-0"]
assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 4
assert db.execute("PRAGMA user_version").fetchone()[0] == 1
PY
pass "sqlite database answers imports and reverse dependencies"

start_static_server repo
timeout 120 python3 -m pip download --no-cache-dir --disable-pip-version-check -q -d dl \
    --index-url "http://127.0.0.1:$PORT/simple/" --platform pyemscripten_2026_0_wasm32 --only-binary=:all: \
    --python-version 3.14 ext-0 demo-2 || fail "pip could not resolve ext-0, demo-2 and its dependencies"
[[ -f dl/ext_0-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl && -f dl/demo_0-1.0-py3-none-any.whl ]] \
    || fail "pip did not download the wheel and its dependencies"
pass "pip resolves from the published pages"

python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 3
"$WB" --json index publish --wheels wheels --out repo --keys keys >publish2.json 2>/dev/null
python3 - publish1.json publish2.json <<'PY' || fail "republish was not incremental"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert b["reused_records"] == 4 and b["wheels"] == 5, b
assert b["files_written"] <= 12 and b["files_linked"] >= 12, b
assert b["targets_version"] == a["targets_version"] + 1 and b["timestamp_version"] == a["timestamp_version"] + 1
PY
pass "republish with one new wheel touches only what changed"

before="$(cat repo/metadata/timestamp.json)"
python3 "$MAKE_WHEELS" bad 1 --prefix broken
head -c 200 bad/broken_0-1.0-py3-none-any.whl >wheels/broken_0-1.0-py3-none-any.whl
expect_exit 2 "broken_0-1.0-py3-none-any.whl" "$WB" index publish --wheels wheels --out repo --keys keys
rm wheels/broken_0-1.0-py3-none-any.whl
[[ "$(cat repo/metadata/timestamp.json)" == "$before" ]] || fail "failed publish changed the tree"
pass "truncated wheel refused, tree unchanged"

cp wheels/demo_1-1.0-py3-none-any.whl wheels/demo_1-1.0-1-py3-none-any.whl
expect_exit 2 "both claim demo-1 1.0" "$WB" index publish --wheels wheels --out repo --keys keys
rm wheels/demo_1-1.0-1-py3-none-any.whl
pass "two wheels claiming one name and version refused"

expect_exit 2 "keys never enter" "$WB" index publish --wheels wheels --out keys/repo --keys keys
expect_exit 2 "already holds keys" "$WB" index keygen --out keys
pass "keys stay out of the tree"

# --for PLATFORM: the lock file's info comes from platforms/PLATFORM.yaml (the runtime it serves).
"$WB" -C "$WB_SOURCE_DIR" index publish --for pyemscripten_2026_5 --wheels wheels --out repo315 --keys keys 2>/dev/null
python3 - repo315 <<'PY' || fail "lock file info for pyemscripten_2026_5"
import json, sys
info = json.load(open(sys.argv[1] + "/pyodide-lock.json"))["info"]
assert info == {"arch": "wasm32", "platform": "emscripten_6_0_5", "python": "3.15.0rc1", "abi_version": "2026_5"}, info
PY
expect_exit 2 "--for: unknown platform 'nosuch'" "$WB" -C "$WB_SOURCE_DIR" index publish --for nosuch --wheels wheels \
    --out repo-none --keys keys
[[ ! -e repo-none ]] || fail "a refused publish wrote a repository"
pass "--for PLATFORM fills the lock file's info from the platform file"
