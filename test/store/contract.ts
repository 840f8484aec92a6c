import type { ConversationStore } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';

/**
 * The behaviour every ConversationStore must have. Each backend's test file calls this with a
 * factory; `clock` lets the suite move time forward for lease and TTL checks.
 */
export function storeContract(
  name: string,
  makeStore: (clock: { now: number }) => Promise<ConversationStore> | ConversationStore,
) {
  describe(`${name}: store contract`, () => {
    const unique = () => `k-${Math.random().toString(36).slice(2)}`;

    it('claims a key once; completes it into a duplicate', async () => {
      const store = await makeStore({ now: Date.now() });
      const key = unique();
      expect(await store.claim(key, 60_000)).toBe('claimed');
      expect(await store.claim(key, 60_000)).toBe('in_progress');
      await store.complete(key, 60_000);
      expect(await store.claim(key, 60_000)).toBe('duplicate');
    });

    it('lets a released key be claimed again', async () => {
      const store = await makeStore({ now: Date.now() });
      const key = unique();
      await store.claim(key, 60_000);
      await store.release(key);
      expect(await store.claim(key, 60_000)).toBe('claimed');
    });

    it('grants exactly one of many concurrent claims', async () => {
      const store = await makeStore({ now: Date.now() });
      const key = unique();
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.claim(key, 60_000)));
      expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
    });

    it('lets an expired lease (a crashed instance) be claimed again', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      const key = unique();
      await store.claim(key, 1_000);
      clock.now += 1_500;
      expect(await store.claim(key, 1_000)).toBe('claimed');
    });

    it('records status monotonically and keeps the history', async () => {
      const store = await makeStore({ now: Date.now() });
      const messageId = unique();
      const base = { provider: 'p', messageId, receivedAt: 1 };
      expect(
        (await store.recordStatus({ ...base, status: 'sent', providerStatus: 'S', eventId: 'e1' }))
          .superseded,
      ).toBe(false);
      expect(
        (await store.recordStatus({ ...base, status: 'read', providerStatus: 'R', eventId: 'e2' }))
          .superseded,
      ).toBe(false);
      const late = await store.recordStatus({
        ...base,
        status: 'delivered',
        providerStatus: 'D',
        eventId: 'e3',
      });
      expect(late.superseded).toBe(true);
      expect(late.record.status).toBe('read');
      await store.recordStatus({ ...base, status: 'delivered', providerStatus: 'D', eventId: 'e3' });
      const record = await store.getMessage('p', messageId);
      expect(record?.history.map((change) => change.eventId)).toEqual(['e1', 'e2', 'e3']);
      expect(await store.getMessage('other', messageId)).toBeUndefined();
    });

    it('treats failed and expired as final', async () => {
      const store = await makeStore({ now: Date.now() });
      const base = { provider: 'p', messageId: unique(), receivedAt: 1, providerStatus: 'x' };
      await store.recordStatus({ ...base, status: 'failed', eventId: 'a' });
      expect((await store.recordStatus({ ...base, status: 'delivered', eventId: 'b' })).superseded).toBe(
        true,
      );
      expect((await store.getMessage('p', base.messageId))?.status).toBe('failed');
    });

    it('saves conversations and finds the open one', async () => {
      const store = await makeStore({ now: Date.now() });
      const user = unique();
      const conversation = {
        provider: 'p',
        conversationId: unique(),
        type: 'A2P' as const,
        startsAt: 1_000,
        endsAt: 2_000,
        agent: 'agent',
        user,
        derived: false,
      };
      await store.saveConversation(conversation);
      expect(await store.getConversation('p', conversation.conversationId)).toEqual(conversation);
      expect(await store.findConversation({ provider: 'p', user, at: 1_500 })).toEqual(conversation);
      expect(await store.findConversation({ provider: 'p', user, agent: 'agent', at: 1_999 })).toEqual(
        conversation,
      );
      expect(await store.findConversation({ provider: 'p', user, at: 2_000 })).toBeUndefined();
      expect(
        await store.findConversation({ provider: 'p', user, agent: 'other', at: 1_500 }),
      ).toBeUndefined();
    });
  });
}
