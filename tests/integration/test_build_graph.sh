#!/usr/bin/env bash
# Builds the basic project: dependency order, library prefixes, wheels, no-op rebuilds and
# rebuilding exactly what a changed patch or source affects.
source "$(dirname "$0")/lib.sh"

wb basic build -j2
expect_status 0
expect_output "Summary: 4 built, 0 cached, 0 failed, 0 skipped"
# libgreet host-depends on libhello: it cannot start before libhello is built.
hello_line=$(grep -n "Built libhello" "$WORK/out" | cut -d: -f1)
greet_line=$(grep -n "Building libgreet" "$WORK/out" | cut -d: -f1)
(( hello_line < greet_line )) || fail "libgreet started before libhello was built"
prefix=$(ls -d "$CACHE"/builds/emscripten-3.1.6/libhello/*/prefix)
[[ -f "$prefix/lib/libhello.a" && -f "$prefix/include/hello.h" && -f "$prefix/lib/pkgconfig/hello.pc" ]] \
  || fail "libhello's prefix is incomplete"
# The archive holds wasm objects (magic \0asm), and the patch was applied.
obj="$WORK/hello.o"; (cd "$WORK" && llvm-ar-14 x "$prefix/lib/libhello.a" hello.o)
[[ "$(head -c 4 "$obj" | od -An -c | tr -d ' ')" == '\0asm' ]] || fail "libhello.a does not hold wasm objects"
strings "$obj" | grep -q "1.0-wb" || fail "the patch was not applied"
[[ -f "$WORK/data/projects/basic/dist/pureworld-2.0-py3-none-any.whl" ]] || fail "no pureworld wheel in dist/"
python3 - "$WORK/data/projects/basic/dist/pureworld-2.0-py3-none-any.whl" <<'PY' || fail "bad pureworld metadata"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
meta = z.read("pureworld-2.0.dist-info/METADATA").decode()
assert "Requires-Dist: purehello" in meta, meta
assert "Tag: py3-none-any" in z.read("pureworld-2.0.dist-info/WHEEL").decode()
PY
pass "cold build"

wb basic build
expect_status 0
expect_output "Summary: 0 built, 4 cached"
expect_no_output "^Building"
pass "no-op rebuild does no work"

# Change the patch: libhello and its host dependent libgreet rebuild; the Python packages do not.
sed -i 's/1.0-wb/1.0-wb2/' "$WORK/data/projects/basic/patches/libhello/0001-version-suffix.patch"
wb basic build -n
expect_status 0
expect_output "libhello 1.0: would build \(patch 0001-version-suffix.patch changed\)"
expect_output "libgreet 0.2: would build \(dependency libhello changed\)"
expect_output "purehello 0.1: up to date"
wb basic build
expect_status 0
expect_output "Summary: 2 built, 2 cached"
expect_output "Built libhello"; expect_output "Built libgreet"
pass "one-patch rebuild rebuilds exactly libhello and libgreet"

# Change libgreet's own source: only libgreet rebuilds.
echo "/* changed */" >> "$WORK/data/sources/libgreet/greet.c"
wb basic build
expect_status 0
expect_output "Summary: 1 built, 3 cached"
expect_output "Built libgreet"
pass "source change rebuilds only that package"

wb basic --json build
expect_status 0
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["cached"]==4, d["summary"]; assert {r["name"] for r in d["results"]}=={"libhello","libgreet","purehello","pureworld"}' "$WORK/stdout" \
  || fail "--json output"
pass "--json results on stdout"
