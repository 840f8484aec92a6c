import { readFileSync } from 'node:fs';
import {
  createRcsWebhooks,
  type ProvidersOptions,
  type RcsEvent,
  type RcsWebhooksOptions,
} from 'rcs-webhooks';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { loadSamples } from '../../examples/samples/index.js';
import type { ProviderSample } from '../../examples/samples/types.js';

/** Statuses the HTTP contract allows (README "HTTP status-code contract"). */
export const CONTRACT_STATUSES = new Set([200, 400, 401, 404, 405, 408, 409, 413, 415, 500, 503]);

export const samples: ProviderSample[] = await loadSamples();

/** The origin `rcs.handle` and `rcs.fetch` are given in these tests. */
export const IN_PROCESS_ORIGIN = 'http://127.0.0.1';

/** Text a failing handler throws (with every secret appended): no response may contain it. */
export const HANDLER_ERROR_TEXT = 'hostile-suite handler failure 5e2a';

/** One core configured with every provider's demo credentials, recording what it emits. */
export function coreForAll(options: Omit<RcsWebhooksOptions, 'providers'> = {}) {
  const providers = Object.fromEntries(
    samples.map((sample) => [sample.provider, sample.options]),
  ) as ProvidersOptions;
  const rcs = createRcsWebhooks({ providers, ...options });
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  return { rcs, events };
}

export function fixtureBody(sample: ProviderSample, fixture = sample.fixtures[0]): string {
  const file = new URL(`../fixtures/${sample.provider}/${fixture}.json`, import.meta.url);
  return readFileSync(file, 'utf8');
}

export function sign(sample: ProviderSample, body: string, now?: number): Promise<SignedRequest> {
  return signFor(IN_PROCESS_ORIGIN, sample, body, { now });
}

/**
 * A request the sample's configuration accepts when sent to `origin` (URL-signing providers sign
 * the origin too), optionally signed at another time or with other credentials.
 */
export function signFor(
  origin: string,
  sample: ProviderSample,
  body: string,
  { now, signing = sample.signing }: { now?: number | undefined; signing?: unknown } = {},
): Promise<SignedRequest> {
  return signRequest({
    provider: sample.provider,
    body,
    config: signing,
    url: `${origin}/webhooks/rcs/${sample.provider}`,
    ...(now === undefined ? {} : { now }),
  } as Parameters<typeof signRequest>[0]);
}

/** Whether a failing handler is acknowledged (200) rather than answered 500 so the provider retries. */
export function acknowledgesFailures(sample: ProviderSample): boolean {
  // Google acknowledges failed handlers by default (its retries stall every agent of a partner).
  const policy = 'handlerErrors' in sample.options ? sample.options.handlerErrors : undefined;
  return (policy ?? (sample.provider === 'google' ? 'acknowledge' : 'retry')) === 'acknowledge';
}

/** Every secret of every sample: none may appear in any response. */
export const allSecrets = (): string[] => samples.flatMap(secretsOf);

/** Every string of six or more characters in a sample's credentials: none may appear in a response. */
export function secretsOf(sample: ProviderSample): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 6) found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(sample.options);
  walk(sample.signing);
  return found;
}
