#!/usr/bin/env bash
# Every kind of bad recipe is refused before anything is built: exit code 2 and a message naming
# file:line:column and what was expected.
source "$(dirname "$0")/lib.sh"

# new_project NAME: an empty project with one good library recipe to break.
new_project() {
  local p="$WORK/data/projects/$1"
  mkdir -p "$p/recipes/good"
  cat >"$p/recipes/good/meta.yaml" <<'YAML'
package:
  name: good
  version: "1.0"
source:
  path: .
build:
  type: static_library
  script: mkdir -p "$WB_PREFIX/lib"
YAML
  echo "$p"
}

check() {  # check NAME REGEX: the project NAME must be refused with a message matching REGEX
  wb "$1" build
  expect_status 2
  expect_output "$2"
  [[ ! -d "$CACHE/builds" ]] || fail "$1: something was built"
  pass "$1"
}

p=$(new_project unknown_key); printf 'package:\n  name: bad\n  version: "1.0"\n  colour: blue\n' > "$p/recipes/good/meta.yaml"
mkdir -p "$p/recipes/bad" && mv "$p/recipes/good/meta.yaml" "$p/recipes/bad/meta.yaml"
check unknown_key "recipes/bad/meta.yaml:4:3: unknown key 'package.colour' \(expected one of: name, version, top-level\)"

p=$(new_project unsupported_key); sed -i 's/^build:/build:\n  post: echo hi/' "$p/recipes/good/meta.yaml"
check unsupported_key "meta.yaml:[0-9]+:[0-9]+: 'build.post' is a Pyodide meta.yaml key that wasm-build does not support yet"

p=$(new_project wrong_type); sed -i 's/^  version: "1.0"/  version: [1, 0]/' "$p/recipes/good/meta.yaml"
check wrong_type "recipes/good/meta.yaml:3:12: 'package.version': expected a string"

p=$(new_project missing_sha); printf 'package:\n  name: good\n  version: "1.0"\nsource:\n  url: https://example.invalid/x.tar.gz\nbuild:\n  type: static_library\n  script: "true"\n' > "$p/recipes/good/meta.yaml"
check missing_sha "recipes/good/meta.yaml:5:3: 'source': missing 'sha256'"

p=$(new_project bad_sha); printf 'package:\n  name: good\n  version: "1.0"\nsource:\n  url: https://example.invalid/x.tar.gz\n  sha256: abc\nbuild:\n  type: static_library\n  script: "true"\n' > "$p/recipes/good/meta.yaml"
check bad_sha "recipes/good/meta.yaml:6:11: 'source.sha256': expected 64 lowercase hexadecimal digits"

p=$(new_project name_mismatch); sed -i 's/name: good/name: other/' "$p/recipes/good/meta.yaml"
check name_mismatch "recipes/good/meta.yaml:2:9: 'package.name': package name 'other' does not match its folder 'good'"

p=$(new_project bad_version); sed -i 's/version: "1.0"/version: "1.x"/' "$p/recipes/good/meta.yaml"
check bad_version "recipes/good/meta.yaml:3:12: 'package.version': '1.x' is not a valid version"

p=$(new_project unknown_dep); printf 'requirements:\n  host:\n    - nosuchlib\n' >> "$p/recipes/good/meta.yaml"
check unknown_dep "recipes/good/meta.yaml:11:7: unknown dependency 'nosuchlib' in requirements.host"

p=$(new_project cycle)
for n in a b c; do
  mkdir -p "$p/recipes/$n"
  sed "s/name: good/name: $n/" "$p/recipes/good/meta.yaml" > "$p/recipes/$n/meta.yaml"
done
printf 'requirements:\n  host: [b]\n' >> "$p/recipes/a/meta.yaml"
printf 'requirements:\n  host: [c]\n' >> "$p/recipes/b/meta.yaml"
printf 'requirements:\n  run: [a]\n' >> "$p/recipes/c/meta.yaml"
check cycle "dependency cycle: a -> b -> c -> a"

p=$(new_project bad_yaml); printf 'package:\n  name: good\n   version: 1\n' > "$p/recipes/good/meta.yaml"
check bad_yaml "recipes/good/meta.yaml:3:[0-9]+: invalid YAML"

p=$(new_project bad_type); sed -i 's/type: static_library/type: rocket/' "$p/recipes/good/meta.yaml"
check bad_type "recipes/good/meta.yaml:7:9: 'build.type': unknown build type 'rocket'"

wb basic build no_such_recipe
expect_status 2
expect_output "no recipe named 'no_such_recipe'"
pass "unknown target"
