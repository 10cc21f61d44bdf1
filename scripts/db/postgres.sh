#!/usr/bin/env bash
# A throwaway PostgreSQL server for mig's tests, on 127.0.0.1, data under <repo>/.servers/postgres.
#
#   scripts/db/postgres.sh start    install PostgreSQL if needed, start, print the URL (last line)
#   scripts/db/postgres.sh url      print the URL of the running server
#   scripts/db/postgres.sh status   say whether it runs
#   scripts/db/postgres.sh stop     stop it (pg_ctl on its data dir, never by process name)
#   scripts/db/postgres.sh destroy  stop it and delete its data
#
#   export MIG_TEST_POSTGRES_URL="$(scripts/db/postgres.sh start | tail -n 1)"
#
# Progress goes to stderr; stdout carries only the URL. MIG_PG_PORT picks the port
# (default 54329, or the next free one above it when 54329 is taken). The superuser is
# `mig` with a password (scram-sha-256 over TCP); the settings trade durability for speed.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$REPO/.servers/postgres"
# Where the server's own files live (see locate): $DIR unless the server user cannot reach it.
SRV="$DIR"
DATA="$SRV/data"
LOG="$SRV/postgres.log"
USER_NAME="mig"
USER_PASSWORD="mig-secret-pw"
DATABASE="postgres"
DEFAULT_PORT=54329
export PATH="$PATH:/usr/sbin:/usr/bin:/sbin"

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

url() { echo "postgres://$USER_NAME:$USER_PASSWORD@127.0.0.1:$1/$DATABASE"; }

# The server's binaries: version 15 when present, else the newest installed.
find_bin() {
  local d
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$d" && -x "$d/initdb" ]] && echo "$d"
}

is_root() { [[ "$(id -u)" == 0 ]]; }

# As root the server runs as `postgres`, which must reach its data directory. A clone
# inside a private directory (under /root, or a 0700 `mktemp -d`) is out of its reach:
# then the data lives in a directory of its own under /var/tmp, named after the clone,
# owned by postgres with mode 0700 (the same protection the data dir has anyway).
locate() {
  SRV="$DIR"
  if is_root && id -u postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$REPO"; then
    SRV="/var/tmp/mig-postgres-$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)"
  fi
  DATA="$SRV/data"
  LOG="$SRV/postgres.log"
}

# Creates $SRV when it is outside the repository, refusing one that someone else made.
prepare_srv() {
  [[ "$SRV" == "$DIR" ]] && return
  if [[ -L "$SRV" || (-e "$SRV" && ! -d "$SRV") ]]; then
    die "$SRV exists and is not a directory; remove it"
  fi
  if [[ -d "$SRV" ]]; then
    local owner
    owner="$(stat -c %U "$SRV")"
    [[ "$owner" == postgres || "$owner" == root ]] || die "$SRV belongs to $owner, not postgres; remove it"
  else
    mkdir -m 700 "$SRV"
  fi
  chown postgres: "$SRV"
  chmod 700 "$SRV"
  printf '%s\n' "$SRV" >"$DIR/data-location"
  say "the postgres user cannot reach $REPO (a parent directory is private); server data in $SRV"
}

# Runs a server binary as the user that owns the data: `postgres` when we are root.
as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_installed() {
  BIN="$(find_bin)" && [[ -n "$BIN" ]] && return
  is_root || die "PostgreSQL is not installed; run as root or: sudo apt-get install -y postgresql"
  say "installing postgresql with apt (about 20 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)" && [[ -n "$BIN" ]] || die "apt installed postgresql but no /usr/lib/postgresql/*/bin/initdb"
}

ensure_user() {
  is_root || return 0
  id -u postgres >/dev/null 2>&1 && return
  say "creating the postgres system user"
  local group=(--user-group)
  getent group postgres >/dev/null 2>&1 && group=(--gid postgres)
  useradd --system "${group[@]}" --home-dir /var/lib/postgresql --no-create-home \
    --shell /bin/bash postgres
}

# The port the running server listens on (line 4 of postmaster.pid), if it runs.
running_port() {
  local bin
  bin="$(find_bin)" || return 1
  [[ -n "$bin" && -f "$DATA/postmaster.pid" ]] || return 1
  (cd / && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1) || return 1
  sed -n 4p "$DATA/postmaster.pid" | tr -dc '0-9'
}

