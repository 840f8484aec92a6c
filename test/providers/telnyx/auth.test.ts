import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { base64SignatureCases, expectRejected, signedRequestCases } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { replayWindowCases, timestampHeaderCases } from '../../helpers/replay-matrix.js';
import {
  authSubject,
  harness,
  NOW,
  OTHER_PRIVATE_KEY,
  OTHER_PUBLIC_KEY,
  PRIVATE_KEY,
  PUBLIC_KEY,
  post,
  SIGNATURE,
  sign,
  TIMESTAMP,
} from './setup.js';

const FIXTURE = loadFixture('telnyx', 'seed-message-finalized-delivered');

// VECTORS.md, vector 1: the exact 305 signed bytes (the fixture file is the same object pretty-printed).
const VECTOR_BODY =
  '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2024-12-09T20:16:07.588+00:00","payload":{"body":{"text":"Hello from Telnyx!"},"direction":"inbound","type":"RCS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}';
const VECTOR_SIGNATURE =
  'HZRRBin4st+MyDdAwOMUvNxJXije65ZnSpHq97a27WJr0CiGX+ZTlumbXRBcSA0ooHUSDEtnVwwNTlz0hwoOAw==';

function vectorRequest(headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    url: '/webhooks/rcs/telnyx',
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP]: '1735689600',
      [SIGNATURE]: VECTOR_SIGNATURE,
      ...headers,
    },
    body: new TextEncoder().encode(VECTOR_BODY),
  };
}

const telnyx = authSubject(FIXTURE);

describe('telnyx signature test vector', () => {
  it('has the documented bytes', async () => {
    const { createHash } = await import('node:crypto');
    expect(VECTOR_BODY.length).toBe(305);
    expect(createHash('sha256').update(VECTOR_BODY).digest('hex')).toBe(
      'fdde273569cf809e7b44023c32c138aedfdf704824f668b8f7868115bc17aca6',
    );
    expect(VECTOR_BODY).toBe(
      JSON.stringify(JSON.parse(loadFixture('telnyx', 'notes-signature-vector-message-received-text'))),
    );
  });

  // The vector passes authentication; its minimal body (no payload.id, no from) then fails the
  // schema, which after authentication is an `unsupported` event answered 200 (issue 13, item 8).
  for (const offset of [-300, 0, 300]) {
    it(`verifies with the clock ${offset} s from its timestamp`, async () => {
      const { rcs, events, errors } = harness({ publicKey: PUBLIC_KEY }, { now: NOW + offset * 1000 });
      const response = await rcs.handle(vectorRequest());
      expect(response.status).toBe(200);
      expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['invalid_payload']);
      expect(events.map((event) => event.kind)).toEqual(['unsupported']);
    });
  }

  for (const offset of [-301, 301]) {
    it(`is stale with the clock ${offset} s from its timestamp`, async () => {
      const { rcs } = harness({ publicKey: PUBLIC_KEY }, { now: NOW + offset * 1000 });
      const response = await rcs.handle(vectorRequest());
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ error: 'stale_timestamp' });
    });
  }

  it('fails with a trailing newline on the body', async () => {
    const { rcs } = harness();
    const response = await rcs.handle({ ...vectorRequest(), body: `${VECTOR_BODY}\n` });
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_signature' });
  });

  it('verifies with the key given as SPKI DER and as PEM', async () => {
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(PUBLIC_KEY, 'base64'),
    ]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    for (const publicKey of [spki.toString('base64'), pem]) {
      const { rcs } = harness({ publicKey });
      expect((await rcs.handle(vectorRequest())).status).toBe(200);
    }
  });
});

describe('telnyx authentication', () => {
  signedRequestCases(telnyx);
  replayWindowCases(telnyx);
  timestampHeaderCases(telnyx, TIMESTAMP);
  base64SignatureCases(telnyx, SIGNATURE, [
    ['truncated (valid base64, 60 bytes)', (signature) => `${signature.slice(0, 80)}`],
    ['cut mid-quantum', (signature) => signature.slice(0, 86)],
    ['in base64url', (signature) => signature.replace(/\+/g, '-').replace(/\//g, '_')],
  ]);

  it('sets telnyx-timestamp from now, in whole seconds', async () => {
    const signed = await sign(FIXTURE, { now: NOW + 999 });
    expect(signed.headers[TIMESTAMP]).toBe('1735689600');
    expect(Buffer.from(signed.headers[SIGNATURE] ?? '', 'base64')).toHaveLength(64);
  });

  it('rejects a tampered body', () =>
    expectRejected(telnyx, 'invalid_signature', (request) => {
      request.body = request.body.replace('delivered', 'delivereD');
    }));
});

describe('telnyx configuration', () => {
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(PRIVATE_KEY, 'base64'),
  ]).toString('base64');
  const invalid: [string, string | string[]][] = [
    ['not base64', 'not a key!'],
    ['base64url', PUBLIC_KEY.replace(/\+/g, '-').replace(/\//g, '_')],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['a private key (PKCS#8)', pkcs8],
    ['a private key (PEM)', `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n`],
    ['one bad key in a rotation list', [PUBLIC_KEY, 'AAAA']],
  ];
  for (const [what, publicKey] of invalid) {
    it(`throws ConfigurationError at construction for ${what}, without echoing it`, () => {
      let thrown: unknown;
      try {
        createRcsWebhooks({ providers: { telnyx: { publicKey } } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      for (const value of [publicKey].flat()) {
        if (value.length > 8) expect((thrown as Error).message).not.toContain(value.trim().slice(0, 20));
      }
    });
  }

  it('rejects unknown option keys', () => {
    expect(() =>
      createRcsWebhooks({ providers: { telnyx: { publicKey: PUBLIC_KEY, secret: 'x' } as never } }),
    ).toThrow(ConfigurationError);
  });

  it('reads RCS_TELNYX_PUBLIC_KEY (comma-separated for rotation) when providers are omitted', async () => {
    const rcs = createRcsWebhooks({
      env: { RCS_TELNYX_PUBLIC_KEY: `${OTHER_PUBLIC_KEY}, ${PUBLIC_KEY}` },
      now: () => NOW,
    });
    expect(rcs.providers).toContain('telnyx');
    expect((await post(rcs, FIXTURE)).status).toBe(200);
    expect((await post(rcs, FIXTURE, { privateKey: OTHER_PRIVATE_KEY })).status).toBe(200);
  });

  it('throws ConfigurationError from the signer for a bad private key', async () => {
    await expect(sign(FIXTURE, { privateKey: 'nope' })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
