#!/usr/bin/env bash
# ci/nightly on the small "basic" project plus a stand-in runtime (a Node script that runs the build
# machine's python3.11, so tests run in seconds) and a package with a pytest suite:
#  1. first night: everything built, tested, published; the report's fields; the served tree;
#  2. unchanged night: everything cached, nothing rebuilt, runtime files keep their inode (ETag);
#  3. a build failure, a test failure and a dependent: exit 1, the report lists the new failures,
#     none of them is published, their logs are kept;
#  4. fixed again, with a grown wheel: exit 0, "fixed", the rebuild reasons, a size regression;
#  5. interrupted while building: exit 130, the served tree and the repository are unchanged.
source "$(dirname "$0")/lib.sh"

p="$WORK/data/projects/nightly" src="$WORK/data/sources"
cp -r "$WORK/data/projects/basic" "$p"
mkdir -p "$p/recipes/python" "$p/recipes/puresuite" "$src/fakepython" "$src/puresuite/puresuite/tests"
cat >"$p/recipes/python/meta.yaml" <<'YAML'
package:
  name: python
  version: 3.11.2
source:
  path: ../../../../sources/fakepython
build:
  type: runtime
  script: bash build.sh
test:
  imports:
    - json
YAML
cat >"$src/fakepython/build.sh" <<'SH'
mkdir -p "$WB_PREFIX/bin" "$WB_PREFIX/cross" "$WB_PREFIX/browser"
cp python3.11.js "$WB_PREFIX/bin/"
cp /usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py "$WB_PREFIX/cross/_sysconfigdata__emscripten_wasm32-emscripten.py"
for f in python.js python.wasm python.data; do echo "stand-in $f" >"$WB_PREFIX/browser/$f"; done
SH
cat >"$src/fakepython/python3.11.js" <<'JS'
// Stands in for the wasm CPython: runs the build machine's interpreter with the same arguments.
const r = require('child_process').spawnSync('/usr/bin/python3.11', process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
JS
cat >"$p/recipes/puresuite/meta.yaml" <<'YAML'
package:
  name: puresuite
  version: "1.0"
source:
  path: ../../../../sources/puresuite
test:
  imports:
    - puresuite
  suite:
    args: ["--pyargs", "puresuite.tests"]
    expected-failures:
      - test: puresuite/tests/test_it.py::test_known
        reason: fails on purpose
YAML
printf 'from setuptools import setup\nsetup(name="puresuite", version="1.0", packages=["puresuite", "puresuite.tests"])\n' \
  >"$src/puresuite/setup.py"
touch "$src/puresuite/puresuite/__init__.py" "$src/puresuite/puresuite/tests/__init__.py"
# Tests run in a fixed environment, so the test breaks puresuite with a marker file, not a variable.
marker="$WORK/puresuite-break"
cat >"$src/puresuite/puresuite/tests/test_it.py" <<PY
import os
def test_one(): assert 1 + 1 == 2
def test_two(): assert "a".upper() == "A"
def test_known(): assert False, "expected to fail"
def test_toggle(): assert not os.path.exists("$marker"), "broken by the test"
PY

OUT="$WORK/published" KEYS="$WORK/keys"
nightly() {
  set +e
  "$WB_SOURCE_DIR/ci/nightly" --out "$OUT" --keys "$KEYS" --cache "$CACHE" --project "$p" \
    --tool "$WASM_BUILD_BIN" --no-setup "$@" >"$WORK/out" 2>&1
  STATUS=$?
  set -e
}
# check PYTHON-EXPRESSIONS...: asserts on the served report (r), its lock file (lock) and tree (www).
check() {
  python3 - "$OUT/www" "$@" <<'PY' || fail "report check failed"
import json, os, sys
www = sys.argv[1]
r = json.load(open(os.path.join(www, "report/report.json")))
lock = json.load(open(os.path.join(www, "pyodide-lock.json")))
P = r["packages"]
for expr in sys.argv[2:]:
    if not eval(expr):
        print("false:", expr, file=sys.stderr)
        print(json.dumps({k: v for k, v in r.items() if k != "packages"}, indent=1), file=sys.stderr)
        print(json.dumps({n: [p["status"], p["published"], p["failure"]] for n, p in P.items()}), file=sys.stderr)
        sys.exit(1)
PY
}

# 1. First night.
nightly
expect_status 0
[[ -L "$OUT/www" && -L "$OUT/repo" ]] || fail "www and repo are not generation symlinks"
for f in index.html pyodide-lock.json simple/index.html metadata/timestamp.json runtime/python.wasm \
         runtime/runtime.json report/index.html report/report.json report/logs/puresuite.test.log; do
  [[ -f "$OUT/www/$f" ]] || fail "the served tree lacks $f"
done
check 'r["schema"] == 1 and r["exit_status"] == 0 and r["changes"]["previous"] is None' \
      'sorted(lock["packages"]) == ["purehello", "puresuite", "pureworld"]' \
      'all(P[n]["status"] == "built" for n in ("purehello", "puresuite", "pureworld", "python"))' \
      'P["libhello"]["status"] == "built" and not P["libhello"]["published"] and P["libhello"]["type"] == "static_library"' \
      'P["puresuite"]["version"] == "1.0" and P["puresuite"]["wheel_size"] > 0 and P["puresuite"]["build"]["build_seconds"] > 0' \
      'P["puresuite"]["tests"]["passed"] == 3 and P["puresuite"]["tests"]["failed"] == 1 and P["puresuite"]["tests"]["expected_failures"] == 1' \
      'P["purehello"]["reasons"] == ["never built"] and {"name": "purehello", "reasons": ["never built"]} in r["rebuilt"]' \
      'all(os.path.isfile(os.path.join(www, "report", l)) for p in P.values() for l in p["logs"].values())' \
      'P["pureworld"]["logs"]["build"] == "logs/pureworld.build.log" and "test" in P["pureworld"]["logs"]' \
      'r["totals"]["packages"] == 6 and r["totals"]["published"] == 3 and r["totals"]["built"] == 6' \
      'r["totals"]["tests_passed"] == 3 and r["totals"]["published_bytes"] == sum(P[n]["wheel_size"] for n in lock["packages"])'
grep -q 'href="logs/puresuite.test.log"' "$OUT/www/report/index.html" || fail "the HTML report does not link the test log"
"$WASM_BUILD_BIN" index verify "$OUT/repo" --root "$OUT/repo/metadata/1.root.json" --state "$WORK/trust" \
  >/dev/null 2>&1 || fail "the published repository does not verify"
inode="$(stat -c %i "$OUT/www/runtime/python.wasm")"
pass "first night: built, tested, published, reported"

# 2. Nothing changed: everything cached, nothing rebuilt.
nightly
expect_status 0
expect_output "Summary: 0 built, 6 cached, 0 failed, 0 skipped"
expect_no_output "nightly: rebuilt"
check 'all(p["status"] == "cached" for p in P.values()) and r["rebuilt"] == []' \
      'r["changes"]["previous"] is not None and r["changes"]["new_failures"] == []' \
      'sorted(lock["packages"]) == ["purehello", "puresuite", "pureworld"]'
[[ "$(stat -c %i "$OUT/www/runtime/python.wasm")" == "$inode" ]] || fail "an unchanged runtime file got a new inode"
pass "second night: cached, nothing rebuilt, runtime files kept"

# 3. purehello's build breaks, puresuite's tests break, pureworld needs purehello.
echo "raise SystemExit('broken by the test')" >>"$src/purehello/setup.py"
touch "$marker"
nightly
rm -f "$marker"
expect_status 1
expect_output "NEW FAILURE purehello: cached last night, failed now: build failed"
expect_output "NEW FAILURE puresuite: cached last night, failed now: tests failed"
expect_output "NEW FAILURE pureworld: cached last night, skipped now"
[[ "$(grep -c "FAILED: purehello 0.1 (step: build)" "$WORK/out")" == 1 ]] || fail "the failed build was tried twice"
check 'r["exit_status"] == 1 and sorted(f["name"] for f in r["changes"]["new_failures"]) == ["purehello", "puresuite", "pureworld"]' \
      'P["purehello"]["status"] == "failed" and P["purehello"]["build"]["failed_step"] == "build"' \
      'P["purehello"]["reasons"] == ["source changed"] and r["rebuilt"] == [{"name": "purehello", "reasons": ["source changed"]}]' \
      'P["puresuite"]["status"] == "failed" and P["puresuite"]["tests"]["unexpected_failures"] == ["puresuite/tests/test_it.py::test_toggle"]' \
      'P["pureworld"]["status"] == "skipped" and P["pureworld"]["skipped_because"] == ["purehello"]' \
      'not any(P[n]["published"] for n in ("purehello", "puresuite", "pureworld")) and lock["packages"] == {}' \
      'not os.path.isdir(os.path.join(www, "packages")) or not os.listdir(os.path.join(www, "packages"))' \
      '"broken by the test" in open(os.path.join(www, "report", P["purehello"]["logs"]["build"])).read()' \
      '"test_toggle" in open(os.path.join(www, "report", P["puresuite"]["logs"]["test"])).read()'
grep -q "new failure" "$OUT/www/report/index.html" || fail "the HTML report does not show the new failures"
pass "a new failure: exit 1, reported, not published"

# 4. Fixed, and pureworld's wheel grows past the size threshold.
sed -i '$d' "$src/purehello/setup.py"
head -c 200000 /dev/urandom | base64 >"$src/pureworld/pureworld/blob.txt"
printf 'from setuptools import setup\nsetup(name="pureworld", version="2.0", packages=["pureworld"], package_data={"pureworld": ["blob.txt"]})\n' \
  >"$src/pureworld/setup.py"
nightly --size-threshold 5
expect_status 0
expect_output "nightly: rebuilt pureworld: source changed"
expect_output "size regression pureworld"
check 'sorted(f["name"] for f in r["changes"]["fixed"]) == ["purehello", "puresuite", "pureworld"]' \
      '[s["name"] for s in r["changes"]["size_regressions"]] == ["pureworld"]' \
      'sorted(lock["packages"]) == ["purehello", "puresuite", "pureworld"]'
pass "fixed: exit 0, fixed and the size regression reported"

# 5. Interrupted while building: nothing of that night is published.
mkdir -p "$p/recipes/slow"
printf 'package:\n  name: slow\n  version: "1.0"\nsource:\n  path: .\nbuild:\n  type: static_library\n  script: echo started && sleep 127\n' \
  >"$p/recipes/slow/meta.yaml"
www_before="$(readlink "$OUT/www")" repo_before="$(readlink "$OUT/repo")"
set +e
"$WB_SOURCE_DIR/ci/nightly" --out "$OUT" --keys "$KEYS" --cache "$CACHE" --project "$p" \
  --tool "$WASM_BUILD_BIN" --no-setup >"$WORK/out" 2>&1 &
pid=$!
for _ in $(seq 300); do grep -q started "$CACHE/logs/emscripten-3.1.6/slow.log" 2>/dev/null && break; sleep 0.1; done
kill -TERM "$pid"
wait "$pid"; STATUS=$?
set -e
expect_status 130
expect_output "interrupted: nothing was published"
[[ "$(readlink "$OUT/www")" == "$www_before" && "$(readlink "$OUT/repo")" == "$repo_before" ]] || fail "an interrupted night changed what is published"
[[ -z "$(find "$OUT" -maxdepth 1 -name '.nightly.*')" ]] || fail "an interrupted night left its staging directory"
for _ in $(seq 50); do pgrep -fx "sleep 127" >/dev/null || break; sleep 0.1; done
if pgrep -fx "sleep 127" >/dev/null; then fail "the build's child process survived"; fi
pass "interrupted: exit 130, nothing published"
