import { createHmac } from 'node:crypto';
import type { SignedRequest } from '../../../src/testing/index.js';
import { SECRET } from './setup.js';

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The JWT of a signed request's `Authorization: Bearer` header. */
export function tokenOf(signed: SignedRequest): string {
  return (signed.headers.authorization ?? '').replace(/^Bearer /, '');
}

/** The claims the signer put in a signed request's JWT. */
export function claimsOf(signed: SignedRequest): Record<string, unknown> {
  const [, claims = ''] = tokenOf(signed).split('.');
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
}

/**
 * A token the signer cannot produce (another header, odd claims), HMAC-signed here so that only the
 * tested property is wrong: what an attacker holding the secret, or a buggy sender, would send.
 */
export function forgeToken(
  claims: Record<string, unknown>,
  options: { header?: object; secret?: string; hash?: 'sha256' | 'sha384' | 'sha512' } = {},
): string {
  const input = `${b64url(JSON.stringify(options.header ?? { alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const signature = createHmac(options.hash ?? 'sha256', options.secret ?? SECRET)
    .update(input)
    .digest('base64url');
  return `${input}.${signature}`;
}

/** Replaces the signed request's Authorization header, in place (removes it with `undefined`). */
export function setAuthorization(signed: SignedRequest, value: string | undefined): void {
  if (value === undefined) delete signed.headers.authorization;
  else signed.headers.authorization = value;
}
