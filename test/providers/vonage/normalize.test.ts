import { describe, expect, it } from 'vitest';
import { loadFixture, loadFixtureJson } from '../../helpers/fixtures.js';
import { expectAcknowledgedAsUnsupported } from '../../helpers/provider-harness.js';
import { base, harness, post, sign } from './setup.js';

type Json = Record<string, unknown>;

const TEXT = loadFixtureJson('vonage', 'notes-inbound-text') as Json;
const DELIVERED = loadFixtureJson('vonage', 'notes-status-delivered') as Json;
const UUID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

/** The documented inbound text message with another content (`message_type` + its field). */
function inboundWith(fields: Json, without: string[] = ['text']): Json {
  const message: Json = { ...TEXT, ...fields };
  for (const key of without) if (!(key in fields)) delete message[key];
  return message;
}

async function eventsOf(body: unknown) {
  const { rcs, events } = harness();
  expect(await post(rcs, body)).toEqual({ status: 200, body: { ok: true } });
  return events;
}

async function expectUnsupported(body: unknown, code: 'invalid_payload' | 'malformed_body') {
  const recorded = harness();
  expectAcknowledgedAsUnsupported(await post(recorded.rcs, body), recorded, code);
  expect(recorded.events).toMatchObject([{ kind: 'unsupported' }]);
}

describe('vonage inbound content', () => {
  const cases: [string, Json, object][] = [
    [
      'an image with name and caption (the caption stays in raw)',
      { message_type: 'image', image: { url: 'https://example.com/a.jpg', name: 'a.jpg', caption: 'Look' } },
      { type: 'file', url: 'https://example.com/a.jpg', name: 'a.jpg' },
    ],
    [
      'a location without a name',
      { message_type: 'location', location: { lat: 1.5, long: -2.25 } },
      { type: 'location', latitude: 1.5, longitude: -2.25 },
    ],
    [
      'a reply with only its id',
      { message_type: 'reply', reply: { id: 'yes' } },
      { type: 'suggestion', postbackData: 'yes' },
    ],
    [
      'a button with a subtype (kept in raw)',
      { message_type: 'button', button: { payload: 'p', text: 'Open', subtype: 'quick_reply' } },
      { type: 'suggestion', postbackData: 'p', text: 'Open' },
    ],
    [
      'a button with null fields',
      { message_type: 'button', button: { payload: null, text: 'Call' } },
      { type: 'suggestion', text: 'Call' },
    ],
  ];
  for (const [what, fields, content] of cases) {
    it(`normalizes ${what}`, async () => {
      const body = inboundWith(fields);
      const [event] = await eventsOf(body);
      expect(event).toStrictEqual({
        ...base,
        kind: 'inbound',
        id: `inbound:${UUID}`,
        raw: body,
        occurredAt: new Date('2025-01-01T12:00:00Z'),
        messageId: UUID,
        from: '447700900001',
        to: 'Vonage',
        content,
      });
    });
  }

  it('leaves out what was not sent or is null (to, timestamp)', async () => {
    const body = { ...TEXT, to: null, timestamp: 'not a date' };
    const [event] = await eventsOf(body);
    expect(event).toStrictEqual({
      ...base,
      kind: 'inbound',
      id: `inbound:${UUID}`,
      raw: body,
      messageId: UUID,
      from: '447700900001',
      content: { type: 'text', text: 'Hello' },
    });
  });

  it('passes an unknown RCS message_type on as unsupported', async () => {
    const body = inboundWith({ message_type: 'custom', custom: {} });
    const [event] = await eventsOf(body);
    expect(event).toMatchObject({
      kind: 'unsupported',
      reason: 'Vonage RCS message_type custom is not supported',
      raw: body,
    });
  });

  it('passes non-RCS inbound messages on as unsupported, whatever their shape', async () => {
    for (const channel of ['mms', 'whatsapp', 'viber_service', 'messenger']) {
      const body = { channel, message_type: 'sticker' };
      const [event] = await eventsOf(body);
      expect(event).toMatchObject({
        kind: 'unsupported',
        reason: `Vonage ${channel} inbound messages are not RCS traffic`,
      });
    }
  });

  it('treats the channel case-insensitively', async () => {
    const [event] = await eventsOf({ ...TEXT, channel: 'RCS' });
    expect(event).toMatchObject({ kind: 'inbound', id: `inbound:${UUID}` });
  });
});

