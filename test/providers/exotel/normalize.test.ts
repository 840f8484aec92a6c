import { toWebRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { PayloadParseError } from '../../../src/errors/index.js';
import { expectAcceptedUnsupported, expectValueNotEchoed } from '../../helpers/content-contract.js';
import { base, harness, post, sign } from './setup.js';

const dlr = (sid: string, code: number | string | undefined, name?: string, extra: object = {}) => ({
  callback_type: 'dlr',
  sid,
  to: '+919888888888',
  ...(code === undefined ? {} : { exo_status_code: code }),
  ...(name === undefined ? {} : { exo_detailed_status: name }),
  timestamp: '2026-04-17T10:30:00.000+05:30',
  ...extra,
});
const icm = (sid: string, content: object) => ({
  callback_type: 'icm',
  sid,
  from: '+919888888888',
  to: 'bot',
  timestamp: '2026-04-17T10:32:00.000Z',
  content,
});

/** Posts a body signed with the default token and returns the events. */
async function eventsOf(body: unknown) {
  const { rcs, events } = harness();
  const response = await post(rcs, await sign(body));
  expect(response).toEqual({ status: 200, body: { ok: true } });
  return events;
}

async function contentOf(content: object) {
  const [event] = await eventsOf({ rcs: { messages: [icm('m1', content)] } });
  return event?.kind === 'inbound' ? event.content : event;
}

/** Signed and accepted although it does not fit: 200, `unsupported` events, each reported to onError. */
async function expectInvalid(body: unknown, error: 'invalid_payload' | 'malformed_body' = 'invalid_payload') {
  const recorded = harness();
  return expectAcceptedUnsupported(recorded, await post(recorded.rcs, await sign(body)), error);
}

describe('Exotel envelopes', () => {
  it('emits one event per message, rcs first, then the sms fallback, in order', async () => {
    const sms = dlr('m1', 20006, 'DELIVERED_TO_OPERATOR', { message_sid: 'sms1' });
    const events = await eventsOf({
      sms: { messages: [sms] },
      rcs: { messages: [dlr('m1', 40004, 'EX_SYSTEM_ERROR'), icm('in1', { type: 'text', text: 'hi' })] },
    });
    expect(events.map((event) => event.id)).toEqual([
      'delivery:m1:40004:rcs',
      'inbound:in1',
      'delivery:m1:20006:sms',
    ]);
    expect(events[2]).toMatchObject({ status: 'sent', channel: 'sms', raw: sms });
  });

  it('passes other channel envelopes and unknown shapes on as unsupported', async () => {
    const whatsapp = { messages: [dlr('w1', 30002, 'EX_MESSAGE_DELIVERED')] };
    const [rcsEvent, other] = await eventsOf({ rcs: { messages: [dlr('m1', 40001)] }, whatsapp });
    expect(rcsEvent?.id).toBe('delivery:m1:40001:rcs');
    expect(other).toMatchObject({
      kind: 'unsupported',
      reason: 'Exotel whatsapp callbacks are not RCS',
      raw: whatsapp,
    });
    const [unknown] = await eventsOf({ hello: 'world' });
    expect(unknown).toMatchObject({ kind: 'unsupported', reason: 'Exotel payload of an unknown shape' });
  });

  it('passes unknown callback types, non-object items and SMS replies on as unsupported', async () => {
    const events = await eventsOf({
      rcs: { messages: [{ ...dlr('m1', 40001), callback_type: 'typing' }, 'x'] },
      sms: { messages: [icm('s1', { type: 'text', text: 'hi' })] },
    });
    expect(events.map((event) => (event.kind === 'unsupported' ? event.reason : event.kind))).toEqual([
      'Exotel callback_type typing is not supported',
      'Exotel message that is not an object',
      'Exotel incoming message in the sms envelope',
    ]);
  });

  it('accepts a flat inbound message without callback_type', async () => {
    const { callback_type: _, ...flat } = icm('f1', { type: 'text', text: 'hi' });
    const [event] = await eventsOf(flat);
    expect(event).toMatchObject({ kind: 'inbound', id: 'inbound:f1', content: { type: 'text', text: 'hi' } });
  });
});

describe('Exotel delivery status mapping', () => {
  const cases: [number | string | undefined, string | undefined, string, string][] = [
    [40001, 'EX_MESSAGE_SENT', 'sent', 'EX_MESSAGE_SENT'],
    [40002, 'EX_MESSAGE_DELIVERED', 'delivered', 'EX_MESSAGE_DELIVERED'],
    ['40003', 'EX_MESSAGE_SEEN', 'read', 'EX_MESSAGE_SEEN'],
    [40003, undefined, 'read', '40003'],
    [undefined, 'EX_MESSAGE_SEEN', 'read', 'EX_MESSAGE_SEEN'],
    [40004, 'EX_SYSTEM_ERROR', 'failed', 'EX_SYSTEM_ERROR'],
    [40017, 'EX_INCAPABLE_RECIPIENT', 'failed', 'EX_INCAPABLE_RECIPIENT'],
    [40099, 'EX_MESSAGE_EXPIRED', 'expired', 'EX_MESSAGE_EXPIRED'],
    [21010, 'PENDING_TO_OPERATOR', 'queued', 'PENDING_TO_OPERATOR'],
    [23010, 'FAILED_INVALID_NUMBER', 'failed', 'FAILED_INVALID_NUMBER'],
    [49999, 'SOMETHING_NEW', 'unknown', 'SOMETHING_NEW'],
    [49999, undefined, 'unknown', '49999'],
  ];
  for (const [code, name, status, providerStatus] of cases) {
    it(`maps ${name ?? '(no name)'} / ${String(code)} to ${status}`, async () => {
      const [event] = await eventsOf({ rcs: { messages: [dlr('m1', code, name)] } });
      expect(event).toMatchObject({ kind: 'delivery', status, providerStatus });
    });
  }

  it('reads `status` when `exo_detailed_status` is absent, and reports failures as errors', async () => {
    const report = {
      sid: 'm9',
      exo_status_code: '40004',
      status: 'EX_SYSTEM_ERROR',
      description: 'System error',
    };
    const [event] = await eventsOf(report);
    expect(event).toEqual({
      ...base,
      kind: 'delivery',
      id: 'delivery:m9:40004',
      raw: report,
      messageId: 'm9',
      status: 'failed',
      providerStatus: 'EX_SYSTEM_ERROR',
      error: { code: '40004', message: 'System error' },
    });
  });

  it('gives every status of a message its own id; number and string codes give the same one', async () => {
    const events = await eventsOf({
      rcs: { messages: [dlr('m1', 40001), dlr('m1', 40002), dlr('m1', 40003)] },
      sms: { messages: [dlr('m1', 40002)] },
    });
    expect(new Set(events.map((event) => event.id)).size).toBe(4);
    const [asString] = await eventsOf({ rcs: { messages: [dlr('m1', '40002')] } });
    expect(asString?.id).toBe(events[1]?.id);
  });

  it('gives no occurredAt for a digit-only timestamp (unit undocumented)', async () => {
    const [event] = await eventsOf({
      rcs: { messages: [dlr('m1', 40001, undefined, { timestamp: '1235654654' })] },
    });
    expect(event).not.toHaveProperty('occurredAt');
  });
});

describe('Exotel inbound content variants', () => {
  it('reads the table spelling `Suggested`/`Response`/`Reply`', async () => {
    const content = {
      type: 'Suggested',
      Suggested: { Response: { Reply: { text: 'Yes', postback: { data: 'Y' } } } },
    };
    expect(await contentOf(content)).toEqual({ type: 'suggestion', postbackData: 'Y', text: 'Yes' });
  });

  it('reads a flat suggested action (postback_data, action_type) and a flat form on content', async () => {
    const nested = { type: 'suggested', suggested: { postback_data: 'OPEN', action_type: 'openUrl' } };
    expect(await contentOf(nested)).toEqual({ type: 'suggestion', postbackData: 'OPEN' });
    expect(await contentOf({ type: 'suggested', postback_data: 'P', text: 'T' })).toEqual({
      type: 'suggestion',
      postbackData: 'P',
      text: 'T',
    });
  });

  it('reads `longitude` spelled correctly, and coordinates as numeric strings', async () => {
    const content = { type: 'location', location: { latitude: '12.5', longitude: -3 } };
    expect(await contentOf(content)).toEqual({ type: 'location', latitude: 12.5, longitude: -3 });
  });

  it('reads the omnichannel flat file form (`mime_type`), never the content type as a MIME type', async () => {
    const content = {
      type: 'file',
      url: 'https://x/f.png',
      mime_type: 'image/png',
      size: 10,
      thumbnail_url: 'https://x/t',
    };
    expect(await contentOf(content)).toEqual({
      type: 'file',
      url: 'https://x/f.png',
      mimeType: 'image/png',
      size: 10,
      thumbnail: { url: 'https://x/t' },
    });
  });

  it('passes unknown and missing content types on as unsupported', async () => {
    expect(await contentOf({ type: 'richCard', card: {} })).toMatchObject({
      kind: 'unsupported',
      reason: 'Exotel incoming content type richCard is not supported',
    });
    expect(await contentOf({ text: 'no type' })).toMatchObject({
      kind: 'unsupported',
      reason: 'Exotel incoming message content without a type',
    });
  });

  it('turns an inbound error with a sid into an unsupported event carrying the error', async () => {
    const error = { exo_status_code: '24501', description: 'Not supported' };
    expect(await contentOf({ type: 'error', error })).toMatchObject({
      kind: 'unsupported',
      reason: 'Exotel reported an error for an incoming message: 24501: Not supported',
    });
  });
});

describe('Exotel payloads of the wrong shape', () => {
  it('passes bodies that are recognizably Exotel but invalid on as unsupported, reported', async () => {
    await expectInvalid('[1,2]');
    await expectInvalid({ rcs: {} });
    await expectInvalid({ rcs: { messages: 'x' } });
    await expectInvalid({ sms: { messages: [{ callback_type: 'dlr', exo_status_code: 40001 }] } });
    await expectInvalid({ rcs: { messages: [{ callback_type: 'dlr', sid: 'm1' }] } });
    await expectInvalid({ rcs: { messages: [{ ...icm('m1', { type: 'text' }) }] } });
    await expectInvalid({
      rcs: { messages: [{ ...icm('m1', { type: 'text', text: 'x' }), from: undefined }] },
    });
    await expectInvalid({ rcs: { messages: [icm('m1', { type: 'location', location: { latitude: 1 } })] } });
    await expectInvalid({ rcs: { messages: [icm('m1', { type: 'file', file: { name: 'x' } })] } });
    await expectInvalid({
      rcs: { messages: [icm('m1', { type: 'suggested', suggested: { response: {} } })] },
    });
    await expectInvalid({ rcs: { messages: [icm('m1', { type: 'suggested', suggested: {} })] } });
    await expectInvalid({ sid: 'm1', exo_status_code: 'forty' });
    await expectInvalid('{"rcs":', 'malformed_body');
  });

  it('normalizes [ok, bad, ok] messages as [delivery, unsupported, delivery], reporting the bad one', async () => {
    const recorded = harness();
    const bad = { callback_type: 'dlr', sid: 'm2', exo_status_code: 'value-4711' };
    const body = { rcs: { messages: [dlr('m1', 40001), bad, dlr('m3', 40002)] } };
    expect(await post(recorded.rcs, await sign(body))).toEqual({ status: 200, body: { ok: true } });
    expect(recorded.events).toMatchObject([
      { kind: 'delivery', id: 'delivery:m1:40001:rcs' },
      {
        kind: 'unsupported',
        raw: bad,
        reason: expect.stringMatching(/^exotel delivery report is not valid: exo_status_code: /),
      },
      { kind: 'delivery', id: 'delivery:m3:40002:rcs' },
    ]);
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toBeInstanceOf(PayloadParseError);
    expectValueNotEchoed(recorded, 'value-4711');
  });

  it('keeps the rcs messages when the sms part does not fit its envelope', async () => {
    const recorded = harness();
    const body = { rcs: { messages: [dlr('m1', 40001)] }, sms: { messages: 'value-x' } };
    expect((await post(recorded.rcs, await sign(body))).status).toBe(200);
    expect(recorded.events).toMatchObject([
      { kind: 'delivery', id: 'delivery:m1:40001:rcs' },
      { kind: 'unsupported', raw: { messages: 'value-x' } },
    ]);
    expect(recorded.errors).toHaveLength(1);
    expectValueNotEchoed(recorded, 'value-x');
  });
});

describe('Exotel delivery through the pipeline', () => {
  it('runs handlers once when the same event is delivered twice', async () => {
    const { rcs, events } = harness();
    const body = { rcs: { messages: [dlr('m1', 40002, 'EX_MESSAGE_DELIVERED')] } };
    expect((await post(rcs, await sign(body))).status).toBe(200);
    expect((await post(rcs, await sign(body))).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('works through rcs.fetch with a Web Request', async () => {
    const { rcs, events } = harness();
    const response = await rcs.fetch(toWebRequest(await sign({ rcs: { messages: [dlr('m1', 40001)] } })));
    expect(response.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['delivery:m1:40001:rcs']);
  });
});
