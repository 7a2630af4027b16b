#!/usr/bin/env bash
# Time added by verified_install over plain micropip: numpy, Pillow and lxml installed into a fresh
# stock Pyodide 314 under Node from one signed repository served by `wasm-build index serve`,
# alternating plain and verified ROUNDS times (default 3) in one run; prints each time, the medians
# and their ratio. Needs the five packages built (`wasm-build build numpy pillow lxml micropip
# verified-install`, cached after the first time).
#   bench/verified-install/run.sh [ROUNDS]
set -euo pipefail
ROUNDS=${1:-3}
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WB="${WASM_BUILD_BIN:-$SRC/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-bench-vi-XXXXXX")"
SERVE_PID=""
trap '[[ -n "$SERVE_PID" ]] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
P=pyemscripten_2026_0

"$WB" -C "$SRC" build numpy pillow lxml micropip verified-install --platform $P --out "$WORK/dist" >/dev/null 2>&1
runtime=$("$WB" -C "$SRC" runtime --platform $P)
"$WB" index keygen --out "$WORK/keys" 2>/dev/null
publish() { "$WB" -C "$SRC" index publish --for $P --wheels "$WORK/dist/$P" --out "$WORK/repo" --keys "$WORK/keys" "$@" 2>/dev/null; }
publish
"$WB" index serve "$WORK/repo" --port 0 2>"$WORK/serve.log" &
SERVE_PID=$!
for _ in $(seq 100); do URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/serve.log" | head -1 || true); [[ -n "$URL" ]] && break; sleep 0.1; done
[[ -n "$URL" ]] || { echo "index serve did not start" >&2; exit 1; }
publish --base-url "$URL"   # plain micropip 0.11 needs absolute links in the JSON pages
cp "$WORK/repo/metadata/1.root.json" "$WORK/trusted.json"

plain=() verified=()
for i in $(seq "$ROUNDS"); do
  mkdir -p "$WORK/plain-$i" "$WORK/state-$i"
  cp "$WORK/repo/packages"/micropip-*.whl "$WORK/plain-$i/"   # tells install.js the micropip file name
  t=$(node "$SRC/bench/verified-install/install.js" "$runtime" "$URL" plain "$SRC/python/verified-install" \
      "$WORK/trusted.json" "$WORK/plain-$i" numpy pillow lxml | tail -1)
  plain+=("$t")
  t=$(node "$SRC/bench/verified-install/install.js" "$runtime" "$URL" verified "$SRC/python/verified-install" \
      "$WORK/trusted.json" "$WORK/state-$i" numpy pillow lxml | tail -1)
  verified+=("$t")
  echo "round $i: plain micropip ${plain[-1]} s, verified_install ${verified[-1]} s"
done
python3 - "${plain[*]}" "${verified[*]}" <<'PY'
import statistics, sys
plain, verified = (list(map(float, a.split())) for a in sys.argv[1:])
p, v = statistics.median(plain), statistics.median(verified)
print(f"median: plain micropip {p:.3f} s, verified_install {v:.3f} s, added {v - p:+.3f} s, ratio {v / p:.2f}")
PY
