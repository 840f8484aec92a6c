import {
  type ConversationStartedEvent,
  type ConversationStore,
  createRcsWebhooks,
  memoryStore,
  type RcsWebhooks,
} from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { signRequest } from 'rcs-webhooks/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sample } from '../../examples/samples/telnyx.js';
import { dropSchema, testPool } from '../store/pg-helpers.js';
import { deleteKeys, nodeRedisClient } from '../store/redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName } from '../store/servers.js';
import { HOUR, T0, telnyxInbound, telnyxOutbound } from './conversation-helpers.js';

// Two app instances share one store. Each user got a business message; their two answers and
// every redelivery reach both instances at once. Exactly one session per user must be derived,
// and its handlers must run exactly once across both instances.

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

if (sample.provider !== 'telnyx') throw new Error('not the telnyx sample');
const options = sample.options;
const signing = sample.signing;

async function run(stores: [ConversationStore, ConversationStore]) {
  const clock = { now: T0 + 2 * HOUR };
  const handled: ConversationStartedEvent[] = [];
  const instances: RcsWebhooks[] = stores.map((store) => {
    const rcs = createRcsWebhooks({ providers: { telnyx: options }, store, now: () => clock.now });
    rcs.onConversationStarted(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      handled.push(event);
    });
    return rcs;
  });
  const send = async (instance: RcsWebhooks, body: unknown) =>
    (await instance.handle(await signRequest({ provider: 'telnyx', body, config: signing, now: clock.now })))
      .status;

  const run = uniqueName('run');
  const users = Array.from({ length: 12 }, (_, index) => `+1312555${String(index).padStart(4, '0')}`);
  for (const user of users) {
    await send(instances[0] as RcsWebhooks, telnyxOutbound(`${run}-b-${user}`, T0, { user }));
  }
  const statuses = await Promise.all(
    users.flatMap((user) => {
      const first = telnyxInbound(`${run}-u1-${user}`, T0 + HOUR, { user });
      const second = telnyxInbound(`${run}-u2-${user}`, T0 + HOUR + 60_000, { user });
      return [first, second, first, second].flatMap((body) =>
        instances.map((instance) => send(instance, body)),
      );
    }),
  );
  // A request that met another holding an event answers 409; the provider retries it.
  for (const status of statuses) expect([200, 409]).toContain(status);
  // The retries: every answer once more to each instance.
  for (const user of users) {
    for (const answer of ['u1', 'u2']) {
      const body = telnyxInbound(`${run}-${answer}-${user}`, T0 + HOUR + (answer === 'u2' ? 60_000 : 0), {
        user,
      });
      for (const instance of instances) expect(await send(instance, body)).toBe(200);
    }
  }
  const ids = handled.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(handled).toHaveLength(users.length);
  for (const user of users) {
    const session = await instances[1]?.conversations.find({ provider: 'telnyx', user, at: T0 + 3 * HOUR });
    expect(session, user).toMatchObject({ type: 'A2P', derived: true });
    expect([`${run}-u1-${user}`, `${run}-u2-${user}`]).toContain(session?.messageId);
  }
}

describe('derived conversations shared by two instances', () => {
  it('memoryStore (one store object)', async () => {
    const store = memoryStore({ now: () => T0 + 2 * HOUR });
    await run([store, store]);
  });

  it.skipIf(!redisUp)('redisStore', async () => {
    const prefix = `${uniqueName('rcs-conv')}:`;
    const client = await nodeRedisClient();
    cleanups.push(async () => {
      await deleteKeys(client, prefix);
      await client.close();
    });
    const now = () => T0 + 2 * HOUR;
    await run([redisStore({ client, prefix, now }), redisStore({ client, prefix, now })]);
  });

  it.skipIf(!postgresUp)('postgresStore', async () => {
    const schema = uniqueName('rcs_conv');
    const pool = testPool();
    cleanups.push(async () => {
      await dropSchema(pool, schema);
      await pool.end();
    });
    const now = () => T0 + 2 * HOUR;
    const store = (maxConnections: number) =>
      postgresStore({ connectionString: DATABASE_URL, schema, maxConnections, cleanupIntervalMs: 0, now });
    const stores: [ConversationStore, ConversationStore] = [store(4), store(4)];
    cleanups.push(() => Promise.all(stores.map((item) => item.close?.())));
    await postgresStore({ pool, schema }).ready();
    await run(stores);
  });
});
