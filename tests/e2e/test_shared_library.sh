#!/usr/bin/env bash
# A shared_library recipe (libcounter: one static counter) used by two C extension packages
# (counter-a, counter-b), for both platforms: the library is packaged the way Pyodide ships its
# shared libraries (libcounter-1.0.zip, installed into the runtime's dynlib directory), the
# packages link against it (dylink.0 NEEDED, no copy in their wheels), the ABI check sees it, the
# lock file lists it with the packages depending on it, and stock Pyodide's own loader installs it
# once for both: the two packages count on one counter.
source "$(dirname "$0")/lib.sh"

project="$WB_SOURCE_DIR/tests/data/projects/shlib"
wb "$project" test counter-a counter-b
expect_status 0
for p in pyemscripten_2026_0 pyemscripten_2026_5; do
  for pkg in counter-a counter-b; do expect_output "Tested $pkg \[$p\]: ok"; done
done
pass "counter-a and counter-b pass their tests in stock Pyodide 314 and 315 with libcounter installed"

wb "$project" build counter-a counter-b --out "$WORK/dist"
expect_status 0
dist="$WORK/dist/pyemscripten_2026_0"
python3 - "$dist" <<'PY' || fail "the shared library or the wheels are not packaged as expected"
import glob, json, os, sys, zipfile
dist = sys.argv[1]

def needed(module):
    """dylink.0 NEEDED entries of a side module (subsection 2 of the first custom section)."""
    assert module[:8] == b"\0asm\1\0\0\0", "not a wasm module"
    def leb(data, at):
        value = shift = 0
        while True:
            byte = data[at]; at += 1
            value |= (byte & 0x7F) << shift; shift += 7
            if byte < 0x80: return value, at
    size, at = leb(module, 9)
    end = at + size
    length, at = leb(module, at)
    assert module[8] == 0 and module[at:at + length] == b"dylink.0", "no dylink.0 section first"
    at += length
    out = []
    while at < end:
        kind = module[at]; at += 1
        size, at = leb(module, at)
        if kind == 2:
            count, p = leb(module, at)
            for _ in range(count):
                n, p = leb(module, p)
                out.append(module[p:p + n].decode()); p += n
        at += size
    return out

with zipfile.ZipFile(os.path.join(dist, "libcounter-1.0.zip")) as z:
    assert z.namelist() == ["libcounter.so"], z.namelist()
    assert z.read("libcounter.so")[:4] == b"\0asm"
packages = json.load(open(os.path.join(dist, "packages.json")))
lib = packages["libcounter"]
assert (lib["package_type"], lib["install_dir"], lib["shared_library"]) == ("shared_library", "dynlib", True), lib
for name in ("counter_a", "counter_b"):
    [wheel] = glob.glob(os.path.join(dist, f"{name}-0.1-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        assert not [n for n in z.namelist() if "libcounter" in n], z.namelist()
        [so] = [n for n in z.namelist() if n.endswith(".so")]
        assert needed(z.read(so)) == ["libcounter.so"], needed(z.read(so))
    assert packages[name.replace("_", "-")]["depends"] == ["libcounter"], packages[name.replace("_", "-")]
PY
pass "libcounter-1.0.zip holds the side module; the wheels need it (dylink.0) without a copy, and depend on it"

wheel=$(ls "$dist"/counter_a-0.1-*.whl)
"$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" abi-check "$wheel" >"$WORK/abi.out" 2>&1 && fail "the ABI check passed without the shared library"
grep -q "needs libcounter.so, which is neither in the wheel nor a declared shared library" "$WORK/abi.out" \
    || { cat "$WORK/abi.out" >&2; fail "the ABI check does not name the missing library"; }
"$WASM_BUILD_BIN" -C "$WB_SOURCE_DIR" abi-check "$wheel" --shared-library "$dist/libcounter-1.0.zip" >"$WORK/abi.out" 2>&1 \
    || { cat "$WORK/abi.out" >&2; fail "the ABI check failed with the shared library declared"; }
pass "the ABI check resolves counter_next from the declared libcounter package, and fails without it"

cd "$WORK"
"$WASM_BUILD_BIN" index keygen --out keys 2>/dev/null
"$WASM_BUILD_BIN" -C "$project" index publish --for pyemscripten_2026_0 --wheels "$dist" --out repo --keys keys 2>publish.err \
    || { cat publish.err >&2; fail "index publish failed"; }
python3 "$WB_SOURCE_DIR/tests/integration/pyodide_lock_check.py" repo || fail "the lock file does not fit Pyodide's model"
[[ -f repo/packages/libcounter-1.0.zip && ! -e repo/packages/libcounter-1.0.zip.metadata ]] \
    || fail "the repository does not hold libcounter-1.0.zip alone"
[[ ! -e repo/simple/libcounter ]] || fail "the simple index lists a shared library as a Python project"
grep -q '"packages/libcounter-1.0.zip"' repo/metadata/targets.json || fail "targets.json does not sign libcounter-1.0.zip"
"$WASM_BUILD_BIN" index verify repo --root repo/metadata/1.root.json --state state >/dev/null 2>&1 \
    || fail "index verify refused the repository"
pass "index publish: libcounter in the lock file and signed targets, not on the simple pages"

# The loader of each platform's stock runtime, from that platform's repository.
for platform in pyemscripten_2026_0 pyemscripten_2026_5; do
  "$WASM_BUILD_BIN" -C "$project" index publish --for $platform --wheels "$WORK/dist/$platform" --out "repo-$platform" \
      --keys keys 2>publish.err || { cat publish.err >&2; fail "index publish --for $platform failed"; }
  pyodide_dir="$("$WASM_BUILD_BIN" -C "$project" runtime --platform $platform 2>/dev/null)"
  LOAD_CHECK='
import os, counter_a, counter_b
from pyodide._package_loader import get_install_dir
values = [counter_a.next_value(), counter_b.next_value(), counter_a.next_value()]
assert values == [1, 2, 3], f"two copies of libcounter were loaded: {values}"
assert os.listdir(get_install_dir("dynlib")).count("libcounter.so") == 1
print("one counter:", values)
' timeout 120 node "$WB_SOURCE_DIR/tests/integration/index_pyodide_load.js" "$pyodide_dir" "$(readlink -f "repo-$platform")" \
      counter-a,counter-b counter_a counter_b >load.out 2>&1 || { cat load.out >&2; fail "Pyodide ($platform) could not load the packages"; }
  grep -q "^Loading .*libcounter" load.out || { cat load.out >&2; fail "the loader did not resolve libcounter from depends"; }
  grep -q "^one counter: \[1, 2, 3\]$" load.out || { cat load.out >&2; fail "no shared counter"; }
done
pass "stock Pyodide 314's and 315's loaders install libcounter once from our lock files; both packages share its counter"
