import {
  type ActivityEntry,
  type ConversationActivity,
  type ConversationRecord,
  type ConversationStore,
  DELIVERY_STATUSES,
  type StatusUpdate,
} from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { isSuperseded } from '../../src/store/status-order.js';
import { ACTIVITY_MESSAGE_LIMIT } from '../../src/store/types.js';

/**
 * Id endings that are not well-formed UTF-16 or that Redis and PostgreSQL cannot hold as they are
 * (lone surrogates, which UTF-8 clients turn into U+FFFD; NUL), next to the text they could be
 * confused with: U+FFFD, the stores' escape character and what an escaped id looks like.
 */
const HOSTILE_SUFFIXES = [
  '',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udc00\ud800',
  '\ufffd',
  '\u0000',
  '\u0000\u0000',
  '\u0001',
  '\u0001d800',
  '\u00010000',
  '\\ud800',
  '\ud83d\ude00',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 24 * 60 * 60 * 1000;
const byId = (entries: ActivityEntry[]) =>
  [...entries].sort((a, b) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
const ids = (records: ConversationRecord[]) => records.map((record) => record.conversationId).sort();

/** The derivation methods, which every store under contract implements. */
function derivation(store: ConversationStore) {
  const { recordActivity, startConversation } = store;
  if (recordActivity === undefined || startConversation === undefined) {
    throw new Error('the store does not implement recordActivity and startConversation');
  }
  return {
    record: (activity: ConversationActivity, window = { from: 0, to: 1e13, ttlMs: 4 * DAY }) =>
      recordActivity.call(store, activity, window),
    start: (record: ConversationRecord) => startConversation.call(store, record),
  };
}

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

    it('lets release and complete act only for the holder of the lease (its token)', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      const key = unique();
      expect(await store.claim(key, 1_000, 'first')).toBe('claimed');
      clock.now += 1_500; // the first holder's lease expired (its handlers are slow, or it stalled)
      expect(await store.claim(key, 60_000, 'second')).toBe('claimed');
      // The first run fails late: its release must not delete the claim the second run holds.
      await store.release(key, 'first');
      expect(await store.claim(key, 60_000, 'third')).toBe('in_progress');
      // Nor may its completion end the second holder's lease: that holder completes or releases.
      await store.complete(key, 60_000, 'first');
      expect(await store.claim(key, 60_000, 'third')).toBe('in_progress');
      await store.complete(key, 60_000, 'second');
      expect(await store.claim(key, 60_000, 'third')).toBe('duplicate');
      // A done key stays done, whatever token asks to release it.
      await store.release(key, 'second');
      expect(await store.claim(key, 60_000, 'third')).toBe('duplicate');
    });

    it('lets the holder release its own lease, and complete one that expired untaken', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      const key = unique();
      await store.claim(key, 60_000, 'a');
      await store.release(key, 'a');
      expect(await store.claim(key, 1_000, 'b')).toBe('claimed');
      clock.now += 1_500;
      await store.complete(key, 60_000, 'b');
      expect(await store.claim(key, 60_000, 'c')).toBe('duplicate');
    });

    it('extends only the unexpired lease its token holds', async () => {
      const clock = { now: Date.now() };
      const store = await makeStore(clock);
      if (store.extend === undefined) throw new Error('the store does not implement extend');
      const key = unique();
      expect(await store.extend(key, 'a', 1_000)).toBe(false);
      await store.claim(key, 1_000, 'a');
      clock.now += 800;
      expect(await store.extend(key, 'b', 1_000)).toBe(false);
      expect(await store.extend(key, 'a', 1_000)).toBe(true);
      clock.now += 800; // 1,600 ms after the claim, 800 ms into the renewed lease
      expect(await store.claim(key, 1_000, 'b')).toBe('in_progress');
      clock.now += 300;
      expect(await store.extend(key, 'a', 1_000)).toBe(false);
      expect(await store.claim(key, 60_000, 'b')).toBe('claimed');
      expect(await store.extend(key, 'a', 1_000)).toBe(false);
      await store.complete(key, 60_000, 'b');
      expect(await store.extend(key, 'b', 1_000)).toBe(false);
      expect(await store.claim(key, 60_000, 'c')).toBe('duplicate');
    });

    it('keeps ids with lone surrogates, NUL or the escape character distinct and storable', async () => {
      const store = await makeStore({ now: Date.now() });
      const id = unique();
      const variants = HOSTILE_SUFFIXES.map((suffix) => `${id}${suffix}`);
      for (const key of variants) expect(await store.claim(key, 60_000, 't')).toBe('claimed');
      await store.complete(variants[1] as string, 60_000, 't');
      const outcomes = await Promise.all(variants.map((key) => store.claim(key, 60_000, 'u')));
      expect(outcomes).toEqual(variants.map((_, index) => (index === 1 ? 'duplicate' : 'in_progress')));
      for (const [index, messageId] of variants.entries()) {
        const text = variants[(index + 1) % variants.length] as string;
        const { record } = await store.recordStatus({
          provider: 'p',
          messageId,
          status: 'sent',
          providerStatus: text,
          eventId: messageId,
          receivedAt: index,
          recipient: text,
          sender: messageId,
        });
        expect(record).toMatchObject({ messageId, providerStatus: text, recipient: text, sender: messageId });
        // The same report again is recognized by its event id; another one is added.
        await store.recordStatus({ ...record, status: 'sent', eventId: messageId, receivedAt: index });
        await store.recordStatus({ ...record, status: 'delivered', eventId: `${messageId}!`, receivedAt: 9 });
      }
      for (const [index, messageId] of variants.entries()) {
        const stored = await store.getMessage('p', messageId);
        expect(stored?.history.map((change) => change.eventId)).toEqual([messageId, `${messageId}!`]);
        expect(stored?.history[0]?.providerStatus).toBe(variants[(index + 1) % variants.length]);
      }
    });

    it('keeps conversations and activity of hostile ids, users and agents apart', async () => {
      const store = await makeStore({ now: 10_000 });
      const { record, start } = derivation(store);
      const id = unique();
      const variants = HOSTILE_SUFFIXES.map((suffix) => `${id}${suffix}`);
      for (const [index, value] of variants.entries()) {
        const conversation = {
          provider: 'p',
          conversationId: value,
          type: 'A2P' as const,
          startsAt: 1_000,
          endsAt: 2_000,
          agent: value,
          user: value,
          derived: true,
        };
        expect(await start(conversation)).toBe(true);
        expect(await store.getConversation('p', value)).toEqual(conversation);
        expect(await store.findConversation({ provider: 'p', user: value, agent: value, at: 1_500 })).toEqual(
          conversation,
        );
        const timeline = await record({
          provider: 'p',
          user: value,
          messageId: value,
          direction: 'user',
          at: index,
          agent: value,
        });
        expect(timeline.messages).toEqual([{ messageId: value, direction: 'user', at: index, agent: value }]);
        expect(timeline.conversations).toEqual([conversation]);
      }
      const reported = {
        provider: 'p',
        type: 'P2A' as const,
        derived: false,
        user: `${id}\ud800`,
        agent: `${id}\u0000`,
      };
      await store.saveConversation({ ...reported, conversationId: `${id}\udbff` });
      expect(await store.findConversation({ provider: 'p', user: `${id}\ud800` })).toEqual({
        ...reported,
        conversationId: `${id}\udbff`,
      });
      expect(await store.findConversation({ provider: 'p', user: `${id}\udbff` })).toBeUndefined();
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

    it('records activity once per message: the earliest time and the first agent win', async () => {
      const store = derivation(await makeStore({ now: DAY }));
      const user = unique();
      const base = { provider: 'p', user, messageId: 'b1', direction: 'business' as const };
      await store.record({ ...base, at: 50_000 });
      expect((await store.record({ ...base, at: 60_000, agent: 'A' })).messages).toEqual([
        { messageId: 'b1', direction: 'business', at: 50_000, agent: 'A' },
      ]);
      expect((await store.record({ ...base, at: 40_000, agent: 'B' })).messages).toEqual([
        { messageId: 'b1', direction: 'business', at: 40_000, agent: 'A' },
      ]);
      const other = { provider: 'p', user, direction: 'user' as const };
      await store.record({ ...other, messageId: 'u:1', at: 1_700_000_000_123, agent: 'agent:é' });
      const timeline = await store.record({ ...other, messageId: 'u2', at: 45_000 });
      expect(byId(timeline.messages)).toEqual([
        { messageId: 'b1', direction: 'business', at: 40_000, agent: 'A' },
        { messageId: 'u2', direction: 'user', at: 45_000 },
        { messageId: 'u:1', direction: 'user', at: 1_700_000_000_123, agent: 'agent:é' },
      ]);
      expect(timeline.messages.find((entry) => entry.messageId === 'u2')).not.toHaveProperty('agent');
      // Only the window's messages are returned; other users and providers are apart.
      const window = { from: 44_000, to: 46_000, ttlMs: 4 * DAY };
      expect((await store.record({ ...other, messageId: 'u2', at: 45_000 }, window)).messages).toEqual([
        { messageId: 'u2', direction: 'user', at: 45_000 },
      ]);
      expect((await store.record({ ...base, user: `${user}:x`, at: 1 })).messages).toEqual([
        { messageId: 'b1', direction: 'business', at: 1 },
      ]);
      expect((await store.record({ ...base, provider: 'p:x', at: 2 })).messages).toHaveLength(1);
    });

    it('returns the conversations of the user that overlap the window, reported or started', async () => {
      const store = await makeStore({ now: 10_000 });
      const { record, start } = derivation(store);
      const user = unique();
      const base = { provider: 'p', type: 'A2P' as const, user };
      const reported = { ...base, conversationId: unique(), startsAt: 1_000, endsAt: 2_000, derived: false };
      const derived = { ...base, conversationId: unique(), startsAt: 5_000, endsAt: 6_000, derived: true };
      const open = { ...base, conversationId: unique(), derived: false };
      await store.saveConversation(reported);
      await store.saveConversation(open);
      await store.saveConversation({ ...reported, conversationId: unique(), user: `${user}-other` });
      await store.saveConversation({ ...reported, conversationId: unique(), provider: 'other' });
      expect(await start(derived)).toBe(true);
      const activity = { provider: 'p', user, messageId: 'm', direction: 'user' as const, at: 3_000 };
      const around = (from: number, to: number) => record(activity, { from, to, ttlMs: 4 * DAY });
      expect(ids((await around(1_500, 5_500)).conversations)).toEqual(ids([reported, derived, open]));
      expect(ids((await around(2_500, 4_000)).conversations)).toEqual(ids([open]));
      expect((await around(0, 10_000)).conversations.find((item) => item.derived)).toEqual(derived);
    });

    it('starts a conversation only where no started one of a compatible agent overlaps it', async () => {
      const store = await makeStore({ now: 10_000 });
      const { start } = derivation(store);
      const user = unique();
      const session = (startsAt: number, endsAt: number, agent?: string) => ({
        provider: 'p',
        conversationId: unique(),
        type: 'P2A' as const,
        startsAt,
        endsAt,
        messageId: unique(),
        user,
        derived: true,
        ...(agent === undefined ? {} : { agent }),
      });
      const first = session(1_000, 2_000, 'a');
      expect(await start(first)).toBe(true);
      expect(await store.getConversation('p', first.conversationId)).toEqual(first);
      expect(await store.findConversation({ provider: 'p', user, agent: 'a', at: 1_500 })).toEqual(first);
      expect(await start(first)).toBe(false);
      expect(await start(session(1_999, 3_000, 'a'))).toBe(false);
      expect(await start(session(500, 1_001))).toBe(false);
      const other = session(1_500, 2_500, 'b');
      expect(await start(other)).toBe(true);
      expect(await start(session(2_000, 3_000, 'a'))).toBe(true);
      expect(await start(session(2_600, 2_700))).toBe(false);
      expect(await start({ ...session(1_000, 2_000, 'a'), user: `${user}-other` })).toBe(true);
      expect(await start({ ...session(1_000, 2_000, 'a'), provider: 'p2' })).toBe(true);
      // A conversation only saved (reported) does not block a start.
      await store.saveConversation({ ...session(5_000, 6_000), derived: false });
      expect(await start(session(5_000, 6_000))).toBe(true);
      await expect(start({ ...first, conversationId: unique(), endsAt: undefined } as never)).rejects.toThrow(
        /startsAt and endsAt/,
      );
    });

    it('grants exactly one of many concurrent overlapping starts', async () => {
      const store = await makeStore({ now: 10_000 });
      const { start } = derivation(store);
      const user = unique();
      const records = Array.from({ length: 20 }, (_, index) => ({
        provider: 'p',
        conversationId: unique(),
        type: 'A2P' as const,
        startsAt: 1_000 + index,
        endsAt: 1_000 + index + DAY,
        user,
        agent: 'a',
        derived: true,
      }));
      const started = await Promise.all(records.map(start));
      expect(started.filter(Boolean)).toHaveLength(1);
      const stored = await Promise.all(
        records.map((item) => store.getConversation('p', item.conversationId)),
      );
      expect(stored.filter((item) => item !== undefined)).toEqual([records[started.indexOf(true)]]);
    });

    it('records concurrent activity of one user atomically', async () => {
      const { record } = derivation(await makeStore({ now: DAY }));
      const user = unique();
      const activities = Array.from({ length: 30 }, (_, index) => ({
        provider: 'p',
        user,
        messageId: `m${index % 15}`,
        direction: 'user' as const,
        at: 1_000 + index,
      }));
      await Promise.all(activities.map((activity) => record(activity)));
      const { messages } = await record({ ...(activities[0] as ConversationActivity), messageId: 'last' });
      expect(messages).toHaveLength(16);
      expect(messages.find((entry) => entry.messageId === 'm3')?.at).toBe(1_003);
    });

    it('drops messages and started conversations older than the ttl, by its clock', async () => {
      const clock = { now: 10_000 };
      const store = await makeStore(clock);
      const { record, start } = derivation(store);
      const user = unique();
      const window = { from: 0, to: 100_000, ttlMs: 5_000 };
      const activity = { provider: 'p', user, direction: 'business' as const };
      await record({ ...activity, messageId: 'old', at: 10_000 }, window);
      const session = { provider: 'p', type: 'A2P' as const, user, derived: true, agent: 'a' };
      expect(await start({ ...session, conversationId: unique(), startsAt: 10_000, endsAt: 11_000 })).toBe(
        true,
      );
      clock.now = 20_000;
      const { messages } = await record({ ...activity, messageId: 'new', at: 20_000 }, window);
      expect(messages.map((entry) => entry.messageId)).toEqual(['new']);
      // A message recorded late keeps its own time even when older than the ttl.
      expect((await record({ ...activity, messageId: 'late', at: 1_000 }, window)).messages).toHaveLength(2);
      expect(await start({ ...session, conversationId: unique(), startsAt: 10_500, endsAt: 11_500 })).toBe(
        true,
      );
    });

    it('keeps the latest messages of a user, up to a limit', async () => {
      const { record } = derivation(await makeStore({ now: DAY }));
      const user = unique();
      const activity = { provider: 'p', user, direction: 'user' as const };
      for (let batch = 0; batch < 11; batch++) {
        await Promise.all(
          Array.from({ length: 50 }, (_, index) =>
            record({ ...activity, messageId: `m${batch * 50 + index}`, at: batch * 50 + index }),
          ),
        );
      }
      const { messages } = await record({ ...activity, messageId: 'last', at: 10_000 });
      expect(messages).toHaveLength(ACTIVITY_MESSAGE_LIMIT);
      expect(Math.min(...messages.map((entry) => entry.at))).toBe(550 - ACTIVITY_MESSAGE_LIMIT + 1);
    });
  });
}
