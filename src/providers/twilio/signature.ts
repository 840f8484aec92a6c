import { createHash } from 'node:crypto';
import { hmac } from '../../crypto/hmac.js';
import { type SortedParams, sortParams } from './form-shape.js';
import type { TwilioHash } from './signature-settings.js';

export const SIGNATURE_HEADER = 'X-Twilio-Signature';
/** Query parameter carrying the SHA-256 (hex) of a JSON body; such requests sign the URL alone. */
export const BODY_HASH_PARAM = 'bodySHA256';

/**
 * The string Twilio signs (docs "Secure webhooks"; twilio-node `getExpectedTwilioSignature`): the
 * full URL, then for every parameter, sorted by name in code-unit order (case-sensitive), the
 * name immediately followed by its decoded value, with no separators. A repeated name contributes
 * each distinct value once, values sorted: twilio-node's vectors sign `Digits` = [5678, 1234, 1234]
 * as `Digits1234Digits5678`, whatever the order the values arrived in.
 */
export function twilioSignedData(url: string, params: Iterable<readonly [string, string]>): string {
  return url + twilioParamsText(sortParams(params));
}

/** The parameters' part of the signed string, built once per request and reused for every URL variant. */
export function twilioParamsText(sorted: SortedParams): string {
  let data = '';
  for (const [name, values] of sorted) {
    if (values.length === 1) data += `${name}${values[0]}`;
    else for (const value of [...new Set(values)].sort()) data += `${name}${value}`;
  }
  return data;
}

/**
 * `X-Twilio-Signature`: base64 HMAC keyed with the secret's UTF-8 bytes: SHA-1 with the Auth Token,
 * or the algorithm a SharedKey's Webhook Setting names (signature-settings.ts).
 */
export function twilioSignature(
  secret: string,
  url: string,
  params: Iterable<readonly [string, string]>,
  algorithm: TwilioHash = 'sha1',
): string {
  return hmac(algorithm, secret, twilioSignedData(url, params)).toString('base64');
}

export function bodySha256(body: Uint8Array | string): Buffer {
  return createHash('sha256').update(body).digest();
}

/** Every `bodySHA256` value in the URL's query (decoded), in order. */
export function bodyHashParams(url: string): string[] {
  const query = url.split('#', 1)[0]?.split('?').slice(1).join('?') ?? '';
  return new URLSearchParams(query).getAll(BODY_HASH_PARAM);
}
