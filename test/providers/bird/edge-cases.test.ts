import { describe, expect, it } from 'vitest';
import { loadFixtureJson } from '../../helpers/fixtures.js';
import { birdCore, signedBird } from './helpers.js';

type Envelope = { service: string; event: string; payload: Record<string, unknown> };
const fixture = (name: string) => loadFixtureJson('bird', name) as Envelope;

async function normalize(body: unknown) {
  const { rcs, events } = birdCore();
  const response = await rcs.handle(await signedBird(body));
  expect(response.status).toBe(200);
  return events;
}

function withPayload(name: string, changes: Record<string, unknown>, event?: string): Envelope {
  const envelope = fixture(name);
  return { ...envelope, event: event ?? envelope.event, payload: { ...envelope.payload, ...changes } };
}

describe('Bird Channels edge cases', () => {
  it('turns a click that names the user into an inbound suggestion replying to the message', async () => {
    const contact = { id: 'c-1', identifierKey: 'phonenumber', identifierValue: '+447123456789' };
    for (const user of [{ contact }, { receiver: { contacts: [contact] } }]) {
      const [event] = await normalize(withPayload('composed-rcs-interaction-clicked-suggestion', user));
      expect(event).toMatchObject({
        kind: 'inbound',
        id: 'interaction:00000000-0000-4000-8000-000000000002',
        occurredAt: new Date('2024-08-09T11:11:00.000Z'),
        messageId: '00000000-0000-4000-8000-000000000002',
        from: '+447123456789',
        content: { type: 'suggestion', postbackData: 'PAY_VCASH' },
        replyToMessageId: '7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11',
      });
    }
  });

  it('gives interactions without an id distinct, stable ids', async () => {
    const read = withPayload('composed-rcs-interaction-read', { id: undefined });
    const [first] = await normalize(read);
    const [again] = await normalize(read);
    expect(first?.id).toBe('interaction:7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11:read:2024-08-09T11:10:00.000Z');
    expect(again?.id).toBe(first?.id);
  });

  it('passes other interaction types on as unsupported', async () => {
    const events = await normalize(withPayload('composed-rcs-interaction-read', { type: 'opened' }));
    expect(events).toMatchObject([
      { kind: 'unsupported', reason: 'Bird interaction type opened is not supported' },
    ]);
  });

  it('emits one inbound event per image or file, with distinct ids', async () => {
    const envelope = fixture('composed-rcs-inbound-image');
    const images = [
      { mediaUrl: 'https://media.example/1.jpg', contentType: 'image/jpeg' },
      { mediaUrl: 'https://media.example/2.png' },
    ];
    const events = await normalize({
      ...envelope,
      payload: { ...envelope.payload, body: { type: 'image', image: { images } } },
    });
    expect(events.map((event) => [event.id, event.kind === 'inbound' ? event.content : undefined])).toEqual([
      [
        'inbound:3c6d204d-09d4-44b0-81a2-6e33dfdf409c:0',
        { type: 'file', url: 'https://media.example/1.jpg', mimeType: 'image/jpeg' },
      ],
      [
        'inbound:3c6d204d-09d4-44b0-81a2-6e33dfdf409c:1',
        { type: 'file', url: 'https://media.example/2.png' },
      ],
    ]);
  });

  it('keeps a text with non-postback actions as text', async () => {
    const body = { type: 'text', text: { text: 'hi', actions: [{ type: 'link' }] } };
    const [event] = await normalize(withPayload('notes-rcs-inbound-text', { body }));
    expect(event).toMatchObject({ kind: 'inbound', content: { type: 'text', text: 'hi' } });
  });

  it('passes unknown body types on as unsupported', async () => {
    const body = { type: 'carousel', carousel: {} };
    const events = await normalize(withPayload('notes-rcs-inbound-text', { body }));
    expect(events).toMatchObject([
      { kind: 'unsupported', reason: 'Bird rcs.inbound body type carousel is not supported' },
    ]);
  });

  it('accepts any platform prefix and splits the event on its last dot', async () => {
    const [inbound] = await normalize(withPayload('notes-rcs-inbound-text', {}, 'whatsapp.inbound'));
    expect(inbound).toMatchObject({ kind: 'inbound', from: '+447123456789' });
    const [sms] = await normalize(withPayload('notes-rcs-outbound-delivered', {}, 'sms.outbound'));
    expect(sms).toMatchObject({ kind: 'delivery', channel: 'sms' });
    const [other] = await normalize(withPayload('notes-rcs-outbound-delivered', {}, 'google.rbm.outbound'));
    expect(other).toMatchObject({ kind: 'delivery', status: 'delivered' });
    expect(other).not.toHaveProperty('channel');
  });

  it.each([
    [
      { service: 'channels', event: 'channel.created', payload: { id: 'x' } },
      'Bird channels event channel.created is not supported',
    ],
    [{ service: 'channels', event: 'inbound', payload: {} }, 'Bird channels event inbound is not supported'],
    [
      { service: 'channels', event: 'rcs.deleted', payload: {} },
      'Bird channels event rcs.deleted is not supported',
    ],
    [{ service: 'numbers', event: 'number.updated', payload: {} }, 'Bird service numbers is not supported'],
    [
      { service: 'conversations', event: 'conversation.participant.added', payload: {} },
      'Bird conversations event conversation.participant.added is not supported',
    ],
    [{ type: 'sms.delivered', data: {} }, 'Bird payload without a { service, event } envelope'],
  ])('passes %j on as unsupported', async (body, reason) => {
    const events = await normalize(body);
    expect(events).toMatchObject([{ kind: 'unsupported', reason, raw: body }]);
  });

  it.each([
    ['accepted', 'queued'],
    ['processing', 'queued'],
    ['scheduled', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['sending_failed', 'failed'],
    ['delivery_failed', 'failed'],
    ['rejected', 'failed'],
    ['expired', 'expired'],
    ['skipped', 'unknown'],
    ['constructor', 'unknown'],
    ['something_new', 'unknown'],
  ])('maps outbound status %s to %s', async (providerStatus, status) => {
    const [event] = await normalize(withPayload('notes-rcs-outbound-delivered', { status: providerStatus }));
    expect(event).toMatchObject({
      kind: 'delivery',
      status,
      providerStatus,
      id: `delivery:7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11:${providerStatus}`,
    });
  });

  it('carries a failure reason and leaves out an empty reference or a multi-contact recipient', async () => {
    const contacts = [{ identifierValue: '+1' }, { identifierValue: '+2' }];
    const changes = {
      status: 'delivery_failed',
      reason: 'recipient unreachable',
      reference: '',
      receiver: { contacts },
    };
    const [event] = await normalize(withPayload('notes-rcs-outbound-delivered', changes));
    expect(event).toMatchObject({ status: 'failed', error: { message: 'recipient unreachable' } });
    expect(event).not.toHaveProperty('recipient');
    expect(event).not.toHaveProperty('callbackData');
  });

  it('accepts null where a field is optional', async () => {
    const changes = { reason: null, reference: null, channelId: null, sender: null, lastStatusAt: null };
    const [event] = await normalize(withPayload('notes-rcs-outbound-delivered', changes));
    expect(event).toMatchObject({ kind: 'delivery', occurredAt: new Date('2024-08-09T11:09:02.101Z') });
    expect(event).not.toHaveProperty('sender');
  });
});

describe('Bird Conversations edge cases', () => {
  it('types a conversation initiated by anyone but a contact as A2P', async () => {
    for (const initiatingParticipant of [{ type: 'user' }, { type: 'flow' }, null]) {
      const [event] = await normalize(
        withPayload('composed-conversations-conversation-created', { initiatingParticipant }),
      );
      expect(event).toMatchObject({ kind: 'conversationStarted', type: 'A2P', derived: false });
    }
  });

  it('gives each update its own id, and the same update the same id', async () => {
    const later = withPayload('seed-conversations-conversation-updated', {
      status: 'archived',
      updatedAt: '2024-11-28T08:00:00.000Z',
    });
    const [first] = await normalize(fixture('seed-conversations-conversation-updated'));
    const [second] = await normalize(later);
    const [noTime] = await normalize(
      withPayload('seed-conversations-conversation-updated', { updatedAt: undefined }),
    );
    const [noTimeAgain] = await normalize(
      withPayload('seed-conversations-conversation-updated', { updatedAt: undefined }),
    );
    expect(second).toMatchObject({ kind: 'conversationUpdated', status: 'archived' });
    expect(new Set([first?.id, second?.id, noTime?.id]).size).toBe(3);
    expect(noTimeAgain?.id).toBe(noTime?.id);
    expect(noTime).not.toHaveProperty('occurredAt');
  });
});
