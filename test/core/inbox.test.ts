import {
  ConfigurationError,
  type ConversationStore,
  DeadLetterError,
  HandlerError,
  memoryStore,
  StoreUnavailableError,
} from 'rcs-webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { infobipCore, signedInfobip } from '../helpers/infobip.js';
import {
  conversationCore,
  HOUR,
  started,
  T0,
  telnyxInbound,
  telnyxOutbound,
} from './conversation-helpers.js';

const report = (messageId: string) => ({
  messageId,
  to: '441134960001',
  sender: 'DemoSender',
  status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' },
});
const batch = (...ids: string[]) => signedInfobip({ results: ids.map(report) });
const FAST = { retryDelayMs: 1, maxRetryDelayMs: 2, pollIntervalMs: 10 };
const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
});

function inboxCore(inbox: object = {}, store?: ConversationStore) {
  const core = infobipCore({ inbox: { ...FAST, ...inbox }, ...(store ? { store } : {}) });
  stoppers.push(() => core.rcs.inbox.stop());
  return core;
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('inbox mode', () => {
  it('acknowledges before slow handlers ran, then runs them', async () => {
    const { rcs } = inboxCore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handled: string[] = [];
    rcs.onDelivery(async (event) => {
      await gate;
      handled.push(event.messageId);
    });
    const response = await rcs.handle(await batch('m1', 'm2'));
    expect([response.status, JSON.parse(response.body)]).toEqual([200, { ok: true }]);
    expect(handled).toEqual([]);
    release();
    await until(() => handled.length === 2);
    expect(handled.sort()).toEqual(['m1', 'm2']);
    await until(async () => (await rcs.inbox.counts()).pending === 0);
  });

  it('stores a retried webhook once and runs its handlers once', async () => {
    const { rcs, events } = inboxCore({ autoStart: false });
    const request = await batch('m1');
    for (let time = 0; time < 3; time++) expect((await rcs.handle(request)).status).toBe(200);
    expect(await rcs.inbox.counts()).toEqual({ pending: 1, deadLetters: 0 });
    await rcs.inbox.drain();
    expect(await rcs.handle(request)).toMatchObject({ status: 200 });
    await rcs.inbox.drain();
    expect(events.map((event) => event.id)).toHaveLength(1);
  });

  it('retries failing handlers with backoff until they succeed', async () => {
    const { rcs } = inboxCore();
    const errors: Error[] = [];
    rcs.onError((error) => {
      errors.push(error);
    });
    let calls = 0;
    rcs.onDelivery(() => {
      calls++;
      if (calls < 3) throw new Error(`flaky ${calls}`);
    });
    await rcs.handle(await batch('m1'));
    await until(() => calls === 3);
    await until(async () => (await rcs.inbox.counts()).pending === 0);
    expect(errors.map((error) => error.constructor)).toEqual([HandlerError, HandlerError]);
  });

  it('dead-letters an event that keeps failing; it can be listed, replayed and discarded', async () => {
    const { rcs } = inboxCore({ maxAttempts: 3 });
    const dead: DeadLetterError[] = [];
    rcs.onError((error) => {
      if (error instanceof DeadLetterError) dead.push(error);
    });
    let healthy = false;
    const handled: string[] = [];
    rcs.onDelivery((event) => {
      if (!healthy) throw new TypeError(`downstream refused ${event.messageId}`);
      handled.push(event.messageId);
    });
    await rcs.handle(await batch('m1', 'm2'));
    await until(async () => (await rcs.inbox.counts()).deadLetters === 2);
    expect(dead.map((error) => [error.code, error.attempts])).toEqual([
      ['dead_lettered', 3],
      ['dead_lettered', 3],
    ]);
    const letters = await rcs.deadLetters.list();
    expect(letters.map((letter) => letter.event?.kind)).toEqual(['delivery', 'delivery']);
    const first = letters.find(
      (letter) => letter.event?.kind === 'delivery' && letter.event.messageId === 'm1',
    );
    expect(first).toMatchObject({ attempts: 3, lastError: 'TypeError: downstream refused m1' });
    expect(first?.event?.receivedAt).toBeInstanceOf(Date);
    expect(first?.deadAt).toBeInstanceOf(Date);

    healthy = true;
    expect(await rcs.deadLetters.replay(first?.key ?? '')).toBe(true);
    await until(() => handled.length === 1);
    const other = (await rcs.deadLetters.list())[0];
    expect(await rcs.deadLetters.discard(other?.key ?? '')).toBe(true);
    expect(await rcs.deadLetters.discard(other?.key ?? '')).toBe(false);
    expect(await rcs.inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
    expect(handled).toEqual(['m1']);
  });

  it('replays every dead letter', async () => {
    const { rcs } = inboxCore({ maxAttempts: 1, autoStart: false });
    let healthy = false;
    const handled: string[] = [];
    rcs.onDelivery((event) => {
      if (!healthy) throw new Error('down');
      handled.push(event.messageId);
    });
    await rcs.handle(await batch(...Array.from({ length: 150 }, (_, index) => `m${index}`)));
    await rcs.inbox.drain();
    expect((await rcs.inbox.counts()).deadLetters).toBe(150);
    healthy = true;
    expect(await rcs.deadLetters.replayAll()).toBe(150);
    await rcs.inbox.drain();
    expect(handled).toHaveLength(150);
    expect(await rcs.inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
  });

  it('handles at most `concurrency` events at once', async () => {
    const { rcs } = inboxCore({ concurrency: 3 });
    let running = 0;
    let most = 0;
    let done = 0;
    rcs.onDelivery(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      done++;
    });
    await rcs.handle(await batch(...Array.from({ length: 20 }, (_, index) => `m${index}`)));
    await until(() => done === 20);
    expect(most).toBe(3);
  });

  it('stop() waits for the events being handled and takes no more', async () => {
    const { rcs } = inboxCore({ concurrency: 1 });
    const finished: string[] = [];
    rcs.onDelivery(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished.push(event.messageId);
    });
    await rcs.handle(await batch('m1', 'm2'));
    await until(() => rcs.inbox.counts().then((counts) => counts.pending === 2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await rcs.inbox.stop();
    expect(finished).toEqual(['m1']);
    expect((await rcs.inbox.counts()).pending).toBe(1);
  });

  it('stop() during a take handles what that take returned before resolving', async () => {
    const store = memoryStore();
    const inbox = store.inbox;
    if (inbox === undefined) throw new Error('no inbox');
    let slowTakes = false;
    const slow: ConversationStore = {
      ...store,
      inbox: {
        ...inbox,
        take: async (limit, leaseMs) => {
          if (slowTakes) await new Promise((resolve) => setTimeout(resolve, 40));
          return inbox.take(limit, leaseMs);
        },
      },
    };
    const { rcs } = inboxCore({ autoStart: false }, slow);
    const handled: string[] = [];
    rcs.onDelivery((event) => {
      handled.push(event.messageId);
    });
    await rcs.handle(await batch('m1'));
    slowTakes = true;
    rcs.inbox.start();
    await new Promise((resolve) => setTimeout(resolve, 10)); // the take is under way
    await rcs.inbox.stop();
    const afterStop = [...handled];
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(afterStop).toEqual(['m1']);
    expect(handled).toEqual(['m1']);
  });

  it('answers 503 when the inbox cannot store the events, and emits nothing', async () => {
    const store = memoryStore();
    const inbox = store.inbox;
    if (inbox === undefined) throw new Error('no inbox');
    const failing: ConversationStore = {
      ...store,
      inbox: { ...inbox, durable: true, enqueue: () => Promise.reject(new Error('ECONNREFUSED')) },
    };
    const { rcs, events } = inboxCore({}, failing);
    const response = await rcs.handle(await batch('m1'));
    expect([response.status, JSON.parse(response.body)]).toEqual([503, { error: 'store_unavailable' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
  });

  it('runs inbound messages through the worker too', async () => {
    const { rcs, events } = inboxCore();
    await rcs.handle(await signedInfobip(JSON.parse(loadFixture('infobip', 'notes-inbound-text'))));
    await until(() => events.length > 0);
    expect(events[0]?.kind).toBe('inbound');
  });

  it('is configured explicitly and checked at construction', () => {
    const { rcs } = infobipCore();
    expect(rcs.inbox.enabled).toBe(false);
    expect(() => rcs.inbox.start()).toThrow(ConfigurationError);
    const noInbox: ConversationStore = { ...memoryStore() };
    delete (noInbox as { inbox?: unknown }).inbox;
    expect(() => infobipCore({ inbox: true, store: noInbox })).toThrow(/needs a store with an inbox/);
    expect(() => infobipCore({ inbox: { concurrency: 0 } })).toThrow(/inbox.concurrency/);
    expect(() => infobipCore({ inbox: { retryDelayMs: -1 } })).toThrow(/inbox.retryDelayMs/);
    expect(memoryStore().inbox?.durable).toBe(false);
  });
});

describe('a store that fails to complete a handled event', () => {
  it('answers 200 once the handlers ran, and never runs them again for that event', async () => {
    const base = memoryStore();
    let completeFails = true;
    const store: ConversationStore = {
      ...base,
      complete: (key, ttl) =>
        completeFails ? Promise.reject(new Error('ECONNRESET')) : base.complete(key, ttl),
    };
    const { rcs, events } = infobipCore({ store, idempotency: { leaseMs: 1 } });
    const errors: Error[] = [];
    rcs.onError((error) => {
      errors.push(error);
    });
    const request = await batch('m1');
    expect((await rcs.handle(request)).status).toBe(200);
    expect(errors.map((error) => error.constructor)).toEqual([StoreUnavailableError]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The lease is over and the store still fails: the retry is refused, not run again.
    expect((await rcs.handle(request)).status).toBe(503);
    completeFails = false;
    expect((await rcs.handle(request)).status).toBe(200);
    expect((await rcs.handle(request)).status).toBe(200);
    expect(events.map((event) => event.id)).toHaveLength(1);
  });

  it('never runs a derived session twice while its completion is pending', async () => {
    let storeClock = () => T0;
    const base = memoryStore({ now: () => storeClock() });
    let failSession = 1;
    const store: ConversationStore = {
      ...base,
      complete: (key, ttl) =>
        key.startsWith('telnyx:conversationStarted') && failSession-- > 0
          ? Promise.reject(new Error('ECONNRESET'))
          : base.complete(key, ttl),
    };
    const { events, post, clock } = conversationCore({ store });
    storeClock = () => clock.now;
    await post('telnyx', telnyxOutbound('b1', T0), T0);
    const reply = telnyxInbound('u1', T0 + HOUR);
    await post('telnyx', reply, T0 + HOUR);
    // Telnyx redelivers the reply after the session's claim lease (60 s) is over.
    await post('telnyx', reply, T0 + HOUR + 61_000);
    expect(started(events)).toHaveLength(1);
  });

  it('completes it in the background once the store is back', async () => {
    const base = memoryStore();
    let failures = 2;
    const store: ConversationStore = {
      ...base,
      complete: (key, ttl) => (failures-- > 0 ? Promise.reject(new Error('down')) : base.complete(key, ttl)),
    };
    const { rcs } = infobipCore({ store });
    expect((await rcs.handle(await batch('m1'))).status).toBe(200);
    await until(() => failures < 0);
    const key = `infobip:${(await rcs.messages.get('m1'))?.history[0]?.eventId}`;
    expect(await base.claim(key, 1_000)).toBe('duplicate');
  });
});

describe('inbox worker under review findings', () => {
  it('keeps the lease of a handler slower than leaseMs, so it runs once', async () => {
    const { rcs } = infobipCore({ inbox: { ...FAST, concurrency: 4 }, idempotency: { leaseMs: 100 } });
    stoppers.push(() => rcs.inbox.stop());
    let calls = 0;
    let running = 0;
    let most = 0;
    rcs.onDelivery(async () => {
      calls++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 400));
      running--;
    });
    await rcs.handle(await batch('m1'));
    await until(async () => (await rcs.inbox.counts()).pending === 0);
    expect([calls, most]).toEqual([1, 1]);
  });

  it('dead-letters an event the store keeps refusing, instead of cycling it forever', async () => {
    const base = memoryStore();
    const refusing: ConversationStore = {
      ...base,
      recordStatus: () => Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00')),
    };
    const { rcs } = inboxCore({ maxAttempts: 3 }, refusing);
    await rcs.handle(await batch('m1'));
    await until(async () => (await rcs.inbox.counts()).deadLetters === 1);
    const [letter] = await rcs.deadLetters.list();
    expect(letter).toMatchObject({
      attempts: 3,
      lastError: 'store: Error: invalid byte sequence for encoding "UTF8": 0x00',
    });
  });

  it('does not count attempts while another request holds the event', async () => {
    const store = memoryStore();
    // Three attempts: the take below that finds the key, the failure, the success.
    const { rcs } = inboxCore({ maxAttempts: 3, autoStart: false }, store);
    let calls = 0;
    rcs.onDelivery(() => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    await rcs.handle(await batch('m1'));
    const [entry] = (await store.inbox?.take(1, 1)) ?? [];
    if (entry === undefined) throw new Error('nothing enqueued');
    await store.claim(entry.key, 600); // held elsewhere for 600 ms: postponed several times
    await new Promise((resolve) => setTimeout(resolve, 5));
    rcs.inbox.start();
    await until(() => calls === 2, 8_000);
    await until(async () => (await rcs.inbox.counts()).pending === 0);
    expect(await rcs.inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
  });

  it('stop() also ends a drain() under way', async () => {
    const { rcs } = inboxCore({ concurrency: 1, autoStart: false });
    const handled: string[] = [];
    rcs.onDelivery(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      handled.push(event.messageId);
    });
    await rcs.handle(await batch('m1', 'm2', 'm3'));
    const draining = rcs.inbox.drain();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await rcs.inbox.stop();
    const atStop = handled.length;
    await draining;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(atStop).toBe(1);
    expect(handled).toHaveLength(1);
  });

  it('rejects (never throws synchronously) when there is no inbox', async () => {
    const { rcs } = infobipCore();
    await expect(rcs.inbox.drain()).rejects.toThrow(ConfigurationError);
    const noInbox: ConversationStore = { ...memoryStore() };
    delete (noInbox as { inbox?: unknown }).inbox;
    const { rcs: bare } = infobipCore({ store: noInbox });
    await expect(bare.inbox.counts()).rejects.toThrow(ConfigurationError);
    await expect(bare.deadLetters.discard('x')).rejects.toThrow(ConfigurationError);
    await expect(bare.deadLetters.list()).rejects.toThrow(ConfigurationError);
    expect(() => infobipCore({ inbox: { pollIntervalMs: 0 } })).toThrow(/pollIntervalMs/);
  });
});
