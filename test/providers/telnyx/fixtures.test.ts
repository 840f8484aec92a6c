import { describe, expect, it } from 'vitest';
import { expectAcceptedUnsupported } from '../../helpers/content-contract.js';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { base, harness, post } from './setup.js';

const AGENT = 'e4448a5c0670c2a9';
const OUTBOUND_MESSAGE = 'ac012cbf-5e09-46af-a69a-7c0e2d90993c';
const INBOUND_MESSAGE = '84cca175-9755-4859-b67f-4730d7f58aa3';
const INBOUND_EVENT = 'b301ed3f-1490-491f-995f-6e64e69674d4';
const INBOUND_AT = new Date('2024-12-09T20:16:07.588Z');
const FILE_HOST = 'https://rcs-inbound.us-central-1.telnyxcloudstorage.com/rcs';
const SEED_FILE_DIR = `${FILE_HOST}/9be89cbfecc6aea796ab8e8f276a1efe`;

/** `unsupported`: accepted (200) but not normalizable, passed on as `unsupported` and reported to onError. */
type Expected = { status: 200; events: (raw: unknown) => object[] } | { unsupported: true };
const UNSUPPORTED = { unsupported: true } as const;

function delivered(eventId: string, raw: unknown) {
  return {
    ...base,
    kind: 'delivery',
    id: `delivery:${eventId}:message.finalized:delivered`,
    raw,
    occurredAt: new Date('2024-12-09T21:32:14.148Z'),
    messageId: OUTBOUND_MESSAGE,
    status: 'delivered',
    providerStatus: 'delivered',
    recipient: '+13125000000',
    sender: AGENT,
    channel: 'rcs',
  };
}

/** An inbound RCS message from one of the doc's inbound envelopes (seed: short number, notes: full). */
function inbound(raw: unknown, from: string, content: object) {
  return {
    ...base,
    kind: 'inbound',
    id: `inbound:${INBOUND_EVENT}`,
    raw,
    occurredAt: INBOUND_AT,
    messageId: INBOUND_MESSAGE,
    from,
    to: AGENT,
    content,
  };
}

const SEED_FROM = '+1312500000';
const NOTES_FROM = '+13125000000';

const seedFile = {
  type: 'file',
  url: `${SEED_FILE_DIR}/d387f5f4fa07c989855d1308eb026bd73ad0b9c4b2af5102672b9cb4e5a89579.jfif`,
  mimeType: 'image/jpeg',
  name: 'd387f5f4fa07c989855d1308eb026bd73ad0b9c4b2af5102672b9cb4e5a89579.jfif',
  size: 179099,
  thumbnail: {
    url: `${SEED_FILE_DIR}/695f01a428ab1dbd1555bbb719d736f4a4c9f695cd9338b00408047184097600.jfif`,
    mimeType: 'image/jpeg',
    size: 12074,
  },
};
const notesFile = {
  type: 'file',
  url: `${FILE_HOST}/.../photo.jpg`,
  mimeType: 'image/jpeg',
  name: 'photo.jpg',
  size: 179099,
};
const notesFileWithThumbnail = {
  ...notesFile,
  thumbnail: { url: `${FILE_HOST}/.../photo_thumb.jpg`, mimeType: 'image/jpeg', size: 12074 },
};
const location = { type: 'location', latitude: 38.24961321640261, longitude: -85.78378468751907 };

