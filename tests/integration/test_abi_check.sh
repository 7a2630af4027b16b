#!/usr/bin/env bash
# `wasm-build abi-check` on wheels holding real side modules (tests/data/wasm, built with Emscripten
# 6.0.5 with good and wrong flags): the good one passes against stock Pyodide 314, each wrong one
# fails naming the wheel, the member and what is wrong. The runtime comes from the shared store.
source "$(dirname "$0")/lib.sh"

# make_wheel NAME MODULE.so: a wheel for pyemscripten_2026_0 holding the module as NAME/_ext.so.
make_wheel() {
  python3 - "$WORK/wheels" "$1" "$WB_SOURCE_DIR/tests/data/wasm/$2" <<'PY'
import base64, hashlib, os, sys, zipfile
out, name, module = sys.argv[1:]
os.makedirs(out, exist_ok=True)
tag = "cp314-cp314-pyemscripten_2026_0_wasm32"
dist = f"{name}-1.0.dist-info"
files = {
    f"{name}/__init__.py": b"",
    f"{name}/_ext.cpython-314-wasm32-emscripten.so": open(module, "rb").read(),
    f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode(),
    f"{dist}/WHEEL": f"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: {tag}\n".encode(),
}
record = "".join(f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()},{len(b)}\n"
                 for n, b in files.items()) + f"{dist}/RECORD,,\n"
with zipfile.ZipFile(f"{out}/{name}-1.0-{tag}.whl", "w") as z:
    for n, b in files.items():
        z.writestr(n, b)
    z.writestr(f"{dist}/RECORD", record)
PY
  echo "$WORK/wheels/$1-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
}

good=$(make_wheel goodc good_c.so)
wb basic abi-check "$good"
expect_status 0
expect_output "passed"
pass "a module built with Pyodide's flags passes against stock Pyodide 314 (platform from the wheel's tag)"

for case in "jseh cxx_js_eh.so invoke_" "noeh cxx_no_eh.so __cpp_exception" "threads pthread_c.so shared" \
            "missing missing_c.so wb_not_in_any_runtime" "jsjmp sjlj_js.so emscripten_longjmp"; do
  read -r name module expected <<<"$case"
  wheel=$(make_wheel "$name" "$module")
  wb basic abi-check "$wheel"
  expect_status 1
  expect_output "$name-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
  expect_output "$name/_ext.cpython-314-wasm32-emscripten.so"
  expect_output "$expected"
  pass "$module is refused: $expected"
done
