#!/usr/bin/env bash
# Builds through a real Slurm cluster: a private single-node one started here from Debian's
# packages (slurm_lib.sh), bound to 127.0.0.1, stopped by PID at the end. Checks: the farm build
# is byte-identical to a local build and a second one submits nothing; a failing node cancels only
# its dependents (and, without -k, the run cancels only its own jobs); Ctrl-C cancels the submitted
# jobs; a job killed mid-build leaves nothing under its final name in the cache. Also measures
# Slurm's per-job latencies (bench/farm-sim takes them).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/slurm_lib.sh"
trap 'stop_slurm; rm -rf "$WORK"' EXIT
start_slurm "$WORK/slurm" 2
export WASM_BUILD_SLURM_POLL_MS=250
# One CPU per job (-j is a job's CPUs on Slurm): the cluster has two.
PLATFORM=(--platform pyemscripten_2026_0 -j1)

# job_ids: our jobs' ids in the run's jobs.json (newest run directory under CACHE/slurm).
job_ids() { python3 -c 'import json,sys; print(" ".join(j["job_id"] for j in json.load(open(sys.argv[1]))))' \
  "$(ls -d "$CACHE"/slurm/*/ | tail -1)/jobs.json"; }
# job_state ID: Slurm's state of a job (squeue --json lists recently ended jobs too).
job_state() { squeue --json | python3 -c '
import json, sys
for j in json.load(sys.stdin)["jobs"]:
    if str(j["job_id"]) == sys.argv[1]: print(j["job_state"], j["state_reason"])' "$1"; }

# --- Slurm's own latencies on this cluster: sbatch, and a dependency chain of empty jobs.
latency="$(python3 "$WB_SOURCE_DIR/bench/farm-sim/slurm_latency.py" "$WORK/latency" 8)" || fail "measuring Slurm's latency"
echo "slurm latency: $latency"

# --- A local reference build, then the same project through Slurm in another cache.
CACHE="$WORK/cache-local"
wb basic build "${PLATFORM[@]}" --out "$WORK/dist-local"
expect_status 0
local_nodes="$(grep -c '^Built ' "$WORK/out")"
CACHE="$WORK/cache-slurm"
start_s=$SECONDS
wb basic build "${PLATFORM[@]}" --executor slurm --out "$WORK/dist-slurm"
expect_status 0
echo "farm build of basic through Slurm: $((SECONDS - start_s)) s"
expect_output "Summary: $local_nodes built, 0 cached, 0 failed, 0 skipped"
expect_output "Slurm jobs: $local_nodes submitted"
expect_output "Built purehello \[pyemscripten_2026_0\]"
n=0
for w in "$WORK"/dist-local/*/*.whl; do
  cmp "$w" "$WORK/dist-slurm/${w#"$WORK/dist-local/"}" || fail "$(basename "$w") differs between local and Slurm builds"
  n=$((n + 1))
done
[[ "$n" -ge 2 ]] || fail "expected wheels to compare, found $n"
for id in $(job_ids); do
  [[ "$(job_state "$id")" == "COMPLETED "* ]] || fail "job $id: $(job_state "$id")"
done
pass "a Slurm build of basic ($local_nodes jobs) is byte-identical to a local build ($n wheels)"

wb basic build "${PLATFORM[@]}" --executor slurm --out "$WORK/dist-slurm"
expect_status 0
expect_output "Summary: 0 built, $local_nodes cached"
expect_output "Slurm jobs: 0 submitted"
pass "nodes already in the cache are not submitted"

# --- A failing node: only its dependents are cancelled, by Slurm (afterok + kill-on-invalid-dep).
p="$WORK/data/projects/fails"
mkdir -p "$p"
cp -r "$WORK/data/projects/basic/platforms" "$WORK/data/projects/basic/toolchains" "$p/"
mkdir -p "$p/recipes" && cp -r "$WORK/data/projects/basic/recipes/pyodide-xbuildenv" "$p/recipes/"
lib_recipe() {  # lib_recipe NAME SCRIPT [HOST-DEP]
  mkdir -p "$p/recipes/$1"
  { printf 'package:\n  name: %s\n  version: "1.0"\nsource:\n  path: .\nbuild:\n  type: static_library\n' "$1"
    printf '  script: |\n    %s\n' "$2"
    if [[ -n "${3:-}" ]]; then printf 'requirements:\n  host: [%s]\n' "$3"; fi; } >"$p/recipes/$1/meta.yaml"
}
lib_recipe broken 'echo "compiler says: boom"; sleep 2; exit 7'
lib_recipe dependent 'mkdir -p "$WB_PREFIX/lib"' broken
lib_recipe dependent2 'mkdir -p "$WB_PREFIX/lib"' dependent
lib_recipe independent 'sleep 3; mkdir -p "$WB_PREFIX/lib"'
CACHE="$WORK/cache-fails"
wb fails build "${PLATFORM[@]}" --executor slurm -k broken dependent dependent2 independent
expect_status 1
expect_output "FAILED: broken \[shared-[0-9a-f]+\] 1.0 \(step: build\)"
expect_output "Slurm job [0-9]+ FAILED, NonZeroExitCode \(exit code 1\)"
expect_output "compiler says: boom"
expect_output "Skipped dependent \[shared-[0-9a-f]+\]: dependency broken failed"
expect_output "Skipped dependent2 \[shared-[0-9a-f]+\]: dependency broken failed"
expect_output "Built independent"
expect_output "Summary: 1 built, 0 cached, 1 failed, 2 skipped"
expect_no_output "Cancelled [0-9]+ Slurm job"
ids=($(job_ids))
[[ "${#ids[@]}" == 4 ]] || fail "expected 4 jobs, saw ${ids[*]}"
states="$(for id in "${ids[@]}"; do job_state "$id"; done | sort | tr '\n' ';')"
[[ "$states" == "CANCELLED DependencyNeverSatisfied;CANCELLED DependencyNeverSatisfied;COMPLETED None;FAILED NonZeroExitCode;" ]] ||
  fail "job states: $states"
grep -E "^(FAILED|Slurm job|Skipped|Built|Summary)" "$WORK/out" | sed 's/^/  /'
pass "a failing node cancels only its dependents"

# Without -k the run stops: it cancels its own jobs and nothing else (a stranger's job runs on).
stranger="$(sbatch --parsable --output=/dev/null --chdir="$WORK" --wrap='sleep 60')"
rm -rf "$CACHE"
lib_recipe independent 'sleep 20; mkdir -p "$WB_PREFIX/lib"'
wb fails build "${PLATFORM[@]}" --executor slurm broken dependent independent
expect_status 1
expect_output "Cancelled [0-9]+ Slurm jobs? \([0-9 ]+\): the run stopped after a failure"
[[ "$(job_state "$stranger")" == RUNNING* || "$(job_state "$stranger")" == PENDING* ]] ||
  fail "someone else's job was touched: $(job_state "$stranger")"
scancel "$stranger"
pass "without -k the run cancels only its own jobs"

# --- Ctrl-C: SIGINT to wasm-build cancels every job it submitted; nothing half-built remains.
lib_recipe slow 'echo started; sleep 317; mkdir -p "$WB_PREFIX/lib"'
lib_recipe after_slow 'mkdir -p "$WB_PREFIX/lib"' slow
CACHE="$WORK/cache-int"
set +e
"$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$p" build "${PLATFORM[@]}" --executor slurm slow after_slow \
  >"$WORK/out" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -qs started "$CACHE"/logs/*/slow.log && break; sleep 0.1; done
grep -qs started "$CACHE"/logs/*/slow.log || fail "the slow job never started"
kill -INT "$pid"
wait "$pid"; STATUS=$?
set -e
expect_status 130
expect_output "Cancelled 2 Slurm jobs \([0-9 ]+\): interrupted"
for id in $(job_ids); do
  for _ in $(seq 50); do [[ "$(job_state "$id")" == CANCELLED* ]] && break; sleep 0.1; done
  [[ "$(job_state "$id")" == CANCELLED* ]] || fail "job $id after Ctrl-C: $(job_state "$id")"
done
sleep 0.5
if pgrep -f "sleep 317" >/dev/null; then fail "the cancelled build's process survived"; fi
[[ -z "$(find "$CACHE/builds" -name result.json 2>/dev/null)" ]] || fail "an interrupted build left a result"
grep -E "^(Cancelled|Skipped|Summary)" "$WORK/out" | sed 's/^/  /'
pass "Ctrl-C cancels the submitted jobs"

# --- A job killed mid-build (SIGKILL to the job): nothing under the node's final name.
CACHE="$WORK/cache-kill"
set +e
"$WASM_BUILD_BIN" --cache-dir "$CACHE" -C "$p" build "${PLATFORM[@]}" --executor slurm slow >"$WORK/out" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -qs started "$CACHE"/logs/*/slow.log && break; sleep 0.1; done
id="$(squeue -h -o '%i %j' | awk '$2 ~ /^wb:slow@/ {print $1}')"
[[ -n "$id" ]] || fail "no running job for slow"
scancel --signal=KILL --full "$id"
wait "$pid"; STATUS=$?
set -e
expect_status 1
expect_output "FAILED: slow \[shared-[0-9a-f]+\] 1.0"
final="$(find "$CACHE/builds/slow" -mindepth 1 -maxdepth 1 ! -name '.*')"
[[ -z "$final" ]] || fail "a killed job left $final"
pass "a job killed mid-build leaves nothing under its final name"
