#!/usr/bin/env bash
# Sources that must be refused: a hash mismatch (naming URL, expected and actual hash, nothing
# stored), a hostile tarball (nothing written outside the build directory), a missing source offline,
# a store object whose bytes were replaced.
# The sources go to a store of the test's own (toolchain roots and runtimes are still shared).
source "$(dirname "$0")/lib.sh"
need_sandbox
private_sources "$WORK/store"
STORE="$WASM_BUILD_STORE"

lib_project() {  # lib_project NAME URL SHA: a project with one static library from URL
  local p
  p=$(new_project "$1")
  mkdir -p "$p/recipes/lib"
  cat >"$p/recipes/lib/meta.yaml" <<YAML
package:
  name: lib
  version: "1.0"
source:
  url: $2
  sha256: $3
build:
  type: static_library
  script: mkdir -p "\$WB_PREFIX/lib"
YAML
}

wrong=0000000000000000000000000000000000000000000000000000000000000000
lib_project mismatch "file:../../sources/libhello-1.0.tar.gz" "$wrong"
wb mismatch build
expect_status 1
expect_output "sources/libhello-1.0.tar.gz"
expect_output "$wrong"
expect_output "e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b"
[[ -z "$(ls -A "$STORE/sources/sha256" 2>/dev/null)" ]] || fail "a mismatching file was stored"
[[ -z "$(find "$CACHE/builds" -name result.json 2>/dev/null)" ]] || fail "a failed build left a result"
pass "hash mismatch"

# A tarball whose second entry is ../wb-hostile-escaped.txt.
cp "$WB_SOURCE_DIR/tests/data/archives/hostile-dotdot.tar.gz" "$WORK/data/sources/"
sha=$(sha256sum "$WORK/data/sources/hostile-dotdot.tar.gz" | cut -d' ' -f1)
lib_project hostile "file:../../sources/hostile-dotdot.tar.gz" "$sha"
wb hostile build
expect_status 1
expect_output "FAILED: lib \[shared-[0-9a-f]{8}\] 1.0 \(step: unpack\)"
expect_output "escapes"
found=$(find "$WORK" "$CACHE" /tmp -maxdepth 6 -name wb-hostile-escaped.txt 2>/dev/null | head -1 || true)
[[ -z "$found" ]] || fail "the hostile entry was written: $found"
pass "hostile tarball refused, nothing written outside"

lib_project offline "file:../../sources/libhello-1.0.tar.gz" e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b
wb offline build --offline
expect_status 1
expect_output "is not in the source store .* \(offline\)"
wb offline fetch
expect_status 0
expect_output "Fetched lib 1.0"
[[ -f "$STORE/sources/sha256/e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b" ]] \
  || fail "fetch did not put the source into the store (WASM_BUILD_STORE)"
wb offline build --offline
expect_status 0
pass "--offline uses only the store; fetch fills it"

# A store object whose bytes were replaced is never used: reported, moved aside, fetched again
# (or, offline, missing).
obj="$STORE/sources/sha256/e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b"
printf 'not the tarball' >"$obj"
wb offline fetch
expect_status 0
expect_output "warning: $obj: the source store's object does not hash to its name"
expect_output "Fetched lib 1.0"
[[ "$(sha256sum <"$obj" | cut -d' ' -f1)" == e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b ]] \
  || fail "the replaced object was not fetched again"
[[ "$(cat "$STORE/sources/corrupt/"*)" == "not the tarball" ]] || fail "the replaced bytes were not kept aside"
printf 'not the tarball either' >"$obj"
wb offline fetch --offline
expect_status 1
expect_output "does not hash to its name"
expect_output "is not in the source store .* \(offline\)"
pass "a replaced store object is reported and fetched again, never used"

lib_project missing "file:../../sources/no-such-file.tar.gz" e8b70b368c0d74be39814b1f10948f3291477de938bae5a9e1f77d069195247b
rm -rf "$STORE/sources"
wb missing build
expect_status 1
expect_output "no-such-file.tar.gz"
pass "missing source names the URL"
