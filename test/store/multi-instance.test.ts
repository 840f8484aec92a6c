import pg from 'pg';
import {
  type ConversationStore,
  createRcsWebhooks,
  type DeliveryStatus,
  type RcsWebhooks,
} from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { INFOBIP_BASIC } from '../helpers/infobip.js';
import { deleteKeys, ioRedisClient, nodeRedisClient } from './redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName } from './servers.js';

// Two app instances (two cores, each with its own store object) share one Redis or one PostgreSQL.
// Every report is delivered one to three times, shuffled, in batches, to either instance at once;
// some handlers fail on their first run. Each event's handlers must succeed exactly once, never run
// on both instances at the same time, and every message must end in its most advanced status.

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Report {
  eventId: string;
  result: Record<string, unknown>;
}

function report(messageId: string, groupName: string, name: string): Report {
  return {
    eventId: `delivery:${messageId}:${groupName}:${name}`,
    result: { messageId, to: 'user', sender: 'agent', status: { groupName, name } },
  };
}

function seen(messageId: string): Report {
  return {
    eventId: `read:${messageId}`,
    result: { messageId, from: 'user', to: 'agent', seenAt: '2026-05-22T10:00:05.000+0000' },
  };
}

/** Each message's reports, and the status it must end in whatever order they arrive. */
function scenario(messages: number) {
  const run = uniqueName('run');
  return Array.from({ length: messages }, (_, index) => {
    const id = `${run}-${index}`;
    const queued = report(id, 'PENDING', 'MESSAGE_ACCEPTED');
    const sent = report(id, 'PENDING', 'PENDING_ENROUTE');
    if (index % 5 === 0) {
      return {
        id,
        final: 'failed' as DeliveryStatus,
        reports: [queued, sent, report(id, 'UNDELIVERABLE', 'UNDELIVERABLE_NOT_DELIVERED')],
      };
    }
    if (index % 7 === 0) {
      return {
        id,
        final: 'expired' as DeliveryStatus,
        reports: [queued, sent, report(id, 'EXPIRED', 'EXPIRED_EXPIRED')],
      };
    }
    const delivered = report(id, 'DELIVERED', 'DELIVERED_TO_HANDSET');
    return { id, final: 'read' as DeliveryStatus, reports: [queued, sent, delivered, seen(id)] };
  });
}

async function runInstances(stores: [ConversationStore, ConversationStore], seed: number) {
  const rng = random(seed);
  const messages = scenario(40);
  const allReports = messages.flatMap((message) => message.reports);
  const flaky = new Set(allReports.filter(() => rng.next() < 0.15).map((item) => item.eventId));
  const attempts = new Map<string, number>();
  const successes = new Map<string, number>();
  const running = new Set<string>();
  const overlaps: string[] = [];

  const instances: RcsWebhooks[] = stores.map((store) => {
    const rcs = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, store });
    rcs.onError(() => {}); // the flaky handlers' failures are expected
    rcs.onDelivery(async (event) => {
      if (running.has(event.id)) overlaps.push(event.id);
      running.add(event.id);
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      await sleep(rng.int(4));
      running.delete(event.id);
      if (flaky.has(event.id) && attempt === 1) throw new Error('transient failure');
      successes.set(event.id, (successes.get(event.id) ?? 0) + 1);
    });
    return rcs;
  });

  // Every report one to three times, shuffled, in batches of one to three results.
  const deliveries = allReports.flatMap((item) => Array.from({ length: 1 + rng.int(3) }, () => item));
  for (let index = deliveries.length - 1; index > 0; index--) {
    const other = rng.int(index + 1);
    [deliveries[index], deliveries[other]] = [deliveries[other] as Report, deliveries[index] as Report];
  }
  const batches: Report[][] = [];
  for (let index = 0; index < deliveries.length; ) {
    const size = 1 + rng.int(3);
    batches.push(deliveries.slice(index, index + size));
    index += size;
  }
  const statuses = new Map<number, number>();
  // The provider retries a request until it is answered 200, each time to either instance.
  const deliver = async (request: SignedRequest) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { status } = await (instances[rng.int(2)] as RcsWebhooks).handle(request);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) return;
      await sleep(2 + rng.int(10));
    }
    throw new Error('a delivery was never acknowledged');
  };
  const requests = await Promise.all(
    batches.map((batch) =>
      signRequest({
        provider: 'infobip',
        body: { results: batch.map((item) => item.result) },
        config: { basic: INFOBIP_BASIC },
      }),
    ),
  );
  await Promise.all(requests.map(deliver));

  expect(overlaps).toEqual([]);
  expect(Object.fromEntries(successes)).toEqual(
    Object.fromEntries(allReports.map((item) => [item.eventId, 1])),
  );
  for (const rcs of instances) {
    for (const message of messages) {
      const record = await rcs.messages.get(message.id);
      expect(record?.status, message.id).toBe(message.final);
      expect(record?.history.map((change) => change.eventId).sort()).toEqual(
        message.reports.map((item) => item.eventId).sort(),
      );
    }
  }
  // The run really had duplicates, retried failures and concurrent claims to sort out.
  expect(deliveries.length).toBeGreaterThan(allReports.length);
  expect(statuses.get(500)).toBeGreaterThan(0);
  return statuses;
}

const SEED = Number(process.env.RCS_TEST_SEED ?? 20_260_522);

describe.skipIf(!redisUp)('two instances sharing one Redis', () => {
  it('run every event exactly once and end every message in its right status', async () => {
    const prefix = `${uniqueName('rcs-multi')}:`;
    const node = await nodeRedisClient();
    const io = await ioRedisClient();
    cleanups.push(
      () => node.close(),
      () => io.quit(),
      () => deleteKeys(node, prefix),
    );
    // One instance on node-redis, the other on ioredis.
    await runInstances([redisStore({ client: node, prefix }), redisStore({ client: io, prefix })], SEED);
  });
});

describe.skipIf(!postgresUp)('two instances sharing one PostgreSQL', () => {
  it('run every event exactly once and end every message in its right status', async () => {
    const schema = uniqueName('rcs_multi');
    const pool = new pg.Pool({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
    pool.on('error', () => {});
    const own = postgresStore({ connectionString: DATABASE_URL, schema });
    cleanups.push(async () => {
      await own.close();
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    });
    // One instance on its own pool from a connection string, the other on a pool the app made.
    await runInstances([own, postgresStore({ pool, schema })], SEED);
  });
});
