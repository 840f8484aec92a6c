import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signRequest } from 'rcs-webhooks/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, nodeRedisClient } from './redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName } from './servers.js';

// Inbox mode's promise: once a provider has its 200, killing the process (SIGKILL, no shutdown
// hook) loses nothing. A server is killed while requests are in flight and its inbox holds a
// backlog, then started again on the same store; every acknowledged event must end up handled.

const EVENTS = 1_200;
const BATCH = 20;
const LEASE_MS = 1_500;
const ROOT = join(import.meta.dirname, '..', '..');
const BASIC = { username: 'crash-user', password: 'crash-password' };

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);
const folder = mkdtempSync(join(tmpdir(), 'rcs-inbox-crash-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  rmSync(folder, { recursive: true, force: true });
});

interface Server {
  url: string;
  child: ChildProcess;
}

function startServer(env: Record<string, string>): Promise<Server> {
  // `node --import tsx`, not the tsx binary: that one runs the script in a child of its own, which a
  // SIGKILL of the wrapper would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/store/inbox-crash/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${errors}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(chunk.toString())?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}/webhooks/rcs/infobip`, child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${errors}`)));
  });
}

function handledIds(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

async function crashRun(
  kind: 'memory' | 'redis' | 'postgres',
  storeUrl: string,
  namespace: string,
  waitMs = 60_000,
) {
  const handledFile = join(folder, `${kind}.handled`);
  const env = {
    STORE_KIND: kind,
    STORE_URL: storeUrl,
    STORE_NAMESPACE: namespace,
    HANDLED_FILE: handledFile,
    LEASE_MS: String(LEASE_MS),
  };
  let server = await startServer(env);
  cleanups.push(async () => {
    server.child.kill('SIGKILL');
  });
  const batches = Array.from({ length: EVENTS / BATCH }, (_, batch) =>
    Array.from({ length: BATCH }, (_, index) => `${kind}-m${batch * BATCH + index}`),
  );
  const acknowledged = new Set<string>();
  let atKill: { acknowledged: number; handled: number } | undefined;
  let restarted: Promise<void> | undefined;
  let refusedWhileDown = 0;

  // SIGKILL right after the response that acknowledges the half-way event: requests are in flight
  // and the worker, slower than the traffic, holds a backlog. Then start a server on the same store.
  const killAndRestart = async () => {
    const killed = server.child;
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    server = await startServer(env);
  };

  // Like a provider: send each batch until it is acknowledged, several at once.
  const send = async (ids: string[]) => {
    const body = {
      results: ids.map((messageId) => ({
        messageId,
        to: '441134960001',
        sender: 'CrashTest',
        status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
      })),
    };
    for (;;) {
      const target = server.url;
      const signed = await signRequest({ provider: 'infobip', body, config: { basic: BASIC }, url: target });
      const status = await fetch(target, { method: 'POST', headers: signed.headers, body: signed.body })
        .then((response) => response.status)
        .catch(() => 0);
      if (status === 200) {
        for (const id of ids) acknowledged.add(id);
        if (atKill === undefined && acknowledged.size >= EVENTS / 2) {
          atKill = { acknowledged: acknowledged.size, handled: new Set(handledIds(handledFile)).size };
          restarted = killAndRestart();
        }
        return;
      }
      refusedWhileDown++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const queue = [...batches];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let ids = queue.shift(); ids !== undefined; ids = queue.shift()) await send(ids);
    }),
  );
  await restarted;

  const deadline = Date.now() + waitMs;
  let handled = new Set(handledIds(handledFile));
  while ([...acknowledged].some((id) => !handled.has(id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    handled = new Set(handledIds(handledFile));
  }
  server.child.kill('SIGKILL');
  const runs = handledIds(handledFile);
  return {
    acknowledged: acknowledged.size,
    killedWithBacklog: (atKill?.acknowledged ?? 0) - (atKill?.handled ?? 0),
    refusedWhileDown,
    lost: [...acknowledged].filter((id) => !handled.has(id)),
    ranTwice: runs.length - new Set(runs).size,
  };
}

function check(result: Awaited<ReturnType<typeof crashRun>>) {
  console.log(
    `acknowledged ${result.acknowledged}, ${result.killedWithBacklog} of them not yet handled at SIGKILL, ` +
      `${result.refusedWhileDown} requests refused while down; lost ${result.lost.length}, ran twice ${result.ranTwice}`,
  );
  expect(result.acknowledged).toBe(EVENTS);
  // The kill must have hit a backlog, or the test proves nothing.
  expect(result.killedWithBacklog).toBeGreaterThan(0);
  expect(result.refusedWhileDown).toBeGreaterThan(0);
  expect(result.lost).toEqual([]);
  // At least once: only events being handled at the kill may run again (at most the worker's concurrency).
  expect(result.ranTwice).toBeLessThanOrEqual(4);
}

describe.skipIf(!redisUp)('inbox mode survives SIGKILL: Redis', () => {
  it('handles every acknowledged event after a kill and restart', { timeout: 120_000 }, async () => {
    const namespace = uniqueName('rcs-crash');
    const client = await nodeRedisClient();
    cleanups.push(async () => {
      await deleteKeys(client, `${namespace}:`);
      await client.close();
    });
    check(await crashRun('redis', REDIS_URL, namespace));
  });
});

describe.skipIf(!postgresUp)('inbox mode survives SIGKILL: PostgreSQL', () => {
  it('handles every acknowledged event after a kill and restart', { timeout: 120_000 }, async () => {
    const schema = uniqueName('rcs_crash').replace(/[^a-z0-9_]/gi, '_');
    cleanups.push(async () => {
      const pool = new pg.Pool({ connectionString: DATABASE_URL });
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });
    check(await crashRun('postgres', DATABASE_URL, schema));
  });
});

describe('inbox mode on memoryStore (control)', () => {
  it('loses the backlog at SIGKILL, as its `durable: false` says', { timeout: 120_000 }, async () => {
    const result = await crashRun('memory', 'memory:', 'none', 3_000);
    console.log(`memory control: ${result.lost.length} acknowledged events lost at SIGKILL`);
    expect(result.killedWithBacklog).toBeGreaterThan(0);
    expect(result.lost.length).toBeGreaterThan(0);
  });
});
