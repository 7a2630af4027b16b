#!/usr/bin/env bash
# ci/nightly on the small "basic" project (C libraries shared by both platforms, pure packages) plus
# a package with a pytest suite (pytest and its dependencies as upstream's pure wheels), for both
# platforms, tested in their stock Pyodide:
#  1. first night: everything built, tested, published per platform (OUT/repo/PLATFORM), the
#     report's fields per platform and package, the served tree;
#  2. unchanged night: everything cached, nothing rebuilt, runtime files keep their inode (ETag);
#  3. a build failure on one platform only, a shared library failing (once, reported on both), a
#     test failure on both, a dependent skipped: exit 1, the new failures per platform, none of them
#     published there, their logs kept;
#  4. fixed again, with a grown wheel: exit 0, "fixed", the rebuild reasons, a size regression;
#  5. interrupted while building: exit 130, the served tree and the repositories are unchanged.
# Night 1 also finds the newer release of iniconfig (held back at 2.0.0 here) on the package index
# and tries it on a copy of the project: only iniconfig rebuilds, the project keeps its recipe.
source "$(dirname "$0")/lib.sh"
need_sandbox

p="$WORK/data/projects/nightly" src="$WORK/data/sources"
cp -r "$WORK/data/projects/basic" "$p"
for r in pytest iniconfig packaging pluggy pygments; do cp -r "$WB_SOURCE_DIR/recipes/$r" "$p/recipes/"; done
# iniconfig 2.0.0 as the index lists it, for the newer-release check of night 1.
python3 - "$p/recipes/iniconfig/meta.yaml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"(?m)^  version: .*$", '  version: "2.0.0"', text, count=1)
text = re.sub(r"(?m)^    file: .*$", "    file: iniconfig-2.0.0-py3-none-any.whl", text)
text = re.sub(r"(?m)^  sha256: .*$", "  sha256: b6a85871a79d2e3b22d2d1b94ac2824226a63c6b741c88f7ae975f18b6778374", text)
open(path, "w").write(text)
PY
mkdir -p "$p/recipes/puresuite" "$src/puresuite/puresuite/tests"
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
    requires: [pytest]
    args: ["--pyargs", "puresuite.tests"]
    expected-failures:
      - test: puresuite/tests/test_it.py::test_known
        reason: fails on purpose
YAML
printf 'from setuptools import setup\nsetup(name="puresuite", version="1.0", packages=["puresuite", "puresuite.tests"])\n' \
  >"$src/puresuite/setup.py"
touch "$src/puresuite/puresuite/__init__.py" "$src/puresuite/puresuite/tests/__init__.py"
cat >"$src/puresuite/puresuite/tests/test_it.py" <<'PY'
def test_one(): assert 1 + 1 == 2
def test_two(): assert "a".upper() == "A"
def test_known(): assert False, "expected to fail"
def test_toggle(): assert True
PY

OUT="$WORK/published" KEYS="$WORK/keys"
nightly() {
  set +e
  "$WB_SOURCE_DIR/ci/nightly" --out "$OUT" --keys "$KEYS" --cache "$CACHE" --project "$p" \
    --tool "$WASM_BUILD_BIN" --no-setup --fuzz 0 "$@" >"$WORK/out" 2>&1
  STATUS=$?
  set -e
}
# check PYTHON-EXPRESSIONS...: asserts on the served report (r), its platforms (R[platform]), their
# packages (P0, P5: name -> entry), their lock files (L0, L5: each platform's repository) and the
# served tree (www: the default platform's repository, its runtime, the page and the report).
check() {
  python3 - "$OUT/www" "$OUT/repo" "$@" <<'PY' || fail "report check failed"
import json, os, sys
www, repo = sys.argv[1], sys.argv[2]
del sys.argv[1]
r = json.load(open(os.path.join(www, "report/report.json")))
R = r["platforms"]
P0, P5 = R["pyemscripten_2026_0"]["packages"], R["pyemscripten_2026_5"]["packages"]
L0, L5 = (json.load(open(os.path.join(repo, n, "pyodide-lock.json")))["packages"]
          for n in ("pyemscripten_2026_0", "pyemscripten_2026_5"))
for expr in sys.argv[2:]:
    if not eval(expr):
        print("false:", expr, file=sys.stderr)
        print(json.dumps({k: v for k, v in r.items() if k != "platforms"}, indent=1), file=sys.stderr)
        for name, plat in R.items():
            print(name, json.dumps({n: [p["status"], p["published"], p["failure"]] for n, p in plat["packages"].items()}),
                  file=sys.stderr)
        sys.exit(1)
PY
}
PURE='["iniconfig", "packaging", "pluggy", "purehello", "puresuite", "puresuite-tests", "pureworld", "pygments", "pytest"]'

