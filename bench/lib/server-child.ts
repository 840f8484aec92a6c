/**
 * One benchmark server in its own process, on 127.0.0.1 and an ephemeral port. Spec in the
 * BENCH_SERVER environment variable (JSON `ServerSpec`). Baselines and rcs-webhooks servers run in
 * the same runtime (node + tsx), each with one no-op handler that counts events.
 */
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeMiddleware, Webhooks } from '@octokit/webhooks';
import express from 'express';
import type { ConversationStore } from '../../src/store/types.js';
import { PREAUTH_PROVIDERS } from './preauth-attacks.js';
import { serveRpc } from './rpc.js';
import type { ServerApi, ServerInfo, ServerSpec, StoreKind } from './specs.js';
import { storeUrls } from './store-urls.js';
import {
  ED25519_PUBLIC_KEY,
  ED25519_PUBLIC_KEY_BASE64,
  HMAC_HEADER,
  HMAC_PREFIX,
  HMAC_SECRET,
  INFOBIP_PATH,
  TELNYX_PATH,
} from './workloads.js';

const spec = JSON.parse(process.env.BENCH_SERVER ?? 'null') as ServerSpec | null;
if (spec === null) throw new Error('BENCH_SERVER is not set');

let handled = 0;
const countEvent = () => {
  handled++;
};

/** Imports a module of the library under test from `spec.root` (the repository or a variant copy). */
async function lib<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(join(spec!.root, relative)).href)) as T;
}

const HMAC_CONFIG = {
  secret: HMAC_SECRET,
  header: HMAC_HEADER,
  prefix: HMAC_PREFIX,
  encoding: 'hex',
  algorithm: 'sha256',
} as const;

interface OpenedStore {
  store: ConversationStore | undefined;
  cleanup(): Promise<void>;
}

async function openStore(kind: StoreKind): Promise<OpenedStore> {
  const urls = storeUrls();
  if (kind === 'redis') {
    const { redisStore } = await lib<typeof import('../../stores/redis.js')>('stores/redis.js');
    const prefix = `rcs-bench:${process.pid}:`;
    const store = redisStore({ url: urls.redis, prefix });
    await store.ready();
    return {
      store,
      async cleanup() {
        await store.close();
        const { createClient } = await import('redis');
        const client = createClient({ url: urls.redis });
        client.on('error', () => {});
        await client.connect();
        for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
          if (keys.length > 0) await client.unlink(keys);
        }
        await client.close();
      },
    };
  }
  if (kind === 'postgres') {
    const { postgresStore } = await lib<typeof import('../../stores/postgres.js')>('stores/postgres.js');
    const schema = `rcs_bench_${process.pid}`;
    const store = postgresStore({ connectionString: urls.postgres, schema, cleanupIntervalMs: 0 });
    await store.ready();
    return {
      store,
      async cleanup() {
        await store.close();
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: urls.postgres });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  }
  return { store: undefined, cleanup: async () => {} };
}

/** The hand-written Express baseline's app: no etag, no x-powered-by (the same for the rcs app). */
function expressApp(): express.Express {
  const app = express();
  app.set('etag', false);
  app.disable('x-powered-by');
  return app;
}

const raw = express.raw({ type: 'application/json', limit: '1mb' });

/** The hand-written routes' last step, after their own verification: parse the body, count it, answer. */
function answerParsed(res: express.Response, body: Buffer): void {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    res.status(400).json({ error: 'malformed_body' });
    return;
  }
  if (payload !== undefined) countEvent();
  res.status(200).json({ ok: true });
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

