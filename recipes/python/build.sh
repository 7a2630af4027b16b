#!/usr/bin/env bash
# CPython for wasm32-emscripten (Node target, dynamic linking of extension modules).
# Produces, under $WB_PREFIX: the runtime (python.js, python.wasm, lib/python3.11), the
# cross-build environment (include/python3.11, the target's _sysconfigdata, Makefile), and the
# browser build of the same interpreter (browser/: python.js, python.wasm, python.data).
set -euo pipefail

zlib="${WB_DEP_ZLIB_PREFIX:?zlib prefix missing}"
src="$PWD"
build_dir="$src/builddir/emscripten-node"
mkdir -p "$build_dir"

# The tarball's site file, plus: emcc 3.1.6's clock_nanosleep ignores TIMER_ABSTIME, which makes
# time.sleep() busy-wait for the machine's uptime.
cp Tools/wasm/config.site-wasm32-emscripten "$build_dir/config.site"
cat >> "$build_dir/config.site" <<'SITE'
ac_cv_func_clock_nanosleep=no
ac_cv_lib_rt_clock_nanosleep=no
SITE

cd "$build_dir"
CONFIG_SITE="$build_dir/config.site" emconfigure ../../configure \
  --host=wasm32-unknown-emscripten --build="$(../../config.guess)" \
  --with-emscripten-target=node --enable-wasm-dynamic-linking \
  --with-build-python=/usr/bin/python3.11 --prefix="$WB_PREFIX" \
  CFLAGS="-DPY_CALL_TRAMPOLINE" \
  ZLIB_CFLAGS="-I$zlib/include" ZLIB_LIBS="-L$zlib/lib" LDFLAGS="-L$zlib/lib" LIBS="-lz" \
  py_cv_module__bz2=n/a py_cv_module__sqlite3=n/a
# The interpreter gets the Node process's environment (see node_env.js).
link="-sMAIN_MODULE -sEXIT_RUNTIME -O2 -g0 --pre-js $WB_RECIPE_DIR/node_env.js"
emmake make -j"${WB_JOBS:-2}" HOSTRUNNER="node --no-experimental-fetch" LINKFORSHARED="$link"
emmake make install HOSTRUNNER="node --no-experimental-fetch" LINKFORSHARED="$link"

# `make install` leaves the wasm binary behind; python3.11.js loads it from its own folder.
install -m 0644 python.wasm "$WB_PREFIX/bin/python.wasm"
# The cross-build environment: the target's sysconfig data alone, for the build Python's path.
mkdir -p "$WB_PREFIX/cross"
cp "$WB_PREFIX"/lib/python3.11/_sysconfigdata__emscripten_wasm32-emscripten.py "$WB_PREFIX/cross/"
# Tests and bytecode caches are not part of the runtime.
rm -rf "$WB_PREFIX"/lib/python3.11/test "$WB_PREFIX"/lib/python3.11/idlelib/idle_test
find "$WB_PREFIX/lib/python3.11" -name __pycache__ -type d -prune -exec rm -rf {} +

# The browser build, for the page published with the repository (web/, docs/browser.md): the
# same configuration for the browser target. It links -sMAIN_MODULE (extension modules load;
# Py_InitializeEx, PyRun_SimpleString, malloc are exported), keeps the runtime alive after
# start-up (no EXIT_RUNTIME), and packs a byte-compiled zip of the standard library into
# python.data with --preload-file, mounted at its prefix /usr/local.
browser_dir="$src/builddir/emscripten-browser"
mkdir -p "$browser_dir"
cp "$build_dir/config.site" "$browser_dir/config.site"
cd "$browser_dir"
CONFIG_SITE="$browser_dir/config.site" emconfigure ../../configure \
  --host=wasm32-unknown-emscripten --build="$(../../config.guess)" \
  --with-emscripten-target=browser --enable-wasm-dynamic-linking \
  --with-build-python=/usr/bin/python3.11 --prefix=/usr/local \
  CFLAGS="-DPY_CALL_TRAMPOLINE" \
  ZLIB_CFLAGS="-I$zlib/include" ZLIB_LIBS="-L$zlib/lib" LDFLAGS="-L$zlib/lib" LIBS="-lz" \
  py_cv_module__bz2=n/a py_cv_module__sqlite3=n/a
emmake make -j"${WB_JOBS:-2}"
mkdir -p "$WB_PREFIX/browser"
install -m 0644 python.js python.wasm python.data "$WB_PREFIX/browser/"
