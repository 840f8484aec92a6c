const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Strict base64 (padded, standard alphabet): anything else is `undefined`, never a lenient decode.
 * Accepts exactly what `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$` does,
 * without running that regex: over Google's 1 MiB `message.data`, before authentication, it cost
 * ~25x the decode itself. Node's decoder skips characters outside the alphabet (and stops at the first `=`),
 * so any such character leaves fewer bytes than a valid text of this length and padding decodes
 * to; it also reads base64url's `-` and `_`, and only the low byte of non-ASCII characters, so
 * those are refused first (test/core/decode-base64.test.ts checks the equivalence).
 */
export function decodeBase64(value: string): Buffer | undefined {
  const length = value.length;
  if (length % 4 !== 0 || Buffer.byteLength(value, 'utf8') !== length) return undefined;
  if (value.includes('-') || value.includes('_')) return undefined;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === (length / 4) * 3 - padding ? bytes : undefined;
}

/** Unpadded base64url, as used in JWTs. */
export function decodeBase64Url(value: string): Buffer | undefined {
  return BASE64URL.test(value) && value.length % 4 !== 1 ? Buffer.from(value, 'base64url') : undefined;
}

export function decodeHex(value: string): Buffer | undefined {
  // Buffer.from stops at the first non-hex pair, so a full-length result means every pair was hex.
  if (value.length % 2 !== 0) return undefined;
  const bytes = Buffer.from(value, 'hex');
  return bytes.length * 2 === value.length ? bytes : undefined;
}

export type BinaryEncoding = 'hex' | 'base64';

export function decodeAs(encoding: BinaryEncoding, value: string): Buffer | undefined {
  return encoding === 'hex' ? decodeHex(value) : decodeBase64(value);
}
