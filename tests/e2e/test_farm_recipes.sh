#!/usr/bin/env bash
# The recipes drafted by `wasm-build recipe new` (pure-Python wheels taken as they are, and two sdists
# with C and Cython extensions built by the farm): every one imports and runs its smoke script in
# stock Pyodide 314 and 315; the extension wheels carry side modules for each platform's ABI and
# use them (their smoke scripts check that the compiled implementation is the one in use).
source "$(dirname "$0")/lib.sh"

pure=(six python-dateutil pytz tzdata typing-extensions idna certifi attrs charset-normalizer)
native=(markupsafe msgpack)
wb "$WB_SOURCE_DIR" --json test "${pure[@]}" "${native[@]}"
expect_status 0
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
pass "the drafted recipes import and run in stock Pyodide 314 and 315"

wb "$WB_SOURCE_DIR" build "${native[@]}" --out "$WORK/dist"
expect_status 0
python3 - "$WORK/dist" <<'PY' || fail "the extension wheels"
import glob, os, sys, zipfile
for platform, py in (("pyemscripten_2026_0", "314"), ("pyemscripten_2026_5", "315")):
    for name in ("markupsafe", "msgpack"):
        wheels = glob.glob(os.path.join(sys.argv[1], platform, f"{name}-*-cp{py}-cp{py}-{platform}_wasm32.whl"))
        assert len(wheels) == 1, (platform, name, os.listdir(os.path.join(sys.argv[1], platform)))
        sos = [n for n in zipfile.ZipFile(wheels[0]).namelist() if n.endswith(f".cpython-{py}-wasm32-emscripten.so")]
        assert sos, (wheels[0], "no side module")
        print(os.path.basename(wheels[0]), sos)
PY
pass "markupsafe and msgpack wheels carry side modules for both ABIs"
