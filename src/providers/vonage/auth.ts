import { checkTimestamp } from '../../auth/timestamp.js';
import { verifyHmacJwt } from '../../crypto/jwt.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import type { VonageConfig } from './options.js';
import { payloadHashMatches } from './payload-hash.js';

// Three base64url segments; the scheme name is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

function reject(code: 'missing_signature' | 'invalid_signature', message: string): never {
  throw new SignatureVerificationError(code, message, { provider: 'vonage' });
}

/**
 * Vonage Messages signed webhooks (developer.vonage.com messages/concepts/signed-webhooks):
 * `Authorization: Bearer <JWT>`, HS256 with the signature secret, claims `iat` (seconds), `jti`,
 * `iss: "Vonage"`, `payload_hash` (SHA-256 hex of the body), `api_key`, `application_id`.
 * Only HS256 is accepted (never `none`, never another algorithm). Vonage sends no `exp`, so the
 * replay window is `iat` ± `toleranceSeconds`; a token that does carry `exp` or `nbf` must also be
 * inside them, give or take `toleranceSeconds` (@vonage/jwt `verifySignature` refuses it outside them).
 */
export function authenticateVonage(request: ProviderRequest, config: VonageConfig): void {
  const header = request.headers.get('authorization');
  if (header === undefined || header.trim() === '')
    reject('missing_signature', 'missing Authorization header');
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) reject('invalid_signature', 'Authorization is not "Bearer <JWT>"');

  const result = verifyHmacJwt(token, config.signatureSecrets, ['HS256']);
  if (!result.ok) reject('invalid_signature', `the Authorization JWT is not valid (${result.reason})`);
  const { claims } = result;

  if (claims.iss !== 'Vonage') reject('invalid_signature', 'the JWT was not issued by Vonage (iss)');
  const { iat } = claims;
  if (typeof iat !== 'number' || !Number.isSafeInteger(iat) || iat < 0) {
    reject('invalid_signature', 'the JWT iat claim is not a number of seconds');
  }
  checkTimestamp('vonage', String(iat), request.now, request.toleranceSeconds);
  checkLifetime(claims, request.now, request.toleranceSeconds);
  if (!listed(claims.api_key, config.apiKeys)) {
    reject('invalid_signature', 'the JWT api_key is not one of the configured apiKey values');
  }
  if (!listed(claims.application_id, config.applicationIds)) {
    reject('invalid_signature', 'the JWT application_id is not one of the configured applicationId values');
  }
  const hash = claims.payload_hash;
  if (typeof hash !== 'string' || !payloadHashMatches(request, hash, config.strictPayloadHash)) {
    reject('invalid_signature', 'payload_hash does not match the body (was the raw body changed?)');
  }
}

/**
 * `exp` and `nbf` (RFC 7519 §4.1.4-5) when present, with the boundaries of jsonwebtoken, which
 * @vonage/jwt uses: expired from `exp` on, not valid before `nbf`. The SDK has no tolerance; here
 * `toleranceSeconds` absorbs clock skew, and 0 disables the window as it does for `iat`.
 */
function checkLifetime(claims: Record<string, unknown>, nowMs: number, toleranceSeconds: number): void {
  const { exp, nbf } = claims;
  if (exp !== undefined && typeof exp !== 'number')
    reject('invalid_signature', 'the JWT exp claim is not a number');
  if (nbf !== undefined && typeof nbf !== 'number')
    reject('invalid_signature', 'the JWT nbf claim is not a number');
  if (toleranceSeconds === 0) return;
  const now = Math.floor(nowMs / 1000);
  if (exp !== undefined && now >= exp + toleranceSeconds) stale('the JWT has expired (exp)');
  if (nbf !== undefined && nbf > now + toleranceSeconds) stale('the JWT is not valid yet (nbf)');
}

function stale(message: string): never {
  throw new SignatureVerificationError('stale_timestamp', message, { provider: 'vonage' });
}

/** An allow-list that is empty accepts anything, including an absent claim. */
function listed(claim: unknown, allowed: readonly string[]): boolean {
  return allowed.length === 0 || (typeof claim === 'string' && allowed.includes(claim));
}