# 1. First night.
nightly
expect_status 0
[[ -L "$OUT/www" && -L "$OUT/repo/$P0" && -L "$OUT/repo/$P5" ]] || fail "www and repo/PLATFORM are not generation symlinks"
for f in index.html report/index.html report/report.json pyodide-lock.json simple/index.html metadata/timestamp.json \
         runtime/pyodide.asm.wasm runtime/pyodide.mjs runtime/runtime.json; do
  [[ -f "$OUT/www/$f" ]] || fail "the served tree lacks $f"
done
cmp "$OUT/www/pyodide-lock.json" "$OUT/repo/$P0/pyodide-lock.json" || fail "the served tree is not the default platform's repository"
for pl in $P0 $P5; do
  for f in pyodide-lock.json simple/index.html metadata/timestamp.json; do
    [[ -f "$OUT/repo/$pl/$f" ]] || fail "the repository of $pl lacks $f"
  done
  [[ -f "$OUT/www/report/logs/$pl/puresuite.test.log" ]] || fail "no test log of puresuite for $pl"
  "$WASM_BUILD_BIN" index verify "$OUT/repo/$pl" --root "$OUT/repo/$pl/metadata/1.root.json" --state "$WORK/trust-$pl" \
    >/dev/null 2>&1 || fail "the published repository of $pl does not verify"
done
expect_output "Summary: 20 built, 0 cached, 0 failed, 0 skipped"
check 'r["schema"] == 2 and r["exit_status"] == 0 and r["changes"]["previous"] is None' \
      'sorted(R) == ["pyemscripten_2026_0", "pyemscripten_2026_5"] and R["pyemscripten_2026_0"]["default"]' \
      "sorted(L0) == $PURE and sorted(L5) == $PURE" \
      'all(p["status"] == "built" for P in (P0, P5) for p in P.values())' \
      'all(R[n]["repository"] == "updated" and R[n]["cross_env"] == "pyodide-xbuildenv" for n in R)' \
      'P0["libhello"]["shared"] and not P0["libhello"]["published"] and P0["libhello"]["type"] == "static_library"' \
      'P0["libhello"]["variant"] == P5["libhello"]["variant"] and P0["libhello"]["build"]["key"] == P5["libhello"]["build"]["key"]' \
      'P0["puresuite"]["variant"] == "pyemscripten_2026_0" and P0["puresuite"]["build"]["key"] != P5["puresuite"]["build"]["key"]' \
      'P0["puresuite"]["version"] == "1.0" and P0["puresuite"]["wheel_size"] > 0 and P0["puresuite"]["build"]["build_seconds"] > 0' \
      'all(P["puresuite"]["tests"]["passed"] == 3 and P["puresuite"]["tests"]["failed"] == 1 and P["puresuite"]["tests"]["expected_failures"] == 1 for P in (P0, P5))' \
      'P5["purehello"]["tests"]["ok"] and not P5["purehello"]["tests"]["suite_ran"] and P5["purehello"]["tests"]["seconds"] > 0' \
      'P0["purehello"]["reasons"] == ["never built"] and {"name": "purehello", "reasons": ["never built"]} in R["pyemscripten_2026_5"]["rebuilt"]' \
      'all(os.path.isfile(os.path.join(www, "report", l)) for P in (P0, P5) for p in P.values() for l in p["logs"].values())' \
      'P5["pureworld"]["logs"]["build"] == "logs/pyemscripten_2026_5/pureworld.build.log" and "test" in P5["pureworld"]["logs"]' \
      'P0["libhello"]["logs"]["build"] == P5["libhello"]["logs"]["build"] == "logs/" + P0["libhello"]["variant"] + "/libhello.build.log"' \
      'R["pyemscripten_2026_0"]["totals"]["packages"] == 11 and R["pyemscripten_2026_0"]["totals"]["published"] == 8' \
      'r["totals"]["tests_passed"] == 6 and r["totals"]["published_bytes"] == sum(P[n]["wheel_size"] for P, L in ((P0, L0), (P5, L5)) for n in L if n in P)' \
      'json.load(open(os.path.join(repo, "pyemscripten_2026_5/pyodide-lock.json")))["info"]["abi_version"] == "2026_5"'
grep -q 'href="logs/pyemscripten_2026_0/puresuite.test.log"' "$OUT/www/report/index.html" || fail "the HTML report does not link the test log"
grep -q '<h2 id="pyemscripten_2026_5">' "$OUT/www/report/index.html" || fail "the HTML report has no section for $P5"
cmp "$OUT/www/runtime/pyodide.asm.wasm" "$("$WASM_BUILD_BIN" -C "$p" --cache-dir "$CACHE" runtime --platform $P0 --offline)/pyodide.asm.wasm" \
  || fail "the served runtime of $P0 is not its stock Pyodide"
