#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# Local PostgreSQL + RabbitMQ for development (`up`) and tests (`test`),
# started by hand: no Docker, no systemd.
#
#   deploy/infra.sh start   <up|test|bench|broker>  start both servers, wait until they answer, create databases
#   deploy/infra.sh stop    <up|test|bench|broker>  stop both servers and the profile's epmd
#   deploy/infra.sh status  <up|test|bench|broker>  one line per server; exit 0 only if both are ready
#   deploy/infra.sh env     <up|test|bench|broker>  `export NAME=value` lines, for: eval "$(deploy/infra.sh env test)"
#   deploy/infra.sh destroy <up|test|bench|broker>  stop, then delete the profile's data
#
# Profiles: `up` keeps its data across stop/start; `test` and `bench` are
# throw-away (wiped on start); `broker` is a RabbitMQ alone that keeps its data
# across stop/start (destroy it to start over), for tests that restart a broker
# without disturbing the shared test one.
# Data lives in $PLATFORM_DATA_DIR/<profile>/{postgres,rabbitmq,logs,run}
# (default data dir: <repo>/.data). Credentials come from deploy/dev.env
# (development-only). Everything listens on 127.0.0.1 only.
set -euo pipefail
umask 022

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(dirname "$SCRIPT_DIR")
# shellcheck source=dev.env
. "$SCRIPT_DIR/dev.env"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
is_root() { [[ $EUID -eq 0 ]]; }

usage() {
  echo "usage:" >&2
  sed -n '7,11s/^#//p' "$SCRIPT_DIR/${BASH_SOURCE[0]##*/}" >&2
  exit 2
}

# Print the last lines of each log so a failure can be diagnosed without digging.
fail_with_logs() {
  local msg=$1 f
  shift
  log "error: $msg"
  for f in "$@"; do
    [[ -s $f ]] || continue
    log "---- last lines of $f ----"
    tail -n 30 "$f" >&2
  done
  exit 1
}

# ---------------------------------------------------------------------------
# Profile: ports, paths, and how to run commands as the service users
# ---------------------------------------------------------------------------

load_profile() {
  PROFILE=$1
  case $PROFILE in
    up) PG_PORT=55432 AMQP_PORT=55672 MGMT_PORT=55673 DIST_PORT=55674 EPMD_PORT=55675 PG_MAX_CONN=200 ;;
    test) PG_PORT=56432 AMQP_PORT=56672 MGMT_PORT=56673 DIST_PORT=56674 EPMD_PORT=56675 PG_MAX_CONN=300 ;;
    # Benchmarks: their own servers, so a run never competes with (or touches) `up` or `test`.
    bench) PG_PORT=57432 AMQP_PORT=57672 MGMT_PORT=57673 DIST_PORT=57674 EPMD_PORT=57675 PG_MAX_CONN=300 ;;
    # A broker alone, for tests that stop and restart it without disturbing the shared test broker.
    broker) PG_PORT=58432 AMQP_PORT=58672 MGMT_PORT=58673 DIST_PORT=58674 EPMD_PORT=58675 PG_MAX_CONN=0 ;;
    *) usage ;;
  esac
  # A second checkout on the same machine sets PLATFORM_PORT_OFFSET (e.g. 1000) so its servers
  # and broker node never collide with, or get stopped by, the first one's.
  local offset=${PLATFORM_PORT_OFFSET:-0}
  [[ $offset =~ ^[0-9]+$ ]] || die "PLATFORM_PORT_OFFSET must be a number"
  PG_PORT=$((PG_PORT + offset)) AMQP_PORT=$((AMQP_PORT + offset)) MGMT_PORT=$((MGMT_PORT + offset))
  DIST_PORT=$((DIST_PORT + offset)) EPMD_PORT=$((EPMD_PORT + offset))
  # Everything but `up` is throw-away: fast and unsafe settings allowed, deleted by `destroy`.
  THROWAWAY=true
  [[ $PROFILE == up ]] && THROWAWAY=false
  # `test` and `bench` also start from nothing every time. `broker` keeps its data across
  # stop/start, because restarting a broker with its queues is exactly what its tests are about.
  WIPE_ON_START=$THROWAWAY
  [[ $PROFILE == broker ]] && WIPE_ON_START=false
  WITH_PG=true
  [[ $PROFILE == broker ]] && WITH_PG=false
  NODE="platform-$PROFILE${offset/#0/}@localhost"
  # Absolute before we `cd /`, so a relative PLATFORM_DATA_DIR still works.
  DATA_ROOT=$(readlink -m -- "${PLATFORM_DATA_DIR:-$REPO_DIR/.data}")
  PROFILE_DIR=$DATA_ROOT/$PROFILE
  # Used only when the service users cannot traverse DATA_ROOT (see prepare_layout).
  FALLBACK_DIR=/var/lib/platform/$(printf '%s' "$DATA_ROOT" | sha256sum | cut -c1-12)/$PROFILE
  resolve_dirs
}

