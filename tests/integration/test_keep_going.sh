#!/usr/bin/env bash
# A failure stops new work; with -k everything not depending on it is still built. The failure
# names the step, the exit code, the last log lines and the log file.
source "$(dirname "$0")/lib.sh"

p="$WORK/data/projects/fails"
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

wb fails build -k -j1
expect_status 1
expect_output "FAILED: broken 1.0 \(step: build\)"
expect_output "exit code 7"
expect_output "compiler says: boom"
expect_output "log: .*/logs/emscripten-3.1.6/broken.log"
expect_output "Skipped dependent: dependency broken failed"
expect_output "Built independent"
expect_output "Summary: 1 built, 0 cached, 1 failed, 1 skipped"
[[ -f "$CACHE/logs/emscripten-3.1.6/broken.log" ]] || fail "the failed build's log was not kept"
pass "keep-going builds what does not depend on the failure"

rm -rf "$CACHE"
wb fails build -j1 broken dependent
expect_status 1
expect_output "Summary: 0 built, 0 cached, 1 failed, 1 skipped"
pass "without -k the run stops at the failure"
