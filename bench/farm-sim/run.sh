#!/usr/bin/env bash
# The farm figures in one run, as ratios against references measured in the same run:
#   - Slurm's latencies on a private single-node cluster (slurm_latency.py);
#   - a cold build of a test project locally and through Slurm (with nginx as the remote cache):
#     wall time of each, and per job the overhead against the node's own build time;
#   - a second, unchanged build from another cache directory: hit rate and bytes moved;
#   - farm_sim.py on that run's graph and on the synthetic 330-node graph, with the measured latencies.
# Usage: bench/farm-sim/run.sh [PROJECT (default tests/data/projects/basic)] [PLATFORM]
# Needs: ci/setup.sh (slurm, munge, nginx-light), a built build/wasm-build, the shared store.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${WASM_BUILD_BIN:-$SRC/build/wasm-build}"
PROJECT="$(cd "${1:-$SRC/tests/data/projects/basic}" && pwd)"
PLATFORM="${2:-pyemscripten_2026_0}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-farm-XXXXXX")"
source "$SRC/tests/integration/slurm_lib.sh"
source "$SRC/tests/integration/dav_lib.sh"
trap 'stop_slurm; stop_dav; rm -rf "$WORK"' EXIT
export NO_COLOR=1 CI=1 WASM_BUILD_SLURM_POLL_MS=250
export WASM_BUILD_STORE="${WASM_BUILD_STORE:-${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}}"
# The test projects name their sources as ../../sources (data/projects/NAME beside data/sources).
mkdir -p "$WORK/data/projects"
cp -rL "$PROJECT" "$WORK/data/projects/project"
cp -rL "$SRC/tests/data/sources" "$WORK/data/sources"
rm -rf "$WORK/data/projects/project/dist"
start_slurm "$WORK/slurm" 2
printf 'bench-token\n' >"$WORK/token"
export WASM_BUILD_REMOTE_CACHE_TOKEN_FILE="$WORK/token"
start_dav "$WORK/dav" bench-token

wbt() {  # wbt CACHE ARGS... : times one wasm-build run; its stderr in $WORK/out
  local cache="$1"; shift
  local t0; t0="$(date +%s.%N)"
  "$BIN" --cache-dir "$cache" -C "$WORK/data/projects/project" "$@" --platform "$PLATFORM" -j1 --out "$WORK/dist" 2>"$WORK/out" ||
    { cat "$WORK/out" >&2; echo "bench: wasm-build $* failed" >&2; exit 1; }
  ELAPSED="$(python3 -c "import sys; print(round($(date +%s.%N) - $t0, 2))")"
}

python3 "$SRC/bench/farm-sim/slurm_latency.py" "$WORK/latency" 8 >"$WORK/latency.json"
echo "Slurm latency on this cluster: $(cat "$WORK/latency.json")"

wbt "$WORK/cache-local" build
local_s="$ELAPSED"
wbt "$WORK/cache-farm" build --executor slurm --cache "$DAV_URL"
farm_s="$ELAPSED"
jobs_json="$(ls -d "$WORK"/cache-farm/slurm/*/ | tail -1)jobs.json"
python3 - "$jobs_json" "$WORK/cache-local" "$WORK/latency.json" <<'PY'
import glob, json, os, sys
jobs = json.load(open(sys.argv[1]))
local = {}
for p in glob.glob(os.path.join(sys.argv[2], "builds", "*", "*", "result.json")):
    r = json.load(open(p))
    local[f'{r["name"]}@{r["variant"]}'] = r["build_seconds"]
over, wait = [], []
logs = os.path.dirname(sys.argv[1])
print(f"{'node':40} {'local':>7} {'in job':>7} {'run-node':>9} {'overhead':>9} {'queued':>7}")
for j in jobs:
    queued = j["slurm_start"] - j["slurm_submit"]
    took = None
    for line in open(os.path.join(logs, f'{j["node"]}-{j["job_id"]}.log'), errors="replace"):
        if line.startswith("wasm-build: run-node took "):
            took = float(line.split()[3].rstrip("s,"))
    took = took if took is not None else float(j["slurm_end"] - j["slurm_start"])
    over.append(took - j["build_seconds"]); wait.append(queued)
    print(f'{j["node"]:40} {local.get(j["node"], 0):>6.2f}s {j["build_seconds"]:>6.2f}s {took:>8.2f}s '
          f'{took - j["build_seconds"]:>8.2f}s {queued:>6}s')
lat = json.load(open(sys.argv[3]))
lat["job_overhead_seconds"] = round(sum(over) / len(over), 2)
json.dump(lat, open(sys.argv[3], "w"))
print(f"per job: run-node takes {lat['job_overhead_seconds']} s more than the node's own build; "
      f"{sum(wait) / len(wait):.1f} s from submission to start on average (Slurm's times, whole seconds)")
PY
echo "cold build: local ${local_s} s, through Slurm ${farm_s} s (ratio $(python3 -c "print(round($farm_s / $local_s, 2))"))"

wbt "$WORK/cache-second" build --cache "$DAV_URL"
grep -E '^(Summary|Remote cache)' "$WORK/out"
python3 - "$WORK/out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"Summary: (\d+) built, (\d+) cached", text)
r = re.search(r"(\d+) fetched, (\d+) missed, .*?([\d.]+) MB down, ([\d.]+) MB up", text)
built, cached = int(m.group(1)), int(m.group(2))
print(f"second build from another cache: hit rate {cached}/{built + cached}, {r.group(3)} MB fetched, "
      f"{r.group(4)} MB sent")
PY
echo "second build wall time: ${ELAPSED} s (ratio to the cold local build $(python3 -c "print(round($ELAPSED / $local_s, 2))"))"

echo; echo "== farm-sim on this run's graph (the farm cache), measured latencies"
python3 "$SRC/bench/farm-sim/farm_sim.py" --cache "$WORK/cache-farm" --latency "$WORK/latency.json"
echo; echo "== farm-sim on the synthetic 330-node Pyodide-shaped graph, measured latencies"
python3 "$SRC/bench/farm-sim/farm_sim.py" --synthetic --latency "$WORK/latency.json"