# Servers get real paths: they may not be able to follow a path through an
# untraversable directory even when a symlink points somewhere they can reach.
resolve_dirs() {
  PG_DATA=$(readlink -m -- "$PROFILE_DIR/postgres")
  RMQ_DIR=$(readlink -m -- "$PROFILE_DIR/rabbitmq")
  LOG_DIR=$(readlink -m -- "$PROFILE_DIR/logs")
  RUN_DIR=$(readlink -m -- "$PROFILE_DIR/run")
  PG_LOG=$LOG_DIR/postgres.log
  RMQ_LOG_DIR=$LOG_DIR/rabbitmq
  RMQ_OUT=$LOG_DIR/rabbitmq-server.out
  RMQ_PID_FILE=$RUN_DIR/rabbitmq.pid
  set_runners
}

# PostgreSQL refuses to run as root and the Debian RabbitMQ scripts expect the
# `rabbitmq` user, so as root we drop to those users; otherwise run as ourselves.
# The RabbitMQ environment is passed with `env` because runuser resets some of it.
# PLATFORM_INFRA_NODE is a marker: every process started for this profile's
# broker (wrapper, beam, epmd, CLI) inherits it, which is how `stop` finds
# exactly this profile's processes and never another profile's.
set_runners() {
  local ip_only='-kernel inet_dist_use_interface {127,0,0,1}'
  RMQ_ENV=(
    PLATFORM_INFRA_NODE="$NODE"
    RABBITMQ_NODENAME="$NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$AMQP_PORT"
    RABBITMQ_DIST_PORT="$DIST_PORT"
    ERL_EPMD_PORT="$EPMD_PORT"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
    RABBITMQ_LOG_BASE="$RMQ_LOG_DIR"
    RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
    RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
    RABBITMQ_PID_FILE="$RMQ_PID_FILE"
    # Erlang distribution binds 0.0.0.0 unless told otherwise (server and CLI).
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$ip_only"
    RABBITMQ_CTL_ERL_ARGS="$ip_only"
  )
  AS_PG=() AS_RMQ=()
  if is_root; then
    AS_PG=(runuser -u postgres --)
    AS_RMQ=(runuser -u rabbitmq --)
  fi
  AS_RMQ+=(env "${RMQ_ENV[@]}")
}

find_pg_bin() {
  local d
  for d in "${PLATFORM_PG_BIN:-}" /usr/lib/postgresql/15/bin; do
    [[ -n $d && -x $d/pg_ctl ]] && { PG_BIN=$d; return 0; }
  done
  d=$(command -v pg_ctl) || die "PostgreSQL server binaries not found (sudo apt-get install -y postgresql-15)"
  PG_BIN=$(dirname "$(readlink -f "$d")")
}