inode="$(stat -c %i "$OUT/www/runtime/pyodide.asm.wasm")"
check 'r["bumps"]["checked"] == 11 and [b["name"] for b in r["bumps"]["available"]] == ["iniconfig"]' \
      'r["bumps"]["available"][0]["current"] == "2.0.0" and r["bumps"]["available"][0]["latest"] != "2.0.0"' \
      'r["bumps"]["available"][0]["trial"]["outcome"] == "passed" and r["bumps"]["available"][0]["trial"]["rebuilt"] == ["iniconfig"]' \
      'sorted(t["platform"] for t in r["bumps"]["available"][0]["trial"]["tests"]) == ["pyemscripten_2026_0", "pyemscripten_2026_5"]'
grep -q '  version: "2.0.0"' "$p/recipes/iniconfig/meta.yaml" || fail "the trial changed the project's own recipe"
grep -q "<h2>Newer releases</h2>" "$OUT/www/report/index.html" || fail "the HTML report has no newer-releases section"
expect_output "nightly: newer release: iniconfig 2.0.0 -> .* \(trial: passed; built anew: iniconfig; from the cache: "
pass "first night: built, tested, published per platform, reported; a newer release tried on a copy"

# 2. Nothing changed: everything cached, nothing rebuilt.
nightly
expect_status 0
expect_output "Summary: 0 built, 20 cached, 0 failed, 0 skipped"
expect_no_output "nightly: .* rebuilt"
check 'all(p["status"] == "cached" for P in (P0, P5) for p in P.values()) and all(R[n]["rebuilt"] == [] for n in R)' \
      'r["changes"]["previous"] is not None and r["changes"]["new_failures"] == []' \
      "sorted(L0) == $PURE and sorted(L5) == $PURE"
[[ "$(stat -c %i "$OUT/www/runtime/pyodide.asm.wasm")" == "$inode" ]] || fail "an unchanged runtime file got a new inode"
pass "second night: cached, nothing rebuilt, runtime files kept"

# 3. purehello's build breaks for pyemscripten_2026_5 only (pureworld needs it there), the shared
#    libgreet breaks (once, for both), puresuite's tests break on both.
cp "$src/purehello/setup.py" "$WORK/purehello-setup.py"
cat >>"$src/purehello/setup.py" <<'PY'
import os
if os.environ.get("_PYTHON_HOST_PLATFORM", "").startswith("pyemscripten_2026_5"):
    raise SystemExit("broken by the test")
PY
cp "$src/libgreet/build.sh" "$WORK/libgreet-build.sh"
echo 'echo "libgreet broken by the test"; exit 3' >>"$src/libgreet/build.sh"
sed -i 's/def test_toggle(): assert True/def test_toggle(): assert False, "broken by the test"/' "$src/puresuite/puresuite/tests/test_it.py"
nightly
expect_status 1
expect_output "NEW FAILURE purehello \[$P5\]: cached last night, failed now: build failed"
expect_output "NEW FAILURE pureworld \[$P5\]: cached last night, skipped now"
expect_output "NEW FAILURE puresuite \[$P0\]: cached last night, failed now: tests failed"
expect_output "NEW FAILURE puresuite \[$P5\]: cached last night, failed now: tests failed"
expect_output "NEW FAILURE libgreet \[$P0\]: cached last night, failed now: build failed"
expect_no_output "NEW FAILURE (purehello|pureworld) \[$P0\]"
[[ "$(grep -c "FAILED: libgreet" "$WORK/out")" == 1 ]] || fail "the shared library's build was tried more than once"
[[ "$(grep -c "FAILED: purehello \[$P5\] 0.1 (step: build)" "$WORK/out")" == 1 ]] || fail "the failed build was tried twice"
check 'r["exit_status"] == 1' \
      'sorted((f["platform"][-1], f["name"]) for f in r["changes"]["new_failures"]) == [("0", "libgreet"), ("0", "puresuite"), ("5", "libgreet"), ("5", "purehello"), ("5", "puresuite"), ("5", "pureworld")]' \
      'P5["purehello"]["status"] == "failed" and P5["purehello"]["build"]["failed_step"] == "build"' \
      'P0["purehello"]["status"] == "built" and P0["purehello"]["published"] and "purehello" in L0' \
      'P5["purehello"]["reasons"] == ["source changed"] and {"name": "purehello", "reasons": ["source changed"]} in R["pyemscripten_2026_5"]["rebuilt"]' \
      'P0["libgreet"]["status"] == P5["libgreet"]["status"] == "failed" and P0["libgreet"]["shared"]' \
      'P0["puresuite"]["status"] == "failed" and P0["puresuite"]["tests"]["unexpected_failures"] == ["puresuite/tests/test_it.py::test_toggle"]' \
      'P5["pureworld"]["status"] == "skipped" and P5["pureworld"]["skipped_because"] == ["purehello"]' \
      'P0["pureworld"]["status"] == "cached" and P0["pureworld"]["published"]' \
      'not any(P5[n]["published"] for n in ("purehello", "puresuite", "pureworld")) and not P0["puresuite"]["published"]' \
      '"purehello" not in L5 and "pureworld" not in L5 and "puresuite" not in L5 and "puresuite" not in L0 and "puresuite-tests" not in L0 and "pureworld" in L0' \
      '"broken by the test" in open(os.path.join(www, "report", P5["purehello"]["logs"]["build"])).read()' \
      '"libgreet broken by the test" in open(os.path.join(www, "report", P0["libgreet"]["logs"]["build"])).read()' \
      '"test_toggle" in open(os.path.join(www, "report", P5["puresuite"]["logs"]["test"])).read()'
