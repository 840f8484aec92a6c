import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { ed25519PublicKeyFlaw } from './ed25519-point.js';
import { decodeBase64 } from './encoding.js';

// DER prefixes for Ed25519 (OID 1.3.101.112, RFC 8410): an SPKI public key and a PKCS#8 private
// key are these bytes followed by the raw 32-byte key or seed.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const ED25519_SIGNATURE_BYTES = 64;

export type Ed25519PublicKeyRead =
  | { key: KeyObject; problem?: undefined }
  | { key?: undefined; problem: string };

/**
 * An Ed25519 public key from text: base64 of the raw 32-byte key (what Telnyx's portal shows),
 * base64 of an SPKI DER structure, or an SPKI PEM. Refused, with the reason in `problem`: anything
 * else (including keys of another algorithm), and keys that are not canonical or of small order
 * (OpenSSL imports those, and a small-order key lets forged signatures verify). Build the key once
 * and reuse it: parsing is the expensive part.
 */
export function readEd25519PublicKey(value: string): Ed25519PublicKeyRead {
  const key = importEd25519PublicKey(value);
  if (key === undefined) return { problem: 'it is not an Ed25519 public key' };
  const flaw = ed25519PublicKeyFlaw(rawPublicKey(key));
  return flaw === undefined ? { key } : { problem: `it is not a usable Ed25519 public key: ${flaw}` };
}

/** `readEd25519PublicKey` without the reason: `undefined` for any refused key. */
export function parseEd25519PublicKey(value: string): KeyObject | undefined {
  return readEd25519PublicKey(value).key;
}

function importEd25519PublicKey(value: string): KeyObject | undefined {
  const text = value.trim();
  // createPublicKey would also derive a public key from a private PEM: only a public PEM is accepted.
  if (text.startsWith('-----BEGIN')) {
    return text.startsWith('-----BEGIN PUBLIC KEY-----')
      ? ed25519Only(() => createPublicKey(text))
      : undefined;
  }
  const bytes = decodeBase64(text);
  if (bytes === undefined) return undefined;
  const der = bytes.length === 32 ? Buffer.concat([SPKI_PREFIX, bytes]) : bytes;
  return ed25519Only(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
}

/**
 * An Ed25519 private key from text: a PKCS#8 PEM, base64 of a PKCS#8 DER structure, or base64 of
 * the raw 32-byte seed. `undefined` for anything else.
 */
export function parseEd25519PrivateKey(value: string): KeyObject | undefined {
  const text = value.trim();
  if (text.startsWith('-----BEGIN')) return ed25519Only(() => createPrivateKey(text));
  const bytes = decodeBase64(text);
  if (bytes === undefined) return undefined;
  const der = bytes.length === 32 ? Buffer.concat([PKCS8_PREFIX, bytes]) : bytes;
  return ed25519Only(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

/**
 * True when `signature` is a valid Ed25519 signature of `message` under any of `keys` (rotation).
 * Public keys are not secret, so stopping at the first match reveals nothing.
 */
export function verifyEd25519(
  keys: readonly KeyObject[],
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  return keys.some((key) => {
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  });
}

/**
 * `verifyEd25519` off the event loop: node:crypto's callback form runs on the libuv thread pool, so
 * under concurrency the main thread keeps serving requests while signatures are checked (bench:
 * crypto.ed25519_verify.node_callback_c64). WebCrypto's subtle.verify also runs there but costs more
 * per call on Node; it is the choice for runtimes without node:crypto.
 */
export async function verifyEd25519Async(
  keys: readonly KeyObject[],
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  for (const key of keys) {
    const valid = await new Promise<boolean>((resolve) => {
      try {
        verify(null, message, key, signature, (error, ok) => resolve(error === null && ok));
      } catch {
        resolve(false);
      }
    });
    if (valid) return true;
  }
  return false;
}

/** Signs `message` (pure Ed25519, no pre-hash); the signature is 64 bytes. */
export function signEd25519(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign(null, message, privateKey);
}

/** The raw 32-byte public key, base64-encoded, of a private or public Ed25519 key. */
export function ed25519PublicKeyBase64(key: KeyObject): string {
  return rawPublicKey(key.type === 'private' ? createPublicKey(key) : key).toString('base64');
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function ed25519Only(build: () => KeyObject): KeyObject | undefined {
  try {
    const key = build();
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}
