import {
  createRcsWebhooks,
  type ProviderName,
  type ProvidersOptions,
  type RcsEvent,
  type RcsWebhooks,
  type RcsWebhooksOptions,
} from 'rcs-webhooks';
import { type SignedRequest, type SignRequestInput, signRequest } from 'rcs-webhooks/testing';
import { expect } from 'vitest';
import type { ProviderSample } from '../../examples/samples/types.js';
import { loadFixture } from './fixtures.js';

// The harness every provider's tests share (test/providers/<provider>/setup.ts wraps it with that
// provider's test keys, clock and URL): a core that records what it emits, and its answers.

/** A core and everything it emitted, in order. */
export interface Harness {
  rcs: RcsWebhooks;
  events: RcsEvent[];
  errors: Error[];
}

/** Global core options of a provider test; `now` is the fixed clock, in epoch ms. */
export type CoreOptions = Omit<RcsWebhooksOptions, 'providers' | 'now'> & { now?: number };

/** Status and parsed JSON body of an answer. */
export interface Answer {
  status: number;
  body: unknown;
}

/** Records every event and every error `rcs` emits. */
export function record(rcs: RcsWebhooks): Harness {
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

/** A core with only `providers` configured, at the fixed clock `core.now`, recording events and errors. */
export function providerHarness(providers: ProvidersOptions, core: CoreOptions = {}): Harness {
  const { now, ...rest } = core;
  return record(createRcsWebhooks({ providers, ...(now === undefined ? {} : { now: () => now }), ...rest }));
}

/** Status and body of a response whose body must be JSON (anything else fails the test). */
export function jsonAnswer(response: {
  status: number;
  body: string;
  headers?: Record<string, string>;
}): Answer {
  // An accepted Twilio request is answered with TwiML, kept as text.
  const xml = response.headers?.['content-type']?.startsWith('text/xml') === true;
  return { status: response.status, body: xml ? response.body : JSON.parse(response.body) };
}

/** Hands `request` to `rcs` and answers its status and JSON body. */
export async function handled(
  rcs: RcsWebhooks,
  request: SignedRequest | Promise<SignedRequest>,
): Promise<Answer> {
  return jsonAnswer(await rcs.handle(await request));
}

/**
 * Runs a demo sample (examples/samples/<provider>.ts) end to end: a core with the sample's options,
 * and every sample fixture signed with its signing config, each of which must be answered 200.
 */
export async function runSample(
  provider: ProviderName,
  sample: ProviderSample,
  signing: { now: number; url?: string },
): Promise<{ events: RcsEvent[]; bodies: string[] }> {
  if (sample.provider !== provider) throw new Error(`not the ${provider} sample`);
  const { rcs, events } = providerHarness({ [sample.provider]: sample.options }, { now: signing.now });
  const bodies: string[] = [];
  for (const name of sample.fixtures) {
    // A sample pairs its provider with that provider's signing config; TypeScript cannot follow the pairing.
    const input = {
      provider: sample.provider,
      body: loadFixture(sample.provider, name),
      config: sample.signing,
      ...signing,
    } as SignRequestInput;
    const response = await rcs.handle(await signRequest(input));
    expect(response.status).toBe(200);
    bodies.push(response.body);
  }
  return { events, bodies };
}

/**
 * An authenticated body that does not fit (README "HTTP status-code contract"): answered 200, each
 * item that does not fit emitted as `unsupported` (raw kept, a reason that never quotes a value),
 * and each reported to `onError` as a PayloadParseError with `code`.
 */
export function expectAcknowledgedAsUnsupported(
  answer: Answer,
  { events, errors }: Harness,
  code: 'invalid_payload' | 'malformed_body' = 'invalid_payload',
): void {
  expect(answer.status).toBe(200);
  const unsupported = events.filter((event) => event.kind === 'unsupported');
  expect(unsupported.length).toBeGreaterThan(0);
  expect(errors).toHaveLength(unsupported.length);
  for (const error of errors) expect(error).toMatchObject({ name: 'PayloadParseError', code });
}
