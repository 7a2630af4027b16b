#!/usr/bin/env bash
# Pillow and lxml with their static C libraries (zlib, libjpeg-turbo, libxml2, libxslt, built once for
# both platforms): wheels for both Pyodide ABIs that import, compute and pass their own test suites
# in stock Pyodide 314 and 315, every failure explained by the recipes.
source "$(dirname "$0")/lib.sh"

wb "$WB_SOURCE_DIR" build pillow lxml -n
expect_status 0
for lib in zlib libjpeg-turbo libxml2 libxslt; do
  expect_output "^$lib [0-9.]+ \[shared-[0-9a-f]{8}\]: one build shared by pyemscripten_2026_0, pyemscripten_2026_5$"
done
pass "the C libraries are one build for both platforms"

wb "$WB_SOURCE_DIR" --json test pillow lxml
expect_status 0
python3 - "$WORK/stdout" <<'PY' || fail "test report"
import json, sys
tests = json.load(open(sys.argv[1]))["tests"]
seen = set()
for t in tests:
    bar = {"pillow": 3100, "lxml": 1850}[t["name"]]
    assert t["ok"] and t["suite_ran"] and t["passed"] >= bar and not t["unexpected_failures"], t
    seen.add((t["name"], t["platform"]))
    print(t["name"], t["platform"], t["passed"], "passed,", t["failed"] + t["errors"], "failed,",
          len(t["expected_failures"]), "expected")
assert seen == {(n, p) for n in ("pillow", "lxml") for p in ("pyemscripten_2026_0", "pyemscripten_2026_5")}, seen
PY
pass "pillow and lxml pass their own suites in stock Pyodide 314 and 315"

wb "$WB_SOURCE_DIR" build pillow lxml --out "$WORK/dist"
expect_status 0
for w in pyemscripten_2026_0/pillow-12.2.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl \
         pyemscripten_2026_5/pillow-12.2.0-cp315-cp315-pyemscripten_2026_5_wasm32.whl \
         pyemscripten_2026_0/lxml-6.1.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl \
         pyemscripten_2026_5/lxml-6.1.3-cp315-cp315-pyemscripten_2026_5_wasm32.whl; do
  [[ -f "$WORK/dist/$w" ]] || fail "missing $w"
done
python3 - "$WORK/dist/pyemscripten_2026_0/lxml-6.1.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl" <<'PY' || fail "lxml's SBOM"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sbom = json.loads(z.read("lxml-6.1.3.dist-info/sboms/wasm-build.cdx.json"))
libs = {c["name"]: c for c in sbom["components"]}
assert {"libxml2", "libxslt", "zlib"} <= set(libs), libs.keys()
patched = libs["libxslt"].get("pedigree", {}).get("patches", [])
assert any("CVE-2025-10911" in p["diff"]["url"] for p in patched), patched
print("lxml SBOM lists", ", ".join(f"{n} {c['version']}" for n, c in sorted(libs.items())))
PY
pass "pillow and lxml wheels for both platforms; lxml's SBOM names its C libraries and libxslt's CVE patch"
