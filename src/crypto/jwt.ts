import { type HmacAlgorithm, hmac, verifyHmac } from './hmac.js';

/**
 * Compact JWS with an HMAC algorithm (RFC 7515 / 7518), for providers that sign webhooks with a
 * shared-secret JWT (legacy MessageBird, Vonage). Provider-neutral: claim checks belong to the caller.
 */
export const JWT_HMAC_ALGORITHMS = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
} as const satisfies Record<string, HmacAlgorithm>;

export type JwtHmacAlgorithm = keyof typeof JWT_HMAC_ALGORITHMS;

const DIGEST_BYTES: Record<JwtHmacAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 };

export type JwtVerification =
  | {
      ok: true;
      algorithm: JwtHmacAlgorithm;
      header: Record<string, unknown>;
      claims: Record<string, unknown>;
    }
  /** `malformed`: not three canonical base64url segments of JSON objects; `algorithm`: not allowed. */
  | { ok: false; reason: 'malformed' | 'algorithm' | 'signature' };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Verifies an HMAC-signed JWT against every key (rotation; all are tried, in constant time) and
 * returns its claims. `alg` must be in `algorithms`, so `none` and asymmetric algorithms are refused
 * (no algorithm confusion); a `crit` header is refused because no extension is understood here.
 * Time claims (`exp`, `nbf`, `iat`) are NOT checked: each provider has its own rules.
 */
export function verifyHmacJwt(
  token: string,
  keys: readonly (string | Uint8Array)[],
  algorithms: readonly JwtHmacAlgorithm[],
): JwtVerification {
  const segments = token.split('.');
  if (segments.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerSegment = '', claimsSegment = '', signatureSegment = ''] = segments;
  const header = decodeJsonSegment(headerSegment);
  const claims = decodeJsonSegment(claimsSegment);
  const signature = decodeSegment(signatureSegment);
  if (header === undefined || claims === undefined || signature === undefined) {
    return { ok: false, reason: 'malformed' };
  }
  const { alg } = header;
  if (typeof alg !== 'string' || !isAllowed(alg, algorithms) || 'crit' in header) {
    return { ok: false, reason: 'algorithm' };
  }
  if (signature.length !== DIGEST_BYTES[alg]) return { ok: false, reason: 'signature' };
  const signingInput = `${headerSegment}.${claimsSegment}`;
  if (!verifyHmac(JWT_HMAC_ALGORITHMS[alg], keys, signature, signingInput)) {
    return { ok: false, reason: 'signature' };
  }
  return { ok: true, algorithm: alg, header, claims };
}

/** Mints an HMAC-signed JWT (for test signers): `{"alg":…,"typ":"JWT"}` plus the claims as given. */
export function signHmacJwt(
  claims: Record<string, unknown>,
  key: string | Uint8Array,
  algorithm: JwtHmacAlgorithm = 'HS256',
): string {
  const header = encodeSegment(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  const payload = encodeSegment(JSON.stringify(claims));
  const signature = hmac(JWT_HMAC_ALGORITHMS[algorithm], key, `${header}.${payload}`);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

function isAllowed(alg: string, algorithms: readonly JwtHmacAlgorithm[]): alg is JwtHmacAlgorithm {
  return Object.hasOwn(JWT_HMAC_ALGORITHMS, alg) && (algorithms as readonly string[]).includes(alg);
}

/**
 * Strict unpadded base64url: the alphabet only, and canonical (re-encoding gives the same text),
 * so a token cannot be altered in its unused trailing bits and still verify.
 */
function decodeSegment(segment: string): Buffer | undefined {
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeSegment(segment);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(UTF8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function encodeSegment(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
