import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRejected, signedRequestCases } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { replayWindowCases } from '../../helpers/replay-matrix.js';
import { claimsOf, setAuthorization, tokenOf } from './jwt-helpers.js';
import { authSubject, base, harness, NOW, OTHER_SECRET, post, SECRET, sign } from './setup.js';

// test/fixtures/vonage/VECTORS.md: the token of the notes' vector, over the exact bytes of this fixture.
const VECTOR_BODY = loadFixture('vonage', 'notes-inbound-text');
const VECTOR_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MzU3MzI4MDAsImp0aSI6ImM1YmE4ZjI0LTFhMTQtNGMxMC1iZmRmLTNmYmU4Y2U1MTFiNSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6ImM4YTljZTk2ZTM2Y2FmMTZlZTIwOGY4NDlmOGFhNWYwMjVjN2ZhN2VmN2ViNjBkYzJmNjBjY2JhZmRlNzMxMDUiLCJhcGlfa2V5IjoiYTFiMmMzZCIsImFwcGxpY2F0aW9uX2lkIjoiYWFhYWFhYWEtYmJiYi1jY2NjLWRkZGQtMDEyMzQ1Njc4OWFiIn0.3uG2bpw2WAf37vgr5F7Rm4WlGy6dwlv6AKRwtbuEhyI';
const VECTOR_CLAIMS = {
  jti: 'c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5',
  apiKey: 'a1b2c3d',
  applicationId: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
};
const VECTOR_EVENT = {
  ...base,
  kind: 'inbound',
  id: 'inbound:aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  raw: JSON.parse(VECTOR_BODY),
  occurredAt: new Date('2025-01-01T12:00:00Z'),
  messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  from: '447700900001',
  to: 'Vonage',
  content: { type: 'text', text: 'Hello' },
};
const FIXTURE = loadFixture('vonage', 'notes-status-delivered');

function vectorRequest(authorization = `Bearer ${VECTOR_JWT}`) {
  return {
    method: 'POST',
    url: '/webhooks/rcs/vonage',
    headers: { 'content-type': 'application/json', authorization },
    body: new TextEncoder().encode(VECTOR_BODY),
  };
}

const vonage = authSubject(FIXTURE);

describe('vonage signature test vector', () => {
  it('has the documented bytes and hash', () => {
    expect(createHash('sha256').update(VECTOR_BODY).digest('hex')).toBe(
      'c8a9ce96e36caf16ee208f849f8aa5f025c7fa7ef7eb60dc2f60ccbafde73105',
    );
  });

  for (const offset of [-300, 0, 300]) {
    it(`verifies as given with the clock ${offset} s from its iat`, async () => {
      const { rcs, events } = harness({ signatureSecret: SECRET }, { now: NOW + offset * 1000 });
      const response = await rcs.handle(vectorRequest());
      expect(response.status).toBe(200);
      expect(events).toStrictEqual([{ ...VECTOR_EVENT, receivedAt: new Date(NOW + offset * 1000) }]);
    });
  }

  for (const offset of [-301, 301]) {
    it(`is stale with the clock ${offset} s from its iat`, async () => {
      const { rcs } = harness({ signatureSecret: SECRET }, { now: NOW + offset * 1000 });
      const response = await rcs.handle(vectorRequest());
      expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({
        status: 401,
        body: { error: 'stale_timestamp' },
      });
    });
  }

  it('is reproduced byte for byte by the signer', async () => {
    const signed = await sign(VECTOR_BODY, { signing: VECTOR_CLAIMS });
    expect(signed.headers.authorization).toBe(`Bearer ${VECTOR_JWT}`);
    expect(signed.body).toBe(VECTOR_BODY);
  });

  it('verifies with its api_key and application_id configured, not with others', async () => {
    const accepted = harness({
      signatureSecret: SECRET,
      apiKey: 'a1b2c3d',
      applicationId: VECTOR_CLAIMS.applicationId,
    });
    expect((await accepted.rcs.handle(vectorRequest())).status).toBe(200);
    for (const options of [
      { apiKey: 'zzzzzzz' },
      { applicationId: 'bbbbbbbb-bbbb-cccc-dddd-0123456789ab' },
    ]) {
      const { rcs, events } = harness({ signatureSecret: SECRET, ...options });
      const response = await rcs.handle(vectorRequest());
      expect(JSON.parse(response.body)).toEqual({ error: 'invalid_signature' });
      expect(events).toEqual([]);
    }
  });

  it('fails with another secret', async () => {
    const { rcs, events } = harness({ signatureSecret: OTHER_SECRET });
    expect(JSON.parse((await rcs.handle(vectorRequest())).body)).toEqual({ error: 'invalid_signature' });
    expect(events).toEqual([]);
  });

  // The raw bytes no longer match; their compact JSON (the vector body itself) does: see payload-hash.test.ts.
  it('with a trailing newline on the body, passes only through the compact-JSON fallback', async () => {
    const lenient = harness();
    expect((await lenient.rcs.handle({ ...vectorRequest(), body: `${VECTOR_BODY}\n` })).status).toBe(200);
    expect(lenient.events).toStrictEqual([VECTOR_EVENT]);
    const strict = harness({ signatureSecret: SECRET, strictPayloadHash: true });
    const response = await strict.rcs.handle({ ...vectorRequest(), body: `${VECTOR_BODY}\n` });
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_signature' });
    expect(strict.events).toEqual([]);
  });
});

describe('vonage authentication', () => {
  signedRequestCases(vonage);
  replayWindowCases(vonage);

  it('signs with iat from now in whole seconds, iss Vonage, the body hash and a random jti', async () => {
    const first = await sign(FIXTURE, { now: NOW + 999 });
    const second = await sign(FIXTURE, { now: NOW + 999 });
    const claims = claimsOf(first);
    expect(claims).toEqual({
      iat: 1735732800,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(FIXTURE).digest('hex'),
    });
    expect(Object.keys(claims)).toEqual(['iat', 'jti', 'iss', 'payload_hash']);
    expect(claimsOf(second).jti).not.toBe(claims.jti);
    const [header = ''] = tokenOf(first).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('rejects a tampered body (payload_hash mismatch)', () =>
    expectRejected(vonage, 'invalid_signature', (request) => {
      request.body = request.body.replace('delivered', 'rejected');
    }));

  it('rejects a tampered iat (the claims no longer match the signature)', () =>
    expectRejected(vonage, 'invalid_signature', (request) => {
      const [header, claims = '', signature] = tokenOf(request).split('.');
      const changed = { ...JSON.parse(Buffer.from(claims, 'base64url').toString()), iat: NOW / 1000 - 1 };
      const segment = Buffer.from(JSON.stringify(changed)).toString('base64url');
      setAuthorization(request, `Bearer ${header}.${segment}.${signature}`);
    }));

  it('checks api_key and application_id only when configured', async () => {
    const signing = { apiKey: 'a1b2c3d', applicationId: 'app-1' };
    const strict = harness({ signatureSecret: SECRET, apiKey: ['other', 'a1b2c3d'], applicationId: 'app-1' });
    expect((await post(strict.rcs, FIXTURE, { signing })).status).toBe(200);
    // A configured allow-list requires the claim.
    const required = harness({ signatureSecret: SECRET, apiKey: 'a1b2c3d' });
    expect(await post(required.rcs, FIXTURE)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
    expect((await post(harness().rcs, FIXTURE, { signing })).status).toBe(200);
  });
});
