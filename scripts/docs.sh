#!/usr/bin/env bash
# npm run docs: the docs site (MkDocs Material, mkdocs.yml) in dist/docs/, with
# the playground's library beside it in dist/docs/lib/ for the live playgrounds
# its pages mount. dist/docs/ can be copied anywhere on its own.
source "$(dirname "$0")/lib.sh"
ensure_system_packages "${SERVE_PACKAGES[@]}" "${DOCS_PACKAGES[@]}"
ensure_node_modules
build_wasm
node scripts/describe-engine.mjs  # the engine's description for the page
npx vite build --config web/vite.config.ts --logLevel warn
build_docs
echo "The docs are in dist/docs/ (index.html)"
