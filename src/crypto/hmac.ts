import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export function hmac(
  algorithm: HmacAlgorithm,
  key: Uint8Array | string,
  ...parts: (Uint8Array | string)[]
): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * True when `signature` is the HMAC of `parts` under any of `keys` (secret rotation).
 * Every key is tried, so timing does not reveal which one matched.
 */
export function verifyHmac(
  algorithm: HmacAlgorithm,
  keys: readonly (Uint8Array | string)[],
  signature: Uint8Array,
  ...parts: (Uint8Array | string)[]
): boolean {
  let matched = false;
  for (const key of keys) {
    // The digest length is public (it is the algorithm's), so comparing lengths first leaks nothing
    // and timingSafeEqual compares the digests directly: no extra hashing, unlike secrets.
    const digest = hmac(algorithm, key, ...parts);
    matched = (digest.length === signature.length && timingSafeEqual(digest, signature)) || matched;
  }
  return matched;
}
