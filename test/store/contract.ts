import { type ConversationStore, DELIVERY_STATUSES, type StatusUpdate } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { isSuperseded } from '../../src/store/status-order.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

    it('lets exactly one of many concurrent claims take over an expired lease', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      const key = unique();
      await store.claim(key, 1_000);
      clock.now += 1_500;
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.claim(key, 60_000)));
      expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
      expect(new Set(outcomes)).toEqual(new Set(['claimed', 'in_progress']));
    });

    it('forgets a completed key after its TTL', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      const key = unique();
      await store.claim(key, 60_000);
      await store.complete(key, 1_000);
      expect(await store.claim(key, 60_000)).toBe('duplicate');
      // Past the TTL both by the store's clock and in real time (servers expire keys themselves).
      clock.now += 1_200;
      await sleep(1_200);
      expect(await store.claim(key, 60_000)).toBe('claimed');
    });

    it('completes and releases keys it never claimed', async () => {
      const store = await makeStore({ now: Date.now() });
      const key = unique();
      await store.release(key);
      await store.complete(key, 60_000);
      expect(await store.claim(key, 60_000)).toBe('duplicate');
      await store.release(key);
      expect(await store.claim(key, 60_000)).toBe('claimed');
    });

    it('applies the status order of isSuperseded to every pair of statuses', async () => {
      const store = await makeStore({ now: Date.now() });
      const pairs = DELIVERY_STATUSES.flatMap((current) =>
        DELIVERY_STATUSES.map((incoming) => [current, incoming] as const),
      );
      const results = await Promise.all(
        pairs.map(async ([current, incoming]) => {
          const base = { provider: 'p', messageId: unique(), receivedAt: 1 };
          await store.recordStatus({
            ...base,
            status: current,
            providerStatus: `P-${current}`,
            eventId: 'a',
          });
          const { superseded, record } = await store.recordStatus({
            ...base,
            status: incoming,
            providerStatus: `P-${incoming}`,
            eventId: 'b',
          });
          return {
            pair: `${current} then ${incoming}`,
            superseded,
            status: record.status,
            providerStatus: record.providerStatus,
          };
        }),
      );
      expect(results).toEqual(
        pairs.map(([current, incoming]) => {
          const superseded = isSuperseded(current, incoming);
          const status = superseded ? current : incoming;
          return { pair: `${current} then ${incoming}`, superseded, status, providerStatus: `P-${status}` };
        }),
      );
    });

    it('returns the whole record and keeps each report exactly as given', async () => {
      const store = await makeStore({ now: Date.now() });
      const messageId = unique();
      const first = {
        status: 'sent' as const,
        providerStatus: 'PENDING_ENROUTE',
        eventId: 'delivery:1',
        occurredAt: 1_700_000_000_123,
        receivedAt: 1_700_000_000_456,
      };
      const firstResult = await store.recordStatus({ provider: 'p', messageId, ...first, recipient: 'user' });
      expect(firstResult).toEqual({
        superseded: false,
        record: {
          provider: 'p',
          messageId,
          status: 'sent',
          providerStatus: 'PENDING_ENROUTE',
          recipient: 'user',
          history: [first],
        },
      });
      const second = {
        status: 'delivered' as const,
        providerStatus: 'DELIVERED_TO_HANDSET',
        eventId: 'é:2',
        receivedAt: 7,
      };
      const { record } = await store.recordStatus({ provider: 'p', messageId, ...second, sender: 'agent' });
      const expected = {
        provider: 'p',
        messageId,
        status: 'delivered',
        providerStatus: 'DELIVERED_TO_HANDSET',
        recipient: 'user',
        sender: 'agent',
        history: [first, second],
      };
      expect(record).toEqual(expected);
      expect(await store.getMessage('p', messageId)).toEqual(expected);
    });

    it('keeps the first recipient and sender, filling them in when missing', async () => {
      const store = await makeStore({ now: Date.now() });
      const base = { provider: 'p', messageId: unique(), receivedAt: 1, providerStatus: 'x' };
      const none = await store.recordStatus({ ...base, status: 'queued', eventId: 'a' });
      expect(none.record).not.toHaveProperty('recipient');
      expect(none.record).not.toHaveProperty('sender');
      await store.recordStatus({ ...base, status: 'sent', eventId: 'b', recipient: 'r1', sender: 's1' });
      const later = await store.recordStatus({
        ...base,
        status: 'sent',
        eventId: 'c',
        recipient: 'r2',
        sender: 's2',
      });
      expect([later.record.recipient, later.record.sender]).toEqual(['r1', 's1']);
    });

    it('records concurrent reports of one message atomically', async () => {
      const store = await makeStore({ now: Date.now() });
      const messageId = unique();
      const updates: StatusUpdate[] = Array.from({ length: 20 }, (_, index) => ({
        provider: 'p',
        messageId,
        status: index % 2 === 0 ? 'sent' : 'delivered',
        providerStatus: String(index),
        eventId: `e${index}`,
        receivedAt: index,
      }));
      // Every report twice, all at once.
      await Promise.all([...updates, ...updates].map((update) => store.recordStatus(update)));
      const record = await store.getMessage('p', messageId);
      expect(record?.status).toBe('delivered');
      expect(record?.history.map((change) => change.eventId).sort()).toEqual(
        updates.map((update) => update.eventId).sort(),
      );
    });

    it('never confuses keys, messages or conversations whose parts contain separators', async () => {
      const store = await makeStore({ now: Date.now() });
      const id = unique();
      expect(await store.claim(`a:b:${id}`, 60_000)).toBe('claimed');
      expect(await store.claim(`a:b:${id}:`, 60_000)).toBe('claimed');
      const base = { receivedAt: 1, providerStatus: 'x', eventId: 'e' };
      await store.recordStatus({ ...base, provider: 'a:b', messageId: `c${id}`, status: 'read' });
      await store.recordStatus({ ...base, provider: 'a', messageId: `b:c${id}`, status: 'sent' });
      expect((await store.getMessage('a:b', `c${id}`))?.status).toBe('read');
      expect((await store.getMessage('a', `b:c${id}`))?.status).toBe('sent');
      const conversation = { type: 'A2P' as const, derived: true, user: `u:${id}` };
      await store.saveConversation({ ...conversation, provider: 'a:b', conversationId: `c${id}` });
      await store.saveConversation({
        ...conversation,
        provider: 'a',
        conversationId: `b:c${id}`,
        user: `b:u:${id}`,
      });
      expect((await store.getConversation('a', `b:c${id}`))?.provider).toBe('a');
      expect((await store.findConversation({ provider: 'a:b', user: `u:${id}` }))?.conversationId).toBe(
        `c${id}`,
      );
      expect(await store.findConversation({ provider: 'a', user: `u:${id}` })).toBeUndefined();
    });

    it('finds the latest open conversation, follows updates, and defaults `at` to its clock', async () => {
      const clock = { now: 10_000 };
      const store = await makeStore(clock);
      const user = unique();
      const base = { provider: 'p', type: 'P2A' as const, derived: false, user };
      const long = { ...base, conversationId: unique(), startsAt: 1_000, endsAt: 50_000 };
      const short = { ...base, conversationId: unique(), startsAt: 2_000, endsAt: 3_000, agent: 'agent' };
      const open = { ...base, conversationId: unique() };
      await store.saveConversation(long);
      await store.saveConversation(short);
      await store.saveConversation(open);
      const { user: _user, ...anonymous } = base;
      await store.saveConversation({ ...anonymous, conversationId: unique(), startsAt: 9_000 });
      expect(await store.findConversation({ provider: 'p', user, at: 2_500 })).toEqual(short);
      expect(await store.findConversation({ provider: 'p', user, at: new Date(3_000) })).toEqual(long);
      expect(await store.findConversation({ provider: 'p', user, at: 500 })).toEqual(open);
      expect(await store.findConversation({ provider: 'p', user })).toEqual(long);
      clock.now = 60_000;
      expect(await store.findConversation({ provider: 'p', user })).toEqual(open);
      // A conversation saved again replaces the previous record, including its user.
      await store.saveConversation({ ...short, user: `${user}-other` });
      expect(await store.findConversation({ provider: 'p', user, at: 2_500 })).toEqual(long);
      expect(await store.findConversation({ provider: 'p', user: `${user}-other`, at: 2_500 })).toEqual({
        ...short,
        user: `${user}-other`,
      });
      expect(await store.getConversation('p', unique())).toBeUndefined();
      expect(await store.getConversation('other', long.conversationId)).toBeUndefined();
    });
  });
}
