import { describe, expect, it } from 'vitest';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { fixtureNames, loadFixture, loadFixtureJson } from '../../helpers/fixtures.js';
import { type Answer, base, eventNames, harness, loadEvent, post, sign } from './setup.js';

const USER = '+12223334444';
const AGENT = 'my-agent@rbm.goog';
const SENT_AT = new Date('2025-01-01T12:00:00.000Z');

function report(raw: unknown, eventType: string, status: string) {
  return {
    ...base,
    kind: 'delivery',
    id: `delivery:msg-123:${eventType}:MxA1B2C3`,
    raw,
    occurredAt: SENT_AT,
    messageId: 'msg-123',
    status,
    providerStatus: eventType,
    recipient: USER,
    sender: AGENT,
  };
}

function ttl(raw: unknown, eventType: string, status: string) {
  return {
    ...base,
    kind: 'delivery',
    id: `delivery:<RCS message id>:${eventType}:<platform id>`,
    raw,
    occurredAt: new Date('2025-01-01T12:00:00Z'),
    messageId: '<RCS message id>',
    status,
    providerStatus: eventType,
    recipient: USER,
    sender: AGENT,
  };
}

function inbound(raw: unknown, messageId: string, sendTime: string, content: object) {
  return {
    ...base,
    kind: 'inbound',
    id: `inbound:${messageId}`,
    raw,
    occurredAt: new Date(sendTime),
    messageId,
    from: USER,
    to: AGENT,
    content,
  };
}

/** RBM SUBSCRIBE / UNSUBSCRIBE user events (issue 13 item 18): the user opted in or out. */
function subscription(raw: unknown, eventType: string, subscribed: boolean) {
  return {
    ...base,
    kind: 'subscription',
    id: `subscription:${USER}:${eventType}:MxA1B2C3`,
    raw,
    occurredAt: SENT_AT,
    user: USER,
    agent: AGENT,
    subscribed,
    providerStatus: eventType,
  };
}

const FILES = 'https://rcs-user-content-us.storage.googleapis.com/…';
const photo = {
  type: 'file',
  url: `${FILES}/file`,
  mimeType: 'image/jpeg',
  name: 'photo.jpg',
  size: 123456,
  thumbnail: { url: `${FILES}/thumb`, mimeType: 'image/jpeg', size: 1234 },
};

/** Expected events per fixture, given the decoded `message.data` object (the events' `raw`). */
const EXPECTED: Record<string, (raw: unknown) => object[]> = {
  'composed-envelope-read-event-snake-case-duplicates': (raw) => [report(raw, 'READ', 'read')],
  'composed-server-event-ttl-expiration-revoke-failed': (raw) => [
    ttl(raw, 'TTL_EXPIRATION_REVOKE_FAILED', 'unknown'),
  ],
  'composed-server-event-ttl-expiration-revoked': (raw) => [ttl(raw, 'TTL_EXPIRATION_REVOKED', 'expired')],
  'composed-user-event-delivered': (raw) => [report(raw, 'DELIVERED', 'delivered')],
  'composed-user-event-is-typing': (raw) => [
    {
      ...base,
      kind: 'typing',
      id: `typing:${USER}:MxA1B2C3`,
      raw,
      occurredAt: SENT_AT,
      from: USER,
      to: AGENT,
      active: true,
    },
  ],
  'composed-user-event-subscribe': (raw) => [subscription(raw, 'SUBSCRIBE', true)],
  'composed-user-event-unsubscribe': (raw) => [subscription(raw, 'UNSUBSCRIBE', false)],
  'composed-user-message-location': (raw) => [
    inbound(raw, 'MxZ1Y2X5', '2025-01-01T12:00:09Z', {
      type: 'location',
      latitude: 37.422,
      longitude: -122.084,
    }),
  ],
  'composed-user-message-suggestion-response': (raw) => [
    inbound(raw, 'MxZ1Y2X4', '2025-01-01T12:00:05Z', {
      type: 'suggestion',
      postbackData: 'confirm_appt_1043',
      text: 'Confirm',
    }),
  ],
  'composed-user-message-text': (raw) => [
    // Six fractional digits: a Date keeps the milliseconds.
    inbound(raw, 'MxZ1Y2X3', '2025-01-01T12:00:00.045Z', { type: 'text', text: 'Hello' }),
  ],
  'composed-user-message-user-file': (raw) => [inbound(raw, 'MxZ1Y2X6', '2025-01-01T12:00:12Z', photo)],
  // The same message with int64 sizes as JSON strings (proto3 JSON): the same normalized content.
  'composed-user-message-user-file-string-sizes': (raw) => [
    inbound(raw, 'MxZ1Y2X6', '2025-01-01T12:00:12Z', photo),
  ],
  'notes-envelope-read-event': (raw) => [report(raw, 'READ', 'read')],
};