describe('vonage status callbacks', () => {
  it('maps an unknown status to unknown, keeping the provider value', async () => {
    const [event] = await eventsOf({ ...DELIVERED, status: 'accepted' });
    expect(event).toMatchObject({
      kind: 'delivery',
      id: `delivery:${UUID}:accepted`,
      status: 'unknown',
      providerStatus: 'accepted',
    });
  });

  it('reads a numeric error title as the code, and drops an error without code or detail', async () => {
    const numeric = {
      ...DELIVERED,
      status: 'rejected',
      error: { type: 'https://example.com/e#1000', title: 1000, detail: 'Throttled' },
    };
    expect((await eventsOf(numeric))[0]).toMatchObject({
      status: 'failed',
      error: { code: '1000', message: 'Throttled' },
    });
    const empty = {
      ...DELIVERED,
      status: 'rejected',
      error: { type: 'https://example.com/e', instance: 'x' },
    };
    expect((await eventsOf(empty))[0]).not.toHaveProperty('error');
    const nulls = { ...DELIVERED, error: null, client_ref: null, to: null };
    const [event] = await eventsOf(nulls);
    expect(event).not.toHaveProperty('error');
    expect(event).not.toHaveProperty('callbackData');
    expect(event).not.toHaveProperty('recipient');
  });

  it('normalizes an MMS failover leg with its channel in the id', async () => {
    const [event] = await eventsOf({ ...DELIVERED, channel: 'mms' });
    expect(event).toMatchObject({
      id: `delivery:${UUID}:delivered:mms`,
      channel: 'mms',
      status: 'delivered',
    });
  });

  it('passes other channels on as unsupported, whatever their shape', async () => {
    const [event] = await eventsOf({ channel: 'viber_service', status: 42 });
    expect(event).toMatchObject({
      kind: 'unsupported',
      reason: 'Vonage viber_service status callbacks are not RCS, SMS or MMS traffic',
    });
  });
});

describe('vonage payloads of the wrong shape', () => {
  const invalid: [string, unknown][] = [
    ['a JSON array', [DELIVERED]],
    ['a JSON string', 'delivered'],
    ['null', null],
    ['a text message without text', inboundWith({})],
    ['a text message with a numeric text', inboundWith({ text: 5 })],
    ['an inbound message without message_uuid', { ...TEXT, message_uuid: undefined }],
    ['an inbound message with an empty message_uuid', { ...TEXT, message_uuid: '' }],
    ['an inbound message without from', { ...TEXT, from: undefined }],
    ['an inbound message with a numeric message_type', { ...TEXT, message_type: 1 }],
    ['an image message without image', inboundWith({ message_type: 'image' })],
    ['an image without url', inboundWith({ message_type: 'image', image: { name: 'a.jpg' } })],
    [
      'a location with string coordinates',
      inboundWith({ message_type: 'location', location: { lat: '1', long: '2' } }),
    ],
    ['a reply that is not an object', inboundWith({ message_type: 'reply', reply: 'yes' })],
    [
      'a button whose payload is an object',
      inboundWith({ message_type: 'button', button: { payload: { a: 1 } } }),
    ],
    ['a status callback without message_uuid', { ...DELIVERED, message_uuid: undefined }],
    ['a status callback with a numeric status', { ...DELIVERED, status: 2 }],
    ['a status callback with a numeric channel', { ...DELIVERED, channel: 1 }],
    ['a status callback whose error is a string', { ...DELIVERED, error: 'failed' }],
  ];
  for (const [what, body] of invalid) {
    it(`acknowledges ${what} as unsupported and reports it`, () =>
      expectUnsupported(typeof body === 'string' ? JSON.stringify(body) : body, 'invalid_payload'));
  }

  it('acknowledges a signed body that is not JSON as unsupported and reports it', () =>
    expectUnsupported('{"channel":', 'malformed_body'));

  it('passes payloads that are not Messages API webhooks on as unsupported', async () => {
    const withoutChannel = { message_uuid: UUID, status: 'delivered' };
    expect((await eventsOf(withoutChannel))[0]).toMatchObject({
      kind: 'unsupported',
      reason: 'Vonage payload without a channel',
    });
    const neither = { channel: 'rcs', message_uuid: UUID };
    expect((await eventsOf(neither))[0]).toMatchObject({
      kind: 'unsupported',
      reason: 'Vonage payload that is neither a status callback nor an inbound message',
    });
  });
});

describe('vonage duplicate deliveries', () => {
  it('runs handlers once for the same request delivered twice, or re-signed with a new jti', async () => {
    const { rcs, events } = harness();
    const bytes = loadFixture('vonage', 'notes-status-delivered');
    const signed = await sign(bytes);
    const resigned = await sign(bytes);
    expect(resigned.headers.authorization).not.toBe(signed.headers.authorization);
    for (const request of [signed, signed, resigned]) {
      const response = await rcs.handle(request);
      expect(response.status).toBe(200);
    }
    expect(events.map((event) => event.id)).toEqual([`delivery:${UUID}:delivered`]);
  });

  it('keeps an inbound message and a status of the same uuid apart', async () => {
    const { rcs, events } = harness();
    for (const name of ['notes-inbound-text', 'notes-status-delivered']) {
      expect((await post(rcs, loadFixture('vonage', name))).status).toBe(200);
    }
    expect(events.map((event) => event.id)).toEqual([`inbound:${UUID}`, `delivery:${UUID}:delivered`]);
  });
});
