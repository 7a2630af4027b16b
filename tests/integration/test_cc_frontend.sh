#!/usr/bin/env bash
# wasm-cc end to end with the real Emscripten, inside a toolchain root as package builds see it
# (ci/in-toolchain-root): probe with Pyodide's ABI flags, shims, compiles and side modules checked
# byte for byte against emcc's own output (C with setjmp/longjmp, C++ with throw/catch, at several
# optimisation and debug levels), which route each call took, a static library, host-path filtering
# seen in WASM_CC_LOG, queries, and wasm-cc's own errors.
#   WASM_CC_BIN=build/wasm-cc tests/integration/test_cc_frontend.sh [ROOT]
# Without ROOT: $WB_TOOLCHAIN_ROOT, else every cached root of the project's toolchains; none: skipped.
set -euo pipefail

ABI="-fwasm-exceptions -sSUPPORT_LONGJMP=wasm"

if [ "${1:-}" != "--inside" ]; then
    : "${WASM_CC_BIN:?set WASM_CC_BIN to the wasm-cc binary}"
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    repo=$(cd "$here/../.." && pwd)
    roots=("${1:-${WB_TOOLCHAIN_ROOT:-}}")
    [ -n "${roots[0]}" ] || mapfile -t roots < <("$repo/ci/in-toolchain-root" --roots "$repo")
    if [ ${#roots[@]} -eq 0 ]; then
        echo "SKIP: no toolchain root in the cache (wasm-build toolchain ensure makes one)"
        exit 77
    fi
    for root in "${roots[@]}"; do
        echo "== toolchain root $root"
        work=$(mktemp -d "${TMPDIR:-/tmp}/wasm-cc-it.XXXXXX")
        trap 'rm -rf "$work"' EXIT
        "$repo/ci/in-toolchain-root" "$root" --ro-bind "$here" /tests \
            --ro-bind "$(readlink -f "$WASM_CC_BIN")" /opt/wasm-build/bin/wasm-cc --bind "$work" /work \
            --chdir /work -- bash /tests/test_cc_frontend.sh --inside
        rm -rf "$work"
    done
    exit 0
fi

# --- inside the root ---------------------------------------------------------------------------
WASM_CC=/opt/wasm-build/bin/wasm-cc
cd /work
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
is_wasm() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '\0asm' ]; }
# route_of OUTPUT: the route WASM_CC_LOG recorded for the last call that wrote OUTPUT.
route_of() { grep -B1 -- "-o $1\b" cc.log | grep -o 'route=[a-z-]*' | tail -1 | cut -d= -f2; }

# --- probe and shims --------------------------------------------------------------------------
"$WASM_CC" --probe /work/cc.conf --abi-flags "$ABI" 2> probe.err || { cat probe.err >&2; fail "probe"; exit 1; }
grep -v 'wasm-ld-[0-9]*: warning' probe.err
grep -q '^clang=/' cc.conf && grep -q '^side_link\.O0\.0=' cc.conf && grep -q '^abi_flag=-fwasm-exceptions$' cc.conf \
    && grep -q '^direct_compile=1$' cc.conf && pass "probe wrote $(wc -l < cc.conf) lines, compile check passed" \
    || fail "probe output lacks clang=, side_link, abi_flag= or direct_compile=1"
[ "$(grep -c '^side_link\.[^.]*\.0=/' cc.conf)" -eq 12 ] && pass "12 side-link variants replayed byte-identically" \
    || fail "expected 12 side-link variants: $(grep 'left to emcc' probe.err)"

"$WASM_CC" --install-shims /work/bin 2> shims.err
"$WASM_CC" --install-shims /work/bin 2> shims2.err
grep -q '(0 new or replaced)' shims2.err && pass "install-shims is idempotent" || fail "second install changed links"
for name in cc gcc c++ g++ cpp ar ranlib nm ld; do
    [ "$(readlink /work/bin/$name)" = "$WASM_CC" ] || fail "shim $name"
