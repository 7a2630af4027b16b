#!/usr/bin/env bash
# A remote cache shared by two machines' caches, on nginx as a write-once WebDAV server (and on a
# shared directory): the second build fetches instead of building and gets the same bytes; a
# flipped byte in a remote object is refused and the node rebuilt; wrong credentials and a server
# that is down degrade to local-only with a warning, never a failure; the token never shows.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/dav_lib.sh"
trap 'stop_dav; rm -rf "$WORK"' EXIT

TOKEN="tok-$RANDOM$RANDOM-secret"
printf '%s\n' "$TOKEN" >"$WORK/token"
chmod 0600 "$WORK/token"
export WASM_BUILD_REMOTE_CACHE_TOKEN_FILE="$WORK/token"
start_dav "$WORK/dav" "$TOKEN"
PLATFORM=(--platform pyemscripten_2026_0)
nodes() { grep -c '^Built ' "$WORK/out" || true; }

# Machine A builds and publishes.
CACHE="$WORK/cache-a"
wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-a"
expect_status 0
built_a="$(nodes)"
[[ "$built_a" -ge 4 ]] || fail "expected at least 4 nodes built, saw $built_a"
expect_output "Remote cache $DAV_URL: 0 fetched, $built_a missed, 0 refused, $built_a published"
[[ -n "$(find "$DAV_ROOT/actions" -name '*.json')" ]] || fail "no action entry on the server"
pass "a build publishes its $built_a nodes"

# Machine B (its own cache, nothing in it) fetches everything, byte for byte.
CACHE="$WORK/cache-b"
wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-b"
expect_status 0
expect_output "Summary: 0 built, $built_a cached, 0 failed, 0 skipped"
expect_output "Remote cache $DAV_URL: $built_a fetched, 0 missed, 0 refused, 0 published"
for w in "$WORK"/dist-a/*/*.whl; do
  cmp "$w" "$WORK/dist-b/${w#"$WORK/dist-a/"}" || fail "$(basename "$w") differs after a fetch"
done
grep -E '^Remote cache' "$WORK/out" | sed 's/^/  /'
pass "a second cache fetches instead of building"

# A flipped byte in the remote copy of purehello's wheel: refused, rebuilt, same bytes again.
wheel="$(ls "$WORK"/dist-a/*/purehello-*.whl | head -1)"
sha="$(sha256sum "$wheel" | cut -d' ' -f1)"
object="$DAV_ROOT/objects/${sha:0:2}/$sha"
[[ -f "$object" ]] || fail "the wheel's object $sha is not on the server"
python3 - "$object" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 0x01
open(sys.argv[1], "wb").write(bytes(data))
PY
CACHE="$WORK/cache-c"
wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-c"
expect_status 0
expect_output "warning: remote cache $DAV_URL: refused purehello .*does not match its name; building it instead"
expect_output "Built purehello \[pyemscripten_2026_0\]"
expect_output "1 refused"
cmp "$wheel" "$WORK/dist-c/${wheel#"$WORK/dist-a/"}" || fail "the rebuilt wheel differs"
[[ -z "$(find "$WORK/cache-c/builds" -maxdepth 2 -name '.fetch-*')" ]] || fail "a refused fetch left a staging directory"
grep -E "refused|^Built|^Remote" "$WORK/out" | sed "s/^/  /"
pass "a flipped byte is detected and the node rebuilt"

# Wrong credentials: a warning, then local-only.
CACHE="$WORK/cache-d"
printf 'not-the-token\n' >"$WORK/wrong-token"
WASM_BUILD_REMOTE_CACHE_TOKEN_FILE="$WORK/wrong-token" wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-d"
expect_status 0
expect_output "warning: remote cache $DAV_URL is not usable .*HTTP status 401 \(check the cache credentials\)\); going on with the local cache only"
pass "refused credentials degrade to local-only"

# The server is down: the same warning, the build goes on.
stop_dav
CACHE="$WORK/cache-e"
wb basic build "${PLATFORM[@]}" --cache "$DAV_URL" --out "$WORK/dist-e"
expect_status 0
expect_output "warning: remote cache $DAV_URL is not usable \(.*(Connection refused|Couldn't connect|Failed to connect).*\); going on with the local cache only"
expect_output "Summary: $built_a built, 0 cached, 0 failed, 0 skipped"
pass "a remote that is down degrades to local-only with a warning"

# The token appears in no output and no log.
if grep -rqF "$TOKEN" "$WORK/out" "$WORK"/cache-*/logs "$WORK"/cache-*/builds "$WORK/dav/logs" 2>/dev/null; then
  fail "the token was written somewhere"
fi
pass "the token shows nowhere"

# file://: a shared directory works the same way.
mkdir -p "$WORK/shared"
unset WASM_BUILD_REMOTE_CACHE_TOKEN_FILE
CACHE="$WORK/cache-f"
WASM_BUILD_REMOTE_CACHE="file://$WORK/shared" wb basic build "${PLATFORM[@]}" --out "$WORK/dist-f"
expect_status 0
CACHE="$WORK/cache-g"
WASM_BUILD_REMOTE_CACHE="file://$WORK/shared" wb basic build "${PLATFORM[@]}" --out "$WORK/dist-g"
expect_status 0
expect_output "Summary: 0 built, $built_a cached"
pass "file:// (WASM_BUILD_REMOTE_CACHE) shares builds too"
