#!/usr/bin/env bash
# A publish that fills the disk (a 1 MiB tmpfs) fails saying which file it could not write and
# why (the system's words: "No space left on device"), leaves the published tree byte-identical,
# and removes its staging directory so that the disk is as free as before. Needs root (mount).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
if [[ "$(id -u)" != 0 ]]; then echo "SKIP: mounting a tmpfs needs root"; exit 77; fi

mkdir small
mount -t tmpfs -o size=1m tmpfs small || fail "cannot mount a tmpfs"
trap 'umount "$WORK/small" 2>/dev/null || true; cleanup' EXIT

"$WB" index keygen --out keys 2>/dev/null
python3 "$MAKE_WHEELS" wheels 3 --prefix demo
"$WB" index publish --wheels wheels --out small/repo --keys keys 2>/dev/null || fail "the small publish failed"
before="$(tree_digest small/repo small/repo.generations)"
free_before="$(stat -f -c %a small)"

# A valid wheel with 2 MiB of incompressible data: more than the disk holds.
python3 - wheels <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["WB_SOURCE_DIR"], "tests", "hostile"))
from make_hostile_wheels import wheel_bytes
with open(os.path.join(sys.argv[1], "big-1.0-py3-none-any.whl"), "wb") as f:
    f.write(wheel_bytes("big", [("big/blob.bin", os.urandom(2 * 1024 * 1024))]))
PY
expect_exit 1 "small/repo.generations/staging/packages/[^ ]*: .*No space left on device" \
    "$WB" index publish --wheels wheels --out small/repo --keys keys
grep -q "write failed$" "$WORK/err.txt" && fail "the message is still only 'write failed'"
expect_same_digest "the published tree after a full disk" "$before" small/repo small/repo.generations
[[ ! -e small/repo.generations/staging ]] || fail "the staging directory was left on the full disk"
[[ "$(stat -f -c %a small)" == "$free_before" ]] || fail "the failed publish left data on the disk"
pass "disk full: the file and the reason are named, the published tree is unchanged, the disk freed"

# The same for a file the publisher writes itself (a page), with a disk that fills mid-tree.
rm wheels/big-1.0-py3-none-any.whl
dd if=/dev/zero of=small/filler bs=1k count=$(( $(stat -f -c %a small) * $(stat -f -c %S small) / 1024 - 8 )) 2>/dev/null || true
python3 "$MAKE_WHEELS" wheels 40 --prefix more
before="$(tree_digest small/repo small/repo.generations)"
expect_exit 1 "small/repo.generations/staging/[^ ]*: (cannot write|cannot create|cannot copy|SQLite).*(No space left on device|database or disk is full)" \
    "$WB" index publish --wheels wheels --out small/repo --keys keys
expect_same_digest "the published tree after a full disk" "$before" small/repo small/repo.generations
pass "disk full while writing pages or copies: named with the reason, tree unchanged"
