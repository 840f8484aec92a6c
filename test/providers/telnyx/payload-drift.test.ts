import { describe, expect, it } from 'vitest';
import { PayloadParseError } from '../../../src/errors/index.js';
import { expectValueNotEchoed } from '../../helpers/content-contract.js';
import { loadFixtureJson } from '../../helpers/fixtures.js';
import { harness, post } from './setup.js';

// Issue 13 items 8 (Telnyx side), 15 and 18: shapes the telnyx-node types allow are read, and one entry
// that does not fit never costs the others of its webhook.

type Json = Record<string, unknown>;

const RECEIVED = loadFixtureJson('telnyx', 'notes-message-received-text-no-meta') as { data: Json };
const FINALIZED = loadFixtureJson('telnyx', 'seed-message-finalized-delivered') as { data: Json };
const EVENT_ID = '4ee8c3a6-4995-4309-a3c6-38e3db9ea4be';

function received(payload: Json) {
  return {
    ...RECEIVED,
    data: { ...RECEIVED.data, payload: { ...(RECEIVED.data.payload as Json), ...payload } },
  };
}

function finalized(payload: Json) {
  return {
    ...FINALIZED,
    data: { ...FINALIZED.data, payload: { ...(FINALIZED.data.payload as Json), ...payload } },
  };
}

describe('telnyx: shapes the telnyx-node types allow', () => {
  it('reads a message.received whose `to` is a string (was 400 invalid_payload)', async () => {
    const { rcs, events, errors } = harness();
    expect(await post(rcs, received({ to: '+18445550001' }))).toEqual({ status: 200, body: { ok: true } });
    expect(events).toMatchObject([{ kind: 'inbound', to: '+18445550001', content: { type: 'text' } }]);
    expect(errors).toEqual([]);
  });

  it('reads a text object `{ body }` as the text; one without a body is passed on unsupported', async () => {
    const { rcs, events, errors } = harness();
    expect((await post(rcs, received({ body: { text: { body: 'Hi there' } } }))).status).toBe(200);
    expect(events).toMatchObject([{ kind: 'inbound', content: { type: 'text', text: 'Hi there' } }]);
    const other = harness();
    expect((await post(other.rcs, received({ body: { text: { preview_url: false } } }))).status).toBe(200);
    expect(other.events).toMatchObject([{ kind: 'unsupported' }]);
    expect([...errors, ...other.errors]).toEqual([]);
  });
});

describe('telnyx: one malformed entry never costs the others', () => {
  it('normalizes [ok, bad, ok] to[] entries as [delivery, unsupported, delivery] and reports the bad one', async () => {
    const webhook = finalized({
      to: [
        { phone_number: '+13125000000', status: 'delivered' },
        { phone_number: '+13125000001', status: 4711 },
        { phone_number: '+13125000002', status: 'delivery_failed' },
      ],
    });
    const recorded = harness();
    expect(await post(recorded.rcs, webhook)).toEqual({ status: 200, body: { ok: true } });
    expect(recorded.events).toMatchObject([
      { kind: 'delivery', recipient: '+13125000000', status: 'delivered' },
      {
        kind: 'unsupported',
        id: `unsupported:${EVENT_ID}:message.finalized:to.1`,
        raw: webhook,
        reason:
          'telnyx message.finalized to.1 is not valid: status: Invalid input: expected string, received number',
      },
      { kind: 'delivery', recipient: '+13125000002', status: 'failed' },
    ]);
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toBeInstanceOf(PayloadParseError);
    expect(recorded.errors[0]).toMatchObject({ code: 'invalid_payload' });
    expectValueNotEchoed(recorded, '4711');
  });

  it('keeps two bad entries of one webhook apart, and a bad media item costs only itself', async () => {
    const webhook = finalized({
      to: [{ status: 1 }, { status: 2 }],
      cc: [{ phone_number: '+1', status: 'sent' }],
    });
    const { rcs, events, errors } = harness();
    expect((await post(rcs, webhook)).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual([
      `unsupported:${EVENT_ID}:message.finalized:to.0`,
      `unsupported:${EVENT_ID}:message.finalized:to.1`,
      `delivery:${EVENT_ID}:message.finalized:sent:+1`,
    ]);
    expect(errors).toHaveLength(2);

    // telnyx-node's inbound payload allows flat `text` and `media[]` on any channel, RCS included.
    const withMedia = received({
      body: undefined,
      text: 'two pictures',
      media: [
        { url: 'https://media.example/a.jpg' },
        { content_type: 'image/png' },
        { url: 'https://media.example/c.jpg' },
      ],
    });
    const other = harness();
    expect((await post(other.rcs, withMedia)).status).toBe(200);
    expect(other.events.map((event) => [event.kind, event.id])).toEqual([
      ['inbound', 'inbound:b301ed3f-1490-491f-995f-6e64e69674d4'],
      ['inbound', 'inbound:b301ed3f-1490-491f-995f-6e64e69674d4:0'],
      ['unsupported', 'unsupported:b301ed3f-1490-491f-995f-6e64e69674d4:media.1'],
      ['inbound', 'inbound:b301ed3f-1490-491f-995f-6e64e69674d4:2'],
    ]);
    expect(other.errors).toHaveLength(1);
  });

  it('never echoes a value in a reason', async () => {
    const secretish = 'value-that-must-not-leak';
    const recorded = harness();
    await post(recorded.rcs, received({ body: { location: { latitude: secretish, longitude: 1 } } }));
    await post(recorded.rcs, finalized({ to: [{ phone_number: 12345678, status: 'sent' }] }));
    expect(recorded.errors).toHaveLength(2);
    expectValueNotEchoed(recorded, secretish);
    expectValueNotEchoed(recorded, '12345678');
  });
});

describe('telnyx: opt-in and opt-out keywords (autoresponse_type)', () => {
  for (const [type, subscribed] of [
    ['STOP', false],
    ['START', true],
    ['stop', false],
  ] as const) {
    it(`reports ${type} as a subscription event (subscribed: ${subscribed})`, async () => {
      const { rcs, events } = harness();
      await post(rcs, received({ autoresponse_type: type }));
      expect(events.at(-1)).toMatchObject({
        kind: 'subscription',
        user: '+13125000000',
        agent: 'e4448a5c0670c2a9',
        subscribed,
        providerStatus: type,
      });
    });
  }

  it('reports an SMS opt-out although the SMS itself is passed on unsupported', async () => {
    const { rcs, events } = harness();
    await post(rcs, loadFixtureJson('telnyx', 'composed-message-received-sms-stop'));
    expect(events).toMatchObject([
      { kind: 'unsupported', reason: 'Telnyx SMS inbound messages are not RCS' },
      { kind: 'subscription', subscribed: false, user: '+13125000000', agent: '+18445550001' },
    ]);
  });

  it('reports HELP and other auto-responses as no subscription change', async () => {
    const { rcs, events } = harness();
    await post(rcs, received({ autoresponse_type: 'HELP' }));
    expect(events.map((event) => event.kind)).toEqual(['inbound']);
  });
});
