import { describe, expect, it } from 'vitest';
import { signHmacJwt } from '../../../src/crypto/jwt.js';
import type { BirdOptions } from '../../../src/providers/bird/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { BIRD_KEY, BIRD_URL, birdCore, NOW, signedBird } from './helpers.js';

const JWT = 'MessageBird-Signature-JWT';
const body = loadFixture('bird', 'notes-rcs-outbound-delivered');
const legacy: BirdOptions = { signingKey: BIRD_KEY, legacyJwt: true };

// One of MessageBird's 44 reference vectors (messagebird-nodejs lib/testdata/webhook-signature-jwt-reference.json), notes §2.9.
const VECTOR = {
  url: 'https://example.com/path?bar=1&foo=2',
  body: 'Hello, World!',
  secret: '36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb',
  now: 1625479200_000,
  token:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ3OTIwMCwiZXhwIjoxNjI1NDc5MjYwLCJqdGkiOiI5M2U1NTAwNi1hMGU4LTQ1MjYtYTE5MC1mYTVmZjAwZWExMTYiLCJ1cmxfaGFzaCI6IjQxZjA1ZjBkZGQwYTIyYWIyMDlhYzQ2ZjQ3YzQ1NzJkOWNlZmEyNTdlZDc0YjI0MDA0YmFlNzUzZWNlNmMyNjAiLCJwYXlsb2FkX2hhc2giOiJkZmZkNjAyMWJiMmJkNWIwYWY2NzYyOTA4MDllYzNhNTMxOTFkZDgxYzdmNzBhNGIyODY4OGEzNjIxODI5ODZmIn0._H--TOuYFLpeEH39-rg5E3IHVkjHozBcaKVWPRC5m9I',
};

function vectorRequest(overrides: { body?: string; token?: string } = {}) {
  return {
    method: 'POST',
    url: '/webhooks/rcs/bird',
    headers: { 'content-type': 'application/json', [JWT]: overrides.token ?? VECTOR.token },
    body: overrides.body ?? VECTOR.body,
  };
}

function vectorCore(options: { legacyJwt?: boolean; now?: number; url?: string } = {}) {
  return birdCore(
    { signingKey: VECTOR.secret, legacyJwt: options.legacyJwt ?? true },
    { publicUrl: () => options.url ?? VECTOR.url, now: () => options.now ?? VECTOR.now },
  );
}

describe('Bird legacy MessageBird-Signature-JWT: reference vector', () => {
  it('verifies as given (the body is not JSON, so the verified request is one unsupported event)', async () => {
    const { rcs, events } = vectorCore();
    const response = await rcs.handle(vectorRequest());
    expect(response.status).toBe(200);
    expect(events).toMatchObject([{ kind: 'unsupported' }]);
  });

  it('is ignored unless legacyJwt is on', async () => {
    const response = await vectorCore({ legacyJwt: false }).rcs.handle(vectorRequest());
    expect(response).toMatchObject({ status: 401, body: '{"error":"missing_signature"}' });
  });

  it.each([
    ['before nbf (beyond 5 s of skew)', { now: VECTOR.now - 6_000 }, 'stale_timestamp'],
    ['after exp (beyond 5 s of skew)', { now: VECTOR.now + 66_000 }, 'stale_timestamp'],
    ['for another URL', { url: 'https://example.com/path?foo=2&bar=1' }, 'invalid_signature'],
  ])('rejects the token %s', async (_label, options, code) => {
    const response = await vectorCore(options).rcs.handle(vectorRequest());
    expect(response).toMatchObject({ status: 401, body: JSON.stringify({ error: code }) });
  });

  it('accepts the token within the clock skew', async () => {
    for (const now of [VECTOR.now - 5_000, VECTOR.now + 64_999]) {
      expect((await vectorCore({ now }).rcs.handle(vectorRequest())).status).toBe(200);
    }
  });

  it('rejects a changed, removed or added payload and a tampered token', async () => {
    const { rcs } = vectorCore();
    for (const request of [
      vectorRequest({ body: 'Hello, World?' }),
      vectorRequest({ body: '' }),
      vectorRequest({ token: `${VECTOR.token.slice(0, -2)}9J` }),
      vectorRequest({ token: VECTOR.token.split('.').slice(0, 2).join('.') }),
    ]) {
      expect(await rcs.handle(request)).toMatchObject({ status: 401, body: '{"error":"invalid_signature"}' });
    }
  });

  it('rejects alg none and algorithms outside HS256/384/512', async () => {
    const [, claims] = VECTOR.token.split('.');
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
    const { rcs } = vectorCore();
    for (const token of [
      `${header('none')}.${claims}.`,
      `${header('RS256')}.${claims}.${VECTOR.token.split('.')[2]}`,
    ]) {
      expect(await rcs.handle(vectorRequest({ token }))).toMatchObject({
        status: 401,
        body: '{"error":"invalid_signature"}',
      });
    }
  });
});

describe('Bird legacy JWT through the signer', () => {
  it('accepts a token minted by the signer, for every key (rotation)', async () => {
    for (const signingKey of ['older-key', BIRD_KEY]) {
      const { rcs, events } = birdCore({ signingKey: ['older-key', BIRD_KEY], legacyJwt: true });
      const signed = await signedBird(body, { config: { signingKey, legacyJwt: true } });
      expect(Object.keys(signed.headers)).toContain(JWT);
      expect((await rcs.handle(signed)).status).toBe(200);
      expect(events.map((event) => event.kind)).toEqual(['delivery']);
    }
  });

  it('still accepts MessageBird-Signature when legacyJwt is on', async () => {
    const { rcs } = birdCore(legacy);
    expect((await rcs.handle(await signedBird(body))).status).toBe(200);
  });

  it('rejects a wrong key, a tampered body and a missing header', async () => {
    const { rcs, events } = birdCore(legacy);
    const wrong = await signedBird(body, { config: { signingKey: 'nope', legacyJwt: true } });
    expect((await rcs.handle(wrong)).status).toBe(401);
    const signed = await signedBird(body, { config: { legacyJwt: true } });
    expect((await rcs.handle({ ...signed, body: body.replace('delivered', 'read') })).status).toBe(401);
    const response = await rcs.handle({ ...signed, headers: { 'content-type': 'application/json' } });
    expect(response).toMatchObject({ status: 401, body: '{"error":"missing_signature"}' });
    expect(events).toEqual([]);
  });

  it('accepts HS384 and HS512 and requires the MessageBird claims', async () => {
    const { createHash } = await import('node:crypto');
    const hash = (value: string) => createHash('sha256').update(value).digest('hex');
    const claims = {
      iss: 'MessageBird',
      nbf: NOW / 1000,
      exp: NOW / 1000 + 60,
      jti: 'a-jti',
      url_hash: hash(BIRD_URL),
      payload_hash: hash(body),
    };
    const send = (token: string) =>
      birdCore(legacy).rcs.handle({ method: 'POST', url: BIRD_URL, headers: { [JWT]: token }, body });
    expect((await send(signHmacJwt(claims, BIRD_KEY, 'HS384'))).status).toBe(200);
    expect((await send(signHmacJwt(claims, BIRD_KEY, 'HS512'))).status).toBe(200);
    for (const broken of [
      { ...claims, iss: 'Someone' },
      { ...claims, jti: '' },
      { ...claims, exp: undefined },
      { ...claims, url_hash: undefined },
      { ...claims, payload_hash: undefined },
    ]) {
      expect((await send(signHmacJwt(broken, BIRD_KEY))).status).toBe(401);
    }
  });
});
