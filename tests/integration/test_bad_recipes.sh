#!/usr/bin/env bash
# Every kind of bad recipe or platform file, a missing cross-build environment recipe and a bad
# SOURCE_DATE_EPOCH are refused before anything is built: exit code 2 and a message naming
# file:line:column (or the file, or the variable) and what was expected.
source "$(dirname "$0")/lib.sh"

# good_project NAME: a project (the repository's platforms) with one good library recipe to break.
good_project() {
  local p
  p=$(new_project "$1")
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
  [[ ! -d "$CACHE/builds" && ! -d "$CACHE/logs" ]] || fail "$1: something was built"
  pass "$1"
}

p=$(good_project unknown_key); printf 'package:\n  name: bad\n  version: "1.0"\n  colour: blue\n' > "$p/recipes/good/meta.yaml"
mkdir -p "$p/recipes/bad" && mv "$p/recipes/good/meta.yaml" "$p/recipes/bad/meta.yaml"
check unknown_key "recipes/bad/meta.yaml:4:3: unknown key 'package.colour' \(expected one of: name, version, top-level, tag, _tag, pinned\)"

p=$(good_project unsupported_key); sed -i 's/^build:/build:\n  vendor-sharedlib: true/' "$p/recipes/good/meta.yaml"
check unsupported_key "meta.yaml:[0-9]+:[0-9]+: 'build.vendor-sharedlib' is a Pyodide meta.yaml key that wasm-build does not support: shared libraries are not copied into wheels"

p=$(good_project wrong_type); sed -i 's/^  version: "1.0"/  version: [1, 0]/' "$p/recipes/good/meta.yaml"
check wrong_type "recipes/good/meta.yaml:3:12: 'package.version': expected a string"

p=$(good_project missing_sha); printf 'package:\n  name: good\n  version: "1.0"\nsource:\n  url: https://example.invalid/x.tar.gz\nbuild:\n  type: static_library\n  script: "true"\n' > "$p/recipes/good/meta.yaml"
check missing_sha "recipes/good/meta.yaml:5:3: 'source': missing 'sha256'"

p=$(good_project bad_sha); printf 'package:\n  name: good\n  version: "1.0"\nsource:\n  url: https://example.invalid/x.tar.gz\n  sha256: abc\nbuild:\n  type: static_library\n  script: "true"\n' > "$p/recipes/good/meta.yaml"
check bad_sha "recipes/good/meta.yaml:6:11: 'source.sha256': expected 64 lowercase hexadecimal digits"

p=$(good_project name_mismatch); sed -i 's/name: good/name: other/' "$p/recipes/good/meta.yaml"
check name_mismatch "recipes/good/meta.yaml:2:9: 'package.name': package name 'other' does not match its folder 'good'"

p=$(good_project bad_version); sed -i 's/version: "1.0"/version: "1.x"/' "$p/recipes/good/meta.yaml"
check bad_version "recipes/good/meta.yaml:3:12: 'package.version': '1.x' is not a valid version"

p=$(good_project unknown_dep); printf 'requirements:\n  host:\n    - nosuchlib\n' >> "$p/recipes/good/meta.yaml"
check unknown_dep "recipes/good/meta.yaml:11:7: unknown dependency 'nosuchlib' in requirements.host"

p=$(good_project cycle)
for n in a b c; do
  mkdir -p "$p/recipes/$n"
  sed "s/name: good/name: $n/" "$p/recipes/good/meta.yaml" > "$p/recipes/$n/meta.yaml"
done
printf 'requirements:\n  host: [b]\n' >> "$p/recipes/a/meta.yaml"
printf 'requirements:\n  host: [c]\n' >> "$p/recipes/b/meta.yaml"
printf 'requirements:\n  host: [a]\n' >> "$p/recipes/c/meta.yaml"
check cycle "dependency cycle: a -> b -> c -> a"

p=$(good_project bad_yaml); printf 'package:\n  name: good\n   version: 1\n' > "$p/recipes/good/meta.yaml"
check bad_yaml "recipes/good/meta.yaml:3:[0-9]+: invalid YAML"

p=$(good_project bad_type); sed -i 's/type: static_library/type: rocket/' "$p/recipes/good/meta.yaml"
check bad_type "recipes/good/meta.yaml:7:9: 'build.type': unknown build type 'rocket'"

# Platform files, the cross-build environment they name, and the toolchain files.
pf="platforms/pyemscripten_2026_5.yaml"
p=$(good_project platform_unknown_key); sed -i 's/^  enabled: true/  enabled: true\n  colour: blue/' "$p/$pf"
check platform_unknown_key "$pf:7:3: unknown key 'platform.colour' \(expected one of: name, tag, enabled, default\)"

p=$(good_project platform_bad_tag); sed -i 's/^  tag: pyemscripten_2026_5_wasm32/  tag: linux_x86_64/' "$p/$pf"
check platform_bad_tag "$pf:5:8: 'platform.tag': 'linux_x86_64' is not a wheel platform tag for wasm"

p=$(good_project platform_no_default); sed -i 's/^  default: true/  default: false/' "$p/platforms/pyemscripten_2026_0.yaml"
check platform_no_default "platforms \(pyemscripten_2026_0, pyemscripten_2026_5\): expected exactly one with 'default: true', found 0"

p=$(good_project no_cross_env); rm -r "$p/recipes/pyodide-xbuildenv"
check no_cross_env "platforms/pyemscripten_2026_0.yaml: python.cross-env names 'pyodide-xbuildenv', which is not a recipe of build type cross_env"

p=$(good_project cross_env_wrong_type); mkdir -p "$p/recipes/pyodide-xbuildenv"
sed 's/name: good/name: pyodide-xbuildenv/' "$p/recipes/good/meta.yaml" >"$p/recipes/pyodide-xbuildenv/meta.yaml"
check cross_env_wrong_type "python.cross-env names 'pyodide-xbuildenv', which is not a recipe of build type cross_env"

p=$(good_project no_toolchain); sed -i 's/^toolchain: sid-emscripten/toolchain: nosuch/' "$p/$pf"
check no_toolchain "$pf: platform 'pyemscripten_2026_5' names toolchain 'nosuch', but there is no toolchains/nosuch.yaml"

p=$(good_project no_lock); rm "$p/toolchains/sid-emscripten.lock"
check no_lock "toolchain 'sid-emscripten' has no lock \(.*/toolchains/sid-emscripten.lock\); create it with .wasm-build toolchain lock sid-emscripten."

p=$(good_project unknown_platform)
wb unknown_platform build --platform nosuch
expect_status 2
expect_output "unknown platform 'nosuch' \(expected one of: pyemscripten_2026_0, pyemscripten_2026_5\)"
pass "unknown --platform"

# SOURCE_DATE_EPOCH sets every time stamp in a wheel: it must be a zip time.
p=$(good_project bad_epoch)
for value in yesterday 12 1e9 99999999999; do
  SOURCE_DATE_EPOCH=$value wb bad_epoch build
  expect_status 2
  expect_output "SOURCE_DATE_EPOCH='$value': expected whole seconds between 1980 and 2107"
  [[ ! -d "$CACHE/builds" ]] || fail "SOURCE_DATE_EPOCH=$value: something was built"
done
pass "invalid SOURCE_DATE_EPOCH"

wb basic build no_such_recipe
expect_status 2
expect_output "no recipe named 'no_such_recipe'"
pass "unknown target"
