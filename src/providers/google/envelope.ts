import { decodeBase64 } from '../../crypto/encoding.js';
import { PayloadParseError } from '../../errors/index.js';
import { isRecord } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';

/**
 * The event bytes of an RBM push: Google wraps each event Pub/Sub-style as
 * `{ message: { data: <base64 JSON>, messageId, publishTime, attributes? }, subscription }`, and
 * `X-Goog-Signature` covers the base64-DECODED `message.data` (RBM "Webhooks" guide), so the outer
 * JSON has to be parsed before verifying. Only `message.data` is read; the rest is Pub/Sub metadata.
 *
 * `data` is decoded strictly (standard alphabet, padded, as Pub/Sub sends it): a lenient decoder
 * would skip stray characters, letting many different texts stand for the same signed bytes.
 * A body whose signed bytes cannot be located is a 400: there is nothing a signature could cover.
 */
export function eventBytes(request: ProviderRequest): Buffer {
  const body = request.json();
  const data = isRecord(body) && isRecord(body.message) ? body.message.data : undefined;
  if (typeof data !== 'string') {
    throw new PayloadParseError('invalid_payload', 'Google RBM webhook without a `message.data` string', {
      provider: 'google',
    });
  }
  const bytes = decodeBase64(data);
  if (bytes === undefined) {
    throw new PayloadParseError('malformed_body', 'Google RBM `message.data` is not standard padded base64', {
      provider: 'google',
    });
  }
  return bytes;
}
