import { describe, expect, it } from 'vitest';
import { twilioSignedData } from '../../../src/providers/twilio/signature.js';
import { harness, params, post, sign, URL } from './setup.js';

// Issue 13 A1: Twilio signs `name + value` pairs concatenated without separators, so characters
// can move between names and values under the same X-Twilio-Signature. A re-split form is a forgery:
// 401, and no handler runs.

type Pairs = [string, string][];
const form = (pairs: Pairs) => pairs.map(([n, v]) => `${encode(n)}=${encode(v)}`).join('&');
const encode = (text: string) => encodeURIComponent(text).replaceAll('%20', '+');
const SID = 'SM0123456789abcdef0123456789abcdef';
const SERVICE = 'MG00000000000000000000000000000000';

/** Sends `forged` under the signature of `original` after checking both sign the same string. */
async function replayAs(original: Pairs, forged: Pairs) {
  expect(twilioSignedData(URL, forged)).toBe(twilioSignedData(URL, original));
  const { rcs, events, errors } = harness();
  const signed = await sign(form(original));
  expect((await post(rcs, signed)).status).toBe(200);
  const count = events.length;
  const answer = await post(rcs, { ...signed, body: form(forged) });
  return { answer, newEvents: events.slice(count), errors };
}

const incoming: Pairs = [
  ['AccountSid', 'AC00000000000000000000000000000000'],
  ['ApiVersion', '2010-04-01'],
  ['Body', 'Yes. Do not Cancel my order'],
  ['From', 'rcs:+15551234567'],
  ['MessageSid', SID],
  ['MessagingServiceSid', SERVICE],
  ['NumMedia', '0'],
  ['SmsStatus', 'received'],
  ['To', 'rcs:acme_agent'],
];
const without = (pairs: Pairs, ...names: string[]) => pairs.filter(([name]) => !names.includes(name));
const replace = (pairs: Pairs, name: string, value: string): Pairs =>
  pairs.map(([n, v]) => [n, n === name ? value : v]);

describe('twilio re-split forms', () => {
  it('refuses the issue’s incoming-message attack (Body cut, MessagingServiceSid folded into MessageSid)', async () => {
    const forged: Pairs = [
      ...without(incoming, 'Body', 'MessageSid', 'MessagingServiceSid', 'From'),
      ['Body', 'Yes. Do not '],
      ['Cancel my order', ''],
      ['From', 'rcs:+15551234567'],
      ['MessageSid', `${SID}MessagingServiceSid${SERVICE}`],
    ];
    const { answer, newEvents } = await replayAs(incoming, forged);
    expect(answer).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    expect(newEvents).toEqual([]);
  });

  it('refuses a Body whose tail became a parameter with a plausible name', async () => {
    const forged: Pairs = [...replace(incoming, 'Body', 'Yes. Do not '), ['Cancel', ' my order']];
    const { answer, newEvents } = await replayAs(incoming, forged);
    expect(answer.status).toBe(401);
    expect(newEvents).toEqual([]);
  });

  it('refuses a Body that absorbed the From that followed it', async () => {
    const forged = replace(
      without(incoming, 'From'),
      'Body',
      'Yes. Do not Cancel my orderFromrcs:+15551234567',
    );
    const { answer, newEvents } = await replayAs(incoming, forged);
    expect(answer.status).toBe(401);
    expect(newEvents).toEqual([]);
  });

  it('refuses the issue’s status-callback attack (From folded into ApiVersion)', async () => {
    const original = Object.entries(params('composed-rcs-status-delivered'));
    const forged = replace(without(original, 'From'), 'ApiVersion', '2010-04-01Fromrcs:acme_agent');
    const { answer, newEvents } = await replayAs(original, forged);
    expect(answer.status).toBe(401);
    expect(newEvents).toEqual([]);
  });

  it('refuses a name run on into its value, or cut short of it', async () => {
    const status = Object.entries(params('composed-rcs-status-read'));
    const media = Object.entries(params('composed-rcs-inbound-media-with-body'));
    for (const [original, forged] of [
      // MessageStatus=read → MessageStatusread= (the callback would read as an incoming message)
      [status, [...without(status, 'MessageStatus'), ['MessageStatusread', '']]],
      // NumMedia=2 → NumMedia2= (the media items would be dropped)
      [media, [...without(media, 'NumMedia'), ['NumMedia2', '']]],
      // NumMedia=2 → NumMedi=a2
      [media, [...without(media, 'NumMedia'), ['NumMedi', 'a2']]],
    ] as [Pairs, Pairs][]) {
      const { answer, newEvents } = await replayAs(original, forged);
      expect(answer.status).toBe(401);
      expect(newEvents).toEqual([]);
    }
  });

  it('refuses a media URL that absorbed the next one', async () => {
    const media = Object.entries(params('composed-rcs-inbound-media-with-body'));
    const url1 = media.find(([name]) => name === 'MediaUrl1')?.[1] ?? '';
    const url0 = media.find(([name]) => name === 'MediaUrl0')?.[1] ?? '';
    const forged = replace(without(media, 'MediaUrl1'), 'MediaUrl0', `${url0}MediaUrl1${url1}`);
    const { answer, newEvents } = await replayAs(media, forged);
    expect(answer.status).toBe(401);
    expect(newEvents).toEqual([]);
  });

  it('still accepts parameters Twilio may add, where no free-text value could have given them away', async () => {
    const { rcs, events } = harness();
    const body = [
      ...incoming,
      ['MessageType', 'text'],
      ['NewClosedFlag', '1'],
      ['ZNewParameter', 'x'],
    ] as Pairs;
    // NewClosedFlag follows a closed value (MessagingServiceSid), ZNewParameter follows To (free):
    // the latter is refused unless named in extraParameters.
    expect((await post(rcs, await sign(form(body.filter(([n]) => n !== 'ZNewParameter'))))).status).toBe(200);
    expect(events.map((event) => event.kind)).toEqual(['inbound']);
    expect((await post(rcs, await sign(form(body)))).status).toBe(401);
    const extended = harness({
      authToken: 'test-twilio-auth-token-5d1c9e',
      extraParameters: ['ZNewParameter'],
    });
    expect((await post(extended.rcs, await sign(form(body)))).status).toBe(200);
  });

  it('derives event ids only from validated message SIDs', async () => {
    const { rcs, events } = harness();
    expect((await post(rcs, await sign(form(incoming)))).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual([`inbound:${SID}`]);
    // Without authentication (allowUnauthenticated) nothing refuses the form: the normalizer still
    // builds no id from a SID that is not in Twilio's format.
    const open = harness({ allowUnauthenticated: true });
    const forged = replace(
      without(incoming, 'MessagingServiceSid'),
      'MessageSid',
      `${SID}MessagingServiceSid${SERVICE}`,
    );
    expect((await post(open.rcs, await sign(form(forged)))).status).toBe(200);
    expect(open.events.map((event) => event.kind)).toEqual(['unsupported']);
    expect(open.events[0]?.id).toMatch(/^unsupported:[0-9a-f]{32}$/);
  });
});