grep -q "new failure" "$OUT/www/report/index.html" || fail "the HTML report does not show the new failures"
pass "new failures: exit 1, reported per platform, not published there"

# 4. Fixed, and pureworld's wheel grows past the size threshold.
cp "$WORK/purehello-setup.py" "$src/purehello/setup.py"
cp "$WORK/libgreet-build.sh" "$src/libgreet/build.sh"
sed -i 's/def test_toggle(): assert False, "broken by the test"/def test_toggle(): assert True/' "$src/puresuite/puresuite/tests/test_it.py"
head -c 200000 /dev/urandom | base64 >"$src/pureworld/pureworld/blob.txt"
printf 'from setuptools import setup\nsetup(name="pureworld", version="2.0", packages=["pureworld"], install_requires=["purehello"], package_data={"pureworld": ["blob.txt"]})\n' \
  >"$src/pureworld/setup.py"
nightly --size-threshold 5
expect_status 0
expect_output "nightly: \[$P0\] rebuilt pureworld: source changed"
expect_output "size regression pureworld \[$P0\]"
expect_output "size regression pureworld \[$P5\]"
check 'sorted((f["platform"][-1], f["name"]) for f in r["changes"]["fixed"]) == [("0", "libgreet"), ("0", "puresuite"), ("5", "libgreet"), ("5", "purehello"), ("5", "puresuite"), ("5", "pureworld")]' \
      'sorted(s["platform"] for s in r["changes"]["size_regressions"] if s["name"] == "pureworld") == ["pyemscripten_2026_0", "pyemscripten_2026_5"]' \
      "sorted(L0) == $PURE and sorted(L5) == $PURE"
pass "fixed: exit 0, fixed and the size regression reported"

# 5. Interrupted while building: nothing of that night is published.
mkdir -p "$p/recipes/slow"
printf 'package:\n  name: slow\n  version: "1.0"\nsource:\n  path: .\nbuild:\n  type: static_library\n  script: echo started && exec -a sleep-%s sleep 127\n' \
  "$$" >"$p/recipes/slow/meta.yaml"
www_before="$(readlink "$OUT/www")" repo0_before="$(readlink "$OUT/repo/$P0")" repo5_before="$(readlink "$OUT/repo/$P5")"
set +e
"$WB_SOURCE_DIR/ci/nightly" --out "$OUT" --keys "$KEYS" --cache "$CACHE" --project "$p" \
  --tool "$WASM_BUILD_BIN" --no-setup --fuzz 0 >"$WORK/out" 2>&1 &
pid=$!
for _ in $(seq 300); do pgrep -f "^sleep-$$ 127" >/dev/null && break; sleep 0.1; done
pgrep -f "^sleep-$$ 127" >/dev/null || { set -e; fail "the slow build did not start"; }
kill -TERM "$pid"
wait "$pid"; STATUS=$?
set -e
expect_status 130
expect_output "interrupted: nothing was published"
[[ "$(readlink "$OUT/www")" == "$www_before" && "$(readlink "$OUT/repo/$P0")" == "$repo0_before" \
   && "$(readlink "$OUT/repo/$P5")" == "$repo5_before" ]] || fail "an interrupted night changed what is published"
[[ -z "$(find "$OUT" -maxdepth 1 -name '.nightly.*')" ]] || fail "an interrupted night left its staging directory"
no_process_matches "^sleep-$$ 127"
no_process_matches "bwrap.*$WORK"
pass "interrupted: exit 130, nothing published, no build process left"
