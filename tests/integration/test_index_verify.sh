#!/usr/bin/env bash
# index verify: a good tree (directory and HTTP) passes; each fault fails with exit 1 and says what
# was wrong: tampered files, a mix of two publishes, a wrong key, a duplicated signature, expiry,
# rollback, and servers that send endless data or drip bytes.
source "$(dirname "$0")/index_lib.sh"
cd "$WORK"
command -v openssl >/dev/null || skip "the duplicated-signature check needs the openssl command"

"$WB" index keygen --out keys --root-keys 2 --root-threshold 2 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp repo/metadata/1.root.json trusted.json
verify() { "$WB" index verify "$1" --root trusted.json --state "${STATE:-state}" "${@:2}"; }

expect_exit 0 "Verified .*targets v1" verify repo
start_static_server repo
expect_exit 0 "Verified" verify "http://127.0.0.1:$PORT/"
expect_exit 2 "" "$WB" index verify repo
pass "good tree verifies from a directory and over HTTP"

cp -a "$(readlink -f repo)" gen1-copy
old_lock="$WORK/old-lock.json"; cp repo/pyodide-lock.json "$old_lock"
python3 "$MAKE_WHEELS" wheels 1 --prefix demo --start 3
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
expect_exit 0 "timestamp v2" verify repo
expect_exit 1 "metadata/timestamp.json: rolled back from version 2 to 1" verify gen1-copy
pass "rollback to an older publish detected"

STATE=state-tamper
cp -a "$(readlink -f repo)" tampered
replace tampered/pyodide-lock.json; echo " " >>tampered/pyodide-lock.json
expect_exit 1 "hash mismatch on pyodide-lock.json" verify tampered
cp -a "$(readlink -f repo)" tampered2
replace tampered2/simple/demo-1/index.html; sed -i 's/demo/evil/' tampered2/simple/demo-1/index.html
expect_exit 1 "hash mismatch on simple/demo-1/index.html" verify tampered2
cp -a "$(readlink -f repo)" mixed
rm mixed/pyodide-lock.json; cp "$old_lock" mixed/pyodide-lock.json
expect_exit 1 "hash mismatch on pyodide-lock.json" verify mixed
cp -a "$(readlink -f repo)" mixed2
rm mixed2/metadata/targets.json; cp gen1-copy/metadata/targets.json mixed2/metadata/targets.json
expect_exit 1 "hash mismatch on metadata/targets.json" verify mixed2
pass "tampered files and a mix of two publishes detected"

"$WB" index keygen --out other-keys 2>/dev/null
"$WB" index publish --wheels wheels --out other --keys other-keys 2>/dev/null
cp -a "$(readlink -f repo)" wrongkey
rm wrongkey/metadata/timestamp.json; cp other/metadata/timestamp.json wrongkey/metadata/timestamp.json
expect_exit 1 "timestamp.json: 0 valid signature.*not a key of this role" verify wrongkey
pass "signature by the wrong key refused"

# A root v2 "meeting" threshold 2 with one root key's valid signature given twice (signed with the
# openssl command-line tool; the unit tests cover the same without it).
cp -a "$(readlink -f repo)" dup
python3 - dup/metadata/root.json >signed.bin <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["signed"]["version"] = 2
sys.stdout.write(json.dumps(doc["signed"], sort_keys=True, separators=(",", ":"), ensure_ascii=False))
PY
openssl pkeyutl -sign -inkey keys/root-1.pem -rawin -in signed.bin -out sig.bin
python3 - dup/metadata/root.json keys/root-1.pem sig.bin dup/metadata/2.root.json <<'PY'
import json, sys, subprocess, hashlib
doc = json.load(open(sys.argv[1]))
doc["signed"]["version"] = 2
pub = subprocess.run(["openssl", "pkey", "-in", sys.argv[2], "-pubout", "-outform", "DER"], capture_output=True,
                 check=True).stdout[-32:].hex()
keyid = next(k for k, v in doc["signed"]["keys"].items() if v["keyval"]["public"] == pub)
sig = open(sys.argv[3], "rb").read().hex()
doc["signatures"] = [{"keyid": keyid, "sig": sig}, {"keyid": keyid, "sig": sig}]
json.dump(doc, open(sys.argv[4], "w"))
PY
expect_exit 1 "2.root.json.*1 valid signature\(s\), threshold is 2.*duplicate signature" verify dup
pass "duplicated signature counted once"

later="$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)"
expect_exit 1 "metadata/timestamp.json: expired at" verify repo --now "$later"
"$WB" index publish --wheels wheels --out short --keys keys --expires timestamp=0s 2>/dev/null
cp short/metadata/1.root.json short-root.json
expect_exit 1 "timestamp.json: expired" "$WB" index verify short --root short-root.json --state state-short
pass "expired timestamp refused"

mkdir -p served && cp -a "$(readlink -f repo)/." served/
STATE=state-endless
start_bad_server served endless /metadata/timestamp.json
SECONDS=0
expect_exit 1 "timestamp.json.*size limit" verify "http://127.0.0.1:$PORT"
(( SECONDS < 30 )) || fail "endless response took ${SECONDS}s to refuse"
STATE=state-drip
start_bad_server served drip /metadata/snapshot.json
SECONDS=0
expect_exit 1 "snapshot.json: Operation too slow" verify "http://127.0.0.1:$PORT"
(( SECONDS < 40 )) || fail "dripping server took ${SECONDS}s to abandon"
pass "endless and dripping servers abandoned"

STATE=state-rotate
expect_exit 0 "" verify repo
"$WB" index keygen --out keys --rotate timestamp --rotate root --root-keys 2 --root-threshold 2 2>/dev/null
ls keys/retired/*.pem >/dev/null || fail "rotation kept no retired keys"
"$WB" --json index publish --wheels wheels --out repo --keys keys >rotated.json 2>/dev/null
grep -q '"root_version":2' rotated.json || fail "rotation did not make root version 2"
expect_exit 0 "root v2" verify repo
cp -a "$(readlink -f repo)" stale-keys
rm stale-keys/metadata/timestamp.json; cp gen1-copy/metadata/timestamp.json stale-keys/metadata/timestamp.json
expect_exit 1 "timestamp.json: 0 valid signature" verify stale-keys
pass "key rotation followed from the old trusted root; the retired timestamp key no longer counts"
