#!/usr/bin/env bash
# A publish killed (SIGKILL) at random moments never leaves the served tree inconsistent: after
# each kill the repository verifies as the old or the new generation, and the next publish works.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 2000
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp repo/metadata/1.root.json trusted.json
"$WB" index verify repo --root trusted.json --state state 2>/dev/null || fail "first publish does not verify"
python3 "$MAKE_WHEELS" wheels 500 --start 2000

killed=0
for delay in 0.05 0.2 0.4 0.7 1.0 1.5; do
    "$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null || true
    "$WB" index verify repo --root trusted.json --state state 2>"$WORK/verify.err" \
        || { cat "$WORK/verify.err" >&2; fail "tree inconsistent after a kill at ${delay}s"; }
    count="$(python3 -c "import json;print(len(json.load(open('repo/pyodide-lock.json'))['packages']))")"
    [[ "$count" == 2000 || "$count" == 2500 ]] || fail "lock file lists $count packages"
done
(( killed > 0 )) || fail "no publish was killed mid-way (machine too fast for the delays?)"
pass "$killed publishes killed mid-way, the tree stayed consistent"

"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null || fail "publish after kills"
"$WB" index verify repo --root trusted.json --state state 2>/dev/null || fail "final tree does not verify"
count="$(python3 -c "import json;print(len(json.load(open('repo/pyodide-lock.json'))['packages']))")"
[[ "$count" == 2500 ]] || fail "final lock lists $count packages"
pass "publish after interrupted ones completes"
