import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { toWebRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import {
  harness,
  NOW,
  OTHER_PRIVATE_KEY,
  OTHER_PUBLIC_KEY,
  PRIVATE_KEY,
  PUBLIC_KEY,
  post,
  sign,
} from './setup.js';

const FIXTURE = loadFixture('telnyx', 'seed-message-finalized-delivered');
const SIGNATURE = 'telnyx-signature-ed25519';
const TIMESTAMP = 'telnyx-timestamp';

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

/** Sends a signed fixture after `mutate` changed its headers or body; expects 401 `code`, no event. */
async function expectRejected(
  code: string,
  mutate: (request: { headers: Record<string, string>; body: string }) => void,
  options: { now?: number; privateKey?: string } = {},
) {
  const { rcs, events } = harness();
  const signed = await sign(FIXTURE, options);
  mutate(signed);
  const response = await rcs.handle(signed);
  expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({
    status: 401,
    body: { error: code },
  });
  expect(events).toEqual([]);
}

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

  // The vector passes authentication; its minimal body (no payload.id, no from) is then a 400.
  for (const offset of [-300, 0, 300]) {
    it(`verifies with the clock ${offset} s from its timestamp`, async () => {
      const { rcs, events, errors } = harness({ publicKey: PUBLIC_KEY }, { now: NOW + offset * 1000 });
      const response = await rcs.handle(vectorRequest());
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ error: 'invalid_payload' });
      expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['invalid_payload']);
      expect(events).toEqual([]);
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
      expect((await rcs.handle(vectorRequest())).status).toBe(400);
    }
  });
});

