import { randomUUID } from 'node:crypto';
import { signHmacJwt } from '../../crypto/jwt.js';
import type { SignedParts, SignInput } from '../types.js';
import { sha256Hex } from './payload-hash.js';

export interface VonageSigning {
  /** The signature secret the endpoint is configured with. */
  signatureSecret: string;
  /** The `api_key` claim (Vonage always sends the account's API key); omitted when not given. */
  apiKey?: string;
  /** The `application_id` claim; omitted when not given. */
  applicationId?: string;
  /** The `jti` claim. Default: a random UUID, as Vonage sends. */
  jti?: string;
}

/**
 * Signs a test request as Vonage does: `Authorization: Bearer <JWT>`, header `{"alg":"HS256","typ":"JWT"}`,
 * claims in the order of Vonage's sample token: `iat` (from `now`, in seconds), `jti`, `iss: "Vonage"`,
 * `payload_hash` (SHA-256 hex of the exact body sent), `api_key`, `application_id`.
 */
export function signVonage(input: SignInput, signing: VonageSigning): SignedParts {
  const claims: Record<string, unknown> = {
    iat: Math.floor(input.now / 1000),
    jti: signing.jti ?? randomUUID(),
    iss: 'Vonage',
    payload_hash: sha256Hex(input.body),
  };
  if (signing.apiKey !== undefined) claims.api_key = signing.apiKey;
  if (signing.applicationId !== undefined) claims.application_id = signing.applicationId;
  return { headers: { authorization: `Bearer ${signHmacJwt(claims, signing.signatureSecret, 'HS256')}` } };
}
