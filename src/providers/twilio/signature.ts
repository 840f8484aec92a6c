import { createHash } from 'node:crypto';
import { hmac } from '../../crypto/hmac.js';

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
  const grouped = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = grouped.get(name) ?? new Set<string>();
    values.add(value);
    grouped.set(name, values);
  }
  let data = url;
  for (const name of [...grouped.keys()].sort()) {
    for (const value of [...(grouped.get(name) ?? [])].sort()) data += `${name}${value}`;
  }
  return data;
}

/** `X-Twilio-Signature`: base64 HMAC-SHA1 keyed with the Auth Token's UTF-8 bytes. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Iterable<readonly [string, string]>,
): string {
  return hmac('sha1', authToken, twilioSignedData(url, params)).toString('base64');
}

export function bodySha256(body: Uint8Array | string): Buffer {
  return createHash('sha256').update(body).digest();
}

/** Every `bodySHA256` value in the URL's query (decoded), in order. */
export function bodyHashParams(url: string): string[] {
  const query = url.split('#', 1)[0]?.split('?').slice(1).join('?') ?? '';
  return new URLSearchParams(query).getAll(BODY_HASH_PARAM);
}
