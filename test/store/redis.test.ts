import { type RedisClientLike, type RedisStore, redisStore } from 'rcs-webhooks/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.js';
import { inboxContract } from './inbox-contract.js';
import { deleteKeys, ioRedisClient, nodeRedisClient } from './redis-clients.js';
import { REDIS_URL, serverAvailable, uniqueName } from './servers.js';

const up = await serverAvailable('Redis', REDIS_URL);
const prefix = `${uniqueName('rcs-test')}:`;

describe.skipIf(!up)('redisStore', () => {
  let node: Awaited<ReturnType<typeof nodeRedisClient>>;
  let io: Awaited<ReturnType<typeof ioRedisClient>>;
  const opened: RedisStore[] = [];

  beforeAll(async () => {
    node = await nodeRedisClient();
    io = await ioRedisClient();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await deleteKeys(node, prefix);
    await node?.close();
    await io?.quit();
  });

  storeContract('redisStore (node-redis client)', (clock) =>
    redisStore({ client: node, prefix, now: () => clock.now }),
  );
  storeContract('redisStore (ioredis client)', (clock) =>
    redisStore({ client: io, prefix, now: () => clock.now }),
  );
  storeContract('redisStore (url)', (clock) => {
    const store = redisStore({ url: REDIS_URL, prefix, now: () => clock.now });
    opened.push(store);
    return store;
  });

  // Each inbox gets its own prefix (under the suite's, so afterAll deletes its keys: they have no TTL).
  const inboxPrefix = () => `${prefix}${uniqueName('inbox')}:`;
  inboxContract(
    'redisStore (node-redis client)',
    (clock) => redisStore({ client: node, prefix: inboxPrefix(), now: () => clock.now }),
    true,
  );
  inboxContract(
    'redisStore (ioredis client)',
    (clock) => redisStore({ client: io, prefix: inboxPrefix(), now: () => clock.now }),
    true,
  );
  inboxContract(
    'redisStore (url)',
    (clock) => {
      const store = redisStore({ url: REDIS_URL, prefix: inboxPrefix(), now: () => clock.now });
      opened.push(store);
      return store;
    },
    true,
  );

  it('never hands one inbox entry to takers on two connections', async () => {
    const shared = inboxPrefix();
    const clock = { now: 1_000_000 };
    const stores = [
      redisStore({ client: node, prefix: shared, now: () => clock.now }),
      redisStore({ client: io, prefix: shared, now: () => clock.now }),
    ];
    const keys = Array.from({ length: 300 }, (_, index) => `k${index}`);
    expect(await stores[0]?.inbox.enqueue(keys.map((key) => ({ key, payload: key })))).toBe(300);
    const taken: string[] = [];
    for (let round = 0; round < 3; round++) {
      // Many takes in flight on both connections at once; after a round, every lease expires.
      const batches = await Promise.all(
        Array.from({ length: 24 }, (_, index) => stores[index % 2]?.inbox.take(7, 60_000) ?? []),
      );
      const keysTaken = batches.flat().map((entry) => entry.key);
      expect(new Set(keysTaken).size).toBe(keysTaken.length);
      taken.push(...keysTaken);
      clock.now += 60_000;
    }
    // 3 rounds × 24 takes × 7 = 504. Later rounds take fresh entries and expired leases alike; a
    // lease taken in a round ends after it, so no key may appear twice within one.
    expect(taken).toHaveLength(504);
    expect(await stores[1]?.inbox.counts()).toEqual({ pending: 300, deadLetters: 0 });
  });

  it('keeps a 1 MiB inbox payload byte for byte, NUL and multibyte characters included', async () => {
    const head = '{"text":"\u0000 é 👋 \r\n","pad":"';
    const payload = `${head}${'ü'.repeat((1_048_576 - Buffer.byteLength(head) - 2) / 2)}"}`;
    expect(Buffer.byteLength(payload)).toBe(1_048_576);
    for (const client of [node, io]) {
      const { inbox } = redisStore({ client, prefix: inboxPrefix() });
      await inbox.enqueue([{ key: 'big', payload }]);
      const [entry] = await inbox.take(1, 60_000);
      expect(entry?.payload === payload).toBe(true);
      await inbox.deadLetter('big', entry?.leaseToken ?? '', 'e');
      const [letter] = await inbox.listDeadLetters({ limit: 1, offset: 0 });
      expect(letter?.payload === payload).toBe(true);
    }
  });

  it('hands out inbox entries due in the same millisecond in enqueue order', async () => {
    const { inbox } = redisStore({ client: io, prefix: inboxPrefix(), now: () => 5_000 });
    const first = ['z', 'b', 'y', 'a'];
    await inbox.enqueue(first.map((key) => ({ key, payload: key })));
    await inbox.enqueue([{ key: '0', payload: '0' }]);
    expect((await inbox.take(10, 60_000)).map((entry) => entry.key)).toEqual([...first, '0']);
  });

  it('keeps the inbox in four kinds of key, none with a TTL', async () => {
    const own = inboxPrefix();
    const store = redisStore({ client: node, prefix: own });
    await store.inbox.enqueue([
      { key: 'a', payload: 'A' },
      { key: 'b', payload: 'B' },
    ]);
    const [entry] = await store.inbox.take(1, 60_000);
    await store.inbox.deadLetter(entry?.key ?? '', entry?.leaseToken ?? '', 'boom');
    const keys: string[] = [];
    for await (const batch of node.scanIterator({ MATCH: `${own}*` })) keys.push(...batch);
    expect(keys.sort()).toEqual(
      [
        `${own}inbox:queue`,
        `${own}inbox:dead`,
        `${own}inbox:seq`,
        `${own}inbox:entry:a`,
        `${own}inbox:entry:b`,
      ].sort(),
    );
    for (const key of keys) expect(await node.pTTL(key), key).toBe(-1);
  });

  it('sets a TTL on every key it writes', async () => {
    const own = `${uniqueName('rcs-ttl')}:`;
    const store = redisStore({ client: node, prefix: own });
    await store.claim('leased', 60_000);
    await store.claim('done', 60_000);
    await store.complete('done', 60_000);
    await store.recordStatus({
      provider: 'p',
      messageId: 'm',
      status: 'sent',
      providerStatus: 'S',
      eventId: 'e',
      receivedAt: 1,
    });
    await store.saveConversation({
      provider: 'p',
      conversationId: 'c',
      type: 'A2P',
      derived: false,
      user: 'u',
      endsAt: Date.now() + 1_000,
    });
    await store.saveConversation({
      provider: 'p',
      conversationId: 'open',
      type: 'A2P',
      derived: false,
      user: 'u',
    });
    await store.recordActivity?.(
      { provider: 'p', user: 'u', messageId: 'm', direction: 'business', at: Date.now() },
      { from: 0, to: Date.now(), ttlMs: 60_000 },
    );
    const start = Date.now();
    await store.startConversation?.({
      provider: 'p',
      conversationId: 'derived',
      type: 'A2P',
      derived: true,
      user: 'u',
      startsAt: start,
      endsAt: start + 1_000,
    });
    const keys: string[] = [];
    for await (const batch of node.scanIterator({ MATCH: `${own}*` })) keys.push(...batch);
    expect(keys.sort()).toEqual(
      [
        `${own}claim:leased`,
        `${own}claim:done`,
        `${own}msg:p:m`,
        `${own}conv:p:c`,
        `${own}conv:p:open`,
        `${own}conv:p:derived`,
        `${own}conv-user:p:u`,
        `${own}activity:p:u`,
      ].sort(),
    );
    for (const key of keys) expect(await node.pTTL(key), key).toBeGreaterThan(0);
    // The user's index lives as long as its longest-lived conversation.
    expect(await node.pTTL(`${own}conv-user:p:u`)).toBeGreaterThan(2 * 24 * 3_600_000 - 60_000);
    await deleteKeys(node, own);
  });

  it('makes one round trip per hot-path call', async () => {
    const sent: string[][] = [];
    const counting: RedisClientLike = {
      sendCommand: (args) => {
        sent.push([...args]);
        return node.sendCommand(args);
      },
    };
    const store = redisStore({ client: counting, prefix });
    const update = {
      provider: 'p',
      messageId: uniqueName('m'),
      status: 'sent',
      providerStatus: 'S',
      receivedAt: 1,
    } as const;
    // Warm up: the first use of each script on a server may need EVAL after a NOSCRIPT.
    const warm = uniqueName('warm');
    await store.claim(warm, 1_000, 't');
    await store.extend(warm, 't', 1_000);
    await store.complete(warm, 1_000, 't');
    await store.release(warm, 't');
    await store.recordStatus({ ...update, eventId: 'warm' });
    sent.length = 0;
    const key = uniqueName('k');
    await store.claim(key, 60_000, 't');
    await store.extend(key, 't', 60_000);
    await store.complete(key, 60_000, 't');
    await store.release(key, 't');
    await store.recordStatus({ ...update, eventId: 'e1' });
    expect(sent.map((args) => args[0])).toEqual(['EVALSHA', 'EVALSHA', 'EVALSHA', 'EVALSHA', 'EVALSHA']);
    // Conversation derivation: one script each (warmed up first, like the others).
    const activity = { provider: 'p', user: uniqueName('u'), direction: 'user', at: 1 } as const;
    const conversation = { provider: 'p', type: 'A2P', derived: true, startsAt: 1, endsAt: 2 } as const;
    const window = { from: 0, to: 10, ttlMs: 60_000 };
    await store.recordActivity?.({ ...activity, messageId: 'warm' }, window);
    await store.startConversation?.({
      ...conversation,
      user: activity.user,
      conversationId: uniqueName('c'),
    });
    sent.length = 0;
    await store.recordActivity?.({ ...activity, messageId: 'm' }, window);
    await store.startConversation?.({
      ...conversation,
      user: activity.user,
      conversationId: uniqueName('c'),
    });
    expect(sent.map((args) => args[0])).toEqual(['EVALSHA', 'EVALSHA']);
  });

  it('makes one round trip per inbox call', async () => {
    const sent: string[][] = [];
    const counting: RedisClientLike = {
      sendCommand: (args) => {
        sent.push([...args]);
        return node.sendCommand(args);
      },
    };
    const { inbox } = redisStore({ client: counting, prefix: inboxPrefix() });
    const cycle = async () => {
      await inbox.enqueue([
        { key: 'a', payload: 'A' },
        { key: 'b', payload: 'B' },
        { key: 'c', payload: 'C' },
      ]);
      const [a, b, c] = await inbox.take(3, 60_000);
      await inbox.extend('a', a?.leaseToken ?? '', 60_000);
      await inbox.ack('a', a?.leaseToken ?? '');
      await inbox.postpone('b', b?.leaseToken ?? '', 0);
      const [b2] = await inbox.take(1, 60_000);
      await inbox.retry('b', b2?.leaseToken ?? '', 0, 'e');
      await inbox.deadLetter('c', c?.leaseToken ?? '', 'e');
      await inbox.listDeadLetters({ limit: 10, offset: 0 });
      await inbox.replay('c');
      const [again] = await inbox.take(1, 60_000);
      await inbox.deadLetter(again?.key ?? '', again?.leaseToken ?? '', 'e');
      await inbox.discard(again?.key ?? '');
      await inbox.counts();
    };
    await cycle(); // warm up: loads the scripts on first use
    await inbox.take(10, 60_000).then((rest) => Promise.all(rest.map((e) => inbox.ack(e.key, e.leaseToken))));
    sent.length = 0;
    await cycle();
    expect(sent.map((args) => args[0])).toEqual(Array(14).fill('EVALSHA'));
  });

  it('keys ordinary ids as before and escapes only what Redis cannot hold apart', async () => {
    const own = `${uniqueName('rcs-escape')}:`;
    const store = redisStore({ client: node, prefix: own });
    for (const id of ['plain:é😀', 'x\ud800', 'x\udbff', 'x\u0000', 'x\u0001']) await store.claim(id, 60_000);
    const keys: string[] = [];
    for await (const batch of node.scanIterator({ MATCH: `${own}*` })) keys.push(...batch);
    expect(keys.sort()).toEqual(
      ['plain:é😀', 'x\u0001d800', 'x\u0001dbff', 'x\u00010000', 'x\u00010001']
        .map((id) => `${own}claim:${id}`)
        .sort(),
    );
    await deleteKeys(node, own);
  });

  it('reloads its scripts when the server lost them', async () => {
    const store = redisStore({ client: node, prefix });
    await store.claim(uniqueName('k'), 1_000);
    await node.sendCommand(['SCRIPT', 'FLUSH']);
    expect(await store.claim(uniqueName('k'), 1_000)).toBe('claimed');
  });

  it('keeps its keys under the prefix and the default prefix is rcs:', async () => {
    const store = redisStore({ client: node });
    const key = uniqueName('default-prefix');
    await store.claim(key, 1_000);
    expect(await node.exists(`rcs:claim:${key}`)).toBe(1);
    await store.release(key);
  });

  it('rejects options it cannot use', () => {
    // @ts-expect-error neither a client nor a url
    expect(() => redisStore({})).toThrow(/client.*url/);
    // @ts-expect-error not a Redis client
    expect(() => redisStore({ client: {} })).toThrow(/node-redis v5 client .* or an ioredis client/);
    expect(() => redisStore({ client: node, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
