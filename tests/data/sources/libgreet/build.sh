set -eu
emcc $CFLAGS -O2 -fPIC -c greet.c -o greet.o
emar rcs libgreet.a greet.o
mkdir -p "$WB_PREFIX/lib" "$WB_PREFIX/include"
cp libgreet.a "$WB_PREFIX/lib/"
pkg-config --exists hello
