import { matchesAny } from '../crypto/compare.js';
import { decodeBase64 } from '../crypto/encoding.js';

export interface BasicCredential {
  username: string;
  password: string;
}

/**
 * Verifies an `Authorization: Basic …` header against every configured pair in constant time.
 * `missing` when the header is absent, so callers can tell "no credentials sent" from "wrong ones".
 */
export function verifyBasic(
  authorization: string | undefined,
  credentials: readonly BasicCredential[],
): 'ok' | 'missing' | 'invalid' {
  if (authorization === undefined) return 'missing';
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(authorization);
  const decoded = match?.[1] === undefined ? undefined : decodeBase64(match[1]);
  if (decoded === undefined) return 'invalid';
  const expected = credentials.map(({ username, password }) => `${username}:${password}`);
  return matchesAny(decoded, expected) ? 'ok' : 'invalid';
}

export function basicAuthorization({ username, password }: BasicCredential): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
