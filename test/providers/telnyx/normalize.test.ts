import { describe, expect, it } from 'vitest';
import { expectAcceptedUnsupported } from '../../helpers/content-contract.js';
import { loadFixtureJson } from '../../helpers/fixtures.js';
import { base, harness, post } from './setup.js';

type Json = Record<string, unknown>;

const RECEIVED = loadFixtureJson('telnyx', 'notes-message-received-text-no-meta') as { data: Json };
const FINALIZED = loadFixtureJson('telnyx', 'seed-message-finalized-delivered') as { data: Json };

/** A full `message.received` webhook (notes §1.6(e)) carrying another `data.payload.body`. */
function receivedWithBody(body: unknown, payload: Json = {}) {
  const original = RECEIVED.data.payload as Json;
  return { ...RECEIVED, data: { ...RECEIVED.data, payload: { ...original, body, ...payload } } };
}

/** The seed's `message.finalized` with other payload fields (e.g. another `to[]`). */
function finalizedWith(payload: Json, data: Json = {}) {
  const original = FINALIZED.data.payload as Json;
  return { ...FINALIZED, data: { ...FINALIZED.data, ...data, payload: { ...original, ...payload } } };
}

function fragmentBody(name: string): unknown {
  const fragment = loadFixtureJson('telnyx', name) as { data: { payload: { body: unknown } } };
  return fragment.data.payload.body;
}

async function eventsOf(body: unknown) {
  const { rcs, events } = harness();
  const response = await post(rcs, body);
  expect(response).toEqual({ status: 200, body: { ok: true } });
  return events;
}

/** Signed and accepted although it does not fit: 200, `unsupported` events, each reported to onError. */
async function expectUnsupported(body: unknown, code?: 'malformed_body') {
  const recorded = harness();
  return expectAcceptedUnsupported(recorded, await post(recorded.rcs, body), code);
}

