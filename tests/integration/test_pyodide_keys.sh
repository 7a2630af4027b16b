#!/usr/bin/env bash
# Pyodide's meta.yaml keys that a recipe copied from Pyodide's repository carries: package.tag and
# pinned and extra.recipe-maintainers are accepted as labels; source.extract_dir picks the
# archive's directory that holds the source (here an archive with two top-level directories);
# build.post runs inside the built wheel's unpacked directory, in the sandbox, before the wheel is
# repacked (RECORD then lists what post left). A key that cannot be honoured is refused by name
# with its reason (test_bad_recipes.sh).
source "$(dirname "$0")/lib.sh"

project="$WORK/data/projects/basic"
recipe="$project/recipes/purehello/meta.yaml"
# The source as an archive whose top level holds the sources and a docs directory.
mkdir -p "$WORK/archive/docs" && cp -r "$WORK/data/sources/purehello" "$WORK/archive/purehello-0.1"
echo "not the source" >"$WORK/archive/docs/README"
tar -C "$WORK/archive" -czf "$WORK/purehello-0.1.tar.gz" docs purehello-0.1
sha="$(sha256sum "$WORK/purehello-0.1.tar.gz" | cut -d' ' -f1)"
cat >"$recipe" <<YAML
package:
  name: purehello
  version: "0.1"
  tag: [always]
  pinned: true
  top-level:
    - purehello
source:
  url: file://$WORK/purehello-0.1.tar.gz
  sha256: $sha
  extract_dir: purehello-0.1
build:
  post: |
    # Pyodide runs this in the unpacked wheel, with \$PKGDIR the recipe folder.
    test -d purehello -a -d "\$PKGDIR"
    echo "added by post" >purehello/post.txt
test:
  imports:
    - purehello
about:
  summary: A pure-Python test package
  license: MIT
extra:
  recipe-maintainers:
    - someone
YAML

wb basic build purehello --platform pyemscripten_2026_0 --out "$WORK/dist"
expect_status 0
wheel="$(ls "$WORK"/dist/pyemscripten_2026_0/purehello-0.1-*.whl)"
python3 - "$wheel" <<'PY' || fail "the wheel does not hold what build.post left"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert z.read("purehello/post.txt") == b"added by post\n", names
record = next(n for n in names if n.endswith(".dist-info/RECORD"))
assert "purehello/post.txt," in z.read(record).decode(), "RECORD does not list post.txt"
assert not any("README" in n for n in names), names
PY
pass "tag, pinned and recipe-maintainers are accepted; extract_dir picks the source; build.post runs in the wheel"

# A post that fails fails the build, naming the step; an extract_dir the archive lacks is named.
sed -i 's|    echo "added by post" >purehello/post.txt|    false|' "$recipe"
wb basic build purehello --platform pyemscripten_2026_0 --out "$WORK/dist2"
expect_status 1
expect_output "FAILED: purehello \[pyemscripten_2026_0\] 0.1 \(step: build\)"
sed -i 's|  extract_dir: purehello-0.1|  extract_dir: purehello-0.2|' "$recipe"
wb basic build purehello --platform pyemscripten_2026_0 --out "$WORK/dist3"
expect_status 1
expect_output "source.extract_dir 'purehello-0.2' is not a directory of the source archive \(its top level holds: docs, purehello-0.1\)"
pass "a failing build.post fails the build; a missing extract_dir is named with what the archive holds"
