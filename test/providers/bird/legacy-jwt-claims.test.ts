import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacJwt } from '../../../src/crypto/jwt.js';
import { MAX_LIFETIME_SECONDS } from '../../../src/providers/bird/legacy-jwt.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { BIRD_KEY, BIRD_URL, birdCore, NOW } from './helpers.js';

// Issue 13: A4 (a token valid for 30,000 years was accepted) and C14 (upper-case hex hashes, which
// the messagebird SDK accepts, were refused: the hashes are compared as bytes now).

const JWT = 'MessageBird-Signature-JWT';
const body = loadFixture('bird', 'notes-rcs-outbound-delivered');
const hex = (value: string) => createHash('sha256').update(value).digest('hex');
const SECONDS = NOW / 1000;
const claims = {
  iss: 'MessageBird',
  nbf: SECONDS,
  exp: SECONDS + 60,
  jti: 'a-jti',
  url_hash: hex(BIRD_URL),
  payload_hash: hex(body),
};

async function status(changes: Record<string, unknown>): Promise<number> {
  const { rcs } = birdCore({ signingKey: BIRD_KEY, legacyJwt: true });
  const token = signHmacJwt({ ...claims, ...changes }, BIRD_KEY);
  return (await rcs.handle({ method: 'POST', url: BIRD_URL, headers: { [JWT]: token }, body })).status;
}

describe('Bird legacy JWT lifetime (issue 13, A4)', () => {
  it(`refuses a token valid for more than ${MAX_LIFETIME_SECONDS} s (exp - nbf), however far exp is`, async () => {
    expect(await status({ exp: SECONDS + 30_000 * 365 * 86_400 })).toBe(401);
    expect(await status({ exp: SECONDS + MAX_LIFETIME_SECONDS + 1 })).toBe(401);
    expect(await status({ nbf: SECONDS - 3600, exp: SECONDS + 60 })).toBe(401);
  });

  it('refuses a token that expires before it becomes valid', async () => {
    expect(await status({ exp: SECONDS - 1 })).toBe(401);
  });

  it('refuses the 30,000-year token even with the time window disabled (toleranceSeconds 0)', async () => {
    const { rcs } = birdCore({ signingKey: BIRD_KEY, legacyJwt: true }, { toleranceSeconds: 0 });
    const token = signHmacJwt({ ...claims, exp: SECONDS + 30_000 * 365 * 86_400 }, BIRD_KEY);
    expect(
      (await rcs.handle({ method: 'POST', url: BIRD_URL, headers: { [JWT]: token }, body })).status,
    ).toBe(401);
  });

  it('accepts the 60 s MessageBird issues, and lifetimes up to the cap', async () => {
    expect(await status({})).toBe(200);
    expect(await status({ exp: SECONDS })).toBe(200);
    expect(await status({ exp: SECONDS + MAX_LIFETIME_SECONDS })).toBe(200);
  });
});

describe('Bird legacy JWT hashes compared as bytes (issue 13, C14)', () => {
  it('accepts upper-case and mixed-case hex url_hash and payload_hash, as the messagebird SDK does', async () => {
    expect(await status({ url_hash: hex(BIRD_URL).toUpperCase() })).toBe(200);
    expect(await status({ payload_hash: hex(body).toUpperCase() })).toBe(200);
    const mixed = [...hex(body)].map((char, index) => (index % 2 ? char.toUpperCase() : char)).join('');
    expect(await status({ payload_hash: mixed })).toBe(200);
  });

  it('decodes strictly: a hash with a stray, missing or extra digit is refused', async () => {
    for (const url_hash of [
      `${hex(BIRD_URL)}0`,
      `${hex(BIRD_URL)}zz`,
      hex(BIRD_URL).slice(0, -2),
      ` ${hex(BIRD_URL)}`,
      hex(BIRD_URL).replace(/^../, 'g0'),
      hex('another url'),
    ]) {
      expect(await status({ url_hash })).toBe(401);
    }
    expect(await status({ payload_hash: `${hex(body)}x` })).toBe(401);
    expect(await status({ payload_hash: hex(`${body} `).toUpperCase() })).toBe(401);
  });
});