find_rmq_bin() {
  local d
  if [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    # Debian: call the real scripts, not the /usr/sbin wrappers, which cd to
    # /var/lib/rabbitmq and send the server's output to /var/log/rabbitmq.
    RMQ_BIN=/usr/lib/rabbitmq/bin
  elif d=$(command -v rabbitmq-server); then
    RMQ_BIN=$(dirname "$d")
  else
    return 1
  fi
}

# ---------------------------------------------------------------------------
# Data directories
# ---------------------------------------------------------------------------

can_traverse() { runuser -u "$1" -- test -x "$2" 2>/dev/null; }

# True when root and a service user cannot reach the profile dir (e.g. the repo
# is under /root, mode 0700).
needs_fallback() {
  is_root || return 1
  ! can_traverse postgres "$PROFILE_DIR" && return 0
  id rabbitmq >/dev/null 2>&1 && ! can_traverse rabbitmq "$PROFILE_DIR"
}

# Create <profile>/{postgres,rabbitmq,logs,run}. If the service users cannot
# reach them, the real directories go under /var/lib/platform/<hash of the
# data root>/<profile>/ and <profile>/<dir> becomes a symlink to each one.
prepare_layout() {
  local base=$PROFILE_DIR sub
  mkdir -p "$PROFILE_DIR"
  if [[ ! -e $PROFILE_DIR/postgres ]] && needs_fallback; then
    base=$FALLBACK_DIR
    log "note: postgres/rabbitmq users cannot reach $PROFILE_DIR; data goes to $base (symlinked)"
  fi
  for sub in postgres rabbitmq logs run; do
    [[ -e $PROFILE_DIR/$sub ]] && continue
    mkdir -p "$base/$sub"
    [[ $base == "$PROFILE_DIR" ]] || ln -sfn "$base/$sub" "$PROFILE_DIR/$sub"
  done
  resolve_dirs
  mkdir -p "$RMQ_LOG_DIR"
  touch "$PG_LOG"
}

# As root, each server needs to own what it writes. The run dir holds the
# postgres socket and the rabbitmq pid file, so both users may write there.
fix_ownership() {
  is_root || return 0
  id postgres >/dev/null 2>&1 || die "OS user 'postgres' is missing (it comes with the postgresql package)"
  chown postgres:postgres "$PG_DATA" "$PG_LOG"
  chmod 700 "$PG_DATA"
  chown -R rabbitmq:rabbitmq "$RMQ_DIR" "$RMQ_LOG_DIR"
  chown postgres:rabbitmq "$RUN_DIR"
  chmod 775 "$RUN_DIR"
}

# Delete the profile's data, including fallback targets of its symlinks.
wipe_data() {
  local sub target
  for sub in postgres rabbitmq logs run; do
    [[ -L $PROFILE_DIR/$sub ]] || continue
    target=$(readlink -f -- "$PROFILE_DIR/$sub") && rm -rf -- "${target:?}"
  done
  rm -rf -- "${PROFILE_DIR:?}" "${FALLBACK_DIR:?}"
  rmdir -- "$(dirname "$FALLBACK_DIR")" /var/lib/platform 2>/dev/null || true
  resolve_dirs
}

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Pids of processes that carry this profile's broker marker (see set_runners).
rmq_marked_pids() {
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}
    pid=${pid%/environ}
    grep -qzxF "PLATFORM_INFRA_NODE=$NODE" "$f" 2>/dev/null && echo "$pid"
  done
  return 0
}

# The broker itself (wrapper scripts + beam), i.e. marked processes except epmd.
rmq_node_pids() {
  local pid
  for pid in $(rmq_marked_pids); do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == epmd ]] || echo "$pid"
  done
}

alive() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

