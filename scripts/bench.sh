#!/usr/bin/env bash
# npm run bench: the engine's W1 and W2 workloads natively and in WebAssembly
# (Node), then W2 in Chromium: the engine alone and the page itself
# (bench/page_bench.mjs, written to test-output/page-bench.json); then the
# figures and the machine go into docs/performance.md ("Last measured").
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${SERVE_PACKAGES[@]}" "${NATIVE_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}"
ensure_node_modules
build_native
build_wasm
./build/native/engine_bench
node bench/wasm_bench.mjs --out test-output/wasm-bench.json
npx vite build --config web/vite.config.ts --logLevel warn
node bench/page_bench.mjs
node bench/write_performance.mjs
