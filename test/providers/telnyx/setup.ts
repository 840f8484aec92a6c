import {
  createRcsWebhooks,
  type RcsEvent,
  type RcsWebhooks,
  type TelnyxOptions,
} from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';

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

export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** A core with only Telnyx configured, recording every event and error. */
export function harness(
  options: TelnyxOptions = { publicKey: PUBLIC_KEY },
  extra: { toleranceSeconds?: number; now?: number } = {},
): Harness {
  const now = extra.now ?? NOW;
  const rcs = createRcsWebhooks({
    providers: { telnyx: options },
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

/** Signs `body` (an object or the exact string) as Telnyx would at `now`. */
export function sign(
  body: unknown,
  options: { now?: number; privateKey?: string } = {},
): Promise<SignedRequest> {
  return signRequest({
    provider: 'telnyx',
    body,
    config: { privateKey: options.privateKey ?? PRIVATE_KEY },
    url: URL,
    now: options.now ?? NOW,
  });
}

export async function post(
  rcs: RcsWebhooks,
  body: unknown,
  options: { now?: number; privateKey?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await rcs.handle(await sign(body, options));
  return { status: response.status, body: JSON.parse(response.body) };
}

/** Normalized event fields common to every Telnyx event of these tests. */
export const base = { provider: 'telnyx', receivedAt: new Date(NOW) } as const;
