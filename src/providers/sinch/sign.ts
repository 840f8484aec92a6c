import type { SignedParts, SignInput } from '../types.js';
import {
  ALGORITHM,
  ALGORITHM_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  sinchSignature,
  TIMESTAMP_HEADER,
} from './auth.js';
import { deterministicNonce } from './nonce.js';

export interface SinchSigning {
  /** The webhook secret the receiving side is configured with. */
  secret: string;
  /** The nonce to send. Default: a ULID-shaped value derived from `now` and the body (deterministic). */
  nonce?: string;
}

/** Signs a test request as the Conversation API does: timestamp (seconds) from `now`, nonce, HMAC-SHA256. */
export function signSinch(input: SignInput, signing: SinchSigning): SignedParts {
  const timestamp = Math.floor(input.now / 1000).toString();
  const nonce = signing.nonce ?? deterministicNonce(input.now, input.body);
  return {
    headers: {
      [SIGNATURE_HEADER]: sinchSignature(signing.secret, input.body, nonce, timestamp),
      [TIMESTAMP_HEADER]: timestamp,
      [NONCE_HEADER]: nonce,
      [ALGORITHM_HEADER]: ALGORITHM,
    },
  };
}
