#!/usr/bin/env bash
# Hostile wheels in the input directory: `index publish` must refuse each (exit 2, bad input) (member names with '..',
# absolute, backslashes, duplicates, names equal but for case, Windows device names, trailing dots
# and spaces; data after the archive, data between the central directory and its end record, two
# zips glued together), naming the wheel and the member, writing nothing outside, and leaving the
# published repository byte-identical. The farm's own wheels pass the strict reader, and Python's
# zipfile reads the very same members from them, each matching RECORD exactly.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null
before="$(tree_digest repo repo.generations)"
mkdir -p sandbox/inner
cd sandbox/inner  # a '..' member that escaped would land in sandbox/ or in /tmp

python3 "$WB_SOURCE_DIR/tests/hostile/make_hostile_wheels.py" "$WORK/hostile" >"$WORK/cases.tsv"
count=0
while IFS=$'\t' read -r wheel member words; do
    rm -rf "$WORK/input" && cp -a "$WORK/wheels" "$WORK/input" && cp "$WORK/hostile/$wheel" "$WORK/input/"
    expect_exit 2 "" "$WB" index publish --wheels "$WORK/input" --out "$WORK/repo" --keys "$WORK/keys"
    grep -qF -- "$WORK/input/$wheel" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "$wheel: the refusal does not name the wheel"; }
    if [[ "$member" != "-" ]]; then
        grep -qF -- "member '$member'" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "$wheel: the refusal does not name '$member'"; }
    fi
    grep -qF -- "$words" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "$wheel: the refusal does not say '$words'"; }
    expect_same_digest "the repository after $wheel" "$before" "$WORK/repo" "$WORK/repo.generations"
    [[ -z "$(ls -A "$WORK/sandbox/inner")" && ! -e "$WORK/sandbox/evil.py" && ! -e /tmp/evil.py ]] \
        || fail "$wheel: something was written outside"
    [[ ! -e "$WORK/repo.generations/staging" ]] || fail "$wheel: a staging directory was left behind"
    count=$((count + 1))
done <"$WORK/cases.tsv"
(( count >= 16 )) || fail "only $count hostile wheels were tried"
pass "$count hostile wheels refused by publish, each named with its member and reason; repository unchanged"

# The farm's own wheels (written by our wheel writer, here through the unit-tested synthetic
# wheels and the published tree) pass the strict reader, and Python's zipfile agrees on every
# member: the same names in the same order, the same bytes, and RECORD lists exactly them.
cd "$WORK"
"$WB" index publish --wheels wheels --out repo --keys keys 2>/dev/null || fail "the good wheels no longer publish"
for whl in repo/packages/*.whl; do
    python3 - "$whl" <<'PY' || fail "$whl: Python's zipfile disagrees"
import base64, csv, hashlib, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
assert len(names) == len(set(names)), "duplicate names"
record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
rows = list(csv.reader(io.StringIO(z.read(record_name).decode())))
listed = {r[0]: (r[1], r[2]) for r in rows}
assert set(listed) == set(names), (set(listed) ^ set(names))
for n in names:
    if n == record_name:
        assert listed[n] == ("", ""), listed[n]
        continue
    data = z.read(n)
    digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert listed[n] == (digest, str(len(data))), (n, listed[n])
PY
done
pass "published wheels read the same in Python's zipfile, RECORD matching exactly"
