#!/usr/bin/env bash
# Repository-side benchmark: publish N synthetic wheels (default 10,000), republish after adding
# one, verify the tree (every file, then metadata only), and mirror it; prints the times and the
# ratios of one run. Usage: bench_index.sh [WASM_BUILD_BIN] [N]   (WASM_BUILD_BIN may also be set
# in the environment; scratch space under $TMPDIR, removed at exit).
set -euo pipefail
WB="${1:-${WASM_BUILD_BIN:-}}"
N="${2:-10000}"
[[ -x "$WB" ]] || { echo "usage: $0 PATH/TO/wasm-build [N]" >&2; exit 2; }
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-bench-index.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

now() { date +%s.%N; }
calc() { python3 -c "print(f'{$1:.3f}')"; }
# timed NAME CMD...: runs CMD, records its wall time in T_NAME.
timed() {
    local name="$1"; shift
    local start; start="$(now)"
    "$@" >/dev/null 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; echo "$name failed" >&2; exit 1; }
    printf -v "T_$name" '%s' "$(calc "$(now) - $start")"
}

echo "generating $N synthetic wheels..." >&2
python3 "$HERE/make_wheels.py" wheels "$N" --versions 2
"$WB" index keygen --out keys 2>/dev/null
timed publish "$WB" index publish --wheels wheels --out repo --keys keys
python3 "$HERE/make_wheels.py" wheels 1 --start "$N" --versions 2
timed republish "$WB" index publish --wheels wheels --out repo --keys keys
timed republish_same "$WB" index publish --wheels wheels --out repo --keys keys
cp repo/metadata/1.root.json trusted.json
timed verify "$WB" index verify repo --root trusted.json --state state
timed verify_meta "$WB" index verify repo --root trusted.json --state state --metadata-only
timed mirror "$WB" index mirror repo mirror --root trusted.json
files="$(find -L repo -type f | wc -l)"
bytes="$(du -sbL repo | cut -f1)"

ratio() { calc "$1 / $2"; }
cat <<REPORT
index benchmark: $N wheels (+1), $files files, $bytes bytes in the tree, $(nproc) cores
  publish (cold)                     ${T_publish} s   ($(calc "$N / $T_publish") wheels/s)
  republish after adding one wheel   ${T_republish} s
  republish with nothing changed     ${T_republish_same} s
  verify (every file hashed)         ${T_verify} s
  verify --metadata-only             ${T_verify_meta} s
  mirror directory -> directory      ${T_mirror} s
  ratio republish / publish          $(ratio "$T_republish" "$T_publish")
  ratio verify / publish             $(ratio "$T_verify" "$T_publish")
  ratio mirror / publish             $(ratio "$T_mirror" "$T_publish")
REPORT
