import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeTwilioBody } from '../../../src/providers/twilio/sign.js';
import { acceptedBody } from '../../helpers/accepted.js';
import { base, formBody, harness, names, params, post, sign } from './setup.js';

const USER = 'rcs:+15551234567';
const AGENT = 'rcs:acme_agent';
const MEDIA = 'https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages';
const sid = (prefix: string, n: number) => `${prefix}${String(n).padStart(32, '0')}`;

/** The id of an `unsupported` event: a digest of its raw object (src/providers/normalize-helpers.ts). */
const unsupportedId = (raw: unknown) =>
  `unsupported:${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32)}`;

function inbound(raw: unknown, messageId: string, suffix: string, content: object) {
  return {
    ...base,
    kind: 'inbound',
    id: `inbound:${messageId}${suffix}`,
    raw,
    messageId,
    from: USER,
    to: AGENT,
    content,
  };
}

function delivery(
  raw: unknown,
  messageId: string,
  status: string,
  providerStatus: string,
  extra: object = {},
) {
  return {
    ...base,
    kind: 'delivery',
    id: `delivery:${messageId}:${providerStatus}:rcs`,
    raw,
    messageId,
    status,
    providerStatus,
    recipient: USER,
    sender: AGENT,
    channel: 'rcs',
    ...extra,
  };
}

const EXPECTED: Record<string, (raw: Record<string, string>) => object[]> = {
  'composed-rcs-inbound-location': (raw) => [
    inbound(raw, sid('SM', 4), ':location', {
      type: 'location',
      latitude: 37.7936,
      longitude: -122.3958,
      label: 'Office',
    }),
  ],
  'composed-rcs-inbound-media-only': (raw) => [
    inbound(raw, sid('MM', 3), ':0', {
      type: 'file',
      url: `${MEDIA}/${sid('MM', 3)}/Media/${sid('ME', 3)}`,
      mimeType: 'video/mp4',
    }),
  ],
  'composed-rcs-inbound-media-with-body': (raw) => [
    inbound(raw, sid('MM', 2), '', { type: 'text', text: 'Here is the receipt' }),
    inbound(raw, sid('MM', 2), ':0', {
      type: 'file',
      url: `${MEDIA}/${sid('MM', 2)}/Media/${sid('ME', 1)}`,
      mimeType: 'image/jpeg',
    }),
    inbound(raw, sid('MM', 2), ':1', {
      type: 'file',
      url: `${MEDIA}/${sid('MM', 2)}/Media/${sid('ME', 2)}`,
      mimeType: 'application/pdf',
    }),
  ],
  'composed-rcs-inbound-text': (raw) => [
    inbound(raw, sid('SM', 1), '', { type: 'text', text: 'Hi, is my order on its way?' }),
  ],
  'composed-rcs-status-delivered': (raw) => [delivery(raw, sid('SM', 10), 'delivered', 'delivered')],
  'composed-rcs-status-failed': (raw) => [
    delivery(raw, sid('SM', 12), 'failed', 'failed', { error: { code: '30008' } }),
  ],
  'composed-rcs-status-read': (raw) => [delivery(raw, sid('SM', 10), 'read', 'read')],
  'composed-rcs-status-sent': (raw) => [delivery(raw, sid('SM', 10), 'sent', 'sent')],
  'composed-rcs-status-undelivered': (raw) => [
    delivery(raw, sid('SM', 11), 'failed', 'undelivered', { error: { code: '30003' } }),
  ],
  // Plain numbers: the SMS/MMS fallback; Twilio does not say which, so no channel.
  'composed-sms-fallback-status-delivered': (raw) => [
    {
      ...base,
      kind: 'delivery',
      id: `delivery:${sid('SM', 13)}:delivered`,
      raw,
      messageId: sid('SM', 13),
      status: 'delivered',
      providerStatus: 'delivered',
      recipient: '+15551234567',
      sender: '+15550001111',
    },
  ],
  'composed-sms-inbound-text': (raw) => [
    {
      ...base,
      kind: 'unsupported',
      id: unsupportedId(raw),
      raw,
      reason: 'Twilio incoming SMS/MMS message is not RCS',
    },
  ],
  'composed-whatsapp-status-read': (raw) => [
    {
      ...base,
      kind: 'unsupported',
      id: unsupportedId(raw),
      raw,
      reason: 'Twilio whatsapp status callbacks are not RCS',
    },
  ],
  'notes-rcs-inbound-button-tap': (raw) => [
    inbound(raw, `SM${'0'.repeat(32)}`, '', {
      type: 'suggestion',
      postbackData: 'confirm_1043',
      text: 'Yes please',
    }),
  ],
};

describe('twilio fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(names());
  });

  for (const name of names()) {
    it(`${name} normalizes as documented`, async () => {
      const expected = EXPECTED[name];
      if (expected === undefined) throw new Error(`no expectation for ${name}`);
      const { rcs, events } = harness();
      const raw = params(name);
      expect(await post(rcs, await sign(raw))).toEqual({ status: 200, body: acceptedBody('twilio') });
      expect(events).toStrictEqual(expected(raw));
    });

    it(`${name}: form-encoded/ holds its exact wire body, which normalizes the same`, async () => {
      const body = formBody(name);
      expect(body).toBe(encodeTwilioBody(params(name)));
      const fromObject = harness();
      await post(fromObject.rcs, await sign(params(name)));
      const fromBytes = harness();
      expect(await post(fromBytes.rcs, await sign(body))).toEqual({
        status: 200,
        body: acceptedBody('twilio'),
      });
      expect(fromBytes.events).toStrictEqual(fromObject.events);
    });
  }

  it('gives every event of every fixture its own id', async () => {
    const ids: string[] = [];
    for (const name of names()) {
      const { rcs, events } = harness();
      await post(rcs, await sign(params(name)));
      ids.push(...events.map((event) => event.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
