import { describe, expect, it } from 'vitest';
import { expectRejected } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { handled } from '../../helpers/provider-harness.js';
import { claimsOf, forgeToken, setAuthorization } from './jwt-helpers.js';
import { authSubject, harness, NOW, sign } from './setup.js';

// Issue 13, A4: `exp` and `nbf` were ignored, while @vonage/jwt's verifySignature refuses a token
// outside them. They are enforced within toleranceSeconds (default 300 s), on the injectable clock.

const FIXTURE = loadFixture('vonage', 'notes-status-delivered');
const vonage = authSubject(FIXTURE);
const SECONDS = NOW / 1000;
const TOLERANCE = 300;

async function answer(
  claims: Record<string, unknown>,
  core: { now?: number; toleranceSeconds?: number } = {},
) {
  const { rcs } = harness(undefined, core);
  const request = await sign(FIXTURE, { now: core.now ?? NOW });
  setAuthorization(request, `Bearer ${forgeToken({ ...claimsOf(request), ...claims })}`);
  return handled(rcs, request);
}

const stale = { status: 401, body: { error: 'stale_timestamp' } };

describe('vonage JWT exp and nbf (issue 13, A4)', () => {
  it('refuses a token that expired more than toleranceSeconds ago', async () => {
    expect(await answer({ exp: SECONDS - TOLERANCE })).toEqual(stale);
    expect(await answer({ exp: SECONDS - 86_400 })).toEqual(stale);
  });

  it('refuses a token that becomes valid more than toleranceSeconds from now', async () => {
    expect(await answer({ nbf: SECONDS + TOLERANCE + 1 })).toEqual(stale);
    expect(await answer({ nbf: SECONDS + 86_400 })).toEqual(stale);
  });

  it('accepts exp and nbf inside the tolerance (clock skew), at the jsonwebtoken boundaries', async () => {
    expect((await answer({ exp: SECONDS - TOLERANCE + 1 })).status).toBe(200);
    expect((await answer({ nbf: SECONDS + TOLERANCE })).status).toBe(200);
    expect((await answer({ nbf: SECONDS - 10, exp: SECONDS + 60 })).status).toBe(200);
  });

  it('follows the injectable clock and toleranceSeconds', async () => {
    const later = NOW + 100_000;
    // Signed (iat) at the later clock; exp passed 50 s before it.
    expect(await answer({ exp: SECONDS + 50 }, { now: later, toleranceSeconds: 30 })).toEqual(stale);
    expect((await answer({ exp: SECONDS + 50 }, { now: later, toleranceSeconds: 120 })).status).toBe(200);
    expect((await answer({ exp: SECONDS - 86_400 }, { toleranceSeconds: 0 })).status).toBe(200);
  });

  for (const value of ['1735732800', null, true, [SECONDS]]) {
    it(`refuses a non-numeric exp or nbf ${JSON.stringify(value)}`, async () => {
      await expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, `Bearer ${forgeToken({ ...claimsOf(request), exp: value })}`),
      );
      await expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, `Bearer ${forgeToken({ ...claimsOf(request), nbf: value })}`),
      );
    });
  }
});
