import { type RedisClientLike, type RedisStore, redisStore } from 'rcs-webhooks/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.js';
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
    await store.claim(uniqueName('warm'), 1_000);
    await store.recordStatus({ ...update, eventId: 'warm' });
    sent.length = 0;
    const key = uniqueName('k');
    await store.claim(key, 60_000);
    await store.complete(key, 60_000);
    await store.release(key);
    await store.recordStatus({ ...update, eventId: 'e1' });
    expect(sent.map((args) => args[0])).toEqual(['EVALSHA', 'SET', 'DEL', 'EVALSHA']);
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
    expect(() => redisStore({ client: {} })).toThrow(/node-redis v5 or an ioredis client/);
    expect(() => redisStore({ client: node, timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
