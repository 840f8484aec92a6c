/**
 * Checks on an Ed25519 public key's 32-byte encoding that OpenSSL does not make when it imports a key:
 * canonical encoding, a point of the curve, and not of small order (RFC 8032 §5.1.3 decoding; the
 * small-order points are the eight points of the curve's torsion subgroup, whose encodings are
 * listed in "Taming the many EdDSAs", Chalkias et al., 2020, and libsodium's `has_small_order`).
 *
 * A small-order key is worthless: with the all-zero key, 64 zero bytes verify as a signature of about
 * one message in four. Field arithmetic with BigInt: slow, but it runs once per configured key.
 */

const P = 2n ** 255n - 19n;
// d = -121665 / 121666 (mod p), RFC 8032 §5.1.
const D = mod(-121665n * inverse(121666n));
// sqrt(-1) = 2^((p-1)/4) (mod p), RFC 8032 §5.1.3 step 3.
const SQRT_M1 = power(2n, (P - 1n) / 4n);

export const ED25519_PUBLIC_KEY_BYTES = 32;

/** Why a raw 32-byte public key must be refused, or `undefined` when it is usable. */
export function ed25519PublicKeyFlaw(raw: Uint8Array): string | undefined {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) return `it is ${raw.length} bytes, not 32`;
  const point = decodePoint(raw);
  if (typeof point === 'string') return point;
  if (hasSmallOrder(point)) {
    return 'it is a small-order point (such as the all-zero placeholder key), for which forged signatures verify';
  }
  return undefined;
}

interface Point {
  x: bigint;
  y: bigint;
}

/** RFC 8032 §5.1.3, refusing every non-canonical encoding; a string says why decoding failed. */
function decodePoint(raw: Uint8Array): Point | string {
  let y = 0n;
  for (let index = raw.length - 1; index >= 0; index--) y = (y << 8n) | BigInt(raw[index] ?? 0);
  const sign = y >> 255n;
  y &= (1n << 255n) - 1n;
  if (y >= P) return 'its encoding is not canonical (y is not below 2^255 - 19)';
  const y2 = mod(y * y);
  const u = mod(y2 - 1n);
  const v = mod(D * y2 + 1n);
  // x = u v^3 (u v^7)^((p-5)/8), then fixed up by sqrt(-1) or refused (§5.1.3 steps 2-3).
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 !== u) {
    if (vx2 !== mod(-u)) return 'it is not a point of the Ed25519 curve';
    x = mod(x * SQRT_M1);
  }
  if (x === 0n && sign === 1n) return 'its encoding is not canonical (x is 0 with the sign bit set)';
  if ((x & 1n) !== sign) x = P - x;
  return { x, y };
}

/** True when [8]P is the neutral element, i.e. the point's order divides the cofactor 8. */
function hasSmallOrder(point: Point): boolean {
  // Projective (X:Y:Z) doubling on -x^2 + y^2 = 1 + d x^2 y^2 ("dbl-2008-hwcd", a = -1).
  let [x, y, z] = [point.x, point.y, 1n];
  for (let step = 0; step < 3; step++) {
    const a = mod(x * x);
    const b = mod(y * y);
    const c = mod(2n * z * z);
    const e = mod((x + y) * (x + y) - a - b);
    const g = mod(b - a);
    const f = mod(g - c);
    const h = mod(-a - b);
    [x, y, z] = [mod(e * f), mod(g * h), mod(f * g)];
  }
  return x === 0n && y === z;
}

function mod(value: bigint): bigint {
  const rest = value % P;
  return rest < 0n ? rest + P : rest;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let square = mod(base);
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if ((rest & 1n) === 1n) result = mod(result * square);
    square = mod(square * square);
  }
  return result;
}

function inverse(value: bigint): bigint {
  return power(value, P - 2n);
}
