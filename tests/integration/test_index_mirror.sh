#!/usr/bin/env bash
# index mirror: replicates over HTTP, verified; incremental; an interrupted mirror resumes and the
# mirror is never half-updated; a tampered origin never becomes visible in the mirror.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 300
"$WB" index publish --wheels wheels --out origin --keys keys 2>/dev/null
cp origin/metadata/1.root.json trusted.json
start_static_server origin
URL="http://127.0.0.1:$PORT"

"$WB" --json index mirror "$URL" mirror --root trusted.json >m1.json 2>/dev/null || fail "first mirror"
"$WB" index verify mirror --root trusted.json --state client 2>/dev/null || fail "mirror does not verify"
cmp origin/pyodide-lock.json mirror/pyodide-lock.json || fail "lock files differ"
pass "mirror over HTTP verifies"

python3 "$MAKE_WHEELS" wheels 1 --start 300
"$WB" index publish --wheels wheels --out origin --keys keys 2>/dev/null
"$WB" --json index mirror "$URL" mirror --root trusted.json >m2.json 2>/dev/null || fail "second mirror"
python3 - m2.json <<'PY' || fail "second mirror was not incremental"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["downloaded"] <= 10 and m["linked"] >= 890, m
PY
"$WB" --json index mirror "$URL" mirror --root trusted.json >m3.json 2>/dev/null
grep -q '"up_to_date":true' m3.json || fail "third mirror was not up to date"
pass "mirror is incremental"

python3 "$MAKE_WHEELS" wheels 800 --start 301 --prefix more
"$WB" index publish --wheels wheels --out origin --keys keys 2>/dev/null
before="$(readlink mirror)"
killed=0
for delay in 0.2 0.5; do
    "$WB" index mirror "$URL" mirror --root trusted.json 2>/dev/null &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null || true
    [[ "$(readlink mirror)" == "$before" ]] || [[ $killed == 0 ]] || fail "a killed mirror changed the served tree"
    "$WB" index verify mirror --root trusted.json --state "client-$delay" 2>/dev/null || fail "mirror inconsistent after kill"
done
(( killed > 0 )) || fail "no mirror run was killed mid-way"
"$WB" --json index mirror "$URL" mirror --root trusted.json >m4.json 2>/dev/null || fail "resumed mirror"
python3 - m4.json <<'PY' || fail "the resumed mirror fetched everything again"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["resumed"] > 0, m
PY
"$WB" index verify mirror --root trusted.json --state client 2>/dev/null || fail "resumed mirror does not verify"
pass "interrupted mirror ($killed kill(s)) resumes and stays consistent"

python3 "$MAKE_WHEELS" wheels 1 --start 2000 --prefix last
"$WB" index publish --wheels wheels --out origin --keys keys 2>/dev/null
wheel="origin/packages/last_2000-1.0-py3-none-any.whl"
replace "$wheel"
python3 -c "import sys;p=sys.argv[1];b=bytearray(open(p,'rb').read());b[len(b)//2]^=0x55;open(p,'wb').write(b)" "$wheel"
before="$(readlink mirror)"
expect_exit 1 "hash mismatch on .*last_2000-1.0-py3-none-any.whl" "$WB" index mirror "$URL" mirror --root trusted.json
[[ "$(readlink mirror)" == "$before" ]] || fail "a failed mirror changed the served tree"
pass "tampered origin refused, mirror unchanged"
