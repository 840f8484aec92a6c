import { createHash, createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { signHmacJwt } from '../../../src/crypto/jwt.js';
import { birdCore } from './helpers.js';

// Oracle: the messagebird SDK 4.x legacy JWT verifier (lib/webhook-signature-jwt.js, jose with
// issuer MessageBird, HS256/384/512 and 5 s of clock tolerance) against this package, in both
// directions, over MessageBird's own 44 reference vectors (lib/testdata) and over tokens minted here.

interface SdkModule {
  verify(url: string, payload: Buffer | null, jwt: string, key: unknown, options?: unknown): Promise<boolean>;
  VerifyOptions: new (
    validateUrl: boolean,
    validatePayload: boolean,
    jwtVerifyOptions: Record<string, unknown>,
  ) => unknown;
}

interface Vector {
  name: string;
  method: string;
  secret?: string;
  url: string;
  payload?: string;
  timestamp: string;
  token: string;
  valid: boolean;
}

const require = createRequire(import.meta.url);
const sdk = require('messagebird/lib/webhook-signature-jwt.js') as SdkModule;
const VECTORS = require('messagebird/lib/testdata/webhook-signature-jwt-reference.json') as Vector[];
const JWT = 'MessageBird-Signature-JWT';
const SECRET = '36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb';

interface Sent {
  url: string;
  body: string;
  token: string;
  now: number;
  secret?: string;
}

async function sdkAccepts(sent: Sent): Promise<boolean> {
  const options = new sdk.VerifyOptions(true, true, {
    issuer: 'MessageBird',
    algorithms: ['HS256', 'HS384', 'HS512'],
    clockTolerance: 5,
    currentDate: new Date(sent.now),
  });
  const key = createSecretKey(Buffer.from(sent.secret ?? SECRET, 'utf8'));
  try {
    return await sdk.verify(sent.url, Buffer.from(sent.body), sent.token, key, options);
  } catch {
    return false;
  }
}

/** `true` when authenticated (200), `false` when refused as unauthenticated (401). */
async function weAccept(sent: Sent): Promise<boolean> {
  const { rcs } = birdCore(
    { signingKey: sent.secret ?? SECRET, legacyJwt: true },
    { publicUrl: () => sent.url, now: () => sent.now },
  );
  // The method is not signed (the vectors repeat each case for five methods): POST is what Bird sends.
  const response = await rcs.handle({
    method: 'POST',
    url: '/webhooks/rcs/bird',
    headers: { 'content-type': 'application/json', [JWT]: sent.token },
    body: sent.body,
  });
  expect([200, 401]).toContain(response.status);
  return response.status === 200;
}

async function verdicts(sent: Sent) {
  return { sdk: await sdkAccepts(sent), ours: await weAccept(sent) };
}

const both = (accepted: boolean) => ({ sdk: accepted, ours: accepted });

const NOW = Date.parse('2021-07-05T12:00:00+02:00');
const URL = 'https://example.com/path?bar=1&foo=2';
const BODY = '{"type":"message.created"}';
const hex = (value: string) => createHash('sha256').update(value).digest('hex');
const CLAIMS = {
  iss: 'MessageBird',
  nbf: NOW / 1000,
  exp: NOW / 1000 + 60,
  jti: '93e55006-a0e8-4526-a190-fa5ff00ea116',
  url_hash: hex(URL),
  payload_hash: hex(BODY),
};
const minted = (changes: Record<string, unknown>, now = NOW): Sent => ({
  url: URL,
  body: BODY,
  now,
  token: signHmacJwt({ ...CLAIMS, ...changes }, SECRET),
});

describe('messagebird SDK legacy JWT verifier as the oracle', () => {
  it('has the 44 reference vectors', () => {
    expect(VECTORS).toHaveLength(44);
  });

  for (const vector of VECTORS) {
    it(`agrees on the reference vector "${vector.name}" (${vector.valid ? 'valid' : 'invalid'})`, async () => {
      const sent: Sent = {
        url: vector.url,
        body: vector.payload ?? '',
        token: vector.token,
        now: Date.parse(vector.timestamp),
        ...(vector.secret === undefined ? {} : { secret: vector.secret }),
      };
      expect(await verdicts(sent)).toEqual(both(vector.valid));
    });
  }

  it('accepts tokens minted here, with HS256, HS384 and HS512, inside the 5 s of clock skew', async () => {
    expect(await verdicts(minted({}))).toEqual(both(true));
    for (const algorithm of ['HS384', 'HS512'] as const) {
      const token = signHmacJwt(CLAIMS, SECRET, algorithm);
      expect(await verdicts({ url: URL, body: BODY, now: NOW, token })).toEqual(both(true));
    }
    expect(await verdicts(minted({}, NOW - 5_000))).toEqual(both(true));
    expect(await verdicts(minted({}, NOW + 64_999))).toEqual(both(true));
  });

  it('accepts upper-case and mixed-case hex hashes, as the SDK does (issue 13, C14)', async () => {
    expect(await verdicts(minted({ url_hash: hex(URL).toUpperCase() }))).toEqual(both(true));
    expect(await verdicts(minted({ payload_hash: hex(BODY).toUpperCase() }))).toEqual(both(true));
    const mixed = hex(BODY).replace(/[a-f]/, (char) => char.toUpperCase());
    expect(await verdicts(minted({ payload_hash: mixed }))).toEqual(both(true));
  });

  it('refuses what the SDK refuses', async () => {
    const cases: [string, Sent][] = [
      ['6 s before nbf', minted({}, NOW - 6_000)],
      ["5 s after exp (jose's boundary)", minted({}, NOW + 65_000)],
      ['another issuer', minted({ iss: 'Bird' })],
      ['no jti', minted({ jti: undefined })],
      ['no url_hash', minted({ url_hash: undefined })],
      ['the url_hash of another URL', minted({ url_hash: hex(`${URL}&x=1`) })],
      ['the payload_hash of another body', minted({ payload_hash: hex(`${BODY} `) })],
      ['no payload_hash with a body', minted({ payload_hash: undefined })],
      ['a non-hex payload_hash', minted({ payload_hash: 'z'.repeat(64) })],
      ['a truncated url_hash', minted({ url_hash: hex(URL).slice(0, 62) })],
      ['another secret', { ...minted({}), secret: 'another-secret' }],
    ];
    for (const [what, sent] of cases) {
      expect({ what, ...(await verdicts(sent)) }).toEqual({ what, ...both(false) });
    }
  });

  it('disagrees on purpose: a lifetime (exp - nbf) above 300 s is refused here, the SDK has no cap', async () => {
    // MessageBird issued 60 s tokens; a leaked token valid for 30,000 years must not be replayable.
    const far = minted({ exp: NOW / 1000 + 30_000 * 365 * 86_400 });
    expect(await verdicts(far)).toEqual({ sdk: true, ours: false });
    expect(await verdicts(minted({ exp: NOW / 1000 + 301 }))).toEqual({ sdk: true, ours: false });
    expect(await verdicts(minted({ exp: NOW / 1000 + 300 }))).toEqual(both(true));
  });

  it('disagrees on purpose: exp is required here (as in the Go SDK), and nbf', async () => {
    expect(await verdicts(minted({ exp: undefined }))).toEqual({ sdk: true, ours: false });
    expect(await verdicts(minted({ nbf: undefined }))).toEqual({ sdk: true, ours: false });
  });

  it('disagrees on purpose: hex is decoded strictly, where Buffer.from(hex) drops a bad tail', async () => {
    // The SDK decodes `<64 hex digits>x` and `<64 hex digits>0` to the right 32 bytes.
    for (const tail of ['x', '0', 'zz']) {
      expect(await verdicts(minted({ url_hash: `${hex(URL)}${tail}` }))).toEqual({ sdk: true, ours: false });
      expect(await verdicts(minted({ payload_hash: `${hex(BODY)}${tail}` }))).toEqual({
        sdk: true,
        ours: false,
      });
    }
  });
});
