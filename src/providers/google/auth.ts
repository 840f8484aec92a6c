import { decodeBase64 } from '../../crypto/encoding.js';
import { verifyHmac } from '../../crypto/hmac.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import { locateEventBytes, messageDataOf } from './envelope.js';
import type { GoogleConfig } from './options.js';

export const SIGNATURE_HEADER = 'x-goog-signature';

/** HMAC-SHA512 digests are 64 bytes (88 base64 characters). */
const DIGEST_BYTES = 64;

/**
 * `X-Goog-Signature` = base64(HMAC-SHA512(key = clientToken, message = decoded `message.data`)).
 * The signature header is checked before the body is looked at; every configured token is tried in
 * constant time. Nothing time-based is signed (see README: replays are caught by deduplication).
 *
 * The body is not parsed before the signature verifies (issue 13 item A2): a bounded scan finds
 * `message.data`, and only then is the body parsed, which must hold that same `message.data`.
 */
export function authenticateGoogle(request: ProviderRequest, config: GoogleConfig): void {
  const header = request.headers.get(SIGNATURE_HEADER);
  if (header === undefined || header === '') throw failure('missing_signature', 'missing X-Goog-Signature');
  const signature = decodeBase64(header);
  if (signature === undefined || signature.length !== DIGEST_BYTES) {
    throw failure('invalid_signature', 'X-Goog-Signature is not a base64 HMAC-SHA512 digest');
  }
  const { data, bytes } = locateEventBytes(request);
  if (!verifyHmac('sha512', config.clientTokens, signature, bytes)) {
    throw failure('invalid_signature', 'X-Goog-Signature did not match any configured clientToken');
  }
  if (messageDataOf(request) !== data) {
    throw failure(
      'invalid_signature',
      'X-Goog-Signature does not cover the `message.data` of the parsed body',
    );
  }
}

function failure(
  code: 'missing_signature' | 'invalid_signature',
  message: string,
): SignatureVerificationError {
  return new SignatureVerificationError(code, message, { provider: 'google' });
}
