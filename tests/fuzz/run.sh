#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (-DWB_FUZZ=ON, in build-fuzz/ beside build/) and runs
# each for SECONDS (default 20), starting from a scratch copy of its committed seed corpus in
# tests/fuzz/corpus/<target>/; prints executions and coverage (libFuzzer's final cov:/ft: line)
# per target. Exits non-zero when a target crashes (the reproducer stays in build-fuzz/crashes/).
#
#   tests/fuzz/run.sh [SECONDS]        environment: JOBS (ninja, default 1), CC/CXX (clang-14)
set -euo pipefail
seconds="${1:-20}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${WB_FUZZ_BUILD_DIR:-$root/build-fuzz}"
targets=(fuzz_metadata fuzz_version fuzz_requirement fuzz_marker fuzz_zip fuzz_http_request fuzz_recipe
         fuzz_entry_policy fuzz_wasm_module)

if [[ ! -f "$build/build.ninja" ]]; then
    CC="${CC:-clang-14}" CXX="${CXX:-clang++-14}" cmake -S "$root" -B "$build" -G Ninja \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWB_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
nice -n 19 ninja -C "$build" -j"${JOBS:-1}" fuzz_targets >/dev/null

mkdir -p "$build/crashes"
failed=0
printf '%-20s %12s %10s %10s %s\n' "target" "executions" "cov" "ft" "result"
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    rm -rf "$corpus" && mkdir -p "$corpus" && cp "$root/tests/fuzz/corpus/$target/"* "$corpus/"
    log="$build/$target.log"
    rc=0
    (cd "$build/crashes" && "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" "$corpus" >"$log" 2>&1) || rc=$?
    final="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)"
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    cov="$(grep -o 'cov: [0-9]*' <<<"$final" | grep -o '[0-9]*' || true)"
    ft="$(grep -o 'ft: [0-9]*' <<<"$final" | grep -o '[0-9]*' || true)"
    result=ok
    if (( rc != 0 )); then
        result="CRASH (exit $rc): see $log and $build/crashes/$target-*"
        failed=1
    fi
    printf '%-20s %12s %10s %10s %s\n' "$target" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit "$failed"
