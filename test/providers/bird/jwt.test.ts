import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacJwt, verifyHmacJwt } from '../../../src/crypto/jwt.js';

// The generic HS256/384/512 helper (src/crypto/jwt.ts), exercised with MessageBird's reference token.
const SECRET = '36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb';
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTYyNTQ3OTIwMCwiZXhwIjoxNjI1NDc5MjYwLCJqdGkiOiI5M2U1NTAwNi1hMGU4LTQ1MjYtYTE5MC1mYTVmZjAwZWExMTYiLCJ1cmxfaGFzaCI6IjQxZjA1ZjBkZGQwYTIyYWIyMDlhYzQ2ZjQ3YzQ1NzJkOWNlZmEyNTdlZDc0YjI0MDA0YmFlNzUzZWNlNmMyNjAiLCJwYXlsb2FkX2hhc2giOiJkZmZkNjAyMWJiMmJkNWIwYWY2NzYyOTA4MDllYzNhNTMxOTFkZDgxYzdmNzBhNGIyODY4OGEzNjIxODI5ODZmIn0._H--TOuYFLpeEH39-rg5E3IHVkjHozBcaKVWPRC5m9I';
const ALL = ['HS256', 'HS384', 'HS512'] as const;
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const [HEADER = '', CLAIMS = '', SIGNATURE = ''] = TOKEN.split('.');

/** A token with an arbitrary header, correctly signed with HMAC-SHA256. */
function withHeader(header: object): string {
  const input = `${b64url(JSON.stringify(header))}.${CLAIMS}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

describe('verifyHmacJwt', () => {
  it('verifies the reference token and returns header and claims', () => {
    expect(verifyHmacJwt(TOKEN, ['other', SECRET], ALL)).toEqual({
      ok: true,
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: 'JWT' },
      claims: {
        iss: 'MessageBird',
        nbf: 1625479200,
        exp: 1625479260,
        jti: '93e55006-a0e8-4526-a190-fa5ff00ea116',
        url_hash: '41f05f0ddd0a22ab209ac46f47c4572d9cefa257ed74b24004bae753ece6c260',
        payload_hash: 'dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f',
      },
    });
  });

  it('uses the key string as UTF-8 bytes (not hex-decoded)', () => {
    expect(verifyHmacJwt(TOKEN, [Buffer.from(SECRET, 'hex')], ALL)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyHmacJwt(TOKEN, [Buffer.from(SECRET, 'utf8')], ALL).ok).toBe(true);
  });

  it('rejects a wrong key', () => {
    expect(verifyHmacJwt(TOKEN, ['wrong'], ALL)).toEqual({ ok: false, reason: 'signature' });
  });

  it.each([
    ['alg none', { alg: 'none', typ: 'JWT' }],
    ['an asymmetric alg', { alg: 'RS256' }],
    ['a lowercase alg', { alg: 'hs256' }],
    ['no alg', { typ: 'JWT' }],
    ['a prototype key as alg', { alg: 'constructor' }],
    ['a crit header', { alg: 'HS256', crit: ['exp'] }],
  ])('refuses %s', (_label, header) => {
    expect(verifyHmacJwt(withHeader(header), [SECRET], ALL)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses an algorithm outside the allow-list', () => {
    expect(verifyHmacJwt(TOKEN, [SECRET], ['HS512'])).toEqual({ ok: false, reason: 'algorithm' });
  });

  it.each([
    ['two segments', `${HEADER}.${CLAIMS}`],
    ['four segments', `${TOKEN}.x`],
    ['padding', `${HEADER}=.${CLAIMS}.${SIGNATURE}`],
    ['standard base64 characters', TOKEN.replace('_H--', '/H++')],
    ['non-canonical trailing bits', `${TOKEN.slice(0, -1)}J`],
    ['whitespace', ` ${TOKEN}`],
    ['claims that are not an object', `${HEADER}.${b64url('[1]')}.${SIGNATURE}`],
    ['claims that are not JSON', `${HEADER}.${b64url('{nope')}.${SIGNATURE}`],
    ['a header that is not UTF-8', `${b64url(Buffer.from([0xff, 0xfe]))}.${CLAIMS}.${SIGNATURE}`],
    ['an empty signature', `${HEADER}.${CLAIMS}.`],
  ])('rejects a token with %s', (_label, token) => {
    expect(verifyHmacJwt(token, [SECRET], ALL).ok).toBe(false);
  });

  it('rejects a signature of the wrong length for its algorithm', () => {
    const truncated = `${HEADER}.${CLAIMS}.${b64url(Buffer.from(SIGNATURE, 'base64url').subarray(0, 16))}`;
    expect(verifyHmacJwt(truncated, [SECRET], ALL)).toEqual({ ok: false, reason: 'signature' });
  });
});

describe('signHmacJwt', () => {
  it.each(ALL)('round-trips with %s', (algorithm) => {
    const token = signHmacJwt({ sub: 'x', n: 1 }, 'key', algorithm);
    expect(verifyHmacJwt(token, ['key'], [algorithm])).toMatchObject({
      ok: true,
      algorithm,
      header: { alg: algorithm, typ: 'JWT' },
      claims: { sub: 'x', n: 1 },
    });
  });

  it('re-mints the reference token byte for byte', () => {
    const claims = JSON.parse(Buffer.from(CLAIMS, 'base64url').toString('utf8'));
    expect(signHmacJwt(claims, SECRET)).toBe(TOKEN);
  });
});
