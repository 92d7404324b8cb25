# Shared by the npm scripts: install what is missing, build what is stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs  # emcc 3.1.6 needs acorn from Debian's node modules

# Debian packages by what needs them; each npm script asks only for its own.
# Serving (npm start, npm run build, npm run describe): the WebAssembly build
# (CMakeLists.txt finds Eigen and nlohmann-json; emcc compiles).
SERVE_PACKAGES=(cmake make emscripten libeigen3-dev nlohmann-json3-dev)
# The native build (CMakeLists.txt requires Catch2 outside Emscripten): tests, benchmarks.
NATIVE_PACKAGES=(g++ catch2)
# The page in headless Chromium: e2e tests, benchmarks, the screenshot.
BROWSER_PACKAGES=(chromium)
# The docs site (npm run docs), also built and opened by npm test.
DOCS_PACKAGES=(mkdocs-material)
# The sanitizer and fuzz builds (npm run fuzz, npm test): clang and its sanitizer runtimes.
FUZZ_PACKAGES=(cmake make libeigen3-dev nlohmann-json3-dev "${NATIVE_PACKAGES[@]}" clang libclang-rt-14-dev)
# npm test: all of the above, clang-format (scripts/format.sh --check), and python3-torch (2 min 16 s
# to install here, 634 MB with its libraries): tests/wasm/pytorch-check.test.ts runs the PyTorch export in it.
TEST_PACKAGES=("${SERVE_PACKAGES[@]}" "${NATIVE_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}" "${DOCS_PACKAGES[@]}"
  clang libclang-rt-14-dev clang-format python3 python3-torch)

# ensure_system_packages PACKAGE...: installs those of them that are missing.
ensure_system_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (as root): apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

JOBS="${JOBS:-$(nproc)}"

build_native() {
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$JOBS"
}

build_wasm() {
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
}

# The page into dist/ (served: index.html, embed.html, the library
# nn-playground.js), then from the same sources the single file
# dist/nn-playground-standalone.html and the npm package's files in
# dist/package/ (`npm pack ./dist/package`). Arguments go to each vite build.
build_page() {
  npx vite build --config web/vite.config.ts "$@"
  npx vite build --config web/vite.standalone.config.ts "$@"
  npx vite build --config web/vite.package.config.ts "$@"
  node scripts/package.mjs
}

# The docs site into dist/docs/ (after the page's build, which empties dist/),
# and the library beside it: the pages import ./lib/nn-playground.js.
build_docs() {
  rm -rf dist/docs
  # Debian's Jinja prints a DeprecationWarning with a traceback; the build is fine.
  PYTHONWARNINGS=ignore::DeprecationWarning mkdocs build --quiet --strict --config-file mkdocs.yml --site-dir dist/docs
  mkdir -p dist/docs/lib
  cp -r dist/nn-playground.js dist/nn-playground.css dist/assets dist/docs/lib/
}

# Engine, Catch2 suite and (with fuzz_targets) the libFuzzer targets, built by
# clang with AddressSanitizer + UndefinedBehaviorSanitizer (tests/fuzz/sanitize.cmake).
build_asan() {
  CC=clang CXX=clang++ cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DNNP_FUZZ=ON >/dev/null
  cmake --build build/asan -j "$JOBS" --target "$@"
}
