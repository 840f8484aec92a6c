import { toWebRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { birdCore, signedBird } from './helpers.js';

const outbound = (status: string) =>
  loadFixture('bird', 'notes-rcs-outbound-delivered').replace(
    '"status": "delivered"',
    `"status": "${status}"`,
  );

describe('Bird through the pipeline', () => {
  it('works through rcs.fetch with a Web Request', async () => {
    const { rcs, events } = birdCore();
    const signed = await signedBird(loadFixture('bird', 'notes-rcs-inbound-text'));
    const response = await rcs.fetch(toWebRequest(signed));
    expect(response.status).toBe(200);
    expect(events).toMatchObject([{ kind: 'inbound', content: { type: 'text', text: 'Incoming message' } }]);
  });

  it('runs handlers once for a duplicate delivery (Bird retries with the same signature)', async () => {
    const { rcs } = birdCore();
    const calls: string[] = [];
    rcs.onInbound((event) => {
      calls.push(event.id);
    });
    const signed = await signedBird(loadFixture('bird', 'notes-rcs-inbound-text'));
    expect((await rcs.handle(signed)).status).toBe(200);
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(calls).toEqual(['inbound:3c6d204d-09d4-44b0-81a2-6e33dfdf409c']);
  });

  it('runs a failed event again on retry', async () => {
    const { rcs } = birdCore();
    let attempts = 0;
    rcs.onDelivery(() => {
      attempts++;
      if (attempts === 1) throw new Error('boom');
    });
    const signed = await signedBird(outbound('sent'));
    expect((await rcs.handle(signed)).status).toBe(500);
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('tracks message status: delivered, then read through the read interaction', async () => {
    const { rcs, events } = birdCore();
    await rcs.handle(await signedBird(outbound('delivered')));
    await rcs.handle(await signedBird(loadFixture('bird', 'composed-rcs-interaction-read')));
    await rcs.handle(await signedBird(outbound('sent')));
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    expect(
      events.map((event) => (event.kind === 'delivery' ? [event.status, event.superseded] : [])),
    ).toEqual([
      ['delivered', undefined],
      ['read', undefined],
      ['sent', true],
    ]);
    expect((await rcs.messages.get('7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11'))?.status).toBe('read');
  });

  it('records the conversation started by conversation.created', async () => {
    const { rcs } = birdCore();
    await rcs.handle(await signedBird(loadFixture('bird', 'composed-conversations-conversation-created')));
    expect(await rcs.conversations.get('badbf15c-bad3-4bf3-9223-6b7f414f9770', 'bird')).toMatchObject({
      type: 'P2A',
      derived: false,
    });
  });

  it.each([
    ['a JSON array', '[]', 'invalid_payload'],
    ['not JSON', '{"service":', 'malformed_body'],
    [
      'an inbound text without text',
      '{"service":"channels","event":"rcs.inbound","payload":{"id":"m","body":{"type":"text","text":{}}}}',
      'invalid_payload',
    ],
    [
      'an outbound without status',
      '{"service":"channels","event":"rcs.outbound","payload":{"id":"m"}}',
      'invalid_payload',
    ],
    [
      'an interaction without messageId',
      '{"service":"channels","event":"rcs.interaction","payload":{"type":"read"}}',
      'invalid_payload',
    ],
    [
      'a location without coordinates',
      '{"service":"channels","event":"rcs.inbound","payload":{"id":"m","sender":{"contact":{"identifierValue":"+1"}},"body":{"type":"location","location":{}}}}',
      'invalid_payload',
    ],
    [
      'a conversation without id',
      '{"service":"conversations","event":"conversation.updated","payload":{"status":"active"}}',
      'invalid_payload',
    ],
  ])(
    'acknowledges %s, with valid auth, as one unsupported event reported to onError',
    async (_label, body, code) => {
      const { rcs, events } = birdCore();
      const errors: unknown[] = [];
      rcs.onError((error) => {
        errors.push(error);
      });
      const response = await rcs.handle(await signedBird(body));
      expect(response.status).toBe(200);
      expect(events).toMatchObject([{ kind: 'unsupported' }]);
      expect(errors).toMatchObject([{ name: 'PayloadParseError', code }]);
      expect((events[0] as { reason: string }).reason).not.toContain('+1');
    },
  );

  it('answers 415 for a content type Bird never sends', async () => {
    const { rcs } = birdCore();
    const signed = await signedBird('{}');
    const response = await rcs.handle({
      ...signed,
      headers: { ...signed.headers, 'content-type': 'text/xml' },
    });
    expect(response.status).toBe(415);
  });
});