describe('telnyx RCS body variants (the doc fragments, in a full envelope)', () => {
  const inboundBase = {
    ...base,
    kind: 'inbound',
    id: 'inbound:b301ed3f-1490-491f-995f-6e64e69674d4',
    occurredAt: new Date('2024-12-09T20:16:07.588Z'),
    messageId: '84cca175-9755-4859-b67f-4730d7f58aa3',
    from: '+13125000000',
    to: 'e4448a5c0670c2a9',
  };
  const dir = 'https://rcs-inbound.us-central-1.telnyxcloudstorage.com/rcs/9be89cbfecc6aea796ab8e8f276a1efe';
  const cases: [string, object][] = [
    ['seed-message-received-text-fragment', { type: 'text', text: 'Hello from Telnyx!' }],
    [
      'seed-message-received-user-file-fragment',
      {
        type: 'file',
        url: `${dir}/d387f5f4fa07c989855d1308eb026bd73ad0b9c4b2af5102672b9cb4e5a89579.jfif`,
        mimeType: 'image/jpeg',
        name: 'd387f5f4fa07c989855d1308eb026bd73ad0b9c4b2af5102672b9cb4e5a89579.jfif',
        size: 179099,
        thumbnail: {
          url: `${dir}/695f01a428ab1dbd1555bbb719d736f4a4c9f695cd9338b00408047184097600.jfif`,
          mimeType: 'image/jpeg',
          size: 12074,
        },
      },
    ],
    [
      'seed-message-received-location-fragment',
      { type: 'location', latitude: 38.24961321640261, longitude: -85.78378468751907 },
    ],
    [
      'seed-message-received-suggestion-response-fragment',
      {
        type: 'suggestion',
        postbackData: 'https://webhook.site/04bbd2e3-09b5-4c9e-95de-a1debeb9e675',
        text: 'Explore the online store',
      },
    ],
  ];
  for (const [fragment, content] of cases) {
    it(`normalizes the body of ${fragment}`, async () => {
      const webhook = receivedWithBody(fragmentBody(fragment));
      expect(await eventsOf(webhook)).toStrictEqual([{ ...inboundBase, raw: webhook, content }]);
    });
  }

  it('keeps only the fields a file carries', async () => {
    const webhook = receivedWithBody({ user_file: { payload: { file_uri: 'https://files.example/a.pdf' } } });
    const [event] = await eventsOf(webhook);
    expect(event).toMatchObject({ content: { type: 'file', url: 'https://files.example/a.pdf' } });
    expect((event as { content: object }).content).toStrictEqual({
      type: 'file',
      url: 'https://files.example/a.pdf',
    });
  });

  it('keeps a location label when Telnyx sends one, and a suggestion without postback data', async () => {
    const [located] = await eventsOf(
      receivedWithBody({ location: { latitude: 1, longitude: 2, label: 'Here' } }),
    );
    expect(located).toMatchObject({
      content: { type: 'location', latitude: 1, longitude: 2, label: 'Here' },
    });
    const [tapped] = await eventsOf(receivedWithBody({ suggestion_response: { text: 'Yes' } }));
    expect((tapped as { content: object }).content).toStrictEqual({ type: 'suggestion', text: 'Yes' });
  });

  it('reads null fields as absent', async () => {
    const [file] = await eventsOf(
      receivedWithBody({
        user_file: {
          payload: { file_uri: 'https://files.example/a.pdf', file_name: null, file_size_bytes: null },
          thumbnail: null,
        },
      }),
    );
    expect((file as { content: object }).content).toStrictEqual({
      type: 'file',
      url: 'https://files.example/a.pdf',
    });
    const [failed] = await eventsOf(
      finalizedWith({
        type: null,
        from: null,
        to: [{ phone_number: null, status: 'delivery_failed' }],
        errors: [{ code: null, title: 'Unreachable', detail: null }],
      }),
    );
    expect(failed).toStrictEqual({
      ...base,
      kind: 'delivery',
      id: 'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:delivery_failed',
      raw: expect.any(Object),
      occurredAt: new Date('2024-12-09T21:32:14.148Z'),
      messageId: 'ac012cbf-5e09-46af-a69a-7c0e2d90993c',
      status: 'failed',
      providerStatus: 'delivery_failed',
      error: { message: 'Unreachable' },
    });
  });

  it('passes an unknown body variant on as unsupported', async () => {
    const webhook = receivedWithBody({ calendar_event: { title: 'x' } });
    expect(await eventsOf(webhook)).toStrictEqual([
      {
        ...base,
        kind: 'unsupported',
        id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
        raw: webhook,
        reason: 'Telnyx message without content (body keys: calendar_event, no text or media)',
      },
    ]);
  });

  it('passes an RCS message without body, text or media on as unsupported (not a schema failure)', async () => {
    const { rcs, events, errors } = harness();
    expect((await post(rcs, receivedWithBody(null))).status).toBe(200);
    expect(events).toMatchObject([
      { kind: 'unsupported', reason: expect.stringContaining('without content') },
    ]);
    expect(errors).toEqual([]);
  });

  for (const [what, body] of [
    ['a text that is not a string', { text: 42 }],
    ['a file without file_uri', { user_file: { payload: { mime_type: 'image/png' } } }],
    ['a location with string coordinates', { location: { latitude: '38.2', longitude: '-85.7' } }],
    ['a suggestion response that is a string', { suggestion_response: 'yes' }],
  ] as const) {
    it(`passes an RCS message with ${what} on as unsupported, reported to onError`, async () => {
      const webhook = receivedWithBody(body);
      const [event] = await expectUnsupported(webhook);
      expect(event).toMatchObject({
        raw: webhook,
        reason: expect.stringMatching(/^telnyx body\.\w+ is not valid: /),
      });
    });
  }
});

