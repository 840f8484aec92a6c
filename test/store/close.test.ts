import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type ConversationStore, createRcsWebhooks, memoryStore } from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { signRequest } from 'rcs-webhooks/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, testPool } from './pg-helpers.js';
import { deleteKeys, ioRedisClient, nodeRedisClient } from './redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName } from './servers.js';

// Issue 14 item 8: rcs.close() waits for running handlers (inline and inbox), then closes the
// connections the store opened itself (the process can exit); a client or pool the user passed stays open.

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);
const ROOT = join(import.meta.dirname, '..', '..');
const BASIC = { username: 'close-user', password: 'close-password' };
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
});

const signed = (messageId: string) =>
  signRequest({
    provider: 'infobip',
    body: { results: [{ messageId, to: '441134960001', status: { groupName: 'DELIVERED' } }] },
    config: { basic: BASIC },
  });

/** Runs child.ts; resolves with what it printed and whether it exited by itself within `exitMs` of printing. */
function runChild(env: Record<string, string>, exitMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/store/close/child.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise<{ output: string; exited: boolean; code: number | null }>((resolve, reject) => {
    const start = setTimeout(() => reject(new Error(`child printed nothing: ${errors}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      clearTimeout(start);
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ output: output.trim(), exited: false, code: null });
      }, exitMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ output: output.trim(), exited: true, code });
      });
    });
    child.once('exit', (code) => {
      if (output === '') reject(new Error(`child exited (${code}) before printing: ${errors}`));
    });
  });
}

/** A key prefix or schema for a child process, removed after the tests. */
function childNamespace(kind: string): string {
  const namespace = uniqueName('close');
  cleanups.push(async () => {
    if (kind === 'redis') {
      const client = await nodeRedisClient();
      await deleteKeys(client, `${namespace}:`);
      await client.close();
    } else {
      const pool = testPool();
      await dropSchema(pool, namespace);
      await pool.end();
    }
  });
  return namespace;
}

/** A handler that waits for `release()`, recording when it finished. */
function gated() {
  let release!: () => void;
  let began!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started = new Promise<void>((resolve) => {
    began = resolve;
  });
  const order: string[] = [];
  return {
    started,
    release,
    order,
    handler: async () => {
      began();
      await gate;
      order.push('handler finished');
    },
  };
}

interface Kind {
  name: string;
  up: boolean;
  /** A store the package opens its own connection for, or undefined for memory. */
  owned(): ConversationStore;
  /** A store on a client the test owns, and a check that this client still works. */
  userClient(): Promise<{ store: ConversationStore; stillOpen(): Promise<boolean> }>;
  url: string;
}

const kinds: Kind[] = [
  {
    name: 'memory',
    up: true,
    url: '',
    owned: () => memoryStore(),
    userClient: async () => ({ store: memoryStore(), stillOpen: async () => true }),
  },
  {
    name: 'redis',
    up: redisUp,
    url: REDIS_URL,
    owned: () => {
      const prefix = `${uniqueName('close')}:`;
      cleanups.push(async () => {
        const client = await nodeRedisClient();
        await deleteKeys(client, prefix);
        await client.close();
      });
      return redisStore({ url: REDIS_URL, prefix });
    },
    userClient: async () => {
      const client = await nodeRedisClient();
      const prefix = `${uniqueName('close')}:`;
      cleanups.push(async () => {
        await deleteKeys(client, prefix);
        await client.close();
      });
      return {
        store: redisStore({ client, prefix }),
        stillOpen: async () => (await client.ping()) === 'PONG',
      };
    },
  },
  {
    name: 'postgres',
    up: postgresUp,
    url: DATABASE_URL,
    owned: () => {
      const schema = uniqueName('close');
      cleanups.push(async () => {
        const pool = testPool();
        await dropSchema(pool, schema);
        await pool.end();
      });
      return postgresStore({ connectionString: DATABASE_URL, schema });
    },
    userClient: async () => {
      const pool = testPool();
      const schema = uniqueName('close');
      cleanups.push(async () => {
        await dropSchema(pool, schema);
        await pool.end();
      });
      return {
        store: postgresStore({ pool, schema }),
        stillOpen: async () => (await pool.query('SELECT 1 AS one')).rows[0]?.one === 1,
      };
    },
  },
];

describe.each(kinds.filter((kind) => kind.up))('$name', (kind) => {
  for (const mode of ['inline', 'inbox'] as const) {
    it(`${mode}: a running handler finishes before close() resolves; later requests get 503`, async () => {
      const store = kind.owned();
      const rcs = createRcsWebhooks({
        providers: { infobip: { basic: BASIC } },
        store,
        logger: false,
        ...(mode === 'inbox' ? { inbox: { pollIntervalMs: 10 } } : {}),
      });
      const { handler, started, release, order } = gated();
      rcs.onDelivery(handler);
      const answered = rcs.handle(await signed(uniqueName('m')));
      await started;
      const closed = rcs.close().then(() => order.push('close resolved'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(order).toEqual([]);
      release();
      await closed;
      expect(order).toEqual(['handler finished', 'close resolved']);
      expect((await answered).status).toBe(200);
      expect((await rcs.handle(await signed(uniqueName('m')))).status).toBe(503);
      // The store is closed: it refuses calls instead of opening a connection again.
      if (kind.name !== 'memory')
        await expect(store.getMessage('infobip', 'x')).rejects.toThrow(/was closed/);
    });
  }

  it('leaves a client or pool the user passed open', async () => {
    const { store, stillOpen } = await kind.userClient();
    const rcs = createRcsWebhooks({ providers: { infobip: { basic: BASIC } }, store, logger: false });
    expect((await rcs.handle(await signed(uniqueName('m')))).status).toBe(200);
    await rcs.close();
    expect(await stillOpen()).toBe(true);
  });

  if (kind.name !== 'memory') {
    it('closes the connections it opened: the process exits by itself after close()', async () => {
      for (const inbox of ['0', '1']) {
        const run = await runChild(
          { STORE_KIND: kind.name, STORE_URL: kind.url, NAMESPACE: childNamespace(kind.name), INBOX: inbox },
          5_000,
        );
        expect(run).toEqual({ output: 'closed', exited: true, code: 0 });
      }
    });

    it('(control) without close(), the open connection keeps the process alive', async () => {
      const run = await runChild(
        { STORE_KIND: kind.name, STORE_URL: kind.url, NAMESPACE: childNamespace(kind.name), CLOSE: '0' },
        3_000,
      );
      expect(run).toEqual({ output: 'handled', exited: false, code: null });
    });
  }
});

if (redisUp) {
  it('redis: an ioredis client the user passed stays open too', async () => {
    const client = await ioRedisClient();
    cleanups.push(async () => client.quit());
    const rcs = createRcsWebhooks({
      providers: { infobip: { basic: BASIC } },
      store: redisStore({ client, prefix: `${uniqueName('close')}:` }),
      logger: false,
    });
    await rcs.close();
    expect(await client.ping()).toBe('PONG');
  });
}
