/**
 * Limits on what Twilio never sends, checked on the raw bytes before the form is decoded, sorted
 * or hashed (issue 13 A2: an unauthenticated 1 MiB form of 150,000 parameters cost about a second
 * of CPU). A Messaging webhook has a few dozen parameters; `Body` is at most 1,600 characters
 * (under 20 KB encoded); the rest are SIDs, addresses, media URLs and small JSON (`AddOns`).
 */
export const MAX_FORM_BYTES = 64 * 1024;
export const MAX_PARAMETERS = 256;
export const MAX_NAME_BYTES = 64;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;

/**
 * Why the raw form breaks a limit, or `undefined`. Work is bounded by the limits, not by the body:
 * at most MAX_PARAMETERS separator searches (native) and MAX_NAME_BYTES bytes read per name. Names
 * are read raw: Twilio's names are letters and digits, which form encoding never escapes.
 */
export function formLimitProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_FORM_BYTES) return `the form is over ${MAX_FORM_BYTES} bytes`;
  // A Buffer view (no copy): its indexOf is a native memchr.
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let start = 0;
  for (let count = 1; start <= body.length; count++) {
    if (count > MAX_PARAMETERS) return `the form has more than ${MAX_PARAMETERS} parameters`;
    const end = nextSeparator(body, start);
    if (!isPlainName(body, start, end)) return `parameter ${count} has a name Twilio never sends`;
    start = end + 1;
  }
  return undefined;
}

function nextSeparator(body: Buffer, from: number): number {
  const at = body.indexOf(AMPERSAND, from);
  return at === -1 ? body.length : at;
}

/** The name (up to `=` or the end of the pair): 1 to MAX_NAME_BYTES ASCII letters and digits. */
function isPlainName(body: Uint8Array, start: number, end: number): boolean {
  const limit = Math.min(end, start + MAX_NAME_BYTES + 1);
  let at = start;
  for (; at < limit; at++) {
    const byte = body[at] as number;
    if (byte === EQUALS) break;
    const alphanumeric =
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    if (!alphanumeric) return false;
  }
  const length = at - start;
  return length > 0 && length <= MAX_NAME_BYTES && (at === end || body[at] === EQUALS);
}
