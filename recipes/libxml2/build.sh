#!/usr/bin/env bash
# libxml2 as a position-independent static library for wasm32-emscripten: no threads, no Python
# bindings, no lzma, no loadable modules; zlib from our recipe (found by pkg-config in its prefix),
# iconv from Emscripten's libc. Installs lib/libxml2.a, include/libxml2, lib/pkgconfig/libxml-2.0.pc
# and bin/xml2-config (a shell script; lxml's build asks it for flags).
set -euo pipefail

# The tarball's config.sub (2021) rejects wasm32-unknown-emscripten. Use the build machine's newer
# copy (Debian's autotools-dev package) rather than shipping one.
config_sub=/usr/share/misc/config.sub
if [ ! -r "$config_sub" ] || [ "$("$config_sub" wasm32-unknown-emscripten 2>/dev/null)" != wasm32-unknown-emscripten ]; then
  echo "build.sh: need a config.sub that knows wasm32-unknown-emscripten at $config_sub (Debian package autotools-dev)" >&2
  exit 1
fi
cp "$config_sub" config.sub
cp /usr/share/misc/config.guess config.guess

# Unset the build machine's search paths: they would be turned into -I/-L flags.
unset CPATH LIBRARY_PATH C_INCLUDE_PATH
# emconfigure points pkg-config at Emscripten's sysroot only; EM_PKG_CONFIG_PATH adds our
# dependencies' prefixes (the tool's PKG_CONFIG_LIBDIR), so zlib.pc is found there.
export EM_PKG_CONFIG_PATH="${PKG_CONFIG_LIBDIR:-}"
CFLAGS="${CFLAGS:-} -O2 -fPIC" emconfigure ./configure \
  --host=wasm32-unknown-emscripten --build="$(./config.guess)" \
  --prefix="$WB_PREFIX" \
  --disable-shared --enable-static --with-pic \
  --without-python --without-threads --without-lzma --without-modules --without-icu \
  --with-zlib --with-iconv
# Only the library, its headers and its metadata: the top-level Makefile recurses into include/
# alone (not doc/, example/, fuzz/, xstc/), and an empty bin_PROGRAMS skips xmllint and xmlcatalog
# (wasm programs nobody here runs).
sed -i 's/^SUBDIRS = .*/SUBDIRS = include ./' Makefile
emmake make -j"${WB_JOBS:-2}" bin_PROGRAMS=
emmake make install bin_PROGRAMS=
# Documentation and libtool archives are not part of the prefix.
rm -rf "$WB_PREFIX/share/doc" "$WB_PREFIX/share/gtk-doc" "$WB_PREFIX/share/man" "$WB_PREFIX"/lib/*.la

# Nothing of the build machine may leak into what dependents read: the flags the library reports
# and its pkg-config/CMake/xml2Conf files name only our prefixes.
flags="$("$WB_PREFIX/bin/xml2-config" --cflags --libs) $(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$WB_PREFIX/lib/pkgconfig:${PKG_CONFIG_LIBDIR:-}" pkg-config --cflags --libs --static libxml-2.0)"
echo "libxml2 flags: $flags"
leaks=$(grep -rIl -e '/usr/' "$WB_PREFIX/lib/pkgconfig" "$WB_PREFIX/lib/cmake" "$WB_PREFIX/lib/xml2Conf.sh" || true)
if [[ -n "$leaks" || " $flags" == *" -"[IL]/usr/* ]]; then
  echo "build.sh: host paths in the installed metadata: $leaks $flags" >&2
  exit 1
fi
