#!/usr/bin/env bash
# Checks that scripts/ci-services.sh works without root (issue 14 item 10: it used to stop at
# `su: Authentication failure`). Run as root (CI), it runs the script as the unprivileged user `nobody`.
#   1. nothing answers at the URLs: it starts private servers as that user, and they answer;
#   2. the servers already answer: it uses them, creating and starting nothing;
#   3. --stop stops the private servers.
# Private files go to a temporary directory, removed at the end; the system servers are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$work"
  as_user=(runuser -u nobody --)
  if ! "${as_user[@]}" test -r scripts/service-probe.mjs -a -r node_modules/pg/package.json; then
    # A clone under a private directory (/root): run from a readable copy of what the script needs.
    copy=$work/repo
    mkdir -p "$copy/node_modules"
    cp -r scripts package.json "$copy/"
    node scripts/dependency-closure.mjs pg | while read -r name; do
      mkdir -p "$copy/node_modules/$(dirname "$name")"
      cp -r "node_modules/$name" "$copy/node_modules/$name"
    done
    chmod -R a+rX "$copy"
    echo "test-ci-services: $PWD is not readable by nobody: running from a copy in $copy"
    cd "$copy"
  fi
fi
export RCS_SERVICES_DIR=$work/state RCS_SERVICES_FILE=$work/services.env
run() { # env assignments, then ci-services.sh arguments: runs it as the test user, output in $out
  out=$("${as_user[@]}" env HOME="$work" TMPDIR="$work" RCS_SERVICES_DIR="$RCS_SERVICES_DIR" \
    RCS_SERVICES_FILE="$RCS_SERVICES_FILE" "$@" 2>&1) || { printf '%s\n' "$out"; fail "ci-services.sh failed"; }
  printf '%s\n' "$out" | sed 's/^/    /'
}
fail() {
  echo "test-ci-services: FAIL: $*" >&2
  exit 1
}
expect() { grep -qF -- "$1" <<<"$out" || fail "expected the output to say: $1"; }
refuse() { if grep -qF -- "$1" <<<"$out"; then fail "the output should not say: $1"; fi; }
cleanup() {
  "${as_user[@]}" env RCS_SERVICES_DIR="$RCS_SERVICES_DIR" RCS_SERVICES_FILE="$RCS_SERVICES_FILE" \
    bash scripts/ci-services.sh --stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
recorded() { sed -n "s/^$1='\(.*\)'\$/\1/p" "$RCS_SERVICES_FILE"; }
user=$("${as_user[@]}" id -un)

echo "test-ci-services: 1. nothing answers: private servers started as $user"
closed=$(node scripts/service-probe.mjs free-port)
run REDIS_URL="redis://127.0.0.1:$closed" DATABASE_URL="postgres://rcs:rcs@127.0.0.1:$closed/rcs_test" \
  bash scripts/ci-services.sh
expect "redis: starting a private redis-server as $user"
expect "postgresql: creating a private cluster as $user"
expect 'postgresql: creating role rcs (as postgres over the private socket)'
refuse 'su:'
redis_url=$(recorded REDIS_URL)
database_url=$(recorded DATABASE_URL)
node scripts/service-probe.mjs redis "$redis_url" >/dev/null || fail "the private Redis does not answer PING"
node scripts/service-probe.mjs postgres "$database_url" >/dev/null || fail "role rcs cannot use the private rcs_test"

echo "test-ci-services: 2. servers that answer are used as they are"
run REDIS_URL="$redis_url" DATABASE_URL="$database_url" bash scripts/ci-services.sh
expect 'answers PING: using it'
expect 'lets role rcs use database rcs_test: using it'
refuse 'creating'
refuse 'starting'
if [ "$(recorded REDIS_URL)" != "$redis_url" ] || [ "$(recorded DATABASE_URL)" != "$database_url" ]; then
  fail "the recorded URLs changed"
fi

echo "test-ci-services: 3. --stop"
run bash scripts/ci-services.sh --stop
expect 'stopping the private redis-server'
expect 'stopping the private PostgreSQL cluster'
if node scripts/service-probe.mjs redis "$redis_url" >/dev/null; then fail "the private Redis still answers"; fi
[ ! -e "$RCS_SERVICES_FILE" ] || fail "--stop left $RCS_SERVICES_FILE"
echo "test-ci-services: ok"
