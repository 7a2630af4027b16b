#!/usr/bin/env bash
# Benchmarks wasm-cc against bare clang and emcc inside a toolchain root, in the sandbox package
# builds run in, with the platform's ABI flags (see README.md):
#   bench/cc/run.sh [ROOT...] [-- bench.py options: --count N --cxx-count N --reps R --link-reps R --per-file]
# Without ROOT: every cached root of the project's toolchains (ci/in-toolchain-root --roots).
# WASM_CC_BIN: the wasm-cc binary (default build/wasm-cc); WB_ABI_FLAGS: the ABI flags (default: the
# cflags of the project's platforms, which must agree).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
command_line="bench/cc/run.sh${*:+ $*}"
wasm_cc=$(readlink -f "${WASM_CC_BIN:-$repo/build/wasm-cc}")
[ -x "$wasm_cc" ] || { echo "bench: no wasm-cc at $wasm_cc (build it, or set WASM_CC_BIN)" >&2; exit 2; }

roots=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do roots+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#roots[@]} -gt 0 ] || mapfile -t roots < <("$repo/ci/in-toolchain-root" --roots "$repo")
[ ${#roots[@]} -gt 0 ] || { echo "bench: no toolchain root in the cache (wasm-build toolchain ensure)" >&2; exit 2; }

# The platforms' cflags are their ABI flags ("cflags: [-fwasm-exceptions, -sSUPPORT_LONGJMP=wasm]").
abi=${WB_ABI_FLAGS:-}
if [ -z "$abi" ]; then
    abi_list=$(sed -n 's/^ *cflags: *\[\(.*\)\] *$/\1/p' "$repo"/platforms/*.yaml | tr -d ' ' | sort -u)
    [ "$(echo "$abi_list" | wc -l)" -eq 1 ] || { echo "bench: the platforms' cflags differ; set WB_ABI_FLAGS" >&2; exit 2; }
    abi=$(echo "$abi_list" | tr ',' ' ')
fi

# zlib's sources, fetched once on the host (the sandbox has no network), never into the repository.
sources=${XDG_CACHE_HOME:-$HOME/.cache}/wasm-build/bench-cc
mkdir -p "$sources"
if ! compgen -G "$sources/zlib_*.orig.tar.*" >/dev/null; then
    # The archive may serve the orig tarball but not the .dsc: apt-get then fails, the tarball is there.
    (cd "$sources" && apt-get source --download-only zlib >/dev/null 2>&1) || true
    compgen -G "$sources/zlib_*.orig.tar.*" >/dev/null || echo "bench: no zlib sources (apt-get source); generated only"
fi

# CPU time: perf counts instructions where the machine lets it, but perf is not in the roots, so the
# numbers below come from getrusage of each command's children (user+system) inside the sandbox.
if perf_out=$(perf stat -e instructions true 2>&1) && ! grep -q 'not supported' <<<"$perf_out"; then
    perf_note="perf counts instructions here, but it is not in the root"
else
    perf_note="perf stat -e instructions: not supported on this machine"
fi

echo "command: $command_line"
echo "wasm-cc: $wasm_cc; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU time from getrusage of each command's children ($perf_note)"
for root in "${roots[@]}"; do
    echo
    echo "== toolchain root $root"
    work=$(mktemp -d "${TMPDIR:-/tmp}/wasm-cc-bench.XXXXXX")
    "$repo/ci/in-toolchain-root" "$root" --ro-bind "$here" /bench --ro-bind "$wasm_cc" /opt/wasm-build/bin/wasm-cc \
        --ro-bind "$sources" /sources --bind "$work" /work --setenv TMPDIR /work --chdir /work -- \
        python3 /bench/bench.py --wasm-cc /opt/wasm-build/bin/wasm-cc --abi-flags "$abi" --sources /sources "$@" \
        || { rm -rf "$work"; exit 1; }
    rm -rf "$work"
done
