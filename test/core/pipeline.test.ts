import {
  type ConversationStore,
  createRcsWebhooks,
  HandlerError,
  memoryStore,
  type RcsEvent,
} from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';
import { describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { INFOBIP_BASIC, infobipCore, signedInfobip } from '../helpers/infobip.js';

const report = (messageId: string, groupName: string, name: string) => ({
  messageId,
  to: '441134960001',
  sender: 'DemoSender',
  status: { groupName, name },
});

describe('routing and request checks', () => {
  it('answers per the status-code contract', async () => {
    const { rcs, events } = infobipCore();
    const signed = await signedInfobip(loadFixture('infobip', 'notes-inbound-text'));
    const cases: [Partial<typeof signed>, number, string][] = [
      [{ url: 'http://127.0.0.1/elsewhere' }, 404, 'not_found'],
      [{ url: 'http://127.0.0.1/webhooks/rcs' }, 404, 'unknown_provider'],
      [{ url: 'http://127.0.0.1/webhooks/rcs/telnyx' }, 404, 'unknown_provider'],
      [{ method: 'GET' }, 405, 'method_not_allowed'],
      [{ headers: { ...signed.headers, 'content-type': 'text/xml' } }, 415, 'unsupported_media_type'],
    ];
    for (const [change, status, code] of cases) {
      const response = await rcs.handle({ ...signed, ...change });
      expect([response.status, JSON.parse(response.body)]).toEqual([status, { error: code }]);
    }
    expect((await rcs.handle({ ...signed, method: 'GET' })).headers.allow).toBe('POST');
    expect(events).toEqual([]);
  });

  it('accepts a path-only URL, a trailing slash and a Content-Type with parameters', async () => {
    const { rcs, events } = infobipCore();
    const signed = await signedInfobip(loadFixture('infobip', 'notes-inbound-text'));
    const headers = { ...signed.headers, 'content-type': 'application/json; charset=utf-8' };
    expect((await rcs.handle({ ...signed, url: '/webhooks/rcs/infobip/', headers })).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('honours a custom mount path', async () => {
    const { rcs } = infobipCore({ path: '/hooks/' });
    const signed = await signedInfobip(
      loadFixture('infobip', 'notes-inbound-text'),
      'http://x/hooks/infobip',
    );
    expect((await rcs.handle(signed)).status).toBe(200);
  });

  it('rejects a body over maxBodyBytes with 413', async () => {
    const { rcs, events } = infobipCore({ maxBodyBytes: 100 });
    const response = await rcs.handle(await signedInfobip({ results: [], padding: 'x'.repeat(200) }));
    expect(response.status).toBe(413);
    expect(events).toEqual([]);
  });
});

describe('handlers', () => {
  it('runs a batch in order and answers only after the handlers finished', async () => {
    const { rcs } = infobipCore();
    const seen: string[] = [];
    rcs.onDelivery(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 3 - seen.length));
      seen.push(event.messageId);
    });
    const results = ['a', 'b', 'c'].map((id) => report(id, 'DELIVERED', 'DELIVERED_TO_HANDSET'));
    expect((await rcs.handle(await signedInfobip({ results }))).status).toBe(200);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('answers 500 when a handler throws, never echoing its message, and re-runs only failed events on retry', async () => {
    const { rcs } = infobipCore();
    const calls: string[] = [];
    let failB = true;
    rcs.onDelivery((event) => {
      calls.push(event.messageId);
      if (event.messageId === 'b' && failB) throw new Error('database password is hunter2');
    });
    const errors: Error[] = [];
    rcs.onError((error) => {
      errors.push(error);
    });
    const request = await signedInfobip({ results: ['a', 'b'].map((id) => report(id, 'DELIVERED', 'X')) });

    const first = await rcs.handle(request);
    expect(first).toMatchObject({ status: 500, body: '{"error":"handler_failed"}' });
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect((errors[0] as HandlerError).errors[0]).toEqual(new Error('database password is hunter2'));

    failB = false;
    expect((await rcs.handle(request)).status).toBe(200);
    expect((await rcs.handle(request)).status).toBe(200);
    expect(calls).toEqual(['a', 'b', 'b']);
  });

  it('acknowledges failures with handlerErrors: "acknowledge" and reports them', async () => {
    const { rcs } = infobipCore({ handlerErrors: 'acknowledge' });
    const onError = vi.fn();
    rcs.onError(onError);
    rcs.onDelivery(() => {
      throw new Error('boom');
    });
    const request = await signedInfobip({ results: [report('a', 'DELIVERED', 'X')] });
    expect((await rcs.handle(request)).status).toBe(200);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((await rcs.handle(request)).status).toBe(200);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('contains errors thrown by onError handlers', async () => {
    const { rcs } = infobipCore();
    rcs.onError(() => {
      throw new Error('bad error handler');
    });
    rcs.onDelivery(() => Promise.reject(new Error('boom')));
    expect((await rcs.handle(await signedInfobip({ results: [report('a', 'DELIVERED', 'X')] }))).status).toBe(
      500,
    );
  });

  it('dispatches by kind, supports arrays, onAny and unsubscribing', async () => {
    const { rcs } = infobipCore();
    const kinds: string[] = [];
    const off = rcs.on(['delivery', 'typing'], (event) => {
      kinds.push(event.kind);
    });
    rcs.onInbound(() => {
      kinds.push('inbound!');
    });
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-typing-indicator')));
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-inbound-text')));
    off();
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-seen-report')));
    expect(kinds).toEqual(['typing', 'inbound!']);
  });

  it('rejects unknown kinds with a hint', () => {
    const { rcs } = infobipCore();
    expect(() => rcs.on('*' as never, () => {})).toThrow(/onAny/);
    expect(() => rcs.on('error' as never, () => {})).toThrow(/onError/);
    expect(() => rcs.on('nope' as never, () => {})).toThrow(/unknown event kind/);
  });
});

describe('state', () => {
  it('flags out-of-order reports as superseded and keeps the latest status', async () => {
    const { rcs, events } = infobipCore();
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-seen-report')));
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'notes-delivery-report-full')));
    expect(events.map((event) => [event.kind === 'delivery' && event.status, 'superseded' in event])).toEqual(
      [
        ['read', false],
        ['delivered', true],
      ],
    );
    const record = await rcs.messages.get('c0ed295b-c39d-4f6d-b347-fa1837f18c00');
    expect(record).toMatchObject({ status: 'read', recipient: '441134960001', sender: 'DemoSender' });
    expect(record?.history.map((change) => change.status)).toEqual(['read', 'delivered']);
  });

  it('records conversations and finds the open session for a user', async () => {
    const { rcs } = infobipCore();
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'seed-delivery-report-can-initiate')));
    await rcs.handle(await signedInfobip(loadFixture('infobip', 'seed-conversation-started')));
    const query = { provider: 'infobip', user: 'YOUR_DESTINATION_NUMBER', agent: 'YOUR_RCS_SENDER' };
    const open = await rcs.conversations.find({ ...query, at: new Date('2026-05-22T12:00:00Z') });
    expect(open).toMatchObject({
      conversationId: '3b87aaa2-0809-44c5-9a57-154fdc4ac97d',
      type: 'A2P',
      derived: false,
    });
    expect(await rcs.conversations.find({ ...query, at: new Date('2026-05-23T10:05:00Z') })).toBeUndefined();
  });

  it('answers 503 when the store is unreachable, and 409 while another request holds the event', async () => {
    const failing = {
      ...memoryStore(),
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
    } as ConversationStore;
    const down = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, store: failing });
    const handler = vi.fn();
    down.onAny(handler);
    const request = await signedInfobip(loadFixture('infobip', 'notes-inbound-text'));
    expect(await down.handle(request)).toMatchObject({ status: 503, body: '{"error":"store_unavailable"}' });
    expect(handler).not.toHaveBeenCalled();

    const store = memoryStore();
    await store.claim('infobip:inbound:c0ed295b-c39d-4f6d-b347-fa1837f18c00', 60_000);
    const busy = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, store });
    expect((await busy.handle(request)).status).toBe(409);
  });

  it('renews the claim while a slow handler runs inline: a retry meanwhile gets 409 and it runs once', async () => {
    const { rcs } = infobipCore({ idempotency: { leaseMs: 200 } });
    let calls = 0;
    let running = 0;
    let most = 0;
    rcs.onDelivery(async () => {
      calls++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 500));
      running--;
    });
    const request = await signedInfobip({ results: [report('m1', 'DELIVERED', 'DELIVERED_TO_HANDSET')] });
    const first = rcs.handle(request);
    // The provider retries at 1.6 leases: the first run's lease must still be held.
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await rcs.handle(request)).status).toBe(409);
    expect((await first).status).toBe(200);
    expect((await rcs.handle(request)).status).toBe(200);
    expect([calls, most]).toEqual([1, 1]);
  });

  it('tells onError (claim_evicted) when memoryStore forgets handled events before their TTL', async () => {
    const { rcs } = infobipCore({ store: memoryStore({ maxEntries: 2 }) });
    const errors: Error[] = [];
    rcs.onError((error) => {
      errors.push(error);
    });
    const results = ['a', 'b', 'c'].map((id) => report(id, 'DELIVERED', 'DELIVERED_TO_HANDSET'));
    expect((await rcs.handle(await signedInfobip({ results }))).status).toBe(200);
    expect(errors).toEqual([
      expect.objectContaining({ name: 'ClaimEvictedError', code: 'claim_evicted', evicted: 1 }),
    ]);
  });

  it('uses the injected clock for receivedAt', async () => {
    const events: RcsEvent[] = [];
    const rcs = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, now: () => 1_000 });
    rcs.onAny((event) => {
      events.push(event);
    });
    await rcs.handle(
      await signRequest({
        provider: 'infobip',
        body: loadFixture('infobip', 'notes-inbound-text'),
        config: { basic: INFOBIP_BASIC },
      }),
    );
    expect(events[0]?.receivedAt).toEqual(new Date(1_000));
  });
});

describe('rcs.fetch', () => {
  it('handles Web-standard requests', async () => {
    const { rcs, events } = infobipCore();
    const signed = await signedInfobip(loadFixture('infobip', 'notes-inbound-text'));
    const response = await rcs.fetch(
      new Request(signed.url, { method: 'POST', headers: signed.headers, body: signed.body }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(events).toHaveLength(1);
    expect((await rcs.fetch(new Request('http://x/other'))).status).toBe(404);
  });

  it('stops reading a streamed body over the limit', async () => {
    const { rcs } = infobipCore({ maxBodyBytes: 1024 });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const request = new Request('http://x/webhooks/rcs/infobip', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect((await rcs.fetch(request)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('says how to fix an already-read Request', async () => {
    const { rcs } = infobipCore();
    const signed = await signedInfobip('{}');
    const request = new Request(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
    await request.text();
    const response = await rcs.fetch(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: 'raw_body_unavailable',
      message: expect.stringMatching(/clone/),
    });
  });
});
