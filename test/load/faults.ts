import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { tcpProxy } from '../store/tcp-proxy.js';
import { withPort } from './env.js';
import { privateRedis } from './redis-server.js';
import { type LoadRunResult, runLoad } from './run.js';

/**
 * Store faults under load, shared by test/load/store-faults.test.ts and scripts/load-test.ts.
 *
 * The stores keep their defaults except the lease (`idempotency.leaseMs`, 60 s by default), set to
 * 5 s: a claim that reached the store just as it went away holds its event (409) until the lease
 * expires, and the run should not wait a minute for that.
 */
export const FAULT_LEASE_MS = 5_000;
const FAULT_DOWN_MS = 2_000;
const FAULT_AT = 0.3;

/**
 * Two instances on a private redis-server that is killed (SIGKILL) mid-run and restarted on the same
 * port. `durable`: append-only file fsynced on every write, so every claim it acknowledged survives.
 * Without (`durable: false`, a control run), the restart forgets every handled event id.
 */
export async function redisKillRun(options: {
  events: number;
  durable: boolean;
  timeLimitMs: number;
  log?: (line: string) => void;
}): Promise<LoadRunResult> {
  const redis = await privateRedis({ durable: options.durable });
  await redis.start();
  const stores = [redisStore({ url: redis.url }), redisStore({ url: redis.url })];
  try {
    return await runLoad({
      label: options.durable
        ? 'Redis killed and restarted (appendonly yes, appendfsync always)'
        : 'CONTROL: Redis killed and restarted WITHOUT persistence',
      events: options.events,
      stores,
      leaseMs: FAULT_LEASE_MS,
      timeLimitMs: options.timeLimitMs,
      fault: {
        name: `redis-server SIGKILL, restarted after ${FAULT_DOWN_MS} ms`,
        atFraction: FAULT_AT,
        downMs: FAULT_DOWN_MS,
        stop: () => redis.kill(),
        start: () => redis.start(),
      },
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } finally {
    await Promise.all(stores.map((store) => store.close().catch(() => {})));
    await redis.dispose();
  }
}

/**
 * Two instances reaching the shared PostgreSQL through a loopback TCP proxy that is cut (open
 * connections destroyed, new ones refused) mid-run and restored: the server itself keeps running
 * for the other test files. The caller drops `schema`.
 */
export async function postgresCutRun(options: {
  databaseUrl: string;
  schema: string;
  events: number;
  timeLimitMs: number;
  log?: (line: string) => void;
}): Promise<LoadRunResult> {
  const target = new URL(options.databaseUrl);
  const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
  const connectionString = withPort(options.databaseUrl, proxy.port);
  const stores = [
    postgresStore({ connectionString, schema: options.schema }),
    postgresStore({ connectionString, schema: options.schema }),
  ];
  try {
    await stores[0]?.ready(); // creates the tables before the load starts
    return await runLoad({
      label: 'PostgreSQL connection cut and restored',
      events: options.events,
      stores,
      leaseMs: FAULT_LEASE_MS,
      timeLimitMs: options.timeLimitMs,
      fault: {
        name: `TCP proxy to PostgreSQL cut, restored after ${FAULT_DOWN_MS} ms`,
        atFraction: FAULT_AT,
        downMs: FAULT_DOWN_MS,
        stop: () => proxy.cut(),
        start: () => proxy.restore(),
      },
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } finally {
    await Promise.all(stores.map((store) => store.close().catch(() => {})));
    await proxy.close();
  }
}
