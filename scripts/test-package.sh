#!/usr/bin/env bash
# Installs the packed tarball (not the source tree) into a scratch project and checks that
# `import` and `require()` both work, that the types resolve from ESM and from CommonJS TypeScript
# projects, that the core loads no framework, that the tarball has its LICENSE and that the links of
# its Markdown resolve inside it; and, in the repository, that the dev tree installs on the engines floor.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root"
node scripts/check-engines.mjs
if git rev-parse --git-dir >/dev/null 2>&1; then
  tracked_but_ignored=$(git ls-files -ci --exclude-standard)
  if [ -n "$tracked_but_ignored" ]; then
    printf '.gitignore lists tracked files:\n%s\n' "$tracked_but_ignored" >&2
    exit 1
  fi
fi
npm run build --silent
tarball=$(npm pack --silent --pack-destination "$scratch" | tail -n 1)

cd "$scratch"
npm init -y >/dev/null
# fastify: the types of rcs-webhooks/fastify augment Fastify's (the other adapters need no framework types).
npm install --silent --no-audit --no-fund "./$tarball" typescript@5.9 @types/node@20 fastify@5 >/dev/null

installed="$scratch/node_modules/rcs-webhooks"
grep -q 'MIT License' "$installed/LICENSE" || { echo 'the tarball has no MIT LICENSE file' >&2; exit 1; }
node "$root/scripts/check-links.mjs" "$installed"

