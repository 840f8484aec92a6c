import fc from 'fast-check';
import { type ConversationStore, memoryStore } from 'rcs-webhooks';
import { postgresStore } from 'rcs-webhooks/postgres';
import { redisStore } from 'rcs-webhooks/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, testPool } from '../store/pg-helpers.js';
import { deleteKeys, nodeRedisClient } from '../store/redis-clients.js';
import { DATABASE_URL, REDIS_URL, serverAvailable, uniqueName } from '../store/servers.js';
import { distinctEvents, hostileRun, itemBody, runsPerEvent, sendRun } from './surrogates.js';

/**
 * Lone UTF-16 surrogates and NUL in ids (issue 13, item 9), through the real pipeline on every
 * store: JSON lets a signed body carry `"\ud800"`, which UTF-8 clients turn into U+FFFD (two ids,
 * one key: an event acknowledged and lost) and PostgreSQL refuses in jsonb and text (a 503 on
 * every retry: a poison message, and the rest of its batch never handled).
 *
 * Properties, for batches of such ids sent and partly sent again: every answer is 200 (never 503);
 * each distinct event runs its handlers exactly once, whatever ids it shares a batch with; no store
 * failure is reported.
 */

const redisUp = await serverAvailable('Redis', REDIS_URL);
const postgresUp = await serverAvailable('PostgreSQL', DATABASE_URL);
const prefix = `${uniqueName('rcs-surrogates')}:`;
const schema = uniqueName('rcs_surrogates');
const pool = testPool();
const redis = redisUp ? await nodeRedisClient() : undefined;

afterAll(async () => {
  if (redis !== undefined) {
    await deleteKeys(redis, prefix);
    await redis.close();
  }
  if (postgresUp) await dropSchema(pool, schema);
  await pool.end();
});

const stores: [string, boolean, () => ConversationStore][] = [
  ['memoryStore', true, () => memoryStore()],
  ['redisStore', redisUp, () => redisStore({ client: redis as never, prefix })],
  ['postgresStore', postgresUp, () => postgresStore({ pool, schema, cleanupIntervalMs: 0 })],
];

let runs = 0;
const nextRun = () => `r${++runs}-${Math.random().toString(36).slice(2, 8)}-`;

describe.each(stores)('%s', (_name, up, makeStore) => {
  const store = up ? makeStore() : undefined;

  it.skipIf(!up).each(['inline', 'inbox'] as const)(
    '%s: keeps distinct ids distinct, answers 200 and runs each event once',
    async (mode) => {
      await fc.assert(
        fc.asyncProperty(hostileRun, async ({ batches, resend }) => {
          const { statuses, handled, errors } = await sendRun(
            store as ConversationStore,
            nextRun(),
            batches,
            resend,
            mode,
          );
          expect(statuses.filter((status) => status !== 200)).toEqual([]);
          const ran = runsPerEvent(handled);
          expect([...ran.entries()].filter(([, count]) => count !== 1)).toEqual([]);
          expect(ran.size).toBe(distinctEvents(batches));
          const storeErrors = errors.filter((error) =>
            /^store_/.test((error as { code?: string }).code ?? ''),
          );
          expect(storeErrors).toEqual([]);
        }),
        { numRuns: mode === 'inline' ? 40 : 15 },
      );
    },
  );

  it.skipIf(!up)('handles every event of a batch whose middle id ends in a lone surrogate', async () => {
    const items = [
      { kind: 'delivery', id: 'ok1', status: 0 },
      { kind: 'delivery', id: 'x\ud800', status: 0 },
      { kind: 'delivery', id: 'ok2', status: 0 },
    ] as const;
    const run = nextRun();
    for (let attempt = 0; attempt < 2; attempt++) {
      const { statuses, handled } = await sendRun(
        store as ConversationStore,
        run,
        [[...items]],
        [],
        'inline',
      );
      expect(statuses).toEqual([200]);
      // The first attempt runs all three; the provider's retry finds them done.
      expect(handled.map((event) => event.kind === 'delivery' && event.messageId)).toEqual(
        attempt === 0 ? items.map((item) => `${run}${item.id}`) : [],
      );
    }
  });

  it.skipIf(!up)('runs both events whose ids differ only in a lone surrogate', async () => {
    const run = nextRun();
    const first = await sendRun(
      store as ConversationStore,
      run,
      [[{ kind: 'delivery', id: 'x\ud800', status: 0 }]],
      [],
      'inline',
    );
    const second = await sendRun(
      store as ConversationStore,
      run,
      [[{ kind: 'delivery', id: 'x\udbff', status: 0 }]],
      [],
      'inline',
    );
    expect([...first.statuses, ...second.statuses]).toEqual([200, 200]);
    expect([...first.handled, ...second.handled].map((event) => event.id)).toEqual([
      `delivery:${run}x\ud800:DELIVERED:DELIVERED_TO_HANDSET`,
      `delivery:${run}x\udbff:DELIVERED:DELIVERED_TO_HANDSET`,
    ]);
  });

  it.skipIf(!up)('never answers 503 for an id the store cannot index, and still handles it', async () => {
    // Random text does not compress: as a key it exceeds PostgreSQL's btree row limit (2,704 bytes).
    let id = '';
    while (id.length < 12_000) id += Math.random().toString(36).slice(2);
    const run = nextRun();
    const { statuses, handled, errors } = await sendRun(
      store as ConversationStore,
      run,
      [
        [
          { kind: 'delivery', id, status: 0 },
          { kind: 'delivery', id: 'after', status: 0 },
        ],
      ],
      [],
      'inline',
    );
    expect(statuses).toEqual([200]);
    expect(handled.map((event) => event.kind === 'delivery' && event.messageId)).toEqual([
      `${run}${id}`,
      `${run}after`,
    ]);
    expect(errors.map((error) => (error as { code?: string }).code)).not.toContain('store_unavailable');
  });
});

it('builds bodies whose ids survive JSON as they were generated', () => {
  fc.assert(
    fc.property(hostileRun, ({ batches }) => {
      for (const item of batches.flat()) {
        const body = itemBody('r-', item);
        expect((JSON.parse(JSON.stringify(body)) as { messageId: string }).messageId).toBe(`r-${item.id}`);
      }
    }),
    { numRuns: 50 },
  );
});