done
export PATH="/work/bin:$PATH" WASM_CC_CONFIG=/work/cc.conf WASM_CC_LOG=/work/cc.log

# --- byte identity with emcc: compiles ------------------------------------------------------------
cat > sj.c <<'EOF'
#include <setjmp.h>
#include <stdio.h>
static jmp_buf env;
static void inner(int depth) { if (depth > 3) longjmp(env, depth); inner(depth + 1); }
int jump_depth(void) { int got = setjmp(env); if (got) return got; inner(0); return -1; }
int format_depth(char *out, int n) { return snprintf(out, (size_t)n, "depth %d", jump_depth()); }
EOF
cat > exc.cpp <<'EOF'
#include <stdexcept>
#include <string>
#include <vector>
struct Shape { virtual ~Shape() = default; virtual double area() const = 0; };
struct Square : Shape { double s; explicit Square(double s) : s(s) {} double area() const override { return s * s; } };
extern "C" int checked_area(int side) {
    try {
        if (side < 0) throw std::invalid_argument("negative side " + std::to_string(side));
        std::vector<Square> squares(3, Square(side));
        return static_cast<int>(squares.at(static_cast<size_t>(side)).area());
    } catch (const std::out_of_range&) { return -2; } catch (const std::exception& e) {
        return -static_cast<int>(std::string(e.what()).size());
    }
}
EOF
mkdir -p ref
identical=0
for opts in "-O0" "-O2" "-O3" "-Os" "-O0 -g" "-O2 -g"; do
    tag=$(echo "$opts" | tr -d ' -')
    for src in sj.c exc.cpp; do
        drv=cc; em=emcc
        case $src in *.cpp) drv=c++; em=em++ ;; esac
        obj="${src%.*}-$tag.o"
        # shellcheck disable=SC2086
        $drv $opts $ABI -c "$src" -o "$obj"
        # What wasm-cc hands emcc when it cannot plan a call: its defaults, then the call's flags.
        # shellcheck disable=SC2086
        $em -fPIC -fvisibility=hidden $opts $ABI -c "$src" -o "ref/$obj"
        [ "$(route_of "$obj")" = clang ] || fail "$drv $opts $src took route $(route_of "$obj")"
        if cmp -s "$obj" "ref/$obj"; then identical=$((identical + 1)); else fail "$obj differs from emcc's"; fi
    done
done
[ "$identical" -eq 12 ] && pass "12 compiles (C setjmp/longjmp, C++ throw/catch; -O0..-Os, -g) byte-identical to emcc"

# Part of the ABI flags: planned only where the probe found emcc's flags the same.
cc -fwasm-exceptions -c sj.c -o sj-part.o
emcc -fPIC -fvisibility=hidden -fwasm-exceptions -c sj.c -o ref/sj-part.o
[ "$(route_of sj-part.o)" = clang ] && cmp -s sj-part.o ref/sj-part.o \
    && pass "-fwasm-exceptions alone: planned, byte-identical" || fail "-fwasm-exceptions alone: $(route_of sj-part.o)"
cc -c sj.c -o sj-plain.o
[ "$(route_of sj-plain.o)" = emcc ] && pass "compile without the ABI flags goes to emcc" \
    || fail "compile without the ABI flags took route $(route_of sj-plain.o)"
# shellcheck disable=SC2086
cc $ABI -sUSE_ZLIB=1 -c sj.c -o sj-zlib.o 2>/dev/null || true
[ "$(route_of sj-zlib.o)" = emcc ] && pass "another Emscripten setting goes to emcc" || fail "-sUSE_ZLIB=1 took route $(route_of sj-zlib.o)"

