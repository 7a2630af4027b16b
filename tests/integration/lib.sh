# Shared helpers for the integration tests: a scratch workspace holding copies of the test
# projects and sources, a private cache, and small assertions that print what they saw.
# A test that cannot run here (a tool, the sandbox or a file is missing) calls `skip REASON`: it
# exits 77, which CTest reports as skipped (SKIP_RETURN_CODE), never as passed.
set -euo pipefail

WB_SOURCE_DIR="${WB_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
WASM_BUILD_BIN="${WASM_BUILD_BIN:-$WB_SOURCE_DIR/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-it-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/data"
cp -rL "$WB_SOURCE_DIR/tests/data/projects" "$WB_SOURCE_DIR/tests/data/sources" "$WORK/data/"
rm -rf "$WORK"/data/projects/*/dist
CACHE="$WORK/cache"
export NO_COLOR=1 CI=1
# Toolchain roots, runtimes and sources are shared (made once per machine); builds stay private.
export WASM_BUILD_STORE="${WASM_BUILD_STORE:-${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}}"

# wb PROJECT ARGS...: runs wasm-build on a project of the workspace; output in $WORK/out.
wb() {
  local project="$1"; shift
  set +e
  "$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$WORK/data/projects/$project" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  cat "$WORK/stdout" "$WORK/stderr" >"$WORK/out"
}

fail() { echo "FAIL: $*" >&2; echo "--- output was:" >&2; cat "$WORK/out" >&2 2>/dev/null || true; exit 1; }
expect_status() { [[ "$STATUS" == "$1" ]] || fail "expected exit $1, got $STATUS"; }
expect_output() { grep -qE -- "$1" "$WORK/out" || fail "expected output matching: $1"; }
expect_no_output() { if grep -qE -- "$1" "$WORK/out"; then fail "unexpected output matching: $1"; fi; }
pass() { echo "ok: $*"; }
skip() { echo "SKIP: $*"; exit 77; }

# The two platforms of the repository (platforms/*.yaml): stock Pyodide 314 (the default) and 315.
P0=pyemscripten_2026_0 P5=pyemscripten_2026_5

# need_sandbox: builds run under bubblewrap; without it (or without user namespaces) skip.
need_sandbox() {
  command -v bwrap >/dev/null || skip "bwrap is not installed (ci/setup.sh installs bubblewrap)"
  bwrap --unshare-all --unshare-user --ro-bind / / -- /bin/true 2>/dev/null \
    || skip "bubblewrap cannot make a sandbox here (user namespaces disabled?)"
}

# new_project NAME: an empty project beside the test projects with the repository's platforms,
# toolchains and cross-build environment recipe (every platform needs its cross_env recipe).
new_project() {
  local p="$WORK/data/projects/$1"
  mkdir -p "$p/recipes"
  cp -rL "$WB_SOURCE_DIR/platforms" "$WB_SOURCE_DIR/toolchains" "$p/"
  cp -rL "$WB_SOURCE_DIR/recipes/pyodide-xbuildenv" "$p/recipes/"
  echo "$p"
}

# private_sources STORE: a store directory whose sources/ is its own (empty) while toolchain roots,
# their front-end probes, runtimes and tools are those of the shared store (symlinks, never written
# through by a test: they exist already); sets WASM_BUILD_STORE to it.
private_sources() {
  local store="$1" shared="$WASM_BUILD_STORE" d
  mkdir -p "$store" "$shared"
  for d in toolchains frontend runtimes tools; do
    mkdir -p "$shared/$d"
    ln -sfn "$shared/$d" "$store/$d"
  done
  export WASM_BUILD_STORE="$store"
}

# build_dirs NAME: the finished build directories of NAME in the test's cache, one per line.
build_dirs() { find "$CACHE/builds/$1" -mindepth 2 -maxdepth 2 -name result.json -printf '%h\n' 2>/dev/null | sort; }

# ar_members_are_wasm ARCHIVE: every member of a Unix ar archive is a wasm object (magic \0asm);
# prints the member names. Read with Python, so no host binutils are needed.
ar_members_are_wasm() {
  python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"!<arch>\n", "not an ar archive"
pos, names, longnames = 8, [], b""
while pos + 60 <= len(data):
    header = data[pos:pos + 60]
    name, size = header[:16].decode().strip(), int(header[48:58])
    body = data[pos + 60:pos + 60 + size]
    pos += 60 + size + (size & 1)
    if name == "//":
        longnames = body
        continue
    if name in ("/", "/SYM64/") or name.startswith("__.SYMDEF"):
        continue
    if name.startswith("/") and name[1:].isdigit():
        off = int(name[1:])
        name = longnames[off:longnames.index(b"/\n", off)].decode()
    name = name.rstrip("/")
    if body[:4] != b"\0asm":
        sys.exit(f"{name}: not a wasm object (starts with {body[:4]!r})")
    names.append(name)
if not names:
    sys.exit("no members")
print("\n".join(names))
PY
}

# ar_member ARCHIVE NAME OUT: extracts one member of a Unix ar archive.
ar_member() {
  python3 - "$@" <<'PY'
import sys
data, want = open(sys.argv[1], "rb").read(), sys.argv[2]
pos = 8
while pos + 60 <= len(data):
    name, size = data[pos:pos + 16].decode().strip().rstrip("/"), int(data[pos + 48:pos + 58])
    if name == want:
        open(sys.argv[3], "wb").write(data[pos + 60:pos + 60 + size])
        sys.exit(0)
    pos += 60 + size + (size & 1)
sys.exit(f"{want}: no such member")
PY
}

# no_process_matches PATTERN: fails when a process whose command line matches PATTERN survives
# (waits up to 5 s for it to go).
no_process_matches() {
  local _
  for _ in $(seq 50); do pgrep -f -- "$1" >/dev/null || return 0; sleep 0.1; done
  fail "a process survived: $(pgrep -af -- "$1" | head -3)"
}
