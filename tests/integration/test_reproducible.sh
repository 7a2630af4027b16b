#!/usr/bin/env bash
# The same inputs give byte-identical wheels: two builds in separate caches, at different paths.
source "$(dirname "$0")/lib.sh"

wb basic build purehello pureworld --out "$WORK/dist1"
expect_status 0
cp -r "$WORK/data/projects/basic" "$WORK/data/projects/basic2"
CACHE="$WORK/cache2"
wb basic2 build purehello pureworld --out "$WORK/dist2"
expect_status 0
for w in purehello-0.1-py3-none-any.whl pureworld-2.0-py3-none-any.whl; do
  [[ -f "$WORK/dist1/$w" ]] || fail "$w missing"
  cmp "$WORK/dist1/$w" "$WORK/dist2/$w" || fail "$w differs between two builds"
done
python3 -m zipfile -t "$WORK/dist1/pureworld-2.0-py3-none-any.whl" >/dev/null || fail "zip test"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["pureworld"]["depends"]==["purehello"], d' \
  "$WORK/dist1/packages.json" || fail "packages.json"
pass "wheels are byte-identical across builds"
