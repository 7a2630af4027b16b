#!/usr/bin/env bash
# NumPy in the wasm runtime (under Node) against native CPython with Debian's NumPy on the same
# machine, in one run; prints each kernel's best time and the ratio wasm/native. Also NumPy's build
# time (cold: NumPy alone, the runtime already built; and with nothing changed) and wheel size.
#   bench/numpy/run.sh [--no-build] [WARMUP REPEAT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
wb="${WASM_BUILD_BIN:-$root/build/wasm-build}"
[[ -x "$wb" ]] || { echo "bench: $wb not found (run ci/build-tool.sh)" >&2; exit 2; }
build=1
if [[ "${1:-}" == "--no-build" ]]; then build=0; shift; fi
warmup="${1:-3}"; repeat="${2:-5}"
cache="${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

if (( build )); then
  "$wb" -C "$root" build python >/dev/null 2>&1   # the runtime must exist before timing NumPy alone
  rm -rf "$cache/builds/emscripten-3.1.6/numpy"
  t0=$(date +%s.%N); "$wb" -C "$root" build numpy --out "$out" 2>/dev/null; t1=$(date +%s.%N)
  "$wb" -C "$root" build numpy --out "$out" 2>/dev/null; t2=$(date +%s.%N)
  python3 -c 'import sys; t0, t1, t2 = map(float, sys.argv[1:]); print(f"numpy build: cold {t1 - t0:.1f} s, nothing changed {t2 - t1:.2f} s (ratio {(t1 - t0) / (t2 - t1):.0f}x)")' "$t0" "$t1" "$t2"
else
  "$wb" -C "$root" build numpy --out "$out" >/dev/null 2>&1 || { echo "bench: building numpy failed (run $wb build numpy)" >&2; exit 1; }
fi
python3 - "$out"/numpy-*.whl <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
raw = sum(i.file_size for i in z.infolist())
print(f"numpy wheel: {os.path.getsize(sys.argv[1]) / 1e6:.1f} MB compressed, {raw / 1e6:.1f} MB uncompressed")
PY

/usr/bin/python3 "$here/kernels.py" "$warmup" "$repeat" > "$out/native.json"  # Debian's CPython and NumPy
"$wb" -C "$root" python --with numpy -- "$here/kernels.py" "$warmup" "$repeat" > "$out/wasm.json"
python3 - "$out/native.json" "$out/wasm.json" <<'PY'
import json, sys
native, wasm = (json.load(open(p)) for p in sys.argv[1:3])
print(f"{'kernel':28} {'native ms':>10} {'wasm ms':>10} {'wasm/native':>12}")
print(f"{'(numpy ' + native['numpy'] + ' / ' + wasm['numpy'] + ')':28}")
for name, t in native["seconds"].items():
    w = wasm["seconds"][name]
    print(f"{name:28} {t * 1e3:10.2f} {w * 1e3:10.2f} {w / t:12.1f}")
PY