# --- byte identity with emcc: side modules ----------------------------------------------------------
mkdir -p lib
# shellcheck disable=SC2086
cc $ABI -O2 -c exc.cpp -o lib/exc-lib.o && ar rcs lib/libexc.a lib/exc-lib.o
link_both() {  # link_both NAME DRIVER EMCC ARGS...: wasm-cc and emcc, same file name, other directory
    local name=$1 drv=$2 em=$3
    shift 3
    # shellcheck disable=SC2086
    $drv -shared $ABI -sSIDE_MODULE=1 "$@" -o "$name" 2> link.err || { cat link.err >&2; fail "$drv link $name"; return; }
    # shellcheck disable=SC2086
    $em -shared -sSIDE_MODULE=1 $ABI "$@" -o "ref/$name" 2> /dev/null
    local route
    route=$(route_of "$name")
    if [ "$route" != side-link ]; then fail "$name: route $route"; return; fi
    if cmp -s "$name" "ref/$name"; then linked=$((linked + 1)); else fail "$name differs from emcc's"; fi
}
linked=0
for opts in "-O0" "-O1" "-O2" "-O3" "-Os" "-Oz" "-O0 -g" "-O2 -g"; do
    tag=$(echo "$opts" | tr -d ' -')
    obj=sj-O2.o
    case $opts in *-g*) obj=sj-O0g.o ;; esac
    # shellcheck disable=SC2086
    link_both "c-$tag.so" cc emcc $opts $obj
done
link_both cxx-O2.so c++ em++ -O2 exc-O2.o sj-O2.o
link_both cxx-O0g.so c++ em++ -O0 -g exc-O0g.o
link_both lib-O2.so cc emcc -O2 sj-O2.o -Llib -lexc -lm -ldl -Wl,--export=checked_area
link_both group-O2.so cc emcc -O2 -Wl,--start-group sj-O2.o lib/libexc.a -Wl,--end-group -fno-exceptions
[ "$linked" -eq 12 ] && pass "12 side modules (C, C++, -O0..-Oz, -g, -l, groups) byte-identical to emcc's"

cc -shared -fwasm-exceptions sj-O2.o -o part.so 2>/dev/null || true
[ "$(route_of part.so)" = emcc ] && pass "side-module link without all the ABI flags goes to emcc" \
    || fail "part.so took route $(route_of part.so)"

# A module with EM_ASM: emcc checks its JavaScript with node; wasm-cc hands such a link to emcc.
printf '%s\n' '#include <emscripten.h>' \
    'EMSCRIPTEN_KEEPALIVE int f(int x) { return EM_ASM_INT({ return $0 + 1; }, x); }' > emasm.c
# shellcheck disable=SC2086
cc $ABI -c emasm.c -o emasm.o
link_both emasm.so cc emcc emasm.o
grep -q 'EM_ASM/EM_JS: linking with emcc' link.err && [ "$linked" -eq 13 ] \
    && pass "EM_ASM side module: the fallback ran emcc, emcc's bytes" || fail "EM_ASM side module: $(cat link.err)"

# wasm-opt gets the module's own features (SIMD here), as emcc reads them after linking.
printf '%s\n' '#include <wasm_simd128.h>' \
    'void add4(float *o, const float *a, const float *b) {' \
    '    wasm_v128_store(o, wasm_f32x4_add(wasm_v128_load(a), wasm_v128_load(b)));' '}' > simd.c
# shellcheck disable=SC2086
cc $ABI -O2 -msimd128 -c simd.c -o simd.o
link_both simd.so cc emcc -O2 simd.o
[ "$linked" -eq 14 ] && pass "SIMD side module byte-identical to emcc's"

# --- host flags are dropped before anything runs ----------------------------------------------------
# shellcheck disable=SC2086
cc -c sj.c -o host.o -O2 $ABI -I/usr/include -I /usr/local/include -march=native -fstack-protector-strong
compile_line=$(grep -A1 -- "-o host.o" cc.log | grep 'out:' || true)
case "$compile_line" in
    *"-I/usr/include"*|*"/usr/local/include"*|*"-march=native"*|*"-fstack-protector"*)
        fail "host flags reached clang: $compile_line" ;;
    *-fPIC*-fvisibility=hidden*) pass "host -I dropped, -fPIC and hidden visibility added" ;;
    *) fail "expected -fPIC and -fvisibility=hidden in: $compile_line" ;;
