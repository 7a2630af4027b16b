#!/usr/bin/env bash
# libxslt and libexslt as position-independent static libraries for wasm32-emscripten, against our
# libxml2 (through its xml2-config): no Python bindings, no crypto (EXSLT's crypto functions need
# libgcrypt), no plugins. Installs lib/libxslt.a, lib/libexslt.a, their headers, pkg-config files
# and bin/xslt-config (lxml's build asks it for flags).
set -euo pipefail
libxml2="${WB_DEP_LIBXML2_PREFIX:?libxml2 prefix missing}"

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
# dependencies' prefixes (the tool's PKG_CONFIG_LIBDIR).
export EM_PKG_CONFIG_PATH="${PKG_CONFIG_LIBDIR:-}"
CFLAGS="${CFLAGS:-} -O2 -fPIC" emconfigure ./configure \
  --host=wasm32-unknown-emscripten --build="$(./config.guess)" \
  --prefix="$WB_PREFIX" \
  --disable-shared --enable-static --with-pic \
  --with-libxml-prefix="$libxml2" \
  --without-python --without-crypto --without-plugins
# Only the libraries, their headers and their metadata: the top-level Makefile recurses into
# libxslt/ and libexslt/ alone (not xsltproc, a wasm program nobody here runs, doc/ or tests/).
perl -0pi -e 's/^SUBDIRS = (?:.*\\\n)*.*\n/SUBDIRS = libxslt libexslt .\n/m' Makefile
emmake make -j"${WB_JOBS:-2}"
emmake make install
rm -rf "$WB_PREFIX/share/doc" "$WB_PREFIX/share/man" "$WB_PREFIX"/lib/*.la
rmdir "$WB_PREFIX/lib/libxslt-plugins" 2>/dev/null || true  # empty: built without plugins

# Nothing of the build machine may leak into what dependents read: the flags the libraries report
# and their pkg-config/xsltConf files name only our prefixes.
pc_path="$WB_PREFIX/lib/pkgconfig:${PKG_CONFIG_LIBDIR:-}"
flags="$("$WB_PREFIX/bin/xslt-config" --cflags --libs) $(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR="$pc_path" pkg-config --cflags --libs --static libxslt libexslt)"
echo "libxslt flags: $flags"
leaks=$(grep -rIl -e '/usr/' "$WB_PREFIX/lib/pkgconfig" "$WB_PREFIX"/lib/*.sh || true)
if [[ -n "$leaks" || " $flags" == *" -"[IL]/usr/* ]]; then
  echo "build.sh: host paths in the installed metadata: $leaks $flags" >&2
  exit 1
fi
