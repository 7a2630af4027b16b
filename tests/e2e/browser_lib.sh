# Helpers for the tests that drive the page in Debian's headless Chromium (playwright-core,
# tests/browser/page_run.js). Sourced after lib.sh; skips the test (exit 77) when Chromium, Node or
# the npm packages are missing.
browser_dir="$WB_SOURCE_DIR/tests/browser"
editor_dir="$WB_SOURCE_DIR/web/editor"
skip() { echo "skip: $*"; exit 77; }
[[ -x "${CHROMIUM:-/usr/bin/chromium}" ]] || skip "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (ci/setup.sh installs Debian's chromium)"
command -v node >/dev/null || skip "node is not installed"
[[ -d "$browser_dir/node_modules/playwright-core" ]] || skip "playwright-core is missing: npm ci in tests/browser (ci/setup.sh does)"
[[ -d "$editor_dir/node_modules/esbuild" ]] || skip "the editor's build tools are missing: npm ci in web/editor (ci/setup.sh does)"

# page NAME ARGS...: runs the page driver on $url (or $PAGE_URL); one JSON line per visit in $WORK/NAME.json.
page() {
  local name="$1"; shift
  node "$browser_dir/page_run.js" --url "${PAGE_URL:-$url}" "$@" >"$WORK/$name.json" 2>"$WORK/$name.err" ||
    { cat "$WORK/$name.err" >&2; fail "the page driver failed ($name)"; }
  cp "$WORK/$name.json" "$WORK/out"
}
# check NAME PYTHON-EXPRESSIONS...: asserts on the visits v[0], v[1], ... of a page run.
check() {
  local name="$1"; shift
  python3 - "$WORK/$name.json" "$@" <<'PY' || fail "page check failed ($name)"
import json, sys
v = [json.loads(line) for line in open(sys.argv[1])]
def transfer(visit, suffix):
    return sum(d["transfer"] for d in (visit.get("downloads") or []) if d["url"].endswith(suffix))
def tokens(editor, cls):
    return [t["text"] for t in editor["tokens"] if cls in t["cls"].split()]
def listed(visit):
    return {p["name"]: p["version"] for p in visit["packages"]["list"]}
for expr in sys.argv[2:]:
    if not eval(expr):
        print("false:", expr, file=sys.stderr)
        print(json.dumps(v, indent=1)[:8000], file=sys.stderr)
        sys.exit(1)
PY
}