# Signal pids, then wait up to $2 seconds for them to exit.
signal_and_wait() {
  local sig=$1 secs=$2 i
  shift 2
  [[ $# -gt 0 ]] || return 0
  kill "-$sig" "$@" 2>/dev/null || true
  for ((i = 0; i < secs * 5; i++)); do
    alive "$@" || return 0
    sleep 0.2
  done
  return 1
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

# Prints the postmaster pid if *our* postmaster is alive. Checking the command
# line (not just kill -0) copes with a stale postmaster.pid whose pid was
# reused after a crash or reboot.
pg_pid() {
  local pid
  [[ -r $PG_DATA/postmaster.pid ]] || return 1
  read -r pid <"$PG_DATA/postmaster.pid" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$PG_DATA" || return 1
  echo "$pid"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }

# Leftovers of a crash: postgres itself would refuse to start if the pid in
# them now belongs to an unrelated process.
pg_clear_stale() {
  rm -f -- "$PG_DATA/postmaster.pid" "$RUN_DIR/.s.PGSQL.$PG_PORT" "$RUN_DIR/.s.PGSQL.$PG_PORT.lock"
}

pg_locale_arg() {
  if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then echo --locale=C.UTF-8; else echo --no-locale; fi
}

pg_init() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  local pwfile=$RUN_DIR/.initdb-pw extra=()
  $THROWAWAY && extra+=(--no-sync)
  log "postgres: initialising cluster in $PG_DATA"
  (umask 077 && printf '%s\n' "$PLATFORM_PG_PASSWORD" >"$pwfile")
  if is_root; then chown postgres "$pwfile"; fi
  if ! "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U "$PLATFORM_PG_SUPERUSER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 "$(pg_locale_arg)" "${extra[@]}" >>"$PG_LOG" 2>&1; then
    rm -f -- "$pwfile"
    fail_with_logs "postgres: initdb failed" "$PG_LOG"
  fi
  rm -f -- "$pwfile"
  # Our settings live in platform.conf, rewritten on every start.
  echo "include_if_exists = 'platform.conf'" >>"$PG_DATA/postgresql.conf"
}

pg_write_conf() {
  {
    echo "# Generated by deploy/infra.sh on every start; edits are overwritten."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PG_PORT"
    echo "unix_socket_directories = '$RUN_DIR'"
    echo "max_connections = $PG_MAX_CONN"
    if $THROWAWAY; then
      # Throw-away data: durability buys nothing and costs test time.
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
    if [[ ${PLATFORM_PG_STATEMENTS:-} == 1 ]]; then
      # Profiling: per-statement counts and times in pg_stat_statements (create extension pg_stat_statements).
      echo "shared_preload_libraries = 'pg_stat_statements'"
      echo "pg_stat_statements.track = all"
      echo "pg_stat_statements.track_planning = on"
    fi
  } >"$PG_DATA/platform.conf"
  if is_root; then chown postgres:postgres "$PG_DATA/platform.conf"; fi
}

pg_start() {
  if pg_pid >/dev/null; then
    log "postgres: already running on 127.0.0.1:$PG_PORT"
  else
    pg_clear_stale
    pg_init
    pg_write_conf
    ! tcp_open "$PG_PORT" || die "postgres: 127.0.0.1:$PG_PORT is in use by another process"
    log "postgres: starting on 127.0.0.1:$PG_PORT"
    local out
    out=$("${AS_PG[@]}" "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 2>&1) ||
      fail_with_logs "postgres: pg_ctl start failed: $out" "$PG_LOG"
  fi
  pg_wait_ready
  [[ $PROFILE == up ]] && pg_create_databases
  return 0
}

pg_wait_ready() {
  local i
  for ((i = 0; i < 60; i++)); do
    pg_ready && return 0
    sleep 0.5
  done
  fail_with_logs "postgres: not answering on 127.0.0.1:$PG_PORT after 30 s" "$PG_LOG"
}

pg_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN_DIR" -p "$PG_PORT" -U "$PLATFORM_PG_SUPERUSER" -d postgres "$@"
}

pg_create_databases() {
  local db missing
  # Unix socket + trust: no password needed for local administration.
  missing=$(pg_psql -At -c "SELECT d FROM unnest(string_to_array('$PLATFORM_UP_DATABASES', ' ')) AS d
                            WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)")
  for db in $missing; do
    log "postgres: creating database $db"
    pg_psql -c "CREATE DATABASE \"$db\""
  done
}

pg_stop() {
  local pid
  if ! pid=$(pg_pid); then
    pg_clear_stale
    log "postgres: not running"
    return 0
  fi
  log "postgres: stopping"
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 30 >/dev/null 2>&1 ||
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 10 >/dev/null 2>&1 ||
    signal_and_wait KILL 5 "$pid" || die "postgres: pid $pid would not stop"
  pg_clear_stale
}

pg_status() {
  local state=stopped
  if pg_pid >/dev/null; then
    state=starting
    pg_ready && state=ready
  fi
  printf '%-10s %-7s %s\n' postgres "$state" "postgresql://127.0.0.1:$PG_PORT"
  [[ $state == ready ]]
}

# ---------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------

# Installing the Debian package may try to start a system-wide broker on the
# default ports (0.0.0.0:5672). A temporary policy-rc.d stops that.
ensure_rabbitmq() {
  find_rmq_bin && return 0
  is_root || die "rabbitmq-server is not installed; run: sudo apt-get install -y rabbitmq-server"
  local apt_log=$LOG_DIR/apt.log rc=0
  log "rabbitmq: installing rabbitmq-server with apt (log: $apt_log)"
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server; } >>"$apt_log" 2>&1 || rc=$?
  [[ $rc -eq 0 ]] || fail_with_logs "rabbitmq: apt-get install rabbitmq-server failed" "$apt_log"
  find_rmq_bin || die "rabbitmq: installed, but rabbitmq-server is still not found"
}

rmq_answers() {
  tcp_open "$AMQP_PORT" &&
    curl -sf -m 3 -o /dev/null -u "$PLATFORM_RABBITMQ_USER:$PLATFORM_RABBITMQ_PASSWORD" \
      "http://127.0.0.1:$MGMT_PORT/api/overview"
}

rmq_write_conf() {
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Generated by deploy/infra.sh on every start; edits are overwritten.
# AMQP listens on 127.0.0.1:$AMQP_PORT (RABBITMQ_NODE_IP_ADDRESS/RABBITMQ_NODE_PORT).
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
# DEVELOPMENT-ONLY account from deploy/dev.env, created with a fresh node's data.
# guest/guest is RabbitMQ's default and is only accepted over loopback.
default_user = $PLATFORM_RABBITMQ_USER
default_pass = $PLATFORM_RABBITMQ_PASSWORD
# Node log goes to logs/rabbitmq/<node>.log only, not duplicated on stdout.
log.console = false
EOF
  echo '[rabbitmq_management].' >"$RMQ_DIR/enabled_plugins"
  chmod 600 "$RMQ_DIR/rabbitmq.conf"
  if is_root; then chown rabbitmq:rabbitmq "$RMQ_DIR/rabbitmq.conf" "$RMQ_DIR/enabled_plugins"; fi
}

# Node and CLI must share a cookie. As root, the Debian `rabbitmqctl` wrapper
# runs `su rabbitmq`, which sets HOME to the rabbitmq user's home, so the node
# deliberately uses that same $HOME/.erlang.cookie (runuser sets the same HOME).
# Creating it up front also avoids two nodes racing to create it.
ensure_cookie() {
  local home cookie
  if is_root; then home=$(getent passwd rabbitmq | cut -d: -f6); else home=$HOME; fi
  [[ -s $home/.erlang.cookie ]] && return 0
  log "rabbitmq: creating Erlang cookie $home/.erlang.cookie"
  cookie=$(head -c 32 /dev/urandom | sha256sum | cut -c1-20)
  (umask 077 && printf '%s' "$cookie" >"$home/.erlang.cookie")
  chmod 400 "$home/.erlang.cookie"
  if is_root; then chown rabbitmq:rabbitmq "$home/.erlang.cookie"; fi
}

# Our own epmd on the profile's port, loopback only, so `stop` can kill it
# without touching another profile's (or the system's) epmd.
rmq_start_epmd() {
  tcp_open "$EPMD_PORT" && return 0
  "${AS_RMQ[@]}" epmd -daemon -port "$EPMD_PORT" -address 127.0.0.1 >>"$RMQ_OUT" 2>&1
}

# Launch the broker in the background (own session, output to the log) and
# return at once; rmq_wait_ready waits for it. PostgreSQL starts meanwhile.
rmq_launch() {
  if [[ -n $(rmq_node_pids) ]]; then
    log "rabbitmq: already running as $NODE"
    return 0
  fi
  rm -f -- "$RMQ_PID_FILE" # stale after a crash or reboot
  local port
  for port in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
    ! tcp_open "$port" || die "rabbitmq: 127.0.0.1:$port is in use by another process"
  done
  rmq_write_conf
  ensure_cookie
  rmq_start_epmd
  log "rabbitmq: starting $NODE on 127.0.0.1:$AMQP_PORT (management $MGMT_PORT)"
  (cd "$RMQ_DIR" && exec setsid "${AS_RMQ[@]}" "$RMQ_BIN/rabbitmq-server") >>"$RMQ_OUT" 2>&1 </dev/null &
}

rmq_wait_ready() {
  local deadline=$((SECONDS + 90)) grace=$((SECONDS + 3))
  until rmq_answers; do
    # The grace period covers the moment between launch and the node's process appearing.
    [[ -n $(rmq_node_pids) ]] || ((SECONDS < grace)) ||
      fail_with_logs "rabbitmq: $NODE exited during start" "$RMQ_OUT" "$RMQ_LOG_DIR/$NODE.log"
    ((SECONDS < deadline)) ||
      fail_with_logs "rabbitmq: not ready after 90 s" "$RMQ_OUT" "$RMQ_LOG_DIR/$NODE.log"
    sleep 0.5
  done
}

rmq_stop() {
  local pids
  pids=$(rmq_node_pids)
  if [[ -n $pids ]]; then
    log "rabbitmq: stopping $NODE"
    find_rmq_bin || die "rabbitmq: broker is running but rabbitmqctl is not installed"
    timeout 60 "${AS_RMQ[@]}" "$RMQ_BIN/rabbitmqctl" -n "$NODE" shutdown >>"$RMQ_OUT" 2>&1 ||
      log "rabbitmq: rabbitmqctl shutdown failed; terminating the process"
    # shellcheck disable=SC2046 # word splitting of pid lists is intended
    signal_and_wait TERM 15 $(rmq_node_pids) || signal_and_wait KILL 5 $(rmq_node_pids) || true
  else
    log "rabbitmq: not running"
  fi
  rmq_stop_epmd
  rm -f -- "$RMQ_PID_FILE"
  [[ -z $(rmq_marked_pids) ]] || die "rabbitmq: processes of $NODE still running: $(rmq_marked_pids | xargs)"
  local port
  for port in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT" "$EPMD_PORT"; do
    ! tcp_open "$port" || die "rabbitmq: something still listens on 127.0.0.1:$port"
  done
}

rmq_stop_epmd() {
  if tcp_open "$EPMD_PORT"; then
    log "rabbitmq: stopping epmd on 127.0.0.1:$EPMD_PORT"
    epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
  fi
  # Anything of this profile still around (e.g. an epmd that refused -kill).
  # shellcheck disable=SC2046
  signal_and_wait TERM 5 $(rmq_marked_pids) || signal_and_wait KILL 5 $(rmq_marked_pids) || true
}

rmq_status() {
  local state=stopped
  if [[ -n $(rmq_node_pids) ]]; then
    state=starting
    rmq_answers && state=ready
  fi
  printf '%-10s %-7s %s\n' rabbitmq "$state" \
    "amqp://127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT)"
  [[ $state == ready ]]
}

# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

anything_running() { { $WITH_PG && pg_pid >/dev/null; } || [[ -n $(rmq_node_pids) ]]; }

cmd_start() {
  find_pg_bin
  if $WIPE_ON_START && [[ -e $PROFILE_DIR ]] && ! anything_running; then
    log "$PROFILE: wiping old data in $PROFILE_DIR"
    wipe_data
  fi
  prepare_layout
  ensure_rabbitmq
  fix_ownership
  rmq_launch
  if $WITH_PG; then pg_start; fi
  rmq_wait_ready
  log "$PROFILE: $($WITH_PG && echo "postgres and ")rabbitmq ready (${SECONDS}s)"
}

cmd_stop() {
  find_pg_bin
  rmq_stop
  if $WITH_PG; then pg_stop; fi
}

cmd_status() {
  find_pg_bin
  local rc=0
  if $WITH_PG; then pg_status || rc=1; fi
  rmq_status || rc=1
  return "$rc"
}

cmd_env() {
  cat <<EOF
export PLATFORM_PG_HOST=127.0.0.1
export PLATFORM_PG_PORT=$PG_PORT
export PLATFORM_PG_ADMIN="Host=127.0.0.1;Port=$PG_PORT;Username=$PLATFORM_PG_SUPERUSER;Password=$PLATFORM_PG_PASSWORD"
export PLATFORM_RABBITMQ_AMQP="amqp://$PLATFORM_RABBITMQ_USER:$PLATFORM_RABBITMQ_PASSWORD@127.0.0.1:$AMQP_PORT"
export PLATFORM_RABBITMQ_MANAGEMENT="http://127.0.0.1:$MGMT_PORT"
export PLATFORM_RABBITMQ_USER=$PLATFORM_RABBITMQ_USER
export PLATFORM_RABBITMQ_PASSWORD=$PLATFORM_RABBITMQ_PASSWORD
EOF
}

cmd_destroy() {
  cmd_stop
  log "$PROFILE: deleting $PROFILE_DIR"
  wipe_data
}

main() {
  [[ $# -eq 2 ]] || usage
  load_profile "$2"
  # Service users may not be able to enter the caller's working directory.
  cd /
  case $1 in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    destroy) cmd_destroy ;;
    *) usage ;;
  esac
}

main "$@"
