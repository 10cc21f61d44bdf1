#!/usr/bin/env bash
# A throwaway MariaDB server for mig's tests, on 127.0.0.1, data under <repo>/.servers/mariadb.
#
#   scripts/db/mariadb.sh start    install mariadb-server if needed, start, print the URL (last line)
#   scripts/db/mariadb.sh url      print the URL of the running server
#   scripts/db/mariadb.sh status   say whether it runs
#   scripts/db/mariadb.sh stop     stop it (by its pid file, never by process name)
#   scripts/db/mariadb.sh destroy  stop it and delete its data
#
#   export MIG_TEST_MYSQL_URL="$(scripts/db/mariadb.sh start)"
#
# Progress goes to stderr; stdout carries only the URL. MIG_MYSQL_PORT picks the port
# (default 33069, or the next free one above it when 33069 is taken).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$REPO/.servers/mariadb"
DATA="$DIR/data"
SOCK="$DIR/mysql.sock"
PIDFILE="$DIR/mariadb.pid"
PORTFILE="$DIR/port"
LOG="$DIR/error.log"
USER_NAME="mig"
USER_PASSWORD="mig-secret-pw"
DATABASE="mig"
export PATH="$PATH:/usr/sbin:/usr/bin:/sbin"

say() { echo "mariadb.sh: $*" >&2; }
die() { say "$*"; exit 1; }

url() { echo "mysql://$USER_NAME:$USER_PASSWORD@127.0.0.1:$1/$DATABASE"; }

# The pid from our pid file, if that process is alive and is a mariadbd on our data dir.
running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--datadir=$DATA" || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  if [[ -n "${MIG_MYSQL_PORT:-}" ]]; then
    port_in_use "$MIG_MYSQL_PORT" && die "port $MIG_MYSQL_PORT (MIG_MYSQL_PORT) is already in use"
    echo "$MIG_MYSQL_PORT"
    return
  fi
  local port
  for port in $(seq 33069 33119); do
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free port in 33069-33119; set MIG_MYSQL_PORT"
}

ensure_installed() {
  command -v mariadbd >/dev/null && command -v mariadb-install-db >/dev/null && return
  [[ "$(id -u)" == 0 ]] || die "mariadb-server is not installed; run as root or: sudo apt-get install -y mariadb-server"
  say "installing mariadb-server with apt (about 15 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq mariadb-server >&2
  command -v mariadbd >/dev/null || die "apt installed mariadb-server but mariadbd is not on PATH"
}

sql() { mariadb --no-defaults --protocol=socket --socket="$SOCK" -uroot "$@"; }

start() {
  mkdir -p "$DIR"
  # Two starts at once (parallel CI jobs) must not both initialise the data dir.
  exec 9>"$DIR/.lock"
  flock 9
  local pid port
  if pid="$(running_pid)"; then
    url "$(cat "$PORTFILE")"
    return
  fi
  ensure_installed
  local as_root=()
  [[ "$(id -u)" == 0 ]] && as_root=(--user=root)
  if [[ ! -d "$DATA/mysql" ]]; then
    say "initialising $DATA"
    rm -rf "$DATA"
    mariadb-install-db --no-defaults "${as_root[@]}" --datadir="$DATA" \
      --auth-root-authentication-method=normal --skip-test-db >"$DIR/install.log" 2>&1 ||
      { cat "$DIR/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  port="$(pick_port)"
  echo "$port" >"$PORTFILE"
  rm -f "$PIDFILE" "$SOCK"
  say "starting mariadbd on 127.0.0.1:$port"
  # setsid + nohup: the server outlives this script and the shell that ran it.
  setsid nohup mariadbd --no-defaults "${as_root[@]}" --datadir="$DATA" \
    --bind-address=127.0.0.1 --port="$port" --socket="$SOCK" --pid-file="$PIDFILE" \
    --log-error="$LOG" --skip-name-resolve --max-connections=300 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
    </dev/null >>"$DIR/stdout.log" 2>&1 9>&- &
  local child=$!
  local i
  for i in $(seq 1 300); do
    if mariadb-admin --no-defaults --protocol=socket --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
      break
    fi
    kill -0 "$child" 2>/dev/null || { tail -n 20 "$LOG" >&2 || true; die "mariadbd exited during start-up"; }
    sleep 0.1
  done
  mariadb-admin --no-defaults --protocol=socket --socket="$SOCK" -uroot ping >/dev/null 2>&1 ||
    { tail -n 20 "$LOG" >&2 || true; die "mariadbd did not answer within 30 s"; }
  # Anonymous users would shadow 'mig'@'%' for some hosts; the grant option lets tests
  # create and drop their own databases.
  sql <<SQL
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE USER IF NOT EXISTS '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD';
ALTER USER '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'%' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`$DATABASE\`;
SQL
  mariadb-admin --no-defaults -h127.0.0.1 -P"$port" -u"$USER_NAME" -p"$USER_PASSWORD" ping >/dev/null 2>&1 ||
    die "the server runs but '$USER_NAME' cannot log in over TCP; see $LOG"
  say "ready (data in $DIR; stop with scripts/db/mariadb.sh stop)"
  url "$port"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    return
  fi
  say "stopping mariadbd (pid $pid)"
  kill -TERM "$pid"
  local i
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; return; }
    sleep 0.1
  done
  say "still running after 30 s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    running_pid >/dev/null || die "not running; start it with scripts/db/mariadb.sh start"
    url "$(cat "$PORTFILE")"
    ;;
  status)
    if pid="$(running_pid)"; then say "running (pid $pid) at $(url "$(cat "$PORTFILE")" | sed 's/:[^:@]*@/:***@/')"; else say "not running"; exit 1; fi
    ;;
  destroy)
    stop
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: scripts/db/mariadb.sh start|stop|url|status|destroy" >&2
    exit 2
    ;;
esac
