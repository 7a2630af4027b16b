#!/usr/bin/env bash
# A C extension package against a C static library (host dependency), built through the compiler
# front end (its setup.py even names /usr/include, which must not leak in), imported and run in
# stock Pyodide 314 and 315.
source "$(dirname "$0")/lib.sh"

project="$WB_SOURCE_DIR/tests/data/projects/ext"
wb "$project" test pyhello --out "$WORK/dist"
expect_status 0
expect_output "Tested pyhello \[pyemscripten_2026_0\]: ok"
expect_output "Tested pyhello \[pyemscripten_2026_5\]: ok"
wb "$project" build pyhello --out "$WORK/dist"
expect_status 0
for tag in cp314-cp314-pyemscripten_2026_0_wasm32 cp315-cp315-pyemscripten_2026_5_wasm32; do
  wheel=$(ls "$WORK"/dist/*/pyhello-0.1-$tag.whl) || fail "no pyhello wheel for $tag"
  python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); so=[n for n in z.namelist() if n.endswith(".so")]; assert so and z.read(so[0])[:4]==b"\0asm", so' "$wheel" \
    || fail "pyhello wheel holds no wasm extension"
done
pass "C extension against a static library, for both platforms"
