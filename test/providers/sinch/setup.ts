import { createRcsWebhooks, type RcsEvent, type RcsWebhooks, type SinchOptions } from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';

// Test-only webhook secrets. SECRET is the one of the notes' self-made RCS vector (VECTORS.md, vector 2).
export const SECRET = 'my-webhook-secret';
export const OTHER_SECRET = 'another-webhook-secret';

/** 2025-01-01T12:00:00Z, the timestamp of VECTORS.md vector 2, as the injectable clock in ms. */
export const NOW = 1_735_732_800_000;
export const URL = 'http://127.0.0.1/webhooks/rcs/sinch';

export const SIGNATURE = 'x-sinch-webhook-signature';
export const TIMESTAMP = 'x-sinch-webhook-signature-timestamp';
export const NONCE = 'x-sinch-webhook-signature-nonce';
export const ALGORITHM = 'x-sinch-webhook-signature-algorithm';

export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** A core with only Sinch configured, recording every event and error. */
export function harness(
  options: SinchOptions = { secret: SECRET },
  extra: { toleranceSeconds?: number; now?: number } = {},
): Harness {
  const now = extra.now ?? NOW;
  const rcs = createRcsWebhooks({
    providers: { sinch: options },
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

export interface SignOptions {
  now?: number;
  secret?: string;
  nonce?: string;
}

/** Signs `body` (an object or the exact string) as Sinch would at `now`. */
export function sign(body: unknown, options: SignOptions = {}): Promise<SignedRequest> {
  return signRequest({
    provider: 'sinch',
    body,
    config: {
      secret: options.secret ?? SECRET,
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    },
    url: URL,
    now: options.now ?? NOW,
  });
}

export async function post(
  rcs: RcsWebhooks,
  body: unknown,
  options: SignOptions = {},
): Promise<{ status: number; body: unknown }> {
  const response = await rcs.handle(await sign(body, options));
  return { status: response.status, body: JSON.parse(response.body) };
}

/** The events a fresh core emits for `body`. */
export async function eventsOf(body: unknown): Promise<RcsEvent[]> {
  const { rcs, events } = harness();
  const response = await post(rcs, body);
  if (response.status !== 200) throw new Error(`expected 200, got ${JSON.stringify(response)}`);
  return events;
}

/** Normalized event fields common to every Sinch event of these tests. */
export const base = { provider: 'sinch', receivedAt: new Date(NOW) } as const;
