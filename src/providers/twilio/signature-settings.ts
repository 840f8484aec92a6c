/**
 * Header Twilio adds when a Webhook Rule signs with a SharedKey instead of the Auth Token:
 * `key=<SharedKey id>,algorithm=<HMAC_SHA1|HMAC_SHA256>`. The signed string is unchanged; only the
 * key and the hash differ. Without the header the signature is the Auth Token's HMAC-SHA1.
 * https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys; twilio-node `getSignatureAlgorithm`.
 */
export const SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings';

export type TwilioHash = 'sha1' | 'sha256';
export type TwilioAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256';

const HASHES: Readonly<Record<string, TwilioHash>> = { HMAC_SHA1: 'sha1', HMAC_SHA256: 'sha256' };
export const DIGEST_BYTES: Readonly<Record<TwilioHash, number>> = { sha1: 20, sha256: 32 };

/**
 * The hash the header names, as twilio-node reads it: the first non-empty `algorithm=` of the
 * comma-separated parts, any case; none means HMAC_SHA1. `undefined` for an algorithm neither knows.
 */
export function settingsHash(header: string): TwilioHash | undefined {
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1 || part.slice(0, separator).trim() !== 'algorithm') continue;
    const algorithm = part.slice(separator + 1).trim();
    if (algorithm === '') continue;
    const name = algorithm.toUpperCase();
    return Object.hasOwn(HASHES, name) ? HASHES[name] : undefined;
  }
  return 'sha1';
}

export function settingsHeader(keyId: string, algorithm: TwilioAlgorithm): string {
  return `key=${keyId},algorithm=${algorithm}`;
}
