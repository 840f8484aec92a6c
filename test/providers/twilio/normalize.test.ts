import { describe, expect, it } from 'vitest';
import type { RcsEvent } from '../../../src/index.js';
import { base, harness, params, post, sign } from './setup.js';

const SID = 'SM00000000000000000000000000000099';
const USER = 'rcs:+15551234567';
const AGENT = 'rcs:acme_agent';
/** What every Twilio Messaging webhook carries besides the message SID and addresses. */
const ACCOUNT = { AccountSid: 'AC00000000000000000000000000000000', ApiVersion: '2010-04-01' };

/** Normalizes an authentic request with these parameters; returns the status and the events. */
async function normalize(body: Record<string, unknown>): Promise<{ status: number; events: RcsEvent[] }> {
  const { rcs, events } = harness();
  const response = await post(rcs, await sign(body));
  return { status: response.status, events };
}

const statusCallback = (fields: Record<string, string>) => ({
  ...ACCOUNT,
  MessageSid: SID,
  From: AGENT,
  To: USER,
  ...fields,
});
const incoming = (fields: Record<string, unknown>) => ({
  ...ACCOUNT,
  MessageSid: SID,
  From: USER,
  To: AGENT,
  SmsStatus: 'received',
  NumMedia: '0',
  ...fields,
});