describe('telnyx delivery statuses', () => {
  const mapping: [string, string][] = [
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['sending_failed', 'failed'],
    ['delivery_failed', 'failed'],
    ['delivery_unconfirmed', 'unknown'],
    ['expired', 'expired'],
    ['DELIVERED', 'delivered'],
    ['some_future_status', 'unknown'],
    ['constructor', 'unknown'],
  ];
  for (const [providerStatus, status] of mapping) {
    it(`maps to[].status ${providerStatus} to ${status}`, async () => {
      const webhook = finalizedWith({ to: [{ phone_number: '+13125000000', status: providerStatus }] });
      const [event] = await eventsOf(webhook);
      expect(event).toMatchObject({
        kind: 'delivery',
        id: `delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:${providerStatus}`,
        status,
        providerStatus,
      });
    });
  }

  it('gives sent, finalized and read webhooks that share data.id distinct ids, all handled', async () => {
    const { rcs, events } = harness();
    const webhooks = [
      finalizedWith(
        { to: [{ phone_number: '+13125000000', status: 'sent' }] },
        { event_type: 'message.sent' },
      ),
      finalizedWith({ to: [{ phone_number: '+13125000000', status: 'delivered' }] }),
      finalizedWith(
        { to: [{ phone_number: '+13125000000', status: 'read' }] },
        { event_type: 'message.read' },
      ),
    ];
    for (const webhook of webhooks) expect((await post(rcs, webhook)).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual([
      'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.sent:sent',
      'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:delivered',
      'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.read:read',
    ]);
    expect(await rcs.messages.get('ac012cbf-5e09-46af-a69a-7c0e2d90993c')).toMatchObject({ status: 'read' });
  });

  it('runs handlers once for a duplicate delivery (a retry with another meta.attempt)', async () => {
    const { rcs, events } = harness();
    const retry = { ...FINALIZED, meta: { attempt: 2, delivered_to: 'https://failover.example/hooks' } };
    expect(await post(rcs, FINALIZED)).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rcs, FINALIZED)).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rcs, retry)).toEqual({ status: 200, body: { ok: true } });
    expect(events).toHaveLength(1);
  });

  it('emits one event per recipient when to[] has several', async () => {
    const webhook = finalizedWith({
      to: [
        { phone_number: '+13125000000', status: 'delivered' },
        { phone_number: '+13125000001', status: 'delivery_failed' },
      ],
    });
    const events = await eventsOf(webhook);
    expect(events.map((event) => [event.id, (event as { recipient?: string }).recipient])).toEqual([
      [
        'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:delivered:+13125000000',
        '+13125000000',
      ],
      [
        'delivery:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:delivery_failed:+13125000001',
        '+13125000001',
      ],
    ]);
  });

  it('normalizes the first errors[] entry (numeric code, title only) and ignores an empty list', async () => {
    const [failed] = await eventsOf(
      finalizedWith({
        to: [{ phone_number: '+13125000000', status: 'sending_failed' }],
        errors: [
          { code: 40001, title: 'Destination invalid' },
          { code: '40002', title: 'Not in service' },
        ],
      }),
    );
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: '40001', message: 'Destination invalid' },
    });
    expect((failed as { error: object }).error).toStrictEqual({
      code: '40001',
      message: 'Destination invalid',
    });
    const [ok] = await eventsOf(FINALIZED);
    expect(ok).not.toHaveProperty('error');
  });

  it('reports an SMS delivery with channel sms and the sending number', async () => {
    const [event] = await eventsOf(finalizedWith({ type: 'SMS', from: { phone_number: '+15550001111' } }));
    expect(event).toMatchObject({ channel: 'sms', sender: '+15550001111', status: 'delivered' });
  });

  it('passes a delivery webhook without recipients, statuses or message id on as unsupported', async () => {
    const { rcs, events, errors } = harness();
    expect((await post(rcs, finalizedWith({ to: [] }))).status).toBe(200);
    expect(events).toMatchObject([
      { kind: 'unsupported', reason: 'Telnyx message.finalized without recipients' },
    ]);
    expect(errors).toEqual([]);
    const [noStatus] = await expectUnsupported(finalizedWith({ to: [{ phone_number: '+13125000000' }] }));
    expect(noStatus).toMatchObject({
      id: 'unsupported:4ee8c3a6-4995-4309-a3c6-38e3db9ea4be:message.finalized:to.0',
      reason: expect.stringContaining('telnyx message.finalized to.0 is not valid: status: '),
    });
    await expectUnsupported(finalizedWith({ id: undefined }));
  });
});

describe('telnyx envelope', () => {
  it('passes an unknown event type on as unsupported', async () => {
    const webhook = { ...FINALIZED, data: { ...FINALIZED.data, event_type: 'call.initiated' } };
    const [event] = await eventsOf(webhook);
    expect(event).toMatchObject({
      kind: 'unsupported',
      reason: 'Telnyx event call.initiated is not supported',
      raw: webhook,
    });
  });

  for (const [what, body] of [
    ['an array', '[]'],
    ['an empty object', '{}'],
    ['data that is not an object', '{"data":"x"}'],
    ['no event id', JSON.stringify({ data: { event_type: 'message.finalized', payload: {} } })],
    ['a JSON string', '"message.finalized"'],
    ['null', 'null'],
  ] as const) {
    it(`passes ${what} on as unsupported, reported to onError`, () => expectUnsupported(body));
  }

  it('passes a body that is not JSON on as unsupported (malformed_body)', () =>
    expectUnsupported('{"data":', 'malformed_body'));
});
