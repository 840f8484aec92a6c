import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { base, harness, post } from './setup.js';

const OUTBOUND = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const USER = '447700900001';
const AGENT = 'Vonage';
const MEDIA_URL = 'https://api-eu.nexmo.com/v3/media/6882bbe2-fe14-4e2f-910f-652beee058d4';

/** An inbound RCS message from the user to the agent, as every inbound fixture is. */
function inbound(raw: unknown, uuid: string, at: string, content: object) {
  return {
    ...base,
    kind: 'inbound',
    id: `inbound:${uuid}`,
    raw,
    occurredAt: new Date(at),
    messageId: uuid,
    from: USER,
    to: AGENT,
    content,
  };
}

/** A status callback for a message from the agent (`from`) to the user (`to`); `idSuffix` for non-RCS legs. */
function delivery(raw: unknown, uuid: string, at: string, status: string, extra: object, idSuffix = '') {
  return {
    ...base,
    kind: 'delivery',
    id: `delivery:${uuid}:${status}${idSuffix}`,
    raw,
    occurredAt: new Date(at),
    messageId: uuid,
    recipient: USER,
    sender: AGENT,
    channel: 'rcs',
    providerStatus: status,
    ...extra,
  };
}

function unsupported(raw: unknown, reason: string) {
  const digest = createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32);
  return { ...base, kind: 'unsupported', id: `unsupported:${digest}`, raw, reason };
}

const EXPECTED: Record<string, (raw: unknown) => object[]> = {
  'notes-inbound-text': (raw) => [
    inbound(raw, OUTBOUND, '2025-01-01T12:00:00Z', { type: 'text', text: 'Hello' }),
  ],
  'notes-inbound-reply': (raw) => [
    inbound(raw, '…', '2025-01-01T12:00:05Z', {
      type: 'suggestion',
      postbackData: 'question_1_option_1',
      text: '9am',
    }),
  ],
  'notes-inbound-button': (raw) => [
    inbound(raw, '…', '2025-01-01T12:00:07Z', {
      type: 'suggestion',
      postbackData: 'open_url_1',
      text: 'Visit site',
    }),
  ],
  'notes-inbound-vcard': (raw) => [
    inbound(raw, '…', '2025-01-01T12:00:09Z', { type: 'file', url: MEDIA_URL, name: 'contact.vcf' }),
  ],
  'notes-status-delivered': (raw) => [
    delivery(raw, OUTBOUND, '2025-01-01T12:00:03Z', 'delivered', { status: 'delivered' }),
  ],
  'notes-status-rejected': (raw) => [
    delivery(raw, '…', '2025-01-01T12:00:03Z', 'rejected', {
      status: 'failed',
      error: { code: '1420', message: 'Invalid parameters' },
    }),
  ],
  'composed-inbound-image': (raw) => [
    inbound(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000001', '2025-01-01T12:01:00Z', {
      type: 'file',
      url: MEDIA_URL,
    }),
  ],
  'composed-inbound-file': (raw) => [
    inbound(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000002', '2025-01-01T12:02:00Z', {
      type: 'file',
      url: MEDIA_URL,
      name: 'invoice.pdf',
    }),
  ],
  'composed-inbound-video': (raw) => [
    inbound(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000003', '2025-01-01T12:03:00Z', {
      type: 'file',
      url: MEDIA_URL,
    }),
  ],
  'composed-inbound-audio': (raw) => [
    inbound(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000004', '2025-01-01T12:04:00Z', {
      type: 'file',
      url: MEDIA_URL,
    }),
  ],
  // `address` has no normalized field: it stays in raw.
  'composed-inbound-location': (raw) => [
    inbound(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000005', '2025-01-01T12:05:00Z', {
      type: 'location',
      latitude: 51.5216317,
      longitude: -0.0890947,
      label: 'Vonage London',
    }),
  ],
  'composed-inbound-sms-text': (raw) => [unsupported(raw, 'Vonage sms inbound messages are not RCS traffic')],
  'composed-status-submitted': (raw) => [
    delivery(raw, OUTBOUND, '2025-01-01T12:00:01Z', 'submitted', {
      status: 'sent',
      callbackData: 'order-42',
    }),
  ],
  'composed-status-read': (raw) => [
    delivery(raw, OUTBOUND, '2025-01-01T12:00:10Z', 'read', { status: 'read' }),
  ],
  'composed-status-undeliverable': (raw) => [
    delivery(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000010', '2025-01-01T12:10:00Z', 'undeliverable', {
      status: 'failed',
    }),
  ],
  'composed-status-failover-rcs-rejected': (raw) => [
    delivery(raw, 'aaaaaaaa-bbbb-4ccc-8ddd-000000000011', '2025-01-01T12:11:00Z', 'rejected', {
      status: 'failed',
    }),
  ],
  // The SMS leg of the same message: sent from the SMS number, `channel: "sms"`, its own id.
  'composed-status-failover-sms-delivered': (raw) => [
    delivery(
      raw,
      'aaaaaaaa-bbbb-4ccc-8ddd-000000000011',
      '2025-01-01T12:11:05Z',
      'delivered',
      {
        status: 'delivered',
        sender: '447700900000',
        channel: 'sms',
      },
      ':sms',
    ),
  ],
  'composed-status-whatsapp-delivered': (raw) => [
    unsupported(raw, 'Vonage whatsapp status callbacks are not RCS, SMS or MMS traffic'),
  ],
};

describe('vonage fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('vonage'));
  });

  for (const name of fixtureNames('vonage')) {
    it(`${name} normalizes as documented`, async () => {
      const expected = EXPECTED[name];
      if (expected === undefined) throw new Error(`no expectation for ${name}`);
      const { rcs, events } = harness();
      const bytes = loadFixture('vonage', name);
      expect(await post(rcs, bytes)).toEqual({ status: 200, body: { ok: true } });
      expect(events).toStrictEqual(expected(JSON.parse(bytes)));
    });
  }

  it('gives each status of one message its own id', async () => {
    const { rcs, events } = harness();
    for (const name of ['composed-status-submitted', 'notes-status-delivered', 'composed-status-read']) {
      expect((await post(rcs, loadFixture('vonage', name))).status).toBe(200);
    }
    expect(events.map((event) => event.id)).toEqual([
      `delivery:${OUTBOUND}:submitted`,
      `delivery:${OUTBOUND}:delivered`,
      `delivery:${OUTBOUND}:read`,
    ]);
  });
});
