import { memoryStore } from 'rcs-webhooks';
import { redisStore } from 'rcs-webhooks/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, serverAvailable, uniqueName } from '../store/servers.js';
import { deleteRedisKeys } from './env.js';
import { type LoadRunResult, runLoad } from './run.js';

// Signed webhooks of every provider through the Express app over loopback, with duplicates,
// reordered status reports and handlers that fail transiently, retried by the client the way providers
// retry: every event must end handled exactly once. This is the `npm test` size; `npx tsx
// scripts/load-test.ts` runs 100,000 events per store (see /tmp/readme-load.md, README "Load test").

const redisUp = await serverAvailable('Redis', REDIS_URL);
const TIME_LIMIT_MS = 100_000; // sending; a run takes a few seconds on an idle machine
const TEST_TIMEOUT_MS = 150_000;

function expectExactlyOnce(result: LoadRunResult) {
  console.log(result.report);
  expect(result.problems).toEqual([]);
  expect(result.lost).toBe(0);
  expect(result.doubled).toBe(0);
  expect(result.rerunAfterFailedCompletion).toBe(0);
  expect(result.client.gaveUp).toEqual([]);
  // The traffic had what it is meant to have.
  expect(result.plan.duplicates).toBeGreaterThan(0);
  expect(result.plan.reordered).toBeGreaterThan(0);
  expect(result.client.byStatus.get(500)).toBeGreaterThan(0); // failed handlers made the client retry
  expect(result.counters.claims.duplicate).toBeGreaterThan(0);
}

describe('load: signed traffic through the Express app, every event handled exactly once', () => {
  it(
    'memory store, one instance: 10,000 events',
    async () => {
      expectExactlyOnce(
        await runLoad({
          label: 'memory store',
          events: 10_000,
          stores: [memoryStore()],
          timeLimitMs: TIME_LIMIT_MS,
        }),
      );
    },
    TEST_TIMEOUT_MS,
  );

  describe.skipIf(!redisUp)('Redis store', () => {
    const prefix = `${uniqueName('rcs-load')}:`;
    const stores = [redisStore({ url: REDIS_URL, prefix }), redisStore({ url: REDIS_URL, prefix })];
    afterAll(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await deleteRedisKeys(REDIS_URL, prefix);
    });

    it(
      'two instances sharing one Redis (retries go to the other instance): 6,000 events',
      async () => {
        expectExactlyOnce(
          await runLoad({ label: 'Redis store', events: 6_000, stores, timeLimitMs: TIME_LIMIT_MS }),
        );
      },
      TEST_TIMEOUT_MS,
    );
  });
});
