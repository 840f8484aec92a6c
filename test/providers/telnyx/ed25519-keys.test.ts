import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readEd25519PublicKey } from '../../../src/crypto/ed25519.js';
import { ed25519PublicKeyFlaw } from '../../../src/crypto/ed25519-point.js';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { NOW, OTHER_PUBLIC_KEY, PUBLIC_KEY, SIGNATURE, TIMESTAMP } from './setup.js';

const P = 2n ** 255n - 19n;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The 32-byte little-endian encoding of `y`, with the sign bit of x in the top bit. */
function encode(y: bigint, sign: 0 | 1 = 0): Buffer {
  const bytes = Buffer.alloc(32);
  let rest = y;
  for (let index = 0; index < 32; index++) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (sign === 1) bytes[31] = (bytes[31] ?? 0) | 0x80;
  return bytes;
}

// The eight points of order 1, 2, 4 and 8, canonically encoded, as listed by "Taming the many EdDSAs"
// (Chalkias, Garillot, Nikolaenko, 2020, table of small-order points) and libsodium's blocklist
// (crypto_core/ed25519/ref10/ed25519_ref10.c, `has_small_order`): written out, not computed here.
const ORDER_8_Y = '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05';
const ORDER_8_Y_NEG = 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a';
const SMALL_ORDER = [
  ['order 1 (neutral)', '0100000000000000000000000000000000000000000000000000000000000000'],
  ['order 2', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
  ['order 4, the all-zero placeholder', '0000000000000000000000000000000000000000000000000000000000000000'],
  ['order 4, negative x', '0000000000000000000000000000000000000000000000000000000000000080'],
  ['order 8, a', ORDER_8_Y],
  ['order 8, b', `${ORDER_8_Y.slice(0, 62)}85`],
  ['order 8, c', ORDER_8_Y_NEG],
  ['order 8, d', `${ORDER_8_Y_NEG.slice(0, 62)}fa`],
] as const;

// Non-canonical encodings: x = 0 with the sign bit set (RFC 8032 §5.1.3 step 4), and every y ≥ p
// that fits in 255 bits, with both signs. y = p and p + 1 are the small-order y = 0 and y = 1 again.
const NEGATIVE_ZERO = [encode(1n, 1), encode(P - 1n, 1)];
const ABOVE_P = Array.from({ length: 19 }, (_, offset) => [
  encode(P + BigInt(offset), 0),
  encode(P + BigInt(offset), 1),
]).flat();

function forms(raw: Buffer): string[] {
  const der = Buffer.concat([SPKI_PREFIX, raw]);
  return [
    raw.toString('base64'),
    der.toString('base64'),
    `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`,
  ];
}

function configurationError(publicKey: string | string[]): ConfigurationError {
  try {
    createRcsWebhooks({ providers: { telnyx: { publicKey } } });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('the key was accepted');
}

describe('Ed25519 public keys that must never be accepted (issue 13, A3)', () => {
  for (const [what, hex] of SMALL_ORDER) {
    it(`refuses the small-order point of ${what}, in every key format`, () => {
      for (const text of forms(Buffer.from(hex, 'hex'))) {
        expect(readEd25519PublicKey(text).problem).toMatch(/small-order point/);
      }
    });
  }

  it('refuses every non-canonical encoding (y ≥ 2^255 - 19, or x = 0 with the sign bit)', () => {
    for (const raw of ABOVE_P) {
      expect(ed25519PublicKeyFlaw(raw)).toMatch(/not canonical \(y is not below 2\^255 - 19\)/);
      expect(readEd25519PublicKey(raw.toString('base64')).key).toBeUndefined();
    }
    for (const raw of NEGATIVE_ZERO) {
      expect(ed25519PublicKeyFlaw(raw)).toMatch(/not canonical \(x is 0 with the sign bit set\)/);
    }
  });

  it('refuses an encoding that is not a point of the curve (y = 2: x² is not a square)', () => {
    expect(ed25519PublicKeyFlaw(encode(2n))).toBe('it is not a point of the Ed25519 curve');
  });

  it('accepts real keys: the test vectors and freshly generated ones, in every format', () => {
    const generated = Array.from({ length: 32 }, () =>
      generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(12),
    );
    for (const raw of [
      Buffer.from(PUBLIC_KEY, 'base64'),
      Buffer.from(OTHER_PUBLIC_KEY, 'base64'),
      ...generated,
    ]) {
      expect(ed25519PublicKeyFlaw(raw)).toBeUndefined();
      for (const text of forms(raw))
        expect(readEd25519PublicKey(text).key?.asymmetricKeyType).toBe('ed25519');
    }
    expect(() => createRcsWebhooks({ providers: { telnyx: { publicKey: PUBLIC_KEY } } })).not.toThrow();
  });

  it('refuses the all-zero placeholder at construction with a ConfigurationError that says why', () => {
    const error = configurationError('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(error.message).toMatch(/telnyx publicKey is refused: .*small-order point/);
    expect(error.message).not.toContain('AAAAAAAAAAAAAAAAAAAA');
    expect(() =>
      createRcsWebhooks({ env: { RCS_TELNYX_PUBLIC_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' } }),
    ).toThrow(/small-order point/);
    expect(configurationError([PUBLIC_KEY, encode(P).toString('base64')]).message).toMatch(
      /telnyx publicKey\[1\] is refused: .*not canonical/,
    );
  });

  it('makes the forged-request attack impossible: zero signatures verify under the zero key, which is refused', async () => {
    // What the attack relied on: OpenSSL (and the telnyx SDK, through WebCrypto) import the zero key,
    // and 64 zero bytes then verify for a share of bodies.
    const zeroKey = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, Buffer.alloc(32)]),
      format: 'der',
      type: 'spki',
    });
    const timestamp = String(NOW / 1000);
    const bodies = Array.from(
      { length: 12 },
      (_, index) => `{"data":{"event_type":"message.received","n":${index}}}`,
    );
    const forged = bodies.filter((body) =>
      verify(null, Buffer.from(`${timestamp}|${body}`), zeroKey, Buffer.alloc(64)),
    );
    expect(forged.length).toBeGreaterThan(0);

    // No small-order key can be configured, so the only keys left are ones zero signatures fail under.
    for (const [, hex] of SMALL_ORDER) {
      expect(configurationError(Buffer.from(hex, 'hex').toString('base64'))).toBeInstanceOf(
        ConfigurationError,
      );
    }
    const rcs = createRcsWebhooks({ providers: { telnyx: { publicKey: PUBLIC_KEY } }, now: () => NOW });
    for (const body of forged) {
      const response = await rcs.handle({
        method: 'POST',
        url: '/webhooks/rcs/telnyx',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP]: timestamp,
          [SIGNATURE]: Buffer.alloc(64).toString('base64'),
        },
        body: new TextEncoder().encode(body),
      });
      expect(response.status).toBe(401);
    }
  });
});
