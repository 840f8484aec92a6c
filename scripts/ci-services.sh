#!/usr/bin/env bash
# Makes sure the servers the Redis and PostgreSQL store tests run against are there, and records where they are:
#   Redis       REDIS_URL      default redis://127.0.0.1:6379
#   PostgreSQL  DATABASE_URL   default postgres://rcs:rcs@127.0.0.1:5432/rcs_test (role rcs, password rcs)
# A server that already answers (for PostgreSQL: lets the role use the database) is used as it is. If the role or
# database is missing, they are created when an administrator login is available. Otherwise:
#   as root:          installs the Debian packages when missing (apt-get) and starts the system servers on the
#                     URL's port (loopback only), creating the role and database as the postgres user;
#   as anyone else:   starts private servers as the current user on free 127.0.0.1 ports, with their files in
#                     RCS_SERVICES_DIR (default ${TMPDIR:-/tmp}/rcs-webhooks-services-<uid>), from the installed
#                     redis-server and /usr/lib/postgresql/<version>/bin (Debian packages redis-server, postgresql).
# The URLs in use are written to RCS_SERVICES_FILE (default node_modules/.cache/rcs-webhooks/services.env); the
# tests, the load test and the benchmarks read it when REDIS_URL / DATABASE_URL are unset (scripts/service-urls.ts).
# Idempotent and non-interactive; needs node and `npm ci` (it probes with the pg client the tests use).
#   bash scripts/ci-services.sh --stop   stops this user's private servers (never system ones) and forgets them.
# shellcheck disable=SC2154 # r_* and p_* are set by parse_url (printf -v)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

me=$(id -un)
is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true
state=${RCS_SERVICES_DIR:-${TMPDIR:-/tmp}/rcs-webhooks-services-$(id -u)}
urls_file=${RCS_SERVICES_FILE:-$PWD/node_modules/.cache/rcs-webhooks/services.env}
# The defaults of scripts/service-urls.ts.
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
database_url=${DATABASE_URL:-postgres://rcs:rcs@127.0.0.1:5432/rcs_test}

log() { printf 'ci-services: %s\n' "$*"; }
fail() {
  log "$*" >&2
  exit 1
}
probe() { node scripts/service-probe.mjs "$@"; } # prints a reason, never a URL; exit status: see that file

wait_for() { # description, command...
  local what=$1
  shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$what did not become ready" >&2
  return 1
}

parse_url() { # prefix url: sets <prefix>host, port, user, password, database
  local out fields i names=(host port user password database)
  out=$(probe parts "$2") || fail "not a server URL (${3}): $out"
  mapfile -t fields <<<"$out"
  for i in "${!names[@]}"; do printf -v "$1${names[$i]}" '%s' "${fields[$i]:-}"; done
}

is_loopback() { case $1 in 127.* | localhost | ::1) return 0 ;; *) return 1 ;; esac }

own_dir() { # the private state directory (and a subdirectory), refusing one this user does not own
  if [ -L "$state" ] || { [ -e "$state" ] && [ ! -O "$state" ]; }; then
    fail "$state is not a directory owned by $me: remove it or set RCS_SERVICES_DIR"
  fi
  mkdir -p "$state/$1"
  chmod 700 "$state" "$state/$1"
}

