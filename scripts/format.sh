#!/usr/bin/env bash
# npm run format: Prettier for TypeScript, scripts and CSS; clang-format for C++.
# With --check (npm test, npm run format:check) nothing is written: it names the files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."

# One list for writing and checking; .prettierignore keeps generated files out.
PRETTIER_GLOBS=('web/src/**/*.{ts,css}' 'web/examples/*.{ts,css}' 'web/*.ts' '*.config.ts'
  'bench/**/*.mjs' 'scripts/**/*.mjs' 'tests/**/*.ts')
CPP_DIRS=(engine bindings tests/engine tests/fuzz bench tools)
mapfile -t CPP_FILES < <(git ls-files -- "${CPP_DIRS[@]}" | grep -E '\.(cpp|cc|h|hpp)$')

if [[ "${1:-}" != --check ]]; then
  npx prettier --log-level warn --write "${PRETTIER_GLOBS[@]}"
  clang-format -i "${CPP_FILES[@]}"
  exit 0
fi

status=0
if ! npx prettier --log-level warn --check "${PRETTIER_GLOBS[@]}"; then
  status=1  # Prettier has named the files above ("[warn] path").
fi
bad_cpp=()
for f in "${CPP_FILES[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad_cpp+=("$f")
done
if ((${#bad_cpp[@]})); then
  printf 'clang-format: not formatted: %s\n' "${bad_cpp[@]}" >&2
  status=1
fi
if ((status)); then
  echo "Formatting differs in the files above; 'npm run format' fixes them." >&2
fi
exit $status
