import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { ALGORITHM, base, harness, NONCE, SIGNATURE, TIMESTAMP, URL } from './setup.js';

// VECTORS.md vector 1: sinch-sdk-node `packages/sdk-client/tests/utils/authorization.helper.test.ts`.
// The fixture file holds the exact signed bytes (one line, no trailing newline).
const SDK = {
  body: loadFixture('sinch', 'notes-signature-vector-contact-create'),
  secret: 'foo_secret1234',
  nonce: '01FJA8B4A7BM43YGWSG9GBV067',
  timestamp: '1634579353',
  signature: '6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=',
};

// VECTORS.md vector 2: the notes' self-made RCS vector over the MESSAGE_INBOUND example, minified.
const PRETTY_INBOUND = loadFixture('sinch', 'notes-message-inbound-text');
const RCS = {
  body: JSON.stringify(JSON.parse(PRETTY_INBOUND)),
  secret: 'my-webhook-secret',
  nonce: '01JGQX00000000000000000NCE',
  timestamp: '1735732800',
  signature: 'vO/aIlFNN/8k19LUVFsBJISJPWEAvNw3UE0hUp05pXM=',
};

type Vector = typeof SDK;

function vectorRequest(vector: Vector, overrides: { body?: string; headers?: Record<string, string> } = {}) {
  return {
    method: 'POST',
    url: '/webhooks/rcs/sinch',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE]: vector.signature,
      [TIMESTAMP]: vector.timestamp,
      [NONCE]: vector.nonce,
      [ALGORITHM]: 'HmacSHA256',
      ...overrides.headers,
    },
    body: overrides.body ?? vector.body,
  };
}

const clockOf = (vector: Vector, offsetSeconds = 0) => (Number(vector.timestamp) + offsetSeconds) * 1000;

describe('sinch signature test vectors', () => {
  it('have the documented bytes', () => {
    expect(SDK.body).toHaveLength(405);
    expect(SDK.body.endsWith('}')).toBe(true);
    expect(RCS.body).toHaveLength(628);
    expect(createHash('sha256').update(RCS.body).digest('hex')).toHaveLength(64);
  });

  for (const offset of [-300, 0, 300]) {
    it(`the SDK vector verifies with the clock ${offset} s from its timestamp (CONTACT_CREATE: unsupported)`, async () => {
      const { rcs, events } = harness({ secret: SDK.secret }, { now: clockOf(SDK, offset) });
      const response = await rcs.handle(vectorRequest(SDK));
      expect(response.status).toBe(200);
      expect(events).toEqual([
        {
          provider: 'sinch',
          receivedAt: new Date(clockOf(SDK, offset)),
          kind: 'unsupported',
          id: expect.stringMatching(/^unsupported:[0-9a-f]{32}$/),
          reason: 'Sinch CONTACT_CREATE callbacks are not supported',
          raw: JSON.parse(SDK.body),
        },
      ]);
    });
  }

  for (const offset of [-301, 301]) {
    it(`the SDK vector is stale with the clock ${offset} s from its timestamp`, async () => {
      const { rcs } = harness({ secret: SDK.secret }, { now: clockOf(SDK, offset) });
      const response = await rcs.handle(vectorRequest(SDK));
      expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({
        status: 401,
        body: { error: 'stale_timestamp' },
      });
    });
  }

  it('the RCS vector verifies and normalizes to the inbound text', async () => {
    const { rcs, events } = harness({ secret: RCS.secret }, { now: clockOf(RCS) });
    expect((await rcs.handle(vectorRequest(RCS))).status).toBe(200);
    expect(events).toMatchObject([
      {
        ...base,
        kind: 'inbound',
        id: 'inbound:01JGQX0000000000000000000A',
        content: { type: 'text', text: 'Hello' },
      },
    ]);
  });

  it('the pretty-printed RCS example does not verify with the vector signature (bytes, not JSON)', async () => {
    const { rcs, events } = harness({ secret: RCS.secret }, { now: clockOf(RCS) });
    const response = await rcs.handle(vectorRequest(RCS, { body: PRETTY_INBOUND }));
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_signature' });
    expect(events).toEqual([]);
  });

  it('fails with a trailing newline on the body', async () => {
    const { rcs } = harness({ secret: SDK.secret }, { now: clockOf(SDK) });
    const newline = await rcs.handle(vectorRequest(SDK, { body: `${SDK.body}\n` }));
    expect(JSON.parse(newline.body)).toEqual({ error: 'invalid_signature' });
  });

  it('needs the algorithm header, which the SDK ignores', async () => {
    const { rcs } = harness({ secret: SDK.secret }, { now: clockOf(SDK) });
    const { [ALGORITHM]: _dropped, ...headers } = vectorRequest(SDK).headers;
    const response = await rcs.handle({ ...vectorRequest(SDK), headers });
    expect(JSON.parse(response.body)).toEqual({ error: 'missing_signature' });
  });

  for (const vector of [SDK, RCS]) {
    it(`the signer reproduces the vector signed at ${vector.timestamp}`, async () => {
      const signed = await signRequest({
        provider: 'sinch',
        body: vector.body,
        config: { secret: vector.secret, nonce: vector.nonce },
        url: URL,
        now: clockOf(vector) + 999,
      });
      expect(signed.body).toBe(vector.body);
      expect(signed.headers).toEqual({
        'content-type': 'application/json',
        [SIGNATURE]: vector.signature,
        [TIMESTAMP]: vector.timestamp,
        [NONCE]: vector.nonce,
        [ALGORITHM]: 'HmacSHA256',
      });
    });
  }
});
