import { decodeAs, decodeBase64, decodeHex } from '../crypto/encoding.js';
import { type HmacAlgorithm, hmac, verifyHmac } from '../crypto/hmac.js';

const DIGEST_BYTES: Record<HmacAlgorithm, number> = {
  md5: 16,
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export interface HmacHeaderConfig {
  secrets: string[];
  header: string;
  algorithm: HmacAlgorithm;
  encoding: 'hex' | 'base64' | 'auto';
  /** Stripped from the header value before decoding, e.g. `sha256=`. */
  prefix: string;
}

/** HMAC of the raw body carried in one header, with header name, algorithm and encoding configurable. */
export function verifyHmacHeader(
  value: string | undefined,
  body: Uint8Array,
  config: HmacHeaderConfig,
): 'ok' | 'missing' | 'invalid' {
  if (value === undefined) return 'missing';
  const trimmed = value.trim();
  if (!trimmed.startsWith(config.prefix)) return 'invalid';
  const encoded = trimmed.slice(config.prefix.length);
  const signature =
    config.encoding === 'auto'
      ? (decodeHex(encoded) ?? decodeBase64(encoded))
      : decodeAs(config.encoding, encoded);
  // A digest has its algorithm's length (public): any other length is refused before the body is hashed.
  if (signature === undefined || signature.length !== DIGEST_BYTES[config.algorithm]) return 'invalid';
  return verifyHmac(config.algorithm, config.secrets, signature, body) ? 'ok' : 'invalid';
}

export function signHmacHeader(
  body: string,
  config: Omit<HmacHeaderConfig, 'secrets'> & { secret: string },
): string {
  const digest = hmac(config.algorithm, config.secret, body);
  return `${config.prefix}${digest.toString(config.encoding === 'base64' ? 'base64' : 'hex')}`;
}
