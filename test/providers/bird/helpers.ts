import { createRcsWebhooks, type RcsEvent, type RcsWebhooksOptions } from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';
import type { BirdOptions } from '../../../src/providers/bird/index.js';
import type { BirdSigning } from '../../../src/providers/bird/sign.js';

export const BIRD_KEY = 'bird-test-signing-key';
/** The injectable clock every Bird test runs at. */
export const NOW = Date.parse('2026-03-02T09:30:00Z');
export const BIRD_URL = 'http://127.0.0.1/webhooks/rcs/bird';

/** A core with Bird configured that records every event it emits. */
export function birdCore(
  bird: BirdOptions = { signingKey: BIRD_KEY },
  options: Omit<RcsWebhooksOptions, 'providers'> = {},
) {
  const rcs = createRcsWebhooks({ providers: { bird }, now: () => NOW, ...options });
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  return { rcs, events };
}

export function signedBird(
  body: unknown,
  options: { config?: Partial<BirdSigning>; url?: string; now?: number } = {},
) {
  return signRequest({
    provider: 'bird',
    body,
    config: { signingKey: BIRD_KEY, ...options.config },
    url: options.url ?? BIRD_URL,
    now: options.now ?? NOW,
  });
}
