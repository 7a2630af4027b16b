#!/usr/bin/env bash
# zlib as a position-independent static library for wasm32-emscripten.
set -euo pipefail
CFLAGS="${CFLAGS:-} -O2 -fPIC" emconfigure ./configure --static --prefix="$WB_PREFIX"
emmake make -j"${WB_JOBS:-2}" libz.a
emmake make install
