#!/usr/bin/env bash
# Hostile metadata against every client, from a directory and over HTTP: a 16 KiB timestamp.json of
# nested arrays, a 64 KiB one, a 500 KB next root, a nested root under the size cap, a duplicate key,
# and a second timestamp signed with the version already trusted. `index verify` and `index mirror`
# must refuse each with exit 1 naming the file and the reason (no crash), leaving the client's trust
# state and the mirror byte-identical.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
cp repo/metadata/1.root.json trusted.json
"$WB" index verify repo --root trusted.json --state state 2>/dev/null || fail "the good repository does not verify"
"$WB" index mirror repo mirror --root trusted.json 2>/dev/null || fail "the first mirror failed"
state_before="$(tree_digest state)"
mirror_before="$(tree_digest mirror mirror.generations)"

# hostile NAME FILE: a copy of the published tree in NAME whose metadata/FILE is read from stdin.
hostile() {
    cp -a "$(readlink -f repo)" "$1"
    rm -f "$1/metadata/$2"
    cat >"$1/metadata/$2"
}
nested() { python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write(sys.argv[2] + '['*n + ']'*n + sys.argv[3])" "$@"; }

# Arrays nested inside a "signed" object, as far as each size allows (the 64 KB one crashed clients).
wrap=('{"signed":{"x":' '},"signatures":[]}')
nested 8000 "${wrap[@]}" | hostile nested-ts timestamp.json
nested 31990 "${wrap[@]}" | hostile big-ts timestamp.json
nested 249990 "${wrap[@]}" | hostile big-root 2.root.json
nested 60000 "${wrap[@]}" | hostile nested-root 2.root.json
sed 's/"signed"/"signed": {}, "signed"/' repo/metadata/timestamp.json | hostile dup-ts timestamp.json
(( $(stat -c %s big-ts/metadata/timestamp.json) > 63000 )) || fail "the 64 KB bomb is not 64 KB"
(( $(stat -c %s big-root/metadata/2.root.json) > 499000 )) || fail "the root bomb is not 500 KB"

# A second timestamp v1 signed by the real keys (the versions file that keeps versions growing is
# left behind), as a stolen timestamp key or a confused second publisher would make.
cp -a keys keys2 && rm -f keys2/published-versions.json
"$WB" index publish --wheels wheels --out same-version --keys keys2 --now "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)" 2>/dev/null
cmp -s same-version/metadata/timestamp.json repo/metadata/timestamp.json && fail "the second timestamp v1 is not different"

declare -A why=(
    [nested-ts]="metadata/timestamp.json: nested deeper than 32 levels"
    [big-ts]="timestamp.json.*(bytes, more than the 16384 expected|size limit of 16384 bytes)"
    [big-root]="2.root.json.*(bytes, more than the 131072 expected|size limit of 131072 bytes)"
    [nested-root]="metadata/2.root.json: nested deeper than 32 levels"
    [dup-ts]="metadata/timestamp.json: duplicate key \"signed\""
    [same-version]="metadata/timestamp.json: version 1 is the version already trusted, but its bytes differ"
)
for name in nested-ts big-ts big-root nested-root dup-ts same-version; do
    start_static_server "$name"
    for source in "$name" "http://127.0.0.1:$PORT"; do
        expect_exit 1 "${why[$name]}" "$WB" index verify "$source" --root trusted.json --state state
        expect_same_digest "the trust state after verify $source" "$state_before" state
        expect_exit 1 "${why[$name]}" "$WB" index mirror "$source" mirror --root trusted.json
        expect_same_digest "the mirror after mirror $source" "$mirror_before" mirror mirror.generations
    done
    pass "$name refused by verify and mirror, from a directory and over HTTP; trusted state unchanged"
done