describe('telnyx authentication', () => {
  it('accepts a request signed by the signer, through handle and fetch', async () => {
    const { rcs, events } = harness();
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    const second = harness();
    const response = await second.rcs.fetch(toWebRequest(await sign(FIXTURE)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(second.events).toStrictEqual(events);
  });

  it('sets telnyx-timestamp from now, in whole seconds', async () => {
    const signed = await sign(FIXTURE, { now: NOW + 999 });
    expect(signed.headers[TIMESTAMP]).toBe('1735689600');
    expect(Buffer.from(signed.headers[SIGNATURE] ?? '', 'base64')).toHaveLength(64);
  });

  it('rejects a tampered body', () =>
    expectRejected('invalid_signature', (request) => {
      request.body = request.body.replace('delivered', 'delivereD');
    }));

  it('rejects a tampered timestamp inside the window', () =>
    expectRejected('invalid_signature', (request) => {
      request.headers[TIMESTAMP] = String(Number(request.headers[TIMESTAMP]) - 1);
    }));

  it('rejects a signature made with another key', () =>
    expectRejected('invalid_signature', () => undefined, { privateKey: OTHER_PRIVATE_KEY }));

  it('rejects a missing signature header', () =>
    expectRejected('missing_signature', (request) => {
      delete request.headers[SIGNATURE];
    }));

  it('rejects an empty signature header', () =>
    expectRejected('missing_signature', (request) => {
      request.headers[SIGNATURE] = '';
    }));

  it('rejects a missing timestamp header', () =>
    expectRejected('missing_signature', (request) => {
      delete request.headers[TIMESTAMP];
    }));

  it('rejects a request without either header', () =>
    expectRejected('missing_signature', (request) => {
      delete request.headers[TIMESTAMP];
      delete request.headers[SIGNATURE];
    }));

  it('rejects a stale timestamp', () =>
    expectRejected('stale_timestamp', () => undefined, { now: NOW - 301_000 }));

  it('rejects a timestamp from the future', () =>
    expectRejected('stale_timestamp', () => undefined, { now: NOW + 301_000 }));

  it('accepts timestamps exactly at the edges of the window', async () => {
    for (const offset of [-300_000, 300_000]) {
      const { rcs } = harness();
      expect((await post(rcs, FIXTURE, { now: NOW + offset })).status).toBe(200);
    }
  });

  for (const timestamp of [
    'abc',
    '1735689600abc',
    '-1735689600',
    '1735689600.0',
    '1.7e9',
    ' 1735689600',
    '0x676',
  ]) {
    it(`rejects the non-numeric timestamp ${JSON.stringify(timestamp)}`, () =>
      expectRejected('invalid_signature', (request) => {
        request.headers[TIMESTAMP] = timestamp;
      }));
  }

  const truncations: [string, (signature: string) => string][] = [
    ['truncated (valid base64, 60 bytes)', (signature) => `${signature.slice(0, 80)}`],
    ['cut mid-quantum', (signature) => signature.slice(0, 86)],
    ['without padding', (signature) => signature.replace(/=+$/, '')],
    ['in base64url', (signature) => signature.replace(/\+/g, '-').replace(/\//g, '_')],
    ['with a stray character', (signature) => `${signature.slice(0, 10)}!${signature.slice(11)}`],
    ['with surrounding spaces', (signature) => ` ${signature}`],
    ['hex-encoded', (signature) => Buffer.from(signature, 'base64').toString('hex')],
    [
      'doubled (128 bytes)',
      (signature) =>
        Buffer.concat([Buffer.from(signature, 'base64'), Buffer.from(signature, 'base64')]).toString(
          'base64',
        ),
    ],
  ];
  for (const [what, change] of truncations) {
    it(`rejects a signature ${what}`, () =>
      expectRejected('invalid_signature', (request) => {
        request.headers[SIGNATURE] = change(request.headers[SIGNATURE] ?? '');
      }));
  }

  it('rejects two signature headers (joined, they are not base64)', async () => {
    const { rcs, events } = harness();
    const signed = await sign(FIXTURE);
    const value = signed.headers[SIGNATURE] ?? '';
    const headers = Object.entries(signed.headers).filter(([name]) => name !== SIGNATURE);
    headers.push([SIGNATURE, value], [SIGNATURE, value]);
    const response = await rcs.handle({ ...signed, headers });
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_signature' });
    expect(events).toEqual([]);
  });

  it('honours toleranceSeconds, globally and per provider, and 0 disables the window', async () => {
    const old = { now: NOW - 500_000 };
    expect(
      (await post(harness({ publicKey: PUBLIC_KEY }, { toleranceSeconds: 600 }).rcs, FIXTURE, old)).status,
    ).toBe(200);
    expect(
      (await post(harness({ publicKey: PUBLIC_KEY, toleranceSeconds: 600 }).rcs, FIXTURE, old)).status,
    ).toBe(200);
    expect(
      (await post(harness({ publicKey: PUBLIC_KEY, toleranceSeconds: 0 }).rcs, FIXTURE, { now: 0 })).status,
    ).toBe(200);
    const strict = harness({ publicKey: PUBLIC_KEY, toleranceSeconds: 60 }, { toleranceSeconds: 600 });
    expect(await post(strict.rcs, FIXTURE, { now: NOW - 61_000 })).toEqual({
      status: 401,
      body: { error: 'stale_timestamp' },
    });
  });

  it('accepts any configured key during a rotation', async () => {
    for (const privateKey of [PRIVATE_KEY, OTHER_PRIVATE_KEY]) {
      const { rcs, events } = harness({ publicKey: [OTHER_PUBLIC_KEY, PUBLIC_KEY] });
      expect((await post(rcs, FIXTURE, { privateKey })).status).toBe(200);
      expect(events).toHaveLength(1);
    }
    const { rcs } = harness({ publicKey: [OTHER_PUBLIC_KEY] });
    expect((await post(rcs, FIXTURE)).status).toBe(401);
  });

  it('answers 401 credentials_not_configured when no public key is configured', async () => {
    const { rcs, events } = harness({});
    expect(await post(rcs, FIXTURE)).toEqual({ status: 401, body: { error: 'credentials_not_configured' } });
    expect(events).toEqual([]);
  });

  it('accepts unsigned requests only with allowUnauthenticated', async () => {
    const { rcs, events } = harness({ allowUnauthenticated: true });
    const response = await rcs.handle({
      method: 'POST',
      url: '/webhooks/rcs/telnyx',
      headers: {},
      body: FIXTURE,
    });
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers 415 for a content type Telnyx never sends', async () => {
    const { rcs } = harness();
    const signed = await sign(FIXTURE);
    const response = await rcs.handle({
      ...signed,
      headers: { ...signed.headers, 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });
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
