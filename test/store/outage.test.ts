import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { ConversationStore } from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import type { SignedRequest } from 'rcs-webhooks/testing';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { infobipCore, signedInfobip } from '../helpers/infobip.js';
import { deleteKeys, nodeRedisClient } from './redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName, where, withPort } from './servers.js';
import { closedPort, type TcpProxy, tcpProxy } from './tcp-proxy.js';

// A store that cannot reach its server must fail each call promptly, so the request answers 503
// (the provider retries later) and no handler runs: nothing is acknowledged, nothing is lost.

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);
const PROMPT_MS = 2_500; // well under the default timeoutMs (5,000): the failure is detected, not waited out

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function deliveryRequest(): Promise<SignedRequest> {
  const status = { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' };
  return signedInfobip({ results: [{ messageId: uniqueName('m'), to: 'user', sender: 'agent', status }] });
}

/** The request answers 503 `store_unavailable` within `withinMs`, and no handler ran. */
async function expectUnavailable(store: ConversationStore, withinMs: number, request?: SignedRequest) {
  const { rcs, events } = infobipCore({ store });
  const started = performance.now();
  const response = await rcs.handle(request ?? (await deliveryRequest()));
  const elapsed = performance.now() - started;
  expect(response).toMatchObject({ status: 503, body: '{"error":"store_unavailable"}' });
  expect(events).toEqual([]);
  expect(elapsed).toBeLessThan(withinMs);
  return elapsed;
}

/** Once the server is back, the provider's retry of `request` is handled, exactly once. */
async function expectRecovered(store: ConversationStore, request: SignedRequest) {
  const { rcs, events } = infobipCore({ store });
  const deadline = Date.now() + 15_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await rcs.handle(request)).status;
    if (status === 200) break;
    expect(status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe(200);
  expect((await rcs.handle(request)).status).toBe(200); // a duplicate now
  expect(events).toHaveLength(1);
}

async function proxyTo(url: string): Promise<TcpProxy> {
  const [host, port] = where(url).split(':') as [string, string];
  const proxy = await tcpProxy(host, Number(port));
  cleanups.push(() => proxy.close());
  return proxy;
}

describe.skipIf(!redisUp)('redisStore when Redis is unreachable', () => {
  const prefix = `${uniqueName('rcs-outage')}:`;
  afterAll(async () => {
    const client = await nodeRedisClient();
    await deleteKeys(client, prefix);
    client.destroy();
  });

  it('answers 503 at once when nothing listens on the port', async () => {
    const url = withPort(REDIS_URL, await closedPort());
    const store = redisStore({ url, prefix });
    cleanups.push(() => store.close());
    await expect(store.claim('k', 1_000)).rejects.toThrow(/ECONNREFUSED/);
    await expectUnavailable(store, PROMPT_MS);
    // A client the user never managed to connect fails just as fast.
    const client = createClient({ url });
    await expectUnavailable(redisStore({ client, prefix }), PROMPT_MS);
  });

  it('answers 503 while the connection is cut, then recovers (url)', async () => {
    const proxy = await proxyTo(REDIS_URL);
    const store = redisStore({ url: withPort(REDIS_URL, proxy.port), prefix });
    cleanups.push(() => store.close());
    await store.ready();
    await proxy.cut();
    const request = await deliveryRequest();
    await expectUnavailable(store, PROMPT_MS, request);
    await proxy.restore();
    await expectRecovered(store, request);
  });

  it('fails fast through user clients while they reconnect, and bounds calls on a silent connection', async () => {
    const proxy = await proxyTo(REDIS_URL);
    const url = withPort(REDIS_URL, proxy.port);
    // Library defaults: both would queue commands while offline.
    const node = createClient({ url });
    node.on('error', () => {});
    await node.connect();
    const io = new Redis(url);
    io.on('error', () => {});
    cleanups.push(
      () => node.destroy(),
      () => io.disconnect(),
    );
    const stores = [
      redisStore({ client: node, prefix, timeoutMs: 500 }),
      redisStore({ client: io, prefix, timeoutMs: 500 }),
    ];
    await Promise.all(stores.map((store) => store.ready()));

    await proxy.cut();
    const request = await deliveryRequest();
    for (const store of stores) {
      await store.claim('k', 1_000).catch(() => {}); // may be in flight as the socket closes
      await expect(store.claim('k', 1_000)).rejects.toThrow(/not connected/);
      await expectUnavailable(store, PROMPT_MS, request);
    }
    await proxy.restore();
    for (const store of stores) await expectRecovered(store, await deliveryRequest());

    proxy.stall();
    for (const store of stores) {
      await expect(store.claim('k', 1_000)).rejects.toThrow(/did not answer within 500 ms/);
      expect(await expectUnavailable(store, 4_000)).toBeGreaterThanOrEqual(450);
    }
    await proxy.restore();
    for (const store of stores) await expectRecovered(store, await deliveryRequest());
  });

  it('answers 503 after timeoutMs when Redis stops answering', async () => {
    const proxy = await proxyTo(REDIS_URL);
    const store = redisStore({ url: withPort(REDIS_URL, proxy.port), prefix, timeoutMs: 600 });
    cleanups.push(() => store.close());
    await store.ready();
    proxy.stall();
    const elapsed = await expectUnavailable(store, 4_000);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    await proxy.restore();
    await expectRecovered(store, await deliveryRequest());
  });

  const redisServer = spawnSync('redis-server', ['--version']).status === 0;
  it.skipIf(!redisServer)('survives a real Redis restart (a private server on its own port)', async () => {
    const port = await closedPort();
    let server: ChildProcess | undefined;
    const start = async () => {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: 50 } });
      probe.on('error', () => {});
      await probe.connect();
      probe.destroy();
    };
    const stop = async () => {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server?.kill('SIGTERM');
      await exited;
    };
    cleanups.push(() => (server?.exitCode === null ? stop() : undefined));
    await start();
    const store = redisStore({ url: `redis://127.0.0.1:${port}` });
    cleanups.push(() => store.close());
    const request = await deliveryRequest();
    await store.ready();
    await stop();
    await expectUnavailable(store, PROMPT_MS, request);
    await start();
    await expectRecovered(store, request);
  });
});

