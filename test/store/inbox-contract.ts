import type { ConversationStore } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';

const LEASE = 30_000;

/**
 * The behaviour every store's durable inbox must have. `makeStore` must return a store whose
 * inbox is empty (its own prefix / schema); `clock` moves the store's time for lease and delay checks.
 */
export function inboxContract(
  name: string,
  makeStore: (clock: { now: number }) => Promise<ConversationStore> | ConversationStore,
  expectDurable: boolean,
) {
  describe(`${name}: inbox contract`, () => {
    const open = async (start = 1_000_000) => {
      const clock = { now: start };
      const store = await makeStore(clock);
      if (store.inbox === undefined) throw new Error('the store has no inbox');
      return { clock, inbox: store.inbox };
    };
    const items = (...keys: string[]) => keys.map((key) => ({ key, payload: `{"id":"${key}"}` }));
    const keysOf = (entries: { key: string }[]) => entries.map((entry) => entry.key);

    it(`says whether it is durable (${expectDurable})`, async () => {
      const { inbox } = await open();
      expect(inbox.durable).toBe(expectDurable);
    });

    it('adds each key once, whatever state it is in', async () => {
      const { inbox } = await open();
      expect(await inbox.enqueue(items('a', 'b', 'a'))).toBe(2);
      expect(await inbox.enqueue(items('a', 'c'))).toBe(1);
      const [first] = await inbox.take(1, LEASE);
      expect(await inbox.enqueue(items(first?.key ?? ''))).toBe(0);
      await inbox.deadLetter(first?.key ?? '', first?.leaseToken ?? '', 'boom');
      expect(await inbox.enqueue(items(first?.key ?? ''))).toBe(0);
      expect(await inbox.counts()).toEqual({ pending: 2, deadLetters: 1 });
      expect(await inbox.enqueue([])).toBe(0);
    });

    it('hands out due entries oldest first, up to the limit, with attempts counted', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('1'));
      clock.now += 1;
      await inbox.enqueue(items('2', '3'));
      const taken = await inbox.take(2, LEASE);
      expect(keysOf(taken)).toEqual(['1', '2']);
      expect(taken[0]).toMatchObject({ key: '1', payload: '{"id":"1"}', attempts: 1, enqueuedAt: 1_000_000 });
      expect(taken[0]?.leaseToken).toEqual(expect.any(String));
      expect(keysOf(await inbox.take(5, LEASE))).toEqual(['3']);
      expect(await inbox.take(5, LEASE)).toEqual([]);
    });

    it('hands a leased entry out again only once its lease expired, under a new token', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('k'));
      const [first] = await inbox.take(1, LEASE);
      clock.now += LEASE - 1;
      expect(await inbox.take(1, LEASE)).toEqual([]);
      clock.now += 1;
      const [again] = await inbox.take(1, LEASE);
      expect(again).toMatchObject({ key: 'k', attempts: 2 });
      expect(again?.leaseToken).not.toBe(first?.leaseToken);
      // The first worker's late answer no longer counts.
      await inbox.ack('k', first?.leaseToken ?? '');
      await inbox.retry('k', first?.leaseToken ?? '', 0, 'late');
      await inbox.deadLetter('k', first?.leaseToken ?? '', 'late');
      expect(await inbox.counts()).toEqual({ pending: 1, deadLetters: 0 });
      await inbox.ack('k', again?.leaseToken ?? '');
      expect(await inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
    });

    it('extends a lease while its token is current', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('k'));
      const [first] = await inbox.take(1, LEASE);
      clock.now += LEASE - 1;
      expect(await inbox.extend('k', first?.leaseToken ?? '', LEASE)).toBe(true);
      clock.now += LEASE - 1;
      expect(await inbox.take(1, LEASE)).toEqual([]);
      clock.now += 1;
      const [second] = await inbox.take(1, LEASE);
      expect(second).toMatchObject({ key: 'k', attempts: 2 });
      expect(await inbox.extend('k', first?.leaseToken ?? '', LEASE)).toBe(false);
      expect(await inbox.extend('k', second?.leaseToken ?? '', LEASE)).toBe(true);
      expect(await inbox.extend('unknown', second?.leaseToken ?? '', LEASE)).toBe(false);
    });

    it('postpones without counting the attempt or touching the last error', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('k'));
      const [first] = await inbox.take(1, LEASE);
      await inbox.retry('k', first?.leaseToken ?? '', 0, 'Error: first');
      const [second] = await inbox.take(1, LEASE);
      expect(second).toMatchObject({ attempts: 2 });
      await inbox.postpone('k', second?.leaseToken ?? '', 1_000);
      await inbox.postpone('k', second?.leaseToken ?? '', 0); // stale token: nothing
      clock.now += 999;
      expect(await inbox.take(1, LEASE)).toEqual([]);
      clock.now += 1;
      expect(await inbox.take(1, LEASE)).toMatchObject([
        { key: 'k', attempts: 2, lastError: 'Error: first' },
      ]);
    });

    it('removes an acknowledged entry, so its key can be enqueued again', async () => {
      const { inbox } = await open();
      await inbox.enqueue(items('k'));
      const [entry] = await inbox.take(1, LEASE);
      await inbox.ack('k', entry?.leaseToken ?? '');
      expect(await inbox.take(1, LEASE)).toEqual([]);
      expect(await inbox.enqueue(items('k'))).toBe(1);
    });

    it('retries after the delay, keeping the error', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('k'));
      const [entry] = await inbox.take(1, LEASE);
      await inbox.retry('k', entry?.leaseToken ?? '', 5_000, 'Error: upstream down');
      clock.now += 4_999;
      expect(await inbox.take(1, LEASE)).toEqual([]);
      clock.now += 1;
      expect(await inbox.take(1, LEASE)).toMatchObject([
        { key: 'k', attempts: 2, lastError: 'Error: upstream down' },
      ]);
    });

    it('keeps dead letters apart, lists them oldest first, replays and discards them', async () => {
      const { clock, inbox } = await open();
      await inbox.enqueue(items('a', 'b', 'c'));
      for (const entry of await inbox.take(3, LEASE)) {
        clock.now += 10;
        await inbox.deadLetter(entry.key, entry.leaseToken, `failed ${entry.key}`);
      }
      expect(await inbox.take(3, LEASE)).toEqual([]);
      const letters = await inbox.listDeadLetters({ limit: 10, offset: 0 });
      expect(letters).toEqual([
        {
          key: 'a',
          payload: '{"id":"a"}',
          attempts: 1,
          enqueuedAt: 1_000_000,
          deadAt: 1_000_010,
          lastError: 'failed a',
        },
        {
          key: 'b',
          payload: '{"id":"b"}',
          attempts: 1,
          enqueuedAt: 1_000_000,
          deadAt: 1_000_020,
          lastError: 'failed b',
        },
        {
          key: 'c',
          payload: '{"id":"c"}',
          attempts: 1,
          enqueuedAt: 1_000_000,
          deadAt: 1_000_030,
          lastError: 'failed c',
        },
      ]);
      expect(keysOf(await inbox.listDeadLetters({ limit: 1, offset: 1 }))).toEqual(['b']);

      expect(await inbox.replay('b')).toBe(true);
      expect(await inbox.replay('b')).toBe(false);
      expect(await inbox.replay('unknown')).toBe(false);
      expect(await inbox.take(3, LEASE)).toMatchObject([{ key: 'b', attempts: 1, lastError: 'failed b' }]);

      expect(await inbox.discard('a')).toBe(true);
      expect(await inbox.discard('a')).toBe(false);
      expect(await inbox.discard('b')).toBe(false);
      expect(await inbox.counts()).toEqual({ pending: 1, deadLetters: 1 });
    });

    it('never hands one entry to two concurrent takers', async () => {
      const { inbox } = await open();
      const keys = Array.from({ length: 60 }, (_, index) => `k${index}`);
      await inbox.enqueue(items(...keys));
      const batches = await Promise.all(Array.from({ length: 6 }, () => inbox.take(15, LEASE)));
      const taken = batches.flatMap(keysOf);
      expect(taken).toHaveLength(60);
      expect(new Set(taken).size).toBe(60);
    });

    it('keeps payloads byte for byte', async () => {
      const { inbox } = await open();
      const payload = `{"text":"héllo 👋 \\u0000 \\"q\\"","pad":"${'x'.repeat(100_000)}"}`;
      await inbox.enqueue([{ key: 'k', payload }]);
      const [entry] = await inbox.take(1, LEASE);
      expect(entry?.payload).toBe(payload);
    });

    it('keeps keys, payloads and errors with lone surrogates or NUL distinct and as they were', async () => {
      const { inbox } = await open();
      const keys = [
        'k',
        'k\ud800',
        'k\udbff',
        'k\ufffd',
        'k\u0000',
        'k\u0001',
        'k\u0001d800',
        'k\ud83d\ude00',
      ];
      const entries = keys.map((key) => ({ key, payload: `${key}\u0000\ud800 payload` }));
      expect(await inbox.enqueue(entries)).toBe(keys.length);
      expect(await inbox.enqueue(entries)).toBe(0);
      const taken = await inbox.take(keys.length, LEASE);
      expect(taken.map(({ key, payload }) => ({ key, payload }))).toEqual(entries);
      for (const entry of taken) await inbox.retry(entry.key, entry.leaseToken, 0, `failed ${entry.key}`);
      const again = await inbox.take(keys.length, LEASE);
      expect(again.map((entry) => entry.lastError)).toEqual(keys.map((key) => `failed ${key}`));
      for (const entry of again) await inbox.deadLetter(entry.key, entry.leaseToken, `dead ${entry.key}`);
      const letters = await inbox.listDeadLetters({ limit: 100, offset: 0 });
      expect(letters.map((letter) => [letter.key, letter.lastError])).toEqual(
        keys.map((key) => [key, `dead ${key}`]),
      );
      expect(await inbox.replay('k\udbff')).toBe(true);
      expect(await inbox.discard('k\ud800')).toBe(true);
      expect(keysOf(await inbox.take(10, LEASE))).toEqual(['k\udbff']);
      expect(await inbox.counts()).toEqual({ pending: 1, deadLetters: keys.length - 2 });
    });
  });
}
