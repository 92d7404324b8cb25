#!/usr/bin/env bash
# npm run fuzz: build the libFuzzer targets of tests/fuzz (clang, ASan + UBSan)
# and run each from its seed corpus tests/fuzz/corpus/<target>/.
#   FUZZ_SECONDS=60    time per target (the default mode)
#   FUZZ_RUNS=N        a fixed number of runs with -seed=1 from the seeds alone
#                      (what npm test uses: same inputs every time); the session
#                      target runs N/5 (each of its inputs is up to 16 operations)
#   FUZZ_TARGETS="config csv"   a subset
#   FUZZ_RESULTS=file  also write per-target results as JSON (for the test summary)
# New inputs accumulate in build/asan/fuzz-corpus/<target>/ (not in the repo);
# a crashing input is saved to tests/fuzz/crashes-found/<target>/ (not committed)
# and fails the run. Replay one: build/asan/fuzz_<target> <file>.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${FUZZ_PACKAGES[@]}"
build_asan fuzz_targets

TARGETS=(${FUZZ_TARGETS:-config model csv session})
SECONDS_EACH="${FUZZ_SECONDS:-60}"
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
declare -A MAX_LEN=([config]=65536 [model]=65536 [csv]=16384 [session]=4096)
declare -A RUNS_DIVISOR=([session]=5)
failed=()
json=""
for t in "${TARGETS[@]}"; do
  bin="build/asan/fuzz_$t" seeds="tests/fuzz/corpus/$t" work="build/asan/fuzz-corpus/$t"
  crashes="tests/fuzz/crashes-found/$t" log="build/asan/fuzz-$t.log"
  [ -x "$bin" ] || { echo "no fuzz target $t" >&2; exit 1; }
  # -entropic=0: the entropic schedule spent 60% of the session target's time
  # ranking features; without it the same runs take a third of the time.
  args=(-max_len="${MAX_LEN[$t]:-4096}" -entropic=0 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$crashes/")
  [ "$t" = session ] || args+=(-dict=tests/fuzz/json.dict)  # the session input is binary
  if [ -n "${FUZZ_RUNS:-}" ]; then
    rm -rf "$work"
    args+=(-runs="$((FUZZ_RUNS / ${RUNS_DIVISOR[$t]:-1}))" -seed=1)
  else
    args+=(-max_total_time="$SECONDS_EACH")
  fi
  mkdir -p "$work" "$crashes"
  start=$EPOCHREALTIME
  if "$bin" "${args[@]}" "$work" "$seeds" >"$log" 2>&1; then ok=true; else ok=false; fi
  secs=$(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $start }")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf 'fuzz_%-8s %9s runs in %6.1f s (%s/s)  %s\n' "$t" "${runs:-?}" "$secs" "${rate:-?}" \
    "$($ok && echo 'no crash' || echo "CRASH, log: $log")"
  if ! $ok; then
    failed+=("$t")
    grep -m1 -E 'ERROR: |runtime error|Assertion|invariant violated|deadly signal|timeout|out-of-memory' "$log" | cut -c1-300 || true
    grep -m1 -E 'invariant violated' -A1 "$log" | tail -1 | cut -c1-300 || true
    sed -n 's/^.*Test unit written to /  input: /p' "$log"
  fi
  json+="${json:+,}{\"target\":\"$t\",\"runs\":${runs:-0},\"seconds\":$secs,\"ok\":$ok}"
done
[ -n "${FUZZ_RESULTS:-}" ] && echo "[$json]" >"$FUZZ_RESULTS"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets that crashed: ${failed[*]}" >&2
  exit 1
fi
