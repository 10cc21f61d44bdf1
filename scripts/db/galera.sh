#!/usr/bin/env bash
# A throwaway 3-node MariaDB Galera cluster for mig's tests, all on 127.0.0.1, data under
# <repo>/.servers/galera/node{1,2,3}.
#
#   scripts/db/galera.sh start    install galera-4 etc. if needed, start, print the URLs (last line)
#   scripts/db/galera.sh url      print the URLs of the running cluster
#   scripts/db/galera.sh status   say whether it runs
#   scripts/db/galera.sh stop     stop it (by its pid files, never by process name)
#   scripts/db/galera.sh destroy  stop it and delete its data
#
#   export MIG_TEST_GALERA_URLS="$(scripts/db/galera.sh start | tail -n 1)"
#
# stdout's last line is the three nodes' URLs, comma-separated; progress goes to stderr.
# Each node needs four ports (SQL, group communication, IST, SST); they are picked free in
# 34100-34399. Node 1 bootstraps the cluster; nodes 2 and 3 join it and receive its data
# with mariabackup (rsync SST fails when the server runs as root).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$REPO/.servers/galera"
NODES=(1 2 3)
USER_NAME="mig"
USER_PASSWORD="mig-secret-pw"
DATABASE="mig"
PROVIDER=/usr/lib/galera/libgalera_smm.so
export PATH="$PATH:/usr/sbin:/usr/bin:/sbin"

say() { echo "galera.sh: $*" >&2; }
die() { say "$*"; exit 1; }

node_dir() { echo "$DIR/node$1"; }
sock() { echo "$(node_dir "$1")/mysql.sock"; }
# ports file: "<sql> <gcomm> <ist> <sst>"
port_of() { cut -d' ' -f"$2" <"$(node_dir "$1")/ports"; }

urls() {
  local n out=()
  for n in "${NODES[@]}"; do
    out+=("mysql://$USER_NAME:$USER_PASSWORD@127.0.0.1:$(port_of "$n" 1)/$DATABASE")
  done
  (IFS=,; echo "${out[*]}")
}

# The pid from node N's pid file, if that process is alive and is a mariadbd on its data dir.
running_pid() {
  local d pid
  d="$(node_dir "$1")"
  [[ -f "$d/mariadb.pid" ]] || return 1
  pid="$(tr -dc '0-9' <"$d/mariadb.pid")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--defaults-file=$d/my.cnf" || return 1
  echo "$pid"
}

