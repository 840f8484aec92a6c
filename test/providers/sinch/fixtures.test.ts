import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { base, harness, post } from './setup.js';

const USER = '46732001122';
const AGENT = 'acme_agent';
const CONVERSATION = '01JGQX0000000000000000000C';
const OUTBOUND = '01JGQX000000000000000000MT';
const MEDIA = 'https://media.example.com/inbound';

type Expected = (raw: unknown) => object[];

/** The unsupported event for a whole callback: its id is the digest rcs-webhooks gives unknown items. */
function unsupported(reason: string): Expected {
  const digest = (raw: unknown) =>
    createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32);
  return (raw) => [{ ...base, kind: 'unsupported', id: `unsupported:${digest(raw)}`, raw, reason }];
}

/** An inbound message of the notes' MESSAGE_INBOUND envelope (RCS, conversation mode, agent acme_agent). */
function inbound(messageId: string, content: object, extra: object = {}): Expected {
  return (raw) => [
    {
      ...base,
      kind: 'inbound',
      id: `inbound:${messageId}`,
      raw,
      occurredAt: new Date('2025-01-01T12:00:00.045Z'),
      messageId,
      from: USER,
      to: AGENT,
      content,
      conversation: { id: CONVERSATION },
      ...extra,
    },
  ];
}

/** A report on the outbound message of the notes' MESSAGE_DELIVERY example. */
function delivery(providerStatus: string, status: string, occurredAt: string, extra: object = {}): Expected {
  return (raw) => [
    {
      ...base,
      kind: 'delivery',
      id: `delivery:${OUTBOUND}:${providerStatus}:RCS`,
      raw,
      occurredAt: new Date(occurredAt),
      messageId: OUTBOUND,
      status,
      providerStatus,
      recipient: USER,
      conversation: { id: CONVERSATION },
      channel: 'rcs',
      ...extra,
    },
  ];
}

function subscription(requestId: string, subscribed: boolean, status: string, at: string): Expected {
  return (raw) => [
    {
      ...base,
      kind: 'subscription',
      id: `subscription:${requestId}`,
      raw,
      occurredAt: new Date(at),
      user: USER,
      subscribed,
      providerStatus: status,
    },
  ];
}

function typing(eventId: string, active: boolean, occurredAt: string): Expected {
  return (raw) => [
    {
      ...base,
      kind: 'typing',
      id: `typing:${eventId}:${active ? 'on' : 'off'}`,
      raw,
      occurredAt: new Date(occurredAt),
      from: USER,
      active,
    },
  ];
}

function capability(
  requestId: string,
  phoneNumber: string,
  providerStatus: string,
  enabled: boolean,
): Expected {
  return (raw) => [
    {
      ...base,
      kind: 'capability',
      id: `capability:${requestId}`,
      raw,
      occurredAt: new Date('2025-01-01T11:00:00.000Z'),
      phoneNumber,
      enabled,
      providerStatus,
    },
  ];
}

