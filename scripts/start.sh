#!/usr/bin/env bash
# npm start: install what is missing, build the engine to WebAssembly, serve the playground.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${SERVE_PACKAGES[@]}"
ensure_node_modules
build_wasm
node scripts/describe-engine.mjs  # the engine's description for the page
npx vite build --config web/vite.config.ts --logLevel warn
PORT="${PORT:-5173}"
echo
echo "nn-playground is at http://localhost:${PORT}/  (Ctrl+C stops it)"
exec npx vite preview --config web/vite.config.ts --port "$PORT" --strictPort --host 127.0.0.1
