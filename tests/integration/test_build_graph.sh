#!/usr/bin/env bash
# Builds the basic project for both platforms: the C libraries once, shared by both (variant
# shared-<flavor8>), the Python packages once per platform; dependency order, library prefixes,
# wheels per platform, no-op rebuilds, and rebuilding exactly what a changed patch or source affects.
source "$(dirname "$0")/lib.sh"
need_sandbox
dist="$WORK/data/projects/basic/dist"

# The plan first: each library is listed once, as one build shared by both platforms.
wb basic build -n
expect_status 0
expect_output "^libhello 1.0 \[shared-[0-9a-f]{8}\]: one build shared by $P0, $P5$"
expect_output "^libgreet 0.2 \[shared-[0-9a-f]{8}\]: one build shared by $P0, $P5$"
[[ "$(grep -c '^Would build libhello ' "$WORK/out")" == 1 ]] || fail "libhello would be built more than once"
expect_output "^Would build purehello \[$P0\] 0.1 \(never built\)$"
expect_output "^Would build purehello \[$P5\] 0.1 \(never built\)$"
expect_output "^Plan: 8 to build, 0 up to date$"
[[ ! -d "$CACHE/builds" ]] || fail "a dry run built something"
pass "build -n lists each C library once, shared by both platforms"

wb basic build -j2
expect_status 0
expect_output "Summary: 8 built, 0 cached, 0 failed, 0 skipped"
[[ "$(grep -c '^Built libhello ' "$WORK/out")" == 1 ]] || fail "libhello was built more than once"
[[ "$(build_dirs libhello | wc -l)" == 1 && "$(build_dirs libgreet | wc -l)" == 1 ]] \
  || fail "the libraries have more than one build directory"
[[ "$(build_dirs purehello | wc -l)" == 2 ]] || fail "purehello was not built once per platform"
# libgreet host-depends on libhello: it cannot start before libhello is built.
hello_line=$(grep -n "^Built libhello" "$WORK/out" | cut -d: -f1)
greet_line=$(grep -n "^Building libgreet" "$WORK/out" | cut -d: -f1)
(( hello_line < greet_line )) || fail "libgreet started before libhello was built"
prefix="$(build_dirs libhello)/prefix"
[[ -f "$prefix/lib/libhello.a" && -f "$prefix/include/hello.h" && -f "$prefix/lib/pkgconfig/hello.pc" ]] \
  || fail "libhello's prefix is incomplete"
# The archive holds wasm objects (magic \0asm), and the patch was applied.
ar_members_are_wasm "$prefix/lib/libhello.a" >"$WORK/members" || fail "libhello.a does not hold only wasm objects"
grep -qx hello.o "$WORK/members" || fail "libhello.a has no hello.o: $(cat "$WORK/members")"
ar_member "$prefix/lib/libhello.a" hello.o "$WORK/hello.o"
grep -qa "1.0-wb" "$WORK/hello.o" || fail "the patch was not applied"
[[ -f "$(build_dirs libgreet)/prefix/lib/libgreet.a" ]] || fail "libgreet's prefix has no libgreet.a"
for p in $P0 $P5; do
  w="$dist/$p/pureworld-2.0-py3-none-any.whl"
  [[ -f "$w" && -f "$dist/$p/purehello-0.1-py3-none-any.whl" ]] || fail "no wheels in dist/$p/"
  python3 - "$w" "$dist/$p/packages.json" <<'PY' || fail "bad pureworld metadata for $p"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
meta = z.read("pureworld-2.0.dist-info/METADATA").decode()
assert "Requires-Dist: purehello" in meta, meta
assert "Tag: py3-none-any" in z.read("pureworld-2.0.dist-info/WHEEL").decode()
packages = json.load(open(sys.argv[2]))
assert sorted(packages) == ["purehello", "pureworld"], packages
assert packages["pureworld"]["depends"] == ["purehello"], packages["pureworld"]
PY
done
[[ -z "$(find "$dist" -name 'lib*.whl')" ]] || fail "a static library produced a wheel"
pass "cold build: libraries once for both platforms, packages per platform, in order"

wb basic build
expect_status 0
expect_output "Summary: 0 built, 8 cached"
expect_no_output "^Building"
pass "no-op rebuild does no work"

wb basic build --platform $P0
expect_status 0
expect_output "Summary: 0 built, 5 cached"
expect_no_output "$P5"
pass "one platform alone reuses the shared libraries"

# Change the patch: libhello and its host dependent libgreet rebuild (once, for both platforms);
# the Python packages do not.
sed -i 's/1.0-wb/1.0-wb2/' "$WORK/data/projects/basic/patches/libhello/0001-version-suffix.patch"
wb basic build -n
expect_status 0
expect_output "^Would build libhello \[shared-[0-9a-f]{8}\] 1.0 \(patch 0001-version-suffix.patch changed\)$"
expect_output "^Would build libgreet \[shared-[0-9a-f]{8}\] 0.2 \(dependency libhello changed\)$"
expect_no_output "^Would build (purehello|pureworld|pyodide-xbuildenv)"
expect_output "^Plan: 2 to build, 6 up to date$"
wb basic build
expect_status 0
expect_output "Summary: 2 built, 6 cached"
expect_output "^Built libhello"; expect_output "^Built libgreet"
pass "one-patch rebuild rebuilds exactly libhello and libgreet"

# Change libgreet's own source: only libgreet rebuilds.
echo "/* changed */" >> "$WORK/data/sources/libgreet/greet.c"
wb basic build
expect_status 0
expect_output "Summary: 1 built, 7 cached"
expect_output "^Built libgreet"
pass "source change rebuilds only that package"

wb basic --json build
expect_status 0
python3 - "$WORK/stdout" <<'PY' || fail "--json output"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["cached"] == 8, d["summary"]
seen = sorted((r["name"], r["variant"].split("-")[0] if r["variant"].startswith("shared-") else r["variant"])
              for r in d["results"])
assert seen == sorted([("libhello", "shared"), ("libgreet", "shared")] +
                      [(n, p) for n in ("pyodide-xbuildenv", "purehello", "pureworld")
                       for p in ("pyemscripten_2026_0", "pyemscripten_2026_5")]), seen
PY
pass "--json results on stdout, one per node"
