import { checkTimestamp } from '../../auth/timestamp.js';
import { decodeBase64 } from '../../crypto/encoding.js';
import { hmac, verifyHmac } from '../../crypto/hmac.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import type { SinchConfig } from './options.js';

// Header names as the Conversation API docs ("Validating callbacks") and sinch-sdk-node read them.
export const SIGNATURE_HEADER = 'x-sinch-webhook-signature';
export const TIMESTAMP_HEADER = 'x-sinch-webhook-signature-timestamp';
export const NONCE_HEADER = 'x-sinch-webhook-signature-nonce';
export const ALGORITHM_HEADER = 'x-sinch-webhook-signature-algorithm';
export const ALGORITHM = 'HmacSHA256';

const SHA256_BYTES = 32;
// Sinch sends ULIDs. A `.` would make `body.nonce.timestamp` ambiguous, so only token characters pass.
const NONCE = /^[A-Za-z0-9_+/=-]{1,256}$/;

/** What Sinch appends to the raw body before signing: `.` nonce `.` timestamp (all UTF-8). */
function suffix(nonce: string, timestamp: string): string {
  return `.${nonce}.${timestamp}`;
}

/** `base64(HMAC-SHA256(utf8(secret), rawBody "." nonce "." timestamp))`: the secret is not base64-decoded. */
export function sinchSignature(secret: string, body: string, nonce: string, timestamp: string): string {
  return hmac('sha256', secret, body, suffix(nonce, timestamp)).toString('base64');
}

/**
 * Verifies the four `x-sinch-webhook-signature*` headers over the exact body bytes. Stricter than
 * the SDK, which re-serializes parsed bodies, ignores the algorithm header and checks no timestamp:
 * here the algorithm must be HmacSHA256 and the timestamp (plain digits, seconds) inside the window
 * in both directions. Like the SDK (which compares the header as text), only canonical base64 of
 * the signature is accepted. Replays inside the window carry the same event ids, so the store's
 * idempotency runs their handlers once.
 */
export function authenticateSinch(request: ProviderRequest, config: SinchConfig): void {
  const header = (name: string) => {
    const value = request.headers.get(name);
    if (value === undefined || value === '') throw failure('missing_signature', `missing ${name} header`);
    return value;
  };
  const signatureHeader = header(SIGNATURE_HEADER);
  const algorithm = header(ALGORITHM_HEADER);
  const nonce = header(NONCE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  checkTimestamp('sinch', timestamp, request.now, request.toleranceSeconds);
  if (algorithm.toLowerCase() !== ALGORITHM.toLowerCase()) {
    throw failure('invalid_signature', `${ALGORITHM_HEADER} is not ${ALGORITHM}`);
  }
  if (!NONCE.test(nonce)) throw failure('invalid_signature', `${NONCE_HEADER} is malformed`);
  const signature = decodeBase64(signatureHeader);
  // Canonical base64 only (unused trailing bits zero): the SDK compares the header as text, so it
  // refuses any other spelling of the same 32 bytes.
  if (
    signature === undefined ||
    signature.length !== SHA256_BYTES ||
    signature.toString('base64') !== signatureHeader
  ) {
    throw failure('invalid_signature', `${SIGNATURE_HEADER} is not a base64 HMAC-SHA256`);
  }
  if (!verifyHmac('sha256', config.secrets, signature, request.body, suffix(nonce, timestamp ?? ''))) {
    throw failure('invalid_signature', 'Sinch signature did not match any configured webhook secret');
  }
}

function failure(code: 'missing_signature' | 'invalid_signature', message: string) {
  return new SignatureVerificationError(code, message, { provider: 'sinch' });
}
