#!/usr/bin/env bash
# Smoke-tests every example app with the command its README section documents: start it, send it a
# signed Infobip sample webhook, wait for the app to log the handled event, stop it.
# Usage: bash scripts/smoke-examples.sh [express|koa|fastify|hono|node|next ...]   (default: all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export NEXT_TELEMETRY_DISABLED=1
# The examples read their credentials from .env.example, the file the README's Examples section
# documents (a developer's own .env is not used here); nothing RCS_* may come from this shell.
for variable in $(compgen -e | grep '^RCS_' || true); do unset "$variable"; done
export RCS_ENV_FILE="$root/.env.example"

logs=$(mktemp -d)
lock="${TMPDIR:-/tmp}/rcs-webhooks-next-example.lock" # shared with test/adapters/next.test.ts
own_lock=false
server_pid=''
cleanup() {
  if [ -n "$server_pid" ]; then kill -- -"$server_pid" 2>/dev/null || true; fi
  if $own_lock; then rm -rf "$lock"; fi
  rm -rf "$logs"
}
trap cleanup EXIT

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

# Signs the sample with the credentials above and POSTs it to $SMOKE_URL, retrying while the server starts.
send_sample() {
  SMOKE_URL=$1 npx --no-install tsx --input-type=module --eval "
    import { readFileSync } from 'node:fs';
    import { signRequest } from 'rcs-webhooks/testing';
    process.loadEnvFile(process.env.RCS_ENV_FILE);
    const body = readFileSync('examples/samples/payloads/infobip/notes-delivery-report-full.json', 'utf8');
    const basic = { username: process.env.RCS_INFOBIP_USERNAME, password: process.env.RCS_INFOBIP_PASSWORD };
    const signed = await signRequest({ provider: 'infobip', body, config: { basic }, url: process.env.SMOKE_URL });
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
        console.log('HTTP', response.status, await response.text());
        process.exit(response.status === 200 ? 0 : 1);
      } catch (error) {
        if (attempt === 240) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }"
}

wait_for_event() { # log file: the app logs each handled event ('delivery <id>')
  for _ in $(seq 1 50); do
    if grep -q 'delivery delivery:' "$1"; then return 0; fi
    sleep 0.2
  done
  return 1
}

take_next_lock() {
  until mkdir "$lock" 2>/dev/null; do
    holder=$(cat "$lock/pid" 2>/dev/null || true)
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then rm -rf "$lock"; else sleep 1; fi
  done
  echo $$ >"$lock/pid"
  own_lock=true
}

failed=0
smoke() { # name, then the documented command (the port comes from $PORT or the trailing -p)
  local name=$1 port=$2
  shift 2
  local log="$logs/$name.log"
  printf '=== %s: %s\n' "$name" "$*"
  PORT=$port setsid "$@" >"$log" 2>&1 &
  server_pid=$!
  if send_sample "http://127.0.0.1:$port/webhooks/rcs/infobip" && wait_for_event "$log"; then
    echo "ok: the event was handled"
    grep -m1 'delivery delivery:' "$log"
  else
    echo "FAILED: $name; its output:" >&2
    cat "$log" >&2
    failed=1
  fi
  kill -- -"$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=''
}

examples=("$@")
[ ${#examples[@]} -gt 0 ] || examples=(express koa fastify hono node next)
for name in "${examples[@]}"; do
  port=$(free_port)
  case "$name" in
    next)
      take_next_lock
      # Next.js reads .env files from its own project folder only: the variables are passed to it.
      smoke next "$port" env $(grep -E '^RCS_[A-Z_]+=' "$RCS_ENV_FILE") \
        npx --no-install next dev --webpack examples/next -H 127.0.0.1 -p "$port"
      rm -rf "$lock"
      own_lock=false
      ;;
    express | koa | fastify | hono | node) smoke "$name" "$port" npx --no-install tsx "examples/$name/server.ts" ;;
    *)
      echo "unknown example: $name" >&2
      exit 2
      ;;
  esac
done
exit "$failed"
