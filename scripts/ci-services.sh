#!/usr/bin/env bash
# Starts the servers the Redis and PostgreSQL store tests run against, installing them when missing:
#   Redis      127.0.0.1:6379  (no persistence)
#   PostgreSQL 127.0.0.1:5432  role rcs, password rcs, database rcs_test
# Tests read REDIS_URL / DATABASE_URL and default to exactly these. Idempotent and non-interactive;
# needs root (apt-get, and `su postgres`). Exports nothing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

REDIS_PORT=6379
PG_PORT=5432
PG_ROLE=rcs
PG_PASSWORD=rcs
PG_DATABASE=rcs_test

log() { printf 'ci-services: %s\n' "$*"; }

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

# --- install -------------------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  missing+=(postgresql)
fi
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Redis ---------------------------------------------------------------------------------------
if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  log "redis already up on 127.0.0.1:$REDIS_PORT"
else
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
    --dir /tmp --logfile /tmp/rcs-ci-redis.log --pidfile /tmp/rcs-ci-redis.pid
  wait_for redis sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
fi

# --- PostgreSQL ----------------------------------------------------------------------------------
# The Debian cluster listening on $PG_PORT (created with the package; created here when absent).
cluster=$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port && !found { print $1 " " $2; found = 1 }')
if [ -z "$cluster" ]; then
  version=$(basename "$(compgen -G '/usr/lib/postgresql/*' | sort -V | tail -n 1)")
  log "creating cluster $version/main on port $PG_PORT"
  pg_createcluster --port "$PG_PORT" "$version" main >/dev/null
  cluster="$version main"
fi
read -r pg_version pg_name <<<"$cluster"
if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
  log "postgresql already up on 127.0.0.1:$PG_PORT"
else
  log "starting postgresql $pg_version/$pg_name on 127.0.0.1:$PG_PORT"
  pg_ctlcluster "$pg_version" "$pg_name" start
  wait_for postgresql pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
fi

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -p $PG_PORT $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"")" != 1 ]; then
  log "creating role $PG_ROLE"
  psql_admin "-c \"CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'\"")" != 1 ]; then
  log "creating database $PG_DATABASE"
  psql_admin "-c \"CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE\""
fi
wait_for 'postgresql login' env PGPASSWORD="$PG_PASSWORD" \
  psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" -c 'SELECT 1'
log "ready: redis 127.0.0.1:$REDIS_PORT, postgresql 127.0.0.1:$PG_PORT/$PG_DATABASE"