packages_checked=false
install_missing_packages() { # root only: what the system servers need, as on a fresh Debian machine
  $packages_checked && return 0
  packages_checked=true
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    missing+=(postgresql)
  fi
  if ((${#missing[@]} > 0)); then
    log "installing ${missing[*]} (apt-get)"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# --- --stop --------------------------------------------------------------------------------------
if [ "${1:-}" = --stop ]; then
  if [ ! -e "$state" ]; then
    log "no private servers of $me to stop ($state does not exist)"
  else
    own_dir .
    pidfile=$state/redis/redis.pid
    if [ -f "$pidfile" ] && pid=$(cat "$pidfile") && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ]; then
      log "stopping the private redis-server (pid $pid)"
      kill "$pid"
    fi
    data=$state/postgres/data
    if [ -f "$data/PG_VERSION" ]; then
      bin=/usr/lib/postgresql/$(cat "$data/PG_VERSION")/bin
      if "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
        log "stopping the private PostgreSQL cluster ($data)"
        "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
      fi
    fi
    rm -rf "$state"
    log "removed $state"
  fi
  rm -f "$urls_file"
  exit 0
fi

# --- Redis ---------------------------------------------------------------------------------------
start_private_redis() {
  local dir=$state/redis conf=$state/redis/redis.conf pass port
  if [ -f "$conf" ]; then
    port=$(awk '$1 == "port" { print $2 }' "$conf")
    pass=$(awk '$1 == "requirepass" { print $2 }' "$conf")
    if probe redis "redis://:$pass@127.0.0.1:$port" >/dev/null; then
      log "redis: using the private redis-server an earlier run started as $me on 127.0.0.1:$port ($dir)"
      redis_url="redis://:$pass@127.0.0.1:$port"
      return
    fi
  fi
  command -v redis-server >/dev/null 2>&1 ||
    fail "redis: redis-server is not installed, so no private one can be started: install it (Debian package redis-server) or set REDIS_URL to a server that answers"
  own_dir redis
  pass=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  port=$(probe free-port)
  # A password, because any local user can reach a loopback port; it stays in this 0700 directory.
  (umask 077 && printf '%s\n' 'bind 127.0.0.1' "port $port" "requirepass $pass" 'daemonize yes' "save ''" \
    'appendonly no' "dir $dir" "logfile $dir/redis.log" "pidfile $dir/redis.pid" >"$conf")
  log "redis: starting a private redis-server as $me on 127.0.0.1:$port (files and password in $dir)"
  redis-server "$conf"
  wait_for 'private redis' probe redis "redis://:$pass@127.0.0.1:$port" ||
    fail "redis: the private redis-server did not answer; see $dir/redis.log"
  redis_url="redis://:$pass@127.0.0.1:$port"
}

parse_url r_ "$redis_url" REDIS_URL
status=0
reason=$(probe redis "$redis_url") || status=$?
if [ "$status" -eq 0 ]; then
  log "redis: $r_host:$r_port answers PING: using it"
elif $is_root; then
  [ "$status" -eq 2 ] || fail "redis: $r_host:$r_port is up but does not answer PING ($reason): fix REDIS_URL or that server"
  is_loopback "$r_host" || fail "redis: nothing answers at $r_host:$r_port ($reason); only loopback servers are started here"
  install_missing_packages
  log "redis: nothing answers at $r_host:$r_port; starting redis-server on 127.0.0.1:$r_port"
  suffix=''
  [ "$r_port" = 6379 ] || suffix=-$r_port
  redis-server --bind 127.0.0.1 --port "$r_port" --daemonize yes --save '' --appendonly no \
    --dir /tmp --logfile "/tmp/rcs-ci-redis$suffix.log" --pidfile "/tmp/rcs-ci-redis$suffix.pid"
  wait_for redis probe redis "$redis_url" || exit 1
else
  if [ "$status" -eq 2 ]; then
    log "redis: nothing answers at $r_host:$r_port ($reason)"
  else
    log "redis: $r_host:$r_port is up but does not answer PING ($reason)"
  fi
  start_private_redis
fi

# --- PostgreSQL ----------------------------------------------------------------------------------
parse_url p_ "$database_url" DATABASE_URL
admin=()
admin_as=''

psql_quote() { # a psql meta-command argument: backslashes and single quotes escaped
  local text=${1//\\/\\\\}
  printf "'%s'" "${text//\'/\'\'}"
}

admin_sql() { # SQL on stdin, with :'role', :"role", :'password', :"database" from DATABASE_URL (not on the command line)
  {
    printf '\\set %s %s\n' role "$(psql_quote "$p_user")" password "$(psql_quote "$p_password")" \
      database "$(psql_quote "$p_database")"
    cat
  } | "${admin[@]}" -X -w -qtA -v ON_ERROR_STOP=1
}

find_admin() { # an administrator login on the server DATABASE_URL names, if this user has one
  local psql_bin
  psql_bin=$(command -v psql || compgen -G '/usr/lib/postgresql/*/bin/psql' | sort -V | tail -n 1) || return 1
  is_loopback "$p_host" || return 1
  if $is_root; then
    admin=(runuser -u postgres -- "$psql_bin" -p "$p_port" -d postgres)
    admin_as='as postgres over the local socket'
    admin_sql <<<'SELECT 1' >/dev/null 2>&1 && return 0
    return 1
  fi
  admin=("$psql_bin" -p "$p_port" -d postgres)
  admin_as="as $me over the local socket"
  admin_sql <<<'SELECT 1' >/dev/null 2>&1 && return 0
  admin=("$psql_bin" -h "$p_host" -p "$p_port" -U postgres -d postgres)
  admin_as="as postgres over TCP without a password"
  admin_sql <<<'SELECT 1' >/dev/null 2>&1 && return 0
  return 1
}

create_role_and_database() { # with $admin; says what it creates, and fails if it cannot
  if [ "$(admin_sql <<<"SELECT count(*) FROM pg_roles WHERE rolname = :'role'")" = 0 ]; then
    log "postgresql: creating role $p_user ($admin_as)"
    admin_sql <<<"CREATE ROLE :\"role\" LOGIN PASSWORD :'password'" || return 1
  fi
  if [ "$(admin_sql <<<"SELECT count(*) FROM pg_database WHERE datname = :'database'")" = 0 ]; then
    log "postgresql: creating database $p_database owned by $p_user ($admin_as)"
    admin_sql <<<"CREATE DATABASE :\"database\" OWNER :\"role\"" || return 1
  fi
}

start_private_postgres() {
  local dir=$state/postgres data=$state/postgres/data bin port version
  if [ -f "$data/PG_VERSION" ]; then
    version=$(cat "$data/PG_VERSION")
  else
    version=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 | cut -d/ -f5) || version=none
  fi
  bin=/usr/lib/postgresql/$version/bin
  if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ] || [ ! -x "$bin/psql" ]; then
    fail "postgresql: no PostgreSQL server programs in /usr/lib/postgresql/<version>/bin, so no private cluster can be started: install them (Debian package postgresql) or set DATABASE_URL to a server that answers"
  fi
  own_dir postgres
  if [ -f "$data/PG_VERSION" ] && "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    port=$(sed -n 4p "$data/postmaster.pid")
    log "postgresql: using the private cluster an earlier run started as $me on 127.0.0.1:$port ($data)"
  else
    if [ ! -f "$data/PG_VERSION" ]; then
      log "postgresql: creating a private cluster as $me in $data (PostgreSQL $version)"
      rm -rf "$data"
      "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C --no-sync --auth=trust >"$dir/initdb.log" 2>&1 ||
        fail "postgresql: initdb failed; see $dir/initdb.log"
      # Trust only on the socket in this 0700 directory; over TCP (any local user can reach it) a password.
      printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 scram-sha-256' >"$data/pg_hba.conf"
      printf '%s\n' "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$dir'" \
        'fsync = off # a throwaway test cluster' >>"$data/postgresql.conf"
    fi
    port=$(probe free-port)
    log "postgresql: starting the private cluster as $me on 127.0.0.1:$port"
    "$bin/pg_ctl" start -D "$data" -l "$dir/postgresql.log" -w -t 30 -o "-p $port" >/dev/null ||
      fail "postgresql: the private cluster did not start; see $dir/postgresql.log"
  fi
  admin=("$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres)
  admin_as='as postgres over the private socket'
  create_role_and_database || fail "postgresql: could not create role $p_user or database $p_database in the private cluster"
  database_url=$(probe at "$database_url" "$port")
  wait_for 'private postgresql login' probe postgres "$database_url" || exit 1
}

status=0
reason=$(probe postgres "$database_url") || status=$?
if [ "$status" -eq 0 ]; then
  log "postgresql: $p_host:$p_port lets role $p_user use database $p_database: using it"
elif [ "$status" -eq 3 ]; then
  log "postgresql: $p_host:$p_port is up, but role $p_user cannot use database $p_database ($reason)"
  why=''
  if ! find_admin; then
    why="$me has no administrator login there"
  elif ! create_role_and_database; then
    why="creating them $admin_as failed"
  elif ! reason=$(probe postgres "$database_url"); then
    why="it still refuses ($reason)"
  fi
  if [ -z "$why" ]; then
    log "postgresql: role $p_user can now use database $p_database on $p_host:$p_port: using it"
  elif $is_root; then
    fail "postgresql: $why: create the role and database as an administrator, or set DATABASE_URL to ones that work"
  else
    log "postgresql: $why; using a private cluster instead"
    start_private_postgres
  fi
elif $is_root; then
  [ "$status" -eq 2 ] || fail "postgresql: $p_host:$p_port refused the connection ($reason): fix DATABASE_URL or that server"
  is_loopback "$p_host" || fail "postgresql: nothing answers at $p_host:$p_port ($reason); only loopback servers are started here"
  install_missing_packages
  # The Debian cluster on that port (created with the package; created here when absent).
  cluster=$(pg_lsclusters -h | awk -v port="$p_port" '$3 == port && !found { print $1 " " $2; found = 1 }')
  if [ -z "$cluster" ]; then
    version=$(basename "$(compgen -G '/usr/lib/postgresql/*' | sort -V | tail -n 1)")
    name=main
    [ "$p_port" = 5432 ] || name=rcs$p_port
    log "postgresql: creating cluster $version/$name on port $p_port"
    pg_createcluster --port "$p_port" "$version" "$name" >/dev/null
    cluster="$version $name"
  fi
  read -r pg_version pg_name <<<"$cluster"
  log "postgresql: nothing answers at $p_host:$p_port; starting cluster $pg_version/$pg_name on port $p_port"
  pg_ctlcluster "$pg_version" "$pg_name" start
  wait_for postgresql pg_isready -q -h 127.0.0.1 -p "$p_port" || exit 1
  find_admin || fail "postgresql: cannot log in as postgres over the local socket on port $p_port"
  create_role_and_database || fail "postgresql: could not create role $p_user or database $p_database"
  wait_for 'postgresql login' probe postgres "$database_url" || exit 1
else
  if [ "$status" -eq 2 ]; then
    log "postgresql: nothing answers at $p_host:$p_port ($reason)"
  else
    log "postgresql: $p_host:$p_port refused the connection ($reason)"
  fi
  start_private_postgres
fi

# --- where the tests find them -------------------------------------------------------------------
case $redis_url$database_url in
*\'*) fail "cannot record a URL that contains a single quote: percent-encode it (%27)" ;;
esac
mkdir -p "$(dirname "$urls_file")"
rm -f "$urls_file"
(umask 077 && printf "REDIS_URL='%s'\nDATABASE_URL='%s'\n" "$redis_url" "$database_url" >"$urls_file")
parse_url r_ "$redis_url" REDIS_URL
parse_url p_ "$database_url" DATABASE_URL
log "ready: redis $r_host:$r_port, postgresql $p_host:$p_port/$p_database; written to $urls_file"
log "the tests read that file when REDIS_URL / DATABASE_URL are unset (to load it in a shell: set -a; . $urls_file; set +a)"
for name in REDIS_URL DATABASE_URL; do
  current=$redis_url
  [ "$name" = DATABASE_URL ] && current=$database_url
  if [ -n "${!name:-}" ] && [ "${!name}" != "$current" ]; then
    log "note: $name is set in this environment to a server that is not the one above, and the tests prefer it: unset it or load the file" >&2
  fi
done
