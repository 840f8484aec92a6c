import type { SignedParts, SignInput } from '../types.js';
import { JWT_HEADER, mintLegacyJwt } from './legacy-jwt.js';
import { birdSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

export interface BirdSigning {
  /** The subscription's signing key. */
  signingKey: string;
  /** Send the legacy `MessageBird-Signature-JWT` header instead (the provider needs `legacyJwt: true`). */
  legacyJwt?: boolean;
}

/** Signs a test request as Bird does, over the URL given (the URL Bird would call) and the exact body. */
export function signBird(input: SignInput, signing: BirdSigning): SignedParts {
  if (signing.legacyJwt === true) {
    return { headers: { [JWT_HEADER]: mintLegacyJwt(signing.signingKey, input.url, input.body, input.now) } };
  }
  const timestamp = Math.floor(input.now / 1000).toString();
  return {
    headers: {
      [SIGNATURE_HEADER]: birdSignature(signing.signingKey, timestamp, input.url, input.body),
      [TIMESTAMP_HEADER]: timestamp,
    },
  };
}
