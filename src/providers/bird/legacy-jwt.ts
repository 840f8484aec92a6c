import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../../crypto/compare.js';
import { decodeHex } from '../../crypto/encoding.js';
import { signHmacJwt, verifyHmacJwt } from '../../crypto/jwt.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';

export const JWT_HEADER = 'MessageBird-Signature-JWT';

// The official Node SDK verifies with jose's `clockTolerance: 5` (messagebird-nodejs
// lib/webhook-signature-jwt.js); the Go SDK allows 1 s. The larger of the two.
const CLOCK_SKEW_SECONDS = 5;
// MessageBird minted tokens valid for 60 s (`exp = nbf + 60` in every reference token); neither SDK
// caps the lifetime, so a token valid for 30,000 years was accepted. 5 minutes leaves room for
// retries and matches the default replay window of the other providers.
export const MAX_LIFETIME_SECONDS = 300;

// Claims of MessageBird's reference tokens (messagebird-nodejs lib/testdata/webhook-signature-jwt-reference.json).
// `nbf` and `exp` are required, as in the Go SDK (the Node SDK lets a token without `exp` through).
const claimsSchema = z.object({
  iss: z.literal('MessageBird'),
  nbf: z.number(),
  exp: z.number(),
  jti: z.string().min(1),
  url_hash: z.string(),
  payload_hash: z.string().optional(),
});

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const sha256Hex = (data: Uint8Array | string) => sha256(data).toString('hex');

/**
 * A hex SHA-256 claim against the digest of `data`, as bytes: the SDKs decode the hex (either case)
 * before comparing. Decoding is strict here (even length, hex digits only, 32 bytes), where the
 * Node SDK's `Buffer.from(hex)` silently drops what follows a bad digit.
 */
function hashMatches(claim: string, data: Uint8Array | string): boolean {
  const bytes = decodeHex(claim);
  return bytes !== undefined && bytes.length === 32 && constantTimeEqual(bytes, sha256(data));
}

function reject(code: 'invalid_signature' | 'stale_timestamp', message: string): never {
  throw new SignatureVerificationError(code, `${JWT_HEADER} ${message}`, { provider: 'bird' });
}

/**
 * Legacy `MessageBird-Signature-JWT`: an HS256/384/512 JWT whose claims bind the exact URL
 * (`url_hash`) and body (`payload_hash`, present iff the body is non-empty). `toleranceSeconds: 0`
 * disables the `nbf`/`exp` check, as it disables every timestamp window.
 */
export function verifyLegacyJwt(request: ProviderRequest, keys: readonly string[], token: string): void {
  const result = verifyHmacJwt(token, keys, ['HS256', 'HS384', 'HS512']);
  if (!result.ok) reject('invalid_signature', `is not valid (${result.reason})`);
  const parsed = claimsSchema.safeParse(result.claims);
  if (!parsed.success) reject('invalid_signature', 'lacks a required claim');
  const claims = parsed.data;
  const lifetime = claims.exp - claims.nbf;
  if (!(lifetime >= 0 && lifetime <= MAX_LIFETIME_SECONDS)) {
    reject('invalid_signature', `is valid for ${lifetime} s, not 0 to ${MAX_LIFETIME_SECONDS} s (exp - nbf)`);
  }
  // Whole seconds and jose's boundaries, as the Node SDK: valid from nbf - 5 s, expired at exp + 5 s.
  const now = Math.floor(request.now / 1000);
  if (request.toleranceSeconds > 0) {
    if (now < claims.nbf - CLOCK_SKEW_SECONDS) reject('stale_timestamp', 'is not valid yet (nbf)');
    if (now >= claims.exp + CLOCK_SKEW_SECONDS) reject('stale_timestamp', 'has expired (exp)');
  }
  if (!hashMatches(claims.url_hash, request.publicUrl)) {
    reject('invalid_signature', 'was issued for another URL (check the publicUrl option)');
  }
  const hasBody = request.body.length > 0;
  if (hasBody !== (claims.payload_hash !== undefined)) reject('invalid_signature', 'payload_hash mismatch');
  if (claims.payload_hash !== undefined && !hashMatches(claims.payload_hash, request.body)) {
    reject('invalid_signature', 'payload_hash mismatch');
  }
}

/** A token as MessageBird minted them: valid from now for 60 s, a random `jti`. */
export function mintLegacyJwt(key: string, url: string, body: string, nowMs: number): string {
  const nbf = Math.floor(nowMs / 1000);
  const claims: Record<string, unknown> = {
    iss: 'MessageBird',
    nbf,
    exp: nbf + 60,
    jti: randomUUID(),
    url_hash: sha256Hex(url),
  };
  if (body !== '') claims.payload_hash = sha256Hex(body);
  return signHmacJwt(claims, key, 'HS256');
}
