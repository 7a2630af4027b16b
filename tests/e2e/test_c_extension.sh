#!/usr/bin/env bash
# A C extension package against a C static library (host dependency), built through the compiler
# front end (its setup.py even names /usr/include, which must not leak in), imported and run in
# the wasm runtime.
source "$(dirname "$0")/lib.sh"

project="$WB_SOURCE_DIR/tests/data/projects/ext"
wb "$project" test pyhello --out "$WORK/dist"
expect_status 0
expect_output "Tested pyhello: ok"
wb "$project" build pyhello --out "$WORK/dist"
expect_status 0
wheel=$(ls "$WORK"/dist/pyhello-0.1-cp311-cp311-emscripten_3_1_6_wasm32.whl) || fail "no pyhello wheel"
python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); so=[n for n in z.namelist() if n.endswith(".so")]; assert so and z.read(so[0])[:4]==b"\0asm", so' "$wheel" \
  || fail "pyhello wheel holds no wasm extension"
pass "C extension against a static library"
