#!/usr/bin/env bash
# npm run build: the static site (and the embeddable library) in dist/, the
# single-file page and the npm package's files.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${SERVE_PACKAGES[@]}"
ensure_node_modules
build_wasm
node scripts/describe-engine.mjs  # the engine's description for the page
build_page  # dist/, dist/nn-playground-standalone.html, dist/package/
