import { ClaimEvictedError, memoryStore, type RcsWebhookError } from 'rcs-webhooks';
import { describe, expect, it, vi } from 'vitest';
import { storeContract } from './contract.js';
import { inboxContract } from './inbox-contract.js';

storeContract('memoryStore', (clock) => memoryStore({ now: () => clock.now }));

describe('memoryStore bounds', () => {
  it('caps the number of entries, evicting the oldest', async () => {
    const store = memoryStore({ maxEntries: 100 });
    for (let index = 0; index < 250; index++) await store.claim(`k${index}`, 60_000);
    expect(await store.claim('k249', 60_000)).toBe('in_progress');
    expect(await store.claim('k0', 60_000)).toBe('claimed');
  });

  it('reports claims evicted before their TTL at once, then at most once a minute with a count', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const store = memoryStore({ maxEntries: 10 });
      const reports: RcsWebhookError[] = [];
      store.reportErrorsTo?.((error) => reports.push(error));
      const handle = async (key: string, ttlMs = 60 * 60_000) => {
        expect(await store.claim(key, 1_000, 't')).toBe('claimed');
        await store.complete(key, ttlMs, 't');
      };
      for (let index = 0; index < 10; index++) await handle(`k${index}`);
      expect(reports).toEqual([]);
      await handle('k10'); // evicts k0, an hour before its TTL
      expect(reports).toEqual([expect.any(ClaimEvictedError)]);
      expect(reports[0]).toMatchObject({ code: 'claim_evicted', evicted: 1 });
      for (let index = 11; index < 15; index++) await handle(`k${index}`);
      expect(reports).toHaveLength(1);
      vi.advanceTimersByTime(60_000);
      expect(reports.map((error) => (error as ClaimEvictedError).evicted)).toEqual([1, 4]);
      // The evicted events are forgotten: a retry of one is claimed again (evicting k5, reported later).
      expect(await store.claim('k0', 1_000, 'u')).toBe('claimed');
      vi.advanceTimersByTime(60_000);
      expect(reports.map((error) => (error as ClaimEvictedError).evicted)).toEqual([1, 4, 1]);
      // Claims dropped once their TTL is over are no eviction.
      vi.advanceTimersByTime(2 * 60 * 60_000);
      for (let index = 20; index < 30; index++) await handle(`k${index}`);
      vi.advanceTimersByTime(2 * 60_000);
      expect(reports).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('forgets completed keys after their TTL', async () => {
    let now = 0;
    const store = memoryStore({ now: () => now });
    await store.claim('k', 1_000);
    await store.complete('k', 5_000);
    now = 4_999;
    expect(await store.claim('k', 1_000)).toBe('duplicate');
    now = 5_000;
    expect(await store.claim('k', 1_000)).toBe('claimed');
  });

  it('finds conversations by user only while they are stored', async () => {
    let now = 0;
    const store = memoryStore({ maxEntries: 2, conversationTtlMs: 1_000, now: () => now });
    const base = { provider: 'p', type: 'P2A', derived: false, user: 'u' } as const;
    for (const id of ['c1', 'c2', 'c3']) await store.saveConversation({ ...base, conversationId: id });
    const activity = { provider: 'p', user: 'u', messageId: 'm', direction: 'user', at: 0 } as const;
    const window = { from: -1, to: 1, ttlMs: 1_000 };
    const found = await store.recordActivity?.(activity, window);
    expect(found?.conversations.map((record) => record.conversationId)).toEqual(['c2', 'c3']);
    // Saving again moves a conversation to the newest write: c2 is now the one the cap evicts.
    await store.saveConversation({ ...base, conversationId: 'c2', agent: 'a' });
    await store.saveConversation({ ...base, conversationId: 'c4', user: 'other' });
    expect((await store.recordActivity?.(activity, window))?.conversations).toEqual([
      { ...base, conversationId: 'c2', agent: 'a' },
    ]);
    expect((await store.findConversation({ provider: 'p', user: 'other' }))?.conversationId).toBe('c4');
    now = 1_000;
    expect(await store.findConversation({ provider: 'p', user: 'u' })).toBeUndefined();
    expect(await store.findConversation({ provider: 'p', user: 'other' })).toBeUndefined();
  });

  it('hands out copies: changing a returned record leaves the stored one as it was', async () => {
    const store = memoryStore();
    const update = {
      provider: 'infobip',
      messageId: 'm1',
      status: 'sent',
      providerStatus: 'PENDING',
      eventId: 'e1',
      receivedAt: 1,
    } as const;
    const { record } = await store.recordStatus(update);
    record.status = 'read';
    record.history[0]!.eventId = 'changed';
    record.history.push({ ...update, eventId: 'e2' });
    const stored = await store.getMessage('infobip', 'm1');
    expect(stored).toEqual({
      provider: 'infobip',
      messageId: 'm1',
      status: 'sent',
      providerStatus: 'PENDING',
      history: [{ status: 'sent', providerStatus: 'PENDING', eventId: 'e1', receivedAt: 1 }],
    });
  });

  it('warns once in production that state is per-process', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const { memoryStore: fresh } = await import('../../src/store/memory.js');
    fresh();
    fresh();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/redisStore\(\) or postgresStore\(\)/);
    vi.unstubAllEnvs();
    warn.mockRestore();
  });
});

inboxContract('memoryStore', (clock) => memoryStore({ now: () => clock.now }), false);