describe('twilio status mapping', () => {
  const table: [string, string][] = [
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['undelivered', 'failed'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['partially_delivered', 'unknown'],
    ['receiving', 'unknown'],
    ['received', 'unknown'],
    ['some_future_status', 'unknown'],
  ];
  for (const [providerStatus, status] of table) {
    it(`${providerStatus} → ${status}`, async () => {
      const raw = statusCallback({ MessageStatus: providerStatus, SmsStatus: providerStatus });
      const result = await normalize(raw);
      expect(result.status).toBe(200);
      expect(result.events).toStrictEqual([
        {
          ...base,
          kind: 'delivery',
          id: `delivery:${SID}:${providerStatus}:rcs`,
          raw,
          messageId: SID,
          status,
          providerStatus,
          recipient: USER,
          sender: AGENT,
          channel: 'rcs',
        },
      ]);
    });
  }
});

describe('twilio status callbacks', () => {
  it('carries ErrorCode and ErrorMessage into error', async () => {
    const raw = statusCallback({
      MessageStatus: 'failed',
      ErrorCode: '30008',
      ErrorMessage: 'Unknown error',
    });
    const [event] = (await normalize(raw)).events;
    expect(event).toMatchObject({ status: 'failed', error: { code: '30008', message: 'Unknown error' } });
    const onlyMessage = (await normalize(statusCallback({ MessageStatus: 'failed', ErrorMessage: 'x' })))
      .events;
    expect(onlyMessage[0]).toMatchObject({ error: { message: 'x' } });
    expect(onlyMessage[0] && 'code' in (onlyMessage[0] as { error: object }).error).toBe(false);
  });

  it('treats empty parameters as not sent', async () => {
    const raw = statusCallback({
      MessageStatus: 'delivered',
      ErrorCode: '',
      ErrorMessage: '',
      ChannelPrefix: '',
    });
    const [event] = (await normalize(raw)).events;
    expect(event).toStrictEqual({
      ...base,
      kind: 'delivery',
      id: `delivery:${SID}:delivered:rcs`,
      raw,
      messageId: SID,
      status: 'delivered',
      providerStatus: 'delivered',
      recipient: USER,
      sender: AGENT,
      channel: 'rcs',
    });
  });

  it('takes the channel from ChannelPrefix when Twilio sends it', async () => {
    for (const [prefix, channel] of [
      ['sms', 'sms'],
      ['mms', 'mms'],
      ['RCS', 'rcs'],
    ]) {
      const raw = statusCallback({
        MessageStatus: 'sent',
        ChannelPrefix: prefix ?? '',
        From: '+15550001111',
        To: '+15551234567',
      });
      const [event] = (await normalize(raw)).events;
      expect(event).toMatchObject({
        kind: 'delivery',
        channel,
        id: `delivery:${SID}:sent:${prefix?.toLowerCase()}`,
      });
    }
  });

  it('keeps an RCS report and its SMS fallback report of the same status apart', async () => {
    const rcs = (await normalize(statusCallback({ MessageStatus: 'sent' }))).events[0];
    const sms = (
      await normalize(statusCallback({ MessageStatus: 'sent', From: '+15550001111', To: '+15551234567' }))
    ).events[0];
    expect(rcs?.id).toBe(`delivery:${SID}:sent:rcs`);
    expect(sms?.id).toBe(`delivery:${SID}:sent`);
    expect(sms && 'channel' in sms).toBe(false);
  });

  it('passes other channels on as unsupported', async () => {
    for (const fields of [{ ChannelPrefix: 'whatsapp' }, { From: 'messenger:123', To: 'messenger:456' }]) {
      const [event] = (await normalize(statusCallback({ MessageStatus: 'read', ...fields }))).events;
      expect(event?.kind).toBe('unsupported');
    }
  });

  it('gives delivered and read reports of one message different ids', async () => {
    const delivered = (await normalize(params('composed-rcs-status-delivered'))).events[0];
    const read = (await normalize(params('composed-rcs-status-read'))).events[0];
    expect(delivered?.id).not.toBe(read?.id);
    expect(delivered?.kind === 'delivery' && delivered.messageId).toBe(
      read?.kind === 'delivery' && read.messageId,
    );
  });

  it('marks an out-of-order delivered report after read as superseded', async () => {
    const { rcs, events } = harness();
    await post(rcs, await sign(params('composed-rcs-status-read')));
    await post(rcs, await sign(params('composed-rcs-status-delivered')));
    expect(events.map((event) => [event.id, 'superseded' in event ? event.superseded : undefined])).toEqual([
      ['delivery:SM00000000000000000000000000000010:read:rcs', undefined],
      ['delivery:SM00000000000000000000000000000010:delivered:rcs', true],
    ]);
  });
});

describe('twilio incoming messages', () => {
  const inbound = (raw: unknown, suffix: string, content: object) => ({
    ...base,
    kind: 'inbound',
    id: `inbound:${SID}${suffix}`,
    raw,
    messageId: SID,
    from: USER,
    to: AGENT,
    content,
  });

  it('emits text, location and each media item, in that order', async () => {
    const raw = incoming({
      Body: 'look',
      Latitude: '-33.8568',
      Longitude: '151.2153',
      NumMedia: '2',
      MediaUrl1: 'https://media.example/1',
      MediaUrl0: 'https://media.example/0',
      MediaContentType0: 'image/png',
      MediaContentType1: '',
    });
    expect((await normalize(raw)).events).toStrictEqual([
      inbound(raw, '', { type: 'text', text: 'look' }),
      inbound(raw, ':location', { type: 'location', latitude: -33.8568, longitude: 151.2153 }),
      inbound(raw, ':0', { type: 'file', url: 'https://media.example/0', mimeType: 'image/png' }),
      inbound(raw, ':1', { type: 'file', url: 'https://media.example/1' }),
    ]);
  });

  it('treats a tap as one suggestion, with whichever of payload and text Twilio sent', async () => {
    for (const [fields, content] of [
      [
        { ButtonText: 'Yes', Body: 'Yes' },
        { type: 'suggestion', text: 'Yes' },
      ],
      [{ ButtonPayload: 'eyJpZCI6MX0=' }, { type: 'suggestion', postbackData: 'eyJpZCI6MX0=' }],
      [
        { ButtonPayload: 'p', ButtonText: '', Body: 'ignored' },
        { type: 'suggestion', postbackData: 'p' },
      ],
    ] as const) {
      const raw = incoming(fields);
      expect((await normalize(raw)).events).toStrictEqual([inbound(raw, '', content)]);
    }
  });

  it('keeps the rcs: prefix of both addresses', async () => {
    const [event] = (await normalize(incoming({ Body: 'hi' }))).events;
    expect(event).toMatchObject({ from: USER, to: AGENT });
  });

  it('passes on a message with no content as unsupported', async () => {
    const [event] = (await normalize(incoming({ Body: '' }))).events;
    expect(event).toMatchObject({
      kind: 'unsupported',
      reason: 'Twilio incoming RCS message without Body, media, location or button',
    });
  });

  it('passes SMS and WhatsApp messages on as unsupported', async () => {
    for (const [from, reason] of [
      ['+15551234567', 'Twilio incoming SMS/MMS message is not RCS'],
      ['whatsapp:+15551234567', 'Twilio incoming whatsapp message is not RCS'],
    ]) {
      const raw = incoming({ From: from, Body: 'hi' });
      expect((await normalize(raw)).events).toMatchObject([{ kind: 'unsupported', reason, raw }]);
    }
  });

  it('passes on a webhook with another SmsStatus and no MessageStatus as unsupported', async () => {
    const [event] = (await normalize(incoming({ SmsStatus: 'delivered', Body: 'x' }))).events;
    expect(event).toMatchObject({
      kind: 'unsupported',
      reason: 'Twilio webhook with SmsStatus delivered and no MessageStatus',
    });
  });

  it('keeps every parameter in raw, in order, including names it does not know', async () => {
    const body = `${new URLSearchParams(incoming({ Body: 'a' })).toString()}&NumSegments=1&WaId=1&Zeta=1`;
    const { rcs, events } = harness();
    expect((await post(rcs, await sign(body))).status).toBe(200);
    const raw = events[0]?.raw as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual([
      ...Object.keys(incoming({ Body: 'a' })),
      'NumSegments',
      'WaId',
      'Zeta',
    ]);
    expect(raw.Zeta).toBe('1');
  });

  it('passes an authentic incoming message of the wrong shape on as unsupported (issue 13 item 8)', async () => {
    for (const body of [
      incoming({ Body: 'x', NumMedia: '1', MediaUrl0: '', MediaContentType0: 'image/png' }),
      incoming({ Body: 'x', Latitude: '52.37' }),
      incoming({ Body: 'x', Latitude: '91', Longitude: '4.89' }),
      incoming({ Body: 'x', Latitude: '52.37', Longitude: '181' }),
    ]) {
      const { rcs, events, errors } = harness();
      expect((await post(rcs, await sign(body))).status).toBe(200);
      expect(events.map((event) => event.kind)).toEqual(['unsupported']);
      expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['invalid_payload']);
    }
  });

  it('refuses values outside the closed formats Twilio sends as not its form (401)', async () => {
    for (const body of [
      incoming({ Body: 'x', Latitude: '52.37', Longitude: 'east' }),
      incoming({ Body: 'x', Latitude: '1e1', Longitude: '4.89' }),
      incoming({ Body: 'x', NumMedia: 'two' }),
    ]) {
      const { rcs, events } = harness();
      expect(await post(rcs, await sign(body))).toEqual({
        status: 401,
        body: { error: 'invalid_signature' },
      });
      expect(events).toEqual([]);
    }
  });
});
