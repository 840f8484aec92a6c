/**
 * Issue 13 item A2, the non-timed side of the bench's preauth_cpu row: an unauthenticated request
 * must cost little more than reading its body. Counted here without a clock: how many body bytes
 * went through a hash or a signature check, and whether the body was decoded or parsed, before the
 * 401. Every crypto call of the library goes through node:crypto, which is wrapped to count.
 */
import * as crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRcsWebhooks, type ProvidersOptions } from '../../src/index.js';
import { signedBytes } from '../../src/providers/telnyx/auth.js';
import { PUBLIC_KEY as TELNYX_PUBLIC_KEY } from './telnyx/setup.js';

const counted = vi.hoisted(() => ({ hashed: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const size = (data: unknown) =>
    typeof data === 'string' ? data.length : ((data as { byteLength?: number }).byteLength ?? 0);
  const counting = <T extends { update(data: never): T }>(digest: T): T => {
    const update = digest.update.bind(digest);
    digest.update = ((data: never, ...rest: never[]) => {
      counted.hashed += size(data);
      return (update as (...args: unknown[]) => T)(data, ...rest);
    }) as T['update'];
    return digest;
  };
  return {
    ...actual,
    createHash: ((...args: Parameters<typeof actual.createHash>) =>
      counting(actual.createHash(...args))) as typeof actual.createHash,
    createHmac: ((...args: Parameters<typeof actual.createHmac>) =>
      counting(actual.createHmac(...args))) as typeof actual.createHmac,
    verify: ((...args: Parameters<typeof actual.verify>) => {
      counted.hashed += size(args[1]);
      return (actual.verify as (...all: unknown[]) => unknown)(...args);
    }) as typeof actual.verify,
  };
});

const BODY_BYTES = 256 * 1024;
/** `{"results":[0,0,…]}`, exactly BODY_BYTES: JSON at its costliest per byte to parse. */
const BODY = `{"results":[${'0,'.repeat((BODY_BYTES - 15) / 2)}0]}`.padEnd(BODY_BYTES, ' ');
const NOW = 1_735_689_600_000;
const SECONDS = String(NOW / 1000);
const JSON_TYPE = { 'content-type': 'application/json' };
const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
const hex = (bytes: number) => Buffer.alloc(bytes, 7).toString('hex');
const jwt = (claims: object) =>
  [{ alg: 'HS256', typ: 'JWT' }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .concat(Buffer.alloc(32, 7).toString('base64url'))
    .join('.');

const PROVIDERS: ProvidersOptions = {
  infobip: {
    basic: { username: 'u', password: 'p' },
    hmac: { secret: 'infobip-hmac-secret', header: 'x-infobip-signature' },
    urlToken: 'infobip-url-token',
  },
  telnyx: { publicKey: TELNYX_PUBLIC_KEY },
  bird: { signingKey: 'bird-signing-key', legacyJwt: true },
  exotel: { token: 'exotel-token', basic: { username: 'u', password: 'p' } },
  sinch: { secret: 'sinch-secret' },
  vonage: { signatureSecret: 'vonage-signature-secret' },
};

interface Case {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** How many times the body may pass through a hash or signature check (its scheme's minimum). */
  passes: number;
}

const CASES: Case[] = [
  { name: 'infobip, wrong Basic', path: 'infobip', headers: { authorization: `Basic ${b64(6)}` }, passes: 0 },
  { name: 'infobip, wrong URL token', path: 'infobip?token=nope', headers: {}, passes: 0 },
  {
    name: 'infobip, HMAC of the right length, wrong',
    path: 'infobip',
    headers: { 'x-infobip-signature': hex(32) },
    passes: 1,
  },
  {
    name: 'infobip, HMAC of the wrong length',
    path: 'infobip',
    headers: { 'x-infobip-signature': hex(20) },
    passes: 0,
  },
  {
    name: 'telnyx, canonical wrong signature',
    path: 'telnyx',
    headers: { 'telnyx-timestamp': SECONDS, 'telnyx-signature-ed25519': b64(64) },
    passes: 1,
  },
  {
    name: 'telnyx, stale timestamp',
    path: 'telnyx',
    headers: { 'telnyx-timestamp': '1000000000', 'telnyx-signature-ed25519': b64(64) },
    passes: 0,
  },
  {
    name: 'bird, wrong MessageBird-Signature',
    path: 'bird',
    headers: { 'messagebird-request-timestamp': SECONDS, 'messagebird-signature': b64(32) },
    passes: 1,
  },
  {
    name: 'bird, malformed MessageBird-Signature',
    path: 'bird',
    headers: { 'messagebird-request-timestamp': SECONDS, 'messagebird-signature': b64(20) },
    passes: 0,
  },
  {
    name: 'bird, legacy JWT with a wrong signature',
    path: 'bird',
    headers: {
      'messagebird-signature-jwt': jwt({ iss: 'MessageBird', nbf: NOW / 1000, exp: NOW / 1000 + 60 }),
    },
    passes: 0,
  },
  {
    name: 'exotel, wrong path token',
    path: 'exotel/nope',
    headers: { authorization: `Basic ${b64(6)}` },
    passes: 0,
  },
  {
    name: 'sinch, wrong HMAC',
    path: 'sinch',
    headers: {
      'x-sinch-webhook-signature': b64(32),
      'x-sinch-webhook-signature-timestamp': SECONDS,
      'x-sinch-webhook-signature-nonce': '01FJA8B4A7BM43YGWSG9GBV067',
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
    },
    passes: 1,
  },
  {
    name: 'vonage, JWT with a wrong signature',
    path: 'vonage',
    headers: { authorization: `Bearer ${jwt({ iss: 'Vonage', iat: NOW / 1000 })}` },
    passes: 0,
  },
];

describe('unauthenticated requests cost no more than their scheme requires (issue 13 A2)', () => {
  let parsed: number;
  let decoded: number;
  beforeEach(() => {
    counted.hashed = 0;
    parsed = 0;
    decoded = 0;
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text, reviver) => {
      if (text.length >= BODY_BYTES) parsed++;
      return parse(text, reviver);
    });
    const decode = TextDecoder.prototype.decode;
    vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (
      this: TextDecoder,
      input,
      options,
    ) {
      if (input !== undefined && input.byteLength >= BODY_BYTES) decoded++;
      return decode.call(this, input, options);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(CASES)('$name: 401, the body never decoded, hashed at most $passes time(s)', async (test) => {
    const rcs = createRcsWebhooks({ providers: PROVIDERS, now: () => NOW });
    const response = await rcs.handle({
      method: 'POST',
      url: `http://127.0.0.1/webhooks/rcs/${test.path}`,
      headers: { ...JSON_TYPE, ...test.headers },
      body: new TextEncoder().encode(BODY),
    });
    expect(response.status).toBe(401);
    expect({ parsed, decoded }).toEqual({ parsed: 0, decoded: 0 });
    // Whole passes over the body; header-sized inputs (a JWT, `timestamp|`) are far below one.
    expect(Math.floor(counted.hashed / BODY_BYTES)).toBeLessThanOrEqual(test.passes);
  });
});

describe('telnyx signedBytes', () => {
  it('is `timestamp|body`, assembled in a buffer that is not zero-filled first', () => {
    const unsafe = vi.spyOn(Buffer, 'allocUnsafe');
    const message = signedBytes('1735689600', new TextEncoder().encode('{"a":1}'));
    expect(Buffer.from(message).toString()).toBe('1735689600|{"a":1}');
    expect(unsafe).toHaveBeenCalledWith(message.byteLength);
  });
});

// node:crypto is wrapped for the whole file: the wrapper itself must stay a faithful pass-through.
it('the counting wrapper still computes real digests', () => {
  expect(crypto.createHash('sha256').update('abc').digest('hex')).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});
