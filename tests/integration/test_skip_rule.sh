#!/usr/bin/env bash
# The shell tiers' rule: a test that cannot run here (a tool, the sandbox, a runtime is missing)
# says why and exits 77, which CTest reports as skipped (SKIP_RETURN_CODE 77); it never prints
# "skip" and passes. Checked here for every shell test and helper of the integration, e2e and
# hostile tiers, and against CTest's own view of the registered tests.
source "$(dirname "$0")/lib.sh"

# 1. Every message that says a test or a part of it is skipped is followed by exit 77.
python3 - "$WB_SOURCE_DIR/tests" <<'PY' || fail "a shell test reports a skip without exit 77"
import re, sys
from pathlib import Path
tests = Path(sys.argv[1])
files = sorted(p for tier in ("integration", "e2e", "hostile") for p in (tests / tier).glob("*")
               if p.suffix in (".sh", ".bash"))
says_skip = re.compile(r"""(echo|printf)\s.*["']\s*skip(ped)?\b""", re.IGNORECASE)
problems = []
for path in files:
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines):
        if not says_skip.search(line):
            continue
        window = " ".join(lines[i:i + 3])  # the statement, or the next two lines of its block
        if not re.search(r"\bexit 77\b", window):
            problems.append(f"{path.relative_to(tests)}:{i + 1}: {line.strip()}")
print(f"{len(files)} shell files checked")
for p in problems:
    print("  skip without exit 77:", p)
sys.exit(1 if problems else 0)
PY
pass "every skip message in the shell tiers is followed by exit 77"

# 2. CTest treats exit 77 of every shell test as a skip.
[[ -n "${WB_BINARY_DIR:-}" && -f "$WB_BINARY_DIR/CTestTestfile.cmake" ]] \
  || skip "WB_BINARY_DIR does not name a configured build directory (run this test through ctest)"
ctest --test-dir "$WB_BINARY_DIR" --show-only=json-v1 >"$WORK/ctest.json" 2>"$WORK/ctest.err" \
  || fail "ctest --show-only failed: $(cat "$WORK/ctest.err")"
python3 - "$WORK/ctest.json" <<'PY' || fail "a shell test is registered without SKIP_RETURN_CODE 77"
import json, sys
tests = json.load(open(sys.argv[1]))["tests"]
shell = [t for t in tests if t["name"].split(".")[0] in ("integration", "e2e", "hostile")]
assert shell, "no shell tests registered"
bad = []
for t in shell:
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    if str(props.get("SKIP_RETURN_CODE")) != "77":
        bad.append(t["name"])
print(f"{len(shell)} shell tests registered")
assert not bad, bad
PY
pass "CTest reports exit 77 of every shell test as skipped"
