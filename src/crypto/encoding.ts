const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64 (padded, standard alphabet): anything else is `undefined`, never a lenient decode. */
export function decodeBase64(value: string): Buffer | undefined {
  return BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
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