/** Every fixture is a request body; the handshake is answered with its secret instead of events. */
const HANDSHAKE = 'notes-verification-handshake';

function decodedData(name: string): string {
  const envelope = loadFixtureJson('google', name) as { message: { data: string } };
  return Buffer.from(envelope.message.data, 'base64').toString('utf8');
}

describe('google fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect([...Object.keys(EXPECTED), HANDSHAKE].sort()).toEqual(fixtureNames('google'));
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`${name} normalizes as documented`, async () => {
      const { rcs, events, errors } = harness();
      const bytes = loadFixture('google', name);
      const response: Answer = await post(rcs, bytes);
      expect(response).toEqual({ status: 200, body: { ok: true } });
      expect(errors).toEqual([]);
      expect(events).toStrictEqual(EXPECTED[name]?.(JSON.parse(decodedData(name))));
    });
  }

  it(`${HANDSHAKE} is answered with its secret as plain text, no event`, async () => {
    const { rcs, events } = harness();
    const response = await rcs.handle(await sign(loadFixture('google', HANDSHAKE)));
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: '1234567890',
    });
    expect(events).toEqual([]);
  });
});

describe('google fixture provenance', () => {
  // Composed envelopes wrap the exact bytes of a decoded example (events/) in the documented
  // envelope's metadata, exactly as googleEnvelope builds them.
  const documented = loadFixtureJson('google', 'notes-envelope-read-event') as {
    message: { messageId: string; publishTime: string; attributes: Record<string, string> };
    subscription: string;
  };
  const meta = {
    messageId: documented.message.messageId,
    publishTime: documented.message.publishTime,
    attributes: documented.message.attributes,
    subscription: documented.subscription,
  };
  const composed = fixtureNames('google').filter(
    (name) => name.startsWith('composed-') && name !== 'composed-envelope-read-event-snake-case-duplicates',
  );

  for (const name of composed) {
    it(`${name} is googleEnvelope() of its decoded example`, () => {
      const suffix = name.slice('composed-'.length);
      const source = eventNames().find((event) => event.replace(/^(notes|composed)-/, '') === suffix);
      if (source === undefined) throw new Error(`no decoded example for ${name}`);
      const text = loadEvent(source);
      expect(decodedData(name)).toBe(text);
      expect(loadFixture('google', name)).toBe(`${JSON.stringify(googleEnvelope(text, meta), null, 2)}\n`);
    });
  }

  it('the documented envelope carries the signature vector event', () => {
    expect(decodedData('notes-envelope-read-event')).toBe(loadEvent('notes-user-event-read'));
    expect(decodedData('composed-envelope-read-event-snake-case-duplicates')).toBe(
      loadEvent('notes-user-event-read'),
    );
  });

  it('every decoded example is used by an envelope', () => {
    const used = fixtureNames('google').map((name) => name.replace(/^(notes|composed)-/, ''));
    for (const event of eventNames()) {
      if (event === 'notes-user-event-read') continue;
      expect(used).toContain(event.replace(/^(notes|composed)-/, ''));
    }
  });
});