const EXPECTED: Record<string, Expected> = {
  // Same Telnyx event as the seed (a retry with a string `meta.attempt`): same id.
  'composed-message-finalized-meta-attempt-string': {
    status: 200,
    events: (raw) => [delivered('4ee8c3a6-4995-4309-a3c6-38e3db9ea4be', raw)],
  },
  'composed-message-received-location-no-meta': {
    status: 200,
    events: (raw) => [inbound(raw, NOTES_FROM, location)],
  },
  'composed-message-received-location-with-meta': {
    status: 200,
    events: (raw) => [inbound(raw, SEED_FROM, location)],
  },
  'composed-message-received-suggestion-response-no-meta': {
    status: 200,
    events: (raw) => [
      inbound(raw, NOTES_FROM, {
        type: 'suggestion',
        postbackData: 'action_visit_store',
        text: 'Explore the online store',
      }),
    ],
  },
  'composed-message-received-suggestion-response-with-meta': {
    status: 200,
    events: (raw) => [
      inbound(raw, SEED_FROM, {
        type: 'suggestion',
        postbackData: 'https://webhook.site/04bbd2e3-09b5-4c9e-95de-a1debeb9e675',
        text: 'Explore the online store',
      }),
    ],
  },
  'composed-message-received-user-file-no-meta': {
    status: 200,
    events: (raw) => [inbound(raw, NOTES_FROM, notesFileWithThumbnail)],
  },
  'composed-message-received-user-file-no-thumbnail': {
    status: 200,
    events: (raw) => [inbound(raw, NOTES_FROM, notesFile)],
  },
  'composed-message-received-user-file-with-meta': {
    status: 200,
    events: (raw) => [inbound(raw, SEED_FROM, seedFile)],
  },
  // WhatsApp (a string `to`, a text object): accepted and passed on, not a schema failure.
  'composed-message-received-whatsapp-to-string': {
    status: 200,
    events: (raw) => [
      {
        ...base,
        kind: 'unsupported',
        id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
        raw,
        reason: 'Telnyx WHATSAPP inbound messages are not RCS, SMS or MMS',
      },
    ],
  },
  // SMS/MMS inbound is passed on unsupported (an inbound event has no channel field).
  'composed-message-received-mms-media': {
    status: 200,
    events: (raw) => [
      {
        ...base,
        kind: 'unsupported',
        id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
        raw,
        reason: 'Telnyx MMS inbound messages are not RCS',
      },
    ],
  },
  // One delivery per recipient: the `to[]` entry, then the `cc[]` member of the group.
  'composed-message-finalized-mms-group-cc': {
    status: 200,
    events: (raw) =>
      (
        [
          ['delivered', 'delivered', '+13125000000'],
          ['delivery_failed', 'failed', '+13125000002'],
        ] as const
      ).map(([providerStatus, status, recipient]) => ({
        ...base,
        kind: 'delivery',
        id: `delivery:e7a0c5b4-8f63-4d9a-9c2e-3b4c5d6e7f80:message.finalized:${providerStatus}:${recipient}`,
        raw,
        occurredAt: new Date('2025-06-02T10:25:00.000Z'),
        messageId: '7f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c',
        status,
        providerStatus,
        recipient,
        sender: '+18445550001',
        channel: 'mms',
      })),
  },
  // An SMS opt-out keyword Telnyx answered: the SMS (unsupported), then the unsubscribe.
  'composed-message-received-sms-stop': {
    status: 200,
    events: (raw) => {
      const shared = { ...base, raw, occurredAt: new Date('2025-06-02T10:30:00.000Z') };
      return [
        {
          ...base,
          raw,
          kind: 'unsupported',
          id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
          reason: 'Telnyx SMS inbound messages are not RCS',
        },
        {
          ...shared,
          kind: 'subscription',
          id: 'subscription:f8b1d6c5-9a74-4eab-8d3f-4c5d6e7f8091',
          user: '+13125000000',
          agent: '+18445550001',
          subscribed: false,
          providerStatus: 'STOP',
        },
      ];
    },
  },
  // A schematic envelope: `message.finalized` whose payload has none of its fields.
  'notes-envelope-skeleton': UNSUPPORTED,
  'notes-message-finalized-delivery-failed': {
    status: 200,
    events: (raw) => [
      {
        ...base,
        kind: 'delivery',
        id: 'delivery:0f7c2b7e-2a53-4a38-9a57-3c9a1b4f9e10:message.finalized:delivery_failed',
        raw,
        occurredAt: new Date('2024-12-09T21:33:00.000Z'),
        messageId: OUTBOUND_MESSAGE,
        status: 'failed',
        providerStatus: 'delivery_failed',
        recipient: '+13125000000',
        sender: AGENT,
        error: { code: '40300', message: 'The destination number is not reachable on the carrier network.' },
        channel: 'rcs',
      },
    ],
  },
  'notes-message-read-no-meta': {
    status: 200,
    events: (raw) => [
      {
        ...base,
        kind: 'delivery',
        id: 'delivery:7bc4d2e1-3f89-4a12-b5c7-9e8d1a2f3b4c:message.read:read',
        raw,
        occurredAt: new Date('2024-12-09T21:35:22.000Z'),
        messageId: OUTBOUND_MESSAGE,
        status: 'read',
        providerStatus: 'read',
        recipient: '+13125000000',
        sender: AGENT,
        channel: 'rcs',
      },
    ],
  },
  'notes-message-received-text-no-meta': {
    status: 200,
    events: (raw) => [inbound(raw, NOTES_FROM, { type: 'text', text: 'Hello from Telnyx!' })],
  },
  'notes-message-sent': {
    status: 200,
    events: (raw) => [
      {
        ...base,
        kind: 'delivery',
        id: 'delivery:a1b2c3d4-5678-9012-abcd-ef1234567890:message.sent:sent',
        raw,
        occurredAt: new Date('2024-12-09T21:32:13.596Z'),
        messageId: OUTBOUND_MESSAGE,
        status: 'sent',
        providerStatus: 'sent',
        recipient: '+13125000000',
        sender: AGENT,
        channel: 'rcs',
      },
    ],
  },
  // The signature vector's body is minimal: no `payload.id`, no `from`. It verifies (see auth
  // tests) but cannot be normalized without inventing the message id and the sender.
  'notes-signature-vector-message-received-text': UNSUPPORTED,
  'seed-message-finalized-delivered': {
    status: 200,
    events: (raw) => [delivered('4ee8c3a6-4995-4309-a3c6-38e3db9ea4be', raw)],
  },
  // Body-only fragments of the doc (no `event_type`, no `id`): not webhooks on their own. Their
  // content is tested inside a full envelope in normalize.test.ts.
  'seed-message-received-location-fragment': UNSUPPORTED,
  'seed-message-received-suggestion-response-fragment': UNSUPPORTED,
  'seed-message-received-text-fragment': UNSUPPORTED,
  'seed-message-received-user-file-fragment': UNSUPPORTED,
  'seed-message-received-text': {
    status: 200,
    events: (raw) => [inbound(raw, SEED_FROM, { type: 'text', text: 'Hello from Telnyx!' })],
  },
};

describe('telnyx fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('telnyx'));
  });

  for (const name of fixtureNames('telnyx')) {
    it(`${name} normalizes as documented`, async () => {
      const expected = EXPECTED[name];
      if (expected === undefined) throw new Error(`no expectation for ${name}`);
      const recorded = harness();
      const { rcs, events } = recorded;
      const bytes = loadFixture('telnyx', name);
      const response = await post(rcs, bytes);
      if ('unsupported' in expected) {
        expectAcceptedUnsupported(recorded, response);
        return;
      }
      expect(response).toEqual({ status: 200, body: { ok: true } });
      expect(events).toStrictEqual(expected.events(JSON.parse(bytes)));
    });
  }
});
