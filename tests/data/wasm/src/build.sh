#!/bin/bash
# Rebuilds the side modules in tests/data/wasm/ with Emscripten 6.0.5 from a Debian unstable root
# (see /work/shared/ENVIRONMENT.md). usage: build.sh SID_ROOT WORK_DIR
# The -pthread build needs a writable Emscripten cache: the root's /var/cache/emscripten is copied.
set -euo pipefail
root=${1:?SID_ROOT}
work=${2:?WORK_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/src"
cp "$here"/*.c "$here"/*.cpp "$work/src/"
[ -d "$work/emcache" ] || cp -a "$root/var/cache/emscripten" "$work/emcache"
em() {
    bwrap --ro-bind "$root" / --proc /proc --dev /dev --tmpfs /tmp --bind "$work" "$work" --unshare-net \
        --unshare-pid --die-with-parent --clearenv --setenv HOME /tmp --setenv PATH /usr/bin:/bin \
        --setenv EM_CACHE "$work/emcache" --chdir "$work/src" "$@"
}
side="-O2 -fPIC -sSIDE_MODULE=1"
wasm_eh="-fwasm-exceptions -sSUPPORT_LONGJMP=wasm"
em emcc $side $wasm_eh good_c.c -o good_c.so
em em++ $side $wasm_eh cxx_throw.cpp -o cxx_wasm_eh.so
em em++ $side -fexceptions cxx_throw.cpp -o cxx_js_eh.so
em em++ $side cxx_throw.cpp -o cxx_no_eh.so
em emcc $side $wasm_eh -pthread pthread_c.c -o pthread_c.so
em emcc $side $wasm_eh missing_c.c -o missing_c.so
em emcc $side $wasm_eh sjlj_c.c -o sjlj_wasm.so
em emcc $side sjlj_c.c -o sjlj_js.so
em emcc $side $wasm_eh sig_wasm_c.c -o sig_wasm_c.so
em emcc $side $wasm_eh sig_js_c.c -o sig_js_c.so
em emcc $side $wasm_eh libprov.c -o libprov.so
em emcc $side $wasm_eh user_c.c -o user_noneeded.so
em emcc $side $wasm_eh user_c.c libprov.so -o user_needed.so
em emcc $side $wasm_eh user_c.c libprov.so '-Wl,-rpath,$ORIGIN' -o user_rpath.so
cp "$work"/src/*.so "$here/.."
