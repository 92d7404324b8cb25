#!/usr/bin/env bash
# npm test: install what is missing, build, and run every suite.
source "$(dirname "$0")/lib.sh"
ensure_system_packages
ensure_node_modules

echo "== native engine (Catch2 via ctest)"
build_native
(cd build/native && ctest --output-on-failure -j "$JOBS")

echo "== WebAssembly module"
build_wasm

echo "== TypeScript type check"
npx tsc --noEmit -p tsconfig.json

echo "== unit and WebAssembly tests (Vitest in Node)"
npx vitest run --config vitest.config.ts

echo "== page build and end-to-end tests (headless Chromium)"
npx vite build --config web/vite.config.ts --logLevel warn
npx vitest run --config vitest.e2e.config.ts
