#!/usr/bin/env bash
# The README's first command: install, build, and migrate the quick-start project
# on SQLite, ending with `mig current` showing its head.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
log=$(mktemp)
if ! pnpm run build >"$log" 2>&1; then
  cat "$log" >&2
  echo "The build failed; see above." >&2
  exit 1
fi
cd examples/quickstart
pnpm exec mig up
pnpm exec mig current
