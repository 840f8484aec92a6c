import type { RcsWebhooks, VonageOptions } from '../../../src/index.js';
import type { VonageSigning } from '../../../src/providers/vonage/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';
import type { AuthSubject } from '../../helpers/auth-matrix.js';
import {
  type Answer,
  type CoreOptions,
  type Harness,
  handled,
  providerHarness,
} from '../../helpers/provider-harness.js';

/** The secret of the test vector (test/fixtures/vonage/VECTORS.md): test-only. */
export const SECRET = 'test-signature-secret-0123456789ab';
/** A second test-only secret, for wrong-secret and rotation cases. */
export const OTHER_SECRET = 'other-signature-secret-9876543210zy';

/** The vector's `iat` (1735732800 s = 2025-01-01T12:00:00Z), as the injectable clock in ms. */
export const NOW = 1_735_732_800_000;
export const URL = 'http://127.0.0.1/webhooks/rcs/vonage';

/** A core with only Vonage configured, recording every event and error. */
export function harness(
  options: VonageOptions = { signatureSecret: SECRET },
  core: CoreOptions = {},
): Harness {
  return providerHarness({ vonage: options }, { now: NOW, ...core });
}

export interface SignOptions {
  now?: number;
  signing?: Partial<VonageSigning>;
}

/** Signs `body` (an object or the exact string) as Vonage would at `now`. */
export function sign(body: unknown, options: SignOptions = {}): Promise<SignedRequest> {
  return signRequest({
    provider: 'vonage',
    body,
    config: { signatureSecret: SECRET, ...options.signing },
    url: URL,
    now: options.now ?? NOW,
  });
}

export function post(rcs: RcsWebhooks, body: unknown, options: SignOptions = {}): Promise<Answer> {
  return handled(rcs, sign(body, options));
}

/** Vonage as the shared authentication cases see it, signing `body`. */
export function authSubject(body: unknown): AuthSubject<VonageOptions> {
  return {
    name: 'Vonage',
    key: 'secret',
    now: NOW,
    url: URL,
    body,
    options: { signatureSecret: SECRET },
    rotation: {
      both: { signatureSecret: [OTHER_SECRET, SECRET] },
      otherOnly: { signatureSecret: [OTHER_SECRET] },
    },
    harness,
    sign: (signed, { now, other }) =>
      sign(signed, { now, signing: { signatureSecret: other ? OTHER_SECRET : SECRET } }),
    signatureHeaders: ['authorization'],
    secrets: [SECRET],
  };
}

/** Normalized event fields common to every Vonage event of these tests. */
export const base = { provider: 'vonage', receivedAt: new Date(NOW) } as const;
