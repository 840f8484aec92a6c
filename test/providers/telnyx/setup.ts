import type { RcsWebhooks, TelnyxOptions } from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';
import type { AuthSubject } from '../../helpers/auth-matrix.js';
import {
  type Answer,
  type CoreOptions,
  type Harness,
  handled,
  providerHarness,
} from '../../helpers/provider-harness.js';

// The seed and public key of the Telnyx test vector (test/fixtures/telnyx/VECTORS.md): test-only keys.
export const PRIVATE_KEY = Buffer.from(
  '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  'hex',
).toString('base64');
export const PUBLIC_KEY = 'A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=';

// A second test-only pair (seed bytes 0x20…0x3f), for wrong-key and rotation cases.
export const OTHER_PRIVATE_KEY = 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=';
export const OTHER_PUBLIC_KEY = 'Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=';

/** The vector's `telnyx-timestamp` (1735689600 s), as the injectable clock in ms. */
export const NOW = 1_735_689_600_000;
export const URL = 'http://127.0.0.1/webhooks/rcs/telnyx';

export const SIGNATURE = 'telnyx-signature-ed25519';
export const TIMESTAMP = 'telnyx-timestamp';

/** A core with only Telnyx configured, recording every event and error. */
export function harness(options: TelnyxOptions = { publicKey: PUBLIC_KEY }, core: CoreOptions = {}): Harness {
  return providerHarness({ telnyx: options }, { now: NOW, ...core });
}

export interface SignOptions {
  now?: number;
  privateKey?: string;
}

/** Signs `body` (an object or the exact string) as Telnyx would at `now`. */
export function sign(body: unknown, options: SignOptions = {}): Promise<SignedRequest> {
  return signRequest({
    provider: 'telnyx',
    body,
    config: { privateKey: options.privateKey ?? PRIVATE_KEY },
    url: URL,
    now: options.now ?? NOW,
  });
}

export function post(rcs: RcsWebhooks, body: unknown, options: SignOptions = {}): Promise<Answer> {
  return handled(rcs, sign(body, options));
}

/** Telnyx as the shared authentication cases see it, signing `body`. */
export function authSubject(body: unknown): AuthSubject<TelnyxOptions> {
  return {
    name: 'Telnyx',
    key: 'key',
    now: NOW,
    url: URL,
    body,
    options: { publicKey: PUBLIC_KEY },
    rotation: {
      both: { publicKey: [OTHER_PUBLIC_KEY, PUBLIC_KEY] },
      otherOnly: { publicKey: [OTHER_PUBLIC_KEY] },
    },
    harness,
    sign: (signed, { now, other }) =>
      sign(signed, { now, privateKey: other ? OTHER_PRIVATE_KEY : PRIVATE_KEY }),
    signatureHeaders: [SIGNATURE, TIMESTAMP],
    secrets: [PRIVATE_KEY, OTHER_PRIVATE_KEY],
  };
}

/** Normalized event fields common to every Telnyx event of these tests. */
export const base = { provider: 'telnyx', receivedAt: new Date(NOW) } as const;
