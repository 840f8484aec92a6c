import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.js';
import { birdCore, NOW, signedBird } from './helpers.js';

const date = (iso: string) => new Date(iso);
const unsupportedId = (raw: unknown) =>
  `unsupported:${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32)}`;

const INBOUND_ID = '3c6d204d-09d4-44b0-81a2-6e33dfdf409c';
const OUTBOUND_ID = '7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11';
const CONVERSATION_ID = 'badbf15c-bad3-4bf3-9223-6b7f414f9770';

const inbound = (content: object) => ({
  kind: 'inbound',
  id: `inbound:${INBOUND_ID}`,
  occurredAt: date('2024-08-09T11:08:40.068Z'),
  messageId: INBOUND_ID,
  from: '+447123456789',
  to: 'agent@rbm.goog',
  content,
});

const outbound = (providerStatus: string, status: string) => ({
  kind: 'delivery',
  id: `delivery:${OUTBOUND_ID}:${providerStatus}`,
  occurredAt: date('2024-08-09T11:09:02.101Z'),
  messageId: OUTBOUND_ID,
  status,
  providerStatus,
  recipient: '+447123456789',
  channel: 'rcs',
  callbackData: 'order-1234',
});

const unsupported = (reason: string) => ({ kind: 'unsupported', reason });

/**
 * Every Bird fixture and the events it must produce, field for field (`raw` is the whole envelope).
 * `undefined`: the fixture is not a valid payload of its kind (200, one unsupported event, reported).
 */
const EXPECTED: Record<string, object[] | undefined> = {
  'seed-conversations-conversation-updated': [
    {
      kind: 'conversationUpdated',
      id: `conversationUpdated:${CONVERSATION_ID}:2024-11-27T19:33:53.515Z`,
      occurredAt: date('2024-11-27T19:33:53.515Z'),
      conversationId: CONVERSATION_ID,
      status: 'active',
    },
  ],
  'composed-conversations-conversation-created': [
    {
      kind: 'conversationStarted',
      id: `conversationStarted:${CONVERSATION_ID}`,
      occurredAt: date('2024-11-26T18:45:28.809Z'),
      conversationId: CONVERSATION_ID,
      type: 'P2A',
      startsAt: date('2024-11-26T18:45:28.809Z'),
      derived: false,
    },
  ],
  'composed-conversations-conversation-deleted': [
    {
      kind: 'conversationEnded',
      id: `conversationEnded:${CONVERSATION_ID}`,
      conversationId: CONVERSATION_ID,
      status: 'active',
    },
  ],
  'notes-rcs-inbound-text': [inbound({ type: 'text', text: 'Incoming message' })],
  'composed-rcs-inbound-postback-action': [
    inbound({ type: 'suggestion', postbackData: 'PAY_VCASH', text: '…' }),
  ],
  'composed-rcs-inbound-image': [
    inbound({ type: 'file', url: 'https://media.nest.messagebird.com/…', mimeType: 'image/jpeg' }),
  ],
  'composed-rcs-inbound-file': [
    inbound({ type: 'file', url: '…', mimeType: 'application/pdf', name: 'document.pdf' }),
  ],
  'composed-rcs-inbound-location': [
    inbound({ type: 'location', latitude: 52.37, longitude: 4.89, label: '…' }),
  ],
  'composed-rcs-inbound-location-coordinates-only': [
    inbound({ type: 'location', latitude: 52.37, longitude: 4.89 }),
  ],
  'notes-rcs-outbound-delivered': [outbound('delivered', 'delivered')],
  'composed-rcs-outbound-accepted': [outbound('accepted', 'queued')],
  'composed-rcs-outbound-sent': [outbound('sent', 'sent')],
  'composed-rcs-outbound-sending-failed': [outbound('sending_failed', 'failed')],
  'composed-rcs-outbound-delivery-failed': [outbound('delivery_failed', 'failed')],
  'composed-rcs-interaction-read': [
    {
      kind: 'delivery',
      id: 'interaction:00000000-0000-4000-8000-000000000001',
      occurredAt: date('2024-08-09T11:10:00.000Z'),
      messageId: OUTBOUND_ID,
      status: 'read',
      providerStatus: 'read',
      channel: 'rcs',
    },
  ],
  // Bird's interaction samples name no user, and an inbound event needs one (see README).
  'composed-rcs-interaction-clicked-suggestion': [
    unsupported('Bird rcs.interaction "clicked" does not name the user'),
  ],
  'composed-rcs-interaction-clicked-card-action': [
    unsupported('Bird rcs.interaction "clicked" does not name the user'),
  ],
  // The signature vector's body is a minimal excerpt without a sender.
  'notes-signature-vector-rcs-inbound-text': [
    unsupported("Bird rcs.inbound without the sender's identifierValue"),
  ],
  // Schematic `payload: {"...": "..."}`: an rcs.inbound without a message id.
  'notes-envelope-skeleton': undefined,
};

describe('Bird fixtures', () => {
  it('covers every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureNames('bird'));
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const body = loadFixture('bird', name);
    const raw: unknown = JSON.parse(body);
    const { rcs, events } = birdCore();
    const response = await rcs.handle(await signedBird(body));
    if (expected === undefined) {
      expect(response.status).toBe(200);
      expect(events).toMatchObject([{ kind: 'unsupported', raw }]);
      return;
    }
    expect(response.status).toBe(200);
    expect(events).toEqual(
      expected.map((event) => ({
        ...('reason' in event ? { id: unsupportedId(raw) } : {}),
        ...event,
        provider: 'bird',
        receivedAt: new Date(NOW),
        raw,
      })),
    );
  });

  it('keeps the seed conversation participants reachable in raw', async () => {
    const { rcs, events } = birdCore();
    await rcs.handle(await signedBird(loadFixture('bird', 'seed-conversations-conversation-updated')));
    const raw = events[0]?.raw as {
      payload: { featuredParticipants: { id: string }[]; initiatingParticipant: object };
    };
    expect(raw.payload.featuredParticipants.map((participant) => participant.id)).toEqual([
      '7dadb14e-91bb-4eb7-8b9e-7827dd74bf70',
      '5795352d-f111-407b-be33-c9db94e4a666',
    ]);
    expect(raw.payload.initiatingParticipant).toMatchObject({ type: 'contact', displayName: 'Jane Doe' });
  });
});
