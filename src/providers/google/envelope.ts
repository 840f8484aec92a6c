import { PayloadParseError } from '../../errors/index.js';
import { isRecord } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { locateMessageData } from './envelope-scan.js';

/**
 * Google wraps each RBM event Pub/Sub-style as `{ message: { data: <base64 JSON>, messageId,
 * publishTime, attributes? }, subscription }`, and `X-Goog-Signature` covers the base64-DECODED
 * `message.data` (RBM "Webhooks" guide). Only `message.data` is read; the rest is Pub/Sub metadata.
 *
 * `data` is decoded strictly (standard alphabet, padded, canonical, as Pub/Sub sends it): a lenient
 * decoder would skip stray characters or ignore trailing bits, letting many different texts stand for
 * the same signed bytes. A body whose signed bytes cannot be located is a 400: there is nothing a
 * signature could cover.
 */

/** The data a signature must cover, found by a bounded scan (envelope-scan.ts): for authentication. */
export function locateEventBytes(request: ProviderRequest): { data: string; bytes: Buffer } {
  const located = locateMessageData(request.body);
  if (located.kind === 'malformed') throw malformed(`the Google RBM webhook body ${located.reason}`);
  if (located.kind === 'missing') throw missingData();
  return { data: located.data, bytes: decodeData(located.data) };
}

/** The `message.data` string of the parsed body. */
export function messageDataOf(request: ProviderRequest): string {
  const body = request.json();
  const data = isRecord(body) && isRecord(body.message) ? body.message.data : undefined;
  if (typeof data !== 'string') throw missingData();
  return data;
}

/** The event bytes of the parsed body: for normalization, once the request is authentic. */
export function eventBytes(request: ProviderRequest): Buffer {
  return decodeData(messageDataOf(request));
}

/**
 * Standard padded base64 that re-encodes to the same text: only the alphabet, padding where it
 * belongs, zero trailing bits. Cheaper than a pattern over a 1 MiB value (0.8 vs 7 ms).
 */
function decodeData(data: string): Buffer {
  const bytes = Buffer.from(data, 'base64');
  if (data.length % 4 !== 0 || bytes.toString('base64') !== data) {
    throw malformed('Google RBM `message.data` is not standard padded base64');
  }
  return bytes;
}

function malformed(message: string): PayloadParseError {
  return new PayloadParseError('malformed_body', message, { provider: 'google' });
}

function missingData(): PayloadParseError {
  return new PayloadParseError('invalid_payload', 'Google RBM webhook without a `message.data` string', {
    provider: 'google',
  });
}