const EXPECTED: Record<string, Expected> = {
  'notes-message-inbound-text': inbound('01JGQX0000000000000000000A', { type: 'text', text: 'Hello' }),
  // The tapped suggestion names the message that carried it (the notes' elided `01JGQ…`).
  'composed-message-inbound-choice-response': inbound(
    '01JGQX0000000000000000000B',
    { type: 'suggestion', postbackData: 'confirm_1043' },
    { replyToMessageId: '01JGQ…' },
  ),
  'composed-message-inbound-media': inbound('01JGQX0000000000000000000E', {
    type: 'file',
    url: `${MEDIA}/photo.jpg`,
    name: 'photo.jpg',
    thumbnail: { url: `${MEDIA}/photo_thumb.jpg` },
  }),
  'composed-message-inbound-location': inbound('01JGQX0000000000000000000F', {
    type: 'location',
    latitude: 59.3293,
    longitude: 18.0686,
    label: 'Stockholm',
  }),
  'composed-message-inbound-text-reply-to': inbound(
    '01JGQX0000000000000000000G',
    { type: 'text', text: 'Yes please' },
    { replyToMessageId: OUTBOUND },
  ),
  'composed-message-inbound-media-card': inbound('01JGQX0000000000000000000H', {
    type: 'file',
    url: `${MEDIA}/card.jpg`,
  }),
  'composed-message-inbound-fallback': unsupported(
    'Sinch fallback_message contact messages are not supported',
  ),
  // DISPATCH mode: no conversation id (""), so no `conversation`; the SMS number the user wrote to.
  'composed-message-inbound-sms-dispatch': (raw) => [
    {
      ...base,
      kind: 'inbound',
      id: 'inbound:01JGQX0000000000000000000K',
      raw,
      occurredAt: new Date('2025-01-01T12:00:00.045Z'),
      messageId: '01JGQX0000000000000000000K',
      from: USER,
      to: '46700000000',
      content: { type: 'text', text: 'STOP' },
    },
  ],
  'composed-message-inbound-whatsapp-text': unsupported('Sinch WHATSAPP messages are not RCS, SMS or MMS'),
  'notes-message-delivery-read': delivery('READ', 'read', '2025-01-01T12:00:01.900Z'),
  'composed-message-delivery-queued-on-channel': delivery(
    'QUEUED_ON_CHANNEL',
    'sent',
    '2025-01-01T12:00:00.500Z',
  ),
  'composed-message-delivery-delivered': delivery('DELIVERED', 'delivered', '2025-01-01T12:00:00.900Z', {
    callbackData: 'order-1043',
  }),
  'composed-message-delivery-failed': delivery('FAILED', 'failed', '2025-01-01T12:00:01.900Z', {
    error: {
      code: 'RECIPIENT_NOT_REACHABLE',
      message: 'The underlying channel reported: recipient not reachable',
    },
  }),
  'composed-message-delivery-failed-expired': delivery('FAILED', 'expired', '2025-01-01T12:00:01.900Z', {
    error: { code: 'MESSAGE_EXPIRED', message: 'The message expired' },
  }),
  'composed-message-delivery-switching-channel': delivery(
    'SWITCHING_CHANNEL',
    'unknown',
    '2025-01-01T12:00:01.900Z',
    {
      error: {
        code: 'RECIPIENT_INVALID_CHANNEL_IDENTITY',
        message: 'The recipient is not RCS capable',
        permanent: true,
      },
    },
  ),
  'composed-message-delivery-sms-dispatch': (raw) => [
    {
      ...base,
      kind: 'delivery',
      id: `delivery:${OUTBOUND}:DELIVERED:SMS`,
      raw,
      occurredAt: new Date('2025-01-01T12:00:01.900Z'),
      messageId: OUTBOUND,
      status: 'delivered',
      providerStatus: 'DELIVERED',
      recipient: USER,
      channel: 'sms',
    },
  ],
  'composed-message-submit': delivery('MESSAGE_SUBMIT', 'sent', '2025-01-01T12:00:00.250Z'),
  'composed-event-inbound-composing': typing('01JGQX00000000000000000EV1', true, '2025-01-01T11:59:58.000Z'),
  'composed-event-inbound-composing-end': typing(
    '01JGQX00000000000000000EV2',
    false,
    '2025-01-01T11:59:59.500Z',
  ),
  'composed-event-inbound-reaction': unsupported(
    'Sinch EVENT_INBOUND contact_message_event (reaction_event) is not supported',
  ),
  'composed-conversation-start': (raw) => [
    {
      ...base,
      kind: 'conversationUpdated',
      id: `conversationUpdated:${CONVERSATION}:CONVERSATION_START`,
      raw,
      occurredAt: new Date('2025-01-01T11:59:57.000Z'),
      conversationId: CONVERSATION,
      status: 'active',
    },
  ],
  'composed-conversation-stop': (raw) => [
    {
      ...base,
      kind: 'conversationEnded',
      id: `conversationEnded:${CONVERSATION}`,
      raw,
      occurredAt: new Date('2025-01-02T12:00:00.000Z'),
      conversationId: CONVERSATION,
      status: 'inactive',
    },
  ],
  'composed-conversation-delete': unsupported('Sinch CONVERSATION_DELETE callbacks are not supported'),
  'composed-capability-full': capability('01JGQX00000000000000000RQ1', USER, 'CAPABILITY_FULL', true),
  'composed-capability-none': capability('01JGQX00000000000000000RQ2', '46732009999', 'NO_CAPABILITY', false),
  'notes-signature-vector-contact-create': unsupported('Sinch CONTACT_CREATE callbacks are not supported'),
  // A subscription event has no channel field: a WhatsApp identity would pass for an RCS one.
  'doc-opt-out-whatsapp': unsupported('Sinch OPT_OUT on WHATSAPP is not RCS, SMS or MMS'),
  'composed-opt-out-rcs': subscription(
    '01EQBFNC9HVGDW1878RD3B15AC',
    false,
    'OPT_OUT_SUCCEEDED',
    '2020-11-17T16:12:36.165Z',
  ),
  'composed-opt-in-rcs': subscription(
    '01EQBFQWDC9E9A16NJ852S1ATD',
    true,
    'OPT_IN_SUCCEEDED',
    '2020-11-17T16:13:57.052Z',
  ),
};

describe('sinch fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('sinch'));
  });

  for (const name of fixtureNames('sinch')) {
    it(`${name} normalizes as documented`, async () => {
      const expected = EXPECTED[name];
      if (expected === undefined) throw new Error(`no expectation for ${name}`);
      const { rcs, events } = harness();
      const bytes = loadFixture('sinch', name);
      expect(await post(rcs, bytes)).toEqual({ status: 200, body: { ok: true } });
      expect(events).toStrictEqual(expected(JSON.parse(bytes)));
    });
  }
});
