import { describe, expect, it } from 'vitest';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { answer, base, harness, loadEvent, post, sign, unsupportedId } from './setup.js';

const USER = '+12223334444';
const AGENT = 'my-agent@rbm.goog';
const event = (name: string) => JSON.parse(loadEvent(name)) as Record<string, unknown>;

/** Posts each decoded event in its own signed envelope, in order; returns the emitted events. */
async function normalize(...decoded: unknown[]) {
  const { rcs, events, errors } = harness();
  for (const item of decoded) {
    expect(answer(await rcs.handle(await sign(googleEnvelope(item as object))))).toEqual({
      status: 200,
      body: { ok: true },
    });
  }
  expect(errors).toEqual([]);
  return { events, rcs };
}

/**
 * A signed event that does not fit (issue 13 item 8): answered 200 as one `unsupported` event, its
 * PayloadParseError reported. `raw` is the decoded event when it is a JSON object, else the envelope.
 */
async function expectUnsupported(decoded: unknown, code = 'invalid_payload') {
  const { rcs, events, errors } = harness();
  const data = typeof decoded === 'string' ? decoded : JSON.stringify(decoded);
  const envelope = googleEnvelope(data);
  expect(await post(rcs, envelope)).toEqual({ status: 200, body: { ok: true } });
  const object = typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded);
  expect(events).toStrictEqual([
    {
      ...base,
      kind: 'unsupported',
      id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
      raw: object ? JSON.parse(data) : envelope,
      reason: expect.stringMatching(/^(google|Google RBM) /),
    },
  ]);
  expect(errors).toEqual([expect.objectContaining({ name: 'PayloadParseError', code })]);
  return events[0];
}

