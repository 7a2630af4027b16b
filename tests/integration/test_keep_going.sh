#!/usr/bin/env bash
# A failure stops new work; with -k everything not depending on it is still built. The failure
# names the step, the exit code, the last log lines and the log file. A shared C library fails
# once, and what needs it is skipped on every platform.
source "$(dirname "$0")/lib.sh"
need_sandbox

p=$(new_project fails)
for n in broken dependent independent; do
  mkdir -p "$p/recipes/$n"
  cat >"$p/recipes/$n/meta.yaml" <<YAML
package:
  name: $n
  version: "1.0"
source:
  path: .
build:
  type: static_library
  script: mkdir -p "\$WB_PREFIX/lib" && echo "making $n"
YAML
done
printf 'package:\n  name: broken\n  version: "1.0"\nsource:\n  path: .\nbuild:\n  type: static_library\n  script: |\n    echo "compiler says: boom"\n    exit 7\n' > "$p/recipes/broken/meta.yaml"
printf 'requirements:\n  host: [broken]\n' >> "$p/recipes/dependent/meta.yaml"
# A Python package built against the broken library, on both platforms.
mkdir -p "$p/recipes/pydep/src/pydep"
printf 'package:\n  name: pydep\n  version: "1.0"\nsource:\n  path: src\nrequirements:\n  host: [broken]\n' \
  >"$p/recipes/pydep/meta.yaml"
printf 'from setuptools import setup\nsetup(name="pydep", version="1.0", packages=["pydep"])\n' >"$p/recipes/pydep/src/setup.py"
touch "$p/recipes/pydep/src/pydep/__init__.py"

wb fails build -k -j1
expect_status 1
expect_output "^FAILED: broken \[shared-[0-9a-f]{8}\] 1.0 \(step: build\)$"
expect_output "exit code 7"
expect_output "compiler says: boom"
expect_output "^log: .*/logs/shared-[0-9a-f]{8}/broken.log$"
expect_output "^Skipped dependent \[shared-[0-9a-f]{8}\]: dependency broken failed"
expect_output "^Skipped pydep \[$P0\]: dependency broken failed"
expect_output "^Skipped pydep \[$P5\]: dependency broken failed"
expect_output "^Built independent"
expect_output "^Built pyodide-xbuildenv \[$P0\]"
expect_output "Summary: 3 built, 0 cached, 1 failed, 3 skipped"
[[ "$(grep -c '^FAILED: broken' "$WORK/out")" == 1 ]] || fail "the shared library was tried once per platform"
log=$(ls "$CACHE"/logs/shared-*/broken.log) || fail "the failed build's log was not kept"
grep -q "compiler says: boom" "$log" || fail "the kept log lacks the build's output"
pass "keep-going builds what does not depend on the failure"

rm -rf "$CACHE"
# broken goes first (it heads the longest chain); after it fails nothing new starts.
wb fails build -j1 broken dependent independent
expect_status 1
expect_output "Summary: 0 built, 0 cached, 1 failed, 2 skipped"
expect_output "^Skipped independent \[shared-[0-9a-f]{8}\]: the run stopped after a failure"
expect_no_output "^Building (dependent|independent)"
pass "without -k the run stops at the failure"
