#!/usr/bin/env bash
# npm test: install what is missing, build, and run every suite.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${TEST_PACKAGES[@]}"
ensure_node_modules
RESULTS=build/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

echo "== formatting (Prettier, clang-format)"
bash scripts/format.sh --check

echo "== native engine (Catch2 via ctest)"
build_native
(cd build/native && ctest --output-on-failure -j "$JOBS" --output-junit "$ROOT/$RESULTS/ctest.xml")

echo "== native engine under AddressSanitizer + UndefinedBehaviorSanitizer"
build_asan engine_tests
(cd build/asan && UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$JOBS" \
  --output-junit "$ROOT/$RESULTS/ctest-asan.xml")

echo "== fuzz targets (libFuzzer, a fixed number of runs each from tests/fuzz/corpus)"
FUZZ_RUNS="${FUZZ_RUNS:-20000}" FUZZ_SECONDS= FUZZ_TARGETS= FUZZ_RESULTS="$RESULTS/fuzz.json" bash scripts/fuzz.sh

echo "== WebAssembly module"
build_wasm
# Before tsc: a stale description would show up as confusing type errors.
node scripts/describe-engine.mjs --check
node scripts/colour-ramps.mjs --check

echo "== TypeScript type check"
npx tsc --noEmit -p tsconfig.json

echo "== unused files, exports and dependencies (knip)"
npx knip

echo "== unit and WebAssembly tests (Vitest in Node)"
npx vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile="$RESULTS/node.json"

echo "== page build, docs site and end-to-end tests (headless Chromium)"
build_page --logLevel warn  # and the single file, the npm package (tests/e2e/standalone, package)
build_docs  # dist/docs/, opened by tests/e2e/docs.test.ts
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$RESULTS/e2e.json"

echo "== the tests that open parts loaded on first use, with those parts 1.5 s late (a slow connection)"
NNP_E2E_LAZY_DELAY_MS=1500 npx vitest run --config vitest.e2e.config.ts \
  tests/e2e/stepthrough.test.ts tests/e2e/hosts.test.ts tests/e2e/flow.test.ts \
  --reporter=default --reporter=json --outputFile="$RESULTS/e2e-late-parts.json"

node scripts/summarize-tests.mjs "$RESULTS"