cat > esm.mjs <<'JS'
import { createRcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { rcsWebhooks as fastifyPlugin } from 'rcs-webhooks/fastify';
import { rcsRouteHandlers } from 'rcs-webhooks/next';
import { createNodeHandler } from 'rcs-webhooks/node';
import { signRequest, toWebRequest } from 'rcs-webhooks/testing';
const basic = { username: 'u', password: 'p' };
const rcs = createRcsWebhooks({ providers: { infobip: { basic } } });
const seen = [];
rcs.onAny((event) => { seen.push(event.kind); });
const body = { results: [{ messageId: 'm', status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' } }] };
const response = await rcs.handle(await signRequest({ provider: 'infobip', body, config: { basic } }));
if (response.status !== 200 || seen[0] !== 'delivery') throw new Error(`ESM: ${response.status} ${seen}`);
if (typeof rcsWebhooks(rcs).onDelivery !== 'function') throw new Error('ESM: express adapter');
if (typeof koaWebhooks(rcs).onDelivery !== 'function' || typeof createNodeHandler(rcs) !== 'function') throw new Error('ESM: koa/node adapters');
if (typeof fastifyPlugin !== 'function') throw new Error('ESM: fastify plugin');
const viaNext = await rcsRouteHandlers(rcs).POST(toWebRequest(await signRequest({ provider: 'infobip', body, config: { basic } })));
if (viaNext.status !== 200) throw new Error(`ESM: next route handler ${viaNext.status}`);
console.log('import: ok');
JS
node esm.mjs

cat > cjs.cjs <<'JS'
const { createRcsWebhooks, memoryStore } = require('rcs-webhooks');
const { rcsWebhooks } = require('rcs-webhooks/express');
const adapters = [require('rcs-webhooks/koa').rcsWebhooks, require('rcs-webhooks/fastify').rcsWebhooks,
  require('rcs-webhooks/next').rcsRouteHandlers, require('rcs-webhooks/node').createNodeHandler];
if (adapters.some((adapter) => typeof adapter !== 'function')) throw new Error('CJS adapter exports');
const { signRequest } = require('rcs-webhooks/testing');
const rcs = createRcsWebhooks({ providers: { infobip: { allowUnauthenticated: true } }, store: memoryStore() });
if (typeof rcsWebhooks(rcs) !== 'function' || typeof signRequest !== 'function') throw new Error('CJS exports');
rcs.handle({ method: 'POST', url: '/webhooks/rcs/infobip', headers: {}, body: '{"results":[]}' }).then((response) => {
  if (response.status !== 200) throw new Error(`CJS: ${response.status}`);
  console.log('require: ok');
});
JS
node --no-warnings cjs.cjs

# Record every module each entry point loads: no framework may be among them (fastify is installed
# here, so a runtime import of it would be recorded rather than just fail).
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
LOAD_LOG="$scratch/loaded.txt" node --import ./register.mjs --input-type=module -e "for (const entry of ['', '/express', '/koa', '/fastify', '/next', '/node', '/testing', '/redis', '/postgres']) await import('rcs-webhooks' + entry)"
if grep -E '/node_modules/(express|koa|fastify|next|react|hono|@hono/[^/]+|pg|redis|ioredis)/' loaded.txt; then
  echo 'an entry point loaded a framework or database client the user did not ask for' >&2
  exit 1
fi
echo "no framework loaded: ok ($(wc -l < loaded.txt) modules)"

cat > types.ts <<'TS'
import { createRcsWebhooks, type DeliveryEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import Fastify from 'fastify';
import { rcsWebhooks as fastifyPlugin } from 'rcs-webhooks/fastify';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { rcsPagesHandler, rcsRouteHandlers } from 'rcs-webhooks/next';
import { createNodeHandler } from 'rcs-webhooks/node';
import { signRequest } from 'rcs-webhooks/testing';
const rcs = createRcsWebhooks({ providers: { infobip: { basic: { username: 'u', password: 'p' } } } });
rcs.onDelivery((event: DeliveryEvent) => { event.status satisfies string; });
rcsWebhooks(rcs).onInbound((event) => { event.content.type satisfies string; });
koaWebhooks(rcs).onTyping((event) => { event.active satisfies boolean; });
createNodeHandler(rcs).onCapability((event) => { event.enabled satisfies boolean; });
const { POST } = rcsRouteHandlers(() => rcs, { waitUntil: (work) => void work });
POST satisfies (request: Request) => Promise<Response>;
rcsPagesHandler(rcs) satisfies (...args: never[]) => Promise<void>;
const app = Fastify();
void app.register(fastifyPlugin, { webhooks: rcs, prefix: '/api' }).after(() => app.rcsWebhooks.onAny(() => {}));
void signRequest({ provider: 'infobip', body: {}, config: { basic: { username: 'u', password: 'p' } } });
TS
for resolution in nodenext bundler; do
  module=$([ "$resolution" = bundler ] && echo esnext || echo nodenext)
  npx tsc --noEmit --strict --target es2022 --skipLibCheck false --module "$module" --moduleResolution "$resolution" --types node types.ts
  echo "types ($resolution): ok"
done

# A CommonJS TypeScript project (no "type": "module"): module node16 (TS1479 without the require
# conditions) and the legacy moduleResolution node10 (TS2307 on subpaths without typesVersions); the
# node16 build is then run, so the compiled require() calls are checked too.
mkdir cjs-project
cat > cjs-project/package.json <<'JSON'
{ "name": "cjs-project", "private": true, "type": "commonjs" }
JSON
cat > cjs-project/main.ts <<'TS'
import { createRcsWebhooks, type DeliveryEvent, memoryStore, type RcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { rcsWebhooks as fastifyPlugin } from 'rcs-webhooks/fastify';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { rcsRouteHandlers } from 'rcs-webhooks/next';
import { createNodeHandler } from 'rcs-webhooks/node';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { signRequest } from 'rcs-webhooks/testing';
const basic = { username: 'u', password: 'p' };
const rcs: RcsWebhooks = createRcsWebhooks({ providers: { infobip: { basic } }, store: memoryStore() });
const seen: string[] = [];
rcs.onDelivery((event: DeliveryEvent) => { seen.push(event.status); });
koaWebhooks(rcs).onInbound((event) => { event.content.type satisfies string; });
const exported = [rcsWebhooks, fastifyPlugin, rcsRouteHandlers, createNodeHandler, postgresStore, redisStore];
if (exported.some((value) => typeof value !== 'function')) throw new Error('CJS TS: an export is missing');
const body = { results: [{ messageId: 'm', status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' } }] };
signRequest({ provider: 'infobip', body, config: { basic } })
  .then((request) => rcs.handle(request))
  .then((response) => {
    if (response.status !== 200 || seen[0] !== 'delivered') throw new Error(`CJS TS: ${response.status} ${seen}`);
    console.log('CommonJS TypeScript (module node16), compiled and run: ok');
  });
TS
cd cjs-project
npx tsc --strict --target es2022 --skipLibCheck false --types node --module node16 --moduleResolution node16 --outDir out-node16 main.ts
node out-node16/main.js
npx tsc --noEmit --strict --target es2022 --skipLibCheck false --types node --esModuleInterop --module commonjs --moduleResolution node10 main.ts
echo "types (CommonJS, moduleResolution node10): ok"
