#!/usr/bin/env bash
# Installs the packed tarball (not the source tree) into a scratch project and checks that
# `import` and `require()` both work, that the types resolve, and that the core loads no framework.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root"
npm run build --silent
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)

cd "$scratch"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "./$tarball" typescript@5.9 @types/node@20 >/dev/null

cat > esm.mjs <<'JS'
import { createRcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { signRequest } from 'rcs-webhooks/testing';
const basic = { username: 'u', password: 'p' };
const rcs = createRcsWebhooks({ providers: { infobip: { basic } } });
const seen = [];
rcs.onAny((event) => { seen.push(event.kind); });
const body = { results: [{ messageId: 'm', status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' } }] };
const response = await rcs.handle(await signRequest({ provider: 'infobip', body, config: { basic } }));
if (response.status !== 200 || seen[0] !== 'delivery') throw new Error(`ESM: ${response.status} ${seen}`);
if (typeof rcsWebhooks(rcs).onDelivery !== 'function') throw new Error('ESM: express adapter');
console.log('import: ok');
JS
node esm.mjs

cat > cjs.cjs <<'JS'
const { createRcsWebhooks, memoryStore } = require('rcs-webhooks');
const { rcsWebhooks } = require('rcs-webhooks/express');
const { signRequest } = require('rcs-webhooks/testing');
const rcs = createRcsWebhooks({ providers: { infobip: { allowUnauthenticated: true } }, store: memoryStore() });
if (typeof rcsWebhooks(rcs) !== 'function' || typeof signRequest !== 'function') throw new Error('CJS exports');
rcs.handle({ method: 'POST', url: '/webhooks/rcs/infobip', headers: {}, body: '{"results":[]}' }).then((response) => {
  if (response.status !== 200) throw new Error(`CJS: ${response.status}`);
  console.log('require: ok');
});
JS
node --no-warnings cjs.cjs

# Record every module the core and the Express adapter load: no framework may be among them.
cat > record-hooks.mjs <<'JS'
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.LOAD_LOG, `${result.url}\n`);
  return result;
}
JS
cat > register.mjs <<'JS'
import { register } from 'node:module';
register('./record-hooks.mjs', import.meta.url);
JS
LOAD_LOG="$scratch/loaded.txt" node --import ./register.mjs --input-type=module -e "for (const entry of ['', '/express', '/testing', '/redis', '/postgres']) await import('rcs-webhooks' + entry)"
if grep -E '/node_modules/(express|koa|fastify|next|pg|redis|ioredis)/' loaded.txt; then
  echo 'an entry point loaded a framework or database client the user did not ask for' >&2
  exit 1
fi
echo "no framework loaded: ok ($(wc -l < loaded.txt) modules)"

cat > types.ts <<'TS'
import { createRcsWebhooks, type DeliveryEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { signRequest } from 'rcs-webhooks/testing';
const rcs = createRcsWebhooks({ providers: { infobip: { basic: { username: 'u', password: 'p' } } } });
rcs.onDelivery((event: DeliveryEvent) => { event.status satisfies string; });
rcsWebhooks(rcs).onInbound((event) => { event.content.type satisfies string; });
void signRequest({ provider: 'infobip', body: {}, config: { basic: { username: 'u', password: 'p' } } });
TS
for resolution in nodenext bundler; do
  module=$([ "$resolution" = bundler ] && echo esnext || echo nodenext)
  npx tsc --noEmit --strict --target es2022 --skipLibCheck false --module "$module" --moduleResolution "$resolution" --types node types.ts
  echo "types ($resolution): ok"
done
