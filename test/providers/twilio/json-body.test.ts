import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptedBody } from '../../helpers/accepted.js';
import { base, harness, params, post, sign, TOKEN, URL } from './setup.js';

const JSON_TYPE = 'application/json';
const BODY = '{"MessageSid":"SM1","MessageStatus":"read"}';
const hashOf = (body: string) => createHash('sha256').update(body).digest('hex');

const signJson = (body: string, url = URL) =>
  sign(body, { url, config: { authToken: TOKEN, json: true }, contentType: JSON_TYPE });

describe('twilio JSON bodies (bodySHA256)', () => {
  it('signs the URL with bodySHA256 appended, and passes the body on as unsupported', async () => {
    const signed = await signJson(BODY);
    expect(signed.url).toBe(`${URL}?bodySHA256=${hashOf(BODY)}`);
    expect(signed.headers['content-type']).toBe(JSON_TYPE);
    const { rcs, events } = harness();
    expect(await post(rcs, signed)).toEqual({ status: 200, body: acceptedBody('twilio') });
    expect(events).toEqual([
      {
        ...base,
        kind: 'unsupported',
        id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
        raw: JSON.parse(BODY),
        reason: 'Twilio JSON webhook bodies are not normalized',
      },
    ]);
  });

  it('appends bodySHA256 after an existing query, and keeps a bodySHA256 already in the URL', async () => {
    expect((await signJson(BODY, `${URL}?a=1`)).url).toBe(`${URL}?a=1&bodySHA256=${hashOf(BODY)}`);
    const given = `${URL}?bodySHA256=${hashOf(BODY)}`;
    expect((await sign(BODY, { url: given, contentType: JSON_TYPE })).url).toBe(given);
  });

  it('rejects a tampered body (the hash no longer matches)', async () => {
    const { rcs, events } = harness();
    const signed = await signJson(BODY);
    signed.body = BODY.replace('read', 'sent');
    expect(await post(rcs, signed)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    expect(events).toEqual([]);
  });

  it('rejects a tampered bodySHA256 that matches the tampered body', async () => {
    const { rcs } = harness();
    const signed = await signJson(BODY);
    const tampered = BODY.replace('read', 'sent');
    const response = await post(rcs, {
      ...signed,
      body: tampered,
      url: `${URL}?bodySHA256=${hashOf(tampered)}`,
    });
    expect(response).toEqual({ status: 401, body: { error: 'invalid_signature' } });
  });

  it('rejects a JSON body without bodySHA256 in the URL', async () => {
    const { rcs } = harness();
    const signed = await sign(BODY, { contentType: JSON_TYPE });
    expect(await post(rcs, signed)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
  });

  it('rejects a malformed or repeated bodySHA256', async () => {
    for (const query of [
      'bodySHA256=xyz',
      `bodySHA256=${hashOf(BODY)}&bodySHA256=${hashOf(BODY)}`,
      'bodySHA256=',
    ]) {
      const { rcs } = harness();
      const signed = await sign(BODY, { url: `${URL}?${query}`, contentType: JSON_TYPE });
      expect(await post(rcs, signed)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    }
  });

  it('passes authentic JSON that is not an object, or not JSON, on as unsupported (issue 13 item 8)', async () => {
    for (const [body, error] of [
      ['[1,2]', 'invalid_payload'],
      ['"text"', 'invalid_payload'],
      ['{"a":', 'malformed_body'],
    ]) {
      const { rcs, events, errors } = harness();
      expect((await post(rcs, await signJson(body ?? ''))).status).toBe(200);
      expect(events.map((event) => event.kind)).toEqual(['unsupported']);
      expect(errors.map((problem) => (problem as { code?: string }).code)).toEqual([error]);
    }
  });

  it('refuses an upper-case hex bodySHA256, as twilio-node does (it compares lower-case hex)', async () => {
    const upper = hashOf(BODY).toUpperCase();
    const { rcs, events } = harness();
    const signed = await sign(BODY, { url: `${URL}?bodySHA256=${upper}`, contentType: JSON_TYPE });
    expect(await post(rcs, signed)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    expect(events).toEqual([]);
  });

  it('normalizes a form body whose URL carries bodySHA256 (the hash then binds the bytes)', async () => {
    const { rcs, events } = harness();
    const raw = params('composed-rcs-status-read');
    const signed = await sign(raw, { config: { authToken: TOKEN, json: true } });
    expect(signed.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect((await post(rcs, signed)).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['delivery:SM00000000000000000000000000000010:read:rcs']);
    const tampered = harness();
    const changed = { ...signed, body: signed.body.replace('read', 'sent') };
    expect((await post(tampered.rcs, changed)).status).toBe(401);
  });
});
