import type { RcsEvent, RcsWebhooks, SinchOptions } from '../../../src/index.js';
import { type SignedRequest, signRequest } from '../../../src/testing/index.js';
import type { AuthSubject } from '../../helpers/auth-matrix.js';
import {
  type Answer,
  type CoreOptions,
  type Harness,
  handled,
  providerHarness,
} from '../../helpers/provider-harness.js';

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

/** A core with only Sinch configured, recording every event and error. */
export function harness(options: SinchOptions = { secret: SECRET }, core: CoreOptions = {}): Harness {
  return providerHarness({ sinch: options }, { now: NOW, ...core });
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

export function post(rcs: RcsWebhooks, body: unknown, options: SignOptions = {}): Promise<Answer> {
  return handled(rcs, sign(body, options));
}

/** Sinch as the shared authentication cases see it, signing `body`. */
export function authSubject(body: unknown): AuthSubject<SinchOptions> {
  return {
    name: 'Sinch',
    key: 'secret',
    now: NOW,
    url: URL,
    body,
    options: { secret: SECRET },
    rotation: { both: { secret: [OTHER_SECRET, SECRET] }, otherOnly: { secret: [OTHER_SECRET] } },
    harness,
    sign: (signed, { now, other }) => sign(signed, { now, secret: other ? OTHER_SECRET : SECRET }),
    signatureHeaders: [SIGNATURE, TIMESTAMP, NONCE, ALGORITHM],
    secrets: [SECRET],
  };
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
