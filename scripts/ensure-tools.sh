#!/usr/bin/env bash
# Installs what a fresh machine lacks: pnpm (pinned), the workspace's packages, and,
# with --databases, the servers and Alembic the tests use; with --graph-tools, Chromium and
# Graphviz, which `mig graph`'s tests draw with. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION ..." >&2
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION"
fi

if [[ " $* " == *" --databases "* ]]; then
  need=()
  [ -x /usr/bin/alembic ] && /usr/bin/python3 -c "import alembic" 2>/dev/null || need+=(python3-alembic alembic)
  # Alembic's drivers for PostgreSQL and MariaDB, which bench/up.mjs runs it on.
  /usr/bin/python3 -c "import psycopg2, pymysql" 2>/dev/null || need+=(python3-psycopg2 python3-pymysql)
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  # The Galera cluster (scripts/db/galera.sh): provider, and mariabackup + socat for joining nodes.
  [ -f /usr/lib/galera/libgalera_smm.so ] || need+=(galera-4)
  command -v mariadb-backup >/dev/null 2>&1 || need+=(mariadb-backup)
  command -v socat >/dev/null 2>&1 || need+=(socat)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} with apt ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

if [[ " $* " == *" --graph-tools "* ]]; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v dot >/dev/null 2>&1 || need+=(graphviz)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} with apt ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

pnpm install --frozen-lockfile --reporter=silent 2>/dev/null || pnpm install --frozen-lockfile
