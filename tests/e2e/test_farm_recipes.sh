#!/usr/bin/env bash
# CI's representative slice of the farm (the nightly builds all of it): pure-Python wheels taken as
# they are, sdists with C and Cython extensions, a C library chain (libyaml -> pyyaml), C++ packages
# (contourpy: pybind11, meson-python; kiwisolver: cppy, a pure package as a host requirement) and a
# package built against NumPy's wasm32 headers (pyerfa: numpy as a host requirement): every one imports and runs its smoke script in stock
# Pyodide 314 and 315, and the C ones their own test suites; the extension wheels carry side modules
# for each platform's ABI and use them (their smoke scripts check that the compiled implementation
# is the one in use). contourpy's suite (about 4 minutes per platform) is the nightly's.
source "$(dirname "$0")/lib.sh"

pure=(six python-dateutil pytz tzdata typing-extensions idna certifi attrs charset-normalizer click jinja2
      beautifulsoup4 requests rich)
native=(markupsafe msgpack pyyaml regex bitarray zstandard brotli kiwisolver pyerfa)
wb "$WB_SOURCE_DIR" --json test "${pure[@]}" "${native[@]}"
expect_status 0
cp "$WORK/stdout" "$WORK/tests.json"
wb "$WB_SOURCE_DIR" --json test --no-suite contourpy
expect_status 0
python3 - "$WORK/tests.json" "$WORK/stdout" <<'PY' || fail "test report"
import json, sys
first, second = (json.load(open(p))["tests"] for p in sys.argv[1:])
suites = {t["name"]: t["passed"] for t in first if t["suite_ran"] and t["platform"] == "pyemscripten_2026_0"}
for name in ("pyyaml", "regex", "bitarray", "zstandard", "brotli", "kiwisolver", "pyerfa"):
    assert suites.get(name, 0) >= 50, (name, suites)
assert sorted(t["platform"] for t in second if t["name"] == "contourpy" and t["ok"]) == ["pyemscripten_2026_0", "pyemscripten_2026_5"], second
json.dump({"tests": first + second}, open(sys.argv[2], "w"))
print("suites passed (314):", suites)
PY
native+=(contourpy)
python3 - "$WORK/stdout" "${pure[@]}" -- "${native[@]}" <<'PY' || fail "test report"
import json, sys
args = sys.argv[2:]
cut = args.index("--")
names = set(args[:cut]) | set(args[cut + 1:])
tests = json.load(open(sys.argv[1]))["tests"]
seen = {(t["name"], t["platform"]) for t in tests if t["ok"]}
bad = [t for t in tests if not t["ok"]]
assert not bad, bad
want = {(n, p) for n in names for p in ("pyemscripten_2026_0", "pyemscripten_2026_5")}
assert want <= seen, sorted(want - seen)
print(len(seen), "package-platform pairs imported and ran their smoke scripts")
PY
pass "the farm's slice imports and runs in stock Pyodide 314 and 315, the C packages' own suites pass"

wb "$WB_SOURCE_DIR" build "${native[@]}" --out "$WORK/dist"
expect_status 0
python3 - "$WORK/dist" "${native[@]}" <<'PY' || fail "the extension wheels"
import glob, os, sys, zipfile
for platform, py in (("pyemscripten_2026_0", "314"), ("pyemscripten_2026_5", "315")):
    for name in sys.argv[2:]:
        wheels = glob.glob(os.path.join(sys.argv[1], platform, f"{name}-*-cp{py}-cp{py}-{platform}_wasm32.whl"))
        assert len(wheels) == 1, (platform, name, os.listdir(os.path.join(sys.argv[1], platform)))
        z = zipfile.ZipFile(wheels[0])
        sos = [n for n in z.namelist() if n.endswith((f".cpython-{py}-wasm32-emscripten.so", ".abi3.so",
                                                        ".abi3-wasm32-emscripten.so")) and z.read(n)[:4] == b"\0asm"]
        assert sos, (wheels[0], "no side module")
        print(os.path.basename(wheels[0]), sos)
PY
pass "${native[*]}: their wheels carry side modules for both ABIs"
