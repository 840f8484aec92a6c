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
  return signRequest({
    provider: sample.provider,
    body,
    config: sample.signing,
    url: `http://127.0.0.1/webhooks/rcs/${sample.provider}`,
    ...(now === undefined ? {} : { now }),
  } as Parameters<typeof signRequest>[0]);
}

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
