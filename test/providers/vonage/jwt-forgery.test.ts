import { describe, expect, it } from 'vitest';
import { expectRejected } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { claimsOf, forgeToken, setAuthorization, tokenOf } from './jwt-helpers.js';
import { authSubject, harness, sign } from './setup.js';

// Tokens the signer cannot produce: malformed Authorization headers, other algorithms, odd claims.

const FIXTURE = loadFixture('vonage', 'notes-status-delivered');
const vonage = authSubject(FIXTURE);

describe('vonage authentication: forged and malformed tokens', () => {
  const malformed: [string, (token: string) => string][] = [
    ['another scheme', (token) => `Basic ${token}`],
    ['no scheme', (token) => token],
    ['the scheme alone', () => 'Bearer'],
    ['two spaces after the scheme', (token) => `Bearer  ${token}`],
    ['two segments', (token) => `Bearer ${token.split('.').slice(0, 2).join('.')}`],
    ['four segments', (token) => `Bearer ${token}.${token.split('.')[2]}`],
    ['an empty signature', (token) => `Bearer ${token.split('.').slice(0, 2).join('.')}.`],
    ['a truncated signature', (token) => `Bearer ${token.slice(0, -4)}`],
    ['a signature cut by one character', (token) => `Bearer ${token.slice(0, -1)}`],
    ['a padded (base64) signature', (token) => `Bearer ${token}=`],
    [
      'a standard-base64 signature',
      (token) => {
        const [header, claims, signature = ''] = token.split('.');
        return `Bearer ${header}.${claims}.${Buffer.from(signature, 'base64url').toString('base64')}`;
      },
    ],
    [
      'a hex signature',
      (token) => {
        const [header, claims, signature = ''] = token.split('.');
        return `Bearer ${header}.${claims}.${Buffer.from(signature, 'base64url').toString('hex')}`;
      },
    ],
    ['a stray character', (token) => `Bearer ${token.slice(0, 20)}!${token.slice(21)}`],
    ['two tokens', (token) => `Bearer ${token}, Bearer ${token}`],
  ];
  for (const [what, change] of malformed) {
    it(`rejects an Authorization header with ${what}`, () =>
      expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, change(tokenOf(request))),
      ));
  }

  const algorithms: [string, Parameters<typeof forgeToken>[1]][] = [
    ['alg none (HMAC-signed anyway)', { header: { alg: 'none', typ: 'JWT' } }],
    ['alg HS512, when only HS256 is allowed', { header: { alg: 'HS512', typ: 'JWT' }, hash: 'sha512' }],
    ['alg HS384', { header: { alg: 'HS384', typ: 'JWT' }, hash: 'sha384' }],
    ['alg RS256 (algorithm confusion)', { header: { alg: 'RS256', typ: 'JWT' } }],
    ['a lowercase alg', { header: { alg: 'hs256', typ: 'JWT' } }],
    ['no alg', { header: { typ: 'JWT' } }],
    ['a crit header', { header: { alg: 'HS256', typ: 'JWT', crit: ['exp'] } }],
  ];
  for (const [what, options] of algorithms) {
    it(`rejects ${what}`, () =>
      expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, `Bearer ${forgeToken(claimsOf(request), options)}`),
      ));
  }

  it('rejects an unsigned alg none token', () =>
    expectRejected(vonage, 'invalid_signature', (request) => {
      const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
      const claims = Buffer.from(JSON.stringify(claimsOf(request))).toString('base64url');
      setAuthorization(request, `Bearer ${header}.${claims}.`);
    }));

  it('accepts a token re-minted here with the same claims (the forging helper is faithful)', async () => {
    const { rcs } = harness();
    const signed = await sign(FIXTURE);
    setAuthorization(signed, `Bearer ${forgeToken(claimsOf(signed))}`);
    expect((await rcs.handle(signed)).status).toBe(200);
  });

  for (const iat of ['1735732800', 1735732800.5, -1, null, true, 1e21, [1735732800], undefined]) {
    it(`rejects the non-numeric iat ${JSON.stringify(iat) ?? 'absent'}`, () =>
      expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, `Bearer ${forgeToken({ ...claimsOf(request), iat })}`),
      ));
  }

  const claimCases: [string, (claims: Record<string, unknown>) => Record<string, unknown>][] = [
    ['another issuer', (claims) => ({ ...claims, iss: 'Nexmo' })],
    ['no issuer', ({ iss: _iss, ...claims }) => claims],
    ['no payload_hash', ({ payload_hash: _hash, ...claims }) => claims],
    ['a payload_hash that is not hex', (claims) => ({ ...claims, payload_hash: 'z'.repeat(64) })],
    [
      'a truncated payload_hash',
      (claims) => ({ ...claims, payload_hash: String(claims.payload_hash).slice(0, 62) }),
    ],
    ['a numeric payload_hash', (claims) => ({ ...claims, payload_hash: 1 })],
  ];
  for (const [what, change] of claimCases) {
    it(`rejects a token with ${what}`, () =>
      expectRejected(vonage, 'invalid_signature', (request) =>
        setAuthorization(request, `Bearer ${forgeToken(change(claimsOf(request)))}`),
      ));
  }
});