esac
grep -q 'note: dropped -I/usr/include (host directory)' cc.log && pass "log notes the dropped host include" \
    || fail "log lacks the note for -I/usr/include"
grep -q 'note: absorbed -sSUPPORT_LONGJMP=wasm' cc.log && pass "log notes the absorbed ABI setting" \
    || fail "log lacks the absorbed-setting note"

echo 'int hidden_fn(void) { return 1; } __attribute__((visibility("default"))) int shown_fn(void) { return 2; }' > vis.c
# shellcheck disable=SC2086
cc $ABI -c vis.c -o vis.o && cc -shared $ABI vis.o -o vis.so
if grep -qa shown_fn vis.so && ! grep -qa hidden_fn vis.so; then pass "hidden visibility by default"
else fail "visibility: expected shown_fn exported and hidden_fn not"; fi

# --- static library, queries, errors ----------------------------------------------------------------
ar rcs libdemo.a sj-O2.o exc-O2.o && ranlib libdemo.a
[ "$(head -c 7 libdemo.a)" = '!<arch>' ] && nm libdemo.a | grep -q ' T jump_depth' && pass "ar, ranlib and nm" \
    || fail "libdemo.a: $(nm libdemo.a 2>&1 | head -3)"
cc --version | head -1 | grep -q '^emcc ' && pass "cc --version answers as emcc" || fail "cc --version"
[ "$(cc -dumpmachine)" = "wasm32-unknown-emscripten" ] && pass "cc -dumpmachine" || fail "cc -dumpmachine"
# shellcheck disable=SC2086
echo '__EMSCRIPTEN__ __wasm32__' | cpp $ABI -P | grep -q '^1 1$' && pass "cpp preprocesses for wasm32" \
    || fail "cpp output: $(echo '__EMSCRIPTEN__ __wasm32__' | cpp -P)"

echo 'int broken(void) { return undeclared_thing; }' > broken.c
set +e
# shellcheck disable=SC2086
cc $ABI -c broken.c -o broken.o 2> broken.err; rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q 'undeclared_thing' broken.err && pass "compile error: exit 1 and clang's message" \
    || fail "compile error gave exit $rc: $(cat broken.err)"

# Executables go to emcc. (Not run here: a main-module link writes to emcc's cache, read-only in roots.)
printf '#include <stdio.h>\nint main(void) { printf("hello %%d\\n", 6 * 7); return 0; }\n' > conftest.c
cc conftest.c -o conftest 2>/dev/null || true
[ "$(route_of conftest)" = emcc ] && pass "executable link goes to emcc" || fail "conftest took route $(route_of conftest)"

set +e
env -u WASM_CC_CONFIG cc -c sj.c -o x.o 2> noconf.err; rc_noconf=$?
ln -s "$WASM_CC" /work/bin/frobnicate
/work/bin/frobnicate 2> unknown.err; rc_unknown=$?
WASM_CC_CONFIG=/nonexistent/cc.conf cc -c sj.c 2> badconf.err; rc_badconf=$?
set -e
[ "$rc_noconf" -eq 2 ] && grep -q 'WASM_CC_CONFIG is not set' noconf.err && pass "missing config: exit 2, named" \
    || fail "missing config: exit $rc_noconf: $(cat noconf.err)"
[ "$rc_unknown" -eq 2 ] && grep -q "unknown tool name 'frobnicate'" unknown.err && pass "unknown tool: exit 2, named" \
    || fail "unknown tool: exit $rc_unknown: $(cat unknown.err)"
[ "$rc_badconf" -eq 2 ] && grep -q '/nonexistent/cc.conf' badconf.err && pass "unreadable config: exit 2, named" \
    || fail "unreadable config: exit $rc_badconf: $(cat badconf.err)"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed; WASM_CC_LOG follows" >&2
    cat cc.log >&2
    exit 1
fi
echo "all wasm-cc checks passed"
