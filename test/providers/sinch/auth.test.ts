import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { toWebRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import {
  ALGORITHM,
  harness,
  NONCE,
  NOW,
  OTHER_SECRET,
  post,
  SECRET,
  SIGNATURE,
  type SignOptions,
  sign,
  TIMESTAMP,
} from './setup.js';

const FIXTURE = loadFixture('sinch', 'notes-message-delivery-read');

/** Sends a signed fixture after `mutate` changed its headers or body; expects 401 `code`, no event. */
async function expectRejected(
  code: string,
  mutate: (request: { headers: Record<string, string>; body: string }) => void,
  options: SignOptions = {},
) {
  const { rcs, events, errors } = harness();
  const signed = await sign(FIXTURE, options);
  mutate(signed);
  const response = await rcs.handle(signed);
  expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({
    status: 401,
    body: { error: code },
  });
  expect(events).toEqual([]);
  for (const error of errors) expect(error.message).not.toContain(SECRET);
}

describe('sinch authentication', () => {
  it('accepts a request signed by the signer, through handle and fetch', async () => {
    const { rcs, events } = harness();
    expect(await post(rcs, FIXTURE)).toEqual({ status: 200, body: { ok: true } });
    const second = harness();
    const response = await second.rcs.fetch(toWebRequest(await sign(FIXTURE)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(second.events).toStrictEqual(events);
    expect(events).toHaveLength(1);
  });

  it('sends the four headers: timestamp in whole seconds, a ULID-shaped nonce, HmacSHA256', async () => {
    const signed = await sign(FIXTURE, { now: NOW + 999 });
    expect(signed.headers[TIMESTAMP]).toBe('1735732800');
    expect(signed.headers[ALGORITHM]).toBe('HmacSHA256');
    expect(signed.headers[NONCE]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(Buffer.from(signed.headers[SIGNATURE] ?? '', 'base64')).toHaveLength(32);
  });

  it('derives the default nonce from the time and the body, deterministically', async () => {
    const nonce = async (body: string, now = NOW) => (await sign(body, { now })).headers[NONCE];
    expect(await nonce(FIXTURE)).toBe(await nonce(FIXTURE));
    expect(await nonce(FIXTURE)).not.toBe(await nonce(`${FIXTURE} `));
    expect(await nonce(FIXTURE)).not.toBe(await nonce(FIXTURE, NOW + 1));
    // ULID time part: the 48-bit millisecond time, as Sinch's own nonces carry (VECTORS.md).
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const time = [...((await nonce(FIXTURE)) ?? '').slice(0, 10)].reduce(
      (sum, char) => sum * 32 + alphabet.indexOf(char),
      0,
    );
    expect(time).toBe(NOW);
  });

  it('rejects a tampered body', () =>
    expectRejected('invalid_signature', (request) => {
      request.body = request.body.replace('"READ"', '"FAILED"');
    }));

  it('rejects a tampered timestamp inside the window', () =>
    expectRejected('invalid_signature', (request) => {
      request.headers[TIMESTAMP] = String(Number(request.headers[TIMESTAMP]) - 1);
    }));

  it('rejects a tampered nonce', () =>
    expectRejected('invalid_signature', (request) => {
      request.headers[NONCE] = `${request.headers[NONCE]?.slice(0, -1)}Z`;
    }));

  // `body "." nonce "." timestamp` stays the same string when the body's tail moves into the nonce;
  // a nonce can then only pass if it may contain `.` (it may not).
  it('rejects the end of the body moved into the nonce', () =>
    expectRejected('invalid_signature', (request) => {
      const cut = request.body.lastIndexOf('.');
      request.headers[NONCE] = `${request.body.slice(cut + 1)}.${request.headers[NONCE]}`;
      request.body = request.body.slice(0, cut);
    }));

  it('rejects a signature made with another secret', () =>
    expectRejected('invalid_signature', () => undefined, { secret: OTHER_SECRET }));

  for (const header of [SIGNATURE, TIMESTAMP, NONCE, ALGORITHM]) {
    it(`rejects a request without ${header}`, () =>
      expectRejected('missing_signature', (request) => {
        delete request.headers[header];
      }));

    it(`rejects an empty ${header}`, () =>
      expectRejected('missing_signature', (request) => {
        request.headers[header] = '';
      }));
  }

  it('rejects a request without any signature header', () =>
    expectRejected('missing_signature', (request) => {
      for (const header of [SIGNATURE, TIMESTAMP, NONCE, ALGORITHM]) delete request.headers[header];
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
    '1735732800abc',
    '-1735732800',
    '1735732800.0',
    '1.7e9',
    ' 1735732800',
    '0x676',
  ]) {
    it(`rejects the non-numeric timestamp ${JSON.stringify(timestamp)}`, () =>
      expectRejected('invalid_signature', (request) => {
        request.headers[TIMESTAMP] = timestamp;
      }));
  }

  it('rejects a timestamp in milliseconds (far outside the window)', () =>
    expectRejected('stale_timestamp', (request) => {
      request.headers[TIMESTAMP] = String(NOW);
    }));

  for (const algorithm of ['HmacSHA512', 'HmacSHA1', 'HmacMD5', 'sha256', 'HS256', 'HmacSHA256 ', 'none']) {
    it(`rejects the algorithm header ${JSON.stringify(algorithm)}`, () =>
      expectRejected('invalid_signature', (request) => {
        request.headers[ALGORITHM] = algorithm;
      }));
  }

  it('accepts the algorithm name in another letter case', async () => {
    const { rcs } = harness();
    const signed = await sign(FIXTURE);
    signed.headers[ALGORITHM] = 'HMACSHA256';
    expect((await rcs.handle(signed)).status).toBe(200);
  });

  for (const nonce of ['a.b', 'with space', 'x'.repeat(257), 'ünïcode']) {
    it(`rejects the malformed nonce ${JSON.stringify(nonce.slice(0, 12))}, even when signed with it`, () =>
      expectRejected('invalid_signature', () => undefined, { nonce }));
  }

  const mangled: [string, (signature: string) => string][] = [
    [
      'truncated (valid base64, 30 bytes)',
      (signature) => Buffer.from(signature, 'base64').subarray(0, 30).toString('base64'),
    ],
    ['cut mid-quantum', (signature) => signature.slice(0, 42)],
    ['without padding', (signature) => signature.replace(/=+$/, '')],
    ['in base64url', (signature) => signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    ['with a stray character', (signature) => `${signature.slice(0, 10)}!${signature.slice(11)}`],
    ['with surrounding spaces', (signature) => ` ${signature}`],
    ['hex-encoded', (signature) => Buffer.from(signature, 'base64').toString('hex')],
    [
      'doubled (64 bytes)',
      (signature) =>
        Buffer.concat([Buffer.from(signature, 'base64'), Buffer.from(signature, 'base64')]).toString(
          'base64',
        ),
    ],
    ['not base64 at all', () => 'not a signature'],
  ];
  for (const [what, change] of mangled) {
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
      (await post(harness({ secret: SECRET }, { toleranceSeconds: 600 }).rcs, FIXTURE, old)).status,
    ).toBe(200);
    expect((await post(harness({ secret: SECRET, toleranceSeconds: 600 }).rcs, FIXTURE, old)).status).toBe(
      200,
    );
    expect(
      (await post(harness({ secret: SECRET, toleranceSeconds: 0 }).rcs, FIXTURE, { now: 0 })).status,
    ).toBe(200);
    const strict = harness({ secret: SECRET, toleranceSeconds: 60 }, { toleranceSeconds: 600 });
    expect(await post(strict.rcs, FIXTURE, { now: NOW - 61_000 })).toEqual({
      status: 401,
      body: { error: 'stale_timestamp' },
    });
  });

  it('accepts any configured secret during a rotation', async () => {
    for (const secret of [SECRET, OTHER_SECRET]) {
      const { rcs, events } = harness({ secret: [OTHER_SECRET, SECRET] });
      expect((await post(rcs, FIXTURE, { secret })).status).toBe(200);
      expect(events).toHaveLength(1);
    }
    const { rcs } = harness({ secret: [OTHER_SECRET] });
    expect(await post(rcs, FIXTURE)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
  });

  it('answers 401 credentials_not_configured when no secret is configured', async () => {
    const { rcs, events } = harness({});
    expect(await post(rcs, FIXTURE)).toEqual({ status: 401, body: { error: 'credentials_not_configured' } });
    expect(events).toEqual([]);
  });

  it('accepts unsigned requests only with allowUnauthenticated', async () => {
    const { rcs, events } = harness({ allowUnauthenticated: true });
    const response = await rcs.handle({
      method: 'POST',
      url: '/webhooks/rcs/sinch',
      headers: {},
      body: FIXTURE,
    });
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('answers 415 for a content type Sinch never sends', async () => {
    const { rcs } = harness();
    const signed = await sign(FIXTURE);
    const response = await rcs.handle({
      ...signed,
      headers: { ...signed.headers, 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });

  it('answers 400 for a correctly signed body of the wrong shape, with no event', async () => {
    const { rcs, events } = harness();
    expect(await post(rcs, '{"message_delivery_report":"READ"}')).toEqual({
      status: 400,
      body: { error: 'invalid_payload' },
    });
    expect(events).toEqual([]);
  });
});

describe('sinch configuration', () => {
  it('rejects unknown option keys and empty secrets', () => {
    expect(() => createRcsWebhooks({ providers: { sinch: { secrets: SECRET } as never } })).toThrow(
      ConfigurationError,
    );
    expect(() => createRcsWebhooks({ providers: { sinch: { secret: '' } } })).toThrow(ConfigurationError);
    expect(() => createRcsWebhooks({ providers: { sinch: { secret: [] } } })).toThrow(ConfigurationError);
  });

  it('reads RCS_SINCH_SECRET (comma-separated for rotation) when providers are omitted', async () => {
    const rcs = createRcsWebhooks({
      env: { RCS_SINCH_SECRET: `${OTHER_SECRET}, ${SECRET}` },
      now: () => NOW,
    });
    expect(rcs.providers).toContain('sinch');
    expect((await post(rcs, FIXTURE)).status).toBe(200);
    expect((await post(rcs, FIXTURE, { secret: OTHER_SECRET, now: NOW + 1000 })).status).toBe(200);
  });

  it('is not configured from an environment without RCS_SINCH_SECRET', () => {
    const rcs = createRcsWebhooks({ env: { RCS_SINCH_SECRET: ' , ', RCS_BIRD_SIGNING_KEY: 'bird-key' } });
    expect(rcs.providers).not.toContain('sinch');
  });
});
