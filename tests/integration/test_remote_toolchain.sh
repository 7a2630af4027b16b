#!/usr/bin/env bash
# Toolchain roots through the remote cache: `toolchain publish` exports the shared store's root once
# per identity; a fresh store (no root) takes it from the cache on its first build instead of making
# it, and builds the same bytes. Heavy: exports, uploads, downloads and imports the real root (~1.2 GB).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/dav_lib.sh"
trap 'stop_dav; rm -rf "$WORK"' EXIT
PLATFORM=(--platform pyemscripten_2026_0)

start_dav "$WORK/dav" root-token
printf 'root-token\n' >"$WORK/token"
export WASM_BUILD_REMOTE_CACHE_TOKEN_FILE="$WORK/token"

wb basic toolchain publish --cache "$DAV_URL"
if [[ "$STATUS" != 0 ]] && grep -q "is not in the store" "$WORK/out"; then
  echo "skipped: the project's toolchain root is not in the shared store ($WASM_BUILD_STORE)"; exit 77
fi
expect_status 0
expect_output "Published toolchain root sid-emscripten \([0-9a-f]{16}, [0-9]+ MB\) to the remote cache"
grep -E '^Published' "$WORK/out" | sed 's/^/  /'
[[ -n "$(find "$DAV_ROOT/roots" -name '*.json')" ]] || fail "no root entry on the server"
wb basic toolchain publish --cache "$DAV_URL"
expect_status 0
expect_output "is already in the remote cache"
pass "a root is published once per identity"

# A reference build on the shared store, then a fresh store that has the runtimes and sources (no
# network needed) but no toolchain root.
wb basic build "${PLATFORM[@]}" --out "$WORK/dist-shared"
expect_status 0
mkdir -p "$WORK/store"
ln -s "$WASM_BUILD_STORE/runtimes" "$WORK/store/runtimes"
ln -s "$WASM_BUILD_STORE/sources" "$WORK/store/sources"
CACHE="$WORK/cache-fresh"
WASM_BUILD_STORE="$WORK/store" wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-fresh"
expect_status 0
expect_output "Took toolchain root sid-emscripten from the remote cache"
expect_no_output "Making toolchain root"
grep -E '^(Fetching|Took)' "$WORK/out" | sed 's/^/  /'
[[ -f "$(ls -d "$WORK"/store/toolchains/sid-emscripten-*/ | head -1)root.json" ]] || fail "no root in the fresh store"
for w in "$WORK"/dist-shared/*/*.whl; do
  cmp "$w" "$WORK/dist-fresh/${w#"$WORK/dist-shared/"}" || fail "$(basename "$w") differs with the fetched root"
done
pass "a fresh store takes its root from the remote cache and builds the same bytes"
