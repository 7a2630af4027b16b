#!/usr/bin/env bash
# libjpeg-turbo as a position-independent static library for wasm32-emscripten (libjpeg v6b API;
# no SIMD, no TurboJPEG API). Installs lib/libjpeg.a, the headers, lib/pkgconfig/libjpeg.pc and the
# CMake package files; the command-line tools and the documentation are removed from the prefix.
set -euo pipefail

# emcmake's default CMAKE_CROSSCOMPILING_EMULATOR runs try-run programs under a Node flag that
# Node 20 rejects: the exit code 9 is then read as sizeof(size_t) ("Cannot determine word size").
# Emscripten 3.1.6's loader must also run without Node's fetch().
emcmake cmake -S . -B build-wasm -G "Unix Makefiles" \
  -DCMAKE_CROSSCOMPILING_EMULATOR="node;--no-experimental-fetch" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
  -DCMAKE_INSTALL_PREFIX="$WB_PREFIX" \
  -DCMAKE_INSTALL_LIBDIR="$WB_PREFIX/lib" \
  -DCMAKE_INSTALL_INCLUDEDIR="$WB_PREFIX/include" \
  -DENABLE_SHARED=OFF -DENABLE_STATIC=ON \
  -DWITH_SIMD=OFF -DWITH_TURBOJPEG=OFF -DWITH_JAVA=OFF
emmake make -C build-wasm -j"${WB_JOBS:-2}"
emmake make -C build-wasm install
rm -rf "$WB_PREFIX/bin" "$WB_PREFIX/share"

# Nothing of the build machine may leak into what dependents read: the flags pkg-config reports
# and the pkg-config/CMake files name only our prefix.
flags=$(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$WB_PREFIX/lib/pkgconfig" pkg-config --cflags --libs --static libjpeg)
echo "libjpeg flags: $flags"
leaks=$(grep -rIl -e '/usr/' "$WB_PREFIX/lib/pkgconfig" "$WB_PREFIX/lib/cmake" || true)
if [[ -n "$leaks" || " $flags" == *" -"[IL]/usr/* ]]; then
  echo "build.sh: host paths in the installed metadata: $leaks $flags" >&2
  exit 1
fi
