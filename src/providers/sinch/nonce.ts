import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: bigint, length: number): string {
  let text = '';
  let rest = value;
  for (let index = 0; index < length; index++) {
    text = `${CROCKFORD[Number(rest & 31n)]}${text}`;
    rest >>= 5n;
  }
  return text;
}

/**
 * A nonce shaped like Sinch's (a ULID: 48-bit millisecond time, then 80 "random" bits, in Crockford
 * base32), deterministic for tests: the random part is taken from SHA-256 of the time and the body,
 * so one body signed at one instant always gets the same nonce, and anything else another one.
 */
export function deterministicNonce(nowMs: number, body: string): string {
  const digest = createHash('sha256')
    .update(`${Math.floor(nowMs)}.${body}`)
    .digest('hex');
  return base32(BigInt(Math.floor(nowMs)), 10) + base32(BigInt(`0x${digest.slice(0, 20)}`), 16);
}
