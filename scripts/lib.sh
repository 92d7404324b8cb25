# Shared by the npm scripts: install what is missing, build what is stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs  # emcc 3.1.6 needs acorn from Debian's node modules

# mkdocs-material: tests/e2e/hosts.test.ts builds a real MkDocs Material site around the library.
# python3-torch (2 min 16 s to install here, 634 MB with its libraries): tests/wasm/pytorch-check.test.ts runs the PyTorch export in it.
APT_PACKAGES=(cmake g++ make libeigen3-dev catch2 nlohmann-json3-dev emscripten chromium python3 python3-torch mkdocs-material
  clang libclang-rt-14-dev)  # the sanitizer and fuzz builds

ensure_system_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
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

# Engine, Catch2 suite and (with fuzz_targets) the libFuzzer targets, built by
# clang with AddressSanitizer + UndefinedBehaviorSanitizer (tests/fuzz/sanitize.cmake).
build_asan() {
  CC=clang CXX=clang++ cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DNNP_FUZZ=ON >/dev/null
  cmake --build build/asan -j "$JOBS" --target "$@"
}