all_running() {
  local n
  for n in "${NODES[@]}"; do running_pid "$n" >/dev/null || return 1; done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Twelve free ports, none repeated (a port just picked is not yet in use).
pick_ports() {
  local port picked=()
  for port in $(seq 34100 34399); do
    port_in_use "$port" && continue
    picked+=("$port")
    [[ ${#picked[@]} -eq 12 ]] && { echo "${picked[*]}"; return; }
  done
  die "not enough free ports in 34100-34399"
}

ensure_installed() {
  local need=()
  [[ -x /usr/sbin/mariadbd ]] || command -v mariadbd >/dev/null || need+=(mariadb-server)
  [[ -f "$PROVIDER" ]] || need+=(galera-4)
  command -v mariadb-backup >/dev/null || command -v mariabackup >/dev/null || need+=(mariadb-backup)
  command -v socat >/dev/null || need+=(socat)
  [[ ${#need[@]} -eq 0 ]] && return
  [[ "$(id -u)" == 0 ]] || die "${need[*]} not installed; run as root or: sudo apt-get install -y ${need[*]}"
  say "installing ${need[*]} with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" >&2
}

sql() { local n="$1"; shift; mariadb --no-defaults --protocol=socket --socket="$(sock "$n")" -uroot "$@"; }

wsrep_status() {
  sql "$1" -N -B -e "SHOW STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

# Starts node N; node 1 with an empty address (it forms the cluster), the others join node 1.
start_node() {
  local n="$1" d as_root="" address
  d="$(node_dir "$n")"
  [[ "$(id -u)" == 0 ]] && as_root=1
  if [[ "$n" == 1 ]]; then
    address="gcomm://"
    # After a full stop, bootstrap from node 1 even if it was not the last to leave: these
    # are test servers, and node 1 stops last anyway.
    [[ -f "$d/data/grastate.dat" ]] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
  else
    address="gcomm://127.0.0.1:$(port_of 1 2)"
  fi
  rm -f "$d/mariadb.pid" "$(sock "$n")"
  # A config file rather than flags: the SST script and mariabackup read it too (with
  # --no-defaults they would read /etc/mysql's and look for the wrong socket).
  # Small buffers: the machine is shared.
  cat >"$d/my.cnf" <<CNF
[mysqld]
${as_root:+user=root}
datadir=$d/data
bind-address=127.0.0.1
port=$(port_of "$n" 1)
socket=$(sock "$n")
pid-file=$d/mariadb.pid
log-error=$d/error.log
skip-name-resolve
max-connections=200
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb-buffer-pool-size=32M
innodb-log-file-size=16M
innodb-flush-log-at-trx-commit=2
performance-schema=OFF
key-buffer-size=1M
aria-pagecache-buffer-size=8M
binlog-format=ROW
default-storage-engine=InnoDB
innodb-autoinc-lock-mode=2
wsrep-on=ON
wsrep-provider=$PROVIDER
wsrep-cluster-name=mig_test
wsrep-cluster-address=$address
wsrep-node-name=node$n
wsrep-node-address=127.0.0.1
wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(port_of "$n" 2);ist.recv_addr=127.0.0.1:$(port_of "$n" 3);gcache.size=32M"
wsrep-sst-receive-address=127.0.0.1:$(port_of "$n" 4)
wsrep-sst-method=mariabackup
wsrep-sst-auth=root:
[client]
socket=$(sock "$n")
[sst]
sst-syslog=-1
sst-log-archive=0
CNF
  say "starting node $n on 127.0.0.1:$(port_of "$n" 1)"
  # setsid + nohup: the server outlives this script and the shell that ran it.
  setsid nohup mariadbd --defaults-file="$d/my.cnf" </dev/null >>"$d/stdout.log" 2>&1 9>&- &
  local child=$! i
  # A joiner answers only after its state transfer; wait until it says Synced.
  for i in $(seq 1 1200); do
    [[ "$(wsrep_status "$n" wsrep_local_state_comment)" == Synced ]] && return
    kill -0 "$child" 2>/dev/null || { tail -n 30 "$d/error.log" >&2 || true; die "node $n exited during start-up"; }
    sleep 0.1
  done
  tail -n 30 "$d/error.log" >&2 || true
  die "node $n was not Synced within 120 s"
}

start() {
  mkdir -p "$DIR"
  # Two starts at once (parallel CI jobs) must not both initialise the data dirs.
  exec 9>"$DIR/.lock"
  flock 9
  if all_running; then
    urls
    return
  fi
  # A partial cluster (a node died): start again from a clean stop.
  stop_nodes
  ensure_installed
  local as_root=() n began ports
  [[ "$(id -u)" == 0 ]] && as_root=(--user=root)
  began=$(date +%s)
  read -r -a ports <<<"$(pick_ports)"
  for n in "${NODES[@]}"; do
    local d
    d="$(node_dir "$n")"
    mkdir -p "$d"
    echo "${ports[@]:$(((n - 1) * 4)):4}" >"$d/ports"
    if [[ ! -d "$d/data/mysql" ]]; then
      say "initialising $d/data"
      rm -rf "$d/data"
      mariadb-install-db --no-defaults "${as_root[@]}" --datadir="$d/data" \
        --auth-root-authentication-method=normal --skip-test-db >"$d/install.log" 2>&1 ||
        { cat "$d/install.log" >&2; die "mariadb-install-db failed for node $n"; }
    fi
  done
  start_node 1
  # DDL and account statements replicate to the joiners (and their state transfer copies them).
  sql 1 <<SQL
DROP USER IF EXISTS ''@'localhost';
DROP USER IF EXISTS ''@'$(hostname)';
CREATE USER IF NOT EXISTS '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD';
ALTER USER '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$USER_NAME'@'%' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`$DATABASE\`;
SQL
  start_node 2
  start_node 3
  local size
  size="$(wsrep_status 1 wsrep_cluster_size)"
  [[ "$size" == 3 ]] || die "the cluster has $size nodes, not 3; see $DIR/node*/error.log"
  for n in "${NODES[@]}"; do
    mariadb-admin --no-defaults -h127.0.0.1 -P"$(port_of "$n" 1)" -u"$USER_NAME" -p"$USER_PASSWORD" ping >/dev/null 2>&1 ||
      die "node $n runs but '$USER_NAME' cannot log in over TCP; see $(node_dir "$n")/error.log"
  done
  say "ready: 3 nodes in $(($(date +%s) - began)) s (data in $DIR; stop with scripts/db/galera.sh stop)"
  urls
}

stop_node() {
  local n="$1" pid i
  pid="$(running_pid "$n")" || return 0
  say "stopping node $n (pid $pid)"
  kill -TERM "$pid"
  for i in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(node_dir "$n")/mariadb.pid"; return; }
    sleep 0.1
  done
  say "node $n still running after 60 s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(node_dir "$n")/mariadb.pid"
}

# Joiners first, node 1 last: it then holds the newest state and may bootstrap next time.
stop_nodes() {
  stop_node 3
  stop_node 2
  stop_node 1
}

stop() {
  all_running || running_pid 1 >/dev/null || running_pid 2 >/dev/null || running_pid 3 >/dev/null ||
    { say "not running"; return; }
  stop_nodes
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    all_running || die "not running; start it with scripts/db/galera.sh start"
    urls
    ;;
  status)
    if all_running; then
      say "running: 3 nodes, cluster size $(wsrep_status 1 wsrep_cluster_size), at $(urls | sed 's/:[^:@/]*@/:***@/g')"
    else
      say "not running"
      exit 1
    fi
    ;;
  destroy)
    stop
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: scripts/db/galera.sh start|stop|url|status|destroy" >&2
    exit 2
    ;;
esac
