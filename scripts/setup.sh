#!/usr/bin/env bash
# The README's first command: install, build, and migrate the quick-start project
# on SQLite, ending with `mig current` showing its head.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
pnpm run build >/dev/null
cd examples/quickstart
pnpm exec mig up
pnpm exec mig current