describe('google normalization details', () => {
  it('builds ids without an eventId from what identifies the event', async () => {
    const { eventId: _delivered, ...delivered } = event('composed-user-event-delivered');
    const { eventId: _typing, ...typing } = event('composed-user-event-is-typing');
    const { events } = await normalize(delivered, typing);
    expect(events.map((item) => item.id)).toEqual([
      'delivery:msg-123:DELIVERED',
      expect.stringMatching(new RegExp(`^typing:\\${USER}:[0-9a-f]{32}$`)),
    ]);
  });

  it('gives a message its delivered, read and expiry reports distinct ids', async () => {
    const { events } = await normalize(
      event('composed-user-event-delivered'),
      event('notes-user-event-read'),
      { ...event('notes-server-event-ttl-expiration-revoked'), messageId: 'msg-123' },
    );
    expect(new Set(events.map((item) => item.id)).size).toBe(3);
  });

  it('passes unknown event types and shapes on unsupported, with the reason', async () => {
    const userEvent = { ...event('notes-user-event-read'), eventType: 'EVENT_TYPE_UNSPECIFIED' };
    const serverEvent = { ...event('notes-server-event-ttl-expiration-revoked'), eventType: 'SOMETHING_NEW' };
    const { text: _text, messageId: _id, ...noContent } = event('notes-user-message-text');
    const newContent = { ...noContent, messageId: 'MxNEW', richCard: {} };
    const unknown = { hello: 'world' };
    const { events } = await normalize(userEvent, serverEvent, newContent, unknown);
    expect(events).toStrictEqual([
      {
        ...base,
        kind: 'unsupported',
        id: unsupportedId(userEvent),
        raw: userEvent,
        reason: 'Google RBM user event EVENT_TYPE_UNSPECIFIED is not supported',
      },
      {
        ...base,
        kind: 'unsupported',
        id: unsupportedId(serverEvent),
        raw: serverEvent,
        reason: 'Google RBM server event SOMETHING_NEW is not supported',
      },
      {
        ...base,
        kind: 'unsupported',
        id: unsupportedId(newContent),
        raw: newContent,
        reason:
          'Google RBM user message (keys: senderPhoneNumber, sendTime, agentId, messageId, richCard) has no supported content',
      },
      {
        ...base,
        kind: 'unsupported',
        id: unsupportedId(unknown),
        raw: unknown,
        reason: 'Google RBM payload of an unknown shape',
      },
    ]);
  });

  it('keeps newer fields only in raw, and reads null as absent', async () => {
    const message = {
      ...event('notes-user-message-text'),
      agentId: null,
      carrier: 'Example Carrier',
      richMessageClassification: { anything: true },
    };
    const { events } = await normalize(message);
    expect(events).toStrictEqual([
      {
        ...base,
        kind: 'inbound',
        id: 'inbound:MxZ1Y2X3',
        raw: message,
        occurredAt: new Date('2025-01-01T12:00:00.045Z'),
        messageId: 'MxZ1Y2X3',
        from: USER,
        content: { type: 'text', text: 'Hello' },
      },
    ]);
  });

  it('omits what a message does not carry: thumbnail, file name, size, send time', async () => {
    const message = {
      senderPhoneNumber: USER,
      messageId: 'MxFILE',
      sendTime: 'not a date',
      userFile: { payload: { fileUri: 'https://example.test/file.pdf', mimeType: 'application/pdf' } },
    };
    const { events } = await normalize(message);
    expect(events).toStrictEqual([
      {
        ...base,
        kind: 'inbound',
        id: 'inbound:MxFILE',
        raw: message,
        messageId: 'MxFILE',
        from: USER,
        content: { type: 'file', url: 'https://example.test/file.pdf', mimeType: 'application/pdf' },
      },
    ]);
  });

  it('marks an older report arriving late as superseded; a failed revocation never hides a delivery', async () => {
    const revokeFailed = {
      ...event('composed-server-event-ttl-expiration-revoke-failed'),
      messageId: 'msg-123',
    };
    const { events, rcs } = await normalize(
      revokeFailed,
      event('notes-user-event-read'),
      event('composed-user-event-delivered'),
    );
    expect(events.map((item) => [item.kind === 'delivery' && item.status, 'superseded' in item])).toEqual([
      ['unknown', false],
      ['read', false],
      ['delivered', true],
    ]);
    expect((await rcs.messages.get('msg-123'))?.status).toBe('read');
  });

  it('treats a revoked message as expired for good', async () => {
    const revoked = { ...event('notes-server-event-ttl-expiration-revoked'), messageId: 'msg-123' };
    const { events } = await normalize(revoked, event('composed-user-event-delivered'));
    expect(events.map((item) => 'superseded' in item)).toEqual([false, true]);
  });

  const invalid: [string, unknown, string?][] = [
    ['DELIVERED without messageId', { ...event('composed-user-event-is-typing'), eventType: 'DELIVERED' }],
    ['a server event without messageId', { phoneNumber: USER, eventType: 'TTL_EXPIRATION_REVOKED' }],
    ['IS_TYPING without senderPhoneNumber', { eventType: 'IS_TYPING', eventId: 'e1' }],
    ['a non-string eventType', { senderPhoneNumber: USER, eventType: 7 }],
    ['a message without messageId', { senderPhoneNumber: USER, text: 'hi' }],
    ['a message without sender', { messageId: 'm1', text: 'hi' }],
    ['a text that is not a string', { ...event('notes-user-message-text'), text: 42 }],
    [
      'a location with string coordinates',
      { ...event('notes-user-message-location'), location: { latitude: '1', longitude: '2' } },
    ],
    [
      'a file without fileUri',
      { ...event('notes-user-message-text'), text: undefined, userFile: { payload: {} } },
    ],
    [
      'a file size that is not a count',
      {
        ...event('notes-user-message-text'),
        text: undefined,
        userFile: { payload: { fileUri: 'u', fileSizeBytes: '12kB' } },
      },
    ],
    ['a JSON array', [event('notes-user-message-text')]],
    ['a JSON string', '"hello"'],
    ['bytes that are not JSON', '{"senderPhoneNumber":', 'malformed_body'],
    ['JSON after a byte-order mark', `\uFEFF${loadEvent('notes-user-message-text')}`, 'malformed_body'],
  ];
  for (const [what, decoded, code] of invalid) {
    it(`passes a signed event with ${what} on unsupported (200), reporting why`, () =>
      expectUnsupported(decoded, code));
  }

  it('names the path and the expected shape in the reason, never the value', async () => {
    const event = await expectUnsupported({ senderPhoneNumber: USER, text: 'secret words' });
    expect(event).toMatchObject({ reason: expect.stringContaining('messageId') });
    expect(JSON.stringify((event as { reason: string }).reason)).not.toContain('secret words');
  });

  it('passes decoded bytes that are not UTF-8 on unsupported, the envelope as raw', async () => {
    const { rcs, events, errors } = harness();
    const envelope = googleEnvelope(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    expect(await post(rcs, envelope)).toEqual({ status: 200, body: { ok: true } });
    expect(events).toMatchObject([{ kind: 'unsupported', raw: envelope }]);
    expect(errors).toEqual([expect.objectContaining({ code: 'malformed_body' })]);
  });
});

describe('google raw', () => {
  it('is the decoded event, not the Pub/Sub envelope', async () => {
    const { events } = await normalize(event('notes-user-message-location'));
    expect(events[0]?.raw).toEqual(event('notes-user-message-location'));
    expect(events[0]).toMatchObject({ to: AGENT });
  });
});
