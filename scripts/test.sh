#!/usr/bin/env bash
# The one test command: installs what is missing, builds, starts real PostgreSQL and
# MariaDB servers and a 3-node MariaDB Galera cluster on loopback (unless MIG_TEST_*_URL(S)
# already point at servers), runs every package's tests, and prints one summed
# `N passed, N failed` line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-tools.sh --databases --graph-tools
log=$(mktemp)
if ! pnpm run build >"$log" 2>&1; then
  cat "$log" >&2
  echo "The build failed; see above." >&2
  exit 1
fi

started=()
cleanup() {
  rm -f "$log"
  for s in "${started[@]}"; do bash "scripts/db/$s.sh" stop >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

if [ -z "${MIG_TEST_POSTGRES_URL:-}" ]; then
  MIG_TEST_POSTGRES_URL=$(bash scripts/db/postgres.sh start | tail -n 1)
  started+=(postgres)
fi
if [ -z "${MIG_TEST_MYSQL_URL:-}" ]; then
  MIG_TEST_MYSQL_URL=$(bash scripts/db/mariadb.sh start | tail -n 1)
  started+=(mariadb)
fi
# A 3-node Galera cluster for the cluster-wide lock's test (about 30-60 s to start).
if [ -z "${MIG_TEST_GALERA_URLS:-}" ]; then
  MIG_TEST_GALERA_URLS=$(bash scripts/db/galera.sh start | tail -n 1)
  started+=(galera)
fi
export MIG_TEST_POSTGRES_URL MIG_TEST_MYSQL_URL MIG_TEST_GALERA_URLS

find packages apps examples tools -maxdepth 2 -name .vitest-report.json -delete 2>/dev/null || true
status=0
# Lint, types and published package shape (publint) first; a failure fails the run.
pnpm exec biome check . >/dev/null || { pnpm exec biome check . | tail -n 40; status=1; }
# Layers point one way and nothing imports in a cycle (.dependency-cruiser.cjs).
pnpm run --silent lint:deps >/dev/null 2>&1 || { pnpm run --silent lint:deps 2>&1 | tail -n 40; status=1; }
# The benchmarks are plain ESM that no build or test loads: they must at least parse.
for f in bench/*.mjs; do node --check "$f" || status=1; done
# --continue: one package's failure does not hide the others'; the run still fails.
pnpm exec turbo run typecheck check:exports --continue --output-logs=errors-only || status=$?
pnpm exec turbo run test --concurrency=1 --continue --output-logs=errors-only --force || status=$?
# The README's Install and Quick start, verbatim, from packed tarballs in a new npm project
# (about a minute; needs the npm registry). MIG_TARBALL_CHECK=0 skips it.
if [ "${MIG_TARBALL_CHECK:-1}" != 0 ]; then
  if node scripts/check-tarballs.mjs >"$log" 2>&1; then tail -n 1 "$log"; else
    cat "$log" >&2
    status=1
  fi
fi
node scripts/sum-tests.mjs || status=$?
exit $status
