#!/usr/bin/env bash
# Installs everything wasm-build needs on a fresh Debian 12 machine (run as root).
# Idempotent: a second run installs nothing and exits quickly.
set -euo pipefail

packages=(
  # the tool itself
  build-essential cmake ninja-build pkg-config git patch xz-utils bzip2 file
  libcurl4-openssl-dev libarchive-dev libyaml-cpp-dev libssl-dev libsqlite3-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libexpected-dev libgtest-dev libgmock-dev
  # toolchain roots (debootstrap), the build sandbox (bubblewrap), Debian source packages (dpkg-dev)
  debootstrap bubblewrap dpkg-dev
  # tests and benchmarks: pip for the index tests (and the index recipe new asks), PyYAML to read
  # drafted recipes, nginx and wrk for serving (and the WebDAV remote
  # cache), Chromium for the page, a single-node Slurm cluster for the farm executor (test_slurm.sh;
  # its daemons are started by the test itself with a private config, never by the packages)
  python3 python3-pip python3-yaml nginx-light wrk curl openssl chromium
  slurmctld slurmd slurm-client munge
  # fuzzing (tests/fuzz/run.sh, -DWB_FUZZ=ON): libFuzzer and AddressSanitizer of Debian's clang 14
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# deb-src entries in deb822 form, derived from the machine's own apt configuration: bookworm (and
# bullseye) as the machine's suites are, and unstable, whose Release file in this archive snapshot
# has expired (Check-Valid-Until: no, for that stanza only).
src_list=/etc/apt/sources.list.d/wasm-build-src.sources
need_update=0
base=/etc/apt/sources.list.d/debian.sources
if [[ ! -f "$base" ]]; then
  echo "setup: $base not found; cannot derive deb-src entries" >&2
  exit 2
fi
tmp="$(mktemp)"
awk '
  BEGIN { RS=""; FS="\n" }
  {
    uris=""; signed="";
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^URIs:/) uris=$i;
      if ($i ~ /^Signed-By:/) signed=$i;
    }
    if (uris != "" && uris !~ /security/ && !done) {
      print "Types: deb-src"; print uris; print "Suites: bookworm bullseye"; print "Components: main"; print signed;
      print "";
      print "Types: deb-src"; print uris; print "Suites: sid"; print "Components: main";
      print "Check-Valid-Until: no"; print signed; done=1
    }
  }' "$base" > "$tmp"
if ! grep -q '^URIs:' "$tmp"; then
  echo "setup: could not find a main archive stanza in $base" >&2
  rm -f "$tmp"; exit 2
fi
if ! cmp -s "$tmp" "$src_list"; then
  install -m 0644 "$tmp" "$src_list"
  need_update=1
fi
rm -f "$tmp"

if (( ${#missing[@]} > 0 )) || (( need_update )); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
fi
if (( ${#missing[@]} > 0 )); then
  echo "setup: installing ${missing[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# npm packages pinned in a package-lock.json, installed with `npm ci` when node_modules differs:
# tests/browser (playwright-core, drives Debian's chromium) and web/editor (CodeMirror and esbuild,
# which ci/publish-site uses to bundle the page's editor).
npm_ci() {  # npm_ci DIR: npm ci in DIR unless node_modules holds every locked package at its version
  local stale
  stale="$(python3 - "$1" <<'PY'
import json, os, sys
root = sys.argv[1]
for key, p in json.load(open(os.path.join(root, "package-lock.json")))["packages"].items():
    if not key or p.get("optional"):  # the project itself; other platforms' esbuild binaries
        continue
    try:
        have = json.load(open(os.path.join(root, key, "package.json")))["version"]
    except OSError:
        have = None
    if have != p["version"]:
        print(f"{key[len('node_modules/'):]} {p['version']}")
        break
PY
)"
  if [[ -n "$stale" ]]; then
    echo "setup: npm ci in $1 ($stale)" >&2
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
root="$(cd "$(dirname "$0")/.." && pwd)"
npm_ci "$root/tests/browser"
npm_ci "$root/web/editor"
# nginx is only used by tests on loopback; do not leave the packaged one running.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now nginx >/dev/null 2>&1 || true; fi
# Slurm and munge likewise: tests/integration/slurm_lib.sh runs its own private cluster.
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now slurmctld slurmd munge >/dev/null 2>&1 || true
fi
pkill -x nginx >/dev/null 2>&1 || true
echo "setup: ok" >&2
