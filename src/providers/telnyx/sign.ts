import { parseEd25519PrivateKey, signEd25519 } from '../../crypto/ed25519.js';
import { ConfigurationError } from '../../errors/index.js';
import type { SignedParts, SignInput } from '../types.js';
import { SIGNATURE_HEADER, signedBytes, TIMESTAMP_HEADER } from './auth.js';

export interface TelnyxSigning {
  /**
   * The Ed25519 private key matching the configured public key: a PKCS#8 PEM, base64 of PKCS#8 DER,
   * or base64 of the raw 32-byte seed. Telnyx never hands out its key: this is for your own tests.
   */
  privateKey: string;
}

const encoder = new TextEncoder();

/** Signs a test request as Telnyx does: `telnyx-timestamp` from `now`, Ed25519 over `timestamp|body`. */
export function signTelnyx(input: SignInput, signing: TelnyxSigning): SignedParts {
  const key = parseEd25519PrivateKey(signing.privateKey);
  if (key === undefined) {
    throw new ConfigurationError('telnyx privateKey is not an Ed25519 private key (PKCS#8 or 32-byte seed)', {
      provider: 'telnyx',
    });
  }
  const timestamp = Math.floor(input.now / 1000).toString();
  const signature = signEd25519(key, signedBytes(timestamp, encoder.encode(input.body)));
  return { headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature.toString('base64') } };
}
