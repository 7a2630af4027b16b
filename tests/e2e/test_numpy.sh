#!/usr/bin/env bash
# The headline: NumPy 2 from its PyPI sdist, built in the sandbox from the pinned toolchain root,
# into wheels for both Pyodide platforms that compute and pass NumPy's own suite in stock Pyodide.
source "$(dirname "$0")/lib.sh"

wb "$WB_SOURCE_DIR" build numpy --out "$WORK/dist"
expect_status 0
for tag in cp314-cp314-pyemscripten_2026_0_wasm32 cp315-cp315-pyemscripten_2026_5_wasm32; do
  platform="pyemscripten_${tag#*pyemscripten_}"; platform="${platform%_wasm32}"
  wheel="$WORK/dist/$platform/numpy-2.4.6-$tag.whl"
  [[ -f "$wheel" ]] || fail "no NumPy wheel for $platform in $WORK/dist/$platform"
  ls "$WORK/dist/$platform"/numpy_tests-2.4.6-*.whl >/dev/null 2>&1 || fail "no unvendored numpy-tests wheel for $platform"
  python3 - "$wheel" "$tag" <<'PY' || fail "the contents of $wheel"
import json, sys, zipfile
wheel, tag = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(wheel)
names = z.namelist()
suffix = ".cpython-%s-wasm32-emscripten.so" % tag[2:5]
so = [n for n in names if n.endswith(suffix)]
assert len(so) >= 10, so
assert all(z.read(n)[:4] == b"\0asm" for n in so)
assert not [n for n in names if "/tests/" in n], "tests were not unvendored"
assert "Tag: %s" % tag in z.read("numpy-2.4.6.dist-info/WHEEL").decode()
sbom = json.loads(z.read("numpy-2.4.6.dist-info/sboms/wasm-build.cdx.json"))
assert sbom["bomFormat"] == "CycloneDX" and sbom["metadata"]["component"]["name"] == "numpy"
hashes = sbom["metadata"]["component"]["hashes"]
assert hashes[0]["content"] == "f3a3570c4a2a16746ac2c31a7c7c7b0c186b95ce902e33db6f28094ed7387dda", hashes
print(wheel.rsplit("/", 1)[1], len(so), "modules,", sum(i.file_size for i in z.infolist()), "bytes unpacked")
PY
done
pass "numpy wheels for both Pyodide ABIs, tests unvendored, SBOM with the source hash"

wb "$WB_SOURCE_DIR" abi-check "$WORK"/dist/*/numpy-2.4.6-*.whl
expect_status 0
pass "the wheels pass the ABI check against their stock runtimes"

wb "$WB_SOURCE_DIR" python --platform pyemscripten_2026_0 --with numpy -- -c 'import numpy as np, sys; print(sys.version_info[:2]); print(np.arange(6).reshape(2, 3) @ np.ones(3)); print(np.linalg.solve([[3.0, 1.0], [1.0, 2.0]], [9.0, 8.0]))'
expect_status 0
expect_output '^\(3, 14\)$'
expect_output '^\[ 3\. 12\.\]$'
expect_output '^\[2\. 3\.\]$'
pass "numpy computes in stock Pyodide 314 (wasm-build python)"

wb "$WB_SOURCE_DIR" --json test numpy
expect_status 0
python3 - "$WORK/stdout" <<'PY' || fail "test report"
import json, sys
tests = json.load(open(sys.argv[1]))["tests"]
assert sorted(t["platform"] for t in tests) == ["pyemscripten_2026_0", "pyemscripten_2026_5"], tests
for t in tests:
    assert t["ok"] and t["suite_ran"], t
    assert t["passed"] >= 44000, t["passed"]
    assert not t["unexpected_failures"], t["unexpected_failures"]
    print(t["platform"], "numpy suite:", t["passed"], "passed,", t["failed"] + t["errors"], "failed,",
          len(t["expected_failures"]), "expected,", t["skipped"], "skipped")
PY
pass "numpy's own test suite in stock Pyodide 314 and 315"
