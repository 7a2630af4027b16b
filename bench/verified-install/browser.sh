#!/usr/bin/env bash
# Time added by the page's verified installs in headless Chromium: the site of `wasm-build site
# export` (numpy, Pillow, lxml; the page pins the repository's root) opened in a new profile, code
# importing the three run, against the same page installing with plain micropip from the same
# files (the repository given with ?index= on a second server, which the page does not pin).
# Alternates ROUNDS times (default 3) in one run; prints the medians of the start-up (Python started
# -> packages usable: verifying the index and micropip, or unpacking micropip) and of the first run
# (install the three + import + compute), and their ratios. Needs Chromium and tests/browser's
# playwright-core (ci/setup.sh installs both).
#   bench/verified-install/browser.sh [ROUNDS]
set -euo pipefail
ROUNDS=${1:-3}
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WB="${WASM_BUILD_BIN:-$SRC/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-bench-vib-XXXXXX")"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT

"$WB" index keygen --out "$WORK/keys" 2>/dev/null
"$WB" -C "$SRC" site export "$WORK/site" --keys "$WORK/keys" numpy pillow lxml >/dev/null 2>"$WORK/export.log" ||
  { cat "$WORK/export.log" >&2; exit 1; }
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/site" "$port" >/dev/null 2>&1 &
pids+=($!)
"$WB" index serve "$WORK/site" --host 127.0.0.1 --port 0 2>"$WORK/serve.log" &  # CORS for ?index=
pids+=($!)
other=""
for _ in $(seq 100); do
  other="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/serve.log" | head -1 || true)"
  [[ -n "$other" ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
[[ -n "$other" ]] || { echo "the servers did not start" >&2; exit 1; }

code='import numpy as np
from PIL import Image
from lxml import etree
print(np.arange(6).sum(), Image.new("L", (2, 2)).size, etree.fromstring(b"<a/>").tag)'
visit() {  # visit MODE URL: one new profile, one run; prints "startup run" in seconds
  node "$SRC/tests/browser/page_run.js" --url "$2" --code "$code" >"$WORK/$1.json"
  python3 - "$WORK/$1.json" "$1" <<'PY'
import json, sys
v = json.loads(open(sys.argv[1]).readline())
assert "15 (2, 2) a" in v["output"], v["output"][-400:]
verified = "verified: signed metadata" in v["output"]
assert verified == (sys.argv[2] == "verified"), "the page did not install the way this round asks"
p = v["ready"]["phases"]
print(f'{p["micropip_ready"] - p["python_started"]:.3f} {v["run_seconds"]:.3f}')
PY
}
plain_s=() plain_r=() verified_s=() verified_r=()
for i in $(seq "$ROUNDS"); do
  read -r s r < <(visit plain "http://127.0.0.1:$port/?index=$other")
  plain_s+=("$s"); plain_r+=("$r")
  read -r s r < <(visit verified "http://127.0.0.1:$port/")
  verified_s+=("$s"); verified_r+=("$r")
  echo "round $i: plain micropip start-up ${plain_s[-1]} s, run ${plain_r[-1]} s; verified start-up ${verified_s[-1]} s, run ${verified_r[-1]} s"
done
python3 - "${plain_s[*]}" "${verified_s[*]}" "${plain_r[*]}" "${verified_r[*]}" <<'PY'
import statistics, sys
ps, vs, pr, vr = (statistics.median(map(float, a.split())) for a in sys.argv[1:])
print(f"median start-up: plain {ps:.3f} s, verified {vs:.3f} s (added {vs - ps:+.3f} s)")
print(f"median first run (install numpy, Pillow, lxml + compute): plain {pr:.3f} s, verified {vr:.3f} s "
      f"(added {vr - pr:+.3f} s, ratio {vr / pr:.2f})")
PY
