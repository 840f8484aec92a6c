import {
  createRcsWebhooks,
  type RcsEvent,
  type RcsWebhooks,
  type VonageOptions,
} from '../../../src/index.js';
import type { VonageSigning } from '../../../src/providers/vonage/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';

/** The secret of the test vector (test/fixtures/vonage/VECTORS.md): test-only. */
export const SECRET = 'test-signature-secret-0123456789ab';
/** A second test-only secret, for wrong-secret and rotation cases. */
export const OTHER_SECRET = 'other-signature-secret-9876543210zy';

/** The vector's `iat` (1735732800 s = 2025-01-01T12:00:00Z), as the injectable clock in ms. */
export const NOW = 1_735_732_800_000;
export const URL = 'http://127.0.0.1/webhooks/rcs/vonage';

export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** A core with only Vonage configured, recording every event and error. */
export function harness(
  options: VonageOptions = { signatureSecret: SECRET },
  extra: { toleranceSeconds?: number; now?: number } = {},
): Harness {
  const now = extra.now ?? NOW;
  const rcs = createRcsWebhooks({
    providers: { vonage: options },
    now: () => now,
    ...(extra.toleranceSeconds === undefined ? {} : { toleranceSeconds: extra.toleranceSeconds }),
  });
  const events: RcsEvent[] = [];
  const errors: Error[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  rcs.onError((error) => {
    errors.push(error);
  });
  return { rcs, events, errors };
}

/** Signs `body` (an object or the exact string) as Vonage would at `now`. */
export function sign(
  body: unknown,
  options: { now?: number; signing?: Partial<VonageSigning> } = {},
): Promise<SignedRequest> {
  return signRequest({
    provider: 'vonage',
    body,
    config: { signatureSecret: SECRET, ...options.signing },
    url: URL,
    now: options.now ?? NOW,
  });
}

export async function post(
  rcs: RcsWebhooks,
  body: unknown,
  options: { now?: number; signing?: Partial<VonageSigning> } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await rcs.handle(await sign(body, options));
  return { status: response.status, body: JSON.parse(response.body) };
}

/** Normalized event fields common to every Vonage event of these tests. */
export const base = { provider: 'vonage', receivedAt: new Date(NOW) } as const;
