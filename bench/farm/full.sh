#!/usr/bin/env bash
# The whole farm as the nightly builds it (every recipe, every enabled platform, keep-going), in
# one run on this machine:
#   1. cold: a new cache directory (sources, toolchain roots and runtimes come from the shared
#      store, as on a machine that built before): wall time (the makespan);
#   2. warm: the same build again, nothing changed: wall time, and every node from the cache;
#   3. one recipe bumped (BUMP, default zlib: a changed build input on a copy of the project): which
#      nodes were built anew against what depends on BUMP (from `build -n`'s reasons), and the hit rate.
# Then the cold run's graph (build times, host dependencies from the records: farm_sim.py) gives the
# critical path and the work; the makespan is printed against both bounds (critical path, and work
# divided by the jobs that ran side by side).
#   bench/farm/full.sh [BUMP]
# Builds nothing into the project's dist/ (the wheels go to a scratch directory).
set -euo pipefail
BUMP="${1:-zlib}"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
WB="${WASM_BUILD_BIN:-$SRC/build/wasm-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wb-farm-full-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export NO_COLOR=1 CI=1
export WASM_BUILD_STORE="${WASM_BUILD_STORE:-${WASM_BUILD_CACHE:-$HOME/.cache/wasm-build}}"
CACHE="$WORK/cache"
# A copy of the project's own files, so that the bump never touches the checkout.
mkdir -p "$WORK/project"
for d in recipes patches platforms toolchains python; do [[ -d "$SRC/$d" ]] && cp -rL "$SRC/$d" "$WORK/project/"; done

build() {  # build NAME: the whole farm, keep-going; seconds on stdout, JSON in $WORK/NAME.json
  local t0=$SECONDS
  "$WB" --json --cache-dir "$CACHE" -C "$WORK/project" build -k --out "$WORK/dist-$1" >"$WORK/$1.json" 2>"$WORK/$1.err" || true
  echo $((SECONDS - t0))
}
summary() { python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["built"], s["cached"], s["failed"], s["skipped"])' "$1"; }

cold=$(build cold)
read -r c_built c_cached c_failed c_skipped < <(summary "$WORK/cold.json")
echo "cold: ${cold} s, ${c_built} built, ${c_cached} cached, ${c_failed} failed, ${c_skipped} skipped"
warm=$(build warm)
read -r w_built w_cached w_failed w_skipped < <(summary "$WORK/warm.json")
echo "warm (nothing changed): ${warm} s, ${w_built} built, ${w_cached} cached"

# The bump: a build input of BUMP changes; what `build -n` says is out of date is exactly what
# should build again.
python3 - "$WORK/project/recipes/$BUMP/meta.yaml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
if re.search(r"(?m)^build:\s*$", text):
    text = re.sub(r"(?m)^build:\s*$", "build:\n  env:\n    WB_BENCH_BUMP: \"1\"", text, count=1)
    if text.count("  env:\n") > 1:
        sys.exit(f"{path}: has its own build.env; choose another recipe to bump")
else:
    text += "build:\n  env:\n    WB_BENCH_BUMP: \"1\"\n"
open(path, "w").write(text)
PY
"$WB" --json --cache-dir "$CACHE" -C "$WORK/project" build -n >"$WORK/plan.json" 2>"$WORK/plan.err"
bumped=$(build bumped)
python3 - "$WORK/plan.json" "$WORK/bumped.json" "$BUMP" "$bumped" <<'PY'
import json, sys
plan, run, bump, seconds = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
stale = sorted({f'{r["name"]}@{r.get("variant", "")}' for r in plan["results"] if r.get("outcome") == "would-build"})
built = sorted({f'{r["name"]}@{r.get("variant", "")}' for r in run["results"] if r.get("outcome") in ("built", "failed")})
s = run["summary"]
nodes = s["built"] + s["cached"] + s["failed"] + s["skipped"]
print(f"after bumping {bump}: {seconds} s, {s['built']} built, {s['cached']} cached of {nodes} nodes "
      f"(hit rate {s['cached'] / max(nodes, 1):.0%}); built anew: {', '.join(built)}")
print("  exactly the bumped recipe and its dependents:" if built == stale else
      f"  DIFFERS from the plan's out-of-date nodes: {', '.join(stale)}")
PY

python3 - "$SRC/bench/farm-sim" "$CACHE" "$cold" "$(nproc)" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import farm_sim
cache, makespan, cores = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
graph = farm_sim.graph_from_cache(cache)
work = sum(t for t, _ in graph.values())
path = farm_sim.critical_path(graph)
cp = sum(graph[n][0] for n in path)
print(f"cold graph: {len(graph)} nodes, work {work:.0f} s, critical path {cp:.0f} s ({' -> '.join(path)})")
print(f"cold makespan {makespan:.0f} s = {makespan / cp:.2f} x the critical path, "
      f"{makespan / (work / cores):.2f} x work / {cores} cores")
PY
