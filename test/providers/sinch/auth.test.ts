import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { base64SignatureCases, expectRejected, signedRequestCases } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { replayWindowCases, timestampHeaderCases } from '../../helpers/replay-matrix.js';
import {
  ALGORITHM,
  authSubject,
  harness,
  NONCE,
  NOW,
  OTHER_SECRET,
  post,
  SECRET,
  SIGNATURE,
  sign,
  TIMESTAMP,
} from './setup.js';

const FIXTURE = loadFixture('sinch', 'notes-message-delivery-read');

const sinch = authSubject(FIXTURE);

describe('sinch authentication', () => {
  signedRequestCases(sinch);
  replayWindowCases(sinch);
  timestampHeaderCases(sinch, TIMESTAMP);
  base64SignatureCases(sinch, SIGNATURE, [
    [
      'truncated (valid base64, 30 bytes)',
      (signature) => Buffer.from(signature, 'base64').subarray(0, 30).toString('base64'),
    ],
    ['cut mid-quantum', (signature) => signature.slice(0, 42)],
    ['in base64url', (signature) => signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
  ]);

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
    expectRejected(sinch, 'invalid_signature', (request) => {
      request.body = request.body.replace('"READ"', '"FAILED"');
    }));

  it('rejects a tampered nonce', () =>
    expectRejected(sinch, 'invalid_signature', (request) => {
      request.headers[NONCE] = `${request.headers[NONCE]?.slice(0, -1)}Z`;
    }));

  // `body "." nonce "." timestamp` stays the same string when the body's tail moves into the nonce;
  // a nonce can then only pass if it may contain `.` (it may not).
  it('rejects the end of the body moved into the nonce', () =>
    expectRejected(sinch, 'invalid_signature', (request) => {
      const cut = request.body.lastIndexOf('.');
      request.headers[NONCE] = `${request.body.slice(cut + 1)}.${request.headers[NONCE]}`;
      request.body = request.body.slice(0, cut);
    }));

  for (const algorithm of ['HmacSHA512', 'HmacSHA1', 'HmacMD5', 'sha256', 'HS256', 'HmacSHA256 ', 'none']) {
    it(`rejects the algorithm header ${JSON.stringify(algorithm)}`, () =>
      expectRejected(sinch, 'invalid_signature', (request) => {
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
      expectRejected(sinch, 'invalid_signature', undefined, sign(FIXTURE, { nonce })));
  }

  it('answers 200 with an unsupported event for a correctly signed body of the wrong shape', async () => {
    // Issue 13, item 8: once authenticated, content is never refused.
    const { rcs, events, errors } = harness();
    expect(await post(rcs, '{"message_delivery_report":"READ"}')).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(events.map((event) => event.kind)).toEqual(['unsupported']);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['invalid_payload']);
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
