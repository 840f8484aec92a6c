import { createHash } from 'node:crypto';
import { checkTimestamp } from '../../auth/timestamp.js';
import { decodeBase64 } from '../../crypto/encoding.js';
import { hmac, verifyHmac } from '../../crypto/hmac.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';

export const SIGNATURE_HEADER = 'MessageBird-Signature';
export const TIMESTAMP_HEADER = 'MessageBird-Request-Timestamp';

/**
 * Bird's signed message (docs.bird.com "Verifying a webhook", PHP and Go samples):
 * `timestamp "\n" url "\n" SHA-256(raw body)`, where the body hash is the raw 32-byte digest (not hex).
 */
function signedParts(timestamp: string, url: string, body: Uint8Array | string): [string, Buffer] {
  return [`${timestamp}\n${url}\n`, createHash('sha256').update(body).digest()];
}

/** HMAC-SHA256 keyed with the signing key's UTF-8 bytes; the header carries it in standard base64. */
export function birdSignature(
  key: string,
  timestamp: string,
  url: string,
  body: Uint8Array | string,
): string {
  return hmac('sha256', key, ...signedParts(timestamp, url, body)).toString('base64');
}

/**
 * Verifies `MessageBird-Signature` over the URL Bird called (`request.publicUrl`: behind a proxy that
 * is the `publicUrl` option, not the URL this server saw) and the exact body bytes.
 */
export function verifyBirdSignature(request: ProviderRequest, keys: readonly string[]): void {
  const header = request.headers.get(SIGNATURE_HEADER);
  if (header === undefined || header === '') {
    throw new SignatureVerificationError('missing_signature', `missing ${SIGNATURE_HEADER} header`, {
      provider: 'bird',
    });
  }
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  checkTimestamp('bird', timestamp, request.now, request.toleranceSeconds);
  const signature = decodeBase64(header);
  const valid =
    signature !== undefined &&
    signature.length === 32 &&
    verifyHmac('sha256', keys, signature, ...signedParts(timestamp ?? '', request.publicUrl, request.body));
  if (!valid) {
    throw new SignatureVerificationError(
      'invalid_signature',
      `${SIGNATURE_HEADER} did not match (is the publicUrl option the exact URL of the Bird subscription?)`,
      { provider: 'bird' },
    );
  }
}
