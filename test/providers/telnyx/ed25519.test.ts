import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ed25519PublicKeyBase64,
  parseEd25519PrivateKey,
  parseEd25519PublicKey,
  signEd25519,
  verifyEd25519,
} from '../../../src/crypto/ed25519.js';
import { PRIVATE_KEY, PUBLIC_KEY } from './setup.js';

const encode = (text: string) => new TextEncoder().encode(text);
const SEED = Buffer.from(PRIVATE_KEY, 'base64');
const PKCS8_DER = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]);
const SPKI_DER = Buffer.concat([
  Buffer.from('302a300506032b6570032100', 'hex'),
  Buffer.from(PUBLIC_KEY, 'base64'),
]);
const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der.toString('base64')}\n-----END ${label}-----\n`;

describe('Ed25519 helpers', () => {
  it('derives the vector public key from its seed, in every private key format', () => {
    for (const text of [PRIVATE_KEY, PKCS8_DER.toString('base64'), pem('PRIVATE KEY', PKCS8_DER)]) {
      const key = parseEd25519PrivateKey(text);
      expect(key).toBeDefined();
      expect(ed25519PublicKeyBase64(key!)).toBe(PUBLIC_KEY);
    }
  });

  it('parses a public key as raw base64, SPKI DER base64 or SPKI PEM', () => {
    for (const text of [PUBLIC_KEY, SPKI_DER.toString('base64'), pem('PUBLIC KEY', SPKI_DER)]) {
      const key = parseEd25519PublicKey(text);
      expect(key?.asymmetricKeyType).toBe('ed25519');
      expect(ed25519PublicKeyBase64(key!)).toBe(PUBLIC_KEY);
    }
  });

  it('rejects keys of other algorithms and malformed text', () => {
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
    for (const text of [
      x25519.toString('base64'),
      rsa,
      '',
      'AAAA',
      'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg',
    ]) {
      expect(parseEd25519PublicKey(text)).toBeUndefined();
    }
    expect(parseEd25519PublicKey(pem('PRIVATE KEY', PKCS8_DER))).toBeUndefined();
    expect(parseEd25519PrivateKey(PUBLIC_KEY.slice(0, -1))).toBeUndefined();
    expect(parseEd25519PrivateKey(pem('PUBLIC KEY', SPKI_DER))).toBeUndefined();
  });

  it('signs deterministically and verifies against any of several keys', () => {
    const privateKey = parseEd25519PrivateKey(PRIVATE_KEY)!;
    const publicKey = parseEd25519PublicKey(PUBLIC_KEY)!;
    const other = generateKeyPairSync('ed25519').publicKey;
    const message = encode('1735689600|{}');
    const signature = signEd25519(privateKey, message);
    expect(signature).toHaveLength(64);
    expect(signEd25519(privateKey, message)).toEqual(signature);
    expect(verifyEd25519([other, publicKey], message, signature)).toBe(true);
    expect(verifyEd25519([other], message, signature)).toBe(false);
    expect(verifyEd25519([publicKey], encode('1735689600|{} '), signature)).toBe(false);
    expect(verifyEd25519([publicKey], message, signature.subarray(0, 63))).toBe(false);
    expect(verifyEd25519([], message, signature)).toBe(false);
  });
});
