#!/usr/bin/env bash
# `recipe new` against the package index pip uses here (the real one, through pip's configuration):
#  - a pure-Python wheel release: meta.yaml pins the wheel by the index's sha256, names its import
#    and its run requirements (markers evaluated for Pyodide), and drafts the recipes it needs, so
#    the project loads and plans a build of it;
#  - an sdist with C sources: pinned as the sdist, its extension sources named;
#  - an existing recipe is kept unless --force; an unknown project or version names what is wrong
#    and writes nothing.
source "$(dirname "$0")/lib.sh"
private_sources "$WORK/store"
python3 -m pip --version >/dev/null 2>&1 || skip "pip is not installed (it names the package index)"
p=$(new_project drafts)
name=$(basename "$p")

wb "$name" --json recipe new python-dateutil==2.9.0.post0
expect_status 0
expect_output "Wrote .*/recipes/python-dateutil/meta.yaml: python-dateutil 2.9.0.post0 from the pure-Python wheel python_dateutil-2.9.0.post0-py2.py3-none-any.whl; needs six"
expect_output "Wrote .*/recipes/six/meta.yaml: six [0-9.]+ from the pure-Python wheel six-"
python3 - "$p/recipes/python-dateutil/meta.yaml" "$WORK/stdout" "$WASM_BUILD_STORE/sources/sha256" <<'PY' || fail "the drafted recipe"
import json, os, sys, yaml
meta = yaml.safe_load(open(sys.argv[1]))
assert meta["package"] == {"name": "python-dateutil", "version": "2.9.0.post0", "top-level": ["dateutil"]}, meta
assert meta["source"]["pypi"] == {"file": "python_dateutil-2.9.0.post0-py2.py3-none-any.whl"}, meta
sha = meta["source"]["sha256"]
assert len(sha) == 64 and os.path.isfile(os.path.join(sys.argv[3], sha)), "the pinned file is not in the store"
assert meta["requirements"] == {"run": ["six"]}, meta
assert meta["test"] == {"imports": ["dateutil"]}, meta
out = json.load(open(sys.argv[2]))
assert [w["name"] for w in out["written"]] == ["python-dateutil", "six"], out
assert all(w["pure_wheel"] for w in out["written"]), out
PY
wb "$name" build -n python-dateutil
expect_status 0
expect_output "python-dateutil"
expect_output "six"
pass "a pure-Python wheel release and the recipe it needs are drafted; the project plans a build of them"

wb "$name" recipe new MarkupSafe==3.0.3
expect_status 0
expect_output "markupsafe 3.0.3 from the sdist with extension sources \(\.c\) markupsafe-3.0.3.tar.gz"
grep -q "^    file: markupsafe-3.0.3.tar.gz$" "$p/recipes/markupsafe/meta.yaml" || fail "the sdist is not pinned"
grep -q "^    - markupsafe$" "$p/recipes/markupsafe/meta.yaml" || fail "no import name"
pass "an sdist with C sources is pinned as the sdist and its extension sources named"

before=$(sha256sum "$p/recipes/six/meta.yaml")
wb "$name" recipe new six==1.16.0
expect_status 2
expect_output "recipes/six/meta.yaml: the recipe exists \(--force replaces it\)"
[[ "$(sha256sum "$p/recipes/six/meta.yaml")" == "$before" ]] || fail "the existing recipe changed"
wb "$name" recipe new six==1.16.0 --force
expect_status 0
grep -q '^  version: "1.16.0"$' "$p/recipes/six/meta.yaml" || fail "--force did not replace the recipe"
pass "an existing recipe is kept unless --force"

before=$(sha256sum "$p/recipes/six/meta.yaml")
wb "$name" recipe new six==99.0 --force
expect_status 2
expect_output "six==99.0: the index lists no usable file of this version"
[[ "$(sha256sum "$p/recipes/six/meta.yaml")" == "$before" ]] || fail "a failed draft changed the recipe"
wb "$name" recipe new wb-no-such-project-4f1c9a
expect_status 1
expect_output "wb-no-such-project-4f1c9a/: HTTP status 404"
[[ ! -e "$p/recipes/wb-no-such-project-4f1c9a" ]] || fail "a recipe was written for an unknown project"
pass "an unknown version or project is named and nothing is written"