describe.skipIf(!postgresUp)('postgresStore when PostgreSQL is unreachable', () => {
  const schema = uniqueName('rcs_outage');
  afterAll(async () => {
    const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('answers 503 at once when nothing listens on the port', async () => {
    const url = withPort(DATABASE_URL, await closedPort());
    const store = postgresStore({ connectionString: url, schema });
    cleanups.push(() => store.close());
    await expect(store.claim('k', 1_000)).rejects.toThrow(/ECONNREFUSED/);
    await expectUnavailable(store, PROMPT_MS);
    // So does a pool the user made without any timeout.
    const pool = new pg.Pool({ connectionString: url });
    cleanups.push(() => pool.end());
    await expectUnavailable(postgresStore({ pool, schema }), PROMPT_MS);
  });

  it('answers 503 while the connection is cut, then recovers (connection string)', async () => {
    const proxy = await proxyTo(DATABASE_URL);
    const store = postgresStore({ connectionString: withPort(DATABASE_URL, proxy.port), schema });
    cleanups.push(() => store.close());
    await store.ready();
    await proxy.cut();
    const request = await deliveryRequest();
    await expectUnavailable(store, PROMPT_MS, request);
    await proxy.restore();
    await expectRecovered(store, request);
  });

  it('answers 503 after timeoutMs when PostgreSQL stops answering (own pool and a bare user pool)', async () => {
    const proxy = await proxyTo(DATABASE_URL);
    const url = withPort(DATABASE_URL, proxy.port);
    const pool = new pg.Pool({ connectionString: url });
    pool.on('error', () => {});
    cleanups.push(() => pool.end().catch(() => {}));
    const stores = [
      postgresStore({ connectionString: url, schema, timeoutMs: 600 }),
      postgresStore({ pool, schema, timeoutMs: 600 }),
    ];
    cleanups.push(() => stores[0]?.close());
    await Promise.all(stores.map((store) => store.ready()));
    proxy.stall();
    for (const store of stores) {
      const elapsed = await expectUnavailable(store, 4_000);
      expect(elapsed).toBeGreaterThanOrEqual(550);
    }
    await proxy.restore();
    for (const store of stores) await expectRecovered(store, await deliveryRequest());
  });
});