async function buildListener(opened: OpenedStore): Promise<Listener> {
  const storeOption = opened.store === undefined ? {} : { store: opened.store };
  switch (spec!.kind) {
    case 'express-hand-ed25519': {
      const app = expressApp();
      app.post(TELNYX_PATH, raw, (req, res) => {
        const body: unknown = req.body;
        const timestamp = req.get('telnyx-timestamp');
        const signature = req.get('telnyx-signature-ed25519');
        if (!Buffer.isBuffer(body) || timestamp === undefined || signature === undefined) {
          res.status(401).json({ error: 'missing_signature' });
          return;
        }
        if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) {
          res.status(401).json({ error: 'stale_timestamp' });
          return;
        }
        const message = Buffer.concat([Buffer.from(`${timestamp}|`), body]);
        if (!verify(null, message, ED25519_PUBLIC_KEY, Buffer.from(signature, 'base64'))) {
          res.status(401).json({ error: 'invalid_signature' });
          return;
        }
        answerParsed(res, body);
      });
      return app;
    }
    case 'express-hand-hmac': {
      const app = expressApp();
      app.post(INFOBIP_PATH, raw, (req, res) => {
        const body: unknown = req.body;
        const header = req.get(HMAC_HEADER);
        if (!Buffer.isBuffer(body) || header === undefined || !header.startsWith(HMAC_PREFIX)) {
          res.status(401).json({ error: 'missing_signature' });
          return;
        }
        const expected = createHmac('sha256', HMAC_SECRET).update(body).digest();
        const given = Buffer.from(header.slice(HMAC_PREFIX.length), 'hex');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.status(401).json({ error: 'invalid_signature' });
          return;
        }
        answerParsed(res, body);
      });
      return app;
    }
    case 'express-rcs-ed25519':
    case 'express-rcs-hmac': {
      const { rcsWebhooks } = await lib<typeof import('../../adapters/express.js')>('adapters/express.js');
      const hooks = rcsWebhooks({
        providers:
          spec!.kind === 'express-rcs-ed25519'
            ? { telnyx: { publicKey: ED25519_PUBLIC_KEY_BASE64 } }
            : { infobip: { hmac: HMAC_CONFIG } },
        ...storeOption,
      });
      hooks.onAny(countEvent);
      const app = expressApp();
      app.use(hooks);
      return app;
    }
    case 'node-octokit-hmac': {
      const webhooks = new Webhooks({ secret: HMAC_SECRET });
      webhooks.onAny(countEvent);
      const middleware = createNodeMiddleware(webhooks, { path: INFOBIP_PATH });
      return (req, res) => {
        middleware(req, res).then(
          (answered: unknown) => {
            if (answered !== true && !res.headersSent) {
              res.statusCode = 404;
              res.end();
            }
          },
          () => {
            res.statusCode = 500;
            res.end();
          },
        );
      };
    }
    case 'node-rcs-hmac': {
      const { createNodeHandler } = await lib<typeof import('../../adapters/node.js')>('adapters/node.js');
      const handler = createNodeHandler({ providers: { infobip: { hmac: HMAC_CONFIG } }, ...storeOption });
      handler.onAny(countEvent);
      return (req, res) => handler(req, res);
    }
    case 'node-rcs-preauth': {
      const { createNodeHandler } = await lib<typeof import('../../adapters/node.js')>('adapters/node.js');
      const handler = createNodeHandler({ providers: PREAUTH_PROVIDERS, ...storeOption });
      handler.onAny(countEvent);
      return (req, res) => handler(req, res);
    }
  }
}

async function main(): Promise<void> {
  const opened = await openStore(spec!.store ?? 'memory');
  const listener = await buildListener(opened);
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: ServerApi = {
    async stats() {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      return { handled, cpuUs: cpu.user + cpu.system, heapUsed: memory.heapUsed, rss: memory.rss };
    },
    async collect() {
      (globalThis as { gc?: () => void }).gc?.();
      // Let V8's background threads finish freeing what was collected before anything is measured.
      await new Promise((resolve) => setTimeout(resolve, 30));
      return null;
    },
  };
  serveRpc(api, { port } satisfies ServerInfo, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await opened.cleanup();
  });
}

await main();
