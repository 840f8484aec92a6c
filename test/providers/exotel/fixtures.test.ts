import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { base, harness, itemsOf, post, sign } from './setup.js';

const date = (iso: string) => new Date(iso);
const SEED_USERS = { messageId: '1234', from: '5678', to: '9012' };
const SEED_AT = date('2024-12-07T11:30:00.000Z');
const NOTES_DLR = {
  messageId: '2FdiiEQUosckPhpZfuVwfjxiSlc16a4',
  recipient: '+919888888888',
  callbackData: 'order_12345',
};
const GOOGLE_MEDIA =
  'https://rcs-user-content-ap.storage.googleapis.com/040ee868-9e0c-4a3a-b24b-c559987dfeb7';

/** Every Exotel fixture and the events it must produce, field for field (`raw` added from the body). */
const EXPECTED: Record<string, object[]> = {
  'notes-dlr-variant-a-enveloped': [
    {
      kind: 'delivery',
      id: 'delivery:2FdiiEQUosckPhpZfuVwfjxiSlc16a4:40002:rcs',
      occurredAt: date('2026-04-17T05:00:00.000Z'),
      ...NOTES_DLR,
      status: 'delivered',
      providerStatus: 'EX_MESSAGE_DELIVERED',
      channel: 'rcs',
    },
  ],
  'notes-dlr-sms-fallback': [
    {
      kind: 'delivery',
      id: 'delivery:2FdiiEQUosckPhpZfuVwfjxiSlc16a4:20005:sms',
      occurredAt: date('2026-04-17T05:01:10.000Z'),
      ...NOTES_DLR,
      status: 'delivered',
      providerStatus: 'DELIVERED_TO_HANDSET',
      channel: 'sms',
    },
  ],
  'notes-dlr-variant-b-flat': [
    {
      kind: 'delivery',
      id: 'delivery:msg_abc123def456:40002',
      occurredAt: date('2026-04-17T10:30:00.000Z'),
      messageId: 'msg_abc123def456',
      status: 'delivered',
      providerStatus: 'EX_MESSAGE_DELIVERED',
      recipient: '+919888888888',
      callbackData: 'order_12345',
    },
  ],
  'notes-inbound-text': [
    {
      kind: 'inbound',
      id: 'inbound:a1b2c3d4e5',
      occurredAt: date('2026-04-17T05:02:00.000Z'),
      messageId: 'a1b2c3d4e5',
      from: '+919888888888',
      to: 'your_bot_id',
      content: { type: 'text', text: 'Yes, confirm my order' },
    },
  ],
  'notes-inbound-file': [
    {
      kind: 'inbound',
      id: 'inbound:a1b2c3d4e6',
      occurredAt: date('2026-04-17T05:03:00.000Z'),
      messageId: 'a1b2c3d4e6',
      from: '+919888888888',
      to: 'your_bot_id',
      content: { type: 'file', url: 'https://…/media/123.jpg', mimeType: 'image/jpeg', name: 'invoice.pdf' },
    },
  ],
  'notes-inbound-location': [
    {
      kind: 'inbound',
      id: 'inbound:a1b2c3d4e7',
      occurredAt: date('2026-04-17T05:04:00.000Z'),
      messageId: 'a1b2c3d4e7',
      from: '+919888888888',
      to: 'your_bot_id',
      content: { type: 'location', latitude: 19.076, longitude: 72.8777, label: 'Home' },
    },
  ],
  'notes-inbound-suggested': [
    {
      kind: 'inbound',
      id: 'inbound:a1b2c3d4e8',
      occurredAt: date('2026-04-17T05:05:00.000Z'),
      messageId: 'a1b2c3d4e8',
      from: '+919888888888',
      to: 'your_bot_id',
      content: { type: 'suggestion', postbackData: 'TRACK_ORDER_12345', text: 'Track order' },
    },
  ],
  'seed-inbound-text': [
    {
      kind: 'inbound',
      id: 'inbound:1234',
      occurredAt: SEED_AT,
      ...SEED_USERS,
      content: { type: 'text', text: 'This is a text message from RCS' },
    },
  ],
  'seed-inbound-file': [
    {
      kind: 'inbound',
      id: 'inbound:1234',
      occurredAt: SEED_AT,
      ...SEED_USERS,
      content: {
        type: 'file',
        url: `${GOOGLE_MEDIA}/725738ceec470d8574c0050c497d8bfc6a76e78e405e8b99438b3b23d764`,
        mimeType: 'image/jpeg',
        name: 'xyz.jpg',
        size: 187662,
        thumbnail: {
          url: `${GOOGLE_MEDIA}/df6dccf930b934682505128f9c54e14dade8603bc5384a6a8e846496c8bc`,
          mimeType: 'image/jpeg',
          size: 7534,
        },
      },
    },
  ],
  'seed-inbound-location': [
    {
      kind: 'inbound',
      id: 'inbound:1234',
      occurredAt: SEED_AT,
      ...SEED_USERS,
      // The seed spells the key `longtitude`.
      content: { type: 'location', latitude: 29.6305248, longitude: 74.3043942 },
    },
  ],
  'seed-inbound-suggested-action': [
    {
      kind: 'inbound',
      id: 'inbound:1234',
      occurredAt: SEED_AT,
      ...SEED_USERS,
      content: { type: 'suggestion', postbackData: 'set_by_chatbot_open_url', text: 'Show now' },
    },
  ],
  'seed-inbound-suggested-reply': [
    {
      kind: 'inbound',
      id: 'inbound:1234',
      occurredAt: SEED_AT,
      ...SEED_USERS,
      content: { type: 'suggestion', postbackData: 'user_query', text: 'Know more' },
    },
  ],
  'seed-inbound-error': [
    {
      kind: 'unsupported',
      // No `sid`: the id is the digest of the item.
      id: 'unsupported:fb9e3e7fc3b5bd0300185d7e7149da3a',
      reason:
        'Exotel reported an error for an incoming message: EX_UNSUPPORTED_MEDIA_TYPE (24501): ' +
        'The media type is currently not supported',
    },
  ],
};

describe('Exotel fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('exotel'));
  });

  for (const name of fixtureNames('exotel')) {
    it(`normalizes ${name}`, async () => {
      const { rcs, events } = harness();
      const body = loadFixture('exotel', name);
      expect(await post(rcs, await sign(body))).toEqual({ status: 200, body: { ok: true } });
      const raws = itemsOf(body);
      expect(events).toEqual(
        (EXPECTED[name] ?? []).map((event, index) => ({ ...base, ...event, raw: raws[index] })),
      );
    });
  }
});
