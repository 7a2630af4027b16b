# Shared by the hostile tier: the index test helpers (scratch directory, keys, servers, expect_exit)
# plus what every hostile script asserts beyond the refusal itself: that the trusted state it
# started from is byte-identical afterwards and that nothing was written outside.
source "$(dirname "${BASH_SOURCE[0]}")/../integration/index_lib.sh"

# tree_digest DIR...: one hash over every path, symlink target and file content under DIR (the
# served symlink itself included), so any change to a trusted tree shows.
tree_digest() {
    python3 - "$@" <<'PY'
import hashlib, os, sys
h = hashlib.sha256()
for top in sys.argv[1:]:
    if os.path.islink(top):
        h.update(f"link {os.path.basename(top)} {os.readlink(top)}\n".encode())
    for root, dirs, files in os.walk(top, followlinks=True):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            h.update(f"file {os.path.relpath(path, top)}\n".encode())
            if os.path.islink(path):
                h.update(os.readlink(path).encode())
            else:
                with open(path, "rb") as f:
                    h.update(f.read())
print(h.hexdigest())
PY
}

# expect_same_digest WHAT BEFORE DIR...: fails unless DIR... still has digest BEFORE.
expect_same_digest() {
    local what="$1" before="$2"; shift 2
    [[ "$(tree_digest "$@")" == "$before" ]] || fail "$what changed"
}
