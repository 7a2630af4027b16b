#!/usr/bin/env bash
# Every build step runs in the sandbox: no network, an empty read-only $HOME, the toolchain root
# read-only, nothing of this machine outside the step's own directories. Each recipe of
# tests/data/projects/sandbox tries one of these and must fail loudly with the reason in its log;
# the well-behaved one builds. Uses the real toolchain root (shared through WASM_BUILD_STORE).
source "$(dirname "$0")/lib.sh"
need_sandbox
project="$WORK/data/projects/sandbox"

wb sandbox build well-behaved --platform pyemscripten_2026_0
expect_status 0
pass "a library that writes only into its prefix builds (and sees an empty \$HOME)"

# The network: a server on this machine's loopback is not reachable from a build.
mkdir -p "$WORK/served" && echo reachable >"$WORK/served/probe.txt"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/served" >"$WORK/http.log" 2>&1 &
http_pid=$!
trap 'kill $http_pid 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do port=$(grep -o 'port [0-9]*' "$WORK/http.log" | head -1 | cut -d' ' -f2 || true); [[ -n "$port" ]] && break; sleep 0.1; done
[[ -n "$port" ]] || fail "could not start the probe server"
curl -sf "http://127.0.0.1:$port/probe.txt" | grep -q reachable || fail "the probe server does not answer on the host"
mkdir -p "$project/recipes/net-probe"
cat >"$project/recipes/net-probe/meta.yaml" <<YAML
package:
  name: net-probe
  version: "1.0"
source:
  path: .
build:
  type: static_library
  script: python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/probe.txt', timeout=5).read())"
YAML
wb sandbox build net-probe --platform pyemscripten_2026_0
expect_status 1
expect_output "FAILED: net-probe"
grep -q "Connection refused" "$CACHE/logs/shared-"*/net-probe.log || fail "net-probe: no 'Connection refused' in its log"
pass "a build cannot reach the network (the host's loopback server is refused)"

rm -f "$HOME/x"
wb sandbox build home-write --platform pyemscripten_2026_0
expect_status 1
grep -q "Read-only file system" "$CACHE/logs/shared-"*/home-write.log || fail "home-write: no 'Read-only file system'"
[[ ! -e "$HOME/x" ]] || fail "home-write wrote into the real \$HOME"
pass "\$HOME is empty and read-only"

wb sandbox build root-write --platform pyemscripten_2026_0
expect_status 1
grep -q "Read-only file system" "$CACHE/logs/shared-"*/root-write.log || fail "root-write: no 'Read-only file system'"
pass "the toolchain root is read-only"

echo "the secret" >"$WORK/secret.txt"
mkdir -p "$project/recipes/outside-link/tree"
ln -s "$WORK/secret.txt" "$project/recipes/outside-link/tree/secret-link"
wb sandbox build outside-link --platform pyemscripten_2026_0
expect_status 1
expect_output "FAILED: outside-link \[shared-[0-9a-f]{8}\] 1.0 \(step: unpack\)"
expect_output "entry 'secret-link' is a symlink to the absolute path '$WORK/secret.txt'"
expect_no_output "the secret"
ln -sfn ../../../../../../secret.txt "$project/recipes/outside-link/tree/secret-link"
[[ "$(cat "$project/recipes/outside-link/tree/secret-link")" == "the secret" ]] || fail "the relative link is wrong"
wb sandbox build outside-link --platform pyemscripten_2026_0
expect_status 1
expect_output "FAILED: outside-link \[shared-[0-9a-f]{8}\] 1.0 \(step: unpack\)"
expect_output "entry 'secret-link' is a symlink to '../../../../../../secret.txt', which points outside"
expect_no_output "the secret"
pass "a local source tree's link (absolute or relative) to a file outside it is refused before anything runs"
