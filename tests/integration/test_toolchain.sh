#!/usr/bin/env bash
# Toolchain roots and platforms as the project sees them:
#  - `platforms --json` lists both platforms with their identities and their toolchain's;
#  - `toolchain list` shows the project's root present in the shared store;
#  - `toolchain export` then `toolchain import` into a fresh store gives a root of the same identity
#    whose files are byte-identical (every regular file's sha256, modes, owners, links, root.json),
#    and a build in that store uses it (no debootstrap: nothing in the store's root log);
#  - an archive whose /var/lib/dpkg/status was changed is refused (identity mismatch), nothing kept;
#  - `toolchain gc` removes only roots no toolchain file names (a fake root of another identity).
# The shared store (WASM_BUILD_STORE) is only read: export, list and platforms; import and gc run
# on stores of the test's own.
source "$(dirname "$0")/lib.sh"
need_sandbox
SHARED="$WASM_BUILD_STORE"
STORE2="$WORK/store2"
command -v zstd >/dev/null || skip "zstd is not installed (the tampered archive is written with it)"

# --- platforms ---------------------------------------------------------------------------------------
wb basic --json platforms
expect_status 0
python3 - "$WORK/stdout" "$WB_SOURCE_DIR/toolchains/sid-emscripten.lock" <<'PY' >"$WORK/identity" || fail "platforms --json"
import json, re, sys
platforms = {p["name"]: p for p in json.load(open(sys.argv[1]))}
assert sorted(platforms) == ["pyemscripten_2026_0", "pyemscripten_2026_5"], platforms
p0, p5 = platforms["pyemscripten_2026_0"], platforms["pyemscripten_2026_5"]
for p in (p0, p5):
    assert re.fullmatch(r"[0-9a-f]{64}", p["identity"]), p
    assert re.fullmatch(r"[0-9a-f]{64}", p["toolchain_identity"]), p
    assert p["toolchain"] == "sid-emscripten" and p["enabled"], p
assert p0["identity"] != p5["identity"], "two platforms with one identity"
assert p0["toolchain_identity"] == p5["toolchain_identity"], "one toolchain file, two identities"
assert p0["default"] and not p5["default"], (p0["default"], p5["default"])
assert (p0["tag"], p0["abi_version"], p0["python"]) == ("pyemscripten_2026_0_wasm32", "2026_0", "3.14"), p0
assert (p5["tag"], p5["abi_version"], p5["python"]) == ("pyemscripten_2026_5_wasm32", "2026_5", "3.15"), p5
assert p0["runtime"].startswith("pyodide") and "314.0.8" in p0["runtime"], p0["runtime"]
print(p0["toolchain_identity"])
PY
identity="$(cat "$WORK/identity")" id16="${identity:0:16}"
expect_output "^pyemscripten_2026_0 .*toolchain sid-emscripten \($id16\).*\[default\]$"
pass "platforms --json lists both platforms with their identities and one toolchain identity"

# --- list ----------------------------------------------------------------------------------------------
root_dir="$SHARED/toolchains/sid-emscripten-$id16"
[[ -f "$root_dir/root.json" ]] || skip "the project's toolchain root is not in the shared store ($root_dir); wasm-build toolchain ensure makes it"
wb basic --json toolchain list
expect_status 0
expect_output "^sid-emscripten $id16 \([0-9]+ packages\): [0-9]+ MB in $root_dir/root$"
python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); assert l==[{"name":"sid-emscripten","identity":sys.argv[2],"present":True}], l' \
  "$WORK/stdout" "$identity" || fail "toolchain list --json"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["identity"]==sys.argv[2], j' "$root_dir/root.json" "$identity" \
  || fail "the root's root.json does not carry the identity of the lock"
pass "toolchain list shows the project's root present"

