#!/usr/bin/env bash
# The same inputs give byte-identical wheels: two builds in separate caches, from project copies at
# different paths, for both platforms — pure wheels and a C extension linked against a static library.
source "$(dirname "$0")/lib.sh"
need_sandbox

wheels_of() {  # wheels_of DIST: the wheels of a dist directory, relative, sorted
  (cd "$1" && find . -name '*.whl' | sort)
}

wb basic build purehello pureworld --out "$WORK/dist1"
expect_status 0
wb ext build pyhello --out "$WORK/dist1"
expect_status 0
cp -r "$WORK/data/projects/basic" "$WORK/data/projects/basic2"
cp -r "$WORK/data/projects/ext" "$WORK/data/projects/ext2"
CACHE="$WORK/cache2"
wb basic2 build purehello pureworld --out "$WORK/dist2"
expect_status 0
wb ext2 build pyhello --out "$WORK/dist2"
expect_status 0
expect_output "^Built libhello"  # really rebuilt in the second cache, not reused

for p in $P0 $P5; do
  for w in purehello-0.1-py3-none-any.whl pureworld-2.0-py3-none-any.whl; do
    [[ -f "$WORK/dist1/$p/$w" ]] || fail "$p/$w missing"
  done
  compgen -G "$WORK/dist1/$p/pyhello-0.1-*-${p}_wasm32.whl" >/dev/null || fail "$p: no pyhello wheel for the platform"
done
[[ "$(wheels_of "$WORK/dist1")" == "$(wheels_of "$WORK/dist2")" ]] || fail "the two builds made different wheel sets"
n=0
while read -r w; do
  cmp "$WORK/dist1/$w" "$WORK/dist2/$w" || fail "$w differs between two builds"
  n=$((n + 1))
done < <(wheels_of "$WORK/dist1")
(( n == 6 )) || fail "expected 6 wheels, compared $n"
python3 -m zipfile -t "$WORK/dist1/$P0/pureworld-2.0-py3-none-any.whl" >/dev/null || fail "zip test"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["pureworld"]["depends"]==["purehello"], d' \
  "$WORK/dist1/$P0/packages.json" || fail "packages.json"
pass "$n wheels (pure and C extension, both platforms) are byte-identical across builds"
