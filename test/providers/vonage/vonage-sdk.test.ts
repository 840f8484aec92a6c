import { verifySignature } from '@vonage/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { handled } from '../../helpers/provider-harness.js';
import { claimsOf, forgeToken, setAuthorization, tokenOf } from './jwt-helpers.js';
import { harness, NOW, OTHER_SECRET, SECRET, sign } from './setup.js';

// Oracle: @vonage/jwt 1.14 `verifySignature(token, signatureSecret)` (jsonwebtoken 9, algorithms
// RS256/HS256, no clock tolerance) against this package, in both directions. The SDK only checks the
// JWT itself; the claims that bind it to Vonage and to the body (iss, iat, payload_hash) are checked
// here only, so a token the SDK accepts is refused here when they are wrong (asserted below).
// The SDK reads the clock from Date.now(), so Date is faked.

const FIXTURE = loadFixture('vonage', 'notes-status-delivered');
const SECONDS = NOW / 1000;

interface Verdicts {
  sdk: boolean;
  ours: boolean;
}

/** Our verdict on the fixture sent with `token`, and the SDK's on the same token. */
async function verdicts(change: (claims: Record<string, unknown>) => string): Promise<Verdicts> {
  const { rcs } = harness();
  const request = await sign(FIXTURE);
  const token = change(claimsOf(request));
  setAuthorization(request, `Bearer ${token}`);
  const { status } = await handled(rcs, request);
  expect([200, 401]).toContain(status);
  return { sdk: verifySignature(token, SECRET), ours: status === 200 };
}

const both = (accepted: boolean): Verdicts => ({ sdk: accepted, ours: accepted });
const withClaims = (extra: Record<string, unknown>) => (claims: Record<string, unknown>) =>
  forgeToken({ ...claims, ...extra });

describe('@vonage/jwt verifySignature as the oracle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts the tokens of this package signer, and tokens minted independently', async () => {
    const signed = await sign(FIXTURE, { signing: { apiKey: 'a1b2c3d', applicationId: 'app-id' } });
    expect(verifySignature(tokenOf(signed), SECRET)).toBe(true);
    expect(await verdicts((claims) => forgeToken(claims))).toEqual(both(true));
  });

  it('accepts exp and nbf the SDK accepts', async () => {
    expect(await verdicts(withClaims({ exp: SECONDS + 60 }))).toEqual(both(true));
    expect(await verdicts(withClaims({ nbf: SECONDS, exp: SECONDS + 1 }))).toEqual(both(true));
    expect(await verdicts(withClaims({ nbf: SECONDS - 3600 }))).toEqual(both(true));
  });

  it('refuses what the SDK refuses: expired, not yet valid, wrong secret, other algorithms', async () => {
    const cases: [string, (claims: Record<string, unknown>) => string][] = [
      ['exp long past', withClaims({ exp: SECONDS - 3600 })],
      ['nbf far ahead', withClaims({ nbf: SECONDS + 3600 })],
      ['a non-numeric exp', withClaims({ exp: String(SECONDS + 60) })],
      ['a non-numeric nbf', withClaims({ nbf: String(SECONDS) })],
      ['another secret', (claims) => forgeToken(claims, { secret: OTHER_SECRET })],
      ['HS512', (claims) => forgeToken(claims, { header: { alg: 'HS512', typ: 'JWT' }, hash: 'sha512' })],
      ['HS384', (claims) => forgeToken(claims, { header: { alg: 'HS384', typ: 'JWT' }, hash: 'sha384' })],
      ['alg none', (claims) => forgeToken(claims, { header: { alg: 'none', typ: 'JWT' } })],
      [
        'RS256 signed with the secret',
        (claims) => forgeToken(claims, { header: { alg: 'RS256', typ: 'JWT' } }),
      ],
      ['a padded signature', (claims) => `${forgeToken(claims)}=`],
    ];
    for (const [what, change] of cases) {
      expect({ what, ...(await verdicts(change)) }).toEqual({ what, ...both(false) });
    }
  });

  it('disagrees on purpose: exp and nbf get toleranceSeconds (300 s) of clock skew, the SDK none', async () => {
    expect(await verdicts(withClaims({ exp: SECONDS - 1 }))).toEqual({ sdk: false, ours: true });
    expect(await verdicts(withClaims({ exp: SECONDS }))).toEqual({ sdk: false, ours: true });
    expect(await verdicts(withClaims({ nbf: SECONDS + 299 }))).toEqual({ sdk: false, ours: true });
    expect(await verdicts(withClaims({ exp: SECONDS - 300 }))).toEqual(both(false));
    expect(await verdicts(withClaims({ nbf: SECONDS + 301 }))).toEqual(both(false));
  });

  it('disagrees on purpose: the claims the SDK does not check are checked here', async () => {
    const cases: [string, (claims: Record<string, unknown>) => string][] = [
      ['another issuer', withClaims({ iss: 'Nexmo' })],
      ['no iat', ({ iat: _iat, ...claims }) => forgeToken(claims)],
      ['an iat an hour old (no exp)', withClaims({ iat: SECONDS - 3600 })],
      ['an iat an hour ahead', withClaims({ iat: SECONDS + 3600 })],
      ['the payload_hash of another body', withClaims({ payload_hash: '0'.repeat(64) })],
      ['no payload_hash', ({ payload_hash: _hash, ...claims }) => forgeToken(claims)],
    ];
    for (const [what, change] of cases) {
      expect({ what, ...(await verdicts(change)) }).toEqual({ what, sdk: true, ours: false });
    }
  });
});