# The socket goes in the data dir, unless that path is too long for a Unix socket (107 bytes).
socket_dir() {
  local dir="$DATA"
  if ((${#dir} + 18 > 100)); then
    dir="/tmp/mig-postgres-$(printf '%s' "$DATA" | cksum | cut -d' ' -f1)"
    mkdir -p "$dir"
    is_root && chown postgres: "$dir"
    chmod 700 "$dir"
  fi
  echo "$dir"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  if [[ -n "${MIG_PG_PORT:-}" ]]; then
    port_in_use "$MIG_PG_PORT" && die "port $MIG_PG_PORT (MIG_PG_PORT) is already in use"
    echo "$MIG_PG_PORT"
    return
  fi
  local port
  for port in $(seq "$DEFAULT_PORT" $((DEFAULT_PORT + 50))); do
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free port in $DEFAULT_PORT-$((DEFAULT_PORT + 50)); set MIG_PG_PORT"
}

init_cluster() {
  say "initialising $DATA with $("$BIN/postgres" --version)"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  local pwfile="$SRV/.pwfile"
  printf '%s\n' "$USER_PASSWORD" >"$pwfile"
  if is_root; then
    chown postgres: "$SRV" "$DATA" "$pwfile"
    runuser -u postgres -- test -x "$DATA" || die "the postgres user cannot reach $DATA"
  fi
  chmod 700 "$DATA"
  chmod 600 "$pwfile"
  # Password auth over TCP; the socket lives in the 0700 data dir, so `trust` there only
  # lets the server's owner in.
  if ! (cd / && as_owner "$BIN/initdb" -D "$DATA" -U "$USER_NAME" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$DIR/initdb.log" 2>&1); then
    rm -f "$pwfile"
    cat "$DIR/initdb.log" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile"
  cat >>"$DATA/postgresql.conf" <<CONF

# mig test server: fast, not durable.
listen_addresses = '127.0.0.1'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
log_min_messages = warning
CONF
}

start() {
  mkdir -p "$DIR"
  # Two starts at once (parallel CI jobs) must not both initialise the data dir.
  exec 9>"$DIR/.lock"
  flock 9
  ensure_installed
  ensure_user
  locate
  prepare_srv
  local port
  if port="$(running_port)" && [[ -n "$port" ]]; then
    url "$port"
    return
  fi
  [[ -f "$DATA/PG_VERSION" ]] || init_cluster
  is_root && chown -R postgres: "$DATA" && chown postgres: "$SRV" && touch "$LOG" && chown postgres: "$LOG"
  port="$(pick_port)"
  local sock
  sock="$(socket_dir)"
  rm -f "$DATA/postmaster.pid"
  say "starting PostgreSQL on 127.0.0.1:$port"
  # pg_ctl detaches the server (own session, stdin from /dev/null, output to the log);
  # 9>&- keeps the start-up lock out of the server's hands.
  if ! (cd / && as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $port -k '$sock' -c listen_addresses=127.0.0.1" start >/dev/null 9>&-); then
    tail -n 20 "$LOG" >&2 || true
    die "PostgreSQL did not start; see $LOG"
  fi
  local i
  for i in $(seq 1 100); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
  done
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" || { tail -n 20 "$LOG" >&2 || true; die "PostgreSQL does not answer on 127.0.0.1:$port"; }
  PGPASSWORD="$USER_PASSWORD" PGCONNECT_TIMEOUT=10 "$BIN/psql" -X -q -h 127.0.0.1 -p "$port" \
    -U "$USER_NAME" -d "$DATABASE" -c "SELECT 1" >/dev/null 2>&1 ||
    die "the server runs but '$USER_NAME' cannot log in over TCP; see $LOG"
  say "ready (data in $DATA; stop with scripts/db/postgres.sh stop)"
  url "$port"
}

stop() {
  local bin
  bin="$(find_bin)" || true
  if [[ -z "$bin" || ! -f "$DATA/postmaster.pid" ]]; then
    say "not running"
    return
  fi
  if ! (cd / && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1); then
    say "not running"
    return
  fi
  say "stopping PostgreSQL ($DATA)"
  (cd / && as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null) ||
    die "pg_ctl could not stop the server; see $LOG"
}

locate
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    port="$(running_port)" && [[ -n "$port" ]] || die "not running; start it with scripts/db/postgres.sh start"
    url "$port"
    ;;
  status)
    if port="$(running_port)" && [[ -n "$port" ]]; then
      say "running at $(url "$port" | sed 's/:[^:@]*@/:***@/') (data in $DATA)"
    else
      say "not running"
      exit 1
    fi
    ;;
  destroy)
    stop
    [[ "$SRV" != "$DIR" ]] && rm -rf "$SRV"
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: scripts/db/postgres.sh start|stop|url|status|destroy" >&2
    exit 2
    ;;
esac
