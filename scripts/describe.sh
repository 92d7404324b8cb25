#!/usr/bin/env bash
# npm run describe: rebuild the WebAssembly module and rewrite
# web/src/engine/description.generated.ts from the engine's tables.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${SERVE_PACKAGES[@]}"
ensure_node_modules
build_wasm
node scripts/describe-engine.mjs