# --- export, import --------------------------------------------------------------------------------
wb basic toolchain export sid-emscripten "$WORK/root.tar.zst"
expect_status 0
expect_output "^Exported sid-emscripten \($id16\) to $WORK/root.tar.zst"
wb basic --store-dir "$STORE2" toolchain import "$WORK/root.tar.zst"
expect_status 0
expect_output "^Imported toolchain sid-emscripten \($id16\) into $STORE2/toolchains/sid-emscripten-$id16$"
copy="$STORE2/toolchains/sid-emscripten-$id16"
cmp "$root_dir/root.json" "$copy/root.json" || fail "root.json differs"
# Everything but /dev (the sandbox mounts its own; device nodes do not travel): the same entries
# with the same kind, mode, owner, size, time (whole seconds) and link target; the same bytes.
listing() {
  (cd "$1" && { find . -path ./dev -prune -o -type d -printf 'd %P %M %U %G %Ts\n'
                find . -path ./dev -prune -o ! -type d -printf 'f %P %M %U %G %s %Ts %l\n'; } | LC_ALL=C sort)
}
contents() { (cd "$1" && find . -path ./dev -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
listing "$root_dir/root" >"$WORK/list.shared"
listing "$copy/root" >"$WORK/list.copy"
diff "$WORK/list.shared" "$WORK/list.copy" >"$WORK/list.diff" || fail "the imported root's entries differ: $(head -5 "$WORK/list.diff")"
contents "$root_dir/root" >"$WORK/sums.shared"
contents "$copy/root" >"$WORK/sums.copy"
cmp -s "$WORK/sums.shared" "$WORK/sums.copy" || fail "the imported root's files differ: $(diff "$WORK/sums.shared" "$WORK/sums.copy" | head -4)"
grep -q ' ./usr/bin/emcc$\| ./usr/share/emscripten/emcc.py$' "$WORK/sums.copy" || fail "no emcc in the imported root"
[[ -d "$copy/root/dev" ]] || fail "the imported root has no /dev"
[[ -n "$(find "$root_dir/root/dev" \( -type c -o -type b \) -print -quit)" ]] || fail "the shared root's /dev holds no device node to leave out"
specials="$(find "$copy/root" \( -type c -o -type b -o -type p -o -type s \) -print)"
[[ -z "$specials" ]] || fail "the imported root holds special files: $(head -3 <<<"$specials")"
pass "export then import: the same identity, $(wc -l <"$WORK/sums.copy") files byte-identical, root.json equal"

# A build in the fresh store uses the imported root: no root is made (no debootstrap, no root log).
wb basic --store-dir "$STORE2" build libhello
expect_status 0
expect_no_output "Making toolchain root"
[[ ! -e "$STORE2/logs/sid-emscripten.log" ]] || fail "a root was made in the fresh store: $(head -3 "$STORE2/logs/sid-emscripten.log")"
grep -q "sandbox over $copy/root " "$CACHE"/logs/shared-*/libhello.log || fail "the build did not run over the imported root"
[[ "$(ls "$STORE2/toolchains" | grep -v '\.lock$')" == "sid-emscripten-$id16" ]] || fail "the fresh store holds another root"
pass "a build in the fresh store runs over the imported root (no debootstrap)"

# --- a tampered archive ------------------------------------------------------------------------------
# The shared root's root.json and dpkg status, one package's version changed: the root claims the
# lock's identity, its packages give another.
mkdir -p "$WORK/tamper/root/var/lib/dpkg"
cp "$root_dir/root.json" "$WORK/tamper/root.json"
awk '/^Package: bash$/ {bash = 1} bash && /^Version: / {print "Version: 9.9-tampered"; bash = 0; next} {print}' \
  "$root_dir/root/var/lib/dpkg/status" >"$WORK/tamper/root/var/lib/dpkg/status"
! cmp -s "$root_dir/root/var/lib/dpkg/status" "$WORK/tamper/root/var/lib/dpkg/status" || fail "the status was not changed"
tar -C "$WORK/tamper" --owner=0 --group=0 -cf - root.json root | zstd -q -o "$WORK/tampered.tar.zst"
STORE3="$WORK/store3"
wb basic --store-dir "$STORE3" toolchain import "$WORK/tampered.tar.zst"
expect_status 1
expect_output "integrity error: $WORK/tampered.tar.zst: the root's packages give identity [0-9a-f]{64}, but it claims $identity"
[[ -z "$(ls -A "$STORE3/toolchains")" ]] || fail "a refused import left something: $(ls -A "$STORE3/toolchains")"
pass "an archive with a changed /var/lib/dpkg/status is refused (identity mismatch), nothing kept"

# --- gc ------------------------------------------------------------------------------------------------
# In the fresh store: the imported root (named by toolchains/sid-emscripten.yaml and its lock) and a
# fake root of another identity. gc removes the fake one only.
fake="$STORE2/toolchains/sid-emscripten-0123456789abcdef"
mkdir -p "$fake/root/usr/bin"
printf '{"name": "sid-emscripten", "identity": "%s", "prepare": []}\n' "0123456789abcdef$(printf '0%.0s' $(seq 48))" \
  >"$fake/root.json"
wb basic --store-dir "$STORE2" toolchain list
expect_status 0
expect_output "^sid-emscripten 0123456789abcdef: 0 MB, not used by this project \(toolchain gc removes it\)$"
[[ "$STORE2" != "$SHARED" ]] || fail "refusing to run gc on the shared store"
wb basic --store-dir "$STORE2" toolchain gc
expect_status 0
expect_output "^Removed toolchain root sid-emscripten 0123456789abcdef$"
[[ "$(grep -c '^Removed' "$WORK/out")" == 1 ]] || fail "gc removed more than the fake root"
[[ ! -e "$fake" ]] || fail "gc left the fake root"
[[ -f "$copy/root.json" && -x "$copy/root/usr/bin/emcc" ]] || fail "gc removed the project's root"
wb basic --store-dir "$STORE2" --json toolchain list
python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); assert [t["present"] for t in l]==[True], l' "$WORK/stdout" \
  || fail "the project's root is no longer listed as present after gc"
pass "toolchain gc removes only roots no toolchain file names"
