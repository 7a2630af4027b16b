#!/usr/bin/env bash
# NumPy 2.4.6 for the Pyodide platforms, in one run:
#  - the wheel: compressed/uncompressed size, what makes it up, and the ratio to Pyodide 314's own
#    NumPy 2.4.6 wheel (2.96 MB; that wheel lives on a CDN this machine cannot reach, so its size is
#    the only figure here not measured in this run);
#  - kernels in stock Pyodide (each platform) with our wheel against the same NumPy version native
#    (PyPI's manylinux wheel in the machine's CPython), best of REPEAT after WARMUP untimed runs;
#  - with --cold: the platform's whole chain from nothing (toolchain root, cross environment, NumPy)
#    in a fresh store and cache, against the CPU time all its processes used divided by the cores.
#   bench/numpy/run.sh [--cold] [WARMUP REPEAT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
wb="${WASM_BUILD_BIN:-$root/build/wasm-build}"
[[ -x "$wb" ]] || { echo "bench: $wb not found (run ci/build-tool.sh)" >&2; exit 2; }
cold=0
if [[ "${1:-}" == "--cold" ]]; then cold=1; shift; fi
warmup="${1:-3}"; repeat="${2:-5}"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

if (( cold )); then
  platform=pyemscripten_2026_0
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$out/cpu" "$wb" -C "$root" --cache-dir "$out/cache" --store-dir "$out/store" \
      build numpy --platform "$platform" --out "$out/cold" 2>"$out/cold.log" || { tail -20 "$out/cold.log"; exit 1; }
  end=$(date +%s.%N)
  python3 - "$start" "$end" "$out/cpu" "$(nproc)" <<'PY'
import sys
start, end, cpu_file, cores = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
user, system = map(float, open(cpu_file).read().split()[-2:])
wall, cpu = end - start, user + system
print(f"cold chain (root + cross env + numpy, pyemscripten_2026_0): {wall:.0f} s wall, {cpu:.0f} s CPU in all "
      f"processes; CPU/cores = {cpu / cores:.0f} s; wall / (CPU/cores) = {wall / (cpu / cores):.2f}")
PY
  rm -rf "$out/cache" "$out/store"
fi

"$wb" -C "$root" build numpy --out "$out/dist" >/dev/null 2>&1 || { echo "bench: building numpy failed" >&2; exit 1; }
python3 - "$out"/dist/*/numpy-2.4.6-*.whl <<'PY'
import os, sys, zipfile
PYODIDE_314_NUMPY = 2.96e6  # numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl as Pyodide 314 ships it
for wheel in sys.argv[1:]:
    z = zipfile.ZipFile(wheel)
    parts = {}
    for i in z.infolist():
        kind = ("extension modules" if i.filename.endswith(".so") else "python" if i.filename.endswith(".py")
                else "headers, static libs (devel)" if i.filename.endswith((".h", ".a", ".pc", ".pxd")) else "other")
        c, u = parts.get(kind, (0, 0))
        parts[kind] = (c + i.compress_size, u + i.file_size)
    size = os.path.getsize(wheel)
    raw = sum(i.file_size for i in z.infolist())
    print(f"{os.path.basename(wheel)}: {size / 1e6:.2f} MB ({raw / 1e6:.1f} MB unpacked); "
          f"ours/Pyodide's = {size / PYODIDE_314_NUMPY:.2f}")
    for kind, (c, u) in sorted(parts.items(), key=lambda kv: -kv[1][0]):
        print(f"  {kind:30} {c / 1e6:6.2f} MB compressed {u / 1e6:6.2f} MB unpacked")
PY

native="$out/native"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --only-binary=:all: --target "$native" \
    numpy==2.4.6 >/dev/null 2>&1 || { echo "bench: could not install NumPy 2.4.6 for the native side" >&2; exit 1; }
PYTHONPATH="$native" python3 "$here/kernels.py" "$warmup" "$repeat" >"$out/native.json"
for platform in pyemscripten_2026_0 pyemscripten_2026_5; do
  "$wb" -C "$root" python --platform "$platform" --with numpy -- "$here/kernels.py" "$warmup" "$repeat" \
      >"$out/$platform.json" 2>"$out/$platform.err" || { cat "$out/$platform.err" >&2; exit 1; }
done
python3 - "$out/native.json" "$out/pyemscripten_2026_0.json" "$out/pyemscripten_2026_5.json" <<'PY'
import json, sys
native, p314, p315 = (json.load(open(p)) for p in sys.argv[1:4])
print(f"{'kernel':28} {'native ms':>10} {'314 ms':>9} {'315 ms':>9} {'314/native':>11} {'315/native':>11}")
print(f"(numpy {native['numpy']} native / {p314['numpy']} / {p315['numpy']} in stock Pyodide under Node)")
for name, t in native["seconds"].items():
    a, b = p314["seconds"][name], p315["seconds"][name]
    print(f"{name:28} {t * 1e3:10.2f} {a * 1e3:9.2f} {b * 1e3:9.2f} {a / t:11.1f} {b / t:11.1f}")
PY
